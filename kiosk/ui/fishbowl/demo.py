"""A session in a chosen state on a fake clock: for ``kiosk shot --screen fishbowl`` and tests."""

from __future__ import annotations

from kiosk.content.model import FishbowlPreset
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.session import FishbowlSession

STATES = ("setup", "normal", "warning", "overtime")


def demo_session(
    preset: FishbowlPreset,
    state: str = "normal",
    lang: str | None = None,
    default_lang: str | None = None,
) -> FishbowlSession:
    """Three turns already spoken, then the fourth speaker in ``state``."""
    clock = FakeClock(1000.0)
    session = FishbowlSession.from_preset(
        preset, clock, wall=FakeClock(1_700_000_000.0), lang=lang, default_lang=default_lang
    )
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
