"""Databases copied from several kiosks, merged into one. Session ids are random (64 bits), so
the same id in two files is the same session copied twice: it is counted once, and its events
(numbered within the session) are kept once."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def merge_into(target: sqlite3.Connection, source: Path) -> tuple[int, int]:
    """Add ``source``'s sessions and events not already in ``target``; returns how many of each
    were new."""
    before = _counts(target)
    target.execute("ATTACH DATABASE ? AS src", (str(source),))
    try:
        target.execute("BEGIN")
        target.execute("INSERT OR IGNORE INTO sessions SELECT * FROM src.sessions")
        # a copy made while the session was still open, merged with one made after it ended
        target.execute(
            """UPDATE sessions SET ended = s.ended, seconds = s.seconds, reason = s.reason
               FROM src.sessions AS s
               WHERE sessions.id = s.id AND sessions.ended IS NULL AND s.ended IS NOT NULL"""
        )
        target.execute("INSERT OR IGNORE INTO events SELECT * FROM src.events")
        target.execute("COMMIT")
    finally:
        target.execute("DETACH DATABASE src")
    after = _counts(target)
    return after[0] - before[0], after[1] - before[1]


def _counts(db: sqlite3.Connection) -> tuple[int, int]:
    return (
        db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM events").fetchone()[0],
    )
