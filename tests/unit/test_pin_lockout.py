"""The PIN pad's lockout: escalating (60 s, then doubling, capped at an hour), reset by the right
PIN, kept on disk so that a restart (a new PinGate and PinStore on the same folder) neither
forgets nor shortens it, whatever the wall clock does, and never undone by a damaged or hostile
lockout file. Fake monotonic and wall clocks; real files in a temporary folder."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import pytest

from kiosk.core.clock import FakeClock, FakeWallClock
from kiosk.core.lockout import FILE_NAME as LOCKOUT_FILE
from kiosk.core.lockout import LockoutFileError, LockoutRecord, LockoutStore, parse
from kiosk.core.pin import Outcome, PinGate, PinStore
from tests.fifo_guard import FifoGuard

PIN = "2468"
WRONG = "1111"
SCHEDULE = [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]


class Kiosk:
    """One app-data folder and the clocks of one machine; ``start()`` is an app (re)start."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.clock = FakeClock(500.0)  # monotonic: starts again at each boot, see reboot()
        self.wall = FakeWallClock()
        PinStore.in_folder(folder).set_pin(PIN)

    def start(self) -> PinGate:
        return PinGate(
            self.clock,
            PinStore.in_folder(self.folder),
            lockouts=LockoutStore.in_folder(self.folder),
            wall=self.wall,
        )

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds)

    def reboot(self, down_for: float = 5.0) -> PinGate:
        """The machine restarts: its monotonic clock begins again near zero."""
        self.wall.advance(down_for)
        self.clock = FakeClock(3.0)
        return self.start()

    @property
    def lockout_path(self) -> Path:
        return self.folder / LOCKOUT_FILE


@pytest.fixture
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path / "data")


def lock(gate: PinGate) -> float:
    """Five wrong PINs; the lockout's length."""
    results = [gate.try_pin(WRONG) for _ in range(5)]
    assert [r.outcome for r in results] == [Outcome.WRONG] * 4 + [Outcome.LOCKED]
    return results[-1].seconds_left


