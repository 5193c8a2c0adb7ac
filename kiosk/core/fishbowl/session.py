"""The fishbowl session state machine: chairs, people, a queue, turns and rounds, and its clocks.

Time. The session keeps one running total, ``session_elapsed()``: the seconds it has been
RUNNING (paused time does not count), read from the injected monotonic clock, never counted in
timer ticks. Turns are stored as offsets on that total (``start``, ``end``), so a turn's elapsed
time, the talk-time balance and the export all come from the same numbers and cannot disagree or
drift. Remaining time is ``budget - elapsed`` and goes negative in over time.

Chairs are numbered 0..N-1 in the API (``chair_label`` gives "Chair 1".."Chair N"). People never
change chairs: someone who leaves and comes back is a new participant, and the talk-time views
(``kiosk.core.fishbowl.airtime``) add up a person's turns by name across chairs.

The queue holds people in the circle and, in an open fishbowl, people from the audience who asked
to enter it (by name): "next" gives the word to the head of the queue, seating someone from the
audience in the first free chair.

Rounds. The first turn opens round 1. Round r is complete once every person sitting in the circle
has had at least one turn in it (people who left no longer count; newcomers do); the next turn
then opens round r+1. A person may speak twice in a round: the round just is not complete until
the others have spoken.

Time of day. Durations never read the wall clock, but the harvest says when each turn began and
ended. The session keeps ``clock_runs``: the session time and the wall clock's reading each time
its clock started running (the start, each resume). A session time's time of day is its run's
wall reading plus the session seconds since; a pause is one session time but two moments, so
what ended there ended when the session paused and what started there started on resume
(``wall_time_at``).

Every refused operation raises ``FishbowlError`` with a sentence for the facilitator and leaves
the session exactly as it was. After each change every listener given to ``subscribe`` is called
with an ``Event``.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from kiosk.core.clock import Clock, SystemWallClock, WallClock
from kiosk.core.fishbowl.config import MAX_NAME, MAX_QUEUE, MAX_SECONDS, FishbowlConfig
from kiosk.core.fishbowl.errors import FishbowlError, InvariantError
from kiosk.core.fishbowl.records import Note, Participant, State, Turn, Waiting
from kiosk.core.fishbowl.snapshot import (
    MAX_ITEMS,
    Recovery,
    SavedSession,
    SnapshotError,
    from_plain,
    to_plain,
)
from kiosk.core.fishbowl.text import chair_label, chair_name, clean_text, whole_ms
from kiosk.i18n import ENGLISH, N_, Said, Translator

if TYPE_CHECKING:
    from kiosk.content.model import FishbowlPreset

log = logging.getLogger(__name__)

MAX_NOTE = 2000
MAX_NOTES = 10_000
MAX_MESSAGE = 120  # a message to the circle is read from across the room: a few words

TimeTarget = Literal["turn", "session"]


class Phase(StrEnum):
    """How a countdown should look: the warning and over time are shown by more than colour."""

    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


class Event(StrEnum):
    """What changed; a listener re-reads the session rather than trusting a payload."""

    CONFIGURED = "configured"
    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    SPEAKER_CHANGED = "speaker_changed"
    TURN_ENDED = "turn_ended"
    CHAIR_TAKEN = "chair_taken"
    CHAIR_LEFT = "chair_left"
    TIME_CHANGED = "time_changed"
    QUEUE_CHANGED = "queue_changed"
    QUESTION_CHANGED = "question_changed"
    PARTICIPANT_RENAMED = "participant_renamed"
    NOTES_CHANGED = "notes_changed"
    MESSAGE_CHANGED = "message_changed"
    FINISHED = "finished"
    RESET = "reset"


Listener = Callable[[Event], None]


def _phase(remaining: float, warning: float) -> Phase:
    left, warn = whole_ms(remaining), whole_ms(warning)
    if left < 0:
        return Phase.OVERTIME
    if warn > 0 and left <= warn:
        return Phase.WARNING
    return Phase.NORMAL


NO_SEAT_FOR = N_("All chairs are taken: someone must step out (L) so that {name} can sit down")


def _positive_seconds(seconds: float) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise FishbowlError(N_("Give the time as a number of seconds"))
    if not math.isfinite(seconds) or seconds <= 0:
        raise FishbowlError(N_("Give a positive number of seconds"))
    return float(seconds)


def _bounded_budget(seconds: float, what: str) -> float:
    """A budget after adding or removing time: at least zero, and at most a week, which is what
    a restore accepts; so the session never saves a time it could not read back."""
    if seconds > MAX_SECONDS:
        raise FishbowlError(N_("{what} can last at most a week"), what=Said(what))
    return max(0.0, seconds)


@dataclass(frozen=True)
class TurnRecord:
    """A turn as the log and the display see it; ``duration`` includes a running turn so far."""

    number: int
    round: int
    chair: int
    participant_id: int
    label: str
    start: float
    end: float | None
    duration: float
    budget: float
    over_time: float
    started_wall: float  # epoch seconds when the turn's time began to count (see ``wall_time_at``)
    ended_wall: float | None = None  # epoch seconds when it ended; None while running or unknown

    @property
    def running(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class ChairView:
    """One chair of the circle, everything the public view draws for it."""

    index: int
    participant: Participant | None
    speaking: bool
    queue_position: int | None  # 0 = next in the queue
    spoken_this_round: bool
    talk_seconds: float  # by everyone who sat in this chair

    @property
    def occupied(self) -> bool:
        return self.participant is not None

    @property
    def label(self) -> str:
        return self.participant.label if self.participant else chair_label(self.index)

    def said(self, t: Translator) -> str:
        """The label in the language on screen ("Chaise 3" for an unnamed person in French)."""
        return (
            self.participant.said(t) if self.participant else chair_name(self.index).in_language(t)
        )


class FishbowlSession:
    """A fishbowl session: SETUP → RUNNING ⇄ PAUSED → FINISHED (reset goes back to SETUP)."""

    def __init__(
        self, clock: Clock, config: FishbowlConfig | None = None, *, wall: WallClock | None = None
    ) -> None:
        self._clock = clock
        self._wall = wall or SystemWallClock()
        self._config = config or FishbowlConfig()
        self._listeners: list[Listener] = []
        self._setup_names: dict[int, str] = {}
        self._question_index = 0
        self.recovery: Recovery | None = None
        self._new_session()

    @classmethod
    def from_preset(
        cls,
        preset: FishbowlPreset,
        clock: Clock,
        *,
        wall: WallClock | None = None,
        lang: str | None = None,
        default_lang: str | None = None,
    ) -> FishbowlSession:
        return cls(clock, FishbowlConfig.from_preset(preset, lang, default_lang), wall=wall)

    def _new_session(self) -> None:
        """SETUP with the configured chairs: the first ones seated, the last ``empty`` free."""
        c = self._config
        self._state = State.SETUP
        self._elapsed_base = 0.0
        self._running_since: float | None = None
        self._session_budget = float(c.session_seconds)
        self._started_wall: float | None = None
        self._runs: list[tuple[float, float]] = []  # (session seconds, epoch) at each start
        self._chairs: list[int | None] = [None] * c.chairs
        self._participants: dict[int, Participant] = {}
        self._next_id = 1
        self._queue: list[Waiting] = []
        self._turns: list[Turn] = []
        self._question_log: list[tuple[float, str]] = []
        self._notes: list[Note] = []
        self._message: str | None = None
        self._question_index = min(self._question_index, len(c.questions) - 1)
        for chair in range(c.chairs - c.empty_chairs):
            self._seat(chair, self._setup_names.get(chair), from_audience=False)

    # --- listeners ---------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: Event) -> None:
        # A failing listener (a full disk while saving, a view bug) must not stop the others
        # or undo a change the facilitator made: log it and carry on.
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("fishbowl listener %r failed on %s", listener, event)

    # --- reading: configuration and people ---------------------------------------------------
    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def config(self) -> FishbowlConfig:
        return self._config

    @property
    def state(self) -> State:
        return self._state

    @property
    def started_wall(self) -> float | None:
        """When the session started (epoch seconds), for the export's date."""
        return self._started_wall

    @property
    def questions(self) -> tuple[str, ...]:
        return self._config.questions

    @property
    def question_index(self) -> int:
        return self._question_index

    @property
    def question(self) -> str:
        return self._config.questions[self._question_index]

    @property
    def question_log(self) -> tuple[tuple[float, str], ...]:
        """(session seconds, question) each time the question on screen changed."""
        return tuple(self._question_log)

    @property
    def notes(self) -> tuple[Note, ...]:
        """The facilitator's notes (time, text, speaker then), for the harvest and the export."""
        return tuple(self._notes)

    @property
    def message(self) -> str | None:
        """The facilitator's message to the circle ("Please wrap up"), shown until cleared."""
        return self._message

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Everyone who sat in the circle, in the order they sat down."""
        return tuple(self._participants.values())

    def participant(self, participant_id: int) -> Participant:
        return self._participants[participant_id]

    def occupant(self, chair: int) -> Participant | None:
        self._check_chair(chair)
        pid = self._chairs[chair]
        return None if pid is None else self._participants[pid]

    def empty_chairs(self) -> tuple[int, ...]:
        return tuple(i for i, pid in enumerate(self._chairs) if pid is None)

    def occupied_chairs(self) -> tuple[int, ...]:
        return tuple(i for i, pid in enumerate(self._chairs) if pid is not None)

    @property
    def circle_full(self) -> bool:
        """An open fishbowl with no chair free: cue "someone please step out"."""
        return self._config.is_open and None not in self._chairs

    @property
    def queue(self) -> tuple[int, ...]:
        """Chairs of the people in the circle waiting to speak, next first (people from the
        audience in the queue have no chair yet: see ``queue_names``)."""
        return tuple(self._participants[w.pid].chair for w in self._queue if w.pid is not None)

    def queue_names(self, t: Translator = ENGLISH) -> tuple[str, ...]:
        """Everyone waiting to speak, next first: a name, or the chair of an unnamed person
        (said in ``t``'s language)."""
        return tuple(self._waiting_label(w, t) for w in self._queue)

    def next_in_line(self, t: Translator = ENGLISH) -> str | None:
        """Whom Next with no chair chosen gives the word to: the head of the queue, else the
        next person after the speaker in circle order; None when there is nobody to offer."""
        if self._queue:
            return self._waiting_label(self._queue[0], t)
        try:
            chair = self._pick_next(None)
        except FishbowlError:
            return None
        person = self.occupant(chair)
        return None if person is None else person.said(t)

    def _waiting_label(self, waiting: Waiting, t: Translator = ENGLISH) -> str:
        if waiting.pid is not None:
            return self._participants[waiting.pid].said(t)
        return waiting.name or ""

    def _queued_pids(self) -> list[int]:
        return [w.pid for w in self._queue if w.pid is not None]

    @property
    def speaker(self) -> Participant | None:
        turn = self._open_turn()
        return None if turn is None else self._participants[turn.participant]

    @property
    def speaker_chair(self) -> int | None:
        turn = self._open_turn()
        return None if turn is None else turn.chair

    def chairs(self) -> tuple[ChairView, ...]:
        """The circle in order, as the public view draws it."""
        speaking = self.speaker_chair
        spoken = self._spoken_in_round()
        talk = self.talk_time_by_chair()
        queued = {w.pid: i for i, w in enumerate(self._queue) if w.pid is not None}
        views = []
        for i, pid in enumerate(self._chairs):
            person = None if pid is None else self._participants[pid]
            views.append(
                ChairView(
                    i,
                    person,
                    i == speaking,
                    None if pid is None else queued.get(pid),
                    pid is not None and pid in spoken,
                    talk[i],
                )
            )
        return tuple(views)

    # --- reading: turns, rounds and time -------------------------------------------------------
    def _open_turn(self) -> Turn | None:
        return self._turns[-1] if self._turns and self._turns[-1].end is None else None

    def _record(self, turn: Turn, now: float) -> TurnRecord:
        end = turn.end if turn.end is not None else now
        duration = end - turn.start
        began = self.wall_time_at(turn.start)
        return TurnRecord(
            turn.number,
            turn.round,
            turn.chair,
            turn.participant,
            self._participants[turn.participant].label,
            turn.start,
            turn.end,
            duration,
            turn.budget,
            max(0.0, duration - turn.budget),
            turn.started_wall if began is None else began,
            None if turn.end is None else self.wall_time_at(turn.end, ending=True),
        )

    @property
    def current_turn(self) -> TurnRecord | None:
        turn = self._open_turn()
        return None if turn is None else self._record(turn, self.session_elapsed())

    def turns(self) -> tuple[TurnRecord, ...]:
        """Every turn so far, the running one last with its duration so far."""
        now = self.session_elapsed()
        return tuple(self._record(t, now) for t in self._turns)

    @property
    def round_number(self) -> int:
        """The round of the latest turn (0 before the first turn)."""
        return self._turns[-1].round if self._turns else 0

    def _spoken_in_round(self) -> set[int]:
        r = self.round_number
        return {t.participant for t in self._turns if t.round == r}

    def round_progress(self) -> tuple[int, int]:
        """(people in the circle who spoke this round, people in the circle)."""
        seated = {pid for pid in self._chairs if pid is not None}
        return len(seated & self._spoken_in_round()), len(seated)

    @property
    def clock_runs(self) -> tuple[tuple[float, float], ...]:
        """(session seconds, epoch seconds) each time the session clock started running."""
        return tuple(self._runs)

    def wall_time_at(self, at: float, *, ending: bool = False) -> float | None:
        """The time of day (epoch seconds) when the session clock read ``at``, for the harvest.

        At a pause the session time stands still, so ``at`` may be two moments: what started
        there started when the session resumed; with ``ending``, what ended there ended when the
        session paused. None when the session does not know (a session saved by a version that
        kept no runs, for the times before its restore).
        """
        runs = self._runs
        i = bisect.bisect_right(runs, (at, math.inf)) - 1  # the last run started at or before
        if ending:
            before = bisect.bisect_left(runs, (at, -math.inf)) - 1  # the last started before
            if before >= 0:
                i = before
        if i < 0:
            return None
        offset, wall = runs[i]
        return wall + (at - offset)

    def session_elapsed(self) -> float:
        """Seconds the session has been running; paused time does not count."""
        if self._running_since is None:
            return self._elapsed_base
        return self._elapsed_base + max(0.0, self._clock.now() - self._running_since)

    @property
    def session_budget(self) -> float:
        return self._session_budget

    def session_remaining(self) -> float:
        """Negative in over time."""
        return self._session_budget - self.session_elapsed()

    def session_phase(self) -> Phase:
        if self._state is State.SETUP:
            return Phase.NORMAL
        return _phase(self.session_remaining(), self._config.session_warning_seconds)

    def turn_elapsed(self) -> float:
        """Seconds of the running turn (0 when no one is speaking)."""
        turn = self._open_turn()
        return 0.0 if turn is None else self.session_elapsed() - turn.start

    def turn_remaining(self) -> float:
        """Seconds left in the running turn, negative in over time; with no speaker, the full
        turn length (what the next turn will have)."""
        turn = self._open_turn()
        if turn is None:
            return float(self._config.turn_seconds)
        return turn.budget - (self.session_elapsed() - turn.start)

    def turn_phase(self) -> Phase:
        """NORMAL, WARNING in the last ``warning_seconds``, OVERTIME once past zero."""
        if self._open_turn() is None:
            return Phase.NORMAL
        return _phase(self.turn_remaining(), self._config.warning_seconds)

    def phase_change_in(self) -> float | None:
        """Seconds until the turn's phase next changes (to schedule a chime with one timer);
        None when nothing will change: paused, no speaker, or already over time."""
        if self._state is not State.RUNNING or self._open_turn() is None:
            return None
        left, warn = self.turn_remaining(), self._config.warning_seconds
        if warn > 0 and whole_ms(left) > whole_ms(warn):
            return left - warn
        return left if whole_ms(left) >= 0 else None

    def talk_time_by_participant(self) -> dict[int, float]:
        """Seconds spoken per participant id (everyone who sat), the running turn included."""
        totals = dict.fromkeys(self._participants, 0.0)
        for t in self.turns():
            totals[t.participant_id] += t.duration
        return totals

    def talk_time_by_chair(self) -> tuple[float, ...]:
        """Seconds spoken from each chair, by whoever sat in it."""
        totals = [0.0] * self._config.chairs
        for t in self.turns():
            totals[t.chair] += t.duration
        return tuple(totals)

    # --- checks shared by the operations -------------------------------------------------------
    def _check_state(self, *allowed: State, setup: str | None = None) -> None:
        if self._state in allowed:
            return
        raise FishbowlError(
            {
                State.SETUP: setup or N_("The session has not started yet"),
                State.RUNNING: N_("The session is already running"),
                State.PAUSED: N_("The session is paused"),
                State.FINISHED: N_("The session is over: reset it to start a new one"),
            }[self._state]
        )

    def _check_chair(self, chair: int) -> None:
        if (
            isinstance(chair, bool)
            or not isinstance(chair, int)
            or not (0 <= chair < self._config.chairs)
        ):
            raise FishbowlError(
                N_("There is no chair {chair!r}: the circle has chairs 1 to {n}"),
                chair=chair,
                n=self._config.chairs,
            )

    def _occupied_pid(self, chair: int) -> int:
        self._check_chair(chair)
        pid = self._chairs[chair]
        if pid is None:
            raise FishbowlError(N_("{chair} is empty"), chair=chair_name(chair))
        return pid

    def _seat(
        self, chair: int, name: str | None, *, from_audience: bool, joined_at: float = 0.0
    ) -> Participant:
        person = Participant(self._next_id, chair, name, from_audience, joined_at)
        self._next_id += 1
        self._participants[person.id] = person
        self._chairs[chair] = person.id
        return person

    def _pick_next(self, chair: int | None) -> int:
        """The chair that speaks next: the one asked for, else the queue's head, else the next
        occupied chair after the last speaker's in circle order."""
        speaking = self.speaker_chair
        if chair is not None:
            self._occupied_pid(chair)
            if chair == speaking:
                raise FishbowlError(N_("{chair} is already speaking"), chair=chair_name(chair))
            return chair
        if self._queue and self._queue[0].pid is not None:
            return self._participants[self._queue[0].pid].chair
        if self._queue:
            # someone from the audience: they will sit in the first free chair
            free = self.empty_chairs()
            if not free:
                raise FishbowlError(
                    NO_SEAT_FOR,
                    name=self._queue[0].name,
                )
            return free[0]
        candidates = [i for i in self.occupied_chairs() if i != speaking]
        if not candidates:
            raise FishbowlError(
                N_("Nobody else is in the circle")
                if speaking is not None
                else N_("The circle is empty: someone must take a chair first")
            )
        after = speaking if speaking is not None else (self._turns[-1].chair if self._turns else -1)
        return next((i for i in candidates if i > after), candidates[0])

    def _close_turn(self) -> None:
        turn = self._open_turn()
        if turn is not None:
            turn.end = self.session_elapsed()

    def _open_new_turn(self, chair: int) -> None:
        if self._chairs[chair] is None:
            # the head of the queue, from the audience, takes this free chair (``_pick_next``)
            head = self._queue.pop(0)
            self._seat(chair, head.name, from_audience=True, joined_at=self.session_elapsed())
        pid = self._chairs[chair]
        assert pid is not None
        round_ = self.round_number or 1
        seated = {p for p in self._chairs if p is not None}
        if self._turns and seated <= self._spoken_in_round():
            round_ += 1
        self._turns.append(
            Turn(
                len(self._turns) + 1,
                round_,
                chair,
                pid,
                self.session_elapsed(),
                float(self._config.turn_seconds),
                self._wall.now(),
            )
        )
        self._queue = [w for w in self._queue if w.pid != pid]

    # --- operations ----------------------------------------------------------------------------
    def configure(self, **changes: Any) -> None:
        """Change the setup (chairs, empty chairs, times, title, questions, chime); SETUP only.
        Names given to chairs that stay seated are kept."""
        if self._state is not State.SETUP:
            raise FishbowlError(
                N_("The setup can only change before the session starts: reset the session first")
            )
        config = replace(self._config, **changes)
        self._config = config
        seated = config.chairs - config.empty_chairs
        self._setup_names = {c: n for c, n in self._setup_names.items() if c < seated}
        self._new_session()
        self._emit(Event.CONFIGURED)

    def set_chime(self, enabled: bool) -> None:
        """The mute toggle; kept in the session so it survives a restart."""
        self._config = replace(self._config, chime=bool(enabled))
        self._emit(Event.CONFIGURED)

    def start(self, chair: int | None = None) -> None:
        """Start the session clock and the first turn (``chair``, else the queue, else the
        first occupied chair)."""
        self._check_state(State.SETUP)
        target = self._pick_next(chair)
        self._state = State.RUNNING
        self._running_since = self._clock.now()
        self._started_wall = self._wall.now()
        self._add_run(self._started_wall)
        self._question_log.append((0.0, self.question))
        self._open_new_turn(target)
        self._emit(Event.STARTED)

    def pause(self) -> None:
        self._check_state(State.RUNNING)
        self._elapsed_base = self.session_elapsed()
        self._running_since = None
        self._state = State.PAUSED
        self._emit(Event.PAUSED)

    def resume(self) -> None:
        self._check_state(State.PAUSED, setup=N_("The session has not started yet: start it first"))
        self._running_since = self._clock.now()
        self._add_run(self._wall.now())
        self._state = State.RUNNING
        self._emit(Event.RESUMED)

    def _add_run(self, wall: float) -> None:
        """The clock starts running at ``wall``: a run for ``wall_time_at``. At most as many as a
        snapshot reads back; past that the oldest goes (its times of day become unknown)."""
        del self._runs[: max(0, len(self._runs) - MAX_ITEMS + 1)]
        self._runs.append((self._elapsed_base, wall))

    def toggle(self) -> None:
        """The Space key: start, pause or resume."""
        if self._state is State.SETUP:
            self.start()
        elif self._state is State.RUNNING:
            self.pause()
        else:
            self.resume()  # refuses, with the reason, once the session is over

    def next_speaker(self, chair: int | None = None) -> None:
        """End the running turn and give the word to ``chair``, else the head of the queue,
        else the next occupied chair in circle order. While paused, the new turn starts
        counting on resume."""
        self._check_state(State.RUNNING, State.PAUSED)
        target = self._pick_next(chair)
        self._close_turn()
        self._open_new_turn(target)
        self._emit(Event.SPEAKER_CHANGED)

    def end_turn(self) -> None:
        """End the running turn without giving the word to anyone yet."""
        self._check_state(State.RUNNING, State.PAUSED)
        if self._open_turn() is None:
            raise FishbowlError(N_("No one is speaking"))
        self._close_turn()
        self._emit(Event.TURN_ENDED)

    def take_empty_chair(self, chair: int | None = None, name: str | None = None) -> Participant:
        """Someone from the audience sits down in ``chair`` (else the first empty one)."""
        self._check_state(
            State.RUNNING,
            State.PAUSED,
            setup=N_("The session has not started yet: set the empty chairs in the setup instead"),
        )
        free = self.empty_chairs()
        if not free:
            raise FishbowlError(N_("All chairs are taken: someone must step out first"))
        if chair is None:
            chair = free[0]
        self._check_chair(chair)
        if chair not in free:
            raise FishbowlError(N_("{chair} is taken"), chair=chair_name(chair))
        cleaned = clean_text(name, MAX_NAME, N_("The name"))
        person = self._seat(chair, cleaned, from_audience=True, joined_at=self.session_elapsed())
        waiting = self._audience_waiting(cleaned)
        if waiting is not None:
            # they asked to enter from the audience: now seated, they keep their place in line
            self._queue[waiting] = Waiting(pid=person.id)
        self._emit(Event.CHAIR_TAKEN)
        return person

    def _audience_waiting(self, name: str | None) -> int | None:
        """The queue position of someone from the audience with this name (any case)."""
        if not name:
            return None
        key = name.casefold()
        return next(
            (
                i
                for i, w in enumerate(self._queue)
                if w.pid is None and w.name is not None and w.name.casefold() == key
            ),
            None,
        )

    def leave_chair(self, chair: int) -> None:
        """Someone steps out of the circle; if they were speaking, their turn ends."""
        self._check_state(
            State.RUNNING,
            State.PAUSED,
            setup=N_("The session has not started yet: set the empty chairs in the setup instead"),
        )
        pid = self._occupied_pid(chair)
        if self.speaker_chair == chair:
            self._close_turn()
        self._queue = [w for w in self._queue if w.pid != pid]
        self._participants[pid] = replace(self._participants[pid], left_at=self.session_elapsed())
        self._chairs[chair] = None
        self._emit(Event.CHAIR_LEFT)

    def add_time(self, seconds: float, target: TimeTarget = "turn") -> None:
        """Give the running turn (or the session) more time."""
        self._adjust(_positive_seconds(seconds), target)

    def remove_time(self, seconds: float, target: TimeTarget = "turn") -> None:
        """Take time away; the budget stops at zero (the turn is then over time)."""
        self._adjust(-_positive_seconds(seconds), target)

    def _adjust(self, delta: float, target: TimeTarget) -> None:
        self._check_state(State.SETUP, State.RUNNING, State.PAUSED)
        if target == "turn":
            turn = self._open_turn()
            if turn is None:
                raise FishbowlError(N_("No one is speaking: there is no turn to change"))
            turn.budget = _bounded_budget(turn.budget + delta, N_("A turn"))
        elif target == "session":
            self._session_budget = _bounded_budget(self._session_budget + delta, N_("The session"))
        else:
            raise FishbowlError(
                N_("Cannot change the time of {target!r}: use 'turn' or 'session'"), target=target
            )
        self._emit(Event.TIME_CHANGED)

    def finish(self) -> None:
        """End the session (and the running turn); the log stays for the export."""
        self._check_state(State.RUNNING, State.PAUSED)
        self._close_turn()
        self._elapsed_base = self.session_elapsed()
        self._running_since = None
        self._queue.clear()
        self._state = State.FINISHED
        self._emit(Event.FINISHED)

    def reset(self) -> None:
        """Back to SETUP with the same configuration and the names given at setup."""
        self._new_session()
        self.recovery = None
        self._emit(Event.RESET)

    def set_question(self, question: int | str) -> None:
        """Show question number ``question`` (0-based), or this text (added if new)."""
        if isinstance(question, str):
            text = clean_text(question, 500, N_("The question"))
            if not text:
                raise FishbowlError(N_("The question is empty"))
            if text not in self._config.questions:
                self._config = replace(self._config, questions=(*self._config.questions, text))
            index = self._config.questions.index(text)
        else:
            if isinstance(question, bool) or not 0 <= question < len(self._config.questions):
                raise FishbowlError(N_("There is no question {question!r}"), question=question)
            index = question
        self._question_index = index
        if self._state is not State.SETUP:
            self._question_log.append((self.session_elapsed(), self.question))
        self._emit(Event.QUESTION_CHANGED)

    def set_participant_name(self, chair: int, name: str | None) -> None:
        """Name (or, with None or "", un-name) the person in ``chair``."""
        pid = self._occupied_pid(chair)
        cleaned = clean_text(name, MAX_NAME, N_("The name"))
        self._participants[pid] = replace(self._participants[pid], name=cleaned)
        if self._state is State.SETUP:
            if cleaned:
                self._setup_names[chair] = cleaned
            else:
                self._setup_names.pop(chair, None)
        self._emit(Event.PARTICIPANT_RENAMED)

    def enqueue(self, chair: int) -> None:
        """The person in ``chair`` asks to speak next (after those already waiting)."""
        self._check_state(State.SETUP, State.RUNNING, State.PAUSED)
        pid = self._occupied_pid(chair)
        who = self._participants[pid].label_said
        if chair == self.speaker_chair:
            raise FishbowlError(N_("{who} is speaking now"), who=who)
        if pid in self._queued_pids():
            raise FishbowlError(N_("{who} is already waiting to speak"), who=who)
        self._queue.append(Waiting(pid=pid))
        self._emit(Event.QUEUE_CHANGED)

    def enqueue_name(self, name: str) -> None:
        """Someone asks to speak, by name: a person in the circle with that name is queued from
        their chair; anyone else is from the audience and asks to enter the circle (an open
        fishbowl only)."""
        self._check_state(State.SETUP, State.RUNNING, State.PAUSED)
        cleaned = clean_text(name, MAX_NAME, N_("The name"))
        if cleaned is None:
            raise FishbowlError(N_("Type the name of the person who asks to speak"))
        key = cleaned.casefold()
        for chair in self.occupied_chairs():
            person = self.occupant(chair)
            if person is not None and person.name and person.name.casefold() == key:
                self.enqueue(chair)
                return
        if not self._config.is_open:
            raise FishbowlError(
                N_("{name} is not in the circle, and this fishbowl keeps no chair free"),
                name=cleaned,
            )
        waiting = self._audience_waiting(cleaned)
        if waiting is not None:
            raise FishbowlError(
                N_("{who} is already waiting to speak"), who=self._queue[waiting].name
            )
        if sum(w.pid is None for w in self._queue) >= MAX_QUEUE:
            raise FishbowlError(N_("At most {n} people can wait to speak"), n=MAX_QUEUE)
        self._queue.append(Waiting(name=cleaned))
        self._emit(Event.QUEUE_CHANGED)

    def dequeue_at(self, position: int) -> None:
        """Take the person at ``position`` (0 = next) off the queue."""
        self._check_state(State.SETUP, State.RUNNING, State.PAUSED)
        if isinstance(position, bool) or not 0 <= position < len(self._queue):
            raise FishbowlError(N_("No one is waiting there"))
        del self._queue[position]
        self._emit(Event.QUEUE_CHANGED)

    def set_message(self, text: str | None) -> None:
        """Show a short message to the circle ("Please wrap up"); None or "" clears it."""
        cleaned = clean_text(text, MAX_MESSAGE, N_("The message"))
        if cleaned == self._message:
            return
        self._message = cleaned
        self._emit(Event.MESSAGE_CHANGED)

    def dequeue(self, chair: int | None = None) -> None:
        """Take ``chair`` (else the head) off the queue."""
        self._check_state(State.SETUP, State.RUNNING, State.PAUSED)
        if chair is None:
            if not self._queue:
                raise FishbowlError(N_("No one is waiting to speak"))
            self._queue.pop(0)
        else:
            pid = self._occupied_pid(chair)
            if pid not in self._queued_pids():
                raise FishbowlError(N_("{chair} is not waiting to speak"), chair=chair_name(chair))
            self._queue = [w for w in self._queue if w.pid != pid]
        self._emit(Event.QUEUE_CHANGED)

    def add_note(self, text: str) -> None:
        """A key point for the harvest, stamped with the session time and who was speaking."""
        cleaned = clean_text(text, MAX_NOTE, N_("The note"))
        if not cleaned:
            raise FishbowlError(N_("The note is empty"))
        if len(self._notes) >= MAX_NOTES:
            raise FishbowlError(N_("A session keeps at most {n} notes"), n=MAX_NOTES)
        speaker = self.speaker
        self._notes.append(
            Note(self.session_elapsed(), cleaned, None if speaker is None else speaker.label)
        )
        self._emit(Event.NOTES_CHANGED)

    def delete_note(self, index: int) -> None:
        if isinstance(index, bool) or not 0 <= index < len(self._notes):
            raise FishbowlError(N_("There is no note {index!r}"), index=index)
        del self._notes[index]
        self._emit(Event.NOTES_CHANGED)

    # --- invariants ----------------------------------------------------------------------------
    def check_invariants(self) -> None:
        """Raise InvariantError if the session's data breaks a rule (used by the tests and on
        restore; cheap enough to call after every step)."""

        def need(condition: bool, message: str) -> None:
            if not condition:
                raise InvariantError(message)

        c, chairs, people = self._config, self._chairs, self._participants
        elapsed = self.session_elapsed()
        need(len(chairs) == c.chairs, "the circle has the configured number of chairs")
        seated = [pid for pid in chairs if pid is not None]
        need(len(seated) == len(set(seated)), "nobody sits in two chairs")
        need(len(seated) + chairs.count(None) == c.chairs, "occupied + empty == chairs")
        for i, pid in enumerate(chairs):
            if pid is not None:
                need(
                    pid in people and people[pid].seated and people[pid].chair == i,
                    f"chair {i} holds a seated participant who sits there",
                )
        for pid, person in people.items():
            need(pid == person.id and 0 < pid < self._next_id, "participant ids are consistent")
            need(0 <= person.chair < c.chairs, "participants sit in existing chairs")
            need(
                person.seated == (chairs[person.chair] == pid),
                "a seated participant holds their chair; one who left holds none",
            )
        open_turns = [t for t in self._turns if t.end is None]
        need(len(open_turns) <= 1, "at most one speaker")
        if open_turns:
            need(open_turns[0] is self._turns[-1], "only the latest turn may be running")
            need(self._state in (State.RUNNING, State.PAUSED), "a turn runs only in a session")
            need(
                chairs[open_turns[0].chair] == open_turns[0].participant,
                "the speaker sits in the speaker's chair",
            )
        need(
            (self._running_since is not None) == (self._state is State.RUNNING),
            "the clock runs exactly while RUNNING",
        )
        if self._state is State.SETUP:
            need(chairs.count(None) == c.empty_chairs, "setup leaves the designated chairs free")
            need(not self._turns and elapsed == 0.0, "nothing has happened in setup")
        queued = self._queued_pids()
        need(len(queued) == len(set(queued)), "nobody queues twice")
        need(all(pid in seated for pid in queued), "only people in the circle queue by chair")
        names = [w.name.casefold() for w in self._queue if w.pid is None and w.name]
        need(
            all((w.pid is None) != (w.name is None) for w in self._queue),
            "a queued person is either in a chair or named",
        )
        need(len(names) == len(set(names)), "nobody from the audience queues twice")
        need(self.speaker is None or self.speaker.id not in queued, "the speaker is not waiting")
        need(elapsed >= 0 and self._session_budget >= 0, "times are not negative")
        previous = None
        for n, t in enumerate(self._turns, 1):
            need(t.number == n, "turns are numbered 1, 2, 3...")
            need(
                t.participant in people and people[t.participant].chair == t.chair,
                "a turn's speaker sat in the turn's chair",
            )
            need(t.budget >= 0 and 0 <= t.start <= elapsed + 1e-9, "a turn starts in the session")
            need(t.end is None or t.start <= t.end <= elapsed + 1e-9, "a turn ends after it starts")
            if previous is None:
                need(t.round == 1, "the first turn opens round 1")
            else:
                need(
                    previous.end is not None and previous.end <= t.start + 1e-9,
                    "turns do not overlap",
                )
                need(t.round in (previous.round, previous.round + 1), "rounds go up one by one")
            previous = t
        need(0 <= self._question_index < len(c.questions), "the question exists")
        runs = [at for at, _wall in self._runs]
        need(runs == sorted(runs), "the clock's runs are in order")
        need(all(0 <= at <= elapsed + 1e-9 for at in runs), "the clock's runs are in the session")
        need(self._state is not State.SETUP or not runs, "the clock has not run in setup")
        need(self._state is not State.RUNNING or bool(runs), "a running clock has its run")

    # --- snapshot ------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild the session, as plain JSON-ready data.

        Times are session seconds (relative), never monotonic readings: those mean nothing in
        another process. ``saved_wall`` says when it was written.
        """
        return to_plain(
            SavedSession(
                saved_wall=self._wall.now(),
                state=self._state,
                elapsed=self.session_elapsed(),
                session_budget=self._session_budget,
                started_wall=self._started_wall,
                config=self._config,
                question_index=self._question_index,
                chairs=tuple(self._chairs),
                next_id=self._next_id,
                participants=tuple(self._participants.values()),
                queue=tuple(self._queue),
                turns=tuple(self._turns),
                question_log=tuple(self._question_log),
                notes=tuple(self._notes),
                setup_names=self._setup_names,
                message=self._message,
                runs=tuple(self._runs),
            )
        )

    @classmethod
    def from_snapshot(
        cls, data: Any, clock: Clock, *, wall: WallClock | None = None
    ) -> FishbowlSession:
        """Rebuild a session saved by ``snapshot()`` (possibly by a process that crashed).

        A session that was RUNNING comes back PAUSED at the elapsed time of the save: the time
        the app was down is not counted, nothing recorded is lost, and the facilitator resumes
        with Space when the room is ready. ``recovery`` says what happened.
        Raises ``SnapshotError`` for data that is not a valid session.
        """
        saved = from_plain(data)
        try:
            session = cls(clock, saved.config, wall=wall)
            session._restore(saved)
            session.check_invariants()
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            FishbowlError,
            InvariantError,
        ) as exc:
            raise SnapshotError(f"The saved session is damaged: {exc!r}") from exc
        return session

    def _restore(self, saved: SavedSession) -> None:
        was_running = saved.state is State.RUNNING
        self._question_index = saved.question_index
        self._elapsed_base = saved.elapsed
        self._session_budget = saved.session_budget
        self._started_wall = saved.started_wall
        self._chairs = list(saved.chairs)
        self._next_id = saved.next_id
        self._participants = {p.id: p for p in saved.participants}
        self._queue = list(saved.queue)
        self._turns = list(saved.turns)
        self._question_log = list(saved.question_log)
        self._notes = list(saved.notes)
        self._setup_names = dict(saved.setup_names)
        self._message = saved.message
        self._runs = list(saved.runs)
        self._state = State.PAUSED if was_running else saved.state
        self._running_since = None
        self.recovery = Recovery(saved.saved_wall, was_running, saved.elapsed)
