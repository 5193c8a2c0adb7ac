"""The setup of a fishbowl session, from the setup screen or from content/fishbowl.yaml's preset.

A ``FishbowlConfig`` checks itself on creation, so a bad setup is refused before it can start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.text import clean_text

if TYPE_CHECKING:
    from kiosk.content.model import FishbowlPreset

MAX_CHAIRS = 24
# No discussion is timed in more than a week of seconds: the bound keeps every time the setup,
# the session and a restored file hold small enough to format, add and show without overflow.
MAX_SECONDS = 7 * 24 * 3600.0
MAX_QUESTIONS = 200  # questions for one session: far more than a setup screen lists


@dataclass(frozen=True)
class FishbowlConfig:
    """What the setup screen decides; checked on creation so a bad setup never starts."""

    title: str = "Fishbowl discussion"
    questions: tuple[str, ...] = ("What would it take to make this work in your city?",)
    chairs: int = 5
    empty_chairs: int = 1
    turn_seconds: float = 180.0
    session_seconds: float = 45 * 60.0
    warning_seconds: float = 30.0
    session_warning_seconds: float = 300.0
    chime: bool = True

    def __post_init__(self) -> None:
        def number(value: object) -> bool:
            # an int is always finite; math.isfinite would raise OverflowError on a huge one
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            return isinstance(value, int) or math.isfinite(value)

        if not isinstance(self.chairs, int) or not 2 <= self.chairs <= MAX_CHAIRS:
            raise FishbowlError(f"The circle needs 2 to {MAX_CHAIRS} chairs")
        if not isinstance(self.empty_chairs, int) or not 0 <= self.empty_chairs < self.chairs:
            raise FishbowlError(
                f"Leave 0 to {self.chairs - 1} chairs empty: someone must sit in the circle"
            )
        if not number(self.turn_seconds) or self.turn_seconds <= 0:
            raise FishbowlError("A turn needs a positive number of seconds")
        if self.turn_seconds > MAX_SECONDS:
            raise FishbowlError("A turn can last at most a week")
        if not number(self.session_seconds) or self.session_seconds <= 0:
            raise FishbowlError("The session needs a positive length")
        if self.session_seconds > MAX_SECONDS:
            raise FishbowlError("The session can last at most a week")
        if not number(self.warning_seconds) or not 0 <= self.warning_seconds < self.turn_seconds:
            raise FishbowlError("The warning must be shorter than the turn")
        if not number(self.session_warning_seconds) or not (
            0 <= self.session_warning_seconds <= MAX_SECONDS
        ):
            raise FishbowlError("The session warning must be 0 seconds or more, at most a week")
        if len(self.questions) > MAX_QUESTIONS:
            raise FishbowlError(f"Give at most {MAX_QUESTIONS} questions")
        questions = tuple(
            q for q in (clean_text(q, 500, "A question") for q in self.questions) if q
        )
        if not questions:
            raise FishbowlError("Give the discussion a question")
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "title", clean_text(self.title, 200, "The title") or "")

    @property
    def is_open(self) -> bool:
        """An open fishbowl keeps chairs free for the audience; a closed one has none."""
        return self.empty_chairs > 0

    @classmethod
    def from_preset(
        cls, preset: FishbowlPreset, lang: str | None = None, default_lang: str | None = None
    ) -> FishbowlConfig:
        """The session as content/fishbowl.yaml describes it, in the visitor's language."""
        return cls(
            title=preset.title.get(lang, default_lang),
            questions=tuple(q.get(lang, default_lang) for q in preset.questions),
            chairs=preset.inner_chairs,
            empty_chairs=preset.empty_chairs,
            turn_seconds=float(preset.turn_seconds),
            session_seconds=preset.session_minutes * 60.0,
            warning_seconds=float(preset.warning_seconds),
            chime=preset.chime,
        )
