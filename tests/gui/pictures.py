"""Comparing what a live window shows with a fresh render of the same state."""

from __future__ import annotations

from PySide6.QtGui import QImage

TOLERANCE = 24
"""Colour levels (of 255) a pixel may differ by and still look the same. Qt's raster engine
anti-aliases large text a few levels differently on a process's first paint of a size and on
later ones (measured: at most 8 levels, on the edges of the 80 px title); a stale, missing or
misplaced element differs by far more."""


def differing_pixels(a: QImage, b: QImage, tolerance: int = TOLERANCE) -> int:
    """How many pixels differ by more than ``tolerance`` in a colour channel (-1 when the
    sizes differ). Rows that are byte-for-byte equal are skipped, so this is fast when the
    pictures are nearly the same."""
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
        for x in range(0, a.width() * 4, 4):
            if any(abs(ra[x + i] - rb[x + i]) > tolerance for i in range(3)):
                count += 1
    return count


def looks_the_same(a: QImage, b: QImage) -> bool:
    return differing_pixels(a, b) == 0
