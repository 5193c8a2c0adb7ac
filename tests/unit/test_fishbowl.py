"""The fishbowl session model: time from a fake clock, join and leave rules, turns and rounds."""

from __future__ import annotations

import random

import pytest

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.content.model import FishbowlPreset
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import Event, FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock, format_duration


def make(clock: FakeClock | None = None, **config: object) -> FishbowlSession:
    return FishbowlSession(
        clock or FakeClock(),
        FishbowlConfig(**config),  # type: ignore[arg-type]
        wall=FakeClock(1_500_000_000.0),
    )


def refused(session: FishbowlSession, message: str, operation, *args, **kwargs) -> None:
    """The operation raises ``message`` and changes nothing."""
    before = session.snapshot()
    with pytest.raises(FishbowlError) as info:
        operation(*args, **kwargs)
    assert str(info.value) == message
    assert session.snapshot() == before
    session.check_invariants()


# --- the clock display -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (125, "2:05"),
        (30, "0:30"),
        (0, "0:00"),
        (0.4, "0:01"),
        (59.001, "1:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (-0.4, "+0:00"),
        (-1, "+0:01"),
        (-12, "+0:12"),
        (-12.9, "+0:12"),
        (-3600, "+1:00:00"),
        (125.0000000001, "2:05"),
        (124.9999999999, "2:05"),  # float noise below 1 ms is ignored
    ],
)
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0:00"), (550.9, "9:10"), (3723.5, "1:02:03")])
def test_format_duration_counts_whole_seconds(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


# --- setup ---------------------------------------------------------------------------------------
def test_setup_seats_everyone_but_the_empty_chairs() -> None:
    s = make(chairs=5, empty_chairs=1)
    assert s.state is State.SETUP
    assert s.occupied_chairs() == (0, 1, 2, 3)
    assert s.empty_chairs() == (4,)
    assert [c.label for c in s.chairs()] == ["Chair 1", "Chair 2", "Chair 3", "Chair 4", "Chair 5"]
    assert s.speaker is None and not s.circle_full
    assert s.turn_remaining() == 180 and s.session_remaining() == 45 * 60
    s.check_invariants()


def test_a_closed_fishbowl_has_no_empty_chair_and_never_asks_anyone_to_step_out() -> None:
    s = make(chairs=4, empty_chairs=0)
    assert s.empty_chairs() == () and not s.circle_full
    s.start()
    refused(s, "All chairs are taken: someone must step out first", s.take_empty_chair)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"chairs": 1}, "The circle needs 2 to 24 chairs"),
        (
            {"chairs": 4, "empty_chairs": 4},
            "Leave 0 to 3 chairs empty: someone must sit in the circle",
        ),
        ({"turn_seconds": 0}, "A turn needs a positive number of seconds"),
        ({"turn_seconds": 60, "warning_seconds": 60}, "The warning must be shorter than the turn"),
        ({"session_seconds": -5}, "The session needs a positive length"),
        ({"questions": ("  ",)}, "Give the discussion a question"),
    ],
)
def test_a_bad_setup_is_refused_with_a_sentence(config: dict, message: str) -> None:
    with pytest.raises(FishbowlError) as info:
        FishbowlConfig(**config)
    assert str(info.value) == message


def test_the_preset_and_the_shipped_fishbowl_yaml_make_a_session() -> None:
    preset = FishbowlPreset(
        inner_chairs=6, empty_chairs=2, turn_seconds=120, session_minutes=30, warning_seconds=20
    )
    s = FishbowlSession.from_preset(preset, FakeClock())
    assert (s.config.chairs, s.config.empty_chairs) == (6, 2)
    assert (s.config.turn_seconds, s.session_budget, s.config.warning_seconds) == (120, 1800, 20)
    assert s.question == "What would it take to make this work in your city?"

    shipped = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery.fishbowl
    s = FishbowlSession.from_preset(shipped, FakeClock())
    assert s.config.title == "Transferability – insights on applying SSE"
    assert len(s.questions) == 3 and s.question.startswith("How can social and solidarity")
    assert s.empty_chairs() == (4,)


