"""Clocks that the pure logic reads time from, so that no countdown counts timer ticks.

A countdown computed as ``budget - (clock.now() - start)`` cannot drift however late or
irregular the UI's ticks are, and a test drives it with a ``FakeClock`` instead of sleeping.

Two kinds of time are kept apart on purpose:

- ``Clock.now()``: monotonic seconds (arbitrary origin, never jumps back): all durations.
- ``WallClock.now()``: seconds since the epoch: only for labels (the date of an export, when a
  snapshot was saved). A wall clock may jump (NTP, daylight saving); durations never use it.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Monotonic time in seconds; only differences between two readings mean anything."""

    def now(self) -> float: ...


class WallClock(Protocol):
    """Calendar time in seconds since the epoch (``time.time()``), for timestamps only."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real monotonic clock (``time.monotonic``), used by the app."""

    def now(self) -> float:
        return time.monotonic()


class SystemWallClock:
    """The real calendar clock (``time.time``), used by the app for timestamps."""

    def now(self) -> float:
        return time.time()


class FakeClock:
    """A clock that moves only when a test says so.

    Time is kept in integer nanoseconds, so a million ``advance(0.001)`` calls land exactly on
    1000 s: the fake itself never drifts, and any drift a test sees is the model's own. It can
    stand in for a ``WallClock`` too (give it an epoch-like start).
    """

    def __init__(self, start: float = 0.0) -> None:
        self._ns = self._to_ns(start)

    @staticmethod
    def _to_ns(seconds: float) -> int:
        return round(seconds * 1_000_000_000)

    def now(self) -> float:
        return self._ns / 1_000_000_000

    def advance(self, seconds: float) -> None:
        """Move forward by ``seconds`` (>= 0): a monotonic clock never goes back."""
        step = self._to_ns(seconds)
        if step < 0:
            raise ValueError(f"a monotonic clock cannot go back ({seconds} s)")
        self._ns += step

    def set(self, t: float) -> None:
        """Jump to ``t`` seconds, which must not be earlier than now."""
        target = self._to_ns(t)
        if target < self._ns:
            raise ValueError(f"a monotonic clock cannot go back (from {self.now()} to {t})")
        self._ns = target


class FakeWallClock:
    """A calendar clock that moves only when a test says so, forwards or back.

    Unlike ``FakeClock`` it may be set back: a real wall clock does that (NTP steps, an owner
    fixing the date, a PC without a clock battery booting in the past), and the code that keeps
    wall-clock deadlines (the PIN lockout) must be tested against it.
    """

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01 00:00 UTC
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> None:
        """Move by ``seconds``; negative moves it back."""
        self._t += seconds

    def set(self, t: float) -> None:
        """Jump to ``t``, earlier or later."""
        self._t = float(t)
