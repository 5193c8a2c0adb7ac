"""The presenter's clocks: the time since the talk began, and an optional countdown to its end.

Pure logic on an injectable monotonic clock (``kiosk.core.clock``): the console reads
``TalkClock.reading()`` at each tick and never counts ticks, so a late or skipped repaint cannot
make the time drift, and a test moves a ``FakeClock`` instead of sleeping.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.clock import Clock

MAX_TALK_SECONDS = 600 * 60  # ten hours: more is a typo


class TalkState(StrEnum):
    """How the countdown stands: no countdown, time in hand, the last minutes, over time."""

    OFF = "off"
    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class TalkReading:
    """The clocks at one moment: what the console shows."""

    elapsed: float  # seconds since the talk began (0 before it began)
    remaining: float | None  # seconds left of the countdown (negative: over time); None: off
    state: TalkState
    running: bool


class TalkClock:
    """Elapsed time since ``start()`` (or since made, with ``started=True``), paused and resumed
    by the presenter, and a countdown of ``budget`` seconds that warns ``warning`` seconds
    before its end."""

    def __init__(
        self,
        clock: Clock,
        budget: float | None = None,
        warning: float = 120.0,
        started: bool = True,
    ) -> None:
        self._clock = clock
        self._budget: float | None = None
        self._warning = 0.0
        self._banked = 0.0  # seconds counted before the last start
        self._since: float | None = clock.now() if started else None
        self.set_budget(budget, warning)

    # --- the presenter's operations -------------------------------------------------------------
    def start(self) -> None:
        """Count (again) from where it stood."""
        if self._since is None:
            self._since = self._clock.now()

    def pause(self) -> None:
        if self._since is not None:
            self._banked += self._clock.now() - self._since
            self._since = None

    def toggle(self) -> None:
        if self._since is None:
            self.start()
        else:
            self.pause()

    def restart(self) -> None:
        """Back to 0:00, counting."""
        self._banked = 0.0
        self._since = self._clock.now()

    def set_budget(self, budget: float | None, warning: float | None = None) -> None:
        """The talk's length in seconds (None or 0: no countdown); ``warning``: how long before
        the end the countdown warns (kept as it was when not given). A warning longer than
        the talk is cut to a fifth of it."""
        if budget is not None and not 0 <= budget <= MAX_TALK_SECONDS:
            raise ValueError(f"a talk of {budget} s is outside 0 to {MAX_TALK_SECONDS} s")
        self._budget = budget or None
        if warning is not None:
            if warning < 0:
                raise ValueError(f"a warning of {warning} s is negative")
            self._warning = warning

    def add_minutes(self, minutes: int) -> None:
        """The countdown made ``minutes`` longer (or shorter); below one minute it is off."""
        budget = (self._budget or 0) + minutes * 60
        self.set_budget(max(0.0, min(budget, MAX_TALK_SECONDS)) if budget >= 60 else None)

    # --- what the console shows -----------------------------------------------------------------
    @property
    def budget(self) -> float | None:
        return self._budget

    @property
    def warning(self) -> float:
        """Seconds before the end when the countdown warns: as asked, or a fifth of a talk
        shorter than that."""
        if self._budget is not None and self._warning >= self._budget:
            return self._budget / 5
        return self._warning

    @property
    def running(self) -> bool:
        return self._since is not None

    def elapsed(self) -> float:
        live = 0.0 if self._since is None else self._clock.now() - self._since
        return self._banked + live

    def reading(self) -> TalkReading:
        elapsed = self.elapsed()
        if self._budget is None:
            return TalkReading(elapsed, None, TalkState.OFF, self.running)
        remaining = self._budget - elapsed
        if remaining < 0:
            state = TalkState.OVERTIME
        elif remaining <= self.warning:
            state = TalkState.WARNING
        else:
            state = TalkState.NORMAL
        return TalkReading(elapsed, remaining, state, self.running)


def clock_text(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour) in whole seconds, cut towards zero; a leading minus
    for a negative time of a second or more."""
    whole = int(abs(seconds))
    sign = "−" if seconds < 0 and whole >= 1 else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def countdown_text(remaining: float) -> str:
    """A countdown's digits: seconds left rounded up (0:01 until it is over), then the time
    over it with a minus sign."""
    if remaining >= 0:
        return clock_text(math.ceil(remaining))
    return clock_text(remaining)


def time_of_day_text(epoch: float) -> str:
    """The local time of day, ``14:05``, for a wall-clock reading (``WallClock.now()``)."""
    return time.strftime("%H:%M", time.localtime(epoch))
