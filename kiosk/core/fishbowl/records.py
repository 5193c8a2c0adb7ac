"""What the session records and a snapshot saves: the session's state, who sat, the turns.

Kept apart from the session so that the snapshot can save and check them without importing the
session that changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from kiosk.core.fishbowl.text import chair_label, chair_name
from kiosk.i18n import ENGLISH, N_, Said, Translator


class State(StrEnum):
    SETUP = "setup"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


STATE_WORDS = {
    "setup": N_("not started"),
    "running": N_("running"),
    "paused": N_("paused"),
    "finished": N_("finished"),
}
"""A session's state as the facilitator reads it (the harvest, the restore's sentence)."""


@dataclass(frozen=True)
class Participant:
    """Someone in the circle (or who was). Names are optional: then the chair names them."""

    id: int
    chair: int
    name: str | None = None
    from_audience: bool = False
    joined_at: float = 0.0  # session seconds
    left_at: float | None = None  # session seconds; None while seated

    @property
    def label(self) -> str:
        return self.name or chair_label(self.chair)

    def said(self, t: Translator = ENGLISH) -> str:
        """The label in the language on screen: the name, else "Chair 3" translated."""
        return self.name or chair_name(self.chair).in_language(t)

    @property
    def label_said(self) -> str | Said:
        """The label for a sentence said later (a refusal): the name, or the chair's name."""
        return self.name or chair_name(self.chair)

    @property
    def seated(self) -> bool:
        return self.left_at is None


@dataclass
class Turn:
    """A turn as the session keeps it: the budget grows or shrinks and the end is set while it
    runs. Only the session and the snapshot see it; the others read a ``TurnRecord``."""

    number: int
    round: int
    chair: int
    participant: int
    start: float  # session seconds
    budget: float  # seconds allowed (turn length plus or minus what was added or removed)
    started_wall: float  # epoch seconds when the turn was given (the export reads the runs first)
    end: float | None = None


class Note(NamedTuple):
    """A key point for the harvest: when (session seconds), what, and who was speaking then."""

    at: float
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Waiting:
    """Someone in the queue: a person in the circle (``pid``), or someone from the audience who
    asked to enter it, known by name until they sit down."""

    pid: int | None = None
    name: str | None = None
