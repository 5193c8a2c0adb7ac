"""Fair airtime: talk time per person, per group, and the voices not yet heard.

A person is known by name: someone who leaves the circle and comes back (a new participant, in
another chair) keeps adding to the same total. Someone unnamed is only known by the chair they sat
in, so each unnamed participant counts apart ("Chair 3", then "Chair 3 (2)" for the next person
in that chair).

What this measures is seconds holding the word, as the facilitator gave it: not who was heard,
not interruptions, not what was said. The guide (docs/fishbowl.md) says so to the facilitator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.i18n import ENGLISH, Translator

if TYPE_CHECKING:
    from kiosk.core.fishbowl.records import Participant
    from kiosk.core.fishbowl.session import FishbowlSession


@dataclass(frozen=True)
class PersonTime:
    """One person's talk time."""

    key: str  # the name without regard to case, or "#<id>" for someone unnamed
    label: str  # the name, or the chair ("Chair 3", "Chair 3 (2)" for the next one there)
    group: str | None  # from the roster
    seconds: float
    turns: int
    seated: bool  # in the circle now
    speaking: bool


@dataclass(frozen=True)
class GroupShare:
    """The talk time of one group (``label`` None: people in no group)."""

    label: str | None
    seconds: float
    share: float  # of all talk time, 0..1
    people: int  # people of this group who sat in the circle


def person_key(person: Participant) -> str:
    return person.name.casefold() if person.name else f"#{person.id}"


def share(part: float, whole: float) -> float:
    """``part`` as a fraction of ``whole`` (0 when nothing was said yet)."""
    return part / whole if whole > 0 else 0.0


def participant_labels(session: FishbowlSession, t: Translator = ENGLISH) -> dict[int, str]:
    """Each participant's label by id: the name, else the chair, with "(2)", "(3)" for unnamed
    people who sat in the same chair in turn, so that their totals stay apart."""
    seen: dict[str, int] = {}
    labels: dict[int, str] = {}
    names: dict[str, str] = {}
    for p in session.participants:
        if p.name:
            # the name as first given, for every later return of the same person
            labels[p.id] = names.setdefault(p.name.casefold(), p.name)
            continue
        label = p.said(t)  # "Chair 3", in the language on screen
        seen[label] = seen.get(label, 0) + 1
        labels[p.id] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return labels


def by_person(session: FishbowlSession, t: Translator = ENGLISH) -> tuple[PersonTime, ...]:
    """Everyone who sat in the circle, in the order they first sat down (unnamed people by
    their chair, said in ``t``'s language)."""
    labels = participant_labels(session, t)
    speaker = session.speaker
    speaking_key = None if speaker is None else person_key(speaker)
    seconds: dict[str, float] = {}
    turns: dict[str, int] = {}
    seated: dict[str, bool] = {}
    first: dict[str, int] = {}
    by_id = {p.id: p for p in session.participants}
    for p in session.participants:
        key = person_key(p)
        first.setdefault(key, p.id)
        seconds.setdefault(key, 0.0)
        turns.setdefault(key, 0)
        seated[key] = seated.get(key, False) or p.seated
    for turn in session.turns():
        key = person_key(by_id[turn.participant_id])
        seconds[key] += turn.duration
        turns[key] += 1
    return tuple(
        PersonTime(
            key,
            labels[pid],
            session.config.group_of(by_id[pid].name),
            seconds[key],
            turns[key],
            seated[key],
            key == speaking_key,
        )
        for key, pid in first.items()
    )


def by_group(session: FishbowlSession) -> tuple[GroupShare, ...]:
    """The groups of the roster in its order (a group nobody spoke for shows 0), then the time
    of people in no group, if any."""
    people = by_person(session)
    total = sum(p.seconds for p in people)
    groups: list[str | None] = []
    for entry in session.config.roster:
        if entry.group and entry.group not in groups:
            groups.append(entry.group)
    if any(p.group is None and p.seconds > 0 for p in people):
        groups.append(None)
    shares = []
    for group in groups:
        mine = [p for p in people if p.group == group]
        seconds = sum(p.seconds for p in mine)
        shares.append(GroupShare(group, seconds, share(seconds, total), len(mine)))
    return tuple(shares)


def not_yet_heard(session: FishbowlSession) -> tuple[str, ...]:
    """The people of the roster who have not had the word yet, in the roster's order."""
    spoken = {p.key for p in by_person(session) if p.turns > 0}
    return tuple(e.name for e in session.config.roster if e.name.casefold() not in spoken)
