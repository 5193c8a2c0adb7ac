"""Text and boxes flowing down the columns of printed pages (the layout of ``kiosk print``).

Everything is measured in the page's design units (device units of an A4 page; a larger page
draws the same layout scaled, see ``kiosk.ui.printout.document``). A page is a frame: a band
across its whole width at the top (``Span`` items: a poster's header, its figures), then
columns below it, filled in reading order. A text item may break between two of its lines (never
leaving one line alone at a column's foot); a box never breaks; a heading stays with the first
lines of what follows it. The layout is computed for all pages first, so that the drawing knows
how many pages there are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def plain_and_bold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Author text with **bold** marks → the text without them, and the bold spans (start,
    length) in Qt's UTF-16 positions."""
    plain, spans, at = "", [], 0
    for m in _BOLD.finditer(text):
        plain += text[at : m.start()]
        spans.append((utf16_len(plain), utf16_len(m.group(1))))
        plain += m.group(1)
        at = m.end()
    return plain + text[at:], spans


class Item:
    """Something in a column: measured at a width into pieces (the heights between the places
    where it may break), then drawn piece range by piece range."""

    before: float = 0.0  # space above it, unless it starts a column
    after: float = 0.0  # space below it
    keep_with_next: bool = False
    pieces: list[float]

    def measure(self, width: float, device: QPaintDevice) -> None:
        raise NotImplementedError

    def draw(self, painter: QPainter, x: float, y: float, start: int, end: int) -> None:
        raise NotImplementedError


class Text(Item):
    """A paragraph: wrapped at the column's width, **bold** marks honoured, an optional marker
    (a bullet, an arrow) hanging in the indent, an optional rule down its left edge."""

    def __init__(
        self,
        text: str,
        font: QFont,
        colour: str,
        *,
        before: float = 0.0,
        after: float = 0.0,
        indent: float = 0.0,
        marker: str = "",
        marker_colour: str | None = None,
        rule: str | None = None,
        line_height: float = 1.3,
        keep_with_next: bool = False,
    ) -> None:
        self.text, self.spans = plain_and_bold(text)
        self.font, self.colour = font, colour
        self.before, self.after, self.indent = before, after, indent
        self.marker, self.marker_colour, self.rule = marker, marker_colour or colour, rule
        self.line_height = line_height
        self.keep_with_next = keep_with_next
        self.pieces = []
        self._tops: list[float] = []

    def measure(self, width: float, device: QPaintDevice) -> None:
        layout = QTextLayout(self.text, self.font, device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        formats = []
        for start, length in self.spans:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = start, length
            char = QTextCharFormat()
            char.setFontWeight(QFont.Weight.Bold)
            bold.format = char
            formats.append(bold)
        layout.setFormats(formats)
        step = QFontMetricsF(self.font, device).height() * self.line_height
        layout.beginLayout()
        y = 0.0
        self._tops = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1.0, width - self.indent))
            line.setPosition(QPointF(0, y))
            self._tops.append(y)
            y += step
        layout.endLayout()
        self.layout, self.step = layout, step
        self.pieces = [step] * len(self._tops)
        if self.pieces:
            self.pieces[-1] += self.after

    def draw(self, painter: QPainter, x: float, y: float, start: int, end: int) -> None:
        if start == 0 and self.marker:  # first: a text reader reads the marker before the text
            marker = QFont(self.font)
            marker.setWeight(QFont.Weight.Bold)  # a small mark in a light colour: bold
            painter.setFont(marker)
            painter.setPen(QColor(self.marker_colour))
            ascent = QFontMetricsF(marker, painter.device()).ascent()
            painter.drawText(QPointF(x, y + ascent), self.marker)
        painter.setPen(QColor(self.colour))
        origin = QPointF(x + self.indent, y - self._tops[start])
        for i in range(start, end):
            self.layout.lineAt(i).draw(painter, origin)
        if self.rule:
            bottom = y + (end - start) * self.step
            thick = self.step * 0.12
            painter.fillRect(QRectF(x, y, thick, bottom - y), QColor(self.rule))


