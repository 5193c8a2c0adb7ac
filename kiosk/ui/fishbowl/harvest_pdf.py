"""The harvest's one-page PDF summary, drawn with Qt's ``QPdfWriter``.

One A4 page for the facilitator to print or send: the title, the question(s), the date, the
length and the turns; talk time as horizontal bars per person (and per group when the
participants' list gives groups), each with its time and share in figures, so the chart does not
depend on colour; the voices not yet heard; then as many notes as fit, saying how many more the
Markdown file holds. It reads the same ``Harvest`` as the CSV and Markdown files
(``kiosk.core.fishbowl.harvest``), so they cannot disagree.

The page is written to a temporary file in the same folder, then renamed over the target: a
crash leaves no half-written PDF under the export's name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextLayout,
    QTextOption,
)

from kiosk import paths, theme
from kiosk.core.atomic import fsync_folder
from kiosk.core.fishbowl.export import clock_span, length_text, local_time, percent
from kiosk.core.fishbowl.harvest import Harvest, harvest
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import format_duration
from kiosk.theme import FONT_FAMILY

DPI = 300
PAGE_MM = (210.0, 297.0)  # A4, portrait
MARGIN_MM = 16.0
# print colours: dark text on white paper; the bar's fill has 4.5:1 contrast with the paper,
# and every bar carries its figures in text, so nothing rests on colour alone
TEXT = "#1c2326"
MUTED = "#46555c"
BAR = "#00796b"
TRACK = "#e3e9eb"
RULE = "#c9d3d6"

MAX_PEOPLE_BARS = 14
MAX_GROUP_BARS = 8
NOTE_LINES = 4  # a long note is cut after this many lines (the Markdown has it whole)

MEASURE = "Seconds holding the word, as the facilitator gave it: not who was heard, "
MEASURE += "interruptions or what was said."


def _mm(value: float) -> float:
    return value * DPI / 25.4


def _font(points: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(points)
    f.setWeight(weight)
    return f


def ensure_font() -> None:
    """The app's font, for a PDF written before any window loaded it (the tests, a script)."""
    if FONT_FAMILY not in QFontDatabase.families():
        theme.load_fonts(paths.assets_dir() / "fonts")


def _utf16_slice(text: str, start: int, length: int) -> str:
    """``text[start:start+length]`` in Qt's UTF-16 positions (an emoji is two of them)."""
    raw = text.encode("utf-16-le")
    return raw[2 * start : 2 * (start + length)].decode("utf-16-le", errors="ignore")