def test_configure_changes_the_setup_and_keeps_names_of_chairs_still_seated() -> None:
    s = make(chairs=5, empty_chairs=1)
    s.set_participant_name(0, "Ana")
    s.set_participant_name(3, "Dev")
    s.configure(chairs=4, empty_chairs=1, turn_seconds=120)
    assert s.occupant(0).name == "Ana" and s.occupant(3) is None
    assert s.turn_remaining() == 120
    s.start()
    refused(
        s,
        "The setup can only change before the session starts: reset the session first",
        s.configure,
        chairs=6,
    )


# --- time ----------------------------------------------------------------------------------------
def test_a_90_minute_session_on_irregular_ticks_has_zero_drift() -> None:
    """Ticks 1-400 ms apart (a busy UI), turns of 3 min handed on every 200 s, a 10-minute
    pause: at every tick the remaining times equal the exact integer arithmetic."""
    clock = FakeClock(1234.5)
    s = make(
        clock,
        chairs=5,
        empty_chairs=1,
        turn_seconds=180,
        warning_seconds=30,
        session_seconds=90 * 60,
    )
    rng = random.Random(5)
    s.start()
    running_ms = turn_ms = 0
    paused_ms = 0
    seen_phases: set[Phase] = set()
    while running_ms < 90 * 60_000:
        step = rng.randint(1, 400)
        if 30 * 60_000 <= running_ms and paused_ms < 10 * 60_000:
            if s.state is State.RUNNING:
                s.pause()
            step = min(step, 10 * 60_000 - paused_ms)
            clock.advance(step / 1000)
            paused_ms += step  # the clock moves, the session does not
        else:
            if s.state is State.PAUSED:
                s.resume()
            boundary = 30 * 60_000 if running_ms < 30 * 60_000 else 90 * 60_000
            step = min(step, boundary - running_ms)  # land exactly on 30:00 and 90:00
            clock.advance(step / 1000)
            running_ms += step
            turn_ms += step
        assert s.session_remaining() == pytest.approx((5_400_000 - running_ms) / 1000, abs=1e-6)
        assert s.turn_remaining() == pytest.approx((180_000 - turn_ms) / 1000, abs=1e-6)
        assert format_clock(s.turn_remaining()) == format_clock((180_000 - turn_ms) / 1000)
        seen_phases.add(s.turn_phase())
        if turn_ms >= 200_000 and s.state is State.RUNNING:
            s.next_speaker()
            turn_ms = 0
    assert clock.now() == 1234.5 + 100 * 60  # 90 minutes running + 10 paused
    assert s.session_elapsed() == pytest.approx(5400, abs=1e-6)
    assert format_clock(s.session_remaining()) == "0:00"
    assert seen_phases == {Phase.NORMAL, Phase.WARNING, Phase.OVERTIME}
    assert sum(t.duration for t in s.turns()) == pytest.approx(5400, abs=1e-6)
    s.check_invariants()


def test_ten_thousand_millisecond_ticks_make_exactly_ten_seconds() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    for _ in range(10_000):
        clock.advance(0.001)
    assert s.turn_elapsed() == pytest.approx(10.0, abs=1e-9)
    assert format_clock(s.turn_remaining()) == "2:50"


@pytest.mark.parametrize(
    ("at", "phase", "shown"),
    [
        (0.0, Phase.NORMAL, "3:00"),
        (149.999, Phase.NORMAL, "0:31"),
        (150.0, Phase.WARNING, "0:30"),
        (179.999, Phase.WARNING, "0:01"),
        (180.0, Phase.WARNING, "0:00"),
        (180.001, Phase.OVERTIME, "+0:00"),
        (181.0, Phase.OVERTIME, "+0:01"),
        (192.0, Phase.OVERTIME, "+0:12"),
    ],
)
def test_warning_and_over_time_start_at_the_right_instants(
    at: float, phase: Phase, shown: str
) -> None:
    clock = FakeClock()
    s = make(clock, turn_seconds=180, warning_seconds=30)
    s.start()
    clock.advance(at)
    assert s.turn_phase() is phase
    assert format_clock(s.turn_remaining()) == shown


