"""Visitor sessions (no Qt): from the first touch after a reset to the next idle reset.

A session has a random id (``secrets``, nothing derived from the person or the machine), the
calendar time it started (for "sessions today" and busiest hours) and its length on the
monotonic clock (a wall clock may jump; a length never does). Analytics and the poll's "one vote
per visitor" both follow these boundaries.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.clock import Clock, WallClock

# why a session ended, as recorded: the idle reset, the app closing, an organiser's action
END_REASONS = ("idle", "quit", "admin", "crash")


def random_id() -> str:
    """A session's id: 64 random bits as hex; random, so merged databases never collide."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Visit:
    id: str
    started_wall: float  # seconds since the epoch
    started: float  # monotonic seconds


@dataclass(frozen=True)
class EndedVisit:
    visit: Visit
    seconds: float
    reason: str


class Visits:
    """The session in progress, if any: ``activity()`` starts one, ``end(reason)`` closes it."""

    def __init__(
        self, clock: Clock, wall: WallClock, new_id: Callable[[], str] = random_id
    ) -> None:
        self._clock = clock
        self._wall = wall
        self._new_id = new_id
        self.current: Visit | None = None

    def activity(self) -> Visit | None:
        """Someone touched the screen: the new session, when this begins one; else None."""
        if self.current is not None:
            return None
        self.current = Visit(self._new_id(), self._wall.now(), self._clock.now())
        return self.current

    def end(self, reason: str) -> EndedVisit | None:
        """The session closes (None when none was open: an idle reset of an empty kiosk)."""
        if reason not in END_REASONS:
            raise ValueError(f"unknown end reason {reason!r}")
        visit, self.current = self.current, None
        if visit is None:
            return None
        return EndedVisit(visit, self._clock.now() - visit.started, reason)
