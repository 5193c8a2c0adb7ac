"""What the fishbowl's public view shows, part by part, as plain values (no Qt).

``build_scene(session)`` describes every word, number and mark of the room's screen at this
moment: the heading (title and question), the turn's clock, the "who" line, the session line,
the circle, the talk-time balance and the over-time border. The view keeps the scene it last
painted; on every refresh it builds a new one and repaints exactly the parts that differ (the
whole view when the colours of the phase change). Painting reads only the scene, so what the
window shows after any sequence of partial repaints is what a fresh render of the same scene
shows.

A part holds what it shows, not how: texts, tones (``Tone``, mapped to colours by the view) and
fractions, rounded to what a screen can show, so a part compares equal while it looks the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from enum import StrEnum

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock, format_duration

# fractions (a bar's length) are kept to this many steps: finer than any screen's pixels across
# a bar, coarse enough that a bar compares equal while it looks the same
FRACTION_STEPS = 2000


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
    title: str
    question: str


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
    """One bar of the talk-time balance."""

    label: str
    time: str  # "1:05"
    fraction: float  # of the longest bar, 0..1
    highlighted: bool  # the person speaking now


@dataclass(frozen=True)
class Balance:
    heading: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Scene:
    """Everything the public view shows; each field but ``phase`` and ``border`` is a part
    painted in its own rectangle."""

    phase: Phase  # the turn's phase: its colours run through several parts
    heading: Heading
    clock: Clock
    who: Line
    session: Line
    circle: Circle
    balance: Balance
    border: bool  # the red frame round the whole view in over time

    def parts(self) -> dict[str, object]:
        """The parts by name, in painting order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in PARTS}

    def changed_parts(self, old: Scene) -> tuple[str, ...]:
        """The names of the parts whose content differs from ``old``'s."""
        return tuple(name for name in PARTS if getattr(self, name) != getattr(old, name))

    def restyles(self, old: Scene) -> bool:
        """Whether the change from ``old`` is one of the whole view (the phase's colours, the
        border round everything)."""
        return self.phase != old.phase or self.border != old.border


PARTS = ("heading", "clock", "who", "session", "circle", "balance")


def who_text(session: FishbowlSession) -> str:
    """The state of the turn in words: "Ready to start", "Paused", "Who speaks next?",
    "22 s left", "Over time", "Session finished" ("" while a turn simply runs)."""
    s = session
    if s.state is State.SETUP:
        return "Ready to start"
    if s.state is State.FINISHED:
        return "Session finished"
    if s.state is State.PAUSED:
        return "Paused"
    if s.speaker is None:
        return "Who speaks next?"
    phase = s.turn_phase()
    if phase is Phase.OVERTIME:
        return "Over time"
    if phase is Phase.WARNING:
        left = max(0, math.ceil(s.turn_remaining() - 1e-3))
        return f"{left} s left"
    return ""


def _who(session: FishbowlSession, phase: Phase) -> Line:
    speaker = session.speaker
    parts = (speaker.label if speaker is not None else "", who_text(session))
    text = "  ·  ".join(x for x in parts if x)
    tone = _phase_tone(phase, Tone.ACCENT_TEXT)
    if session.state in (State.PAUSED, State.SETUP, State.FINISHED):
        tone = Tone.MUTED
    return Line(text, tone)


def _session_line(session: FishbowlSession) -> Line:
    s = session
    remaining = s.session_remaining()
    text = (
        f"Session: {format_clock(remaining)} left"
        if remaining >= 0
        else f"Session over time: {format_clock(remaining)}"
    )
    if s.state is not State.SETUP:
        spoken, seated = s.round_progress()
        text += f"   ·   Round {s.round_number}: {spoken} of {seated} have spoken"
    return Line(text, _phase_tone(s.session_phase(), Tone.MUTED))


def _circle(session: FishbowlSession, phase: Phase) -> Circle:
    s = session
    seats = tuple(
        Seat(
            c.index,
            c.label if c.occupied else "open",
            c.occupied,
            c.speaking,
            ""
            if c.queue_position is None
            else ("next" if c.queue_position == 0 else f"next {c.queue_position + 1}"),
        )
        for c in s.chairs()
    )
    full = s.circle_full and s.state is not State.SETUP
    return Circle(
        seats,
        "Circle full: someone please step out" if full else "",
        _phase_tone(phase, Tone.ACCENT),
    )


def _balance(session: FishbowlSession) -> Balance:
    s = session
    talk = s.talk_time_by_chair()
    most = max(max(talk, default=0.0), 1.0)
    bars = tuple(
        Bar(chair.label, format_duration(seconds), _fraction(seconds / most), chair.speaking)
        for chair, seconds in zip(s.chairs(), talk, strict=True)
    )
    return Balance("Talk time by chair", bars)


def build_scene(session: FishbowlSession) -> Scene:
    """What the public view shows of ``session`` now."""
    s = session
    phase = s.turn_phase()
    live = s.state is not State.SETUP
    return Scene(
        phase=phase,
        heading=Heading(s.config.title or "Fishbowl discussion", s.question),
        clock=Clock(
            format_clock(s.turn_remaining()),
            _phase_tone(phase, Tone.TEXT),
            live and phase in (Phase.WARNING, Phase.OVERTIME),
        ),
        who=_who(s, phase),
        session=_session_line(s),
        circle=_circle(s, phase),
        balance=_balance(s),
        border=live and phase is Phase.OVERTIME,
    )
