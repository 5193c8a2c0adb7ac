"""What the fishbowl's public view shows, part by part, as plain values (no Qt).

``build_scene(session)`` describes every word, number and mark of the room's screen at this
moment: the heading (title and question, or the facilitator's message to the circle), the turn's
clock, the "who" line, the session line, the circle, who speaks next, the talk time per person
(with the groups' shares and the voices not yet heard) and the over-time border; once the
session is finished, a closing view instead (the time, the turns, the shares, a thank-you).

The view keeps the scene it last painted; on every refresh it builds a new one and repaints
exactly the parts that differ (the whole view when the layout or the phase's colours change).
Painting reads only the scene, so what the window shows after any sequence of partial repaints
is what a fresh render of the same scene shows.

A part holds what it shows, not how: texts, tones (``Tone``, mapped to colours by the view) and
fractions, rounded to what a screen can show, so a part compares equal while it looks the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.fishbowl.airtime import by_group, by_person, not_yet_heard, share
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock, format_duration
from kiosk.i18n import ENGLISH, Translator

# fractions (a bar's length) are kept to this many steps: finer than any screen's pixels across
# a bar, coarse enough that a bar compares equal while it looks the same
FRACTION_STEPS = 2000
MAX_BARS = 8  # people in the live talk-time view; more are summed up as "+3 more"
MAX_ROWS = 12  # people in the closing view's shares
MAX_UNHEARD = 6  # names listed as not yet heard; more are counted


class Layout(StrEnum):
    """Which arrangement of parts the view uses (a change repaints the whole view)."""

    LIVE = "live"  # the timer, with the talk time
    LIVE_QUIET = "live-quiet"  # the timer, the room not shown the talk time
    CLOSING = "closing"  # the session finished: the thanks and the shares
    CLOSING_QUIET = "closing-quiet"  # finished, the room not shown the talk time


class Tone(StrEnum):
    """A colour role; the view maps each to its palette."""

    TEXT = "text"
    ACCENT = "accent"  # the accent colour of fills and the speaking chair
    ACCENT_TEXT = "accent_text"  # the accent colour of text
    MUTED = "muted"
    WARNING = "warning"
    OVERTIME = "overtime"


def _phase_tone(phase: Phase, normal: Tone) -> Tone:
    return {Phase.WARNING: Tone.WARNING, Phase.OVERTIME: Tone.OVERTIME}.get(phase, normal)


def _fraction(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return round(min(1.0, max(0.0, value)) * FRACTION_STEPS) / FRACTION_STEPS


@dataclass(frozen=True)
class Heading:
    """The title and the question; while the facilitator has a message for the circle, the
    message, large, in the question's place."""

    title: str
    question: str
    message: str  # "" when none


@dataclass(frozen=True)
class Clock:
    """The turn's time in huge figures, with a ring round it in warning and over time."""

    label: str  # "2:59", "+0:12"
    tone: Tone
    ring: bool


@dataclass(frozen=True)
class Line:
    """One line of text in one colour ("" shows nothing)."""

    text: str
    tone: Tone


@dataclass(frozen=True)
class Seat:
    """One chair of the circle."""

    index: int
    label: str  # the person's name or "Chair 3"; "open" for an empty chair
    occupied: bool
    speaking: bool
    next_mark: str  # "next", "next 2", ... for people waiting to speak; "" otherwise


@dataclass(frozen=True)
class Circle:
    seats: tuple[Seat, ...]
    full_notice: str  # "Circle full: someone please step out", or ""
    speaking_tone: Tone  # the glow of the speaking chair


@dataclass(frozen=True)
class Bar:
    """One person's bar in the talk-time view."""

    label: str
    value: str  # "1:05", or "1:05 · 23 %" in the closing view
    fraction: float  # of the longest bar, 0..1
    highlighted: bool  # the person speaking now


@dataclass(frozen=True)
class GroupBar:
    """One group's share of all talk time."""

    label: str
    value: str  # "45 %"
    fraction: float  # of all talk time, 0..1


@dataclass(frozen=True)
class Balance:
    """Talk time per person (not per chair: someone who comes back adds to the same total),
    the groups' shares when the session shows them, and the voices not yet heard."""

    heading: str
    bars: tuple[Bar, ...]
    more: str  # "+3 more" when not everyone has a bar, else ""
    groups: tuple[GroupBar, ...]
    unheard: str  # "Voices not yet heard: Ana, Ben", "" without a roster
    rows: bool  # one row a person (the closing view), else one column a person


