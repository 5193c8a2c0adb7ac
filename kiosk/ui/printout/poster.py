"""One poster as printed matter: the header (kind and place, title, tagline, QR code, artwork)
and the facts & figures across the page, then the quotes, sections, lessons and sources in
columns, in the order the poster page on screen shows them. Texts come through the gallery's
own language lookup (``Gallery.text``), so a print follows the language asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.content.model import Poster, Section
from kiosk.core.qr import qr_code, short_address
from kiosk.ui.gallery.poster import KIND_LABEL, take_home_caption
from kiosk.ui.printout.figures import facts
from kiosk.ui.printout.flow import Box, Item, Span, Text
from kiosk.ui.printout.parts import Printing, draw_stack, heading, stack_height
from kiosk.ui.printout.style import ARROW, mm
from kiosk.ui.qr import paint_qr


def header(pr: Printing, poster: Poster) -> Span:
    """Kind and place, title, tagline and the QR code on the left; the artwork on the right."""
    L, P = pr.look, pr.palette  # noqa: N806
    place = ", ".join(x for x in (pr.t(poster.city), pr.t(poster.country)) if x)
    kicker = pr.tr(KIND_LABEL[poster.kind]) + (f"  ·  {place}" if place else "")
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
    caption = Text(take_home_caption(kind, pr.tr), L.font(L.body, QFont.Weight.Bold), P.text)
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
    items: list[Item] = [heading(pr, pr.tr("In their words"), L.space(5))]
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
        items.append(heading(pr, pr.tr("Lessons learnt"), L.space(5)))
        items += [bullet(pr, pr.t(lesson), ARROW) for lesson in poster.lessons]
    if poster.sources:
        items.append(heading(pr, pr.tr("Sources"), L.space(5)))
        small = L.font(L.small)
        items += [Text(pr.t(s), small, P.muted, after=L.space(0.8)) for s in poster.sources]
    return items
