"""The session on disk: restore after a kill, damaged files moved aside, the export's contents."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.autosave import AutoSaver
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.export import export_log, export_session, session_csv, session_summary
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import SessionStore
from tests.conftest import REPO

WALL = 1_497_880_800.0  # 19 June 2017, in the afternoon in Montreal


def busy_session(clock: FakeClock) -> FishbowlSession:
    """A session with a bit of everything: names, a join, a leave, a queue, notes, over time."""
    s = FishbowlSession(
        clock,
        FishbowlConfig(
            title="Transferability",
            chairs=4,
            empty_chairs=1,
            turn_seconds=60,
            warning_seconds=10,
            session_seconds=600,
            questions=("How can SSE drive renewal?",),
        ),
        wall=FakeClock(WALL),
    )
    s.set_participant_name(0, "Ana, from Montréal")
    s.start(0)
    clock.advance(75)  # 15 s over time
    s.next_speaker(1)
    clock.advance(30)
    s.take_empty_chair(name="=Guest")
    s.enqueue(3)
    s.add_note("Local governments open doors")
    s.next_speaker()  # the queue: chair 4
    clock.advance(20)
    s.leave_chair(1)
    s.next_speaker(2)
    clock.advance(10)
    return s


def same_session(a: FishbowlSession, b: FishbowlSession) -> None:
    assert a.turns() == b.turns()
    assert a.talk_time_by_participant() == b.talk_time_by_participant()
    assert a.talk_time_by_chair() == b.talk_time_by_chair()
    assert a.participants == b.participants and a.chairs() == b.chairs()
    assert a.queue == b.queue and a.notes == b.notes and a.question_log == b.question_log
    assert a.session_elapsed() == b.session_elapsed()
    assert a.session_remaining() == b.session_remaining()
    assert a.turn_remaining() == b.turn_remaining()


def test_snapshot_is_plain_json() -> None:
    s = busy_session(FakeClock())
    text = json.dumps(s.snapshot(), allow_nan=False)
    assert json.loads(text) == s.snapshot()


def test_restore_after_a_kill_comes_back_paused_with_nothing_lost(tmp_path: Path) -> None:
    clock = FakeClock(5000.0)
    s = busy_session(clock)
    store = SessionStore(tmp_path, wall=FakeClock(WALL + 200))
    store.save(s.snapshot())
    s.pause()  # the reference: what the session looked like when the process died
    # a new process: the monotonic clock has another origin, minutes have passed
    later = FakeClock(12.0)
    loaded = store.load(later, wall=FakeClock(WALL + 900))
    r = loaded.session
    assert r is not None and loaded.source == store.path
    assert r.state is State.PAUSED and r.recovery is not None and r.recovery.was_running
    assert "it was running and is paused now" in loaded.message
    same_session(s, r)
    r.check_invariants()
    later.advance(60)  # the downtime and anything before the resume do not count
    assert r.session_elapsed() == s.session_elapsed()
    r.resume()
    later.advance(5)
    assert r.turn_elapsed() == pytest.approx(15) and r.session_elapsed() == pytest.approx(140)
    assert r.speaker.chair == 2


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_right_after_a_change_restores_that_change(tmp_path: Path) -> None:
    """A real kill -9: no atexit, no flush on exit; the save on change is already on disk."""
    child = textwrap.dedent(f"""
        import os, signal
        from kiosk.core.clock import FakeClock
        from kiosk.core.fishbowl.autosave import AutoSaver
        from kiosk.core.fishbowl.session import FishbowlSession
        from kiosk.core.fishbowl.store import SessionStore
        clock = FakeClock()
        s = FishbowlSession(clock, wall=FakeClock({WALL}))
        AutoSaver(s, SessionStore({str(tmp_path)!r}))
        s.start()
        clock.advance(95)
        s.take_empty_chair(name="Last change")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    r = SessionStore(tmp_path).load(FakeClock()).session
    assert r is not None and r.state is State.PAUSED
    assert r.occupant(4).name == "Last change" and r.session_elapsed() == 95


def test_the_autosaver_saves_every_change_and_every_interval_while_running(tmp_path: Path) -> None:
    clock = FakeClock()
    s = FishbowlSession(clock, wall=FakeClock(WALL))
    store = SessionStore(tmp_path)
    saver = AutoSaver(s, store, interval=5)

    def saved_elapsed() -> float:
        return json.loads(store.path.read_text(encoding="utf-8"))["elapsed"]

    s.start()
    assert saved_elapsed() == 0
    clock.advance(4.9)
    assert not saver.tick()
    clock.advance(0.1)
    assert saver.tick() and saved_elapsed() == pytest.approx(5)
    s.pause()
    clock.advance(60)
    assert not saver.tick()  # nothing moves while paused
    saver.close()
    s.resume()
    assert json.loads(store.path.read_text(encoding="utf-8"))["state"] == "paused"