@dataclass(frozen=True)
class Closing:
    """The finished session's summary, in the clock's place."""

    status: str  # "Session finished"
    thanks: str
    facts: str  # "42:10 of conversation  ·  23 turns  ·  9 voices"


@dataclass(frozen=True)
class Scene:
    """Everything the public view shows. ``layout``, ``phase`` and ``border`` style the whole
    view; each other field is a part painted in its own rectangle (None: not shown)."""

    layout: Layout
    phase: Phase  # the turn's phase: its colours run through several parts
    border: bool  # the red frame round the whole view in over time
    heading: Heading
    clock: Clock | None = None
    who: Line | None = None
    session: Line | None = None
    circle: Circle | None = None
    queue: Line | None = None  # "Next: Ana, then Ben"
    closing: Closing | None = None
    balance: Balance | None = None

    def parts(self) -> dict[str, object]:
        """The parts shown, by name, in painting order."""
        return {name: getattr(self, name) for name in PARTS if getattr(self, name) is not None}

    def changed_parts(self, old: Scene) -> tuple[str, ...]:
        """The names of the parts whose content differs from ``old``'s."""
        return tuple(name for name in PARTS if getattr(self, name) != getattr(old, name))

    def restyles(self, old: Scene) -> bool:
        """Whether the change from ``old`` is one of the whole view: another layout, the
        phase's colours, the border round everything."""
        return (self.layout, self.phase, self.border) != (old.layout, old.phase, old.border)


PARTS = ("heading", "clock", "who", "session", "circle", "queue", "closing", "balance")


def who_text(session: FishbowlSession, t: Translator = ENGLISH) -> str:
    """The state of the turn in words: "Ready to start", "Paused", "Who speaks next?",
    "22 s left", "Over time", "Session finished" ("" while a turn simply runs)."""
    s = session
    if s.state is State.SETUP:
        return t.gettext("Ready to start")
    if s.state is State.FINISHED:
        return t.gettext("Session finished")
    if s.state is State.PAUSED:
        return t.gettext("Paused")
    if s.speaker is None:
        return t.gettext("Who speaks next?")
    phase = s.turn_phase()
    if phase is Phase.OVERTIME:
        return t.gettext("Over time")
    if phase is Phase.WARNING:
        left = max(0, math.ceil(s.turn_remaining() - 1e-3))
        return t.gettext("{seconds} s left").format(seconds=left)
    return ""


def _who(session: FishbowlSession, phase: Phase, t: Translator) -> Line:
    speaker = session.speaker
    parts = (speaker.said(t) if speaker is not None else "", who_text(session, t))
    text = "  ·  ".join(x for x in parts if x)
    tone = _phase_tone(phase, Tone.ACCENT_TEXT)
    if session.state in (State.PAUSED, State.SETUP, State.FINISHED):
        tone = Tone.MUTED
    return Line(text, tone)


def _session_line(session: FishbowlSession, t: Translator) -> Line:
    s = session
    remaining = s.session_remaining()
    text = (
        t.gettext("Session: {clock} left").format(clock=format_clock(remaining))
        if remaining >= 0
        else t.gettext("Session over time: {clock}").format(clock=format_clock(remaining))
    )
    if s.state is not State.SETUP:
        spoken, seated = s.round_progress()
        text += "   ·   " + t.ngettext(
            "Round {round}: {spoken} of {seated} has spoken",
            "Round {round}: {spoken} of {seated} have spoken",
            spoken,
        ).format(round=s.round_number, spoken=spoken, seated=seated)
    return Line(text, _phase_tone(s.session_phase(), Tone.MUTED))


def _circle(session: FishbowlSession, phase: Phase, t: Translator) -> Circle:
    s = session
    seats = tuple(
        Seat(
            c.index,
            c.said(t) if c.occupied else t.gettext("open"),
            c.occupied,
            c.speaking,
            ""
            if c.queue_position is None
            else (
                t.gettext("next")
                if c.queue_position == 0
                else t.gettext("next {n}").format(n=c.queue_position + 1)
            ),
        )
        for c in s.chairs()
    )
    full = s.circle_full and s.state is not State.SETUP
    return Circle(
        seats,
        t.gettext("Circle full: someone please step out") if full else "",
        _phase_tone(phase, Tone.ACCENT),
    )


