"""The fishbowl session's harvest, exported for after the discussion.

One export writes, with the same name (``fishbowl-<date>-<time>``, ``-2``, ``-3``... so that no
export overwrites another):

- ``NAME.csv``: the timeline, one row per turn (``TURN_COLUMNS``);
- ``NAME-people.csv``: one row per person (``PEOPLE_COLUMNS``);
- ``NAME.md``: the summary for people: question(s), date and times, talk time per person, per
  group and per chair, the voices not yet heard, the timeline, the notes;
- ``NAME.pdf``: a one-page summary, when the caller gives a writer for it (the PDF is drawn
  with Qt, outside ``kiosk.core``: ``kiosk.ui.fishbowl.harvest_pdf``).

The CSV files are UTF-8 with a byte-order mark (so spreadsheets read accents) and every text
cell that a spreadsheet would run as a formula starts with an apostrophe. Every file is written
atomically (a temporary file, then a rename). docs/fishbowl.md describes the columns.
"""

from __future__ import annotations

import csv
import io
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kiosk.core.atomic import write_atomically
from kiosk.core.clock import SystemWallClock, WallClock
from kiosk.core.fishbowl.harvest import Harvest, harvest
from kiosk.core.fishbowl.records import STATE_WORDS
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import CHAIR, format_clock, format_duration
from kiosk.i18n import ENGLISH, N_, Translator

TURN_COLUMNS = (
    "turn",
    "round",
    "chair",
    "participant",
    "participant_id",
    "start_offset_s",
    "end_offset_s",
    "duration_s",
    "over_time_s",
    "started_at",
    "ended_at",
    "group",
)
CSV_COLUMNS = TURN_COLUMNS  # the name before the people's file existed

PEOPLE_COLUMNS = (
    "person",
    "group",
    "listed",
    "chairs",
    "turns",
    "talk_time_s",
    "share_percent",
    "over_time_s",
)

# every file one export writes, by the end of its name; a name is free when none of them exists
SUFFIXES = (".csv", "-people.csv", ".md", ".pdf")

PdfWriter = Callable[[FishbowlSession, Path, Translator], None]

MEASURE = N_(
    "Seconds holding the word, as the facilitator gave it: not who was heard, interruptions, "
    "or what was said. A name follows the person from chair to chair; someone unnamed is "
    "counted per chair."
)
"""What talk time measures (the Markdown and the PDF say it under their table)."""


def everyone_heard(t: Translator, listed: int) -> str:
    """ "Everyone on the participants' list (12) had the word." in ``t``'s language."""
    return t.gettext("Everyone on the participants' list ({n}) had the word.").format(n=listed)


class ExportPaths(NamedTuple):
    csv: Path  # the timeline, one row per turn
    people: Path  # one row per person
    summary: Path  # Markdown
    pdf: Path | None  # the one-page summary (None when no PDF writer was given)

    def files(self) -> tuple[Path, ...]:
        return tuple(p for p in self if p is not None)


