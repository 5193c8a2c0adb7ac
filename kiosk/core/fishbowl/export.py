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
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import chair_label, format_clock, format_duration

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

PdfWriter = Callable[[FishbowlSession, Path], None]


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


def clock_span(h: Harvest) -> str | None:
    """ "14:00:05 to 14:47:30 by the clock (2:10 paused)", or None before the start."""
    if h.started_wall is None:
        return None
    if h.ended_wall is None:
        return f"from {local_time(h.started_wall, '%H:%M:%S')} by the clock"
    text = f"{local_time(h.started_wall, '%H:%M:%S')} to {local_time(h.ended_wall, '%H:%M:%S')}"
    if local_time(h.started_wall, "%Y-%m-%d") != local_time(h.ended_wall, "%Y-%m-%d"):
        text += f" on {local_time(h.ended_wall, '%Y-%m-%d')}"
    text += " by the clock"
    paused = h.paused
    if paused is not None and paused >= 1:
        text += f" ({format_duration(paused)} paused)"
    return text


def length_text(h: Harvest) -> str:
    """ "45:00 of 45:00 planned (+2:10 over)"."""
    text = f"{format_duration(h.elapsed)} of {format_duration(h.planned)} planned"
    if h.elapsed > h.planned:
        text += f" ({format_clock(h.planned - h.elapsed)} over)"
    return text


def session_summary(session: FishbowlSession, h: Harvest | None = None) -> str:
    """The session for people: question(s), date, length, talk-time balance per person, group
    and chair, voices not yet heard, the timeline, notes."""
    h = h or harvest(session)
    heard = sum(1 for p in h.people if p.turns > 0)
    lines = [
        f"# {_md(h.title)}",
        "",
        f"- Date: {local_time(h.started_wall, '%Y-%m-%d %H:%M') or 'not started'}",
    ]
    span = clock_span(h)
    if span:
        lines.append(f"- Time: {span}")
    lines += [
        f"- Length: {length_text(h)}",
        f"- Turns: {len(h.timeline)} in {h.rounds} round(s)",
        f"- People who spoke: {heard}",
        f"- Chairs: {h.chairs} ({h.empty_chairs} kept empty for the audience)",
        f"- State: {h.state.value}",
        "",
        "## Question(s)",
        "",
    ]
    lines += [f"- {format_duration(at)} {_md(q)}" for at, q in h.questions]
    grouped = any(p.group for p in h.people)
    lines += [
        "",
        "## Talk time per person",
        "",
        "Seconds holding the word, as the facilitator gave it: not who was heard, "
        "interruptions, or what was said. A name follows the person from chair to chair; "
        "someone unnamed is counted per chair.",
        "",
    ]
    header = ["Person", *(["Group"] if grouped else []), "Chairs", "Turns", "Talk time", "Share"]
    header.append("Over time")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
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
        lines.append("| " + " | ".join(cells) + " |")
    if h.groups:
        lines += [
            "",
            "## Talk time per group",
            "",
            "| Group | People | Talk time | Share |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_md(g.label or 'No group')} | {g.people} | {format_duration(g.seconds)} | "
            f"{percent(g.share) if h.talk_total > 0 else '–'} |"
            for g in h.groups
        ]
    if h.listed:
        lines += ["", "## Not yet heard", ""]
        if h.not_yet_heard:
            lines += [f"- {_md(name)}" for name in h.not_yet_heard]
        else:
            lines.append(f"Everyone on the participants' list ({h.listed}) had the word.")
    lines += ["", "## Talk time per chair", "", "| Chair | Talk time | Share |", "|---|---|---|"]
    for i, seconds in enumerate(h.by_chair):
        shown = percent(seconds / h.talk_total) if h.talk_total > 0 else "–"
        lines.append(f"| {chair_label(i)} | {format_duration(seconds)} | {shown} |")
    lines += [
        "",
        "## Timeline: who spoke when",
        "",
        "Start and End are session times (paused time does not count); From and To are times "
        "of day.",
        "",
        "| # | Round | Chair | Person | From | To | Start | End | Duration | Over time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in h.timeline:
        running = t.end is None
        lines.append(
            f"| {t.number} | {t.round} | {t.chair} | {_md(t.person)}"
            f" | {local_time(t.started_wall, '%H:%M:%S') or '–'}"
            f" | {'running' if running else local_time(t.ended_wall, '%H:%M:%S') or '–'}"
            f" | {format_duration(t.start)}"
            f" | {'running' if t.end is None else format_duration(t.end)}"
            f" | {format_duration(t.duration)} | {_over(t.over_time)} |"
        )
    if h.notes:
        lines += ["", "## Notes", ""]
        for n in h.notes:
            clock = local_time(n.wall, "%H:%M:%S")
            lines.append(
                f"- {format_duration(n.at)}"
                + (f" ({clock})" if clock else "")
                + f" {_md(n.text)}"
                + (f" ({_md(n.speaker)} speaking)" if n.speaker else "")
            )
    return "\n".join(lines) + "\n"


def export_log(
    session: FishbowlSession,
    csv_path: Path | str,
    summary_path: Path | str,
    people_path: Path | str | None = None,
) -> None:
    """Write the timeline as CSV (UTF-8 with a BOM, so spreadsheets read accents), the summary
    as Markdown and, if given a path, the people's CSV: each file atomically."""
    h = harvest(session)
    write_atomically(Path(csv_path), session_csv(session, h), encoding="utf-8-sig")
    if people_path is not None:
        write_atomically(Path(people_path), people_csv(session, h), encoding="utf-8-sig")
    write_atomically(Path(summary_path), session_summary(session, h))


def export_session(
    session: FishbowlSession,
    folder: Path | str,
    *,
    wall: WallClock | None = None,
    pdf: PdfWriter | None = None,
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
    export_log(session, paths.csv, paths.summary, paths.people)
    if pdf is not None and paths.pdf is not None:
        pdf(session, paths.pdf)
    return paths
