"""A session's data as plain JSON-ready data, and back, checked field by field.

Times are session seconds (relative), never monotonic readings: those mean nothing in another
process. ``saved_wall`` says when it was written. Reading it back checks every field's type, so a
damaged or foreign file raises ``SnapshotError`` instead of building half a session; the session
then checks its own rules (``FishbowlSession.from_snapshot``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import Participant, State, Turn

SNAPSHOT_VERSION = 1


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
    queue: tuple[int, ...]
    turns: tuple[Turn, ...]
    question_log: tuple[tuple[float, str], ...]
    notes: tuple[tuple[float, str], ...]
    setup_names: Mapping[int, str]


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
        "queue": list(saved.queue),
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
        "notes": [[at, text] for at, text in saved.notes],
        "setup_names": {str(k): v for k, v in saved.setup_names.items()},
    }


def from_plain(data: Any) -> SavedSession:
    """Read back what ``to_plain`` wrote (after a JSON round trip).

    Raises ``SnapshotError`` for anything else: not an object, an unknown version, a missing
    field or a field of the wrong type, a setup ``FishbowlConfig`` refuses.
    """
    if not isinstance(data, dict):
        raise SnapshotError("The saved session is damaged: not a JSON object")
    if data.get("version") != SNAPSHOT_VERSION:
        raise SnapshotError(f"The saved session has an unknown version {data.get('version')!r}")
    try:
        return _read(data)
    except (KeyError, TypeError, ValueError, AttributeError, FishbowlError) as exc:
        raise SnapshotError(f"The saved session is damaged: {exc!r}") from exc


def _num(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def _opt_num(value: Any) -> float | None:
    return None if value is None else _num(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not a whole number: {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not text: {value!r}")
    return value


def _participant(p: Any) -> Participant:
    name = p["name"]
    return Participant(
        _integer(p["id"]),
        _integer(p["chair"]),
        None if name is None else _text(name),
        bool(p["from_audience"]),
        _num(p["joined_at"]),
        _opt_num(p["left_at"]),
    )


def _turn(t: Any) -> Turn:
    return Turn(
        _integer(t["number"]),
        _integer(t["round"]),
        _integer(t["chair"]),
        _integer(t["participant"]),
        _num(t["start"]),
        _num(t["budget"]),
        _num(t["started_wall"]),
        _opt_num(t["end"]),
    )


def _read(d: dict[str, Any]) -> SavedSession:
    cfg = d["config"]
    config = FishbowlConfig(
        title=_text(cfg["title"]),
        questions=tuple(_text(q) for q in cfg["questions"]),
        chairs=_integer(cfg["chairs"]),
        empty_chairs=_integer(cfg["empty_chairs"]),
        turn_seconds=_num(cfg["turn_seconds"]),
        session_seconds=_num(cfg["session_seconds"]),
        warning_seconds=_num(cfg["warning_seconds"]),
        session_warning_seconds=_num(cfg["session_warning_seconds"]),
        chime=bool(cfg["chime"]),
    )
    return SavedSession(
        config=config,
        state=State(d["state"]),
        question_index=_integer(d["question_index"]),
        elapsed=_num(d["elapsed"]),
        session_budget=_num(d["session_budget"]),
        started_wall=_opt_num(d["started_wall"]),
        chairs=tuple(None if pid is None else _integer(pid) for pid in d["chairs"]),
        next_id=_integer(d["next_id"]),
        participants=tuple(_participant(p) for p in d["participants"]),
        queue=tuple(_integer(pid) for pid in d["queue"]),
        turns=tuple(_turn(t) for t in d["turns"]),
        question_log=tuple((_num(at), _text(q)) for at, q in d["question_log"]),
        notes=tuple((_num(at), _text(n)) for at, n in d["notes"]),
        setup_names={_integer(int(k)): _text(v) for k, v in d["setup_names"].items()},
        saved_wall=_num(d["saved_wall"]),
    )
