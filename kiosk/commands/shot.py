"""``kiosk shot``: one screen rendered offscreen to a PNG (for docs, checks and authors)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import log as klog
from kiosk import startup
from kiosk.core.modes import Mode

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kiosk.content.loader import LoadResult
    from kiosk.ui.main_window import MainWindow


def run(args: argparse.Namespace) -> int:
    """``kiosk shot``: render one screen offscreen to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    klog.setup(None, logging.WARNING)
    app = startup.get_app()
    result = startup.load(args.content)
    width, height = args.size
    screen = args.shot_screen
    if screen == "fishbowl":
        image = fishbowl_image(app, result, (width, height), args.lang, args.state)
        return _save(image, args.out, f"fishbowl ({args.state})", width, height)
    if screen == "console":
        return _console(app, result, args)
    window = startup.gallery_window(result, (width, height), lang=args.lang, reduced_motion=True)
    window.visitor.set(text_step=args.text_size, high_contrast=args.high_contrast, reach=args.reach)
    if not show_screen(window, screen, args.poster):
        target = args.poster or ""
        print(f"kiosk shot: poster '{target}' not found", file=sys.stderr)
        return 2
    return _save(startup.render(app, window, window.ctx), args.out, screen, width, height)


# the layers a screen name opens over the gallery (over a poster for help, settings, blackout)
LAYERS = {
    "help": Mode.HELP,
    "about": Mode.ABOUT,
    "settings": Mode.SETTINGS,
    "blackout": Mode.BLACKOUT,
}


def show_screen(window: MainWindow, screen: str, poster: str | None = None) -> bool:
    """Put ``window`` on the gallery screen named (home, poster, overview, quotes, or a layer
    over a poster); False when the poster asked for does not exist. Layers opened before are
    closed first, so one window can be shown screen after screen."""
    for _ in range(len(LAYERS)):  # one at a time: closing the About card returns to the help
        if not window.modes.escape():
            break
    posters = window.ctx.gallery.posters
    if screen == "home":
        window.nav.home()
    if screen in ("poster", *LAYERS) and screen != "about":
        target = poster or (posters[0].id if posters else "")
        ids = [p.id for p in posters]
        # open_id is False for the poster already open, as well as for one that is not there
        if not window.nav.open_id(target) and target not in ids:
            return False
    if screen == "overview":
        window.nav.overview()
    if screen == "quotes":
        window.nav.quotes()
    if screen in LAYERS:
        window.modes.enter(LAYERS[screen])
    return True


def fishbowl_image(
    app: QApplication,
    result: LoadResult,
    size: tuple[int, int],
    lang: str | None,
    state: str,
    theme: bool = True,
) -> QImage:
    """The fishbowl's public view in a demo session's ``state`` (``theme`` False: the look
    applied already)."""
    from kiosk.ui.fishbowl.demo import demo_session
    from kiosk.ui.fishbowl.public import PublicView

    ctx = startup.make_context(result.gallery, size, lang, reduced_motion=True)
    if theme:
        startup.apply_theme(app, result.gallery, ctx.scale)
    session = demo_session(
        result.gallery.fishbowl, state, ctx.lang, result.gallery.default_language
    )
    view = PublicView(session, ctx.palette, reduced_motion=True, translator=ctx.translator)
    view.resize(*size)
    image = startup.render(app, view, ctx)
    view.close()
    view.deleteLater()
    return image


# the console's clocks for --state: minutes into a 20-minute talk
CONSOLE_MINUTES = {"warning": 18.5, "overtime": 21.25}


def _console(app: QApplication, result: LoadResult, args: argparse.Namespace) -> int:
    """The presenter's console (``kiosk present``) on a poster, beside a 1920x1080 gallery."""
    from kiosk.core.clock import FakeClock, FakeWallClock
    from kiosk.ui.present.presenter import Presenter

    width, height = args.size
    window = startup.gallery_window(
        result, (1920, 1080), lang=args.lang, reduced_motion=True, hints=False
    )
    window.resize(1920, 1080)
    posters = [p.id for p in result.gallery.posters]
    target = args.poster or (posters[1:] or posters or [""])[0]
    if not window.nav.open_id(target):
        print(f"kiosk shot: poster '{target}' not found", file=sys.stderr)
        return 2
    clock = FakeClock(1000.0)
    wall = FakeWallClock(1_781_879_400.0)  # a wall clock for the picture: 19 June 2026
    presenter = Presenter(
        window, (width, height), peek=False, clock=clock, wall=wall, talk_minutes=20
    )
    clock.advance(60 * CONSOLE_MINUTES.get(args.state, 7.25))
    console = presenter.console
    if args.remote:
        from kiosk.core.remote.access import new_token
        from kiosk.ui.remote.qr import RemoteCard

        example = f"http://192.168.1.23:8765/?t={new_token()}"  # an example: nothing listens
        console.add_remote(RemoteCard(console.ctx, example, compact=True))
    console.resize(width, height)
    startup.render(app, window, window.ctx)
    console.show()
    startup.render(app, console, window.ctx)
    presenter.grab_mirror()
    presenter.tick()
    image = startup.render(app, console, window.ctx)
    presenter.stop()
    return _save(image, args.out, f"console ({args.state})", width, height)


def _save(image: QImage, out_name: str, what: str, width: int, height: int) -> int:
    out = Path(out_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        print(f"kiosk shot: could not write {out}", file=sys.stderr)
        return 1
    print(f"{out}: {what} at {width}x{height}")
    return 0
