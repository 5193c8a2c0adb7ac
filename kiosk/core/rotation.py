"""Quote rotation: which quote is showing, and for how much longer, on an injectable clock.

Each quote has its own dwell time (long quotes stay longer: see CarouselSettings.dwell_seconds).
The rotation can be paused (a tap, or the pause button: WCAG 2.2.2) and held (a finger resting on
it); neither loses the time already spent on the current quote. Nothing here ticks: the widget
asks ``due_in()`` and sets one single-shot timer for that moment.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.clock import Clock, MonotonicClock


class Rotation:
    """The rotation of ``dwell`` (seconds per quote) on ``clock``: the app's monotonic clock
    unless a test passes a FakeClock."""

    def __init__(self, dwell: Sequence[float], clock: Clock | None = None) -> None:
        self._dwell = [max(0.5, float(d)) for d in dwell]
        self._clock = clock if clock is not None else MonotonicClock()
        self.index = 0
        self._shown = 0.0  # seconds the current quote has been on screen, up to _since
        self._since: float | None = None  # running since this clock reading (None: stopped)
        self.paused = False  # by the visitor (tap or button)
        self.held = False  # a finger is resting on it
        self.running = False  # the carousel is visible

    @property
    def count(self) -> int:
        return len(self._dwell)

    def dwell(self, index: int | None = None) -> float:
        return self._dwell[self.index if index is None else index] if self._dwell else 0.0

    # --- time ---------------------------------------------------------------------------------
    def _moving(self) -> bool:
        return self.running and not self.paused and not self.held and self.count > 1

    def _settle(self) -> None:
        """Fold the running interval into ``_shown``."""
        if self._since is not None:
            now = self._clock.now()
            self._shown += now - self._since
            self._since = now

    def _update(self) -> None:
        self._settle()
        if self._moving():
            if self._since is None:
                self._since = self._clock.now()
        else:
            self._since = None

    def elapsed(self) -> float:
        shown = self._shown
        if self._since is not None:
            shown += self._clock.now() - self._since
        return shown

    def progress(self) -> float:
        """0 when the quote appeared, 1 when the next is due."""
        d = self.dwell()
        return min(1.0, self.elapsed() / d) if d else 0.0

    def due_in(self) -> float | None:
        """Seconds until the next quote is due; None while it is not moving."""
        if not self._moving():
            return None
        return max(0.0, self.dwell() - self.elapsed())

    def tick(self) -> bool:
        """Advance if the current quote's time is up. True when it advanced."""
        if self._moving() and self.elapsed() >= self.dwell() - 1e-6:
            self._go((self.index + 1) % self.count)
            return True
        return False

    # --- the visitor's actions ----------------------------------------------------------------
    def _go(self, index: int) -> None:
        self.index = index % self.count if self.count else 0
        self._shown = 0.0
        self._since = self._clock.now() if self._moving() else None

    def next(self) -> None:
        if self.count:
            self._go(self.index + 1)

    def previous(self) -> None:
        if self.count:
            self._go(self.index - 1)

    def jump(self, index: int) -> None:
        if 0 <= index < self.count:
            self._go(index)

    def restart(self) -> None:
        """Back to the first quote (the kiosk's reset)."""
        self.paused = self.held = False
        self._go(0)
        self._update()

    def set_running(self, running: bool) -> None:
        self.running = running
        self._update()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self._update()

    def toggle_paused(self) -> bool:
        self.set_paused(not self.paused)
        return self.paused

    def set_held(self, held: bool) -> None:
        self.held = held
        self._update()
