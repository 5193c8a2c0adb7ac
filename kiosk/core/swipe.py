"""Turning a finger's (or a mouse's) path into a tap, a swipe, or a vertical scroll.

Qt's own swipe gesture wants three fingers and its pan gesture two (PITFALLS.md §2), so one-finger
swipes are recognised here, from plain positions and timestamps. Distances are in pixels; the
widget converts millimetres with the screen's DPI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Axis(StrEnum):
    NONE = "none"  # not moved far enough yet: still a possible tap
    HORIZONTAL = "horizontal"  # a swipe between posters
    VERTICAL = "vertical"  # scrolling the poster


@dataclass
class Drag:
    """One press-move-release, with the axis locked once it has moved past ``slop``."""

    slop: float
    x0: float = 0.0
    y0: float = 0.0
    x: float = 0.0
    y: float = 0.0
    axis: Axis = Axis.NONE
    active: bool = False
    _samples: list[tuple[float, float, float]] = field(default_factory=list)

    def press(self, x: float, y: float, t: float) -> None:
        self.x0 = self.x = x
        self.y0 = self.y = y
        self.axis = Axis.NONE
        self.active = True
        self._samples = [(t, x, y)]

    def move(self, x: float, y: float, t: float) -> Axis:
        if not self.active:
            return Axis.NONE
        self.x, self.y = x, y
        self._samples.append((t, x, y))
        self._samples = [s for s in self._samples if t - s[0] <= 0.12] or self._samples[-1:]
        if self.axis is Axis.NONE:
            dx, dy = abs(self.dx), abs(self.dy)
            if max(dx, dy) >= self.slop:
                self.axis = Axis.HORIZONTAL if dx > dy else Axis.VERTICAL
        return self.axis

    def release(self, x: float, y: float, t: float) -> Axis:
        self.move(x, y, t)
        self.active = False
        return self.axis

    def cancel(self) -> None:
        self.active = False
        self.axis = Axis.NONE

    @property
    def dx(self) -> float:
        return self.x - self.x0

    @property
    def dy(self) -> float:
        return self.y - self.y0

    @property
    def velocity_x(self) -> float:
        """Pixels per second over the last ~120 ms."""
        if len(self._samples) < 2:
            return 0.0
        (t0, x0, _), (t1, x1, _) = self._samples[0], self._samples[-1]
        return (x1 - x0) / (t1 - t0) if t1 > t0 else 0.0

    @property
    def is_tap(self) -> bool:
        return not self.active and self.axis is Axis.NONE


def swipe_offset(dx: float, can_previous: bool, can_next: bool) -> float:
    """Where the page is drawn while a finger drags it: 1:1, with resistance at the ends."""
    if (dx > 0 and not can_previous) or (dx < 0 and not can_next):
        return dx * 0.25
    return dx


def swipe_outcome(
    dx: float, velocity: float, width: float, can_previous: bool, can_next: bool, fling: float
) -> int:
    """+1: settle on the next poster; -1: the previous; 0: spring back.

    Far enough (a third of the width) or fast enough (a fling in the drag's direction) goes on;
    a short slow drag springs back, and so does any drag past the first or last poster.
    """
    going = 0
    if abs(dx) >= width / 3 or (abs(velocity) >= fling and velocity * dx > 0):
        going = 1 if dx < 0 else -1
    if (going == 1 and not can_next) or (going == -1 and not can_previous):
        return 0
    return going


@dataclass
class TapCounter:
    """Recognises a double tap: two taps close in time and place."""

    interval: float = 0.35
    radius: float = 40.0
    _last: tuple[float, float, float] | None = None

    def tap(self, x: float, y: float, t: float) -> bool:
        """Register a tap; True when it completes a double tap."""
        last = self._last
        if (
            last
            and t - last[0] <= self.interval
            and abs(x - last[1]) <= self.radius
            and abs(y - last[2]) <= self.radius
        ):
            self._last = None
            return True
        self._last = (t, x, y)
        return False
