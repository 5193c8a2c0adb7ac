"""``kiosk fishbowl``: the fishbowl discussion timer on its own: the controls on the laptop and,
with ``--public-screen N``, the public view full screen on the projector."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from kiosk import startup

logger = logging.getLogger("kiosk.fishbowl")


def run(args: argparse.Namespace) -> int:
    app = startup.start_gui()
    if app is None:
        return 1
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.fishbowl.build import build
    from kiosk.ui.fishbowl.window import PublicWindow

    result = startup.load(args.content)
    gallery = result.gallery
    screens = QGuiApplication.screens()
    public_screen = None
    if args.public_screen is not None:
        if 0 <= args.public_screen < len(screens):
            public_screen = screens[args.public_screen]
        else:
            logger.warning(
                "screen %s not found; %d screen(s): one-screen mode",
                args.public_screen,
                len(screens),
            )
    primary = QGuiApplication.primaryScreen()
    size = startup.window_size(primary, args.windowed)
    ctx = startup.make_context(gallery, size, args.lang, args.reduced_motion)
    startup.apply_theme(app, gallery, ctx.scale)
    export_dir = Path(args.export_dir) if args.export_dir else None
    window, controller = build(ctx, gallery, export_dir, public_elsewhere=public_screen is not None)
    public = None
    if public_screen is not None:
        public = PublicWindow(ctx, controller)
        public.setGeometry(public_screen.geometry())
        public.showFullScreen()
    window.resize(*size)
    startup.show_on(window, primary, args.windowed)
    from kiosk.ui.watchdog import start_heartbeat

    # the facilitator's session under a supervisor: a hung timer is restarted (and restored)
    heartbeats = []  # kept alive while the app runs

    def on_screen() -> None:
        logger.info("fishbowl timer on screen")
        heartbeats.append(start_heartbeat(window, "fishbowl"))

    startup.after_first_frame(window, on_screen)
    code = app.exec()
    controller.close()
    del public
    return code
