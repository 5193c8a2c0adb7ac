"""The print's layout engine (kiosk.ui.printout.flow) on its own: text breaks between lines
across columns and pages, never leaving one line alone; a heading stays with what follows;
spans go across the top of a page; something taller than a column is placed, cut, and said."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from kiosk.ui.pdf import ensure_font, pdf_font
from kiosk.ui.printout.flow import Box, Frame, Page, Span, Text, flow

WORDS = " ".join(f"word{i}" for i in range(400))


@pytest.fixture
def device(qapp) -> QImage:  # noqa: ANN001
    ensure_font()
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(11811)  # 300 dpi, as the print's design page
    image.setDotsPerMeterY(11811)
    return image


def frame(height: float = 1200, columns: int = 2) -> Frame:
    return Frame(left=50, top=50, width=1000, bottom=50 + height, columns=columns, gutter=40)


def placed_lines(pages: list[Page], item: Text) -> list[tuple[int, int, int, float, float]]:
    return [
        (n, p.start, p.end, p.x, p.y)
        for n, page in enumerate(pages)
        for p in page.placed
        if p.item is item
    ]


def test_a_long_paragraph_runs_down_the_columns_and_pages(device: QImage) -> None:
    text = Text(WORDS, pdf_font(9), "#000000")
    pages = flow([text], frame(), device)
    parts = placed_lines(pages, text)
    assert len(pages) >= 2 and len(parts) >= 3
    # every line once, in order
    assert parts[0][1] == 0 and parts[-1][2] == len(text.pieces)
    assert all(a[2] == b[1] for a, b in zip(parts, parts[1:], strict=False))
    # each part within its column, none past the frame's foot
    f = frame()
    for _n, start, end, x, y in parts:
        assert x in (f.column_x(0), f.column_x(1))
        assert y + sum(text.pieces[start:end]) <= f.bottom + 0.01


def test_never_one_line_alone_at_a_columns_foot_or_top(device: QImage) -> None:
    body = pdf_font(9)
    filler = Text(WORDS[:1500], body, "#000000")
    filler.measure(frame().column_width, device)
    line = filler.pieces[0]
    for room in (0.5, 1.2, 1.7, 2.5, 3.4):  # lines of room left below the filler
        f = frame(height=sum(filler.pieces) + line * room)
        para = Text(WORDS[:600], body, "#000000")
        pages = flow([filler, para], f, device)
        for _n, start, end, _x, _y in placed_lines(pages, para):
            assert end - start >= 2 or len(para.pieces) == 1, (start, end)


def test_a_heading_moves_with_the_first_lines_of_what_follows(device: QImage) -> None:
    body = pdf_font(9)
    filler = Text(WORDS[:1500], body, "#000000")
    filler.measure(frame().column_width, device)
    heading = Text("A heading", pdf_font(12), "#000000", keep_with_next=True)
    heading.measure(frame().column_width, device)
    # room for the heading and one line of the paragraph, not two
    room = sum(heading.pieces) + filler.pieces[0] * 1.5
    f = frame(height=sum(filler.pieces) + room)
    para = Text(WORDS[:600], body, "#000000")
    pages = flow([filler, heading, para], f, device)
    (head,) = placed_lines(pages, heading)
    first = placed_lines(pages, para)[0]
    assert head[3] == f.column_x(1) and head[4] == f.top  # moved to the next column's top
    assert first[3] == head[3] and first[1] == 0


def test_spans_go_across_the_top_and_start_a_new_page_after_columns(device: QImage) -> None:
    def span(height: float) -> Span:
        return Span(lambda _w: height, lambda _p, _r: None)

    top_a, top_b = span(100), span(60)
    body = Text(WORDS[:300], pdf_font(9), "#000000")
    later = span(80)
    f = frame()
    pages = flow([top_a, top_b, body, later], f, device)
    first = pages[0].placed
    assert (first[0].item, first[0].y) == (top_a, f.top)
    assert (first[1].item, first[1].y) == (top_b, f.top + 100)
    assert first[2].item is body and first[2].y == f.top + 160  # the columns start below
    assert pages[-1].placed[0].item is later and pages[-1].placed[0].y == f.top
    assert len(pages) == 2


def test_a_box_taller_than_a_column_is_placed_once_and_said(device: QImage) -> None:
    drawn: list[QRectF] = []
    tall = Box(lambda _w: 5000, lambda _p, rect: drawn.append(rect))
    after = Text("after", pdf_font(9), "#000000")
    pages = flow([tall, after], frame(), device)
    assert pages[0].overflow
    assert sum(1 for page in pages for p in page.placed if p.item is tall) == 1
    painter = QPainter(device)
    for page in pages:
        page.draw(painter)
    painter.end()
    assert len(drawn) == 1 and drawn[0].height() == 5000


def test_a_span_past_the_pages_foot_goes_to_the_next_page(device: QImage) -> None:
    f = frame(height=500)
    rows = [Span(lambda _w: 200, lambda _p, _r: None) for _ in range(4)]
    pages = flow(rows, f, device)
    assert [len(p.placed) for p in pages] == [2, 2]
    assert all(p.y + 200 <= f.bottom for page in pages for p in page.placed)
    assert not any(page.overflow for page in pages)
