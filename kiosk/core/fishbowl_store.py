"""The fishbowl session on disk: crash-safe saves, restore after a crash, and the export.

Saves must survive a kill or a power cut at any instant, so a save never writes over the file it
replaces: it writes a temporary file in the same folder, fsyncs it, keeps the previous save as
``.bak`` and renames the new one into place (``os.replace`` is atomic). At every instant a
complete save exists under the main name or the backup name. Loading never raises for a damaged
file: the file is moved aside (``.corrupt-<time>``) for a human to look at, the backup is tried,
and the caller gets a sentence for the log either way.

The export writes the session log as CSV (one row per turn, for a spreadsheet) and a Markdown
summary (question, talk time per person and per chair, turns, notes) for people.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.atomic import write_atomically
from kiosk.core.clock import Clock, SystemWallClock, WallClock
from kiosk.core.fishbowl import (
    Event,
    FishbowlError,
    FishbowlSession,
    State,
    chair_label,
    format_clock,
    format_duration,
)

log = logging.getLogger(__name__)

SESSION_FILE = "fishbowl-session.json"
MAX_BYTES = 5_000_000  # a real session is a few kB; anything this big is not ours


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


@dataclass(frozen=True)
class Loaded:
    """What ``SessionStore.load`` found: a session (or None) and a sentence for the log."""

    session: FishbowlSession | None
    message: str
    source: Path | None = None


class SessionStore:
    """The saved session in ``folder`` (the app-data folder in the app, a tmp folder in tests)."""

    def __init__(
        self, folder: Path | str, *, wall: WallClock | None = None, name: str = SESSION_FILE
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / name
        self.backup_path = self.folder / f"{name}.bak"
        self._wall = wall or SystemWallClock()

    def save(self, snapshot: dict[str, Any]) -> None:
        """Write ``snapshot`` crash-safely; the previous save becomes the backup.
        Raises OSError (disk full, read-only folder): the caller decides how loud to be."""
        text = json.dumps(snapshot, ensure_ascii=False, allow_nan=False, indent=1)
        write_atomically(self.path, text, keep_backup=self.backup_path)

    def load(self, clock: Clock, *, wall: WallClock | None = None) -> Loaded:
        """Restore the saved session (paused if it was running), else the backup; never raises
        for damaged files: they are moved aside and the message says so."""
        self._remove_stale_temporaries()
        problems: list[str] = []
        for path, what in ((self.path, "save"), (self.backup_path, "backup")):
            if not path.exists():
                continue
            try:
                session = FishbowlSession.from_snapshot(
                    self._read(path), clock, wall=wall or self._wall
                )
            except OSError as exc:
                problems.append(f"the {what} {path} could not be read ({exc.strerror or exc})")
                continue
            except (ValueError, FishbowlError) as exc:
                moved = self._move_aside(path)
                where = f"moved to {moved}" if moved else "could not be moved aside"
                problems.append(f"the {what} was damaged ({exc}; {where})")
                continue
            intro = (
                "Restored the fishbowl session"
                if what == "save"
                else "Restored the fishbowl session from the backup"
            )
            message = f"{intro} {self._describe(session)}"
            if problems:
                message = _sentence(problems) + " " + message
            log.info(message)
            return Loaded(session, message, path)
        if problems:
            message = _sentence(problems) + " Starting a new session."
            log.warning(message)
            return Loaded(None, message)
        return Loaded(None, "No saved fishbowl session.")

    # --- helpers -------------------------------------------------------------------------------
    def _read(self, path: Path) -> Any:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES} bytes")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise ValueError(f"not valid JSON: {exc}") from exc

    def _move_aside(self, path: Path) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._wall.now()))
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 2
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(path, target)
        except OSError:
            log.exception("could not move the damaged %s aside", path)
            return None
        return target

    def _remove_stale_temporaries(self) -> None:
        """A crash in the middle of a save leaves a temporary file; the save it belonged to was
        not (or was already) renamed into place, so it is of no use."""
        for tmp in self.folder.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _describe(self, session: FishbowlSession) -> str:
        rec = session.recovery
        if rec is None:
            return ""
        saved = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(rec.saved_wall))
        state = (
            "it was running and is paused now: resume when the room is ready"
            if rec.was_running
            else f"it was {session.state.value}"
        )
        return f"saved at {saved}, {format_duration(rec.elapsed)} into the session; {state}."


class AutoSaver:
    """Saves the session after every change and, while it runs, every ``interval`` seconds of
    the session clock (the UI calls ``tick()`` from its display timer), so a crash loses at
    most ``interval`` seconds of a running turn. A failing save is logged, never raised: the
    discussion goes on, and ``last_error`` tells the facilitator view."""

    def __init__(
        self, session: FishbowlSession, store: SessionStore, interval: float = 5.0
    ) -> None:
        self.session = session
        self.store = store
        self.interval = interval
        self.last_error: str | None = None
        self._saved_at: float | None = None
        self._unsubscribe: Callable[[], None] = session.subscribe(self._changed)

    def _changed(self, _event: Event) -> None:
        self.save_now()

    def tick(self) -> bool:
        """Save if the session has run ``interval`` seconds since the last save."""
        if self.session.state is not State.RUNNING:
            return False
        now = self.session.clock.now()
        if self._saved_at is not None and now - self._saved_at < self.interval:
            return False
        return self.save_now()

    def due_in(self) -> float | None:
        """Seconds until the next periodic save is due (None while the session is not running):
        the UI arms its save timer with this, so saves are ``interval`` apart whatever else
        saved in between."""
        if self.session.state is not State.RUNNING:
            return None
        if self._saved_at is None:
            return 0.0
        return max(0.0, self.interval - (self.session.clock.now() - self._saved_at))

    def save_now(self) -> bool:
        self._saved_at = self.session.clock.now()
        try:
            self.store.save(self.session.snapshot())
        except (OSError, ValueError) as exc:
            self.last_error = f"The session could not be saved: {exc}"
            log.warning(self.last_error)
            return False
        self.last_error = None
        return True

    def close(self) -> None:
        self._unsubscribe()


# --- export ----------------------------------------------------------------------------------
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


def _labels(session: FishbowlSession) -> dict[int, str]:
    """Participant labels, with "(2)", "(3)" for people who share one (two unnamed people who
    sat in Chair 3 in turn), so the totals stay apart."""
    seen: dict[str, int] = {}
    labels = {}
    for p in session.participants:
        seen[p.label] = seen.get(p.label, 0) + 1
        labels[p.id] = p.label if seen[p.label] == 1 else f"{p.label} ({seen[p.label]})"
    return labels


def session_csv(session: FishbowlSession) -> str:
    """One row per turn (the running one with no end), times in session seconds."""
    labels = _labels(session)
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
    labels = _labels(session)
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
        lines += [f"- {format_duration(at)} {_md(text)}" for at, text in session.notes]
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
