"""A QR code drawn with QPainter (squares on a white ground with its quiet zone): one drawing
for the poster page on screen and for the printed poster, where it stays vector."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.qr import QUIET, QrCode, qr_code


def paint_qr(painter: QPainter, rect: QRectF, code: QrCode, dark: str = "#000000") -> None:
    """``code`` in the square ``rect`` (quiet zone included), white behind it. One path of all
    dark modules, so a PDF holds a few hundred rectangles, not a picture."""
    painter.save()
    painter.fillRect(rect, QColor("#ffffff"))
    module = rect.width() / code.side
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for y, row in enumerate(code.rows):
        x = 0
        while x < code.size:  # a run of dark modules in a row is one rectangle
            if not row[x]:
                x += 1
                continue
            start = x
            while x < code.size and row[x]:
                x += 1
            path.addRect(
                QRectF(
                    rect.left() + (start + QUIET) * module,
                    rect.top() + (y + QUIET) * module,
                    (x - start) * module,
                    module,
                )
            )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillPath(path, QColor(dark))
    painter.restore()


class QrView(QWidget):
    """A square QR code of ``side`` pixels for ``url`` (its quiet zone white, whatever the
    theme: a phone reads dark on light)."""

    def __init__(self, url: str, side: int, name: str) -> None:
        super().__init__()
        self.code = qr_code(url)
        self.setFixedSize(QSize(side, side))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(name)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self.code)
        painter.end()
