"""The figures organisers read: sessions, their length, posters by views and dwell, the poll's
results, the busiest hours. Plain queries over the database (one kiosk's or merged)."""

from __future__ import annotations

import sqlite3
import statistics
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PosterLine:
    poster: str
    views: int
    median_seconds: float


@dataclass(frozen=True)
class Figures:
    sessions: int
    sessions_today: int
    median_session_seconds: float
    posters: tuple[PosterLine, ...]
    polls: dict[str, dict[int, int]] = field(default_factory=dict)
    hours: tuple[int, ...] = (0,) * 24  # sessions started in each hour of the day (local time)
    events: dict[str, int] = field(default_factory=dict)  # zooms, swipes, read aloud... by kind


def day_start(now: float) -> float:
    """Local midnight of ``now``'s day, in seconds since the epoch."""
    t = time.localtime(now)
    return time.mktime((t.tm_year, t.tm_mon, t.tm_mday, 0, 0, 0, 0, 0, -1))


def poll_tallies(db: sqlite3.Connection, since: float = 0.0) -> dict[str, dict[int, int]]:
    """Each session's last vote in each poll (a changed vote counts once, as its last choice)."""
    rows = db.execute(
        """SELECT subject, CAST(value AS INTEGER), COUNT(*) FROM (
               SELECT e.subject, e.value FROM events e
               WHERE e.kind = 'vote' AND e.at >= ? AND e.seq = (
                   SELECT MAX(seq) FROM events
                   WHERE session = e.session AND kind = 'vote' AND subject = e.subject))
           GROUP BY subject, CAST(value AS INTEGER)""",
        (since,),
    )
    tallies: dict[str, dict[int, int]] = {}
    for poll, option, count in rows:
        tallies.setdefault(poll, {})[option] = count
    return tallies


def figures(db: sqlite3.Connection, now: float, since: float = 0.0) -> Figures:
    sessions = db.execute(
        "SELECT started, seconds FROM sessions WHERE started >= ?", (since,)
    ).fetchall()
    today = day_start(now)
    lengths = [s for _, s in sessions if s is not None]
    hours = [0] * 24
    for started, _ in sessions:
        hours[time.localtime(started).tm_hour] += 1
    dwell: dict[str, list[float]] = {}
    for poster, seconds in db.execute(
        "SELECT subject, value FROM events WHERE kind = 'poster' AND at >= ?", (since,)
    ):
        dwell.setdefault(poster, []).append(seconds or 0.0)
    posters = sorted(
        (PosterLine(p, len(v), statistics.median(v)) for p, v in dwell.items()),
        key=lambda line: (-line.views, line.poster),
    )
    kinds = dict(
        db.execute(
            "SELECT kind, COUNT(*) FROM events WHERE at >= ? GROUP BY kind ORDER BY kind",
            (since,),
        ).fetchall()
    )
    return Figures(
        sessions=len(sessions),
        sessions_today=sum(1 for started, _ in sessions if started >= today),
        median_session_seconds=statistics.median(lengths) if lengths else 0.0,
        posters=tuple(posters),
        polls=poll_tallies(db, since),
        hours=tuple(hours),
        events=kinds,
    )


def duration_text(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