class Box(Item):
    """A block that never breaks (a picture, a row of figures, a QR code), drawn by ``paint``
    into its rectangle; ``height_for(width)`` says how tall it is at a column's width."""

    def __init__(
        self,
        height_for: Callable[[float], float],
        paint: Callable[[QPainter, QRectF], None],
        *,
        before: float = 0.0,
        after: float = 0.0,
    ) -> None:
        self.height_for, self.paint = height_for, paint
        self.before, self.after = before, after
        self.pieces = []
        self.width = 0.0

    def measure(self, width: float, device: QPaintDevice) -> None:
        self.width = width
        self.pieces = [self.height_for(width) + self.after]

    def draw(self, painter: QPainter, x: float, y: float, start: int, end: int) -> None:
        self.paint(painter, QRectF(x, y, self.width, self.pieces[0] - self.after))


class Span(Box):
    """A box across the page's whole width, above its columns: it starts a new page unless
    the page has nothing in its columns yet."""


@dataclass(frozen=True)
class Frame:
    """A page's printable area and its columns, in design units."""

    left: float
    top: float
    width: float
    bottom: float
    columns: int
    gutter: float

    @property
    def column_width(self) -> float:
        return (self.width - self.gutter * (self.columns - 1)) / self.columns

    def column_x(self, i: int) -> float:
        return self.left + i * (self.column_width + self.gutter)


@dataclass
class Placed:
    item: Item
    start: int
    end: int
    x: float
    y: float


@dataclass
class Page:
    placed: list[Placed] = field(default_factory=list)
    overflow: bool = False  # something was taller than a whole column or page and was cut

    def draw(self, painter: QPainter) -> None:
        for p in self.placed:
            p.item.draw(painter, p.x, p.y, p.start, p.end)


def flow(items: Sequence[Item], frame: Frame, device: QPaintDevice) -> list[Page]:
    """``items`` laid out on as many pages of ``frame`` as they need."""
    pages = [Page()]
    span_top = frame.top  # where the next span goes; the columns start below the spans
    column, y = 0, frame.top
    used = False  # the page's columns have something in them

    def new_page() -> None:
        nonlocal span_top, column, y, used
        pages.append(Page())
        span_top, column, y, used = frame.top, 0, frame.top, False

    for k, item in enumerate(items):
        if isinstance(item, Span):
            item.measure(frame.width, device)
            top = span_top + (item.before if span_top > frame.top else 0.0)
            if used or (span_top > frame.top and top + item.pieces[0] > frame.bottom):
                new_page()  # below columns, or past the page's foot: on a new page
                top = frame.top
            if top + item.pieces[0] > frame.bottom + 0.01:
                pages[-1].overflow = True  # taller than a whole page
            pages[-1].placed.append(Placed(item, 0, 1, frame.left, top))
            span_top = top + item.pieces[0]
            y = span_top
            continue
        item.measure(frame.column_width, device)
        after = items[k + 1] if k + 1 < len(items) else None
        i = 0
        while i < len(item.pieces):
            at_top = y <= span_top + 0.01  # every column starts below the page's spans
            gap = 0.0 if at_top or i > 0 else item.before
            room = frame.bottom - y - gap
            n, height = _fitting(item.pieces[i:], room)
            rest = len(item.pieces) - i - n
            if rest == 1 and n >= 2:  # never one line alone at the top of the next column
                n, height = n - 1, height - item.pieces[i + n - 1]
            if i == 0 and n == 1 and rest > 0:  # nor one alone at the foot of this one
                n, height = 0, 0.0
            if n and i == 0 and rest == 0 and item.keep_with_next and after is not None:
                if not isinstance(after, Span):
                    after.measure(frame.column_width, device)
                    need = sum(after.pieces[:2]) + after.before
                    if height + need > room and not at_top:
                        n, height = 0, 0.0
            if n == 0 and at_top:  # taller than a whole column: cut, and said
                n, height = 1, item.pieces[i]
                pages[-1].overflow = True
            if n:
                pages[-1].placed.append(Placed(item, i, i + n, frame.column_x(column), y + gap))
                y += gap + height
                used = True
                i += n
            if i < len(item.pieces):
                column += 1
                if column == frame.columns:
                    new_page()
                y = span_top
    return pages


def _fitting(pieces: Sequence[float], room: float) -> tuple[int, float]:
    n, height = 0, 0.0
    for h in pieces:
        if height + h > room + 0.01:
            break
        n, height = n + 1, height + h
    return n, height