def test_a_failing_save_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    s = FishbowlSession(FakeClock(), wall=FakeClock(WALL))
    saver = AutoSaver(s, SessionStore(blocker))
    s.start()
    assert s.state is State.RUNNING
    assert saver.last_error is not None and "could not be saved" in saver.last_error


def test_each_save_keeps_the_previous_one_as_backup(tmp_path: Path) -> None:
    clock = FakeClock()
    s = FishbowlSession(clock, wall=FakeClock(WALL))
    store = SessionStore(tmp_path)
    store.save(s.snapshot())
    first = store.path.read_text(encoding="utf-8")
    s.start()
    store.save(s.snapshot())
    assert store.backup_path.read_text(encoding="utf-8") == first
    assert json.loads(store.path.read_text(encoding="utf-8"))["state"] == "running"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fishbowl-session.json",
        "fishbowl-session.json.bak",
    ]  # no temporary files left


def test_a_corrupt_save_is_moved_aside_and_the_backup_used(tmp_path: Path) -> None:
    clock = FakeClock()
    s = busy_session(clock)
    store = SessionStore(tmp_path, wall=FakeClock(WALL))
    store.save(s.snapshot())
    store.save(s.snapshot())
    store.path.write_bytes(b'{"version": 1, "state": "runn')  # torn by a power cut
    loaded = store.load(FakeClock())
    assert loaded.session is not None and loaded.source == store.backup_path
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(WALL))
    aside = tmp_path / f"fishbowl-session.json.corrupt-{stamp}"
    assert aside.read_bytes() == b'{"version": 1, "state": "runn'
    assert not store.path.exists()
    assert loaded.message.startswith("The save was damaged (not valid JSON")
    assert f"moved to {aside}" in loaded.message
    assert "Restored the fishbowl session from the backup" in loaded.message
    s.pause()
    same_session(s, loaded.session)


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff garbage",
        b"[]",
        b'{"version": 99}',
        "broken chairs",  # valid JSON, but two chairs hold the same person
    ],
)
def test_every_kind_of_damage_is_survived(tmp_path: Path, damage: bytes | str) -> None:
    store = SessionStore(tmp_path, wall=FakeClock(WALL))
    if isinstance(damage, str):
        snap = FishbowlSession(FakeClock(), wall=FakeClock(WALL)).snapshot()
        snap["chairs"] = [1, 1, 2, 3, None]
        damage = json.dumps(snap).encode()
    store.path.write_bytes(damage)
    store.backup_path.write_bytes(damage)
    loaded = store.load(FakeClock())
    assert loaded.session is None
    assert loaded.message.startswith("The save was damaged")
    assert "the backup was damaged" in loaded.message
    assert loaded.message.endswith("Starting a new session.")
    assert len(list(tmp_path.glob("*.corrupt-*"))) == 2
    assert not store.path.exists() and not store.backup_path.exists()


def test_a_kill_between_the_two_renames_restores_the_backup(tmp_path: Path) -> None:
    s = FishbowlSession(FakeClock(), wall=FakeClock(WALL))
    store = SessionStore(tmp_path)
    store.save(s.snapshot())
    os.replace(store.path, store.backup_path)
    (tmp_path / ".fishbowl-session.json.abc123.tmp").write_text("{", encoding="utf-8")
    loaded = store.load(FakeClock())
    assert loaded.session is not None and loaded.source == store.backup_path
    assert not list(tmp_path.glob("*.tmp"))


def test_nothing_saved_yet(tmp_path: Path) -> None:
    loaded = SessionStore(tmp_path / "new").load(FakeClock())
    assert loaded.session is None and loaded.message == "No saved fishbowl session."


def test_finished_and_setup_sessions_restore_as_they_were(tmp_path: Path) -> None:
    clock = FakeClock()
    s = busy_session(clock)
    s.finish()
    store = SessionStore(tmp_path)
    store.save(s.snapshot())
    r = store.load(FakeClock()).session
    assert r.state is State.FINISHED and not r.recovery.was_running
    same_session(s, r)
    r.reset()
    store.save(r.snapshot())
    again = store.load(FakeClock()).session
    assert again.state is State.SETUP
    assert again.occupant(0).name == "Ana, from Montréal"  # a setup name survives the reset


