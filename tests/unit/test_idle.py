"""IdleTracker on a fake clock: exact transitions, the wake touch, one timer per change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.clock import FakeClock
from kiosk.core.idle import EPSILON, IdleState, IdleTracker

ACTIVE, WARNING, IDLE = IdleState.ACTIVE, IdleState.WARNING, IdleState.IDLE


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


@pytest.fixture
def tracker(clock: FakeClock) -> IdleTracker:
    return IdleTracker(clock, timeout_seconds=90, warning_seconds=10)


def test_notice_appears_at_the_timeout_and_reset_comes_after_the_warning(
    tracker: IdleTracker, clock: FakeClock
) -> None:
    clock.advance(89.999)
    assert tracker.state() is ACTIVE
    clock.advance(0.001)
    assert tracker.state() is WARNING  # exactly at 90 s
    assert tracker.warning_left() == pytest.approx(10)
    clock.advance(9.999)
    assert tracker.state() is WARNING
    clock.advance(0.001)
    assert tracker.state() is IDLE  # exactly at 100 s
    assert tracker.warning_left() == 0.0


def test_idle_lasts_until_the_wake_touch(tracker: IdleTracker, clock: FakeClock) -> None:
    clock.advance(100)
    assert tracker.update() is IDLE
    clock.advance(8 * 3600)  # a whole day of attract loop
    assert tracker.state() is IDLE and tracker.next_change_in() is None
    assert tracker.activity() is IDLE  # the wake touch: the filter swallows it
    assert tracker.state() is ACTIVE
    assert tracker.next_change_in() == pytest.approx(90)


def test_activity_during_the_warning_cancels_it(tracker: IdleTracker, clock: FakeClock) -> None:
    clock.advance(95)
    assert tracker.state() is WARNING
    assert tracker.activity() is WARNING  # "tap to stay": dismisses the notice only
    assert tracker.state() is ACTIVE and tracker.warning_left() == 0.0
    clock.advance(89)
    assert tracker.state() is ACTIVE  # a full fresh timeout, not the rest of the old one
    clock.advance(1)
    assert tracker.state() is WARNING


def test_ordinary_activity_reports_active_and_restarts_the_timeout(
    tracker: IdleTracker, clock: FakeClock
) -> None:
    clock.advance(60)
    assert tracker.activity() is ACTIVE  # an ordinary touch: let it through
    assert tracker.next_change_in() == pytest.approx(90)
    assert tracker.idle_for() == 0.0


def test_next_change_in_is_exact_at_every_stage(tracker: IdleTracker, clock: FakeClock) -> None:
    assert tracker.next_change_in() == 90
    clock.advance(30)
    assert tracker.next_change_in() == 60
    clock.advance(60)
    assert tracker.state() is WARNING and tracker.next_change_in() == 10
    clock.advance(2.5)
    assert tracker.next_change_in() == 7.5
    clock.advance(7.5)
    assert tracker.next_change_in() is None


def test_one_timer_per_change_drives_the_states(tracker: IdleTracker, clock: FakeClock) -> None:
    """What the UI does: arm one single-shot timer for next_change_in(), update() on firing."""
    seen = []
    tracker.add_listener(lambda old, new: seen.append((old, new)))
    fired = 0
    while (wait := tracker.next_change_in()) is not None:
        clock.advance(wait)
        tracker.update()
        fired += 1
    assert fired == 2
    assert seen == [(ACTIVE, WARNING), (WARNING, IDLE)]
    assert clock.now() == 1100.0


def test_listeners_hear_each_change_once(tracker: IdleTracker, clock: FakeClock) -> None:
    seen = []
    tracker.add_listener(lambda old, new: seen.append((old, new)))
    tracker.update()
    tracker.activity()
    assert seen == []  # nothing changed
    clock.advance(90)
    tracker.update()
    tracker.update()
    tracker.activity()
    assert seen == [(ACTIVE, WARNING), (WARNING, ACTIVE)]


def test_a_very_late_timer_goes_straight_to_idle(tracker: IdleTracker, clock: FakeClock) -> None:
    seen = []
    tracker.add_listener(lambda old, new: seen.append((old, new)))
    clock.advance(500)  # a suspended machine
    assert tracker.update() is IDLE
    assert seen == [(ACTIVE, IDLE)]


def test_remove_listener(tracker: IdleTracker, clock: FakeClock) -> None:
    seen = []

    def listener(old: IdleState, new: IdleState) -> None:
        seen.append(new)

    tracker.add_listener(listener)
    tracker.remove_listener(listener)
    tracker.remove_listener(listener)  # twice: harmless
    clock.advance(90)
    tracker.update()
    assert seen == []


def test_warning_countdown_shown_in_whole_seconds(tracker: IdleTracker, clock: FakeClock) -> None:
    assert tracker.warning_seconds_shown() == 0 and tracker.next_second_in() is None
    clock.advance(90)
    assert tracker.warning_seconds_shown() == 10
    assert tracker.next_second_in() == pytest.approx(1.0)
    clock.advance(0.25)
    assert tracker.warning_seconds_shown() == 10
    assert tracker.next_second_in() == pytest.approx(0.75)
    clock.advance(0.75)
    assert tracker.warning_seconds_shown() == 9
    clock.advance(8.5)
    assert tracker.warning_seconds_shown() == 1
    assert tracker.next_second_in() == pytest.approx(0.5)


def test_reset_starts_a_fresh_timeout(tracker: IdleTracker, clock: FakeClock) -> None:
    clock.advance(150)
    assert tracker.update() is IDLE
    tracker.reset()
    assert tracker.state() is ACTIVE and tracker.next_change_in() == 90


def test_pause_holds_active_and_resume_counts_from_then(
    tracker: IdleTracker, clock: FakeClock
) -> None:
    """The admin screen or a fishbowl session: the kiosk must not reset under them."""
    clock.advance(95)
    tracker.pause()
    assert tracker.paused and tracker.state() is ACTIVE and tracker.next_change_in() is None
    clock.advance(3600)
    assert tracker.update() is ACTIVE
    tracker.resume()
    assert not tracker.paused and tracker.next_change_in() == 90
    tracker.resume()  # twice: no effect
    clock.advance(90)
    assert tracker.state() is WARNING


def test_no_warning_goes_straight_from_active_to_idle(clock: FakeClock) -> None:
    tracker = IdleTracker(clock, timeout_seconds=30, warning_seconds=0)
    clock.advance(29.9)
    assert tracker.state() is ACTIVE
    clock.advance(0.1)
    assert tracker.state() is IDLE


def test_configure_keeps_the_last_activity(tracker: IdleTracker, clock: FakeClock) -> None:
    clock.advance(50)
    tracker.configure(60, 5)
    assert tracker.next_change_in() == 10
    assert (tracker.timeout_seconds, tracker.warning_seconds) == (60, 5)


def test_a_longer_timeout_does_not_pull_the_attract_loop_back(
    tracker: IdleTracker, clock: FakeClock
) -> None:
    clock.advance(100)
    tracker.configure(600, 10)  # a reload of gallery.yaml during the attract loop
    assert tracker.state() is IDLE


@pytest.mark.parametrize(
    "timeout, warning", [(0, 10), (-1, 10), (90, -1), (float("nan"), 10), (90, float("inf"))]
)
def test_nonsense_durations_are_refused(clock: FakeClock, timeout: float, warning: float) -> None:
    with pytest.raises(ValueError):
        IdleTracker(clock, timeout, warning)


@given(
    st.lists(
        st.tuples(st.sampled_from(["wait", "touch"]), st.integers(min_value=0, max_value=200_000)),
        max_size=40,
    ),
    st.integers(min_value=10, max_value=600),
    st.integers(min_value=0, max_value=60),
)
def test_state_always_matches_the_time_since_the_last_touch(steps, timeout, warning) -> None:
    """Whatever the sequence, the state is a function of the quiet time, and waiting exactly
    next_change_in() always lands on the next state."""
    clock = FakeClock()
    tracker = IdleTracker(clock, timeout, warning)
    last = 0.0
    order = [ACTIVE, WARNING, IDLE] if warning else [ACTIVE, IDLE]
    for action, ms in steps:
        if action == "touch":
            tracker.activity()
            last = clock.now()
        else:
            clock.advance(ms / 1000)
        # the tracker counts a deadline as reached EPSILON early (floating-point rounding of
        # now - last vs last + timeout: 128.152 - 64.152 < 64, found by hypothesis)
        quiet = clock.now() - last + EPSILON
        expected = IDLE if quiet >= timeout + warning else WARNING if quiet >= timeout else ACTIVE
        assert tracker.state() is expected
        wait = tracker.next_change_in()
        if expected is IDLE:
            assert wait is None
        else:
            assert wait is not None and wait > 0
            state = tracker.state()
            clock.advance(wait)
            assert tracker.state() is order[order.index(state) + 1]