def test_phase_change_in_says_when_to_chime() -> None:
    clock = FakeClock()
    s = make(clock, turn_seconds=180, warning_seconds=30)
    s.start()
    assert s.phase_change_in() == pytest.approx(150)
    clock.advance(160)
    assert s.phase_change_in() == pytest.approx(20)
    s.pause()
    assert s.phase_change_in() is None
    s.resume()
    clock.advance(25)
    assert s.phase_change_in() is None  # already over time


def test_paused_time_does_not_count() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(40)
    s.pause()
    clock.advance(3600)
    assert s.turn_elapsed() == 40 and s.session_elapsed() == 40
    s.resume()
    clock.advance(5)
    assert s.turn_elapsed() == pytest.approx(45) and s.session_elapsed() == pytest.approx(45)


def test_add_and_remove_time_for_the_turn_and_the_session() -> None:
    clock = FakeClock()
    s = make(clock, turn_seconds=180, warning_seconds=30, session_seconds=600)
    refused(s, "No one is speaking: there is no turn to change", s.add_time, 30)
    s.start()
    clock.advance(160)
    assert s.turn_phase() is Phase.WARNING
    s.add_time(30)
    assert s.turn_phase() is Phase.NORMAL and format_clock(s.turn_remaining()) == "0:50"
    s.remove_time(1000)  # the budget stops at zero: the turn is over time at once
    assert s.current_turn.budget == 0 and format_clock(s.turn_remaining()) == "+2:40"
    s.add_time(60, "session")
    assert s.session_remaining() == pytest.approx(500)
    refused(s, "Give a positive number of seconds", s.add_time, -5)
    refused(s, "Cannot change the time of 'break': use 'turn' or 'session'", s.add_time, 5, "break")


def test_session_warning_and_over_time() -> None:
    clock = FakeClock()
    s = make(clock, session_seconds=600, session_warning_seconds=120)
    s.start()
    clock.advance(479)
    assert s.session_phase() is Phase.NORMAL
    clock.advance(1)
    assert s.session_phase() is Phase.WARNING
    clock.advance(132)
    assert s.session_phase() is Phase.OVERTIME
    assert format_clock(s.session_remaining()) == "+0:12"
    assert s.state is State.RUNNING  # the facilitator ends the session, not the clock


# --- speakers, queue, rounds ---------------------------------------------------------------------
def test_next_speaker_goes_round_the_circle_skipping_empty_chairs() -> None:
    s = make(chairs=5, empty_chairs=1)
    s.start()
    order = [s.speaker_chair]
    for _ in range(5):
        s.next_speaker()
        order.append(s.speaker_chair)
    assert order == [0, 1, 2, 3, 0, 1]


def test_the_queue_comes_before_circle_order_and_an_explicit_chair_before_both() -> None:
    s = make(chairs=5, empty_chairs=1)
    s.enqueue(3)
    s.start()
    assert s.speaker_chair == 3 and s.queue == ()  # the queue is served even at the start
    s.enqueue(2)
    s.enqueue(1)
    assert s.queue == (2, 1)
    s.next_speaker()
    assert s.speaker_chair == 2 and s.queue == (1,)
    s.next_speaker(0)
    assert s.speaker_chair == 0 and s.queue == (1,)
    s.next_speaker(1)  # speaking takes you off the queue
    assert s.queue == ()
    refused(s, "Chair 2 is already speaking", s.next_speaker, 1)
    refused(s, "Chair 5 is empty", s.next_speaker, 4)
    refused(s, "There is no chair 9: the circle has chairs 1 to 5", s.next_speaker, 9)
    refused(s, "Chair 2 is speaking now", s.enqueue, 1)
    s.enqueue(3)
    refused(s, "Chair 4 is already waiting to speak", s.enqueue, 3)
    s.dequeue()
    refused(s, "No one is waiting to speak", s.dequeue)
    refused(s, "Chair 1 is not waiting to speak", s.dequeue, 0)


