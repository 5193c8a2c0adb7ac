"""The public view's scene (kiosk.core.fishbowl.scene): what the room's screen shows, part by
part, and which parts a change touches. Pure: no Qt."""

from __future__ import annotations

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.scene import PARTS, Tone, build_scene
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
    assert tuple(build_scene(s).parts()) == PARTS


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
    assert build_scene(s).who.text == "Session finished"


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
    bars = scene.balance.bars
    assert bars[0].time == "0:10" and bars[0].fraction == 1.0 and bars[0].highlighted
    assert bars[1].fraction == 0.0
    s.take_empty_chair()
    assert build_scene(s).circle.full_notice.startswith("Circle full")
