"""Starting the GUI: the application factory, the gallery window, and ``kiosk shot``."""

from __future__ import annotations

import argparse
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

    return theme.apply_base(app, gallery.settings.theme.name, paths.data_dir() / "cache", scale)


NO_DISPLAY = ("kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
              "desktop, under Xvfb, or offscreen: QT_QPA_PLATFORM=offscreen kiosk shot OUT.png")


def gallery(args: argparse.Namespace) -> int:
    """``kiosk``: open the gallery window and run until it is closed."""
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    klog.setup(paths.data_dir())
    klog.route_qt_messages()
    app = get_app()
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
    ctx = make_context(result.gallery, size, args.lang, args.reduced_motion)
    apply_theme(app, result.gallery, ctx.scale)
    window = MainWindow(ctx)
    if args.poster and not window.nav.open_id(args.poster):
        logger.warning("poster %s not found", args.poster)
    if windowed:
        window.resize(*size)
        window.move(geometry.topLeft() + (geometry.center() - window.rect().center()))
        window.show()
    else:
        window.setGeometry(geometry)  # a bare X server has no window manager to do it
        window.showFullScreen()
    window.activateWindow()
    logger.info("window shown on %s (%dx%d)", screen.name(), *size)
    return app.exec()


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
    window = MainWindow(ctx)
    window.resize(width, height)
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
