"""Whole print files: the posters (one page each, at A0 to A4), and what the handout
(``kiosk.ui.printout.handout``) shares with them: the footer, the frame, the file written.

Each page is laid out on an A4 design page and drawn scaled to the paper, so text and artwork
stay vector at any size. A poster is fitted to its one page: the largest type (and three or
four columns) with which all of it fits; when even the smallest does not, it runs onto a
second page and a warning says so. Every page carries a footer: the event, its credits
(``kiosk.content.credits``, as on screen) and the page number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPdfWriter

from kiosk.colour import print_palette
from kiosk.content import credits
from kiosk.content.model import Gallery, Poster
from kiosk.ui.pdf import pdf_font, write_pdf
from kiosk.ui.printout import flow
from kiosk.ui.printout.flow import Frame, Page, Text
from kiosk.ui.printout.parts import Printing, draw_stack, stack_height
from kiosk.ui.printout.poster import poster_items
from kiosk.ui.printout.style import (
    DESIGN_MM,
    DPI,
    POSTER,
    POSTER_COLUMNS,
    POSTER_SCALES,
    SIZES_MM,
    Look,
    mm,
)

log = logging.getLogger(__name__)
CREATOR = "Poster gallery kiosk (kiosk print)"


@dataclass
class PrintResult:
    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class Laid:
    """A run of pages laid out, and what they belong to (for the handout's contents)."""

    pages: list[Page]
    title: str = ""


def _warn_once(warnings: list[str]) -> Callable[[str], None]:
    def warn(message: str) -> None:
        if message not in warnings:
            warnings.append(message)

    return warn


def footer_texts(pr: Printing, size: float) -> list[Text]:
    s = pr.gallery.settings
    event = ": ".join(x for x in (pr.t(s.title), pr.t(s.subtitle)) if x)
    when = credits.event_when(s, pr.t, pr.date)
    groups = credits.organisation_groups(s, pr.t, pr.tr) + credits.role_groups(s, pr.t)
    texts = [
        Text(
            " · ".join(x for x in (event, when) if x),
            pdf_font(size, QFont.Weight.Bold),
            pr.palette.text,
        )
    ]
    if groups:
        texts.append(
            Text(credits.described(groups), pdf_font(size * 0.92), pr.palette.muted, before=mm(0.8))
        )
    return texts


def page_label(pr: Printing, number: int, total: int) -> str:
    """ "Page 3 of 12" in the print's language."""
    return pr.tr("Page {number} of {total}").format(number=number, total=total)


class Footer:
    """The foot of every page: a rule in the accent, the event and the credits on the left,
    the page number on the right."""

    def __init__(self, pr: Printing, margin: float) -> None:
        self.pr = pr
        self.texts = footer_texts(pr, pr.look.footer)
        self.number_font = pdf_font(pr.look.footer, QFont.Weight.Bold)
        metrics = QFontMetricsF(self.number_font, pr.device)
        self.number_w = metrics.horizontalAdvance(page_label(pr, 888, 888)) + mm(4)
        self.left = margin
        self.width = mm(DESIGN_MM[0]) - 2 * margin
        self.height = stack_height(self.texts, self.width - self.number_w, pr.device) + mm(3)
        self.top = mm(DESIGN_MM[1]) - margin - self.height

    def draw(self, painter: QPainter, number: int, total: int) -> None:
        painter.fillRect(
            QRectF(self.left, self.top, self.width, mm(0.4)), QColor(self.pr.palette.accent)
        )
        y = self.top + mm(2.2)
        draw_stack(painter, self.texts, self.left, y)
        painter.setFont(self.number_font)
        painter.setPen(QColor(self.pr.palette.text))
        label = page_label(self.pr, number, total)
        metrics = QFontMetricsF(self.number_font, painter.device())
        x = self.left + self.width - metrics.horizontalAdvance(label)
        painter.drawText(QPointF(x, y + metrics.ascent()), label)


def frame_for(look: Look, footer: Footer) -> Frame:
    margin = mm(look.margin_mm)
    return Frame(
        left=margin,
        top=margin,
        width=mm(DESIGN_MM[0]) - 2 * margin,
        bottom=footer.top - mm(4),
        columns=look.columns,
        gutter=look.space(look.gutter_mm),
    )


def fit_poster(pr: Printing, poster: Poster, footer: Footer) -> Laid:
    """The poster on one page with the largest type that lets it fit (a few halvings of the
    range per column count); at the smallest, as many pages as it needs, and a warning."""
    best: tuple[float, list[Page]] | None = None
    low, high = POSTER_SCALES
    for columns in POSTER_COLUMNS:

        def lay(scale: float, columns: int = columns) -> list[Page]:
            look = POSTER.scaled(scale, columns)
            items = poster_items(pr.with_look(look), poster, look.fact_columns, span=True)
            return flow.flow(items, frame_for(look, footer), pr.device)

        if len(lay(low)) > 1:
            continue
        lo, hi = low, high
        pages = lay(hi)
        if len(pages) == 1:
            lo = hi
        else:
            for _ in range(7):
                mid = (lo + hi) / 2
                if len(lay(mid)) == 1:
                    lo = mid
                else:
                    hi = mid
            pages = lay(lo)
        # three columns read better: four only when they let the type be clearly larger
        if best is None or lo > best[0] * 1.08:
            best = (lo, pages)
    if best is not None:
        log.info("poster %s fitted at %.2f of the poster type", poster.id, best[0])
    title = pr.t(poster.title)
    if best is None:
        look = POSTER.scaled(low, POSTER_COLUMNS[-1])
        items = poster_items(pr.with_look(look), poster, look.fact_columns, span=True)
        pages = flow.flow(items, frame_for(look, footer), pr.device)
        pr.warn(
            f"poster '{poster.id}' does not fit on one page even at the smallest type: "
            f"printed on {len(pages)} pages"
        )
        return Laid(pages, title)
    return Laid(best[1], title)


def _page_mm_per_unit(page_mm: tuple[float, float]) -> tuple[float, float]:
    """How much a design page is scaled up to the paper, and millimetres per design unit."""
    k = page_mm[0] / DESIGN_MM[0]
    return k, k * 25.4 / DPI


def _draw_all(
    painter: QPainter, writer: QPdfWriter, runs: Sequence[Laid], footer: Footer, k: float
) -> None:
    total = sum(len(r.pages) for r in runs)
    number = 0
    for run in runs:
        for page in run.pages:
            if number:
                writer.newPage()
            number += 1
            painter.save()
            # the design page (A4 at DPI) scaled to the paper: the writer's units are DPI pixels
            painter.scale(k, k)
            painter.fillRect(QRectF(0, 0, mm(DESIGN_MM[0]), mm(DESIGN_MM[1])), QColor("#ffffff"))
            page.draw(painter)
            footer.draw(painter, number, total)
            painter.restore()
            if page.overflow:
                footer.pr.warn(f"page {number}: a part taller than a column was cut")


def _printing(
    gallery: Gallery,
    lang: str | None,
    look: Look,
    device: QPdfWriter,
    mm_per_unit: float,
    warnings: list[str],
) -> Printing:
    theme = gallery.settings.theme
    return Printing(
        gallery,
        lang,
        look,
        print_palette(theme.name, theme.accent),
        device,
        mm_per_unit,
        _warn_once(warnings),
        {},
    )


def print_posters(
    gallery: Gallery,
    out: Path,
    size: str = "A1",
    posters: Sequence[Poster] | None = None,
    lang: str | None = None,
) -> PrintResult:
    """The posters (all, or those given), one page each, at ``size``, into ``out``."""
    chosen = list(gallery.posters if posters is None else posters)

    def lay(pr: Printing, footer: Footer) -> list[Laid]:
        return [fit_poster(pr, p, footer) for p in chosen]

    return write_print(gallery, Path(out), size, POSTER, lang, f"posters ({size})", lay)


def write_print(
    gallery: Gallery,
    out: Path,
    size: str,
    look: Look,
    lang: str | None,
    what: str,
    lay: Callable[[Printing, Footer], list[Laid]],
) -> PrintResult:
    """A PDF of ``size`` pages of ``look``, laid out by ``lay`` and drawn with footers."""
    page_mm = SIZES_MM[size]
    k, mm_per_unit = _page_mm_per_unit(page_mm)
    result = PrintResult(out, 0)
    title = gallery.text(gallery.settings.title, lang)

    def draw(painter: QPainter, writer: QPdfWriter) -> None:
        pr = _printing(gallery, lang, look, writer, mm_per_unit, result.warnings)
        footer = Footer(pr, mm(look.margin_mm))
        runs = lay(pr, footer)
        result.pages = sum(len(r.pages) for r in runs)
        _draw_all(painter, writer, runs, footer, k)

    write_pdf(out, page_mm, DPI, f"{title}: {what}", CREATOR, draw)
    return result
