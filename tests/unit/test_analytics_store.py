"""The analytics database: batched writes that survive a kill -9 (at most the last second lost),
a corrupt or locked file moved aside, a full disk that stops analytics and nothing else,
retention and the size cap, and what may not be recorded."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.analytics.events import Event, EventError, SessionEnd, SessionStart
from kiosk.core.analytics.store import Writer, connect, open_store, prune

SID = "0123456789abcdef"
REPO = Path(__file__).parents[2]

CHILD = """
import sys, time
from pathlib import Path
from kiosk.core.analytics.events import Event, SessionStart
from kiosk.core.analytics.recorder import Recorder
rec = Recorder(Path(sys.argv[1]))
rec.record(SessionStart("0123456789abcdef", time.time()))
for i in range(10_000):
    rec.record(Event("0123456789abcdef", time.time(), "poster", "p", float(i)))
    print(i, time.monotonic(), flush=True)
    time.sleep(0.0005)  # the child's pace: a busy kiosk, not the test's synchronisation
rec.close()
print("done", flush=True)
"""


def test_a_kill_9_loses_at_most_the_last_second(tmp_path: Path) -> None:
    db_path = tmp_path / "analytics.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    sent: list[tuple[int, float]] = []
    for line in child.stdout:
        index, at = line.split()
        sent.append((int(index), float(at)))
        if len(sent) >= 5000:  # in the middle
            break
    os.kill(child.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait(10)
    assert child.returncode == -signal.SIGKILL
    db = sqlite3.connect(db_path)
    values = {int(v) for (v,) in db.execute("SELECT value FROM events")}
    reported_long_before = [i for i, at in sent if at < killed_at - 1.0]
    assert reported_long_before, "the child ran for more than a second before the kill"
    missing = [i for i in reported_long_before if i not in values]
    assert missing == [], f"{len(missing)} events sent more than 1 s before the kill were lost"
    assert len(values) < 10_000  # it really was killed in the middle


def test_a_corrupt_database_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "analytics.sqlite"
    path.write_bytes(b"this is not a database, it is a torn file" * 100)
    db = open_store(path)
    db.execute("SELECT COUNT(*) FROM sessions").fetchone()
    aside = list(tmp_path.glob("analytics.broken-*.sqlite"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert "moved aside" in caplog.text


def test_a_locked_database_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "analytics.sqlite"
    holder = connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    db = open_store(path)  # after its 2 s wait
    Writer(db).write([SessionStart(SID, 1.0)])
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    assert "locked" in caplog.text and "moved aside" in caplog.text
    holder.close()


FULL_CHILD = """
import logging, resource, signal, sys, time
from pathlib import Path
from kiosk.core.analytics.events import Event, SessionStart
from kiosk.core.analytics.recorder import Recorder
logging.basicConfig(stream=sys.stderr, level=logging.INFO)
# the disk fills up: no file of this process may grow past 256 KiB (a write beyond fails, as
# on a full disk, instead of the default signal that would kill the process)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))
rec = Recorder(Path(sys.argv[1]))
rec.record(SessionStart("0123456789abcdef", time.time()))
for i in range(20_000):
    rec.record(Event("0123456789abcdef", time.time(), "poster", "some-poster-id", float(i)))
rec.close()
print("gallery still running; analytics:", rec.stopped_because, flush=True)
"""


def test_a_full_disk_stops_analytics_quietly(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", FULL_CHILD, str(tmp_path / "analytics.sqlite")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("gallery still running; analytics: writing to")
    assert "analytics stopped" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_nothing_but_ids_may_be_recorded() -> None:
    with pytest.raises(EventError):
        Event(SID, 1.0, "poster", "Jane Doe typed this")
    with pytest.raises(EventError):
        Event(SID, 1.0, "keystrokes", "p")
    with pytest.raises(EventError):
        Event("jane@example.org", 1.0, "poster", "p")


def test_retention_and_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    db = connect(path)
    day = 86400.0
    now = 1_767_225_600.0
    writer = Writer(db)
    old, recent = "a" * 16, "b" * 16
    writer.write([SessionStart(old, now - 100 * day), Event(old, now - 100 * day, "poster", "p")])
    writer.write([SessionStart(recent, now - day), Event(recent, now - day, "poster", "p")])
    writer.write([SessionEnd(recent, now - day + 30, 30.0, "idle")])
    assert prune(db, path, now, 90, 1 << 30) == 1
    assert [r[0] for r in db.execute("SELECT id FROM sessions")] == [recent]
    # the cap: many sessions, then a cap below the file's size drops the oldest first
    for n in range(2000):
        sid = f"{n:016x}"
        writer.write([SessionStart(sid, now - 10 * day + n), Event(sid, now, "poster", "p")])
    size = db.execute("PRAGMA page_count").fetchone()[0] * 4096
    prune(db, path, now, 90, size // 2)
    left = db.execute("SELECT MIN(started), COUNT(*) FROM sessions").fetchone()
    assert left[1] < 2001 and left[0] > now - 10 * day
    assert db.execute("PRAGMA page_count").fetchone()[0] * 4096 <= size // 2


def test_a_store_that_grows_keeps_few_pages_in_memory(tmp_path: Path) -> None:
    """The recorder's connection lives as long as the kiosk: SQLite's own count of the memory
    it holds stays near the cache's 256 KiB while the file grows to megabytes (with SQLite's
    default cache it rose to 2 MB and stayed: docs/reliability.md, finding 13)."""
    import ctypes
    import ctypes.util

    from kiosk.core.analytics.store import CACHE_KIB

    name = ctypes.util.find_library("sqlite3")
    assert name is not None, "the SQLite library Python's sqlite3 module uses"
    lib = ctypes.CDLL(name)
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    lib.sqlite3_libversion.restype = ctypes.c_char_p
    # the same library as the module's (else its count is not the module's memory)
    assert lib.sqlite3_libversion().decode() == sqlite3.sqlite_version
    path = tmp_path / "a.sqlite"
    db = connect(path)
    writer = Writer(db)
    start = lib.sqlite3_memory_used()
    assert start > 0
    now = 1_767_225_600.0
    for n in range(3000):
        sid = f"{n * 7919:016x}"  # sessions' ids land all over the index, as random ones do
        events = [Event(sid, now + i, "screen", "home", 3.0) for i in range(12)]
        writer.write([SessionStart(sid, now), *events, SessionEnd(sid, now + 20, 20.0, "idle")])
    assert db.execute("PRAGMA page_count").fetchone()[0] * 4096 > 3_000_000
    grown = lib.sqlite3_memory_used() - start
    assert grown < 2 * CACHE_KIB * 1024, f"{grown / 1024:.0f} KiB"
    db.close()
