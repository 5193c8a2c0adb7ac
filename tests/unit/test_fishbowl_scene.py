"""The public view's scene (kiosk.core.fishbowl.scene): what the room's screen shows, part by
part, and which parts a change touches. Pure: no Qt."""

from __future__ import annotations

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry
from kiosk.core.fishbowl.scene import (
    MAX_BARS,
    PARTS,
    Layout,
    Tone,
    build_scene,
    names_list,
    queue_text,
)
from kiosk.core.fishbowl.session import FishbowlSession, Phase


def make(clock: FakeClock, **config: object) -> FishbowlSession:
    base: dict[str, object] = {"turn_seconds": 60.0, "warning_seconds": 25.0}
    base.update(config)
    return FishbowlSession(clock, FishbowlConfig(**base), wall=FakeClock(1_500_000_000.0))  # type: ignore[arg-type]


def test_a_scene_is_a_value_built_again_equal() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(3.2)
    assert build_scene(s) == build_scene(s)
    assert hash(build_scene(s)) == hash(build_scene(s))
    assert tuple(build_scene(s).parts()) == tuple(p for p in PARTS if p != "closing")


def test_a_normal_second_changes_the_clock_session_and_talk_time_only() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(5)
    before = build_scene(s)
    clock.advance(1)
    after = build_scene(s)
    assert after.changed_parts(before) == ("clock", "session", "balance")
    assert not after.restyles(before)
    assert after.who == before.who  # "Chair 1", unchanged


def test_the_warning_counts_down_in_the_who_line_every_second() -> None:
    """The line that stayed frozen at "22 s left" on a real screen: it is part of the scene,
    and it changes with every second of the warning."""
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(38)
    before = build_scene(s)
    assert before.who.text == "Chair 1  ·  22 s left" and before.who.tone is Tone.WARNING
    assert before.clock.label == "0:22" and before.clock.ring and before.phase is Phase.WARNING
    clock.advance(1)
    after = build_scene(s)
    assert after.who.text == "Chair 1  ·  21 s left"
    assert "who" in after.changed_parts(before) and "clock" in after.changed_parts(before)


def test_phase_changes_restyle_the_whole_view() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    clock.advance(34.5)
    normal = build_scene(s)
    clock.advance(1)
    warning = build_scene(s)
    assert warning.restyles(normal) and not warning.border
    clock.advance(30)
    over = build_scene(s)
    assert over.restyles(warning) and over.border and over.clock.tone is Tone.OVERTIME
    assert over.clock.label == "+0:05" and over.who.text == "Chair 1  ·  Over time"


def test_who_line_through_the_states() -> None:
    clock = FakeClock()
    s = make(clock)
    assert build_scene(s).who.text == "Ready to start"
    s.start()
    s.pause()
    assert build_scene(s).who.text == "Chair 1  ·  Paused"
    assert build_scene(s).who.tone is Tone.MUTED
    s.resume()
    s.leave_chair(0)
    assert build_scene(s).who.text == "Who speaks next?"
    s.next_speaker()
    assert build_scene(s).who.text == "Chair 2"
    s.finish()
    closing = build_scene(s).closing
    assert closing is not None and closing.status == "Session finished"


def test_circle_and_balance() -> None:
    clock = FakeClock()
    s = make(clock, chairs=4, empty_chairs=1)
    s.start()
    s.enqueue(2)
    clock.advance(10)
    scene = build_scene(s)
    seats = scene.circle.seats
    assert [x.label for x in seats] == ["Chair 1", "Chair 2", "Chair 3", "open"]
    assert seats[0].speaking and seats[2].next_mark == "next" and not seats[3].occupied
    assert scene.circle.full_notice == ""
    assert scene.balance is not None
    bars = scene.balance.bars
    assert [b.label for b in bars] == ["Chair 1", "Chair 2", "Chair 3"]  # people, not chairs
    assert bars[0].value == "0:10" and bars[0].fraction == 1.0 and bars[0].highlighted
    assert bars[1].fraction == 0.0
    s.take_empty_chair()
    assert build_scene(s).circle.full_notice.startswith("Circle full")


def test_the_message_to_the_circle_takes_the_question_s_place() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    before = build_scene(s)
    s.set_message("Please wrap up")
    after = build_scene(s)
    assert after.heading.message == "Please wrap up" and before.heading.message == ""
    assert after.changed_parts(before) == ("heading",)
    s.set_message(None)
    assert build_scene(s).heading == before.heading


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        ((), ""),
        (("Ana",), "Next: Ana"),
        (("Ana", "Chair 3"), "Next: Ana, then Chair 3"),
        (("Ana", "Ben", "Carla", "Dev"), "Next: Ana, then Ben   (+2 waiting)"),
    ],
)
def test_queue_text(names: tuple[str, ...], shown: str) -> None:
    assert queue_text(names) == shown


def test_names_list() -> None:
    assert names_list([], 3) == ""
    assert names_list(["Ana"], 3) == "Ana"
    assert names_list(["Ana", "Ben", "Carla"], 3) == "Ana, Ben and Carla"
    assert names_list(["Ana", "Ben", "Carla", "Dev"], 3) == "Ana, Ben and 2 more"


