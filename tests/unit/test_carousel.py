"""Quote rotation on a fake clock: dwell per quote, wrap-around, pause, hold, jumps."""

from __future__ import annotations

import pytest

from kiosk.content.model import CarouselSettings
from kiosk.core.clock import FakeClock
from kiosk.core.rotation import Rotation


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


def running(dwell, clock) -> Rotation:
    r = Rotation(dwell, clock)
    r.set_running(True)
    return r


def test_advances_after_each_quotes_own_dwell_and_wraps(clock) -> None:
    r = running([10, 20, 5], clock)
    clock.advance(9.9)
    assert not r.tick() and r.index == 0
    clock.advance(0.1)
    assert r.tick() and r.index == 1
    assert r.due_in() == pytest.approx(20)
    clock.advance(20)
    assert r.tick() and r.index == 2
    clock.advance(5)
    assert r.tick() and r.index == 0  # wrap-around


def test_not_running_means_no_time_passes(clock) -> None:
    r = Rotation([10, 10], clock)
    clock.advance(100)
    assert not r.tick() and r.due_in() is None and r.elapsed() == 0
    r.set_running(True)
    clock.advance(4)
    r.set_running(False)  # hidden: the timer stops, time spent so far is kept
    clock.advance(100)
    r.set_running(True)
    assert r.elapsed() == pytest.approx(4)


def test_pause_and_hold_stop_the_clock(clock) -> None:
    r = running([10, 10], clock)
    clock.advance(3)
    r.set_paused(True)
    clock.advance(60)
    assert not r.tick() and r.due_in() is None
    r.set_paused(False)
    assert r.due_in() == pytest.approx(7)
    r.set_held(True)
    clock.advance(60)
    assert not r.tick()
    r.set_held(False)
    clock.advance(7)
    assert r.tick() and r.index == 1


def test_manual_moves_start_the_new_quote_from_zero(clock) -> None:
    r = running([10, 10, 10], clock)
    clock.advance(8)
    r.next()
    assert r.index == 1 and r.elapsed() == 0
    r.previous()
    r.previous()
    assert r.index == 2
    r.jump(0)
    assert r.index == 0 and r.progress() == 0
    r.jump(7)
    assert r.index == 0
    clock.advance(5)
    assert r.progress() == pytest.approx(0.5)


def test_a_single_quote_never_moves(clock) -> None:
    r = running([10], clock)
    clock.advance(100)
    assert not r.tick() and r.due_in() is None


def test_restart(clock) -> None:
    r = running([10, 10], clock)
    r.next()
    r.set_paused(True)
    r.restart()
    assert r.index == 0 and not r.paused and r.due_in() == pytest.approx(10)


@pytest.mark.parametrize(("words", "seconds"), [(10, 8), (50, 15.5), (140, 38), (400, 45)])
def test_dwell_grows_with_length_within_bounds(words, seconds) -> None:
    assert CarouselSettings().dwell_seconds(words) == pytest.approx(seconds)


def test_fixed_interval_overrides() -> None:
    assert CarouselSettings(interval_seconds=12).dwell_seconds(300) == 12
