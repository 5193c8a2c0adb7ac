"""Starting the GUI: the application factory, the gallery window, and ``kiosk shot``."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from kiosk import log as klog
from kiosk import paths

logger = logging.getLogger("kiosk")


def display_missing() -> bool:
    """True on a Linux machine with no display and no Qt platform chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def get_app(argv: list[str] | None = None):  # noqa: ANN201 - QApplication
    """The QApplication: an existing one (tests, pytest-qt's ``qapp``) or a new one."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName(paths.APP_NAME)
        app.setOrganizationName(paths.ORG_NAME)
    return app


def load(content: str | None):  # noqa: ANN201 - LoadResult
    from kiosk.content.loader import load_gallery

    folder = paths.content_dir(content)
    result = load_gallery(folder, paths.assets_dir())
    for problem in result.problems:
        logger.log(logging.ERROR if problem.is_error else logging.WARNING, "content: %s", problem)
    logger.info("content %s: %s", folder, result.summary())
    return result


def make_context(gallery, size: tuple[int, int], lang: str | None = None,  # noqa: ANN001
                 reduced_motion: bool = False, presenter: bool = True):  # noqa: ANN201
    """Fonts, palette, type scale and image store for a window of ``size``."""
    from kiosk import theme
    from kiosk.ui.context import Ctx
    from kiosk.ui.images import ImageStore

    theme.load_fonts(paths.assets_dir() / "fonts")
    settings = gallery.settings
    palette = theme.palette_for(settings.theme.name, settings.theme.accent)
    scale = theme.TypeScale.for_size(*size)
    if lang and lang not in settings.languages:
        logger.warning("language %s is not one of the gallery's %s", lang, settings.languages)
    return Ctx(gallery=gallery, images=ImageStore(), palette=palette, scale=scale,
               lang=lang or settings.default_language,
               reduced_motion=reduced_motion or settings.reduced_motion, presenter=presenter)


def apply_theme(app, gallery, scale) -> bool:  # noqa: ANN001
    from kiosk import theme

    return theme.apply_base(app, gallery.settings.theme.name, paths.data_dir() / "cache", scale,
                            prerendered=paths.assets_dir() / "theme")


NO_DISPLAY = ("kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
              "desktop, under Xvfb, or offscreen: QT_QPA_PLATFORM=offscreen kiosk shot OUT.png")


def gallery(args: argparse.Namespace) -> int:
    """``kiosk``: open the gallery window and run until it is closed."""
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    # Start-up makes ~56,000 objects that live as long as the app (Qt's enum types, the content
    # model, the home screen): the collector's passes over them found nothing and cost ~60 ms
    # before the first frame. It is off until the first frame is on screen, and then leaves
    # them out of its passes for good (gc.freeze), so that no full pass over them lands in a
    # visitor's first swipe either.
    gc.disable()
    try:
        return _gallery(args)
    finally:
        gc.enable()


def _gallery(args: argparse.Namespace) -> int:
    from kiosk.ui import memory

    memory.tune()  # before Qt starts its threads: see kiosk/ui/memory.py
    klog.setup(paths.data_dir())
    klog.route_qt_messages()
    app = get_app()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.main_window import MainWindow

    screens = QGuiApplication.screens()
    screen = screens[args.screen] if args.screen is not None and \
        0 <= args.screen < len(screens) else QGuiApplication.primaryScreen()
    if args.screen is not None and not 0 <= args.screen < len(screens):
        logger.warning("screen %s not found; %d screen(s) here", args.screen, len(screens))
    geometry = screen.geometry()
    windowed = args.windowed
    size = (min(1600, geometry.width()), min(900, geometry.height())) if windowed else \
        (geometry.width(), geometry.height())
    result = load(args.content)
    kiosk_on = bool(args.kiosk or result.gallery.settings.kiosk)
    if kiosk_on:
        windowed = False
        size = (geometry.width(), geometry.height())
    ctx = make_context(result.gallery, size, args.lang, args.reduced_motion,
                       presenter=not kiosk_on)
    apply_theme(app, result.gallery, ctx.scale)
    window = MainWindow(ctx, kiosk_mode=kiosk_on, size=size)
    if args.poster and not window.nav.open_id(args.poster):
        logger.warning("poster %s not found", args.poster)
    if kiosk_on:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint |
                              Qt.WindowType.WindowStaysOnTopHint)
    if windowed:
        window.resize(*size)
        window.move(geometry.topLeft() + (geometry.center() - window.rect().center()))
        window.show()
    else:
        window.setGeometry(geometry)  # a bare X server has no window manager to do it
        window.showFullScreen()
    window.activateWindow()
    logger.info("window shown on %s (%dx%d)", screen.name(), *size)

    def services() -> None:
        attach_services(window, result, kiosk_on, args.content)
        gc.freeze()
        gc.enable()

    # live reload, the admin gesture, recovery and kiosk mode are not part of the first frame
    after_first_frame(window, services)
    return app.exec()


def after_first_frame(window, fn, fallback_ms: int = 2000) -> None:  # noqa: ANN001
    """Call ``fn`` once, right after the shown ``window`` has painted its first frame (or after
    ``fallback_ms`` if it is never exposed): work the first frame does not need waits for it."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    state = {"done": False}
    fallback = QTimer(window)
    fallback.setSingleShot(True)

    def run() -> None:
        if not state["done"]:
            state["done"] = True
            fallback.stop()
            fallback.deleteLater()
            handle = window.windowHandle()
            if handle is not None:
                handle.removeEventFilter(watcher)
            fn()

    class Exposed(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802, ANN001 - Qt override
            if event.type() == QEvent.Type.Expose and obj.isExposed():
                QTimer.singleShot(0, run)  # after this expose's paint and flush
            return False

    watcher = Exposed(window)
    handle = window.windowHandle()
    if handle is None or handle.isExposed():
        QTimer.singleShot(0, run)
    else:
        handle.installEventFilter(watcher)
    fallback.timeout.connect(run)
    fallback.start(fallback_ms)


def attach_services(window, result, kiosk_on: bool, content: str | None,  # noqa: ANN001
                    clock=None, watch: bool = True) -> dict:  # noqa: ANN001
    """What runs around the gallery window: live reload, the admin gesture and screen, recovery
    from errors, and in kiosk mode the idle reset, the attract loop and the display kept awake.
    Returns the parts (tests reach them through it)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.clock import MonotonicClock
    from kiosk.core.pin import PinGate, PinStore
    from kiosk.ui.admin import AdminFlow, log_tail
    from kiosk.ui.eventfilter import ActivityFilter
    from kiosk.ui.kiosk import KioskMode, install_recovery
    from kiosk.ui.reload import ContentReloader

    clock = clock or MonotonicClock()
    folder = paths.content_dir(content)
    reloader = ContentReloader(window, folder, paths.assets_dir(), result, watch=watch)
    log_file = paths.data_dir() / "logs" / "kiosk.log"

    def describe() -> dict:
        last = reloader.last
        return {"content_dir": str(folder), "summary": last.summary(),
                "problems": [str(p) for p in last.problems],
                "log_file": str(log_file) if log_file.exists() else None,
                "log_tail": log_tail(log_file if log_file.exists() else None)}

    pins = PinStore.in_folder(paths.data_dir())
    admin = AdminFlow(window, PinGate(clock, pins), kiosk_on, describe)
    admin.screen.reload_requested.connect(reloader.reload)
    admin.screen.reload_requested.connect(admin.screen.refresh)
    admin.screen.quit_requested.connect(window.quit_app)
    parts: dict = {"reloader": reloader, "admin": admin}

    def open_fishbowl() -> None:
        from kiosk.ui.fishbowl.run import build

        fish, controller = build(window.ctx, window.ctx.gallery)
        fish.setParent(window, fish.windowFlags())
        parts["fishbowl"] = (fish, controller)
        admin.screen.hide()
        if kiosk_on:
            fish.setGeometry(window.geometry())
            fish.showFullScreen()
        else:
            fish.resize(window.size())
            fish.show()
        fish.activateWindow()

    admin.screen.fishbowl_requested.connect(open_fishbowl)
    if kiosk_on:
        kiosk = KioskMode(window, clock)
        kiosk.filter.admin_requested.connect(admin.request)
        parts["kiosk"] = kiosk
        from kiosk.ui.awake import DisplayAwake

        awake = DisplayAwake()
        awake.inhibit("the gallery kiosk is on show")
        QApplication.instance().aboutToQuit.connect(awake.release)
        parts["awake"] = awake
    else:
        gesture = ActivityFilter(window)
        QApplication.instance().installEventFilter(gesture)
        gesture.admin_requested.connect(admin.request)
        parts["gesture"] = gesture
    install_recovery(window.recover)
    window._services = parts  # kept alive with the window
    return parts


def shot(args: argparse.Namespace) -> int:
    """``kiosk shot``: render one screen offscreen to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    klog.setup(None, logging.WARNING)
    app = get_app()
    from kiosk.ui.main_window import MainWindow

    result = load(args.content)
    width, height = args.size
    ctx = make_context(result.gallery, (width, height), args.lang, reduced_motion=True)
    apply_theme(app, result.gallery, ctx.scale)
    screen = args.shot_screen
    if screen == "fishbowl":
        from kiosk.ui.fishbowl.demo import demo_session
        from kiosk.ui.fishbowl.public import PublicView

        session = demo_session(result.gallery.fishbowl, args.state, ctx.lang,
                               result.gallery.default_language)
        view = PublicView(session, ctx.palette, reduced_motion=True)
        view.resize(width, height)
        return _save(render(app, view, ctx), args.out, f"fishbowl ({args.state})", width, height)
    window = MainWindow(ctx, size=(width, height))
    if screen in ("poster", "help", "blackout"):
        target = args.poster or (result.gallery.posters[0].id if result.gallery.posters else "")
        if not window.nav.open_id(target):
            print(f"kiosk shot: poster '{target}' not found", file=sys.stderr)
            return 2
    if screen == "overview":
        window.nav.overview()
    if screen == "quotes":
        window.nav.quotes()
    if screen == "help":
        window.nav.toggle_help()
    if screen == "blackout":
        window.nav.toggle_blackout()
    return _save(render(app, window, ctx), args.out, screen, width, height)


def _save(image, out_name: str, what: str, width: int, height: int) -> int:  # noqa: ANN001
    out = Path(out_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        print(f"kiosk shot: could not write {out}", file=sys.stderr)
        return 1
    print(f"{out}: {what} at {width}x{height}")
    return 0


def render(app, window, ctx):  # noqa: ANN001, ANN201 - QImage
    """Show the window, let layouts and images settle, and grab it."""
    window.show()
    for _ in range(3):
        app.processEvents()
        ctx.images.wait()
        app.processEvents()
    return window.grab().toImage()
