"""A session's data as plain JSON-ready data, and back, checked field by field.

Times are session seconds (relative), never monotonic readings: those mean nothing in another
process. ``saved_wall`` says when it was written. Reading it back checks every field's type, so a
damaged or foreign file raises ``SnapshotError`` instead of building half a session; the session
then checks its own rules (``FishbowlSession.from_snapshot``).
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.fishbowl.config import (
    MAX_CHAIRS,
    MAX_QUESTIONS,
    MAX_QUEUE,
    MAX_ROSTER,
    MAX_SECONDS,
    FishbowlConfig,
    RosterEntry,
)
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import Note, Participant, State, Turn, Waiting

# 2 added the roster, the airtime settings, audience names in the queue, the speaker of a note
# and the message to the circle; a version 1 file (saved before an upgrade) still reads, with
# those empty. "runs" (when the session clock started running, for the times of day in the harvest)
# came later in version 2 and is optional: a file without it reads, its times of day before the
# restore unknown; a build without it ignores it.
SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)


class SnapshotError(FishbowlError):
    """A snapshot that cannot be restored (damaged, or from an unknown version)."""


@dataclass(frozen=True)
class Recovery:
    """Set on a session restored from a snapshot, so the UI and the log can say so."""

    saved_wall: float
    was_running: bool
    elapsed: float


@dataclass(frozen=True)
class SavedSession:
    """Everything needed to rebuild a session, as the session holds it (the state as saved: a
    running session is paused only when it is rebuilt)."""

    saved_wall: float
    state: State
    elapsed: float
    session_budget: float
    started_wall: float | None
    config: FishbowlConfig
    question_index: int
    chairs: tuple[int | None, ...]
    next_id: int
    participants: tuple[Participant, ...]
    queue: tuple[Waiting, ...]
    turns: tuple[Turn, ...]
    question_log: tuple[tuple[float, str], ...]
    notes: tuple[Note, ...]
    setup_names: Mapping[int, str]
    message: str | None = None
    runs: tuple[tuple[float, float], ...] = ()  # (session seconds, epoch) at each start


def to_plain(saved: SavedSession) -> dict[str, Any]:
    """The saved session as JSON-ready data (dicts, lists, numbers, text, None)."""
    c = saved.config
    return {
        "version": SNAPSHOT_VERSION,
        "saved_wall": saved.saved_wall,
        "state": saved.state.value,
        "elapsed": saved.elapsed,
        "session_budget": saved.session_budget,
        "started_wall": saved.started_wall,
        "config": {
            "title": c.title,
            "questions": list(c.questions),
            "chairs": c.chairs,
            "empty_chairs": c.empty_chairs,
            "turn_seconds": c.turn_seconds,
            "session_seconds": c.session_seconds,
            "warning_seconds": c.warning_seconds,
            "session_warning_seconds": c.session_warning_seconds,
            "chime": c.chime,
            "roster": [[e.name, e.group] for e in c.roster],
            "airtime_public": c.airtime_public,
            "group_balance": c.group_balance,
        },
        "question_index": saved.question_index,
        "chairs": list(saved.chairs),
        "next_id": saved.next_id,
        "participants": [
            {
                "id": p.id,
                "chair": p.chair,
                "name": p.name,
                "from_audience": p.from_audience,
                "joined_at": p.joined_at,
                "left_at": p.left_at,
            }
            for p in saved.participants
        ],
        "queue": [w.pid if w.pid is not None else {"name": w.name} for w in saved.queue],
        "turns": [
            {
                "number": t.number,
                "round": t.round,
                "chair": t.chair,
                "participant": t.participant,
                "start": t.start,
                "end": t.end,
                "budget": t.budget,
                "started_wall": t.started_wall,
            }
            for t in saved.turns
        ],
        "question_log": [[at, text] for at, text in saved.question_log],
        "notes": [[n.at, n.text, n.speaker] for n in saved.notes],
        "setup_names": {str(k): v for k, v in saved.setup_names.items()},
        "message": saved.message,
        "runs": [[at, wall] for at, wall in saved.runs],
    }


def from_plain(data: Any) -> SavedSession:
    """Read back what ``to_plain`` wrote (after a JSON round trip).

    Raises ``SnapshotError`` for anything else: not an object, an unknown version, a missing
    field or a field of the wrong type, a number out of its bounds (see ``Bounds``), a setup
    ``FishbowlConfig`` refuses. Every number is bounded here, before the session or the UI uses
    it, so a damaged or hostile file cannot overflow a conversion, hang a loop or index a chair
    that is not there.
    """
    if not isinstance(data, dict):
        raise SnapshotError("The saved session is damaged: not a JSON object")
    if data.get("version") not in READABLE_VERSIONS:
        raise SnapshotError(
            f"The saved session has an unknown version {reprlib.repr(data.get('version'))}"
        )
    try:
        return _read(data)
    except KeyError as exc:
        raise SnapshotError(f"The saved session is damaged: {exc} is missing") from exc
    except (TypeError, ValueError, AttributeError, FishbowlError) as exc:
        raise SnapshotError(f"The saved session is damaged: {exc}") from exc


# --- bounds -----------------------------------------------------------------------------------
# Far beyond any real session, far below what would overflow, hang or fill memory. Session
# times (offsets, budgets) stay within a week (config.MAX_SECONDS); wall-clock times (when it was
# saved, when a turn started) are epoch seconds before the year 3000, which every platform's
# ``time.localtime`` can format; lists are bounded before they are walked.
MAX_WALL = 32_503_680_000.0  # 1 January 3000, UTC
MAX_ITEMS = 100_000  # turns, participants, notes, question changes


def _num(value: Any, what: str, high: float) -> float:
    """A finite number in 0..high. A JSON integer may have hundreds of digits: compared as an
    int first, so it is refused instead of raising OverflowError on the way to a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} is not a number: {reprlib.repr(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} is not a finite number: {value!r}")
    if not 0 <= value <= high:
        raise ValueError(f"{what} is out of range (0 to {high:g}): {reprlib.repr(value)}")
    return float(value)


def _seconds(value: Any, what: str) -> float:
    return _num(value, what, MAX_SECONDS)


def _opt_seconds(value: Any, what: str) -> float | None:
    return None if value is None else _seconds(value, what)


def _wall(value: Any, what: str) -> float:
    return _num(value, what, MAX_WALL)


def _integer(value: Any, what: str, low: int, high: int) -> int:
    """A whole number in low..high (a negative index would silently count from the end)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} is not a whole number: {reprlib.repr(value)}")
    if not low <= value <= high:
        raise ValueError(f"{what} is out of range ({low} to {high}): {reprlib.repr(value)}")
    return value


def _text(value: Any, what: str = "a text") -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text: {reprlib.repr(value)}")
    return value


def _items(value: Any, what: str, limit: int) -> list[Any]:
    """A JSON list of at most ``limit`` entries, checked before anything walks it."""
    if not isinstance(value, list):
        raise ValueError(f"{what} is not a list")
    if len(value) > limit:
        raise ValueError(f"{what} has {len(value)} entries, more than {limit}")
    return value


def _participant(p: Any, chairs: int, next_id: int) -> Participant:
    name = p["name"]
    return Participant(
        _integer(p["id"], "a participant's id", 1, next_id - 1),
        _integer(p["chair"], "a participant's chair", 0, chairs - 1),
        None if name is None else _text(name, "a participant's name"),
        bool(p["from_audience"]),
        _seconds(p["joined_at"], "a participant's joining time"),
        _opt_seconds(p["left_at"], "a participant's leaving time"),
    )


def _turn(t: Any, chairs: int, next_id: int) -> Turn:
    return Turn(
        _integer(t["number"], "a turn's number", 1, MAX_ITEMS),
        _integer(t["round"], "a turn's round", 1, MAX_ITEMS),
        _integer(t["chair"], "a turn's chair", 0, chairs - 1),
        _integer(t["participant"], "a turn's speaker", 1, next_id - 1),
        _seconds(t["start"], "a turn's start"),
        _seconds(t["budget"], "a turn's time"),
        _wall(t["started_wall"], "a turn's start time"),
        _opt_seconds(t["end"], "a turn's end"),
    )


def _stamped(entry: Any, what: str) -> tuple[float, str]:
    at, text = _items(entry, what, 2)
    return _seconds(at, f"the time of {what}"), _text(text, what)


def _run(entry: Any) -> tuple[float, float]:
    at, wall = _items(entry, "a run of the clock", 2)
    return _seconds(at, "the start of a run of the clock"), _wall(wall, "a run's start time")


def _note(entry: Any) -> Note:
    """[time, text] (version 1) or [time, text, speaker or null]."""
    fields = _items(entry, "a note", 3)
    at, text = _stamped(fields[:2], "a note")
    speaker = fields[2] if len(fields) == 3 else None
    return Note(at, text, None if speaker is None else _text(speaker, "a note's speaker"))


def _waiting(entry: Any, person: Any) -> Waiting:
    """A chair's occupant (their id) or someone from the audience ({"name": ...})."""
    if isinstance(entry, dict):
        return Waiting(name=_text(entry["name"], "a waiting person's name"))
    return Waiting(pid=person(entry, "the queue"))


def _roster(value: Any) -> tuple[RosterEntry, ...]:
    entries = []
    for entry in _items(value, "the participants' list", MAX_ROSTER):
        name, group = _items(entry, "a listed participant", 2)
        entries.append(
            RosterEntry(
                _text(name, "a listed participant's name"),
                None if group is None else _text(group, "a listed participant's group"),
            )
        )
    return tuple(entries)


def _read(d: dict[str, Any]) -> SavedSession:
    cfg = d["config"]
    config = FishbowlConfig(
        title=_text(cfg["title"], "the title"),
        questions=tuple(
            _text(q, "a question") for q in _items(cfg["questions"], "the questions", MAX_QUESTIONS)
        ),
        chairs=_integer(cfg["chairs"], "the number of chairs", 2, MAX_CHAIRS),
        empty_chairs=_integer(cfg["empty_chairs"], "the empty chairs", 0, MAX_CHAIRS),
        turn_seconds=_seconds(cfg["turn_seconds"], "the time per turn"),
        session_seconds=_seconds(cfg["session_seconds"], "the session's length"),
        warning_seconds=_seconds(cfg["warning_seconds"], "the turn warning"),
        session_warning_seconds=_seconds(cfg["session_warning_seconds"], "the session warning"),
        chime=bool(cfg["chime"]),
        roster=_roster(cfg.get("roster", [])),
        airtime_public=bool(cfg.get("airtime_public", True)),
        group_balance=bool(cfg.get("group_balance", False)),
    )
    chairs = config.chairs
    next_id = _integer(d["next_id"], "the next participant id", 1, MAX_ITEMS + 1)

    def person(pid: Any, what: str) -> int:
        return _integer(pid, what, 1, next_id - 1)

    return SavedSession(
        config=config,
        state=State(d["state"]),
        question_index=_integer(
            d["question_index"], "the question's index", 0, len(config.questions) - 1
        ),
        elapsed=_seconds(d["elapsed"], "the elapsed time"),
        session_budget=_seconds(d["session_budget"], "the session's time"),
        started_wall=None if d["started_wall"] is None else _wall(d["started_wall"], "the start"),
        chairs=tuple(
            None if pid is None else person(pid, "a chair's occupant")
            for pid in _items(d["chairs"], "the chairs", chairs)
        ),
        next_id=next_id,
        participants=tuple(
            _participant(p, chairs, next_id)
            for p in _items(d["participants"], "the participants", MAX_ITEMS)
        ),
        queue=tuple(
            _waiting(w, person) for w in _items(d["queue"], "the queue", MAX_QUEUE + MAX_CHAIRS)
        ),
        turns=tuple(_turn(t, chairs, next_id) for t in _items(d["turns"], "the turns", MAX_ITEMS)),
        question_log=tuple(
            _stamped(e, "a question change")
            for e in _items(d["question_log"], "the question log", MAX_ITEMS)
        ),
        notes=tuple(_note(e) for e in _items(d["notes"], "the notes", MAX_ITEMS)),
        setup_names=_setup_names(d["setup_names"], chairs),
        message=None if d.get("message") is None else _text(d["message"], "the message"),
        runs=tuple(_run(e) for e in _items(d.get("runs", []), "the clock's runs", MAX_ITEMS)),
        saved_wall=_wall(d["saved_wall"], "the save time"),
    )


def _setup_names(value: Any, chairs: int) -> dict[int, str]:
    if not isinstance(value, dict) or len(value) > chairs:
        raise ValueError("the setup's names are not one per chair")
    return {
        _integer(int(k), "a setup name's chair", 0, chairs - 1): _text(v, "a setup name")
        for k, v in value.items()
    }
