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


def _save(image: QImage, out_name: str, what: str, width: int, height: int) -> int:
    out = Path(out_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        print(f"kiosk shot: could not write {out}", file=sys.stderr)
        return 1
    print(f"{out}: {what} at {width}x{height}")
    return 0
