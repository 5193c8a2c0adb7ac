"""Where the window's signals become analytics records (kiosk.core.analytics): a visitor
session from the first input to the idle reset, each screen and poster with the time spent on
it, votes, read aloud. Only ids and numbers are recorded (kiosk.core.analytics.events); the
writing happens on the recorder's own thread, never on the GUI's."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.core.analytics.events import Event, EventError, Record, SessionEnd, SessionStart
from kiosk.core.analytics.recorder import Recorder
from kiosk.core.analytics.report import poll_tallies
from kiosk.core.analytics.store import FILE_NAME
from kiosk.core.clock import Clock, MonotonicClock, SystemWallClock, WallClock
from kiosk.core.poll import Vote
from kiosk.core.visit import Visits

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from kiosk.content.model import AnalyticsSettings
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def saved_tallies(path: Path) -> dict[str, dict[int, int]]:
    """The votes already on disk, for the poll's results; none when the file cannot be read."""
    if not path.is_file():
        return {}
    try:
        db = sqlite3.connect(path, timeout=0.5)
        try:
            return poll_tallies(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        log.warning("analytics: the votes in %s could not be read (%s)", path, exc)
        return {}


class AnalyticsTap(QObject):
    def __init__(
        self,
        window: MainWindow,
        activity: SignalInstance,
        folder: Path,
        settings: AnalyticsSettings,
        clock: Clock | None = None,
        wall: WallClock | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = folder / FILE_NAME
        self._clock = clock or MonotonicClock()
        self._wall = wall or SystemWallClock()
        window.polls.add_tallies(saved_tallies(self.path))
        self.recorder = Recorder(
            self.path, settings.retention_days, settings.max_megabytes * 1024 * 1024
        )
        self.visits = Visits(self._clock, self._wall)
        self._screen = window.screen_name(window.nav.state)
        self._since = self._clock.now()
        activity.connect(self._activity)
        window.screen_changed.connect(self._screen_changed)
        window.visitor_left.connect(lambda: self.end("idle"))
        window.polls.subscribe(self._voted)
        window.reader.reading_changed.connect(self._reading)
        window.usage.subscribe(self._used)

    # --- what the window tells -------------------------------------------------------------------
    def _activity(self) -> None:
        visit = self.visits.activity()
        if visit is not None:
            self._put(SessionStart(visit.id, visit.started_wall))
            self._since = self._clock.now()  # the screen's time counts from the visitor's arrival

    def _screen_changed(self, screen: str) -> None:
        self._leave_screen()
        self._screen = screen

    def _voted(self, vote: Vote) -> None:
        self._activity()  # a vote is activity, even if the filter did not see it first
        self._event("vote", vote.poll, float(vote.option))

    def _used(self, kind: str, subject: str | None) -> None:
        self._event(kind, subject or self._subject())

    def _reading(self, owner: object) -> None:
        if owner is not None:
            self._event("read_aloud", self._subject())

    def end(self, reason: str) -> None:
        """The visitor session closes: the screen's time, then the session's end."""
        self._leave_screen()
        ended = self.visits.end(reason)
        if ended is not None:
            self._put(SessionEnd(ended.visit.id, self._wall.now(), ended.seconds, reason))

    def close(self) -> None:
        self.end("quit")
        self.recorder.close()

    # --- records ---------------------------------------------------------------------------------
    def _subject(self) -> str:
        kind, _, rest = self._screen.partition(" ")
        return rest or kind

    def _leave_screen(self) -> None:
        now = self._clock.now()
        seconds, self._since = now - self._since, now
        kind, _, poster = self._screen.partition(" ")
        self._event("screen", kind, seconds)
        if poster:
            self._event("poster", poster, seconds)

    def _event(self, kind: str, subject: str, value: float | None = None) -> None:
        visit = self.visits.current
        if visit is None:
            return  # nobody here (the attract loop, a screen changed by a reload)
        try:
            self._put(Event(visit.id, self._wall.now(), kind, subject, value))
        except EventError as exc:  # an id the content allows but the analytics does not
            log.debug("analytics: not recorded: %s", exc)

    def _put(self, record: Record) -> None:
        self.recorder.record(record)
