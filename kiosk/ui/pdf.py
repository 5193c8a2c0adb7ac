"""What every PDF the app writes shares: the app's font at a point size, and a file written
through ``QPdfWriter`` atomically (a temporary file in the same folder, renamed over the target
once complete: a crash leaves no half-written PDF under the target's name).

Used by the fishbowl harvest's summary and by ``kiosk print`` (posters and the handout).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk import paths, theme
from kiosk.core.atomic import fsync_folder
from kiosk.theme import FONT_FAMILY


def pdf_font(
    points: float, weight: QFont.Weight = QFont.Weight.Normal, italic: bool = False
) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(points)
    f.setWeight(weight)
    f.setItalic(italic)
    # no ligatures: a reader copying or searching the text gets the letters typed, not one
    # "ﬁ" glyph (pdftotext, a screen reader, a search in the PDF viewer)
    f.setFeature(QFont.Tag("liga"), 0)
    return f


def ensure_font() -> None:
    """The app's font, for a PDF written before any window loaded it (the tests, a script)."""
    if FONT_FAMILY not in QFontDatabase.families():
        theme.load_fonts(paths.assets_dir() / "fonts")


def write_pdf(
    path: Path,
    page_mm: tuple[float, float],
    dpi: int,
    title: str,
    creator: str,
    draw: Callable[[QPainter, QPdfWriter], None],
) -> None:
    """A PDF of pages of ``page_mm`` (width, height; no printer margins: the drawing keeps its
    own) at ``path``, drawn by ``draw(painter, writer)`` (which calls ``writer.newPage()``
    between pages). Raises ``OSError`` when the file cannot be written."""
    ensure_font()
    path = Path(path)
    # a fresh name beside the target, made by Qt itself: the file gets the usual permissions
    # (the umask's), where mkstemp's would be private to this user
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(dpi)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(*_size_of(page_mm)),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(title)
        writer.setCreator(creator)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"Qt could not open {tmp} to write the PDF")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, writer)
        finally:
            painter.end()
        del writer  # closes the file
        if tmp.stat().st_size == 0:
            raise OSError(f"Qt wrote nothing to {tmp}")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)


def _size_of(page_mm: tuple[float, float]) -> tuple:
    """QPageSize's arguments for a page of ``page_mm``: the standard size when it is one (its
    name is written into the PDF and printers pick the right paper), else a custom size."""
    from PySide6.QtCore import QSizeF

    size = QSizeF(*page_mm)
    standard = QPageSize.id(size, QPageSize.Unit.Millimeter, QPageSize.SizeMatchPolicy.FuzzyMatch)
    if standard != QPageSize.PageSizeId.Custom:
        return (standard,)
    return (size, QPageSize.Unit.Millimeter)
