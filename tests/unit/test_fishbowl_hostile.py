"""Hostile session files: numbers no real save holds (huge, negative, not finite, indexes past
the circle, a queue of a million) must never stop the fishbowl from starting.

Before this, ``"elapsed": 1e308``, a save time of 1e20 or a 400-digit integer raised
OverflowError out of ``SessionStore.load`` (the app exited 1 at every start and the file stayed
in place, so it never started again until someone deleted it), and others were restored as if
they were sessions. Each case here edits one field of a real save of a busy session; the store
must refuse it, move the file aside as ``<name>.corrupt-<stamp>``, say so in a sentence and
start clean, raising nothing.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.autosave import AutoSaver, save_failure_reason
from kiosk.core.fishbowl.config import MAX_SECONDS, FishbowlConfig
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.snapshot import SnapshotError, from_plain
from kiosk.core.fishbowl.store import SessionStore
from tests.unit.test_fishbowl_store import WALL, busy_session

HUGE_INT = int("9" * 400)


def _set(*keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(snap: dict[str, Any]) -> None:
        target: Any = snap
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def _long_queue(snap: dict[str, Any]) -> None:
    snap["queue"] = [2] * 1_000_000


# one field of a real save, made hostile; the JSON text is written as Python's json writes it
# (NaN and Infinity as the literals Python's reader accepts: JSON itself has no such numbers)
HOSTILE: dict[str, Callable[[dict[str, Any]], None]] = {
    "elapsed 1e308": _set("elapsed", value=1e308),
    "elapsed -1": _set("elapsed", value=-1),
    "elapsed NaN": _set("elapsed", value=float("nan")),
    "elapsed Infinity": _set("elapsed", value=float("inf")),
    "elapsed 400 digits": _set("elapsed", value=HUGE_INT),
    "session budget 1e300": _set("session_budget", value=1e300),
    "saved at 1e20": _set("saved_wall", value=1e20),
    "saved at -1": _set("saved_wall", value=-1.0),
    "started at 1e20": _set("started_wall", value=1e20),
    "turn started at 1e20": _set("turns", 0, "started_wall", value=1e20),
    "turn budget 1e308": _set("turns", 0, "budget", value=1e308),
    "turn budget 400 digits": _set("turns", 0, "budget", value=HUGE_INT),
    "turn chair -1": _set("turns", 0, "chair", value=-1),
    "turn chair past the circle": _set("turns", 0, "chair", value=99),
    "turn number 400 digits": _set("turns", 0, "number", value=HUGE_INT),
    "participant chair -1": _set("participants", 0, "chair", value=-1),
    "participant chair past the circle": _set("participants", 0, "chair", value=4),
    "participant joined at 1e308": _set("participants", 0, "joined_at", value=1e308),
    "next id 400 digits": _set("next_id", value=HUGE_INT),
    "question index -1": _set("question_index", value=-1),
    "question index past the questions": _set("question_index", value=5),
    "chair holds id -1": _set("chairs", 0, value=-1),
    "queue holds -1": _set("queue", value=[-1]),
    "queue of a million": _long_queue,
    "setup name for chair -1": _set("setup_names", value={"-1": "Ghost"}),
    "setup name past the circle": _set("setup_names", value={"99": "Ghost"}),
    "config turn 1e300": _set("config", "turn_seconds", value=1e300),
    "config session 1e300": _set("config", "session_seconds", value=1e300),
    "config chairs 400 digits": _set("config", "chairs", value=HUGE_INT),
    "note at 1e308": _set("notes", 0, 0, value=1e308),
    "run started at 1e20": _set("runs", 0, 1, value=1e20),
    "run at -1": _set("runs", 0, 0, value=-1),
    "run at 400 digits": _set("runs", 0, 0, value=HUGE_INT),
    "run after the session's time": _set("runs", 0, 0, value=10_000),
    "runs out of order": _set("runs", value=[[100, WALL], [50, WALL]]),
    "run of one number": _set("runs", value=[[0]]),
    "runs not a list": _set("runs", value={"0": WALL}),
}


def hostile_save(folder: Path, case: str) -> SessionStore:
    """A store in ``folder`` whose save is a busy session with one field made hostile."""
    session = busy_session(FakeClock())
    session.pause()
    snap = session.snapshot()
    HOSTILE[case](snap)
    store = SessionStore(folder, wall=FakeClock(WALL))
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(snap), encoding="utf-8")
    return store


def test_the_unedited_save_restores() -> None:
    """The cases below differ from a save that restores by their one hostile field only."""
    session = busy_session(FakeClock())
    session.pause()
    restored = FishbowlSession.from_snapshot(session.snapshot(), FakeClock())
    assert len(restored.turns()) == len(session.turns()) and restored.notes


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_number_starts_clean_with_the_file_moved_aside(tmp_path: Path, case: str) -> None:
    store = hostile_save(tmp_path, case)
    written = store.path.read_bytes()
    started = time.perf_counter()
    loaded = store.load(FakeClock())  # raises nothing
    took = time.perf_counter() - started
    assert loaded.session is None and loaded.trouble
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(WALL))
    aside = tmp_path / f"fishbowl-session.json.corrupt-{stamp}"
    assert aside.read_bytes() == written  # kept for a human, byte for byte
    assert not store.path.exists()
    assert f"moved to {aside}" in loaded.message
    assert loaded.message.endswith("Starting a new session.")
    assert len(loaded.message) < 600  # a sentence to read, not a dump of the file
    assert took < 5.0, f"{case}: refusing took {took:.1f} s"


def test_a_hostile_snapshot_is_refused_by_the_pure_reader() -> None:
    """The bounds live in the snapshot code (no Qt, no files): each case raises SnapshotError."""
    for case, edit in HOSTILE.items():
        session = busy_session(FakeClock())
        session.pause()
        snap = json.loads(json.dumps(session.snapshot()))
        edit(snap)
        with pytest.raises(SnapshotError):
            FishbowlSession.from_snapshot(snap, FakeClock())
            raise AssertionError(f"{case} was restored")


def test_an_unforeseen_exception_in_a_restore_still_moves_the_file_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only the errors the reader foresees: anything a restore raises means the file cannot
    come back, and leaving it in place would stop every later start the same way."""
    store = hostile_save(tmp_path, "elapsed -1")
    valid = busy_session(FakeClock())
    valid.pause()
    store.path.write_text(json.dumps(valid.snapshot()), encoding="utf-8")

    def explode(*_args: object, **_kwargs: object) -> FishbowlSession:
        raise ZeroDivisionError("something nobody foresaw")

    monkeypatch.setattr(FishbowlSession, "from_snapshot", explode)
    loaded = store.load(FakeClock())
    assert loaded.session is None and loaded.trouble
    assert not store.path.exists() and len(list(tmp_path.glob("*.corrupt-*"))) == 1
    assert "something nobody foresaw" in loaded.message


