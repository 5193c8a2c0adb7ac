"""Fair airtime, the queue with people from the audience, the message to the circle and notes
stamped with the speaker: the session model on a fake clock, saved and read back."""

from __future__ import annotations

import json

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.airtime import by_group, by_person, not_yet_heard, participant_labels
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry, parse_roster, roster_text
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import Note, State
from kiosk.core.fishbowl.session import Event, FishbowlSession
from kiosk.core.fishbowl.snapshot import SnapshotError
from tests.unit.test_fishbowl import make, refused

ROSTER = (
    RosterEntry("Ana", "Barcelona"),
    RosterEntry("Bo", "Seoul"),
    RosterEntry("Cleo", "Barcelona"),
    RosterEntry("Dee"),
)


def named(clock: FakeClock, **config: object) -> FishbowlSession:
    """Four chairs, the last one free; Ana and Bo seated by name, Chair 3 unnamed."""
    s = make(clock, chairs=4, empty_chairs=1, turn_seconds=120, warning_seconds=20, **config)
    s.set_participant_name(0, "Ana")
    s.set_participant_name(1, "Bo")
    return s


# --- the roster --------------------------------------------------------------------------------
def test_the_roster_reads_one_person_a_line_with_an_optional_group() -> None:
    text = "Ana ;  Barcelona\n\n  Bo\nCleo;Barcelona \n"
    roster = parse_roster(text)
    assert roster == (
        RosterEntry("Ana", "Barcelona"),
        RosterEntry("Bo", None),
        RosterEntry("Cleo", "Barcelona"),
    )
    assert parse_roster(roster_text(roster)) == roster


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ana\nana; Seoul", "Participants, line 2: ana is listed twice (line 1 too)"),
        ("Ana\n; Seoul", "Participants, line 2: a group needs a name before it"),
        (
            "Ana\nBo\n" + "x" * 61,
            "Participants, line 3: The name is too long: keep it under 60 characters",
        ),
    ],
)
def test_a_roster_mistake_names_the_line(text: str, message: str) -> None:
    with pytest.raises(FishbowlError) as info:
        parse_roster(text)
    assert str(info.value) == message


def test_the_config_knows_each_listed_persons_group_whatever_the_case() -> None:
    config = FishbowlConfig(roster=ROSTER)
    assert config.group_of("ana") == "Barcelona"
    assert config.group_of("Dee") is None and config.group_of("Zoe") is None
    assert config.airtime_public and not config.group_balance  # the room sees bars, no groups


# --- talk time per person ----------------------------------------------------------------------
def test_a_name_follows_the_person_who_leaves_and_comes_back_in_another_chair() -> None:
    clock = FakeClock()
    s = named(clock, roster=ROSTER)
    s.start(0)  # Ana speaks
    clock.advance(50)
    s.next_speaker(1)  # Bo
    clock.advance(30)
    s.leave_chair(0)  # Ana steps out ...
    s.take_empty_chair(3, "ana")  # ... and comes back into the free chair, typed in lower case
    s.next_speaker(3)
    clock.advance(25)
    people = {p.label: p for p in by_person(s)}
    assert list(people) == ["Ana", "Bo", "Chair 3"]  # one Ana, as first written
    assert people["Ana"].seconds == pytest.approx(75) and people["Ana"].turns == 2
    assert people["Ana"].speaking and people["Ana"].seated
    assert people["Bo"].seconds == pytest.approx(30) and people["Chair 3"].seconds == 0
    assert people["Ana"].group == "Barcelona" and people["Chair 3"].group is None
    # the chair view still counts by chair: Chair 1 holds Ana's first 50 s
    assert s.talk_time_by_chair() == pytest.approx((50, 30, 0, 25))


def test_unnamed_people_in_the_same_chair_stay_apart() -> None:
    clock = FakeClock()
    s = make(clock, chairs=3, empty_chairs=1)
    s.start(0)
    first = s.take_empty_chair(2)
    s.next_speaker(2)
    clock.advance(10)
    s.leave_chair(2)
    second = s.take_empty_chair(2)
    s.next_speaker(2)
    clock.advance(20)
    labels = participant_labels(s)
    assert labels[first.id] == "Chair 3" and labels[second.id] == "Chair 3 (2)"
    times = {p.label: p.seconds for p in by_person(s)}
    assert times["Chair 3"] == pytest.approx(10) and times["Chair 3 (2)"] == pytest.approx(20)


