"""The PIN file must be a private regular file: a FIFO, a symbolic link, a folder, a file others
may write, or a huge file in its place is refused at once (never blocked on, never followed),
the pad says the file is unusable and the log says why in one line; ``kiosk set-pin`` will not
write over anything but a regular file. Real files in a temporary folder throughout."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from kiosk.commands import set_pin
from kiosk.core.clock import FakeClock
from kiosk.core.pin import (
    FILE_NAME,
    Outcome,
    PinFileError,
    PinFileUnusable,
    PinGate,
    PinStore,
    verify,
)
from kiosk.core.private_file import UnsafeFileError, read_private
from tests.fifo_guard import FifoGuard

PIN = "2468"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs, owners and modes")


@pytest.fixture
def store(tmp_path: Path) -> PinStore:
    return PinStore.in_folder(tmp_path / "data")


def a_real_record_elsewhere(tmp_path: Path) -> Path:
    """A valid PIN file (PIN 2468) outside the data folder, for links to point at."""
    other = PinStore(tmp_path / "elsewhere" / FILE_NAME)
    other.set_pin(PIN)
    return other.path


@posix_only
def test_a_fifo_is_refused_at_once_and_never_blocks(store: PinStore) -> None:
    store.path.parent.mkdir(parents=True)
    os.mkfifo(store.path)
    with FifoGuard(store.path) as guard:
        started = time.monotonic()
        with pytest.raises(PinFileUnusable, match="FIFO") as caught:
            store.load()
        elapsed = time.monotonic() - started
    assert not guard.fired, "load() blocked on the FIFO until the guard opened its other end"
    assert elapsed < 1.0
    assert "not a regular file" in caught.value.reason


@posix_only
def test_the_pad_says_a_fifo_is_unusable_without_freezing(
    store: PinStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.path.parent.mkdir(parents=True)
    os.mkfifo(store.path)
    gate = PinGate(FakeClock(0.0), store)
    caplog.set_level(logging.WARNING, logger="kiosk.core.pin")
    with FifoGuard(store.path) as guard:
        results = [gate.status(), gate.try_pin(PIN), gate.status()]
    assert not guard.fired
    for result in results:
        assert result.outcome is Outcome.NO_PIN and not result.ok
        assert "unusable" in result.message and "FIFO" in result.message
        assert "kiosk set-pin" in result.message
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.core.pin"]
    assert len(lines) == 1, lines  # one line naming why, not one per look at the file
    assert str(store.path) in lines[0] and "FIFO" in lines[0]
    assert gate.attempts_left == 5  # nothing to check, nothing counted


def test_a_symbolic_link_to_a_valid_pin_file_is_refused(store: PinStore, tmp_path: Path) -> None:
    target = a_real_record_elsewhere(tmp_path)
    store.path.parent.mkdir(parents=True)
    try:
        store.path.symlink_to(target)
    except OSError:  # Windows without the right to make links
        pytest.skip("cannot create symbolic links here")
    with pytest.raises(PinFileUnusable) as caught:
        store.load()
    assert caught.value.reason == "it is a symbolic link, not a regular file"
    result = PinGate(FakeClock(0.0), store).try_pin(PIN)  # the right PIN for the target
    assert result.outcome is Outcome.NO_PIN and "unusable" in result.message


def test_a_folder_is_refused(store: PinStore) -> None:
    store.path.mkdir(parents=True)
    with pytest.raises(PinFileUnusable) as caught:
        store.load()
    assert caught.value.reason == "it is a folder, not a regular file"
    assert not store.is_set()


@posix_only
@pytest.mark.parametrize("mode, who", [(0o620, "group"), (0o602, "others"), (0o666, "both")])
def test_a_file_others_may_write_is_refused(store: PinStore, mode: int, who: str) -> None:
    store.set_pin(PIN)
    os.chmod(store.path, mode)
    with pytest.raises(PinFileUnusable, match="other users may write it"):
        store.load()
    result = PinGate(FakeClock(0.0), store).try_pin(PIN)
    assert result.outcome is Outcome.NO_PIN and "unusable" in result.message
    os.chmod(store.path, 0o600)  # the same file made private again is accepted
    assert verify(store.load(), PIN)


@posix_only
def test_a_file_of_another_user_is_refused(
    store: PinStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changing a file's owner needs root, so the app is made to believe it runs as another
    user: the file (ours) then belongs to someone else."""
    store.set_pin(PIN)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(store.path).st_uid + 1)
    with pytest.raises(PinFileUnusable, match="belongs to user id"):
        store.load()


