"""What may be recorded: a closed list of event kinds, each with an id from the content (a
poster, a screen, a poll, a language code) and a number. No free text, nothing about a person:
the only identifier is the random id of a visitor session (kiosk.core.visit)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# kind -> what its subject and value are
KINDS = {
    "screen": "a screen (home, overview, quotes, poster); value: seconds on it",
    "poster": "a poster's id; value: seconds on it",
    "zoom": "the poster zoomed into",
    "quote_swipe": "the poster (or 'quotes') whose quote carousel was swiped",
    "read_aloud": "the poster (or screen) read aloud",
    "language": "the language code chosen",
    "vote": "the poll's id; value: the option's index (0-based)",
}
SCREENS = ("home", "overview", "quotes", "poster")
# a content id or a language code: lower-case letters, digits, hyphens, underscores
SUBJECT = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")


class EventError(ValueError):
    """An event that may not be recorded (an unknown kind, a subject that is not an id)."""


@dataclass(frozen=True)
class Event:
    session: str
    at: float  # seconds since the epoch
    kind: str
    subject: str
    value: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise EventError(f"unknown event kind {self.kind!r}")
        if not SUBJECT.fullmatch(self.subject):
            raise EventError(f"{self.kind}: {self.subject!r} is not an id (no free text)")
        if not re.fullmatch(r"[0-9a-f]{16}", self.session):
            raise EventError("a session id is 16 hex digits")


@dataclass(frozen=True)
class SessionStart:
    session: str
    at: float


@dataclass(frozen=True)
class SessionEnd:
    session: str
    at: float
    seconds: float
    reason: str


Record = Event | SessionStart | SessionEnd
