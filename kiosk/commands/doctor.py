"""``kiosk doctor``: what a valid gallery may still get wrong for its visitors, one line each
(``file:line: message``), then a summary; exit 0 when there is nothing to fix, 1 when there is.

The checks that need no Qt are in ``kiosk.content.doctor``. The two that need the real screens
are measured here, offscreen, in the app's own windows: each poster's first screen at 1920×1080
and 1080×1920 (title, tagline, artwork, first key figure and quotes button inside the view before
any scrolling, as the poster page is designed), and the size of every control a visitor can
touch on every screen at 1920×1080. The windows are built as ``kiosk shot`` builds them.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from kiosk import paths
from kiosk.commands.validate import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, _shown
from kiosk.content import doctor
from kiosk.content.loader import LoadResult, load_gallery

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.content.yamlsafe import Loc
    from kiosk.ui.main_window import MainWindow

SIZES = ((1920, 1080), (1080, 1920))  # the first screen is checked at both
TARGET_SIZE = (1920, 1080)


def run(content_dir: str | None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    folder = paths.content_dir(content_dir)
    refused = paths.content_problem(folder)
    if refused is not None:
        print(f"kiosk doctor: {refused}", file=err)
        return EXIT_ERRORS if refused.unreadable else EXIT_USAGE
    result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
    origin = "the folder given" if content_dir else paths.content_origin(None)
    print(f"content: {paths.escape_path(_shown(folder))} ({origin})", file=out)
    where = doctor.Where(result.documents)
    # the checks look at what loaded; what did not is kiosk validate's to explain
    findings = [
        doctor.Finding(p.file, p.line, f"{p.message} (kiosk validate)", "error")
        for p in result.errors
    ]
    findings += doctor.check_all(result.gallery, where)
    if result.gallery.posters:
        first, targets = measure(result, where)
        findings += doctor.first_screen_findings(first, result.gallery, where)
        findings += doctor.target_findings(targets, where)
    for finding in sorted(set(findings)):
        print(finding, file=out)
    print(doctor.summary(findings, result.gallery), file=out)
    return EXIT_OK if not findings else EXIT_ERRORS


# --- measured on the real screens ---------------------------------------------------------------
def measure(
    result: LoadResult, where: doctor.Where
) -> tuple[list[doctor.FirstScreen], list[doctor.Target]]:
    """Build the gallery's windows offscreen and measure them."""
    # offscreen always: no window flashes on the author's screen, and the measures are the
    # same on every machine (a real display's DPI and window manager would change them)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk import log as klog
    from kiosk import startup

    klog.setup(None, logging.ERROR)
    app = startup.get_app()
    _quiet_qt()
    first: list[doctor.FirstScreen] = []
    targets: list[doctor.Target] = []
    for i, size in enumerate(SIZES):
        # the theme once: its sizes follow the short side, the same in both
        window = _window(app, result, size, theme=i == 0)
        try:
            first += [_first_screen(app, window, p.id, size) for p in result.gallery.posters]
            if size == TARGET_SIZE:
                targets = list(_targets(app, window, where))
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    return first, targets


