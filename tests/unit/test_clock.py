"""The clocks: the fake one never drifts and never goes back; the real ones read the system."""

from __future__ import annotations

import time

import pytest

from kiosk.core.clock import FakeClock, MonotonicClock, SystemWallClock


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(10.0)
    assert clock.now() == 10.0
    clock.advance(2.5)
    assert clock.now() == 12.5
    clock.set(20.0)
    assert clock.now() == 20.0


def test_a_million_millisecond_steps_land_exactly_on_1000_seconds() -> None:
    """The fake keeps integer nanoseconds, so a test's drift can only be the model's."""
    clock = FakeClock()
    for _ in range(1_000_000):
        clock.advance(0.001)
    assert clock.now() == 1000.0


def test_fake_clock_refuses_to_go_back() -> None:
    clock = FakeClock(5.0)
    with pytest.raises(ValueError, match="cannot go back"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="cannot go back"):
        clock.set(4.0)
    assert clock.now() == 5.0


def test_real_clocks_read_the_system() -> None:
    a = MonotonicClock().now()
    assert MonotonicClock().now() >= a
    assert abs(SystemWallClock().now() - time.time()) < 5
