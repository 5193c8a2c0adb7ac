"""Comparing what a live window shows with a fresh render of the same state."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
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
    sizes differ), outside the ``ignore`` rectangles.

    Qt computes the difference (|a - b| per channel, the "difference" composition) and blanks
    the ignored rectangles; the bytes over the tolerance are marked in C (``bytes.translate``),
    and only rows with a real difference are counted pixel by pixel: fast when the pictures are
    nearly the same, which is the case worth being fast."""
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    if a.size() != b.size():
        return -1
    diff = a.copy()
    p = QPainter(diff)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    p.drawImage(0, 0, b)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    for r in ignore or ():
        p.fillRect(r, QColor(0, 0, 0))
    p.end()
    width, height, row = diff.width(), diff.height(), diff.bytesPerLine()
    # each byte becomes 1 where the difference is over the tolerance, else 0 (in C)
    over = bytes(0 if v <= tolerance else 1 for v in range(256))
    data = bytes(diff.constBits()).translate(over)
    same = b"\0\0\0\1" * width  # a row without a difference (B, G, R, then alpha 255)
    count = 0
    for y in range(height):
        line = data[y * row : y * row + 4 * width]
        if line != same:
            count += sum(1 for x in range(width) if 1 in line[4 * x : 4 * x + 3])
    return count


def live_equals_fresh(live: QWidget, fresh: QWidget) -> int:
    """Pixels where a grab of the live window differs from a fresh render of the same state
    (0: a person sees the same), the carousels' progress lines aside."""
    ignore = moving_parts(live) + moving_parts(fresh)
    return differing_pixels(live.grab().toImage(), fresh.grab().toImage(), ignore=ignore)