# --- export --------------------------------------------------------------------------------------
def local(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def test_the_csv_has_one_row_per_turn(tmp_path: Path) -> None:
    s = busy_session(FakeClock())
    export_log(s, tmp_path / "log.csv", tmp_path / "log.md")
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [
        (
            r["turn"],
            r["round"],
            r["chair"],
            r["participant"],
            r["start_offset_s"],
            r["end_offset_s"],
            r["duration_s"],
            r["over_time_s"],
        )
        for r in rows
    ] == [
        ("1", "1", "1", "Ana, from Montréal", "0.0", "75.0", "75.0", "15.0"),
        ("2", "1", "2", "Chair 2", "75.0", "105.0", "30.0", "0.0"),
        ("3", "1", "4", "'=Guest", "105.0", "125.0", "20.0", "0.0"),  # no formula
        ("4", "1", "3", "Chair 3", "125.0", "", "10.0", "0.0"),  # still running
    ]
    assert rows[0]["started_at"] == local(WALL) and rows[2]["participant_id"] == "4"
    assert session_csv(s).splitlines()[0].startswith("turn,round,chair,participant,")


def test_the_summary_gives_the_question_the_balance_the_turns_and_the_notes(tmp_path: Path) -> None:
    clock = FakeClock()
    s = busy_session(clock)
    s.finish()
    export_log(s, tmp_path / "log.csv", tmp_path / "log.md")
    text = (tmp_path / "log.md").read_text(encoding="utf-8")
    assert text == session_summary(s)
    assert text.startswith("# Transferability\n")
    assert f"- Date: {local(WALL)[:16]}\n" in text
    # the wall clock is read when the session starts; the times of day follow the session clock
    assert f"- Time: {local(WALL)[11:]} to {local(WALL + 135)[11:]} by the clock\n" in text
    assert "- Length: 2:15 of 10:00 planned\n" in text
    assert "- Turns: 4 in 1 round\n" in text
    assert "- 0:00 How can SSE drive renewal?\n" in text
    # person | chairs | turns | talk time | share | over time
    assert "| Ana, from Montréal | 1 | 1 | 1:15 | 56% | +0:15 |\n" in text
    assert "| Chair 2 | 2 | 1 | 0:30 | 22% | – |\n" in text
    assert "| =Guest | 4 | 1 | 0:20 | 15% | – |\n" in text
    assert "| Chair 3 | 3 | 1 | 0:10 | 7% | – |\n" in text
    assert "| Chair 4 | 0:20 | 15% |\n" in text
    # the timeline: times of day, then session times
    assert (
        f"| 4 | 1 | 3 | Chair 3 | {local(WALL + 125)[11:]} | {local(WALL + 135)[11:]} "
        "| 2:05 | 2:15 | 0:10 | – |\n"
    ) in text
    assert (
        f"## Notes\n\n- 1:45 ({local(WALL + 105)[11:]}) Local governments open doors "
        "(Chair 2 speaking)\n"
    ) in text
    assert "## Talk time per group" not in text and "## Not yet heard" not in text  # no list


def test_people_who_share_a_label_are_told_apart_in_the_export() -> None:
    clock = FakeClock()
    s = FishbowlSession(clock, FishbowlConfig(chairs=3, empty_chairs=1), wall=FakeClock(WALL))
    s.start(1)
    clock.advance(10)
    s.leave_chair(1)
    s.take_empty_chair(1)  # another unnamed person in Chair 2
    s.next_speaker(1)
    clock.advance(20)
    assert [row.split(",")[3] for row in session_csv(s).splitlines()[1:]] == [
        "Chair 2",
        "Chair 2 (2)",
    ]
    assert "| Chair 2 (2) | 2 | 1 | 0:20 |" in session_summary(s)


def test_two_exports_never_overwrite_each_other(tmp_path: Path) -> None:
    s = busy_session(FakeClock())
    first = export_session(s, tmp_path)
    second = export_session(s, tmp_path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(WALL))
    names = [f"fishbowl-{stamp}.csv", f"fishbowl-{stamp}-people.csv", f"fishbowl-{stamp}.md"]
    assert [p.name for p in first.files()] == names
    assert first.pdf is None  # no PDF writer given
    assert [p.name for p in second.files()] == [n.replace(stamp, f"{stamp}-2") for n in names]
    assert all(p.exists() for p in (*first.files(), *second.files()))
