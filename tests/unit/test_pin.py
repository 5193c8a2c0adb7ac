"""The admin PIN: salted hashes that never contain the PIN, atomic private files, the rule,
and the gate's five tries then a minute's lockout on a fake clock."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.core import atomic
from kiosk.core import pin as pinmod
from kiosk.core.clock import FakeClock
from kiosk.core.pin import (
    FILE_NAME,
    Outcome,
    PinFileError,
    PinGate,
    PinStore,
    check_record,
    hash_pin,
    valid_pin,
    verify,
    weak_pin,
)

PIN = "2468"


@pytest.fixture(scope="module")
def record() -> dict:
    return hash_pin(PIN)


# --- the rule ---------------------------------------------------------------------------------
@pytest.mark.parametrize("pin", ["0000", "2468", "13579", "12345678", "0042"])
def test_four_to_eight_digits_are_valid(pin: str) -> None:
    assert valid_pin(pin)


@pytest.mark.parametrize(
    "pin",
    [
        "",
        "123",
        "123456789",
        "12a4",
        " 2468",
        "2468\n",
        "24 68",
        "\u0661\u0662\u0663\u0664",
        "12\u00b234",
        "+246",
        None,
        2468,
    ],
)
def test_everything_else_is_not(pin: object) -> None:
    assert not valid_pin(pin)


@pytest.mark.parametrize(
    "pin, weak",
    [
        ("0000", True),
        ("1234", True),
        ("98765", True),
        ("2468", False),
        ("1243", False),
        ("123", False),
    ],
)
def test_weak_pins_are_recognised(pin: str, weak: bool) -> None:
    assert weak_pin(pin) is weak


def test_hashing_refuses_an_invalid_pin() -> None:
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin("12")


# --- hashing ----------------------------------------------------------------------------------
def test_record_holds_algorithm_params_salt_and_hash_but_never_the_pin(record: dict) -> None:
    assert record["algorithm"] == "scrypt"
    assert (record["n"], record["r"], record["p"], record["dklen"]) == (2**14, 8, 1, 32)
    assert len(base64.b64decode(record["salt"])) == 16
    assert len(base64.b64decode(record["hash"])) == 32
    text = json.dumps(record)
    assert PIN not in text
    assert PIN.encode() not in base64.b64decode(record["hash"])


def test_same_pin_twice_gives_different_salts_and_hashes() -> None:
    a, b = hash_pin(PIN), hash_pin(PIN)
    assert a["salt"] != b["salt"] and a["hash"] != b["hash"]
    assert verify(a, PIN) and verify(b, PIN)


def test_verify_accepts_only_the_pin(record: dict) -> None:
    assert verify(record, PIN)
    for wrong in ("2469", "24680", "0000", "", "2468 ", "٢٤٦٨"):
        assert not verify(record, wrong)


def test_verify_compares_in_constant_time(record: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []
    real = pinmod.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(pinmod.hmac, "compare_digest", spy)
    assert not verify(record, "1357")
    assert verify(record, PIN)
    assert compared == [(32, 32), (32, 32)]


@pytest.mark.parametrize(
    "change",
    [
        {"algorithm": "md5"},
        {"format": "other"},
        {"version": 2},
        {"n": 1000},
        {"n": 2**24},
        {"r": 0},
        {"p": 99},
        {"n": 2**17, "r": 32},
        {"salt": "not base64!"},
        {"salt": "AAAA"},
        {"hash": "AAAA"},
        {"dklen": "32"},
        {"n": True},
    ],
)
def test_a_tampered_or_nonsense_record_matches_nothing(record: dict, change: dict) -> None:
    bad = {**record, **change}
    assert not verify(bad, PIN)
    with pytest.raises(PinFileError):
        check_record(bad)


@pytest.mark.parametrize("bad", [None, [], "text", 42, {}])
def test_verify_never_raises(bad: object) -> None:
    assert not verify(bad, PIN)  # type: ignore[arg-type]


def test_pbkdf2_records_are_understood() -> None:
    """The fallback for a Python without scrypt, checked here with a cheap iteration count."""
    import hashlib

    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", PIN.encode(), salt, 1000, 32)
    rec = {
        "format": "kiosk-admin-pin",
        "version": 1,
        "algorithm": "pbkdf2_sha256",
        "iterations": 1000,
        "dklen": 32,
        "salt": base64.b64encode(salt).decode(),
        "hash": base64.b64encode(digest).decode(),
    }
    assert verify(rec, PIN) and not verify(rec, "2469")


# --- the file ---------------------------------------------------------------------------------
def test_store_round_trip_in_the_data_folder(tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path / "data")
    assert store.path == tmp_path / "data" / FILE_NAME
    assert store.load() is None and not store.is_set()
    store.set_pin(PIN)
    assert store.is_set()
    assert verify(store.load(), PIN)
    text = store.path.read_text(encoding="utf-8")
    assert PIN not in text
    assert json.loads(text)["algorithm"] == "scrypt"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_file_is_private(tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path)
    old = os.umask(0o022)
    try:
        store.set_pin(PIN)
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_saving_replaces_atomically_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path)
    store.set_pin("1357")
    store.set_pin(PIN)
    assert verify(store.load(), PIN) and not verify(store.load(), "1357")
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_a_failed_save_keeps_the_old_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PinStore.in_folder(tmp_path)
    store.set_pin("1357")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.set_pin(PIN)
    monkeypatch.undo()
    assert verify(store.load(), "1357")
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_set_pin_refuses_an_invalid_pin_and_writes_nothing(tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path)
    with pytest.raises(ValueError):
        store.set_pin("12")
    assert not store.path.exists()


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b"\xff\xfe", b"[]", b'{"format": 1}', b"x" * (70 * 1024)]
)
def test_a_damaged_file_is_an_error_not_an_absent_pin(tmp_path: Path, content: bytes) -> None:
    store = PinStore.in_folder(tmp_path)
    store.path.write_bytes(content)
    with pytest.raises(PinFileError, match=FILE_NAME):
        store.load()
    assert not store.is_set()


def test_clear_removes_the_pin(tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path)
    store.set_pin(PIN)
    store.clear()
    store.clear()
    assert store.load() is None


# --- the gate ---------------------------------------------------------------------------------
class Source:
    """A PinSource whose record a test can change or break."""

    def __init__(self, record: dict | None) -> None:
        self.record = record
        self.error: Exception | None = None

    def load(self) -> dict | None:
        if self.error:
            raise self.error
        return self.record


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(500.0)


@pytest.fixture
def gate(clock: FakeClock, record: dict) -> PinGate:
    return PinGate(clock, Source(record))


def test_right_pin_opens(gate: PinGate) -> None:
    assert gate.status().outcome is Outcome.READY
    result = gate.try_pin(PIN)
    assert result.ok and result.outcome is Outcome.OK and result.attempts_left == 5


def test_wrong_pins_count_down_then_lock_for_a_minute(gate: PinGate, clock: FakeClock) -> None:
    lefts = [gate.try_pin("1111").attempts_left for _ in range(4)]
    assert lefts == [4, 3, 2, 1]
    assert gate.try_pin("1111").outcome is Outcome.LOCKED  # the fifth wrong PIN
    assert gate.status().outcome is Outcome.LOCKED
    assert gate.locked_for() == 60
    clock.advance(30)
    assert gate.locked_for() == 30


def test_fifth_wrong_pin_locks_and_says_for_how_long(gate: PinGate, clock: FakeClock) -> None:
    results = [gate.try_pin("1111") for _ in range(5)]
    assert [r.outcome for r in results] == [Outcome.WRONG] * 4 + [Outcome.LOCKED]
    assert results[0].message == "Wrong PIN: 4 attempts left"
    assert results[3].message == "Wrong PIN: 1 attempt left"
    assert results[4].seconds_left == 60 and results[4].attempts_left == 0
    assert results[4].message == "Too many wrong PINs: try again in 60 s"


def test_while_locked_even_the_right_pin_is_refused_unchecked(
    gate: PinGate, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        gate.try_pin("1111")
    checked = []
    monkeypatch.setattr(pinmod, "verify", lambda rec, p: checked.append(p) or True)
    clock.advance(59.5)
    result = gate.try_pin(PIN)
    assert result.outcome is Outcome.LOCKED and result.seconds_left == pytest.approx(0.5)
    assert result.message == "Too many wrong PINs: try again in 1 s"
    assert checked == []


def test_lockout_expires_on_the_clock_and_attempts_start_afresh(
    gate: PinGate, clock: FakeClock
) -> None:
    for _ in range(5):
        gate.try_pin("1111")
    clock.advance(60)
    assert gate.locked_for() == 0 and gate.attempts_left == 5
    assert gate.status().outcome is Outcome.READY
    assert gate.try_pin("1111").attempts_left == 4  # a fresh count, not one from locking again
    assert gate.try_pin(PIN).ok


def test_success_resets_the_count(gate: PinGate) -> None:
    for _ in range(4):
        gate.try_pin("1111")
    assert gate.try_pin(PIN).ok
    assert gate.try_pin("1111").attempts_left == 4


def test_any_wrong_entry_counts(gate: PinGate) -> None:
    assert gate.try_pin("").outcome is Outcome.WRONG
    assert gate.try_pin("12").attempts_left == 3


def test_custom_limits(clock: FakeClock, record: dict) -> None:
    gate = PinGate(clock, Source(record), max_attempts=2, lockout_seconds=5)
    gate.try_pin("1111")
    assert gate.try_pin("1111").seconds_left == 5
    clock.advance(5)
    assert gate.try_pin(PIN).ok


def test_no_pin_set_refuses_and_says_how_to_set_one(clock: FakeClock) -> None:
    gate = PinGate(clock, Source(None))
    for result in (gate.status(), gate.try_pin("0000"), gate.try_pin("1234")):
        assert result.outcome is Outcome.NO_PIN and not result.ok
        assert "kiosk set-pin" in result.message
    assert gate.attempts_left == 5  # nothing was counted: there was nothing to check


def test_a_damaged_pin_file_refuses_like_no_pin(clock: FakeClock, tmp_path: Path) -> None:
    store = PinStore.in_folder(tmp_path)
    store.path.write_text("{broken", encoding="utf-8")
    gate = PinGate(clock, store)
    result = gate.try_pin(PIN)
    assert result.outcome is Outcome.NO_PIN
    assert "damaged" in result.message and "kiosk set-pin" in result.message


def test_an_unreadable_source_refuses(clock: FakeClock, record: dict) -> None:
    source = Source(record)
    source.error = PermissionError(13, "Permission denied")
    result = PinGate(clock, source).try_pin(PIN)
    assert result.outcome is Outcome.NO_PIN and "kiosk set-pin" in result.message


def test_a_pin_set_while_running_is_used_at_the_next_entry(
    clock: FakeClock, tmp_path: Path
) -> None:
    store = PinStore.in_folder(tmp_path)
    gate = PinGate(clock, store)
    assert gate.try_pin(PIN).outcome is Outcome.NO_PIN
    store.set_pin(PIN)
    assert gate.try_pin(PIN).ok


@pytest.mark.parametrize("kwargs", [{"max_attempts": 0}, {"lockout_seconds": -1}])
def test_nonsense_limits_are_refused(clock: FakeClock, kwargs: dict) -> None:
    with pytest.raises(ValueError):
        PinGate(clock, Source(None), **kwargs)
