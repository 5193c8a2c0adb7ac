"""Facts & figures in print: each group's name, then its figures as rows of tiles (the number
in the accent, its unit, label and note), across a wall poster's page or down the handout's
columns."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter

from kiosk.content.model import Fact, Poster
from kiosk.ui.printout.flow import Box, Item, Span, Text
from kiosk.ui.printout.parts import Printing, draw_stack, heading, stack_height


def fact_tile(pr: Printing, fact: Fact) -> list[Text]:
    L, P = pr.look, pr.palette  # noqa: N806
    gap = L.space(0.8)
    value = fact.value_text(pr.lang, pr.gallery.default_language)
    tile = [Text(value, L.font(L.value, QFont.Weight.Bold), P.accent_text, line_height=1.1)]
    if fact.unit:
        tile.append(Text(pr.t(fact.unit), L.font(L.small, QFont.Weight.Bold), P.text, before=gap))
    tile.append(Text(pr.t(fact.label), L.font(L.small), P.muted, before=gap))
    if fact.note:
        tile.append(Text(pr.t(fact.note), L.font(L.small * 0.92), P.muted, before=gap))
    return tile


def boxed(text: Text, span: bool, device: QPaintDevice) -> Item:
    """A text as a block across the page (``span``) or left in the column flow."""
    if not span:
        return text

    def height(width: float) -> float:
        return stack_height([text], width, device)

    def paint(painter: QPainter, rect: QRectF) -> None:
        text.draw(painter, rect.left(), rect.top(), 0, len(text.pieces))

    return Span(height, paint, before=text.before, after=text.after)


def facts(pr: Printing, poster: Poster, columns: int, span: bool) -> list[Item]:
    """Facts & figures: the heading, each group's name, then its figures as rows of tiles;
    across the page (``span``, a wall poster) or down the columns (the handout)."""
    if not poster.facts:
        return []
    L, P = pr.look, pr.palette  # noqa: N806
    gap, pad, edge = L.space(2), L.space(1.6), L.space(0.8)
    items: list[Item] = [boxed(heading(pr, pr.tr("Facts & figures"), 0.0), span, pr.device)]
    groups: dict[str, list[Fact]] = {}
    for fact in poster.facts:
        groups.setdefault(pr.t(fact.group), []).append(fact)
    for name, members in groups.items():
        if name:
            label = Text(
                name,
                L.font(L.small, QFont.Weight.Bold),
                P.muted,
                before=L.space(2),
                after=L.space(1.2),
                keep_with_next=True,
            )
            items.append(boxed(label, span, pr.device))
        for i in range(0, len(members), columns):
            row = [fact_tile(pr, f) for f in members[i : i + columns]]
            items.append(tile_row(pr, row, columns, span, (gap, pad, edge)))
    if span:
        items[-1].after += L.space(3)
    return items


def tile_row(
    pr: Printing, row: list[list[Text]], columns: int, span: bool, gaps: tuple[float, ...]
) -> Item:
    """One row of figure tiles, each on the surface colour under an accent edge."""
    P = pr.palette  # noqa: N806
    gap, pad, edge = gaps

    def tile_w(width: float) -> float:
        return (width - gap * (columns - 1)) / columns

    def height(width: float) -> float:
        inner = tile_w(width) - 2 * pad
        return max(stack_height(t, inner, pr.device) for t in row) + 2 * pad + edge

    def paint(painter: QPainter, rect: QRectF) -> None:
        w = tile_w(rect.width())
        for c, tile in enumerate(row):
            x = rect.left() + c * (w + gap)
            painter.fillRect(QRectF(x, rect.top(), w, rect.height()), QColor(P.surface))
            painter.fillRect(QRectF(x, rect.top(), w, edge), QColor(P.accent))
            stack_height(tile, w - 2 * pad, pr.device)
            draw_stack(painter, tile, x + pad, rect.top() + edge + pad)

    return (Span if span else Box)(height, paint, before=gap, after=0.0)
