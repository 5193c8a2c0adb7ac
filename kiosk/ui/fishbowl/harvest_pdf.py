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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDateTime, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QTextLayout,
    QTextOption,
)

from kiosk.core.fishbowl.export import (
    clock_span,
    everyone_heard,
    length_text,
    local_time,
    percent,
)
from kiosk.core.fishbowl.harvest import Harvest, harvest
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import format_duration
from kiosk.i18n import ENGLISH, N_, Translator
from kiosk.ui.context import qlocale
from kiosk.ui.pdf import pdf_font, write_pdf

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

MEASURE = N_(
    "Seconds holding the word, as the facilitator gave it: not who was heard, interruptions "
    "or what was said."
)


def _mm(value: float) -> float:
    return value * DPI / 25.4


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
        self.title = pdf_font(20, QFont.Weight.Bold)
        self.heading = pdf_font(13, QFont.Weight.Bold)
        self.question = pdf_font(12.5, QFont.Weight.Medium)
        self.body = pdf_font(10.5)
        self.small = pdf_font(9)
        self.small_bold = pdf_font(9, QFont.Weight.Bold)


@dataclass(frozen=True)
class Bar:
    label: str
    detail: str | None  # a person's group, shown muted under the name
    seconds: float
    share: float


class Page:
    """A pen moving down one page. Each block says how tall it is before it is drawn, so the
    page can share its height out (``draw``); nothing is drawn below ``bottom``."""

    def __init__(self, painter: QPainter, device: QPaintDevice) -> None:
        self.f = Fonts()
        self.p = painter
        self.device = device
        self.left = _mm(MARGIN_MM)
        self.width = _mm(PAGE_MM[0] - 2 * MARGIN_MM)
        self.y = _mm(MARGIN_MM)
        self.bottom = _mm(PAGE_MM[1] - MARGIN_MM)
        self.name_w = self.width * 0.38  # a bar's name column
        self.value_w = self.metrics(self.f.body).horizontalAdvance("0:00:00 · 100%") + _mm(3)

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

    def wrapped(self, text: str, font: QFont, max_lines: int, indent: float = 0.0) -> list[str]:
        return wrap(text, font, self.width - indent, max_lines, self.device)

    def lines(
        self, text: str, font: QFont, colour: str, max_lines: int, indent: float = 0.0
    ) -> None:
        self.draw_lines(self.wrapped(text, font, max_lines, indent), font, colour, indent)

    def draw_lines(
        self, lines: Sequence[str], font: QFont, colour: str, indent: float = 0.0
    ) -> None:
        spacing = self.metrics(font).lineSpacing()
        for line in lines:
            if self.y + spacing > self.bottom + 0.5:
                return  # never below the page's bottom (the layout makes room; this is a guard)
            self.text_at(self.left + indent, self.y, line, font, colour)
            self.y += spacing

    def gap(self, mm: float) -> None:
        self.y += _mm(mm)

    @property
    def heading_height(self) -> float:
        return _mm(3.5 + 0.8 + 1.8) + self.metrics(self.f.heading).lineSpacing()

    def heading(self, text: str) -> None:
        self.gap(3.5)
        self.text_at(self.left, self.y, text, self.f.heading, TEXT)
        self.y += self.metrics(self.f.heading).lineSpacing() + _mm(0.8)
        self.p.setPen(QColor(RULE))
        self.p.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.width, self.y))
        self.gap(1.8)

    def bar_height(self, bar: Bar) -> float:
        body, small = self.metrics(self.f.body), self.metrics(self.f.small)
        return body.lineSpacing() + (small.lineSpacing() if bar.detail else 0) + _mm(1.6)

    def bars(self, bars: Sequence[Bar], total: float, longest: float) -> None:
        """Horizontal bars, ``longest`` full width; each with its time and share in figures."""
        name_w = self.name_w
        bar_x = self.left + name_w + _mm(3)
        bar_w = self.width - name_w - _mm(3) - self.value_w
        body, small = self.metrics(self.f.body), self.metrics(self.f.small)
        for b in bars:
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
            self.y += self.bar_height(b)

    def fitting(self, bars: Sequence[Bar], height: float, limit: int) -> int:
        """How many of ``bars`` fit in ``height`` (at most ``limit``), keeping a line for
        "and N more" when not all of them do."""
        more = self.lines_height(self.f.small, 1)
        used, count = 0.0, 0
        for i, b in enumerate(bars):
            last = i == len(bars) - 1
            need = self.bar_height(b) + (0 if last else more)
            if count >= limit or used + need > height:
                break
            used += self.bar_height(b)
            count += 1
        return count


