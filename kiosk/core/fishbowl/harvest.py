"""The harvest: what a fishbowl session leaves for after the discussion, read once from the session.

One ``Harvest`` feeds every export (the CSV files, the Markdown summary, the PDF page), so they
cannot disagree: the timeline of who spoke when (session times and times of day), talk time per
person (a name follows the person across chairs, ``airtime.by_person``), per group (when the
participants' list gives groups), per chair, the voices not yet heard (when a list was given),
the questions and the notes.

What talk time measures is seconds holding the word as the facilitator gave it: not who was
heard, not interruptions, not what was said (``airtime``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.fishbowl.airtime import (
    GroupShare,
    by_group,
    by_person,
    not_yet_heard,
    participant_labels,
    person_key,
    share,
)
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import label_in
from kiosk.i18n import ENGLISH, Translator


@dataclass(frozen=True)
class PersonRow:
    """One person's talk time (someone listed who never sat in the circle has 0 turns)."""

    label: str
    group: str | None
    listed: bool  # on the participants' list
    chairs: tuple[int, ...]  # the chairs they sat in, numbered from 1
    turns: int
    seconds: float
    share: float  # of all talk time, 0..1
    over_time: float  # seconds past their turns' time, all turns together


@dataclass(frozen=True)
class TimelineRow:
    """One turn: who, from which chair, from when to when (session seconds and time of day)."""

    number: int
    round: int
    chair: int  # numbered from 1
    person: str
    participant_id: int  # the session's participant (one per sitting down)
    group: str | None
    start: float  # session seconds
    end: float | None  # None while the turn runs
    duration: float
    over_time: float
    started_wall: float | None  # epoch seconds
    ended_wall: float | None  # None while running, or unknown (a session saved before runs)


@dataclass(frozen=True)
class NoteRow:
    """A note: its session time, the time of day then, its text, who was speaking."""

    at: float
    wall: float | None
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Harvest:
    title: str
    state: State
    questions: tuple[tuple[float, str], ...]  # (session seconds, question) as they were shown
    started_wall: float | None  # when the session started
    ended_wall: float | None  # when its clock last stood at its elapsed time (now if running)
    elapsed: float  # session seconds (paused time does not count)
    planned: float  # the session's time, with what was added or removed
    chairs: int
    empty_chairs: int
    rounds: int
    talk_total: float
    people: tuple[PersonRow, ...]  # the most talk time first, then everyone listed not seated
    groups: tuple[GroupShare, ...]  # empty when the participants' list gives no group
    listed: int  # people on the participants' list (0: no list was given)
    not_yet_heard: tuple[str, ...]
    by_chair: tuple[float, ...]  # talk time from each chair, by whoever sat in it
    timeline: tuple[TimelineRow, ...]
    notes: tuple[NoteRow, ...]

    @property
    def paused(self) -> float | None:
        """Seconds the session stood paused between its start and its end, by the wall clock;
        None when the times of day are not known."""
        if self.started_wall is None or self.ended_wall is None:
            return None
        return max(0.0, self.ended_wall - self.started_wall - self.elapsed)


def harvest(session: FishbowlSession, t: Translator = ENGLISH) -> Harvest:
    """Everything the exports say about ``session``, as it is now (a running turn so far); the
    words it decides itself (an unnamed person's chair, a missing title) in ``t``'s language."""
    config = session.config
    labels = participant_labels(session, t)
    turns = session.turns()
    people = {p.id: p for p in session.participants}
    key_of = {pid: person_key(p) for pid, p in people.items()}
    over: dict[str, float] = {}
    chairs: dict[str, set[int]] = {}
    for p in session.participants:
        chairs.setdefault(key_of[p.id], set()).add(p.chair + 1)
    for turn in turns:
        key = key_of[turn.participant_id]
        over[key] = over.get(key, 0.0) + turn.over_time
    listed = {e.name.casefold() for e in config.roster}
    seated = by_person(session, t)
    total = sum(p.seconds for p in seated)
    rows = [
        PersonRow(
            p.label,
            p.group,
            p.key in listed,
            tuple(sorted(chairs[p.key])),
            p.turns,
            p.seconds,
            share(p.seconds, total),
            over.get(p.key, 0.0),
        )
        for p in sorted(seated, key=lambda p: -p.seconds)  # stable: ties in the order they sat
    ]
    sat = {p.key for p in seated}
    rows += [
        PersonRow(e.name, e.group, True, (), 0, 0.0, 0.0, 0.0)
        for e in config.roster
        if e.name.casefold() not in sat
    ]
    named = {key_of[pid]: label for pid, label in labels.items() if people[pid].name}
    elapsed = session.session_elapsed()
    return Harvest(
        title=config.title or t.gettext("Fishbowl discussion"),
        state=session.state,
        questions=session.question_log or ((0.0, session.question),),
        started_wall=session.started_wall,
        ended_wall=None
        if session.state is State.SETUP
        else session.wall_time_at(elapsed, ending=True),
        elapsed=elapsed,
        planned=session.session_budget,
        chairs=config.chairs,
        empty_chairs=config.empty_chairs,
        rounds=session.round_number,
        talk_total=total,
        people=tuple(rows),
        groups=by_group(session) if any(e.group for e in config.roster) else (),
        listed=len(config.roster),
        not_yet_heard=not_yet_heard(session),
        by_chair=session.talk_time_by_chair(),
        timeline=tuple(
            TimelineRow(
                turn.number,
                turn.round,
                turn.chair + 1,
                labels[turn.participant_id],
                turn.participant_id,
                config.group_of(people[turn.participant_id].name),
                turn.start,
                turn.end,
                turn.duration,
                turn.over_time,
                turn.started_wall,
                turn.ended_wall,
            )
            for turn in turns
        ),
        notes=tuple(
            NoteRow(
                n.at,
                session.wall_time_at(n.at, ending=True),
                n.text,
                # the speaker as the rest of the harvest names them (a name as first given)
                None
                if n.speaker is None
                else named.get(n.speaker.casefold(), label_in(n.speaker, t)),
            )
            for n in session.notes
        ),
    )
