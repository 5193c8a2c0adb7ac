"""Comparing what a live window shows with a fresh render of the same state."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kiosk.ui.quotes.carousel import ProgressLine

TOLERANCE = 24
"""Colour levels (of 255) a pixel may differ by and still look the same. Qt's raster engine
anti-aliases large text a few levels differently on a process's first paint of a size and on
later ones (measured: at most 8 levels, on the edges of the 80 px title); a stale, missing or
misplaced element differs by far more."""


def moving_parts(window: QWidget) -> list[QRect]:
    """Where a window shows real time passing (the quote carousels' progress lines), in window
    coordinates: two renders of one state a few milliseconds apart differ there."""
    return [
        QRect(line.mapTo(window, line.rect().topLeft()), line.size())
        for line in window.findChildren(ProgressLine)
        if line.isVisible()
    ]


def differing_pixels(
    a: QImage, b: QImage, tolerance: int = TOLERANCE, ignore: list[QRect] | None = None
) -> int:
    """How many pixels differ by more than ``tolerance`` in a colour channel (-1 when the
    sizes differ), outside the ``ignore`` rectangles. Rows that are byte-for-byte equal are
    skipped, so this is fast when the pictures are nearly the same."""
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    if a.size() != b.size():
        return -1
    row = a.bytesPerLine()
    da, db = bytes(a.constBits()), bytes(b.constBits())
    count = 0
    for y in range(a.height()):
        ra, rb = da[y * row : (y + 1) * row], db[y * row : (y + 1) * row]
        if ra == rb:
            continue
        for x in range(a.width()):
            if any(r.contains(x, y) for r in ignore or ()):
                continue
            if any(abs(ra[4 * x + i] - rb[4 * x + i]) > tolerance for i in range(3)):
                count += 1
    return count


def live_equals_fresh(live: QWidget, fresh: QWidget) -> int:
    """Pixels where a grab of the live window differs from a fresh render of the same state
    (0: a person sees the same), the carousels' progress lines aside."""
    ignore = moving_parts(live) + moving_parts(fresh)
    return differing_pixels(live.grab().toImage(), fresh.grab().toImage(), ignore=ignore)