def _spreadsheet_safe(text: str) -> str:
    """A typed name starting with = + - @ would run as a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def local_time(epoch: float | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    """An epoch time in the machine's time zone ("" when unknown)."""
    return "" if epoch is None else time.strftime(fmt, time.localtime(epoch))


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(
        [_spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
    )
    return out.getvalue()


def session_csv(session: FishbowlSession, h: Harvest | None = None) -> str:
    """The timeline: one row per turn (the running one with no end), session seconds and times
    of day."""
    h = h or harvest(session)
    return _csv(
        TURN_COLUMNS,
        [
            [
                t.number,
                t.round,
                t.chair,
                t.person,
                t.participant_id,
                _seconds(t.start),
                _seconds(t.end),
                _seconds(t.duration),
                _seconds(t.over_time),
                local_time(t.started_wall),
                local_time(t.ended_wall),
                t.group or "",
            ]
            for t in h.timeline
        ],
    )


def people_csv(session: FishbowlSession, h: Harvest | None = None) -> str:
    """One row per person: everyone who sat in the circle (the most talk time first), then
    everyone on the participants' list who never did."""
    h = h or harvest(session)
    return _csv(
        PEOPLE_COLUMNS,
        [
            [
                p.label,
                p.group or "",
                "yes" if p.listed else "no",
                ", ".join(str(c) for c in p.chairs),
                p.turns,
                _seconds(p.seconds),
                f"{100 * p.share:.1f}",
                _seconds(p.over_time),
            ]
            for p in h.people
        ],
    )


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def percent(part: float) -> str:
    """A share as people read it: "42%" (0..1 in), halves rounded up (12.5% is "13%")."""
    return f"{math.floor(100 * part + 0.5)}%"


def _over(seconds: float) -> str:
    return format_clock(-seconds) if seconds > 0 else "–"


def clock_span(h: Harvest, t: Translator = ENGLISH) -> str | None:
    """ "14:00:05 to 14:47:30 by the clock (2:10 paused)", or None before the start."""
    if h.started_wall is None:
        return None
    start = local_time(h.started_wall, "%H:%M:%S")
    if h.ended_wall is None:
        return t.gettext("from {start} by the clock").format(start=start)
    end = local_time(h.ended_wall, "%H:%M:%S")
    if local_time(h.started_wall, "%Y-%m-%d") != local_time(h.ended_wall, "%Y-%m-%d"):
        text = t.gettext("{start} to {end} on {day} by the clock").format(
            start=start, end=end, day=local_time(h.ended_wall, "%Y-%m-%d")
        )
    else:
        text = t.gettext("{start} to {end} by the clock").format(start=start, end=end)
    paused = h.paused
    if paused is not None and paused >= 1:
        text += " " + t.gettext("({duration} paused)").format(duration=format_duration(paused))
    return text


def length_text(h: Harvest, t: Translator = ENGLISH) -> str:
    """ "45:00 of 45:00 planned (+2:10 over)"."""
    text = t.gettext("{elapsed} of {planned} planned").format(
        elapsed=format_duration(h.elapsed), planned=format_duration(h.planned)
    )
    if h.elapsed > h.planned:
        over = format_clock(h.planned - h.elapsed)
        text += " " + t.gettext("({over} over)").format(over=over)
    return text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def session_summary(
    session: FishbowlSession, h: Harvest | None = None, t: Translator = ENGLISH
) -> str:
    """The session for people: question(s), date, length, talk-time balance per person, group
    and chair, voices not yet heard, the timeline, notes; in the facilitator's language (``t``)."""
    h = h or harvest(session, t)
    tr = t.gettext
    heard = sum(1 for p in h.people if p.turns > 0)
    lines = [
        f"# {_md(h.title)}",
        "",
        "- "
        + tr("Date: {date}").format(
            date=local_time(h.started_wall, "%Y-%m-%d %H:%M") or tr("not started")
        ),
    ]
    span = clock_span(h, t)
    if span:
        lines.append("- " + tr("Time: {span}").format(span=span))
    lines += [
        "- " + tr("Length: {length}").format(length=length_text(h, t)),
        "- "
        + t.ngettext(
            "Turns: {n} in {rounds} round", "Turns: {n} in {rounds} rounds", h.rounds
        ).format(n=len(h.timeline), rounds=h.rounds),
        "- " + tr("People who spoke: {n}").format(n=heard),
        "- "
        + tr("Chairs: {chairs} ({empty} kept empty for the audience)").format(
            chairs=h.chairs, empty=h.empty_chairs
        ),
        "- " + tr("State: {state}").format(state=tr(STATE_WORDS[h.state.value])),
        "",
        "## " + (tr("Question") if len(h.questions) == 1 else tr("Questions")),
        "",
    ]
    lines += [f"- {format_duration(at)} {_md(q)}" for at, q in h.questions]
    grouped = any(p.group for p in h.people)
    lines += ["", "## " + tr("Talk time per person"), "", tr(MEASURE), ""]
    header = [tr("Person"), *([tr("Group")] if grouped else []), tr("Chairs"), tr("Turns")]
    header += [tr("Talk time"), tr("Share"), tr("Over time")]
    lines += [_row(header), "|" + "---|" * len(header)]
    for p in h.people:
        cells = [
            _md(p.label),
            *([_md(p.group or "–")] if grouped else []),
            ", ".join(str(c) for c in p.chairs) or "–",
            str(p.turns),
            format_duration(p.seconds),
            percent(p.share) if h.talk_total > 0 else "–",
            _over(p.over_time),
        ]
        lines.append(_row(cells))
    if h.groups:
        header = [tr("Group"), tr("People"), tr("Talk time"), tr("Share")]
        lines += ["", "## " + tr("Talk time per group"), "", _row(header), "|---|---|---|---|"]
        lines += [
            _row(
                [
                    _md(g.label or tr("No group")),
                    str(g.people),
                    format_duration(g.seconds),
                    percent(g.share) if h.talk_total > 0 else "–",
                ]
            )
            for g in h.groups
        ]
    if h.listed:
        lines += ["", "## " + tr("Not yet heard"), ""]
        if h.not_yet_heard:
            lines += [f"- {_md(name)}" for name in h.not_yet_heard]
        else:
            lines.append(everyone_heard(t, h.listed))
    header = [tr("Chair"), tr("Talk time"), tr("Share")]
    lines += ["", "## " + tr("Talk time per chair"), "", _row(header), "|---|---|---|"]
    for i, seconds in enumerate(h.by_chair):
        shown = percent(seconds / h.talk_total) if h.talk_total > 0 else "–"
        lines.append(_row([tr(CHAIR).format(n=i + 1), format_duration(seconds), shown]))
    header = ["#", tr("Round"), tr("Chair"), tr("Person"), tr("From"), tr("To"), tr("Start")]
    header += [tr("End"), tr("Duration"), tr("Over time")]
    lines += [
        "",
        "## " + tr("Timeline: who spoke when"),
        "",
        tr(
            "Start and End are session times (paused time does not count); From and To are "
            "times of day."
        ),
        "",
        _row(header),
        "|" + "---|" * len(header),
    ]
    running = tr("running")
    for turn in h.timeline:
        lines.append(
            _row(
                [
                    str(turn.number),
                    str(turn.round),
                    str(turn.chair),
                    _md(turn.person),
                    local_time(turn.started_wall, "%H:%M:%S") or "–",
                    running if turn.end is None else local_time(turn.ended_wall, "%H:%M:%S") or "–",
                    format_duration(turn.start),
                    running if turn.end is None else format_duration(turn.end),
                    format_duration(turn.duration),
                    _over(turn.over_time),
                ]
            )
        )
    if h.notes:
        lines += ["", "## " + tr("Notes"), ""]
        for n in h.notes:
            clock = local_time(n.wall, "%H:%M:%S")
            lines.append(
                f"- {format_duration(n.at)}"
                + (f" ({clock})" if clock else "")
                + f" {_md(n.text)}"
                + (" " + tr("({name} speaking)").format(name=_md(n.speaker)) if n.speaker else "")
            )
    return "\n".join(lines) + "\n"


def export_log(
    session: FishbowlSession,
    csv_path: Path | str,
    summary_path: Path | str,
    people_path: Path | str | None = None,
    t: Translator = ENGLISH,
) -> None:
    """Write the timeline as CSV (UTF-8 with a BOM, so spreadsheets read accents), the summary
    as Markdown and, if given a path, the people's CSV: each file atomically."""
    h = harvest(session, t)
    write_atomically(Path(csv_path), session_csv(session, h), encoding="utf-8-sig")
    if people_path is not None:
        write_atomically(Path(people_path), people_csv(session, h), encoding="utf-8-sig")
    write_atomically(Path(summary_path), session_summary(session, h, t))


def export_session(
    session: FishbowlSession,
    folder: Path | str,
    *,
    wall: WallClock | None = None,
    pdf: PdfWriter | None = None,
    t: Translator = ENGLISH,
) -> ExportPaths:
    """Export into ``folder`` as fishbowl-<date>-<time> (from the session's start) .csv,
    -people.csv, .md and, with a ``pdf`` writer, .pdf; adding -2, -3... so that no export ever
    overwrites another. Returns the paths."""
    folder = Path(folder)
    epoch = (
        session.started_wall
        if session.started_wall is not None
        else (wall or SystemWallClock()).now()
    )
    stem = "fishbowl-" + local_time(epoch, "%Y%m%d-%H%M%S")
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        if not any((folder / f"{name}{suffix}").exists() for suffix in SUFFIXES):
            break
        n += 1
    paths = ExportPaths(
        folder / f"{name}.csv",
        folder / f"{name}-people.csv",
        folder / f"{name}.md",
        None if pdf is None else folder / f"{name}.pdf",
    )
    export_log(session, paths.csv, paths.summary, paths.people, t)
    if pdf is not None and paths.pdf is not None:
        pdf(session, paths.pdf, t)
    return paths
