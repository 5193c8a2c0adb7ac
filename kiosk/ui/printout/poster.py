"""One poster as printed matter: the header (kind and place, title, tagline, QR code, artwork)
and the facts & figures across the page, then the quotes, sections, lessons and sources in
columns, in the order the poster page on screen shows them. Texts come through the gallery's
own language lookup (``Gallery.text``), so a print follows the language asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter

from kiosk.colour import Palette
from kiosk.content.model import Fact, Gallery, Poster, Section
from kiosk.content.text import LocalText
from kiosk.core.qr import qr_code, short_address
from kiosk.ui.gallery.poster import take_home_caption
from kiosk.ui.printout.art import PrintArt, Warn, load_art
from kiosk.ui.printout.flow import Box, Item, Span, Text
from kiosk.ui.printout.style import Look, mm
from kiosk.ui.qr import paint_qr

KIND_LABEL = {"introduction": "Introduction", "case": "Case", "discussion": "Discussion"}


@dataclass
class Printing:
    """What every part of a print needs: the gallery and language, the look, the palette,
    the device the text is measured on, the size of a design unit on paper, a warning sink,
    and the pictures loaded once per file."""

    gallery: Gallery
    lang: str | None
    look: Look
    palette: Palette
    device: QPaintDevice
    mm_per_unit: float
    warn: Warn
    arts: dict[Path, PrintArt | None]

    def t(self, text: LocalText | None) -> str:
        return self.gallery.text(text, self.lang)

    def with_look(self, look: Look) -> Printing:
        return Printing(
            self.gallery,
            self.lang,
            look,
            self.palette,
            self.device,
            self.mm_per_unit,
            self.warn,
            self.arts,
        )

    def art(self, path: Path | None) -> PrintArt | None:
        """The picture at ``path``, loaded and checked once per file."""
        if path is None:
            return None
        if path not in self.arts:
            self.arts[path] = load_art(path, self.warn)
        return self.arts[path]


def stack_height(items: list[Text], width: float, device: QPaintDevice) -> float:
    total = 0.0
    for i, item in enumerate(items):
        item.measure(width, device)
        total += (item.before if i else 0.0) + sum(item.pieces)
    return total


def draw_stack(painter: QPainter, items: list[Text], x: float, y: float) -> float:
    """Texts measured by ``stack_height``, one under another; returns the y below them."""
    for i, item in enumerate(items):
        y += item.before if i else 0.0
        item.draw(painter, x, y, 0, len(item.pieces))
        y += sum(item.pieces)
    return y


def header(pr: Printing, poster: Poster) -> Span:
    """Kind and place, title, tagline and the QR code on the left; the artwork on the right."""
    L, P = pr.look, pr.palette  # noqa: N806
    place = ", ".join(x for x in (pr.t(poster.city), pr.t(poster.country)) if x)
    kicker = KIND_LABEL[poster.kind] + (f"  ·  {place}" if place else "")
    texts = [
        Text(kicker, L.font(L.kicker, QFont.Weight.Bold), P.accent_text),
        Text(pr.t(poster.title), L.font(L.title, QFont.Weight.Bold), P.text, line_height=1.12),
    ]
    texts[1].before = L.space(1.5)
    if poster.tagline:
        texts.append(Text(pr.t(poster.tagline), L.font(L.lead), P.muted, before=L.space(2.5)))
    art = pr.art(poster.artwork.path if poster.artwork else None)
    bar = L.space(1.4)
    qr = qr_block(pr, poster.link, poster.kind) if poster.link else None

    def widths(width: float) -> tuple[float, float]:
        return (width * 0.55, width * 0.41) if art else (width, 0.0)

    def art_height(width: float) -> float:
        if art is None:
            return 0.0
        return min(widths(width)[1] / art.aspect, L.space(L.art_max_mm))

    def height(width: float) -> float:
        text_w = widths(width)[0]
        left = stack_height(texts, text_w, pr.device)
        if qr is not None:
            left += L.space(4) + qr.height_for(text_w)
        return bar + L.space(4) + max(left, art_height(width)) + L.space(5)

    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), bar), QColor(P.accent))
        top = rect.top() + bar + L.space(4)
        text_w, art_w = widths(rect.width())
        y = draw_stack(painter, texts, rect.left(), top)
        if qr is not None:
            qr.paint(painter, QRectF(rect.left(), y + L.space(4), text_w, qr.height_for(text_w)))
        if art is not None:
            box = QRectF(rect.right() - art_w, top, art_w, art_height(rect.width()))
            art.draw(painter, box, pr.mm_per_unit, pr.warn)

    return Span(height, paint)


def qr_block(pr: Printing, url: str, kind: str) -> Box:
    """The QR code with its caption and address beside it."""
    L, P = pr.look, pr.palette  # noqa: N806
    # never under 20 mm on the design page (57 mm on A1) however small the fitted type
    side = max(L.space(L.qr_mm), mm(20))
    caption = Text(take_home_caption(kind), L.font(L.body, QFont.Weight.Bold), P.text)
    address = Text(short_address(url), L.font(L.small), P.muted, before=L.space(1))
    code = qr_code(url)

    def height(width: float) -> float:
        return max(side, stack_height([caption, address], width - side - L.space(3), pr.device))

    def paint(painter: QPainter, rect: QRectF) -> None:
        paint_qr(painter, QRectF(rect.left(), rect.top(), side, side), code, P.text)
        words = [caption, address]
        stack_height(words, rect.width() - side - L.space(3), pr.device)
        draw_stack(painter, words, rect.left() + side + L.space(3), rect.top() + L.space(2))

    return Box(height, paint)


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
    items: list[Item] = [boxed(heading(pr, "Facts & figures", 0.0), span, pr.device)]
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


def heading(pr: Printing, text: str, before: float) -> Text:
    L, P = pr.look, pr.palette  # noqa: N806
    return Text(
        text,
        L.font(L.heading, QFont.Weight.Bold),
        P.text,
        before=before,
        after=L.space(1.2),
        keep_with_next=True,
        line_height=1.2,
    )


def picture(pr: Printing, path: Path | None) -> Box | None:
    art = pr.art(path)
    if art is None:
        return None
    L = pr.look  # noqa: N806

    def paint(painter: QPainter, rect: QRectF) -> None:
        art.draw(painter, rect, pr.mm_per_unit, pr.warn)

    return Box(
        lambda width: min(width / art.aspect, L.space(L.art_max_mm)),
        paint,
        before=L.space(1.5),
        after=L.space(1.5),
    )


def section_items(pr: Printing, section: Section) -> list[Item]:
    L, P = pr.look, pr.palette  # noqa: N806
    body = L.font(L.body)
    para = L.space(1.6)
    items: list[Item] = [heading(pr, pr.t(section.heading), L.space(5))]
    items += [Text(pr.t(p), body, P.text, after=para) for p in section.paragraphs]
    items += [bullet(pr, pr.t(b), "•") for b in section.bullets]
    pic = picture(pr, section.artwork.path if section.artwork else None)
    if pic is not None:
        items.append(pic)
        if section.caption:
            items.append(Text(pr.t(section.caption), L.font(L.small), P.muted, after=para))
    return items


def bullet(pr: Printing, text: str, marker: str) -> Text:
    L, P = pr.look, pr.palette  # noqa: N806
    return Text(
        text,
        L.font(L.body),
        P.text,
        after=L.space(1.2),
        indent=L.space(4),
        marker=marker,
        marker_colour=P.accent_text,
    )


def quote_items(pr: Printing, poster: Poster) -> list[Item]:
    quotes = pr.gallery.quotes_for(poster.id)
    if not quotes:
        return []
    L, P = pr.look, pr.palette  # noqa: N806
    items: list[Item] = [heading(pr, "In their words", L.space(5))]
    for q in quotes:
        items.append(
            Text(
                f"“{pr.t(q.text)}”",
                L.italic(L.body * 1.08),
                P.text,
                indent=L.space(3.5),
                rule=P.accent,
                before=L.space(2),
                after=L.space(1),
            )
        )
        who = ", ".join(x for x in (pr.t(q.speaker), pr.t(q.role)) if x)
        items.append(
            Text(
                f"— {who}",
                L.font(L.small, QFont.Weight.Bold),
                P.muted,
                indent=L.space(3.5),
                after=L.space(1.5),
            )
        )
    return items


def poster_items(pr: Printing, poster: Poster, fact_columns: int, span: bool) -> list[Item]:
    """The whole poster, in reading order; its figures across the page when ``span``."""
    L, P = pr.look, pr.palette  # noqa: N806
    items: list[Item] = [header(pr, poster)]
    items += facts(pr, poster, fact_columns, span)
    items += quote_items(pr, poster)
    for section in poster.sections:
        items += section_items(pr, section)
    if poster.lessons:
        items.append(heading(pr, "Lessons learnt", L.space(5)))
        items += [bullet(pr, pr.t(lesson), "→") for lesson in poster.lessons]
    if poster.sources:
        items.append(heading(pr, "Sources", L.space(5)))
        small = L.font(L.small)
        items += [Text(pr.t(s), small, P.muted, after=L.space(0.8)) for s in poster.sources]
    return items