def names_list(names: tuple[str, ...] | list[str], most: int, t: Translator = ENGLISH) -> str:
    """ "Ana, Ben and Carla"; past ``most`` names, "Ana, Ben and 5 more"."""
    names = list(names)
    if len(names) > most:
        more = len(names) - most + 1
        return t.ngettext("{names} and {n} more", "{names} and {n} more", more).format(
            names=", ".join(names[: most - 1]), n=more
        )
    if len(names) > 1:
        return t.gettext("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    return names[0] if names else ""


def queue_text(names: tuple[str, ...], t: Translator = ENGLISH) -> str:
    """ "Next: Ana, then Ben" (the next two waiting to speak), "+3 waiting" for the rest."""
    if not names:
        return ""
    text = t.gettext("Next: {name}").format(name=names[0])
    if len(names) > 1:
        text += t.gettext(", then {name}").format(name=names[1])
    if len(names) > 2:
        text += "   " + t.gettext("(+{n} waiting)").format(n=len(names) - 2)
    return text


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)} %"


def _balance(session: FishbowlSession, closing: bool, t: Translator) -> Balance:
    people = list(by_person(session, t))
    total = sum(p.seconds for p in people)
    most = max((p.seconds for p in people), default=0.0)
    limit = MAX_ROWS if closing else MAX_BARS
    if len(people) > limit:
        # the speaker, then the people in the circle now (the quiet ones too: that is what a
        # balance is for), then those who spoke most keep a bar; bars stay in seating order
        ranked = sorted(people, key=lambda p: (not p.speaking, not p.seated, -p.seconds))
        keep = {p.key for p in ranked[: limit - 1]}
        shown = [p for p in people if p.key in keep]
    else:
        shown = people
    hidden = len(people) - len(shown)
    bars = tuple(
        Bar(
            p.label,
            format_duration(p.seconds)
            + (f"  ·  {percent(share(p.seconds, total))}" if closing else ""),
            _fraction(share(p.seconds, max(most, 1.0))),
            p.speaking and not closing,
        )
        for p in shown
    )
    groups: tuple[GroupBar, ...] = ()
    if session.config.group_balance:
        groups = tuple(
            GroupBar(g.label or t.gettext("No group"), percent(g.share), _fraction(g.share))
            for g in by_group(session)
        )
    unheard = ""
    if session.config.roster:
        waiting = not_yet_heard(session)
        if not waiting:
            unheard = t.gettext("Everyone on the list has spoken")
        else:
            lead = (
                t.gettext("Not heard this time: {names}")
                if closing
                else t.gettext("Voices not yet heard: {names}")
            )
            unheard = lead.format(names=names_list(waiting, MAX_UNHEARD, t))
    return Balance(
        t.gettext("Talk time: the shares") if closing else t.gettext("Talk time"),
        bars,
        t.gettext("+{n} more").format(n=hidden) if hidden else "",
        groups,
        unheard,
        closing,
    )


def _closing(session: FishbowlSession, t: Translator) -> Closing:
    turns = session.turns()
    voices = sum(1 for p in by_person(session) if p.turns > 0)
    facts = [
        t.gettext("{duration} of conversation").format(
            duration=format_duration(session.session_elapsed())
        ),
        t.ngettext("{n} turn", "{n} turns", len(turns)).format(n=len(turns)),
        t.ngettext("{n} voice", "{n} voices", voices).format(n=voices),
    ]
    return Closing(
        t.gettext("Session finished"),
        t.gettext("Thank you for the conversation"),
        "   ·   ".join(facts),
    )


def build_scene(session: FishbowlSession, t: Translator = ENGLISH) -> Scene:
    """What the public view shows of ``session`` now, in the room's language (``t``)."""
    s = session
    phase = s.turn_phase()
    live = s.state is not State.SETUP
    public = s.config.airtime_public
    heading = Heading(
        s.config.title or t.gettext("Fishbowl discussion"), s.question, s.message or ""
    )
    if s.state is State.FINISHED:
        return Scene(
            layout=Layout.CLOSING if public else Layout.CLOSING_QUIET,
            phase=Phase.NORMAL,
            border=False,
            heading=heading,
            closing=_closing(s, t),
            balance=_balance(s, closing=True, t=t) if public else None,
        )
    return Scene(
        layout=Layout.LIVE if public else Layout.LIVE_QUIET,
        phase=phase,
        border=live and phase is Phase.OVERTIME,
        heading=heading,
        clock=Clock(
            format_clock(s.turn_remaining()),
            _phase_tone(phase, Tone.TEXT),
            live and phase in (Phase.WARNING, Phase.OVERTIME),
        ),
        who=_who(s, phase, t),
        session=_session_line(s, t),
        circle=_circle(s, phase, t),
        queue=Line(queue_text(s.queue_names(t), t), Tone.ACCENT_TEXT),
        balance=_balance(s, closing=False, t=t) if public else None,
    )