def test_a_huge_file_is_refused_without_reading_it_all(store: PinStore) -> None:
    store.path.parent.mkdir(parents=True)
    with open(store.path, "wb") as f:
        f.truncate(2 * 1024**3)  # 2 GiB, sparse: reading it all would take memory and time
    os.chmod(store.path, 0o600)
    started = time.monotonic()
    with pytest.raises(PinFileError, match="bigger than"):
        store.load()
    assert time.monotonic() - started < 1.0


@posix_only
def test_the_file_swapped_between_the_check_and_the_open_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lstat sees a regular file; by the time it is opened a FIFO has taken its place."""
    path = tmp_path / "f"
    path.write_bytes(b"{}")
    real_open = os.open

    def swapping_open(p: object, flags: int, *args: object) -> int:
        os.unlink(path)
        os.mkfifo(path)
        return real_open(p, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", swapping_open)
    with FifoGuard(path) as guard, pytest.raises(UnsafeFileError, match="FIFO"):
        read_private(path, 100)
    assert not guard.fired


def test_a_missing_file_is_no_pin_not_an_error(store: PinStore) -> None:
    assert store.load() is None
    assert read_private(store.path, 10) is None


# --- kiosk set-pin ----------------------------------------------------------------------------
def run_set_pin(data: Path) -> tuple[int, str]:
    err = io.StringIO()
    code = set_pin.run(PIN, data, None, io.StringIO(), err)
    return code, err.getvalue()


@posix_only
def test_set_pin_will_not_write_over_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / FILE_NAME)
    code, err = run_set_pin(tmp_path)
    assert code == set_pin.EXIT_NOT_SET
    assert "will not write over" in err and "it is a FIFO (named pipe)" in err
    assert "not changed" in err
    assert stat.S_ISFIFO(os.lstat(tmp_path / FILE_NAME).st_mode)  # still there, untouched


def test_set_pin_will_not_write_over_a_folder_or_a_link(tmp_path: Path) -> None:
    (tmp_path / "a" / FILE_NAME).mkdir(parents=True)
    code, err = run_set_pin(tmp_path / "a")
    assert code == set_pin.EXIT_NOT_SET and "it is a folder, not a regular file" in err
    assert (tmp_path / "a" / FILE_NAME).is_dir()

    target = a_real_record_elsewhere(tmp_path)
    before = target.read_bytes()
    (tmp_path / "b").mkdir()
    try:
        (tmp_path / "b" / FILE_NAME).symlink_to(target)
    except OSError:
        pytest.skip("cannot create symbolic links here")
    code, err = run_set_pin(tmp_path / "b")
    assert code == set_pin.EXIT_NOT_SET and "it is a symbolic link, not a regular" in err
    assert (tmp_path / "b" / FILE_NAME).is_symlink() and target.read_bytes() == before


@posix_only
def test_set_pin_replaces_a_file_others_could_write_with_a_private_one(tmp_path: Path) -> None:
    """A regular file that is merely not private is fixed by the new save, not refused."""
    PinStore.in_folder(tmp_path).set_pin("1357")
    os.chmod(tmp_path / FILE_NAME, 0o666)
    code, _ = run_set_pin(tmp_path)
    assert code == set_pin.EXIT_OK
    assert stat.S_IMODE(os.stat(tmp_path / FILE_NAME).st_mode) == 0o600
    assert verify(PinStore.in_folder(tmp_path).load(), PIN)
