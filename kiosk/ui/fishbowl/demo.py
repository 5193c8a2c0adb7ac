"""A session in a chosen state on a fake clock: for ``kiosk shot --screen fishbowl`` and tests."""

from __future__ import annotations

from kiosk.content.model import FishbowlPreset
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import RosterEntry
from kiosk.core.fishbowl.session import FishbowlSession

STATES = ("setup", "normal", "warning", "overtime", "room", "finished")

# a room of people from the report's four cities, for the states that show names and groups
ROSTER = (
    RosterEntry("Ana", "Barcelona"),
    RosterEntry("Marc", "Barcelona"),
    RosterEntry("Julie", "Montréal"),
    RosterEntry("Louis", "Montréal"),
    RosterEntry("Min-jun", "Seoul"),
    RosterEntry("Ji-woo", "Seoul"),
    RosterEntry("Thandi", "Johannesburg"),
    RosterEntry("Sipho", "Johannesburg"),
)


def demo_session(
    preset: FishbowlPreset,
    state: str = "normal",
    lang: str | None = None,
    default_lang: str | None = None,
) -> FishbowlSession:
    """Three turns already spoken, then the fourth speaker in ``state``; "room" is a named
    room with groups, people waiting and a message to the circle, "finished" its end."""
    clock = FakeClock(1000.0)
    session = FishbowlSession.from_preset(
        preset, clock, wall=FakeClock(1_700_000_000.0), lang=lang, default_lang=default_lang
    )
    if state in ("room", "finished"):
        return _room(session, clock, finish=state == "finished")
    if state == "setup":
        return session
    turn = session.config.turn_seconds
    session.start()
    for spoken in (0.8, 1.1, 0.5):
        clock.advance(turn * spoken)
        session.next_speaker()
    if state == "normal":
        clock.advance(turn * 0.35)
    elif state == "warning":
        clock.advance(turn - min(12.0, session.config.warning_seconds * 0.4))
    elif state == "overtime":
        clock.advance(turn + 12.0)
    return session


def _room(session: FishbowlSession, clock: FakeClock, finish: bool) -> FishbowlSession:
    """Half an hour of a named room: people come and go, one comes back, two wait to speak."""
    session.configure(roster=ROSTER, group_balance=True)
    for chair, name in enumerate(("Ana", "Julie", "Min-jun", "Thandi")):
        if session.occupant(chair) is not None:
            session.set_participant_name(chair, name)
    turn = session.config.turn_seconds
    session.start()  # Ana
    for spoken in (1.0, 0.7, 1.1, 0.6):  # Ana, Julie, Min-jun, Thandi
        clock.advance(turn * spoken)
        session.next_speaker()
    clock.advance(turn * 0.9)  # Ana again
    free = session.empty_chairs()
    marc = session.take_empty_chair(free[0] if free else None, "Marc")
    session.next_speaker(marc.chair)
    clock.advance(turn * 0.8)
    julie = next(c.index for c in session.chairs() if c.label == "Julie")
    session.leave_chair(julie)
    session.take_empty_chair(julie, "Louis")
    session.next_speaker(julie)
    clock.advance(turn * 0.5)
    ana = next(c.index for c in session.chairs() if c.label == "Ana")
    session.leave_chair(ana)
    session.take_empty_chair(ana, "Julie")  # Julie comes back, in another chair
    session.next_speaker(ana)
    clock.advance(turn * 0.4)
    session.leave_chair(marc.chair)  # a chair free for the audience again
    session.enqueue_name("Sipho")  # from the audience
    session.enqueue(next(c.index for c in session.chairs() if c.label == "Min-jun"))
    session.set_message("Please keep to two minutes: three more people want to speak")
    if finish:
        session.next_speaker()  # Sipho sits down and speaks
        clock.advance(turn * 0.75)
        session.set_message(None)
        session.finish()
    return session
