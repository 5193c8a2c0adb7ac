"""The presenter's clocks (kiosk.core.talk) on a fake clock: elapsed time, pause, the countdown
and its warning and overtime states, and the digits the console shows."""

from __future__ import annotations

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.talk import TalkClock, TalkState, clock_text, countdown_text


def test_elapsed_counts_from_the_start_and_holds_while_paused() -> None:
    clock = FakeClock(100.0)
    talk = TalkClock(clock)
    clock.advance(65)
    assert talk.elapsed() == 65
    talk.pause()
    clock.advance(30)
    assert talk.elapsed() == 65 and not talk.running
    talk.toggle()
    clock.advance(5)
    assert talk.elapsed() == 70 and talk.running
    talk.restart()
    assert talk.elapsed() == 0
    clock.advance(1.5)
    assert talk.elapsed() == 1.5


def test_a_clock_made_unstarted_waits_for_start() -> None:
    clock = FakeClock()
    talk = TalkClock(clock, started=False)
    clock.advance(10)
    assert talk.elapsed() == 0 and not talk.running
    talk.start()
    talk.start()  # a second start changes nothing
    clock.advance(3)
    assert talk.elapsed() == 3


def test_without_a_budget_there_is_no_countdown() -> None:
    talk = TalkClock(FakeClock())
    reading = talk.reading()
    assert reading.state is TalkState.OFF and reading.remaining is None


def test_the_countdown_warns_then_runs_over() -> None:
    clock = FakeClock()
    talk = TalkClock(clock, budget=600, warning=120)
    assert talk.reading().state is TalkState.NORMAL
    clock.advance(479)
    assert talk.reading().state is TalkState.NORMAL
    clock.advance(1)  # 120 s left: the warning
    assert talk.reading().state is TalkState.WARNING
    assert talk.reading().remaining == 120
    clock.advance(120)  # exactly at the end: still the warning, 0:00
    assert talk.reading().state is TalkState.WARNING
    clock.advance(0.001)
    reading = talk.reading()
    assert reading.state is TalkState.OVERTIME and reading.remaining < 0


def test_the_countdown_can_be_set_and_changed_mid_talk() -> None:
    clock = FakeClock()
    talk = TalkClock(clock)
    clock.advance(300)
    talk.add_minutes(5)
    # 0 s are left: the warning (it starts 120 s before the end)
    assert talk.budget == 300 and talk.reading().state is TalkState.WARNING
    talk.add_minutes(10)
    assert talk.budget == 900 and talk.reading().remaining == 600
    assert talk.reading().state is TalkState.NORMAL and talk.warning == 120
    clock.advance(480)
    assert talk.reading().state is TalkState.WARNING
    talk.add_minutes(-15)  # under a minute: the countdown is off
    assert talk.budget is None and talk.reading().state is TalkState.OFF


def test_a_warning_longer_than_the_talk_is_a_fifth_of_it() -> None:
    talk = TalkClock(FakeClock(), budget=300, warning=600)
    assert talk.warning == 60
    talk.set_budget(3600)
    assert talk.warning == 600  # as asked, once the talk is longer


@pytest.mark.parametrize("budget", [-1, 10 * 3600 + 1])
def test_a_budget_out_of_range_is_refused(budget: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        TalkClock(FakeClock(), budget=budget)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (59.9, "0:59"),
        (60, "1:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3725, "1:02:05"),
        (-0.5, "0:00"),
        (-1, "−0:01"),
        (-75, "−1:15"),
    ],
)
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


@pytest.mark.parametrize(
    ("remaining", "text"),
    [(120, "2:00"), (119.2, "2:00"), (0.4, "0:01"), (0, "0:00"), (-0.4, "0:00"), (-61, "−1:01")],
)
def test_a_countdown_shows_a_second_until_it_is_over(remaining: float, text: str) -> None:
    assert countdown_text(remaining) == text
