"""The analytics database: one SQLite file in WAL mode, written by one thread (recorder).

A file SQLite cannot read (corrupt, not a database) or cannot lock is moved aside with a dated
name and a new one started, with a log line. Old visits are pruned (``retention_days``) and the
file is kept under ``max_bytes`` by dropping the oldest visits first.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from kiosk.core.analytics.events import Event, Record, SessionEnd, SessionStart

log = logging.getLogger(__name__)

FILE_NAME = "analytics.sqlite"
CACHE_KIB = 256  # the page cache's size, per connection
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    started REAL NOT NULL,
    ended REAL,
    seconds REAL,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS events (
    session TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (session, seq)
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS sessions_started ON sessions (started);
"""
BROKEN = ("file is not a database", "database disk image is malformed", "database is locked")


def connect(path: Path, timeout: float = 2.0) -> sqlite3.Connection:
    """Open (creating) the database, WAL mode, schema in place; raises sqlite3 errors."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL: a committed batch survives the process being killed (a power cut may
        # lose the last commits, never corrupt the file)
        db.execute("PRAGMA synchronous=NORMAL")
        # pages kept in memory: 256 KiB, not SQLite's 2 MB. The recorder's connection lives as
        # long as the kiosk, and its cache filled up to 2 MB as the file grew past that,
        # within the hour soak (docs/reliability.md, finding 13). It appends small batches;
        # the pages it reads again are the indexes' last ones.
        db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        db.executescript(SCHEMA)
        db.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def move_aside(path: Path, why: str) -> Path:
    """The broken file (and its WAL) renamed beside it, so nothing is lost and a new one starts."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.replace(Path(str(target) + suffix))
    log.warning("analytics: %s was %s; moved aside to %s, a new one started", path, why, target)
    return target


def open_store(path: Path) -> sqlite3.Connection:
    """Open the database; a corrupt or locked one is moved aside and a new one started."""
    try:
        return connect(path)
    except sqlite3.DatabaseError as exc:
        reason = str(exc)
        if not any(b in reason for b in BROKEN):
            raise
        move_aside(path, reason)
        return connect(path)


class Writer:
    """Writes records in batches; keeps each session's event numbers (for merging)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._seq: dict[str, int] = {}

    def _next_seq(self, session: str) -> int:
        if session not in self._seq:
            row = self.db.execute(
                "SELECT COALESCE(MAX(seq), -1) FROM events WHERE session = ?", (session,)
            ).fetchone()
            self._seq[session] = row[0]
        self._seq[session] += 1
        return self._seq[session]

    def write(self, records: Iterable[Record]) -> None:
        """One transaction for the batch."""
        db = self.db
        db.execute("BEGIN")
        try:
            for r in records:
                if isinstance(r, Event):
                    db.execute(
                        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
                        (r.session, self._next_seq(r.session), r.at, r.kind, r.subject, r.value),
                    )
                elif isinstance(r, SessionStart):
                    db.execute(
                        "INSERT OR IGNORE INTO sessions (id, started) VALUES (?, ?)",
                        (r.session, r.at),
                    )
                elif isinstance(r, SessionEnd):
                    db.execute(
                        "UPDATE sessions SET ended = ?, seconds = ?, reason = ? WHERE id = ?",
                        (r.at, r.seconds, r.reason, r.session),
                    )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def prune(
    db: sqlite3.Connection, path: Path, now: float, retention_days: float, max_bytes: int
) -> int:
    """Visits older than the retention period deleted, then the oldest until the file fits
    ``max_bytes``; returns how many sessions went."""
    cutoff = now - retention_days * 86400
    gone = _delete_before(db, cutoff)
    while _size(db) > max_bytes:
        row = db.execute(
            "SELECT started FROM sessions ORDER BY started LIMIT 1 OFFSET ?",
            (max(1, db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] // 10),),
        ).fetchone()
        if row is None:
            break
        gone += _delete_before(db, row[0])
        db.execute("VACUUM")
    if gone:
        log.info("analytics: %d old sessions pruned from %s", gone, path)
    return gone


def _size(db: sqlite3.Connection) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    return pages * db.execute("PRAGMA page_size").fetchone()[0]


def _delete_before(db: sqlite3.Connection, cutoff: float) -> int:
    db.execute("BEGIN")
    db.execute(
        "DELETE FROM events WHERE session IN (SELECT id FROM sessions WHERE started < ?)",
        (cutoff,),
    )
    db.execute("DELETE FROM events WHERE at < ?", (cutoff,))
    gone = db.execute("DELETE FROM sessions WHERE started < ?", (cutoff,)).rowcount
    db.execute("COMMIT")
    return gone
