"""``kiosk fishbowl``: the timer on its own, restored from the last save if there is one."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import log as klog
from kiosk import paths
from kiosk.core.clock import MonotonicClock, SystemWallClock
from kiosk.core.fishbowl import FishbowlConfig, FishbowlSession
from kiosk.core.fishbowl_store import SessionStore
from kiosk.ui import run as ui_run

logger = logging.getLogger("kiosk.fishbowl")


def open_session(store: SessionStore, preset, lang: str | None,  # noqa: ANN001
                 default_lang: str | None) -> tuple[FishbowlSession, str]:
    """The saved session if there is one (paused, nothing lost), else a new one from the preset."""
    loaded = store.load(MonotonicClock(), wall=SystemWallClock())
    if loaded.session is not None:
        return loaded.session, loaded.message
    session = FishbowlSession.from_preset(preset, MonotonicClock(), wall=SystemWallClock(),
                                          lang=lang, default_lang=default_lang)
    return session, loaded.message


def build(ctx, gallery, export_dir: Path | None = None,  # noqa: ANN001, ANN201
          public_elsewhere: bool = False):
    """The fishbowl window and its controller for a context: from ``kiosk fishbowl`` and from
    the gallery's admin screen."""
    from kiosk.ui.fishbowl.controller import FishbowlController
    from kiosk.ui.fishbowl.sound import Chime
    from kiosk.ui.fishbowl.window import FishbowlWindow

    store = SessionStore(paths.data_dir() / "fishbowl", wall=SystemWallClock())
    session, message = open_session(store, gallery.fishbowl, ctx.lang, gallery.default_language)
    if message:
        logger.info("fishbowl: %s", message)
    controller = FishbowlController(session, store, export_dir or paths.data_dir() / "exports",
                                    Chime())
    setup = FishbowlConfig.from_preset(gallery.fishbowl, ctx.lang, gallery.default_language)
    window = FishbowlWindow(ctx, controller, setup if session.state.value == "setup"
                            else session.config, public_elsewhere=public_elsewhere)
    if message and session.recovery is not None:
        controller.message.emit(message)
    return window, controller


def fishbowl(args: argparse.Namespace) -> int:
    if ui_run.display_missing():
        print(ui_run.NO_DISPLAY, file=sys.stderr)
        return 1
    klog.setup(paths.data_dir())
    klog.route_qt_messages()
    app = ui_run.get_app()
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.fishbowl.window import PublicWindow

    result = ui_run.load(args.content)
    gallery = result.gallery
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    public_screen = None
    if args.public_screen is not None:
        if 0 <= args.public_screen < len(screens):
            public_screen = screens[args.public_screen]
        else:
            logger.warning("screen %s not found; %d screen(s): one-screen mode",
                           args.public_screen, len(screens))
    geometry = primary.geometry()
    size = (min(1600, geometry.width()), min(900, geometry.height())) if args.windowed else \
        (geometry.width(), geometry.height())
    ctx = ui_run.make_context(gallery, size, args.lang, args.reduced_motion, presenter=True)
    ui_run.apply_theme(app, gallery, ctx.scale)
    export_dir = Path(args.export_dir) if args.export_dir else None
    window, controller = build(ctx, gallery, export_dir, public_elsewhere=public_screen is not None)
    public = None
    if public_screen is not None:
        public = PublicWindow(ctx, controller)
        public.setGeometry(public_screen.geometry())
        public.showFullScreen()
    if args.windowed:
        window.resize(*size)
        window.show()
    else:
        window.setGeometry(geometry)
        window.showFullScreen()
    window.activateWindow()
    code = app.exec()
    controller.close()
    del public
    return code
