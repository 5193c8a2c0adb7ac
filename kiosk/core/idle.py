"""Idle tracking for the unattended kiosk: is someone here, should we warn, should we reset?

The kiosk's whole idle behaviour is three states on one clock:

- ``ACTIVE``: someone touched the screen less than ``timeout_seconds`` ago.
- ``WARNING``: nobody for ``timeout_seconds``: the "Still there? Returning to the start in N s —
  tap to stay" notice counts down for ``warning_seconds``.
- ``IDLE``: the notice ran out: reset the app and play the attract loop. IDLE is sticky: it lasts
  until the next ``activity()`` (the wake touch), however long the attract loop runs.

So with the defaults of gallery.yaml (``idle.timeout_seconds: 90``, ``idle.warning_seconds: 10``)
the notice appears 90 s after the last input and the reset happens 100 s after it.

Nothing here ticks or knows about Qt (STYLE.md §3, §8). The app-wide event filter calls
``activity()`` on every key, touch, click or wheel; the UI asks ``next_change_in()`` and arms one
single-shot timer for that moment, and when it fires calls ``update()`` (which tells the
listeners). A late timer cannot make the state wrong: the state is always computed from the
clock, never from counting ticks. A timer that fires a little early just sees a small positive
``next_change_in()`` and re-arms.

``pause()`` holds the tracker in ACTIVE (the admin screen is open, a fishbowl session is
running: never reset the kiosk under the facilitator); ``resume()`` starts a fresh countdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import Enum

from kiosk.core.clock import Clock


class IdleState(Enum):
    ACTIVE = "active"
    WARNING = "warning"
    IDLE = "idle"


EPSILON = 1e-6
"""Deadlines count as reached a microsecond early: ``deadline - now`` and ``now + wait`` round
differently in floating point, and a timer armed for exactly ``next_change_in()`` must always
land on the change, never a hair before it."""

IdleListener = Callable[[IdleState, IdleState], None]
"""Called as ``listener(old, new)`` when the reported state changes."""


class IdleTracker:
    """Time since the last input, turned into ACTIVE → WARNING → IDLE on an injected clock."""

    def __init__(
        self, clock: Clock, timeout_seconds: float = 90.0, warning_seconds: float = 10.0
    ) -> None:
        self._clock = clock
        self._last_activity = clock.now()
        self._idle_latched = False  # reached IDLE: stays there until activity()/reset()
        self._paused = False
        self._timeout = self._warning = math.inf
        self.configure(timeout_seconds, warning_seconds)
        self._reported = IdleState.ACTIVE
        self._listeners: list[IdleListener] = []

    # --- settings -----------------------------------------------------------------------------
    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    @property
    def warning_seconds(self) -> float:
        return self._warning

    def configure(self, timeout_seconds: float, warning_seconds: float) -> None:
        """Change the durations (a live reload of gallery.yaml); the last activity is kept.

        ``warning_seconds`` may be 0: then there is no notice and ACTIVE goes straight to IDLE.
        """
        timeout, warning = float(timeout_seconds), float(warning_seconds)
        if not math.isfinite(timeout) or timeout <= 0:
            raise ValueError(f"timeout_seconds must be a positive number, not {timeout_seconds!r}")
        if not math.isfinite(warning) or warning < 0:
            raise ValueError(f"warning_seconds must be 0 or more, not {warning_seconds!r}")
        if self.state() is IdleState.IDLE:
            self._idle_latched = True  # a longer timeout must not pull the attract loop back
        self._timeout, self._warning = timeout, warning

    # --- listeners ----------------------------------------------------------------------------
    def add_listener(self, listener: IdleListener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: IdleListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # --- input --------------------------------------------------------------------------------
    def activity(self) -> IdleState:
        """Someone is here. Returns the state *before* this input.

        The event filter uses the return value to tell a wake touch (WARNING or IDLE: only
        dismiss the notice or leave the attract loop, never act on what lies underneath) from an
        ordinary one (ACTIVE: let it through).
        """
        before = self.state()
        self._last_activity = self._clock.now()
        self._idle_latched = False
        self._report()
        return before

    def reset(self) -> None:
        """Forget everything: count a fresh timeout from now, in ACTIVE (kiosk start, a reload).

        Not for the moment the app resets itself into the attract loop: IDLE must last until
        the visitor's touch, so leave the tracker alone then.
        """
        self._last_activity = self._clock.now()
        self._idle_latched = False
        self._report()

    def pause(self) -> None:
        """Hold in ACTIVE until ``resume()`` (admin screen open, fishbowl session running)."""
        self._paused = True
        self._idle_latched = False
        self._report()

    def resume(self) -> None:
        """Start counting again, from now."""
        if self._paused:
            self._paused = False
            self.reset()

    @property
    def paused(self) -> bool:
        return self._paused

    # --- time ---------------------------------------------------------------------------------
    def idle_for(self) -> float:
        """Seconds since the last input (0 while paused)."""
        if self._paused:
            return 0.0
        return max(0.0, self._clock.now() - self._last_activity)

    def state(self) -> IdleState:
        """The state now, from the clock (pure: tells no listener; see ``update()``)."""
        if self._paused:
            return IdleState.ACTIVE
        if self._idle_latched:
            return IdleState.IDLE
        now = self._clock.now() + EPSILON
        if now >= self._idle_at():
            return IdleState.IDLE
        if now >= self._warning_at():
            return IdleState.WARNING
        return IdleState.ACTIVE

    def _warning_at(self) -> float:
        return self._last_activity + self._timeout

    def _idle_at(self) -> float:
        return self._last_activity + self._timeout + self._warning

    def update(self) -> IdleState:
        """Read the clock, tell the listeners if the state changed, return the state.

        The UI calls this when its single-shot timer (armed for ``next_change_in()``) fires.
        If the timer was very late (a suspended machine), listeners may see ACTIVE → IDLE
        directly, without WARNING in between.
        """
        self._report()
        return self._reported

    def warning_left(self) -> float:
        """Seconds left on the "Still there?" notice; 0.0 outside WARNING."""
        if self.state() is not IdleState.WARNING:
            return 0.0
        return max(0.0, self._idle_at() - self._clock.now())

    def warning_seconds_shown(self) -> int:
        """The whole number of seconds the notice shows ("in 10 s" … "in 1 s"); 0 outside it."""
        return math.ceil(self.warning_left())

    def next_change_in(self) -> float | None:
        """Seconds until ``state()`` next changes by itself; None when only input can change it
        (IDLE, or paused). Arm one single-shot timer for this, call ``update()`` when it fires."""
        state = self.state()
        if self._paused or state is IdleState.IDLE:
            return None
        deadline = self._warning_at() if state is IdleState.ACTIVE else self._idle_at()
        return max(0.0, deadline - self._clock.now())

    def next_second_in(self) -> float | None:
        """In WARNING: seconds until the shown count (``warning_seconds_shown``) drops by one,
        so the notice's label is redrawn exactly when its number changes. None outside WARNING."""
        if self.state() is not IdleState.WARNING:
            return None
        left = self.warning_left()
        return left - (math.ceil(left) - 1)

    # --- internals ----------------------------------------------------------------------------
    def _report(self) -> None:
        new = self.state()
        if new is IdleState.IDLE:
            self._idle_latched = True
        old, self._reported = self._reported, new
        if new is not old:
            for listener in list(self._listeners):
                listener(old, new)
