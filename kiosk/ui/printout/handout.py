"""The A4 handout: a cover (the event, what is inside with page numbers, who organised it and
made the material, the source report's reference: the gallery's credits), then every poster from
its own page on, with its quotes, in two columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.content import credits
from kiosk.content.model import Gallery
from kiosk.ui.printout import flow
from kiosk.ui.printout.document import Footer, Laid, PrintResult, frame_for, write_print
from kiosk.ui.printout.flow import Item, Span, Text
from kiosk.ui.printout.parts import Printing, draw_stack, heading, stack_height
from kiosk.ui.printout.poster import poster_items
from kiosk.ui.printout.style import ARROW, HANDOUT


def cover(pr: Printing, contents: list[tuple[str, int]]) -> list[Item]:
    """The handout's first page: the event, when and where across the page; then who made it
    and the source report's reference (the gallery's credits) and what is inside, with page
    numbers, in the columns."""
    L, P, s = pr.look, pr.palette, pr.gallery.settings  # noqa: N806
    head = [Text(pr.t(s.title), L.font(L.title * 1.3, QFont.Weight.Bold), P.text, line_height=1.1)]
    if s.subtitle:
        head.append(Text(pr.t(s.subtitle), L.font(L.lead * 1.2), P.text, before=L.space(3)))
    when = credits.event_when(s, pr.t, pr.date)
    if when:
        head.append(Text(when, L.font(L.lead), P.accent_text, before=L.space(4)))

    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(
            QRectF(rect.left(), rect.top(), rect.width(), L.space(2)), QColor(P.accent)
        )
        stack_height(head, rect.width(), pr.device)
        draw_stack(painter, head, rect.left(), rect.top() + L.space(8))

    items: list[Item] = [
        Span(lambda width: stack_height(head, width, pr.device) + L.space(16), paint)
    ]
    items.append(heading(pr, pr.tr("In this handout"), 0.0))
    items += [
        Text(
            f"{title}  ·  " + pr.tr("page\u00a0{n}").format(n=page),
            L.font(L.body),
            P.text,
            before=L.space(1.5),
            indent=L.space(4),
            marker=ARROW,
            marker_colour=P.accent_text,
        )
        for title, page in contents
    ]
    for group in credits.organisation_groups(s, pr.t, pr.tr) + credits.role_groups(s, pr.t):
        items.append(heading(pr, group.heading, L.space(5)))
        items += [Text(n.full, L.font(L.body), P.text, after=L.space(1)) for n in group.names]
    return items


def print_handout(gallery: Gallery, out: Path, lang: str | None = None) -> PrintResult:
    """The A4 handout: a cover, then every poster from its own page on, quotes included."""

    def lay(pr: Printing, footer: Footer) -> list[Laid]:
        frame = frame_for(HANDOUT, footer)
        runs = [
            Laid(flow.flow(poster_items(pr, p, 2, span=False), frame, pr.device), pr.t(p.title))
            for p in gallery.posters
        ]
        first = Laid([])
        for _ in range(3):  # the cover's own length moves the page numbers it lists
            contents, page = [], len(first.pages) + 1 if first.pages else 2
            for run in runs:
                contents.append((run.title, page))
                page += len(run.pages)
            before = len(first.pages)
            first = Laid(flow.flow(cover(pr, contents), frame, pr.device))
            if len(first.pages) == before:
                break
        return [first, *runs]

    return write_print(gallery, Path(out), "A4", HANDOUT, lang, "handout", lay)
