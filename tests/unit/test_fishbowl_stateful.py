"""Random sequences of facilitator actions never break the session's rules, and its clocks move
exactly as the injected clock says (a hypothesis state machine). Saves go through the real store
(files in a temporary folder), and a crash at any point restores exactly what was last saved,
whatever state the files were left in: a torn temporary file, a damaged save (the backup is
used), or nothing usable at all (a new session)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.airtime import by_group, by_person, not_yet_heard
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import SessionStore

seconds = st.sampled_from([0.001, 0.5, 1, 29.999, 30, 150, 180.001, 600]) | st.floats(0, 900)
names = st.none() | st.sampled_from(["", "Ana", "  Bo  ", "x" * 61]) | st.text(max_size=8)
LIVE = (State.RUNNING, State.PAUSED)


class FishbowlMachine(RuleBasedStateMachine):
    session: FishbowlSession
    clock: FakeClock

    @initialize(
        n=st.integers(2, 7),
        data=st.data(),
        turn=st.sampled_from([10, 60, 180]),
        start=st.floats(0, 1e6),
    )
    def setup(self, n: int, data: st.DataObject, turn: int, start: float) -> None:
        empty = data.draw(st.integers(0, n - 1))
        self.clock = FakeClock(start)
        self.config = FishbowlConfig(
            chairs=n,
            empty_chairs=empty,
            turn_seconds=turn,
            warning_seconds=turn // 6,
            questions=("Q1", "Q2"),
            roster=(
                RosterEntry("Ana", "Barcelona"),
                RosterEntry("Bo", "Seoul"),
                RosterEntry("Dee"),
            ),
            group_balance=data.draw(st.booleans(), label="group balance"),
        )
        self.session = FishbowlSession(self.clock, self.config, wall=FakeClock(1.5e9))
        self.elapsed = 0.0  # what the session clock must read: running time only
        self.turn: float | None = None  # what the turn clock must read; None: no speaker
        self.round = 0  # the round rule, kept here independently of the model
        self.spoken: set[int] = set()
        self.folder = Path(tempfile.mkdtemp(prefix="fishbowl-machine-"))
        self.store = SessionStore(self.folder, wall=FakeClock(1.5e9))
        # what the files hold: (snapshot, the machine's own expectations) of the save and backup
        self.disk_main: tuple | None = None
        self.disk_backup: tuple | None = None
        if data.draw(st.booleans(), label="start at once"):
            self.attempt(self.session.start)

    def teardown(self) -> None:
        shutil.rmtree(getattr(self, "folder", ""), ignore_errors=True)

    # --- helpers -------------------------------------------------------------------------------
    def attempt(self, operation, *args) -> bool:
        """Run an operation; a refusal must raise FishbowlError and change nothing."""
        s = self.session
        before, turn_before = s.snapshot(), s.current_turn
        try:
            operation(*args)
        except FishbowlError as error:
            assert str(error)  # a sentence for the facilitator
            assert s.snapshot() == before
            return False
        now = s.current_turn
        if now is None:
            self.turn = None
        elif turn_before is None or now.number != turn_before.number:
            assert now.number == len(s.turns()) and now.duration == 0
            self.turn = 0.0
            self.new_turn(now.participant_id, now.round)
        return True

    def new_turn(self, speaker: int, round_: int) -> None:
        """A round is complete when everyone now in the circle spoke in it."""
        seated = {p.id for p in self.session.participants if p.seated}
        if self.round == 0:
            self.round = 1
        elif seated <= self.spoken:
            self.round, self.spoken = self.round + 1, set()
        self.spoken.add(speaker)
        assert round_ == self.round

    def valid_chair(self, chair: int | None) -> bool:
        return chair is not None and 0 <= chair < self.config.chairs

    def chair(self, data: st.DataObject, optional: bool = False) -> int | None:
        """Often a chair where something happens (queued, speaking, empty), else any chair or
        one just outside the circle, or (when optional) none at all."""
        s = self.session
        special = [*s.queue, *s.empty_chairs()]
        if s.speaker_chair is not None:
            special.append(s.speaker_chair)
        some = st.integers(-1, self.config.chairs)
        if special:
            some = st.sampled_from(special) | some
        return data.draw(st.none() | some if optional else some)

    # --- time ----------------------------------------------------------------------------------
    @rule(dt=seconds)
    def advance(self, dt: float) -> None:
        self.clock.advance(dt)
        step = round(dt * 1e9) / 1e9  # the fake clock keeps nanoseconds
        if self.session.state is State.RUNNING:
            self.elapsed += step
            if self.turn is not None:
                self.turn += step

    # --- operations ----------------------------------------------------------------------------
    @rule(data=st.data())
    def start(self, data: st.DataObject) -> None:
        chair = self.chair(data, optional=True)
        state = self.session.state
        occupied = chair is None or (
            self.valid_chair(chair) and self.session.occupant(chair) is not None
        )
        assert self.attempt(self.session.start, chair) == (state is State.SETUP and occupied)

    @rule()
    def pause(self) -> None:
        state = self.session.state
        assert self.attempt(self.session.pause) == (state is State.RUNNING)

    @rule()
    def resume(self) -> None:
        state = self.session.state
        assert self.attempt(self.session.resume) == (state is State.PAUSED)

    @rule()
    def toggle(self) -> None:
        state = self.session.state
        ok = self.attempt(self.session.toggle)
        assert ok == (state is not State.FINISHED)

    @rule(data=st.data())
    def next_speaker(self, data: st.DataObject) -> None:
        chair = self.chair(data, optional=True)
        s = self.session
        state, speaking, turns = s.state, s.speaker_chair, len(s.turns())
        if self.attempt(s.next_speaker, chair):
            assert state in LIVE and len(s.turns()) == turns + 1
            assert s.speaker_chair != speaking
            if chair is not None:
                assert s.speaker_chair == chair

    @rule()
    def end_turn(self) -> None:
        had_speaker = self.session.speaker is not None
        assert self.attempt(self.session.end_turn) == (had_speaker and self.session.state in LIVE)

    @rule(data=st.data(), name=names)
    def take_empty_chair(self, data: st.DataObject, name: str | None) -> None:
        chair = self.chair(data, optional=True)
        s = self.session
        free = s.empty_chairs()
        expected = s.state in LIVE and bool(free) and (chair is None or chair in free)
        full_before = not free
        ok = self.attempt(s.take_empty_chair, chair, name)
        if name is not None and len(" ".join(name.split())) > 60:
            expected = False
        assert ok == expected
        if s.state in LIVE and full_before:
            assert not ok  # "All chairs are taken: someone must step out first"

    @rule(data=st.data())
    def leave_chair(self, data: st.DataObject) -> None:
        chair = self.chair(data)
        s = self.session
        occupied = self.valid_chair(chair) and s.occupant(chair) is not None
        was_speaking = s.speaker_chair == chair
        ok = self.attempt(s.leave_chair, chair)
        assert ok == (s.state in LIVE and occupied)
        if ok:
            assert s.occupant(chair) is None and chair in s.empty_chairs()
            if was_speaking:
                assert s.speaker is None

    @rule(dt=seconds, what=st.sampled_from(["turn", "session"]), more=st.booleans())
    def change_time(self, dt: float, what: str, more: bool) -> None:
        op = self.session.add_time if more else self.session.remove_time
        self.attempt(op, dt, what)
        assert self.session.session_budget >= 0
        turn = self.session.current_turn
        assert turn is None or turn.budget >= 0

    @precondition(lambda self: self.session.state is State.SETUP or len(self.session.turns()) > 1)
    @rule()
    def finish(self) -> None:
        state = self.session.state
        assert self.attempt(self.session.finish) == (state in LIVE)

    @precondition(lambda self: self.session.state is State.FINISHED)
    @rule()
    def reset(self) -> None:
        assert self.attempt(self.session.reset)
        self.elapsed, self.round, self.spoken = 0.0, 0, set()
        assert self.session.state is State.SETUP

    @rule(question=st.integers(-1, 3) | st.sampled_from(["Q1", "New?", " "]))
    def set_question(self, question: int | str) -> None:
        self.attempt(self.session.set_question, question)

    @rule(data=st.data(), name=names)
    def rename(self, data: st.DataObject, name: str | None) -> None:
        chair = self.chair(data)
        self.attempt(self.session.set_participant_name, chair, name)

    @rule(data=st.data())
    def enqueue(self, data: st.DataObject) -> None:
        chair = self.chair(data)
        self.attempt(self.session.enqueue, chair)

    @rule(data=st.data())
    def dequeue(self, data: st.DataObject) -> None:
        chair = self.chair(data, optional=True)
        self.attempt(self.session.dequeue, chair)

    @rule(name=st.sampled_from(["Ana", "ana", " Bo ", "Cleo", "", "x" * 61]))
    def enqueue_name(self, name: str) -> None:
        """Someone asks to speak by name: from their chair if seated, else from the audience."""
        s = self.session
        before = s.queue_names()
        if self.attempt(s.enqueue_name, name):
            assert s.queue_names()[:-1] == before
            assert s.queue_names()[-1].casefold() == name.strip().casefold()

    @rule(data=st.data())
    def dequeue_at(self, data: st.DataObject) -> None:
        s = self.session
        before = s.queue_names()
        position = data.draw(st.integers(-1, len(before)))
        if self.attempt(s.dequeue_at, position):
            assert s.queue_names() == before[:position] + before[position + 1 :]

    @rule(text=st.none() | st.sampled_from(["Please wrap up", "  Last   round ", "", "x" * 121]))
    def set_message(self, text: str | None) -> None:
        if self.attempt(self.session.set_message, text):
            assert self.session.message == (" ".join((text or "").split()) or None)

    @rule(text=st.sampled_from(["A key point", "", "  "]))
    def add_note(self, text: str) -> None:
        self.attempt(self.session.add_note, text)

    @rule(gap=st.floats(0, 1e5))
    def crash_and_restore(self, gap: float) -> None:
        """The process dies; a new one (another clock origin) restores the last snapshot."""
        old = self.session
        data = json.loads(json.dumps(old.snapshot(), allow_nan=False))
        self.clock = FakeClock(gap)
        new = FishbowlSession.from_snapshot(data, self.clock, wall=FakeClock(1.5e9))
        assert new.state is (State.PAUSED if old.state is State.RUNNING else old.state)
        assert new.turns() == old.turns() and new.chairs() == old.chairs()
        assert new.queue == old.queue and new.participants == old.participants
        assert new.session_elapsed() == old.session_elapsed()
        assert same_session(new.snapshot(), old.snapshot())
        self.session = new

    # --- saves on disk, and crashes around them ------------------------------------------------
    def _expectations(self) -> tuple:
        return (self.elapsed, self.turn, self.round, set(self.spoken))

    @rule()
    def save(self) -> None:
        snapshot = json.loads(json.dumps(self.session.snapshot(), allow_nan=False))
        self.store.save(self.session.snapshot())
        if self.disk_main is not None:
            self.disk_backup = self.disk_main
        self.disk_main = (snapshot, self._expectations())

    @rule(
        gap=st.floats(0, 1e5),
        damage=st.sampled_from(["none", "torn-temporary", "garbage", "truncated", "empty"]),
    )
    def crash_and_restore_from_disk(self, gap: float, damage: str) -> None:
        """The process dies (during a save, perhaps) and a new one loads what is on disk."""
        main = self.store.path
        if damage == "torn-temporary":  # killed while writing the next save
            (self.folder / f".{main.name}.x1y2.tmp").write_text('{"version": 1, "sta')
        elif damage != "none" and main.exists():  # the disk itself let us down
            raw = main.read_bytes()
            main.write_bytes(
                {"garbage": b"\x00\xffnot json", "truncated": raw[: len(raw) // 2], "empty": b""}[
                    damage
                ]
            )
            self.disk_main = None  # moved aside by the load
        expected = self.disk_main or self.disk_backup
        self.clock = FakeClock(gap)
        loaded = self.store.load(self.clock, wall=FakeClock(1.5e9))
        assert not list(self.folder.glob("*.tmp")), "stale temporaries are cleaned up"
        if expected is None:
            assert loaded.session is None and loaded.message
            self.session = FishbowlSession(self.clock, self.config, wall=FakeClock(1.5e9))
            self.elapsed, self.turn, self.round, self.spoken = 0.0, None, 0, set()
            return
        snapshot, (elapsed, turn, round_, spoken) = expected
        assert loaded.session is not None, loaded.message
        assert same_session(loaded.session.snapshot(), snapshot)
        assert loaded.session.state is not State.RUNNING  # running comes back paused
        self.session = loaded.session
        self.elapsed, self.turn, self.round, self.spoken = elapsed, turn, round_, set(spoken)

    # --- after every step ----------------------------------------------------------------------
    @invariant()
    def rules_hold(self) -> None:
        s = self.session
        s.check_invariants()
        occupied, empty = s.occupied_chairs(), s.empty_chairs()
        assert len(occupied) + len(empty) == self.config.chairs
        assert sum(c.speaking for c in s.chairs()) == (0 if s.speaker is None else 1)
        assert s.circle_full == (self.config.empty_chairs > 0 and not empty)

    @invariant()
    def time_moves_only_with_the_clock(self) -> None:
        s = self.session
        assert s.session_elapsed() == pytest.approx(self.elapsed, abs=1e-6)
        assert s.session_elapsed() == s.session_elapsed()  # reading does not move it
        if self.turn is None:
            assert s.speaker is None and s.turn_elapsed() == 0
        else:
            assert s.speaker is not None
            assert s.turn_elapsed() == pytest.approx(self.turn, abs=1e-6)
        spoken = sum(s.talk_time_by_participant().values())
        assert spoken == pytest.approx(sum(s.talk_time_by_chair()), abs=1e-6)
        assert spoken <= s.session_elapsed() + 1e-6

    @invariant()
    def airtime_adds_up(self) -> None:
        """Per person and per group the totals are the same seconds, shared out, never lost."""
        s = self.session
        spoken = sum(s.talk_time_by_participant().values())
        people = by_person(s)
        assert sum(p.seconds for p in people) == pytest.approx(spoken, abs=1e-6)
        assert len({p.key for p in people}) == len(people)
        assert sum(p.speaking for p in people) == (0 if s.speaker is None else 1)
        assert sum(g.seconds for g in by_group(s)) == pytest.approx(spoken, abs=1e-6)
        heard = {p.key for p in people if p.turns}
        assert all(name.casefold() not in heard for name in not_yet_heard(s))


def same_session(restored: dict, saved: dict) -> bool:
    """A restored snapshot equals the saved one, except that a running session is paused."""
    expected = dict(saved)
    if expected["state"] == State.RUNNING.value:
        expected["state"] = State.PAUSED.value
    return json.loads(json.dumps(restored)) == json.loads(json.dumps(expected))


FishbowlMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_fishbowl_state_machine = FishbowlMachine.TestCase