# --- escalation -------------------------------------------------------------------------------
def test_lockouts_double_from_a_minute_up_to_an_hour(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    lengths = []
    for _ in SCHEDULE:
        seconds = lock(gate)
        lengths.append(seconds)
        assert gate.locked_for() == seconds
        kiosk.wait(seconds - 1)
        assert gate.try_pin(PIN).outcome is Outcome.LOCKED  # not a second early
        kiosk.wait(1)
        assert gate.attempts_left == 5  # after each lockout, five tries again
    assert lengths == SCHEDULE


def test_the_message_gives_long_waits_in_minutes(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    assert gate.try_pin(WRONG).message == "Wrong PIN: 4 attempts left"
    for _ in range(4):
        last = gate.try_pin(WRONG)
    assert last.message == "Too many wrong PINs: try again in 60 s"
    kiosk.wait(60)
    assert lock(gate) == 120
    assert gate.status().message == "Too many wrong PINs: try again in 2 min"


def test_a_right_pin_resets_the_escalation(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    for seconds in SCHEDULE[:3]:
        assert lock(gate) == seconds
        kiosk.wait(seconds)
    assert gate.level == 3
    assert gate.try_pin(PIN).ok
    assert gate.level == 0
    assert lock(gate) == 60  # back to the first step
    assert gate.level == 1
    assert kiosk.start().level == 1  # and so does a restart


def test_a_right_pin_resets_the_count_on_disk(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    for _ in range(3):
        gate.try_pin(WRONG)
    assert gate.try_pin(PIN).ok
    assert kiosk.start().attempts_left == 5


# --- restarts ---------------------------------------------------------------------------------
def test_a_lockout_survives_a_restart(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    lock(gate)
    kiosk.wait(20)
    again = kiosk.start()  # the app restarted (same boot: the monotonic clock goes on)
    status = again.status()
    assert status.outcome is Outcome.LOCKED and status.seconds_left == pytest.approx(40)
    assert again.try_pin(PIN).outcome is Outcome.LOCKED
    kiosk.wait(40)
    assert again.try_pin(PIN).ok


def test_a_lockout_survives_a_reboot(kiosk: Kiosk) -> None:
    lock(kiosk.start())
    gate = kiosk.reboot(down_for=15)  # the monotonic clock starts again; the wall clock not
    assert gate.locked_for() == pytest.approx(45)
    kiosk.wait(45)
    assert gate.status().outcome is Outcome.READY


def test_wrong_pins_before_a_restart_still_count(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    for _ in range(4):
        gate.try_pin(WRONG)
    again = kiosk.reboot()
    assert again.attempts_left == 1
    assert again.try_pin(WRONG).outcome is Outcome.LOCKED


def test_the_escalation_survives_a_restart(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    for seconds in SCHEDULE[:4]:
        assert lock(gate) == seconds
        kiosk.wait(seconds)
        gate = kiosk.reboot()
    assert lock(gate) == 960  # the fifth lockout, though every one came after a restart


def test_a_lockout_that_ended_while_the_app_was_down_is_over(kiosk: Kiosk) -> None:
    lock(kiosk.start())
    gate = kiosk.reboot(down_for=600)
    assert gate.status().outcome is Outcome.READY and gate.attempts_left == 5
    assert lock(gate) == 120  # still the second step: only a right PIN resets


# --- the wall clock ---------------------------------------------------------------------------
def test_setting_the_clock_back_never_shortens_a_lockout(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    lock(gate)
    kiosk.wait(10)
    kiosk.wall.advance(-86_400)  # a day back, while the app runs: the monotonic clock rules
    assert gate.locked_for() == pytest.approx(50)
    again = kiosk.reboot(down_for=5)  # across a restart: the whole step, not less
    assert again.locked_for() == pytest.approx(60)
    kiosk.wait(59)
    assert again.try_pin(PIN).outcome is Outcome.LOCKED
    kiosk.wait(1)
    assert again.try_pin(PIN).ok


def test_a_clock_set_back_does_not_stretch_a_lockout_at_every_restart(kiosk: Kiosk) -> None:
    lock(kiosk.start())
    kiosk.wall.advance(-3600)
    gate = kiosk.reboot()
    assert gate.locked_for() == pytest.approx(60)
    kiosk.wait(30)
    assert kiosk.reboot(down_for=0).locked_for() == pytest.approx(30)  # re-anchored on disk


def test_a_wall_clock_jump_while_running_changes_nothing(kiosk: Kiosk) -> None:
    gate = kiosk.start()
    lock(gate)
    kiosk.wall.advance(10 * 86_400)  # ten days forward: the running gate times on monotonic
    assert gate.locked_for() == 60


# --- hostile lockout files --------------------------------------------------------------------
def record(**fields: object) -> bytes:
    base: dict[str, object] = {
        "format": "kiosk-admin-lockout",
        "version": 1,
        "failures": 0,
        "level": 0,
        "locked_at": None,
        "locked_until": None,
    }
    return json.dumps({**base, **fields}).encode()


HOSTILE = {
    "garbage": b"\x00\xffnot json at all",
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "wrong format": record(format="other"),
    "huge failures": record(failures=10**30),
    "huge level": record(level=10**400),
    "a 5000-digit number": b'{"format": "kiosk-admin-lockout", "version": 1, "failures": '
    + b"9" * 5000
    + b', "level": 0, "locked_at": null, "locked_until": null}',
    "NaN deadline": record(locked_at=1.0).replace(b'"locked_until": null', b'"locked_until": NaN'),
    "infinite deadline": record(locked_at=1.0).replace(
        b'"locked_until": null', b'"locked_until": Infinity'
    ),
    "1e300 deadline": record(locked_at=1_767_225_600.0, locked_until=1e300),
    "negative time": record(locked_at=-5.0, locked_until=-1.0),
    "deadline before start": record(locked_at=1_767_225_600.0, locked_until=1_767_225_000.0),
    "half a lock": record(locked_at=1_767_225_600.0),
    "string count": record(failures="0"),
    "bool count": record(failures=False),
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "too big": b" " * 10_000 + record(),
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_lockout_file_locks_for_the_longest_step(
    kiosk: Kiosk, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk.lockout_path.write_bytes(content)
    os.chmod(kiosk.lockout_path, 0o600)
    caplog.set_level(logging.WARNING, logger="kiosk.core.pin")
    gate = kiosk.start()
    assert gate.try_pin(PIN).outcome is Outcome.LOCKED
    assert gate.locked_for() == 3600
    assert any("admin lockout file" in r.getMessage() for r in caplog.records)
    # written back as a proper record: a restart neither unlocks nor starts the hour again
    kiosk.wait(600)
    assert kiosk.start().locked_for() == pytest.approx(3000)
    kiosk.wait(3000)
    assert gate.try_pin(PIN).ok


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_a_fifo_as_lockout_file_neither_blocks_nor_unlocks(kiosk: Kiosk) -> None:
    os.mkfifo(kiosk.lockout_path)
    with FifoGuard(kiosk.lockout_path) as guard:
        gate = kiosk.start()
    assert not guard.fired
    assert gate.status().outcome is Outcome.LOCKED and gate.locked_for() == 3600
    assert LockoutStore.in_folder(kiosk.folder).load() is not None  # replaced by a record


def test_a_folder_as_lockout_file_keeps_the_pad_locked_in_memory(kiosk: Kiosk) -> None:
    kiosk.lockout_path.mkdir()
    gate = kiosk.start()
    assert gate.locked_for() == 3600  # cannot be written back: still locked, never open
    kiosk.wait(3600)
    assert lock(gate) == 3600  # the escalation stays at its top in memory
    assert kiosk.start().locked_for() == 3600  # and a restart meets the folder again


def test_a_lockout_file_of_someone_else_is_distrusted(kiosk: Kiosk) -> None:
    kiosk.lockout_path.write_bytes(record(failures=0, level=0))
    os.chmod(kiosk.lockout_path, 0o666)
    if sys.platform == "win32":
        pytest.skip("POSIX modes")
    assert kiosk.start().locked_for() == 3600


def test_a_well_formed_record_cannot_claim_more_than_its_step(kiosk: Kiosk) -> None:
    now = kiosk.wall.now()
    kiosk.lockout_path.write_bytes(record(level=1, locked_at=now, locked_until=now + 10**9))
    os.chmod(kiosk.lockout_path, 0o600)
    assert kiosk.start().locked_for() == 60  # the first step's length, not 30 years


def test_the_store_round_trips_and_refuses_what_it_never_writes(tmp_path: Path) -> None:
    store = LockoutStore.in_folder(tmp_path)
    assert store.load() is None
    saved = LockoutRecord(failures=2, level=3, locked_at=1_767_225_600.0, locked_until=1.8e9)
    store.save(saved)
    assert store.load() == saved
    with pytest.raises(LockoutFileError):
        parse(b'{"format": "kiosk-admin-lockout", "version": 1}')