def test_rounds_end_when_everyone_in_the_circle_has_spoken() -> None:
    s = make(chairs=4, empty_chairs=1)  # chairs 0, 1, 2 seated
    s.start(0)
    s.next_speaker(0 + 1)
    s.next_speaker(0)  # a second turn in the same round: the round is not complete yet
    assert [t.round for t in s.turns()] == [1, 1, 1]
    assert s.round_progress() == (2, 3)
    s.take_empty_chair(name="Newcomer")  # chair 3 joins the round that is going on
    s.next_speaker(2)
    assert s.round_number == 1 and s.round_progress() == (3, 4)
    s.next_speaker(3)
    s.next_speaker(1)
    assert [t.round for t in s.turns()] == [1, 1, 1, 1, 1, 2]
    s.next_speaker(0)
    s.leave_chair(2)  # those who left are no longer waited for
    s.next_speaker(3)
    assert s.round_number == 2
    s.next_speaker(1)
    assert s.round_number == 3


def test_end_turn_leaves_the_floor_open() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(10)
    s.end_turn()
    assert s.speaker is None and s.turns()[0].end == 10 and s.turn_phase() is Phase.NORMAL
    refused(s, "No one is speaking", s.end_turn)
    s.next_speaker()
    assert s.speaker_chair == 1


# --- joining and leaving -------------------------------------------------------------------------
def test_someone_from_the_audience_takes_the_empty_chair() -> None:
    clock = FakeClock()
    s = make(clock, chairs=5, empty_chairs=1)
    refused(
        s,
        "The session has not started yet: set the empty chairs in the setup instead",
        s.take_empty_chair,
    )
    s.start()
    clock.advance(70)
    person = s.take_empty_chair(name="  Mary   Jones ")
    assert person.name == "Mary Jones" and person.chair == 4 and person.from_audience
    assert person.joined_at == 70
    assert s.circle_full  # the gentle "someone please step out" cue
    refused(s, "All chairs are taken: someone must step out first", s.take_empty_chair)
    s.leave_chair(2)
    assert not s.circle_full and s.empty_chairs() == (2,)
    assert s.participant(3).left_at == 70
    refused(s, "Chair 1 is taken", s.take_empty_chair, 0)
    anonymous = s.take_empty_chair(2)
    assert anonymous.label == "Chair 3" and anonymous.id != 3
    s.leave_chair(4)
    refused(s, "Chair 5 is empty", s.leave_chair, 4)


def test_leaving_while_speaking_ends_the_turn_and_the_queue_forgets_you() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start(0)
    s.enqueue(2)
    clock.advance(42)
    s.leave_chair(0)
    assert s.speaker is None and s.turns()[0].end == 42 and s.turns()[0].duration == 42
    s.leave_chair(2)
    assert s.queue == ()
    refused(s, "Chair 1 is empty", s.leave_chair, 0)


def test_an_empty_circle_must_be_refilled_before_anyone_speaks() -> None:
    s = make(chairs=3, empty_chairs=1)
    s.start()
    s.leave_chair(0)
    s.leave_chair(1)
    refused(s, "The circle is empty: someone must take a chair first", s.next_speaker)
    s.take_empty_chair()
    s.next_speaker()
    refused(s, "Nobody else is in the circle", s.next_speaker)


# --- states --------------------------------------------------------------------------------------
def test_states_and_the_reasons_for_refusals() -> None:
    clock = FakeClock()
    s = make(clock)
    refused(s, "The session has not started yet", s.pause)
    refused(s, "The session has not started yet: start it first", s.resume)
    refused(s, "The session has not started yet", s.next_speaker)
    s.toggle()
    assert s.state is State.RUNNING
    refused(s, "The session is already running", s.start)
    refused(s, "The session is already running", s.resume)
    s.toggle()
    assert s.state is State.PAUSED
    refused(s, "The session is paused", s.pause)
    s.next_speaker()  # allowed while paused; the new turn counts from the resume
    clock.advance(30)
    assert s.turn_elapsed() == 0
    s.toggle()
    clock.advance(12)
    s.finish()
    assert s.state is State.FINISHED and s.speaker is None
    assert s.session_elapsed() == 12 and s.turns()[-1].duration == 12
    for op in (s.toggle, s.start, s.pause, s.next_speaker, s.take_empty_chair):
        refused(s, "The session is over: reset it to start a new one", op)


