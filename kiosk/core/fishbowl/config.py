"""The setup of a fishbowl session, from the setup screen or from content/fishbowl.yaml's preset.

A ``FishbowlConfig`` checks itself on creation, so a bad setup is refused before it can start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.text import clean_text
from kiosk.i18n import N_

if TYPE_CHECKING:
    from kiosk.content.model import FishbowlPreset

MAX_CHAIRS = 24
# No discussion is timed in more than a week of seconds: the bound keeps every time the setup,
# the session and a restored file hold small enough to format, add and show without overflow.
MAX_SECONDS = 7 * 24 * 3600.0
MAX_QUESTIONS = 200  # questions for one session: far more than a setup screen lists
MAX_ROSTER = 200  # people listed for one session
MAX_NAME = 60
MAX_GROUP = 60
MAX_QUEUE = 100  # people from the audience waiting to enter the circle


@dataclass(frozen=True)
class RosterEntry:
    """Someone the facilitator expects in the discussion, and the group they speak for (a city,
    a role, any label), for "voices not yet heard" and the balance by group."""

    name: str
    group: str | None = None


def parse_roster(text: str) -> tuple[RosterEntry, ...]:
    """The setup's list of participants: one person per line, "Name" or "Name; group".

    Raises ``FishbowlError`` naming the line for a name that is too long or listed twice.
    """
    entries: list[RosterEntry] = []
    first_line: dict[str, int] = {}
    lines = text.splitlines()
    if len(lines) > MAX_ROSTER * 2:
        raise FishbowlError(N_("List at most {n} participants"), n=MAX_ROSTER)
    for number, line in enumerate(lines, 1):
        name, _sep, group = line.partition(";")
        try:
            cleaned = clean_text(name, MAX_NAME, N_("The name"))
            cleaned_group = clean_text(group, MAX_GROUP, N_("The group"))
        except FishbowlError as exc:
            raise FishbowlError(
                N_("Participants, line {number}: {problem}"), number=number, problem=exc.said
            ) from None
        if cleaned is None:
            if cleaned_group:
                raise FishbowlError(
                    N_("Participants, line {number}: a group needs a name before it"), number=number
                )
            continue
        key = cleaned.casefold()
        if key in first_line:
            raise FishbowlError(
                N_("Participants, line {number}: {name} is listed twice (line {first} too)"),
                number=number,
                name=cleaned,
                first=first_line[key],
            )
        first_line[key] = number
        entries.append(RosterEntry(cleaned, cleaned_group))
    return _checked_roster(tuple(entries))


def roster_text(roster: tuple[RosterEntry, ...]) -> str:
    """The roster as the setup's text field shows it (``parse_roster`` reads it back)."""
    return "\n".join(f"{e.name}; {e.group}" if e.group else e.name for e in roster)


def _checked_roster(roster: tuple[RosterEntry, ...]) -> tuple[RosterEntry, ...]:
    if len(roster) > MAX_ROSTER:
        raise FishbowlError(N_("List at most {n} participants"), n=MAX_ROSTER)
    seen: set[str] = set()
    cleaned = []
    for entry in roster:
        if not isinstance(entry, RosterEntry):
            raise FishbowlError(N_("A participant must have a name"))
        name = clean_text(entry.name, MAX_NAME, N_("A participant's name"))
        if name is None:
            raise FishbowlError(N_("A participant must have a name"))
        group = clean_text(entry.group, MAX_GROUP, N_("A group's name"))
        key = name.casefold()
        if key in seen:
            raise FishbowlError(N_("{name} is listed twice"), name=name)
        seen.add(key)
        cleaned.append(RosterEntry(name, group))
    return tuple(cleaned)


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
    # fair airtime: the people expected (for "voices not yet heard" and groups), whether the
    # room sees the talk-time views, and whether the balance by group is shown (off by default)
    roster: tuple[RosterEntry, ...] = ()
    airtime_public: bool = True
    group_balance: bool = False

    def __post_init__(self) -> None:
        def number(value: object) -> bool:
            # an int is always finite; math.isfinite would raise OverflowError on a huge one
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            return isinstance(value, int) or math.isfinite(value)

        if not isinstance(self.chairs, int) or not 2 <= self.chairs <= MAX_CHAIRS:
            raise FishbowlError(N_("The circle needs 2 to {n} chairs"), n=MAX_CHAIRS)
        if not isinstance(self.empty_chairs, int) or not 0 <= self.empty_chairs < self.chairs:
            raise FishbowlError(
                N_("Leave 0 to {n} chairs empty: someone must sit in the circle"),
                n=self.chairs - 1,
            )
        if not number(self.turn_seconds) or self.turn_seconds <= 0:
            raise FishbowlError(N_("A turn needs a positive number of seconds"))
        if self.turn_seconds > MAX_SECONDS:
            raise FishbowlError(N_("A turn can last at most a week"))
        if not number(self.session_seconds) or self.session_seconds <= 0:
            raise FishbowlError(N_("The session needs a positive length"))
        if self.session_seconds > MAX_SECONDS:
            raise FishbowlError(N_("The session can last at most a week"))
        if not number(self.warning_seconds) or not 0 <= self.warning_seconds < self.turn_seconds:
            raise FishbowlError(N_("The warning must be shorter than the turn"))
        if not number(self.session_warning_seconds) or not (
            0 <= self.session_warning_seconds <= MAX_SECONDS
        ):
            raise FishbowlError(N_("The session warning must be 0 seconds or more, at most a week"))
        if len(self.questions) > MAX_QUESTIONS:
            raise FishbowlError(N_("Give at most {n} questions"), n=MAX_QUESTIONS)
        questions = tuple(
            q for q in (clean_text(q, 500, N_("A question")) for q in self.questions) if q
        )
        if not questions:
            raise FishbowlError(N_("Give the discussion a question"))
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "roster", _checked_roster(tuple(self.roster)))
        object.__setattr__(self, "airtime_public", bool(self.airtime_public))
        object.__setattr__(self, "group_balance", bool(self.group_balance))
        object.__setattr__(self, "title", clean_text(self.title, 200, N_("The title")) or "")

    def group_of(self, name: str | None) -> str | None:
        """The group the roster gives this name (matched without regard to case), else None."""
        if not name:
            return None
        key = name.casefold()
        return next((e.group for e in self.roster if e.name.casefold() == key), None)

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