def _day(epoch: float | None, t: Translator) -> str:
    """ "Monday 19 June 2017" in the language's words ("lundi 19 juin 2017")."""
    if epoch is None:
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(round(epoch * 1000))
    return qlocale(t.lang).toString(moment, "dddd d MMMM yyyy")


def _meta(h: Harvest, t: Translator) -> tuple[str, str]:
    """The date and times by the clock; the length, turns, rounds and voices."""
    when = _day(h.started_wall, t) or t.gettext("Not started")
    span = clock_span(h, t)
    spoke = sum(1 for p in h.people if p.turns > 0)
    parts = (
        t.gettext("Length {length}").format(length=length_text(h, t)),
        t.ngettext("{n} turn", "{n} turns", len(h.timeline)).format(n=len(h.timeline))
        + " "
        + t.ngettext("in {n} round", "in {n} rounds", h.rounds).format(n=h.rounds),
        t.ngettext("{n} person spoke", "{n} people spoke", spoke).format(n=spoke),
    )
    return (f"{when}, {span}" if span else when, " · ".join(parts))


def draw(page: Page, h: Harvest, stem: str, t: Translator = ENGLISH) -> None:
    """The whole page, top to bottom. The header and the questions first; then the height left
    is shared: the groups, the voices not yet heard and room for a first note are kept, the
    people's bars take what they need of the rest (at least three rows), the notes fill what is
    left. Whatever does not fit is counted and sent to the Markdown file."""
    F = page.f  # noqa: N806
    tr = t.gettext
    small_line = page.lines_height(F.small, 1)
    footer = page.wrapped(
        tr(
            "The whole log: {stem}.md (timeline, notes), {stem}.csv (one row per turn), "
            "{stem}-people.csv (one row per person)."
        ).format(stem=stem),
        F.small,
        3,
    )
    page.bottom -= page.lines_height(F.small, len(footer)) + _mm(3)

    page.text_at(page.left, page.y, tr("Fishbowl harvest"), F.small_bold, MUTED)
    page.y += page.metrics(F.small_bold).lineSpacing()
    page.lines(h.title, F.title, TEXT, 2)
    page.gap(1)
    for line in _meta(h, t):
        page.lines(line, F.body, MUTED, 2)

    # each question once, from when it was first shown (the Markdown has every change)
    questions: dict[str, float] = {}
    for at, question in h.questions:
        questions.setdefault(question, at)
    page.heading(tr("Question") if len(questions) == 1 else tr("Questions"))
    shown = list(questions.items())[:3]
    for question, at in shown:
        if len(questions) == 1:
            page.lines(question, F.question, TEXT, 3)
        else:
            page.lines(f"{format_duration(at)}  {question}", F.question, TEXT, 2)
        page.gap(0.8)
    if len(questions) > len(shown):
        more = len(questions) - len(shown)
        page.lines(
            tr("and {n} more in {file}").format(n=more, file=f"{stem}.md"), F.small, MUTED, 1
        )

    people = [Bar(p.label, p.group, p.seconds, p.share) for p in h.people if p.chairs]
    groups = [Bar(g.label or tr("No group"), None, g.seconds, g.share) for g in h.groups]
    unheard = (
        page.wrapped(", ".join(h.not_yet_heard), F.body, 3)
        if h.not_yet_heard
        else [everyone_heard(t, h.listed)]
    )
    unheard_h = page.heading_height + page.lines_height(F.body, len(unheard)) if h.listed else 0.0
    first_note = (
        page.heading_height + small_line + page.lines_height(F.body, 1) + _mm(1.6) + small_line
        if h.notes
        else 0.0
    )
    people_fixed = page.heading_height + page.lines_height(F.small, 2) + _mm(1.5)
    min_people = sum(page.bar_height(b) for b in people[:3]) + small_line
    groups_room = page.room() - unheard_h - first_note - people_fixed - min_people
    group_rows = page.fitting(groups, groups_room - page.heading_height, MAX_GROUP_BARS)
    groups_h = (
        page.heading_height
        + sum(page.bar_height(b) for b in groups[:group_rows])
        + (small_line if group_rows < len(groups) else 0)
        if groups
        else 0.0
    )
    people_room = page.room() - unheard_h - first_note - groups_h - people_fixed
    people_rows = page.fitting(people, people_room, MAX_PEOPLE_BARS)
    longest = max((b.seconds for b in people), default=0.0)

    page.heading(tr("Talk time by person"))
    page.lines(tr(MEASURE), F.small, MUTED, 2)
    page.gap(1.5)
    if not people:
        page.lines(tr("No one has sat in the circle yet."), F.body, MUTED, 1)
    else:
        page.bars(people[:people_rows], h.talk_total, longest)
        if people_rows < len(people):
            more = len(people) - people_rows
            words = t.ngettext(
                "and {n} more person in {file}", "and {n} more people in {file}", more
            )
            page.lines(words.format(n=more, file=f"{stem}.md"), F.small, MUTED, 1)

    if groups:
        page.heading(tr("Talk time by group"))
        page.bars(groups[:group_rows], h.talk_total, max(b.seconds for b in groups))
        if group_rows < len(groups):
            more = len(groups) - group_rows
            words = t.ngettext(
                "and {n} more group in {file}", "and {n} more groups in {file}", more
            )
            page.lines(words.format(n=more, file=f"{stem}.md"), F.small, MUTED, 1)

    if h.listed:
        page.heading(
            tr("Not yet heard ({n} of {listed} listed)").format(
                n=len(h.not_yet_heard), listed=h.listed
            )
        )
        page.draw_lines(unheard, F.body, TEXT)

    _notes(page, h, stem, t)

    page.bottom = _mm(PAGE_MM[1] - MARGIN_MM)
    page.y = page.bottom - page.lines_height(F.small, len(footer))
    page.draw_lines(footer, F.small, MUTED)


