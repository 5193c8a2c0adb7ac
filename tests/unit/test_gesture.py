"""Telling taps, swipes and scrolls apart, and where a swipe settles."""

from __future__ import annotations

import pytest

from kiosk.core.swipe import Axis, Drag, TapCounter, swipe_offset, swipe_outcome


def test_small_movement_stays_a_tap() -> None:
    d = Drag(slop=10)
    d.press(100, 100, 0.0)
    d.move(105, 103, 0.05)
    assert d.release(106, 104, 0.1) is Axis.NONE
    assert d.is_tap


@pytest.mark.parametrize(
    ("dx", "dy", "axis"),
    [
        (40, 5, Axis.HORIZONTAL),
        (-40, 10, Axis.HORIZONTAL),
        (5, 40, Axis.VERTICAL),
        (-12, -30, Axis.VERTICAL),
    ],
)
def test_axis_locks_once_past_the_slop(dx: float, dy: float, axis: Axis) -> None:
    d = Drag(slop=10)
    d.press(0, 0, 0.0)
    assert d.move(dx, dy, 0.05) is axis
    # once locked, it stays locked even if the finger turns
    assert d.move(dx + dy * 5, dy + dx * 5, 0.1) is axis


def test_velocity_uses_recent_samples() -> None:
    d = Drag(slop=10)
    d.press(0, 0, 0.0)
    d.move(-100, 0, 1.0)  # slow at first
    d.move(-300, 0, 1.1)  # then fast
    assert d.velocity_x == pytest.approx(-2000)


def test_cancel_forgets_the_drag() -> None:
    d = Drag(slop=10)
    d.press(0, 0, 0.0)
    d.move(50, 0, 0.1)
    d.cancel()
    assert not d.active and d.axis is Axis.NONE


@pytest.mark.parametrize(
    ("dx", "velocity", "expected"),
    [
        (-700, -100, 1),  # far: next
        (700, 100, -1),  # far the other way: previous
        (-100, -3000, 1),  # short but a fling: next
        (-100, -50, 0),  # short and slow: spring back
        (-100, 3000, 0),  # a fling against the drag: spring back
    ],
)
def test_swipe_outcome(dx: float, velocity: float, expected: int) -> None:
    assert swipe_outcome(dx, velocity, 1920, True, True, fling=900) == expected


def test_no_swipe_past_the_ends() -> None:
    assert swipe_outcome(-900, -3000, 1920, True, False, fling=900) == 0
    assert swipe_outcome(900, 3000, 1920, False, True, fling=900) == 0
    assert swipe_offset(-400, True, False) == -100  # resistance at the end
    assert swipe_offset(-400, True, True) == -400


def test_double_tap() -> None:
    taps = TapCounter(interval=0.3, radius=20)
    assert not taps.tap(10, 10, 0.0)
    assert taps.tap(15, 12, 0.2)
    assert not taps.tap(15, 12, 0.3)  # a third tap starts over
    assert not taps.tap(15, 12, 1.0)  # too late to pair with the last
    assert not taps.tap(200, 12, 1.1)  # too far