def test_voices_not_yet_heard_are_the_listed_people_without_a_turn() -> None:
    clock = FakeClock()
    s = named(clock, roster=ROSTER)
    assert not_yet_heard(s) == ("Ana", "Bo", "Cleo", "Dee")
    s.start(0)
    assert not_yet_heard(s) == ("Bo", "Cleo", "Dee")  # a turn just begun counts as heard
    s.take_empty_chair(3, "Dee")
    s.next_speaker(3)
    assert not_yet_heard(s) == ("Bo", "Cleo")
    assert not_yet_heard(make(clock)) == ()  # no roster: nothing to say


def test_the_balance_by_group_shares_all_talk_time() -> None:
    clock = FakeClock()
    s = named(clock, roster=ROSTER, group_balance=True)
    s.start(0)  # Ana, Barcelona
    clock.advance(60)
    s.next_speaker(1)  # Bo, Seoul
    clock.advance(20)
    s.next_speaker(2)  # Chair 3, in no group
    clock.advance(20)
    groups = {g.label: g for g in by_group(s)}
    assert list(groups) == ["Barcelona", "Seoul", None]
    assert groups["Barcelona"].share == pytest.approx(0.6)
    assert groups["Seoul"].share == pytest.approx(0.2) and groups[None].share == pytest.approx(0.2)
    assert groups["Barcelona"].people == 1  # Cleo is listed but never sat
    fresh = named(FakeClock(), roster=ROSTER)
    assert [(g.label, g.share) for g in by_group(fresh)] == [("Barcelona", 0.0), ("Seoul", 0.0)]


# --- the queue, with people from the audience ---------------------------------------------------
def test_someone_from_the_audience_queues_by_name_and_next_seats_them() -> None:
    clock = FakeClock()
    s = named(clock)
    s.start(0)
    s.enqueue_name("Zoe")  # not in the circle: from the audience
    s.enqueue_name("bo")  # in the circle: from her chair
    assert s.queue_names() == ("Zoe", "Bo") and s.queue == (1,)
    refused(s, "Zoe is already waiting to speak", s.enqueue_name, "ZOE")
    refused(s, "Bo is already waiting to speak", s.enqueue_name, "Bo")
    refused(s, "Ana is speaking now", s.enqueue_name, "Ana")
    refused(s, "Type the name of the person who asks to speak", s.enqueue_name, "  ")
    clock.advance(30)
    s.next_speaker()  # Zoe sits in the free chair and has the word
    assert s.speaker is not None and s.speaker.name == "Zoe" and s.speaker_chair == 3
    assert s.speaker.from_audience and s.queue_names() == ("Bo",)
    s.next_speaker()
    assert s.speaker_chair == 1 and s.queue_names() == ()
    s.check_invariants()


def test_next_refuses_to_seat_the_audience_while_the_circle_is_full() -> None:
    clock = FakeClock()
    s = named(clock)
    s.start(0)
    s.take_empty_chair(3, "Eli")
    s.enqueue_name("Zoe")
    refused(
        s,
        "All chairs are taken: someone must step out (L) so that Zoe can sit down",
        s.next_speaker,
    )
    s.leave_chair(3)
    s.next_speaker()
    assert s.speaker is not None and s.speaker.name == "Zoe"


def test_someone_waiting_who_sits_down_keeps_their_place() -> None:
    s = named(FakeClock())
    s.start(0)
    s.enqueue_name("Zoe")
    s.enqueue(1)
    s.take_empty_chair(3, "zoe")
    assert s.queue_names() == ("zoe", "Bo") and s.queue == (3, 1)
    s.next_speaker()
    assert s.speaker_chair == 3


def test_a_closed_fishbowl_takes_no_names_from_the_audience() -> None:
    s = make(FakeClock(), chairs=3, empty_chairs=0)
    s.set_participant_name(0, "Ana")
    refused(
        s, "Zoe is not in the circle, and this fishbowl keeps no chair free", s.enqueue_name, "Zoe"
    )
    s.enqueue_name("Ana")
    assert s.queue == (0,)