def _notes(page: Page, h: Harvest, stem: str, t: Translator) -> None:
    """As many notes as fit, each with its session time, time of day and the speaker then."""
    F = page.f  # noqa: N806
    file = f"{stem}.md"
    if not h.notes:
        return
    small_line = page.lines_height(F.small, 1)
    if page.room() < page.heading_height + 2 * small_line + page.lines_height(F.body, 1):
        page.gap(2)
        words = t.ngettext("{n} note in {file}.", "{n} notes in {file}.", len(h.notes))
        page.lines(words.format(n=len(h.notes), file=file), F.small, MUTED, 1)
        return
    page.heading(t.gettext("Notes"))
    drawn = 0
    for n in h.notes:
        head = format_duration(n.at)
        clock = local_time(n.wall, "%H:%M")
        if clock:
            head += f" ({clock})"
        if n.speaker:
            head += " · " + t.gettext("{name} speaking").format(name=n.speaker)
        text = page.wrapped(n.text, F.body, NOTE_LINES, _mm(4))
        need = small_line + page.lines_height(F.body, len(text)) + _mm(1.6)
        left = len(h.notes) - drawn - 1
        if page.room() < need + (small_line if left else 0):
            break
        head = page.metrics(F.small_bold).elidedText(head, Qt.TextElideMode.ElideRight, page.width)
        page.draw_lines([head], F.small_bold, MUTED)
        page.draw_lines(text, F.body, TEXT, _mm(4))
        page.gap(1.6)
        drawn += 1
    if drawn < len(h.notes):
        rest = len(h.notes) - drawn
        words = t.ngettext("{n} more note in {file}.", "{n} more notes in {file}.", rest)
        page.lines(words.format(n=rest, file=file), F.small, MUTED, 1)


def write_harvest_pdf(session: FishbowlSession, path: Path, t: Translator = ENGLISH) -> None:
    """The one-page summary of ``session`` at ``path``, written atomically.

    Raises ``OSError`` when the file cannot be written (the export says so to the facilitator).
    """
    h = harvest(session, t)
    write_pdf(
        Path(path),
        PAGE_MM,
        DPI,
        t.gettext("{title}: fishbowl harvest").format(title=h.title),
        t.gettext("Poster gallery kiosk, fishbowl timer"),
        lambda painter, writer: draw(Page(painter, writer), h, Path(path).stem, t),
    )
