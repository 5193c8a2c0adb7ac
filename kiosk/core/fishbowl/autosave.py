"""When the fishbowl session is saved: after every change, and every few seconds while it runs.

The store decides how a save survives a crash; this decides how much a crash can lose (at most
``interval`` seconds of a running turn) and that a failing save never stops the discussion.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import Event, FishbowlSession
from kiosk.core.fishbowl.store import SessionStore

log = logging.getLogger(__name__)


class AutoSaver:
    """Saves the session after every change and, while it runs, every ``interval`` seconds of
    the session clock (the UI calls ``tick()`` from its display timer), so a crash loses at
    most ``interval`` seconds of a running turn. A failing save is logged, never raised: the
    discussion goes on, and ``last_error`` tells the facilitator view."""

    def __init__(
        self, session: FishbowlSession, store: SessionStore, interval: float = 5.0
    ) -> None:
        self.session = session
        self.store = store
        self.interval = interval
        self.last_error: str | None = None
        self._saved_at: float | None = None
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
        try:
            self.store.save(self.session.snapshot())
        except (OSError, ValueError) as exc:
            self.last_error = f"The session could not be saved: {exc}"
            log.warning(self.last_error)
            return False
        self.last_error = None
        return True

    def close(self) -> None:
        self._unsubscribe()