def test_the_queue_can_lose_anyone_in_it() -> None:
    s = named(FakeClock())
    s.enqueue_name("Zoe")
    s.enqueue_name("Bo")
    s.enqueue_name("Yann")
    s.dequeue_at(1)
    assert s.queue_names() == ("Zoe", "Yann")
    refused(s, "No one is waiting there", s.dequeue_at, 2)
    s.dequeue()
    assert s.queue_names() == ("Yann",)


# --- the message to the circle and the notes ----------------------------------------------------
def test_a_message_to_the_circle_stays_until_cleared_or_reset() -> None:
    s = named(FakeClock())
    events: list[Event] = []
    s.subscribe(events.append)
    s.set_message("  Please   wrap up ")
    assert s.message == "Please wrap up" and events == [Event.MESSAGE_CHANGED]
    s.set_message("Please wrap up")
    assert events == [Event.MESSAGE_CHANGED]  # the same text again is no change
    refused(s, "The message is too long: keep it under 120 characters", s.set_message, "x" * 121)
    s.start()
    s.finish()
    assert s.message == "Please wrap up"  # shown to the end of the session
    s.set_message("")
    assert s.message is None
    s.set_message("Last round")
    s.reset()
    assert s.message is None


def test_a_note_remembers_who_was_speaking() -> None:
    clock = FakeClock()
    s = named(clock)
    s.add_note("Before we start")
    s.start(1)
    clock.advance(42)
    s.add_note("Bo: land trusts")
    s.end_turn()
    s.add_note("Between turns")
    assert s.notes == (
        Note(0.0, "Before we start", None),
        Note(42.0, "Bo: land trusts", "Bo"),
        Note(42.0, "Between turns", None),
    )


# --- saved and read back -----------------------------------------------------------------------
def roundtrip(s: FishbowlSession) -> FishbowlSession:
    data = json.loads(json.dumps(s.snapshot(), allow_nan=False))
    return FishbowlSession.from_snapshot(data, FakeClock(5.0), wall=FakeClock(1.6e9))


def test_everything_new_survives_a_restart() -> None:
    clock = FakeClock()
    s = named(clock, roster=ROSTER, group_balance=True, airtime_public=False)
    s.start(0)
    clock.advance(12)
    s.enqueue_name("Zoe")
    s.enqueue(1)
    s.set_message("Last round")
    s.add_note("Ana: start small")
    back = roundtrip(s)
    assert back.state is State.PAUSED
    assert back.config == s.config and back.config.roster == ROSTER
    assert back.queue_names() == ("Zoe", "Bo") and back.message == "Last round"
    assert back.notes == (Note(12.0, "Ana: start small", "Ana"),)
    assert by_person(back) == by_person(s)


def test_a_save_from_the_previous_version_still_reads() -> None:
    s = named(FakeClock())
    s.start(0)
    s.enqueue(1)
    s.add_note("Old note")
    data = json.loads(json.dumps(s.snapshot()))
    data["version"] = 1
    for key in ("roster", "airtime_public", "group_balance"):
        del data["config"][key]
    del data["message"]
    data["notes"] = [[at, text] for at, text, _speaker in data["notes"]]
    back = FishbowlSession.from_snapshot(data, FakeClock(), wall=FakeClock(1.6e9))
    assert back.queue == (1,) and back.notes == (Note(0.0, "Old note", None),)
    assert back.config.roster == () and back.message is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["queue"].append({"name": 7}),
        lambda d: d["queue"].append({"nome": "x"}),
        lambda d: d["queue"].extend([{"name": "Zoe"}, {"name": "zoe"}]),
        lambda d: d["config"].update(roster=[["Ana", None], ["ana", "x"]]),
        lambda d: d["config"].update(roster=[["Ana"] * 3]),
        lambda d: d.update(message=["not", "text"]),
        lambda d: d["notes"].append([1.0, "text", 3]),
    ],
)
def test_a_damaged_save_of_the_new_fields_is_refused(damage) -> None:  # noqa: ANN001
    s = named(FakeClock())
    s.start(0)
    data = json.loads(json.dumps(s.snapshot()))
    damage(data)
    with pytest.raises(SnapshotError):
        FishbowlSession.from_snapshot(data, FakeClock(), wall=FakeClock(1.6e9))