def wrap(text: str, font: QFont, width: float, max_lines: int, device: QPaintDevice) -> list[str]:
    """``text`` in lines of at most ``width``; past ``max_lines`` the last line ends in "…"."""
    layout = QTextLayout(text, font, device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [_utf16_slice(text, s, n).strip() for s, n in spans]
    if len(lines) > max_lines:
        start = spans[max_lines - 1][0]
        rest = _utf16_slice(text, start, len(text.encode("utf-16-le")) // 2 - start)
        metrics = QFontMetricsF(font, device)
        lines = [
            *lines[: max_lines - 1],
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
        ]
    return lines


class Fonts:
    """The page's type, in points: nothing smaller than 9 pt (made once a Qt application
    exists)."""

    def __init__(self) -> None:
        self.title = _font(20, QFont.Weight.Bold)
        self.heading = _font(13, QFont.Weight.Bold)
        self.question = _font(12.5, QFont.Weight.Medium)
        self.body = _font(10.5)
        self.small = _font(9)
        self.small_bold = _font(9, QFont.Weight.Bold)


@dataclass(frozen=True)
class Bar:
    label: str
    detail: str | None  # a person's group, shown muted under the name
    seconds: float
    share: float


class Page:
    """A pen moving down one page: each block checks it fits before it draws."""

    def __init__(self, painter: QPainter, device: QPaintDevice) -> None:
        self.f = Fonts()
        self.p = painter
        self.device = device
        self.left = _mm(MARGIN_MM)
        self.width = _mm(PAGE_MM[0] - 2 * MARGIN_MM)
        self.y = _mm(MARGIN_MM)
        self.bottom = _mm(PAGE_MM[1] - MARGIN_MM)

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def room(self) -> float:
        return self.bottom - self.y

    def lines_height(self, font: QFont, count: int) -> float:
        return self.metrics(font).lineSpacing() * count

    def text_at(self, x: float, y: float, text: str, font: QFont, colour: str) -> None:
        """One line with its top at ``y``."""
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        self.p.drawText(QPointF(x, y + self.metrics(font).ascent()), text)

    def lines(
        self, text: str, font: QFont, colour: str, max_lines: int, indent: float = 0.0
    ) -> None:
        spacing = self.metrics(font).lineSpacing()
        for line in wrap(text, font, self.width - indent, max_lines, self.device):
            self.text_at(self.left + indent, self.y, line, font, colour)
            self.y += spacing

    def gap(self, mm: float) -> None:
        self.y += _mm(mm)

    def heading(self, text: str) -> None:
        self.gap(3.5)
        self.text_at(self.left, self.y, text, self.f.heading, TEXT)
        self.y += self.metrics(self.f.heading).lineSpacing() + _mm(0.8)
        self.p.setPen(QColor(RULE))
        self.p.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.width, self.y))
        self.gap(1.8)

    def bars(self, bars: Sequence[Bar], total: float) -> None:
        """Horizontal bars, the longest full width; each with its time and share in figures."""
        name_w = self.width * 0.30
        value_w = self.metrics(self.f.body).horizontalAdvance("0:00:00 · 100%") + _mm(3)
        bar_x = self.left + name_w + _mm(3)
        bar_w = self.width - name_w - _mm(3) - value_w
        longest = max((b.seconds for b in bars), default=0.0)
        body, small = self.metrics(self.f.body), self.metrics(self.f.small)
        for b in bars:
            two_lines = b.detail is not None
            row_h = body.lineSpacing() + (small.lineSpacing() if two_lines else 0) + _mm(1.6)
            name = body.elidedText(b.label, Qt.TextElideMode.ElideRight, name_w)
            self.text_at(self.left, self.y, name, self.f.body, TEXT)
            if b.detail:
                detail = small.elidedText(b.detail, Qt.TextElideMode.ElideRight, name_w)
                self.text_at(self.left, self.y + body.lineSpacing(), detail, self.f.small, MUTED)
            bar_h = body.height() * 0.85
            top = self.y + (body.height() - bar_h) / 2
            self.p.fillRect(QRectF(bar_x, top, bar_w, bar_h), QColor(TRACK))
            if longest > 0 and b.seconds > 0:
                width = max(_mm(0.6), bar_w * b.seconds / longest)
                self.p.fillRect(QRectF(bar_x, top, width, bar_h), QColor(BAR))
            value = format_duration(b.seconds) + (f" · {percent(b.share)}" if total > 0 else "")
            x = self.left + self.width - body.horizontalAdvance(value)
            self.text_at(x, self.y, value, self.f.body, TEXT)
            self.y += row_h

    def bars_height(self, bars: Sequence[Bar]) -> float:
        body, small = self.metrics(self.f.body), self.metrics(self.f.small)
        return sum(
            body.lineSpacing() + (small.lineSpacing() if b.detail else 0) + _mm(1.6) for b in bars
        )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _meta(h: Harvest) -> tuple[str, str]:
    """The date and times by the clock; the length, turns, rounds and voices."""
    when = local_time(h.started_wall, "%A %d %B %Y") or "Not started"
    span = clock_span(h)
    spoke = sum(1 for p in h.people if p.turns > 0)
    return (
        f"{when}, {span}" if span else when,
        f"Length {length_text(h)} · {_plural(len(h.timeline), 'turn', 'turns')} in "
        f"{_plural(h.rounds, 'round', 'rounds')} · {_plural(spoke, 'person', 'people')} spoke",
    )


