"""The fishbowl session's log, exported for after the discussion.

The export writes the session log as CSV (one row per turn, for a spreadsheet) and a Markdown
summary (question, talk time per person and per chair, turns, notes) for people.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from kiosk.core.atomic import write_atomically
from kiosk.core.clock import SystemWallClock, WallClock
from kiosk.core.fishbowl.airtime import participant_labels
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import chair_label, format_clock, format_duration

CSV_COLUMNS = (
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
)


def _spreadsheet_safe(text: str) -> str:
    """A typed name starting with = + - @ would run as a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(epoch: float | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return "" if epoch is None else time.strftime(fmt, time.localtime(epoch))


def session_csv(session: FishbowlSession) -> str:
    """One row per turn (the running one with no end), times in session seconds."""
    labels = participant_labels(session)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for t in session.turns():
        writer.writerow(
            [
                t.number,
                t.round,
                t.chair + 1,
                _spreadsheet_safe(labels[t.participant_id]),
                t.participant_id,
                f"{t.start:.1f}",
                "" if t.end is None else f"{t.end:.1f}",
                f"{t.duration:.1f}",
                f"{t.over_time:.1f}",
                _local(t.started_wall),
            ]
        )
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _share(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole > 0 else "–"


def session_summary(session: FishbowlSession) -> str:
    """The session for people: question(s), date, length, talk-time balance, turns, notes."""
    c = session.config
    labels = participant_labels(session)
    turns = session.turns()
    talk = session.talk_time_by_participant()
    spoken_total = sum(talk.values())
    elapsed = session.session_elapsed()
    over = elapsed - session.session_budget
    length = f"{format_duration(elapsed)} of {format_duration(session.session_budget)} planned"
    if over > 0:
        length += f" ({format_clock(-over)} over)"
    lines = [
        f"# {_md(c.title or 'Fishbowl discussion')}",
        "",
        f"- Date: {_local(session.started_wall, '%Y-%m-%d %H:%M') or 'not started'}",
        f"- Length: {length}",
        f"- Turns: {len(turns)} in {session.round_number} round(s)",
        f"- Chairs: {c.chairs} ({c.empty_chairs} kept empty for the audience)",
        f"- State: {session.state.value}",
        "",
        "## Question(s)",
        "",
    ]
    asked = session.question_log or ((0.0, session.question),)
    lines += [f"- {format_duration(at)} {_md(q)}" for at, q in asked]
    lines += [
        "",
        "## Talk time per participant",
        "",
        "| Participant | Chair | Turns | Talk time | Share | Over time |",
        "|---|---|---|---|---|---|",
    ]
    for p in sorted(session.participants, key=lambda p: -talk[p.id]):
        mine = [t for t in turns if t.participant_id == p.id]
        over_p = sum(t.over_time for t in mine)
        lines.append(
            f"| {_md(labels[p.id])} | {p.chair + 1} | {len(mine)} | "
            f"{format_duration(talk[p.id])} | {_share(talk[p.id], spoken_total)} | "
            f"{format_clock(-over_p) if over_p > 0 else '–'} |"
        )
    lines += ["", "## Talk time per chair", "", "| Chair | Talk time | Share |", "|---|---|---|"]
    for i, seconds in enumerate(session.talk_time_by_chair()):
        lines.append(
            f"| {chair_label(i)} | {format_duration(seconds)} | {_share(seconds, spoken_total)} |"
        )
    lines += [
        "",
        "## Turns",
        "",
        "| # | Round | Chair | Participant | Start | End | Duration | Over time |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in turns:
        end = "running" if t.end is None else format_duration(t.end)
        lines.append(
            f"| {t.number} | {t.round} | {t.chair + 1} | {_md(labels[t.participant_id])}"
            f" | {format_duration(t.start)} | {end} | {format_duration(t.duration)} | "
            f"{format_clock(-t.over_time) if t.over_time > 0 else '–'} |"
        )
    if session.notes:
        lines += ["", "## Notes", ""]
        lines += [
            f"- {format_duration(n.at)} {_md(n.text)}"
            + (f" ({_md(n.speaker)})" if n.speaker else "")
            for n in session.notes
        ]
    return "\n".join(lines) + "\n"


def export_log(session: FishbowlSession, csv_path: Path | str, summary_path: Path | str) -> None:
    """Write the turn log as CSV (UTF-8 with a BOM, so spreadsheets read accents) and the
    summary as Markdown, each file atomically."""
    write_atomically(Path(csv_path), session_csv(session), encoding="utf-8-sig")
    write_atomically(Path(summary_path), session_summary(session))


def export_session(
    session: FishbowlSession, folder: Path | str, *, wall: WallClock | None = None
) -> tuple[Path, Path]:
    """Export into ``folder`` as fishbowl-<date>-<time>.csv/.md (from the session's start),
    adding -2, -3... so that two sessions never overwrite each other. Returns the two paths."""
    folder = Path(folder)
    epoch = (
        session.started_wall
        if session.started_wall is not None
        else (wall or SystemWallClock()).now()
    )
    stem = "fishbowl-" + _local(epoch, "%Y%m%d-%H%M%S")
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        csv_path, md_path = folder / f"{name}.csv", folder / f"{name}.md"
        if not csv_path.exists() and not md_path.exists():
            break
        n += 1
    export_log(session, csv_path, md_path)
    return csv_path, md_path
