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


def run(args: argparse.Namespace) -> int:
    """``kiosk shot``: render one screen offscreen to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    klog.setup(None, logging.WARNING)
    app = startup.get_app()
    result = startup.load(args.content)
    width, height = args.size
    screen = args.shot_screen
    if screen == "fishbowl":
        from kiosk.ui.fishbowl.demo import demo_session
        from kiosk.ui.fishbowl.public import PublicView

        ctx = startup.make_context(result.gallery, (width, height), args.lang, reduced_motion=True)
        startup.apply_theme(app, result.gallery, ctx.scale)
        session = demo_session(
            result.gallery.fishbowl, args.state, ctx.lang, result.gallery.default_language
        )
        view = PublicView(session, ctx.palette, reduced_motion=True, translator=ctx.translator)
        view.resize(width, height)
        image = startup.render(app, view, ctx)
        return _save(image, args.out, f"fishbowl ({args.state})", width, height)
    if screen == "console":
        return _console(app, result, args)
    window = startup.gallery_window(result, (width, height), lang=args.lang, reduced_motion=True)
    window.visitor.set(text_step=args.text_size, high_contrast=args.high_contrast, reach=args.reach)
    if screen in ("poster", "help", "settings", "blackout"):
        target = args.poster or (result.gallery.posters[0].id if result.gallery.posters else "")
        if not window.nav.open_id(target):
            print(f"kiosk shot: poster '{target}' not found", file=sys.stderr)
            return 2
    if screen == "overview":
        window.nav.overview()
    if screen == "quotes":
        window.nav.quotes()
    if screen == "help":
        window.modes.enter(Mode.HELP)
    if screen == "about":
        window.modes.enter(Mode.ABOUT)
    if screen == "settings":
        window.modes.enter(Mode.SETTINGS)
    if screen == "blackout":
        window.modes.enter(Mode.BLACKOUT)
    return _save(startup.render(app, window, window.ctx), args.out, screen, width, height)


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
        console.set_remote(RemoteCard(console.ctx, example, compact=True))
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