def draw(page: Page, h: Harvest, stem: str) -> None:
    """The whole page, top to bottom; notes fill what is left."""
    F = page.f  # noqa: N806
    footer = (
        f"The whole log: {stem}.md (timeline, notes), {stem}.csv (one row per turn), "
        f"{stem}-people.csv (one row per person)."
    )
    footer_h = page.lines_height(F.small, len(wrap(footer, F.small, page.width, 3, page.device)))
    page.bottom -= footer_h + _mm(3)

    page.text_at(page.left, page.y, "Fishbowl harvest", F.small_bold, MUTED)
    page.y += page.metrics(F.small_bold).lineSpacing()
    page.lines(h.title, F.title, TEXT, 2)
    page.gap(1)
    for line in _meta(h):
        page.lines(line, F.body, MUTED, 2)

    page.heading("Question" if len(h.questions) == 1 else "Questions")
    shown = h.questions[:3]
    for at, question in shown:
        prefix = f"{format_duration(at)}  " if len(h.questions) > 1 else ""
        page.lines(prefix + question, F.question, TEXT, 3)
        page.gap(0.8)
    if len(h.questions) > len(shown):
        more = len(h.questions) - len(shown)
        page.lines(f"and {more} more in {stem}.md", F.small, MUTED, 1)

    page.heading("Talk time by person")
    page.lines(MEASURE, F.small, MUTED, 2)
    page.gap(1.5)
    seated = [p for p in h.people if p.chairs]
    people = [
        Bar(
            p.label,
            p.group,
            p.seconds,
            p.share,
        )
        for p in seated
    ]
    if not people:
        page.lines("No one has sat in the circle yet.", F.body, MUTED, 1)
    else:
        page.bars(people[:MAX_PEOPLE_BARS], h.talk_total)
        if len(people) > MAX_PEOPLE_BARS:
            more = len(people) - MAX_PEOPLE_BARS
            page.lines(f"and {more} more people in {stem}.md", F.small, MUTED, 1)

    if h.groups:
        page.heading("Talk time by group")
        groups = [Bar(g.label or "No group", None, g.seconds, g.share) for g in h.groups]
        page.bars(groups[:MAX_GROUP_BARS], h.talk_total)
        if len(groups) > MAX_GROUP_BARS:
            page.lines(f"and {len(groups) - MAX_GROUP_BARS} more in {stem}.md", F.small, MUTED, 1)

    if h.listed:
        page.heading("Not yet heard")
        if h.not_yet_heard:
            page.lines(", ".join(h.not_yet_heard), F.body, TEXT, 3)
        else:
            page.lines(
                f"Everyone on the participants' list ({h.listed}) had the word.", F.body, TEXT, 1
            )

    _notes(page, h, stem)

    page.bottom += footer_h + _mm(3)
    page.y = page.bottom - footer_h
    page.lines(footer, F.small, MUTED, 3)


def _notes(page: Page, h: Harvest, stem: str) -> None:
    """As many notes as fit, each with its session time, time of day and the speaker then."""
    F = page.f  # noqa: N806
    if not h.notes:
        return
    heading_h = _mm(3.5 + 0.8 + 1.8) + page.metrics(F.heading).lineSpacing()
    more_h = page.lines_height(F.small, 1) + _mm(1)
    if page.room() < heading_h + more_h + page.lines_height(F.small, 1) + page.lines_height(
        F.body, 1
    ):
        page.gap(2)
        page.lines(f"{len(h.notes)} notes in {stem}.md (no room on this page).", F.small, MUTED, 1)
        return
    page.heading("Notes")
    drawn = 0
    for n in h.notes:
        head = format_duration(n.at)
        clock = local_time(n.wall, "%H:%M")
        if clock:
            head += f" ({clock})"
        if n.speaker:
            head += f" · {n.speaker} speaking"
        text = wrap(n.text, F.body, page.width - _mm(4), NOTE_LINES, page.device)
        need = page.lines_height(F.small, 1) + page.lines_height(F.body, len(text)) + _mm(1.6)
        left = len(h.notes) - drawn - 1
        if page.room() < need + (more_h if left else 0):
            break
        page.text_at(
            page.left,
            page.y,
            page.metrics(F.small).elidedText(head, Qt.TextElideMode.ElideRight, page.width),
            F.small_bold,
            MUTED,
        )
        page.y += page.metrics(F.small).lineSpacing()
        for line in text:
            page.text_at(page.left + _mm(4), page.y, line, F.body, TEXT)
            page.y += page.metrics(F.body).lineSpacing()
        page.gap(1.6)
        drawn += 1
    if drawn < len(h.notes):
        rest = len(h.notes) - drawn
        page.lines(
            f"{rest} more {'note' if rest == 1 else 'notes'} in {stem}.md.", F.small, MUTED, 1
        )


def write_harvest_pdf(session: FishbowlSession, path: Path) -> None:
    """The one-page summary of ``session`` at ``path``, written atomically.

    Raises ``OSError`` when the file cannot be written (the export says so to the facilitator).
    """
    ensure_font()
    path = Path(path)
    h = harvest(session)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(f"{h.title}: fishbowl harvest")
        writer.setCreator("Poster gallery kiosk, fishbowl timer")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"Qt could not open {tmp} to write the PDF")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(Page(painter, writer), h, path.stem)
        finally:
            painter.end()
        del writer  # closes the file
        if tmp.stat().st_size == 0:
            raise OSError(f"Qt wrote nothing to {tmp}")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)