def _quiet_qt() -> None:
    """Qt's offscreen platform says it cannot resize windows; nothing here needs it to."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    from kiosk.commands.selftest import QT_NOISE

    def handler(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            if not message.startswith(QT_NOISE):
                print(f"kiosk doctor: Qt says: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def _window(
    app: QApplication, result: LoadResult, size: tuple[int, int], theme: bool
) -> MainWindow:
    from kiosk import startup

    window = startup.gallery_window(result, size, reduced_motion=True, theme=theme)
    window.resize(*size)
    window.show()
    _settle(app, window)
    return window


def _settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(2):
        app.processEvents()
    window.ctx.images.wait()
    app.processEvents()


def _first_screen(
    app: QApplication, window: MainWindow, poster_id: str, size: tuple[int, int]
) -> doctor.FirstScreen:
    """The parts of a poster's first screen and how far down each ends, at scroll 0."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.gallery.poster import PosterPage
    from kiosk.ui.images import ArtworkView

    window.nav.open_id(poster_id)
    _settle(app, window)
    view = window.deck.current()
    assert view is not None
    view.to_top()
    app.processEvents()
    page = view.widget()
    assert isinstance(page, PosterPage)
    viewport = view.viewport()
    ctx = window.ctx
    poster = page.poster
    labels = page.findChildren(QLabel)

    def bottom(widget: QWidget) -> int:
        return widget.mapTo(viewport, QPoint(0, widget.height())).y()

    parts: list[tuple[str, int]] = []
    title = next((w for w in labels if w.objectName() == "posterTitle"), None)
    if title is not None:
        parts.append(("the title", bottom(title)))
    if poster.tagline is not None:
        tagline = ctx.t(poster.tagline)
        found = next((w for w in labels if w.text() == tagline), None)
        if found is not None:
            parts.append(("the tagline", bottom(found)))
    arts = page.findChildren(ArtworkView)
    if arts and poster.artwork is not None:
        parts.append(("the artwork", bottom(arts[0])))  # the header's: first in the page
    value = next((w for w in labels if w.objectName() == "factValue"), None)
    if value is not None:  # its big number, as the poster's design promises (its label may
        parts.append(("the first key figure", bottom(value)))  # run on below the fold)
    if page.quotes_button is not None:
        parts.append(("the quotes button", bottom(page.quotes_button)))
    return doctor.FirstScreen(poster_id, size, viewport.height(), tuple(parts))


def _targets(app: QApplication, window: MainWindow, where: doctor.Where) -> Iterator[doctor.Target]:
    """Every control a visitor can touch, on every screen and card of the gallery."""
    from kiosk.core.modes import Mode

    nav = window.nav
    gallery = window.ctx.gallery
    nav.home()
    _settle(app, window)
    yield from _controls(window, where, "home screen")
    for poster in gallery.posters:
        nav.open_id(poster.id)
        _settle(app, window)
        yield from _controls(window, where, f"poster '{poster.id}'")
    nav.overview()
    _settle(app, window)
    yield from _controls(window, where, "overview")
    if gallery.quotes:
        nav.quotes()
        _settle(app, window)
        yield from _controls(window, where, "quotes screen")
    nav.open_id(gallery.posters[0].id)
    for mode, name in ((Mode.HELP, "help card"), (Mode.ABOUT, "About card")):
        window.modes.enter(mode)
        _settle(app, window)
        yield from _controls(window, where, name, window.layer(mode))
        window.modes.leave(mode)
    window.modes.enter(Mode.SETTINGS)
    _settle(app, window)
    yield from _controls(window, where, "display settings card", window.layer(Mode.SETTINGS))
    window.modes.leave(Mode.SETTINGS)


def _controls(
    window: MainWindow, where: doctor.Where, screen: str, root: QWidget | None = None
) -> Iterator[doctor.Target]:
    """The visible controls under ``root`` (the screen on show), with the content each comes
    from: a poster's card, a quote's dot."""
    from PySide6.QtWidgets import QAbstractButton, QWidget

    from kiosk.ui.gallery.home import PosterCard
    from kiosk.ui.quotes.carousel import Dot, QuoteCarousel
    from kiosk.ui.widgets import TapFrame

    root = root or window.stack.currentWidget() or window
    for w in root.findChildren(QWidget):
        if not isinstance(w, QAbstractButton | TapFrame) or not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) and not w.isEnabled():
            continue
        file: str | None = None
        loc: Loc = ()
        if isinstance(w, PosterCard):
            poster = window.ctx.gallery.posters[w.index]
            file, loc = where.poster_file(poster.id), ("id",)
        elif isinstance(w, Dot):
            carousel = w.parentWidget()
            while carousel is not None and not isinstance(carousel, QuoteCarousel):
                carousel = carousel.parentWidget()
            if carousel is not None and w in carousel.dots:
                quote = carousel.quotes[carousel.dots.index(w)]
                file, loc = "quotes.yaml", where.quote_loc(quote.id)
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        yield doctor.Target(screen, name or type(w).__name__, w.width(), w.height(), file, loc)