def test_the_queue_line_names_people_from_the_audience_and_the_circle() -> None:
    clock = FakeClock()
    s = make(clock, chairs=4, empty_chairs=1)
    s.set_participant_name(1, "Ben")
    s.start()
    s.enqueue_name("Sipho")  # from the audience
    s.enqueue(1)
    scene = build_scene(s)
    assert scene.queue is not None and scene.queue.text == "Next: Sipho, then Ben"
    assert scene.circle is not None and scene.circle.seats[1].next_mark == "next 2"


ROSTER = (
    RosterEntry("Ana", "Barcelona"),
    RosterEntry("Ben", "Seoul"),
    RosterEntry("Carla", "Seoul"),
    RosterEntry("Dev"),
)


def roomful(clock: FakeClock, **config: object) -> FishbowlSession:
    s = make(clock, chairs=4, empty_chairs=1, roster=ROSTER, **config)
    for chair, name in enumerate(("Ana", "Ben", "Carla")):
        s.set_participant_name(chair, name)
    return s


def test_talk_time_per_person_across_chairs_groups_and_voices_not_yet_heard() -> None:
    clock = FakeClock()
    s = roomful(clock, group_balance=True)
    s.start()  # Ana
    clock.advance(30)
    s.next_speaker(1)  # Ben
    clock.advance(10)
    s.leave_chair(0)  # Ana steps out ...
    s.take_empty_chair(3, "Ana")  # ... and comes back in another chair
    s.next_speaker(3)
    clock.advance(20)
    balance = build_scene(s).balance
    assert balance is not None
    bars = {b.label: b for b in balance.bars}
    assert bars["Ana"].value == "0:50" and bars["Ana"].highlighted  # one total, two chairs
    assert bars["Ben"].value == "0:10" and bars["Ben"].fraction == 0.2
    assert [(g.label, g.value) for g in balance.groups] == [
        ("Barcelona", "83 %"),
        ("Seoul", "17 %"),
    ]
    assert balance.unheard == "Voices not yet heard: Carla and Dev"
    assert not balance.rows


def test_no_groups_nor_roster_no_group_bar_nor_unheard_line() -> None:
    clock = FakeClock()
    s = make(clock)
    s.start()
    balance = build_scene(s).balance
    assert balance is not None and balance.groups == () and balance.unheard == ""


def test_many_people_keep_the_speaker_the_circle_and_the_longest_talkers() -> None:
    """Past MAX_BARS people, the bars go to the speaker, the people in the circle now (the
    quiet ones included) and then those who spoke most; the rest are counted."""
    clock = FakeClock()
    s = make(clock, chairs=5, empty_chairs=1)
    s.start()
    left: list[str] = []
    for n in range(8):  # eight people come, speak 10 s more each time, and leave
        chair = s.empty_chairs()[0]
        s.take_empty_chair(chair, f"Guest {n}")
        s.next_speaker(chair)
        clock.advance(10 * (n + 1))
        s.leave_chair(chair)
        left.append(f"Guest {n}")
    s.next_speaker(1)  # Chair 2 speaks; Chair 3 and 4 have said nothing
    balance = build_scene(s).balance
    assert balance is not None and len(balance.bars) == MAX_BARS - 1
    labels = [b.label for b in balance.bars]
    assert {"Chair 1", "Chair 2", "Chair 3", "Chair 4"} <= set(labels)  # seated, quiet or not
    assert [b.label for b in balance.bars if b.highlighted] == ["Chair 2"]
    assert {"Guest 7", "Guest 6", "Guest 5"} <= set(labels)  # then who spoke most
    assert balance.more == f"+{12 - MAX_BARS + 1} more"


def test_the_room_may_not_see_the_talk_time() -> None:
    clock = FakeClock()
    s = roomful(clock, airtime_public=False)
    s.start()
    scene = build_scene(s)
    assert scene.layout is Layout.LIVE_QUIET and scene.balance is None
    s.finish()
    closing = build_scene(s)
    assert closing.layout is Layout.CLOSING_QUIET and closing.balance is None
    assert closing.closing is not None


def test_the_closing_view_replaces_the_clock_when_finished() -> None:
    clock = FakeClock()
    s = roomful(clock)
    s.start()
    clock.advance(90)
    s.next_speaker()
    clock.advance(30.5)
    s.pause()
    clock.advance(600)  # a long pause does not count
    s.resume()
    running = build_scene(s)
    s.finish()
    scene = build_scene(s)
    assert scene.layout is Layout.CLOSING and scene.restyles(running)
    assert scene.clock is None and scene.session is None and scene.who is None
    assert not scene.border
    assert scene.closing is not None
    assert scene.closing.facts == "2:00 of conversation   ·   2 turns   ·   2 voices"
    assert scene.balance is not None and scene.balance.rows
    assert [b.value for b in scene.balance.bars] == [
        "1:30  ·  75 %",
        "0:30  ·  25 %",
        "0:00  ·  0 %",
    ]
    assert scene.balance.unheard == "Not heard this time: Carla and Dev"
