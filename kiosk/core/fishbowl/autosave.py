"""When the fishbowl session is saved: after every change, and every few seconds while it runs.

The store decides how a save survives a crash; this decides how much a crash can lose (at most
``interval`` seconds of a running turn) and that a failing save never stops the discussion. A
failing save is not quiet either: from the first failure until a save succeeds, ``problem`` is a
sentence for the facilitator ("Not saved since 12:03: the disk is full"), because a crash then
would lose everything since that time.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import Event, FishbowlSession
from kiosk.core.fishbowl.store import SessionStore
from kiosk.i18n import N_, Said

log = logging.getLogger(__name__)

# what a failed save's error means, in the facilitator's words
_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("the app may not write to its save folder"),
    errno.EPERM: N_("the app may not write to its save folder"),
    errno.EROFS: N_("the disk is read-only"),
}
NOT_SAVED_SINCE = N_("Not saved since {time}: {reason}")


def save_failure_reason(exc: BaseException) -> str:
    """Why a save failed, in plain words (English): see ``failure_said``."""
    return str(failure_said(exc))


def failure_said(exc: BaseException) -> Said:
    """Why a save failed, in plain words: the usual causes by name (said in the language on
    screen), else the system's own words (lower case, to follow a colon)."""
    if isinstance(exc, OSError):
        if exc.errno in _REASONS:
            return Said(_REASONS[exc.errno])
        if exc.strerror:
            return Said("{words}", words=exc.strerror.lower())
    if isinstance(exc, ValueError):
        return Said(N_("the session could not be written"))
    return Said("{words}", words=str(exc) or type(exc).__name__)


class AutoSaver:
    """Saves the session after every change and, while it runs, every ``interval`` seconds of
    the session clock (the UI calls ``tick()`` from its display timer), so a crash loses at
    most ``interval`` seconds of a running turn. A failing save is logged, never raised: the
    discussion goes on, and ``last_error`` tells the facilitator view."""

    def __init__(
        self,
        session: FishbowlSession,
        store: SessionStore,
        interval: float = 5.0,
        on_problem: Callable[[str | None], None] | None = None,
    ) -> None:
        self.session = session
        self.store = store
        self.interval = interval
        self.last_error: str | None = None
        self.problem: str | None = None  # for the facilitator; None once a save succeeds
        self.problem_said: Said | None = None  # the same, to say in the facilitator's language
        self._on_problem = on_problem
        self._saved_at: float | None = None
        self._last_good_wall: float | None = None  # when a save last succeeded
        self._failing_since_wall: float | None = None  # the first failure since then
        self._unsubscribe: Callable[[], None] = session.subscribe(self._changed)

    def _changed(self, _event: Event) -> None:
        self.save_now()

    def tick(self) -> bool:
        """Save if the session has run ``interval`` seconds since the last save."""
        if self.session.state is not State.RUNNING:
            return False
        now = self.session.clock.now()
        if self._saved_at is not None and now - self._saved_at < self.interval:
            return False
        return self.save_now()

    def due_in(self) -> float | None:
        """Seconds until the next periodic save is due (None while the session is not running):
        the UI arms its save timer with this, so saves are ``interval`` apart whatever else
        saved in between."""
        if self.session.state is not State.RUNNING:
            return None
        if self._saved_at is None:
            return 0.0
        return max(0.0, self.interval - (self.session.clock.now() - self._saved_at))

    def save_now(self) -> bool:
        self._saved_at = self.session.clock.now()
        wall = self.store.wall.now()
        try:
            self.store.save(self.session.snapshot())
        except (OSError, ValueError) as exc:
            self.last_error = f"The session could not be saved: {exc}"
            log.warning(self.last_error)
            if self._failing_since_wall is None:
                self._failing_since_wall = wall
            since = self._last_good_wall
            if since is None:
                since = self._failing_since_wall
            self._set_problem(
                Said(
                    NOT_SAVED_SINCE,
                    time=time.strftime("%H:%M", time.localtime(since)),
                    reason=failure_said(exc),
                )
            )
            return False
        self.last_error = None
        self._last_good_wall = wall
        self._failing_since_wall = None
        self._set_problem(None)
        return True

    def _set_problem(self, said: Said | None) -> None:
        """Tell the listener when the sentence changes, not at every save."""
        problem = None if said is None else str(said)
        if problem == self.problem:
            return
        self.problem = problem
        self.problem_said = said
        if self._on_problem is not None:
            self._on_problem(problem)

    def close(self) -> None:
        self._unsubscribe()