def test_reset_goes_back_to_setup_with_the_setup_names() -> None:
    clock = FakeClock()
    s = make(clock)
    s.set_participant_name(1, "Bo")
    s.start()
    s.set_participant_name(0, "Later name")
    clock.advance(100)
    s.leave_chair(1)
    s.reset()
    assert s.state is State.SETUP and s.turns() == () and s.session_elapsed() == 0
    assert [c.label for c in s.chairs()] == ["Chair 1", "Bo", "Chair 3", "Chair 4", "Chair 5"]
    s.check_invariants()


def test_participant_names_are_optional_and_cleaned() -> None:
    s = make()
    s.set_participant_name(2, "  Ana  ")
    assert s.occupant(2).label == "Ana"
    s.set_participant_name(2, "")
    assert s.occupant(2).name is None and s.occupant(2).label == "Chair 3"
    refused(
        s, "The name is too long: keep it under 60 characters", s.set_participant_name, 2, "x" * 61
    )
    refused(s, "Chair 5 is empty", s.set_participant_name, 4, "Nobody")


# --- talk time, questions, notes -----------------------------------------------------------------
def test_talk_time_per_participant_and_per_chair_includes_the_running_turn() -> None:
    clock = FakeClock()
    s = make(clock, chairs=3, empty_chairs=1)
    s.start(0)
    clock.advance(100)
    s.next_speaker(1)
    clock.advance(50)
    s.leave_chair(1)  # ends the turn after 50 s
    newcomer = s.take_empty_chair(1)
    s.next_speaker(1)
    clock.advance(20)
    assert s.talk_time_by_participant() == {1: 100, 2: 50, newcomer.id: pytest.approx(20)}
    assert s.talk_time_by_chair() == (100, pytest.approx(70), 0)
    views = s.chairs()
    assert views[1].speaking and views[1].talk_seconds == pytest.approx(70)
    assert views[0].spoken_this_round and not views[2].occupied


def test_questions_and_notes_are_logged_with_the_session_time() -> None:
    clock = FakeClock()
    s = make(clock, questions=("First?", "Second?"))
    s.set_question(1)
    s.start()
    clock.advance(60)
    s.set_question(0)
    s.set_question("A new one?")
    assert s.questions == ("First?", "Second?", "A new one?") and s.question_index == 2
    assert s.question_log == ((0, "Second?"), (60, "First?"), (60, "A new one?"))
    refused(s, "There is no question 7", s.set_question, 7)
    s.add_note("Land trusts keep rents low")
    assert s.notes == ((60, "Land trusts keep rents low", "Chair 1"),)  # who spoke then
    refused(s, "The note is empty", s.add_note, "   ")
    s.delete_note(0)
    assert s.notes == ()


# --- events --------------------------------------------------------------------------------------
def test_listeners_hear_each_change_and_nothing_on_a_refusal() -> None:
    s = make()
    heard: list[Event] = []
    unsubscribe = s.subscribe(heard.append)
    s.start()
    s.pause()
    with pytest.raises(FishbowlError):
        s.pause()
    s.resume()
    s.next_speaker()
    s.take_empty_chair()
    s.leave_chair(0)
    s.add_time(30)
    s.finish()
    unsubscribe()
    s.reset()
    assert heard == [
        Event.STARTED,
        Event.PAUSED,
        Event.RESUMED,
        Event.SPEAKER_CHANGED,
        Event.CHAIR_TAKEN,
        Event.CHAIR_LEFT,
        Event.TIME_CHANGED,
        Event.FINISHED,
    ]
    assert heard[0] == "started"  # plain strings for the UI


def test_a_failing_listener_does_not_stop_the_others_or_the_change(
    caplog: pytest.LogCaptureFixture,
) -> None:
    s = make()
    heard: list[Event] = []

    def broken(event: Event) -> None:
        raise RuntimeError("disk on fire")

    s.subscribe(broken)
    s.subscribe(heard.append)
    s.start()
    assert s.state is State.RUNNING and heard == [Event.STARTED]
    assert "disk on fire" in caplog.text
