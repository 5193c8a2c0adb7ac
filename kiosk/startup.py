"""Start-up, in one place: every command, the soak, the benchmarks and the tests' fixtures build
the application, load the content, make the context, apply the theme and build the gallery
window through these functions, so the app that is tested is the app that runs.

Imports of Qt and of the screens are inside the functions: ``kiosk validate`` and
``kiosk set-pin`` never load Qt, and the gallery's start-up loads only what its first frame
needs."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk import paths

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtGui import QImage, QScreen
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.content.loader import LoadResult
    from kiosk.content.model import Gallery
    from kiosk.core.clock import Clock, WallClock
    from kiosk.theme import TypeScale
    from kiosk.ui.analytics_tap import AnalyticsTap
    from kiosk.ui.context import Ctx
    from kiosk.ui.kiosk.activity import ActivityFilter
    from kiosk.ui.kiosk.admin import AdminFlow
    from kiosk.ui.kiosk.awake import DisplayAwake
    from kiosk.ui.kiosk.unattended import KioskMode
    from kiosk.ui.live.reload import ContentReloader
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.remote.switch import RemoteSwitch
    from kiosk.ui.watchdog import Heartbeat

logger = logging.getLogger("kiosk")

NO_DISPLAY = (
    "kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
    "desktop, under Xvfb, or offscreen: QT_QPA_PLATFORM=offscreen kiosk shot OUT.png"
)


def display_missing() -> bool:
    """True on a Linux machine with no display and no Qt platform chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def get_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication: an existing one (tests, pytest-qt's ``qapp``) or a new one."""
    from kiosk.ui import memory

    memory.skip_source_scan()  # before the screens' modules are imported: see the function
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        memory.tune()  # before Qt starts its threads: see kiosk/ui/memory.py
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName(paths.APP_NAME)
        app.setOrganizationName(paths.ORG_NAME)
    assert isinstance(app, QApplication), "a QGuiApplication without widgets was made first"
    from kiosk.ui.collector import collect_on_gui_thread

    collect_on_gui_thread(app)  # never a collection on a worker thread (see the module)
    return app


def load(content: str | None, *, defer_cache: bool = False) -> LoadResult:
    """The content folder the app would use, loaded; every problem logged. A folder that cannot
    be opened is replaced by the bundled default content (:func:`paths.usable_content_dir`), and
    the log says why; the admin screen says it too (:func:`notices`).

    Unchanged content is read back from what its last full load found (kiosk/content/cache.py);
    after a full load the result is written there, at once or, with ``defer_cache``, when
    :func:`keep_content_cache` is called (the gallery calls it once its first frame is on
    screen)."""
    from kiosk.content import cache

    folder, notice = paths.usable_content_dir(content)
    if notice is not None:
        logger.error("%s", notice)
    loaded = cache.load(
        folder,
        paths.assets_dir(),
        paths.cache_dir(),
        paths.data_dir() / cache.KEY_FILE,
        _full_load,
    )
    result = loaded.result
    if loaded.keep is not None:
        _PENDING_CACHE[:] = [loaded.keep]
        if not defer_cache:
            keep_content_cache()
    for problem in result.problems:
        logger.log(logging.ERROR if problem.is_error else logging.WARNING, "content: %s", problem)
    logger.info(
        "content %s%s: %s",
        folder,
        " (unchanged: from the cache)" if loaded.from_cache else "",
        result.summary(),
    )
    return result


# the content cache's write after a full load, waiting for keep_content_cache()
_PENDING_CACHE: list[Callable[[], bool]] = []


def keep_content_cache() -> None:
    """Write the content cache that :func:`load` left for later (if any)."""
    while _PENDING_CACHE:
        _PENDING_CACHE.pop()()


def _full_load(folder: Path, assets: Path | None) -> LoadResult:
    from kiosk.content.loader import load_gallery

    return load_gallery(folder, assets)


def make_context(
    gallery: Gallery,
    size: tuple[int, int],
    lang: str | None = None,
    reduced_motion: bool = False,
    kiosk: bool = False,
) -> Ctx:
    """Fonts, palette, type scale and image store for a window of ``size``."""
    from kiosk import theme
    from kiosk.ui.context import Ctx, OnScreen
    from kiosk.ui.images import ImageStore

    theme.load_fonts(paths.assets_dir() / "fonts")
    settings = gallery.settings
    palette = theme.palette_for(settings.theme.name, settings.theme.accent)
    scale = theme.TypeScale.for_size(*size)
    if lang and lang not in settings.languages:
        logger.warning("language %s is not one of the gallery's %s", lang, settings.languages)
    return Ctx(
        on_screen=OnScreen(gallery),
        images=ImageStore(),
        palette=palette,
        scale=scale,
        lang=lang or settings.default_language,
        reduced_motion=reduced_motion or settings.reduced_motion,
        kiosk=kiosk,
    )


def apply_theme(app: QApplication, gallery: Gallery, scale: TypeScale) -> bool:
    """The look, pre-rendered at build time (or qt-material live); False when it failed."""
    from kiosk import theme

    return theme.apply_base(
        app,
        gallery.settings.theme.name,
        paths.cache_dir(),
        scale,
        prerendered=paths.assets_dir() / "theme",
    )


def notices(content: str | None) -> list[str]:
    """What the organiser must know about the folders this run stands on, as sentences: the
    content folder replaced by the default one, the data folder by a temporary one."""
    found = [paths.usable_content_dir(content)[1], paths.data_dir_notice()]
    return [n for n in found if n is not None]


def start_gui() -> QApplication | None:
    """The application for a command that opens windows, with the log on disk and Qt's own
    messages routed into it; None (after saying why) when there is no display. A data folder
    that cannot be made is replaced by a temporary one (said in the log): the gallery and the
    fishbowl still start."""
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return None
    from kiosk import log as klog

    klog.setup(paths.data_dir())
    if (notice := paths.data_dir_notice()) is not None:
        logger.warning("%s", notice)
    klog.route_qt_messages()
    return get_app()


def pick_screen(index: int | None) -> QScreen:
    """Screen ``index`` (``--screen``, ``--public-screen``), or the primary one when it is not
    given or not there (said in the log)."""
    from PySide6.QtGui import QGuiApplication

    screens = QGuiApplication.screens()
    if index is not None and 0 <= index < len(screens):
        return screens[index]
    if index is not None:
        logger.warning("screen %s not found; %d screen(s) here", index, len(screens))
    return QGuiApplication.primaryScreen()


def window_size(screen: QScreen, windowed: bool) -> tuple[int, int]:
    """The whole screen, or a window of at most 1600x900 on it."""
    g = screen.geometry()
    return (min(1600, g.width()), min(900, g.height())) if windowed else (g.width(), g.height())


def show_on(window: QWidget, screen: QScreen, windowed: bool) -> None:
    """Show ``window`` full screen on ``screen``, or centred on it in a window."""
    geometry = screen.geometry()
    if windowed:
        window.move(geometry.topLeft() + (geometry.center() - window.rect().center()))
        window.show()
    else:
        window.setGeometry(geometry)  # a bare X server has no window manager to do it
        window.showFullScreen()
    window.activateWindow()


def gallery_window(
    result: LoadResult,
    size: tuple[int, int],
    *,
    lang: str | None = None,
    reduced_motion: bool = False,
    kiosk: bool = False,
    theme: bool = True,
    hints: bool = True,
) -> MainWindow:
    """The gallery window on loaded content, built at ``size`` (screens are built once, at the
    size they are shown at). ``theme`` False leaves the application's style alone (a test suite
    shares one application); ``hints`` False: no key hints (the audience of ``kiosk present``)."""
    from dataclasses import replace

    from kiosk.ui.main_window import MainWindow

    ctx = replace(
        make_context(result.gallery, size, lang, reduced_motion, kiosk=kiosk), hints=hints
    )
    if theme:
        apply_theme(get_app(), result.gallery, ctx.scale)
    return MainWindow(ctx, size=size)


def after_first_frame(window: QWidget, fn: Callable[[], None], fallback_ms: int = 2000) -> None:
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
        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Expose and obj.isExposed():
                QTimer.singleShot(0, self, run)  # after this expose's paint and flush
            return False

    watcher = Exposed(window)
    handle = window.windowHandle()
    if handle is None or handle.isExposed():
        QTimer.singleShot(0, watcher, run)  # (not at all if the window goes first)
    else:
        handle.installEventFilter(watcher)
    fallback.timeout.connect(run)
    fallback.start(fallback_ms)


@dataclass
class Services:
    """What runs around the gallery window once its first frame is on screen."""

    reloader: ContentReloader
    admin: AdminFlow
    activity: ActivityFilter
    kiosk: KioskMode | None = None
    awake: DisplayAwake | None = None
    fishbowl: tuple[QWidget, Any] | None = None
    heartbeat: Heartbeat | None = None
    analytics: AnalyticsTap | None = None
    remote: RemoteSwitch | None = None

    def stop(self) -> None:
        """Everything that watches or ticks, stopped (a test's end, the soak's end)."""
        if self.remote is not None:
            self.remote.turn_off("the services stop")
        if self.analytics is not None:
            self.analytics.close()
            self.analytics = None
        if self.heartbeat is not None:
            self.heartbeat.stop()
        if self.kiosk is not None:
            self.kiosk.stop()
        get_app().removeEventFilter(self.activity)
        if self.awake is not None:
            self.awake.release()
        self.reloader.watcher.stop()


def attach_services(
    window: MainWindow,
    result: LoadResult,
    content: str | None,
    clock: Clock | None = None,
    watch: bool = True,
    wall: WallClock | None = None,
    remote: RemoteSwitch | None = None,
) -> Services:
    """What runs around the gallery window: live reload, the admin gesture and screen, recovery
    from errors, and in kiosk mode (the window's context says) the idle reset, the attract loop
    and the display kept awake. ``clock`` and ``wall`` stand in for the real clocks in tests
    (the wall clock dates the PIN lockout saved across restarts). ``remote``: the phone
    remote's switch when the command made one (``kiosk present --remote``); else one, off,
    that the admin screen turns on."""
    from kiosk.content.languages import coverage_text
    from kiosk.core.clock import MonotonicClock, SystemWallClock
    from kiosk.core.lockout import LockoutStore
    from kiosk.core.modes import Mode
    from kiosk.core.pin import PinGate, PinStore
    from kiosk.ui.analytics_tap import AnalyticsTap
    from kiosk.ui.kiosk.activity import ActivityFilter
    from kiosk.ui.kiosk.admin import AdminFlow, log_tail
    from kiosk.ui.kiosk.unattended import KioskMode, install_recovery
    from kiosk.ui.live.reload import ContentReloader
    from kiosk.ui.watchdog import start_heartbeat

    app = get_app()
    clock = clock or MonotonicClock()
    folder = result.gallery.content_dir  # the default content when the one asked for failed
    reloader = ContentReloader(window, folder, paths.assets_dir(), result, watch=watch)
    log_file = paths.data_dir() / "logs" / "kiosk.log"

    def describe() -> dict:
        last = reloader.last
        return {
            "notices": notices(content),
            "content_dir": paths.escape_path(folder),
            "summary": last.summary(),
            # how many texts lack each of the gallery's languages (none for a one-language one)
            "translations": coverage_text(counts)
            if (counts := last.translation_coverage())
            else "",
            "problems": [str(p) for p in last.problems],
            "log_file": str(log_file) if log_file.exists() else None,
            "log_tail": log_tail(log_file if log_file.exists() else None),
            "visitors": visitors(),
        }

    def visitors() -> tuple:
        from kiosk.core.analytics.names import names_of
        from kiosk.core.analytics.store import FILE_NAME
        from kiosk.ui.kiosk.visitors import read_figures

        settings = window.ctx.gallery.settings.analytics
        found = read_figures(paths.data_dir() / FILE_NAME) if settings.enabled else None
        return found, names_of(window.ctx.gallery), settings.enabled

    pins = PinStore.in_folder(paths.data_dir())
    # the lockout is kept in the app-data folder, with wall-clock deadlines, so that a restart
    # (a pulled plug) neither forgets nor shortens it
    gate = PinGate(
        clock,
        pins,
        lockouts=LockoutStore.in_folder(paths.data_dir()),
        wall=wall or SystemWallClock(),
    )
    admin = AdminFlow(window, gate, describe)
    activity = ActivityFilter(window)
    app.installEventFilter(activity)
    activity.admin_requested.connect(admin.request)
    # the hints and the help speak the words of the input used last (keys or touch)
    activity.input_used.connect(lambda kind: window.set_input_kind(kind))
    services = Services(reloader=reloader, admin=admin, activity=activity)
    admin.screen.reload_requested.connect(reloader.reload)
    # the parse runs in a worker: the admin screen lists its problems once it is done
    reloader.finished.connect(
        lambda _result: admin.screen.refresh() if admin.screen.isVisible() else None
    )
    admin.screen.quit_requested.connect(window.quit_app)

    def open_fishbowl() -> None:
        from kiosk.ui.fishbowl.build import build

        fish, controller = build(window.ctx, window.ctx.gallery)
        fish.setParent(window, fish.windowFlags())
        services.fishbowl = (fish, controller)
        window.modes.leave(Mode.ADMIN)
        if window.kiosk_mode:
            fish.setGeometry(window.geometry())
            fish.showFullScreen()
        else:
            fish.resize(window.size())
            fish.show()
        fish.activateWindow()

    admin.screen.fishbowl_requested.connect(open_fishbowl)
    if remote is None:
        from kiosk.ui.remote.switch import RemoteSwitch

        def presenter_link() -> Any:
            from kiosk.ui.remote.links import PresenterLink

            return PresenterLink(window)

        remote = RemoteSwitch(presenter_link, parent=window)
    services.remote = remote
    switch = remote
    app.aboutToQuit.connect(lambda: switch.turn_off("the app quits"))
    from kiosk.ui.remote.panel import keep_on_admin_screen

    keep_on_admin_screen(admin, remote)
    if window.kiosk_mode:
        services.kiosk = KioskMode(window, activity, clock)
        from kiosk.ui.kiosk.awake import DisplayAwake

        awake = DisplayAwake()
        awake.inhibit("the gallery kiosk is on show")
        app.aboutToQuit.connect(awake.release)
        services.awake = awake
    analytics = result.gallery.settings.analytics
    if analytics.enabled:
        from kiosk.ui.analytics_tap import AnalyticsTap

        tap = AnalyticsTap(window, activity.activity, paths.data_dir(), analytics, clock, wall)
        services.analytics = tap
        app.aboutToQuit.connect(tap.close)
    install_recovery(window.recover)
    services.heartbeat = start_heartbeat(window, "kiosk" if window.kiosk_mode else "gallery")
    window.services = services  # kept alive with the window
    return services


def render(app: QApplication, window: QWidget, ctx: Ctx) -> QImage:
    """Show the window, let layouts and images settle, and grab it."""
    window.show()
    for _ in range(3):
        app.processEvents()
        ctx.images.wait()
        app.processEvents()
    return window.grab().toImage()