def test_a_hostile_save_falls_back_to_a_sound_backup(tmp_path: Path) -> None:
    sound = busy_session(FakeClock())
    sound.pause()
    store = hostile_save(tmp_path, "saved at 1e20")
    store.backup_path.write_text(json.dumps(sound.snapshot()), encoding="utf-8")
    loaded = store.load(FakeClock())
    assert loaded.session is not None and loaded.source == store.backup_path and loaded.trouble
    assert "Restored the fishbowl session from the backup" in loaded.message


def test_the_setup_refuses_times_beyond_a_week() -> None:
    with pytest.raises(FishbowlError):
        FishbowlConfig(session_seconds=MAX_SECONDS + 1)
    with pytest.raises(FishbowlError):
        FishbowlConfig(turn_seconds=1e300)
    FishbowlConfig(session_seconds=MAX_SECONDS)


def test_adding_time_never_makes_a_save_that_cannot_be_restored() -> None:
    """The session caps what it saves at what a restore accepts."""
    clock = FakeClock()
    s = FishbowlSession(clock, FishbowlConfig(chairs=4))
    s.start()
    with pytest.raises(FishbowlError):
        s.add_time(1e300)
    with pytest.raises(FishbowlError):
        s.add_time(MAX_SECONDS, "session")
    assert from_plain(json.loads(json.dumps(s.snapshot())))


# --- saves that fail ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "the app may not write to its save folder"),
        (errno.EPERM, "the app may not write to its save folder"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EDQUOT, "the disk quota is used up"),
    ],
)
def test_a_failed_save_says_why_in_plain_words(code: int, words: str) -> None:
    assert save_failure_reason(OSError(code, os.strerror(code))) == words


def test_an_unknown_failure_still_gives_the_systems_reason() -> None:
    reason = save_failure_reason(OSError(errno.EIO, os.strerror(errno.EIO)))
    assert reason == os.strerror(errno.EIO).lower()


def test_the_saver_says_since_when_nothing_was_saved_and_forgets_it_after_a_save(
    tmp_path: Path,
) -> None:
    clock, wall = FakeClock(), FakeClock(WALL)
    s = FishbowlSession(clock, FishbowlConfig(chairs=4), wall=wall)
    failing = [False]

    def writer(path: Path, text: str, *, keep_backup: Path | None = None) -> None:
        if failing[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    store = SessionStore(tmp_path, wall=wall, writer=writer)
    seen: list[str | None] = []
    saver = AutoSaver(s, store, on_problem=seen.append)
    s.start()  # saved
    last_good = wall.now()
    assert saver.problem is None and seen == []
    failing[0] = True
    wall.advance(120)
    clock.advance(10)
    s.next_speaker()  # this save fails
    since = time.strftime("%H:%M", time.localtime(last_good))
    assert saver.problem == f"Not saved since {since}: the disk is full"
    wall.advance(60)
    s.pause()  # fails again: the same sentence, not said twice
    assert seen == [saver.problem]
    failing[0] = False
    s.resume()  # saved: the problem is gone
    assert saver.problem is None and seen[-1] is None
    assert json.loads(store.path.read_text(encoding="utf-8"))["state"] == "running"
