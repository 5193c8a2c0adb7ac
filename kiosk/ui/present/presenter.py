"""The presenter's session: the gallery window the audience sees, the console beside it (or, on
one screen, a peek at it with a key), the talk's clocks, and the keys that drive both.

State and its owners: the screen and poster belong to the gallery's ``Navigation`` and its
layers (blackout) to its ``Modes``, as ever; the clocks to ``kiosk.core.talk.TalkClock``; the
one thing this object owns is whether the console is peeked at (one screen). The console only
renders what it is told here."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.core.clock import Clock, MonotonicClock, SystemWallClock, WallClock
from kiosk.core.modes import Mode
from kiosk.core.presenter import sequence
from kiosk.core.talk import TalkClock, time_of_day_text
from kiosk.theme import TypeScale
from kiosk.ui.present import strings as S
from kiosk.ui.present.console import ConsoleWindow
from kiosk.ui.present.routing import PresenterInput

if TYPE_CHECKING:
    from kiosk.ui.context import Ctx
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger("kiosk.present")

PEEK_KEY = Qt.Key.Key_C  # one screen: the console over the gallery, and back
CLOCK_KEY = Qt.Key.Key_S  # pause or resume the talk's clock
TICK_MS = 250  # the clocks' labels are rewritten only when their text changes
MIRROR_RETRY_MS = 80  # a slide in progress: the copy of the room's screen waits for its end


class Presenter(QObject):
    """``peek``: one screen, so the console is shown over the gallery only while C is on;
    otherwise the console has a screen of its own and is always shown."""

    def __init__(
        self,
        window: MainWindow,
        console_size: tuple[int, int],
        peek: bool,
        clock: Clock | None = None,
        wall: WallClock | None = None,
        talk_minutes: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.peek = peek
        self.peeking = False
        self._wall = wall or SystemWallClock()
        settings = window.ctx.gallery.settings.presenter
        minutes = talk_minutes if talk_minutes is not None else settings.talk_minutes
        self.talk = TalkClock(
            clock or MonotonicClock(),
            budget=minutes * 60 if minutes else None,
            warning=settings.warning_minutes * 60,
        )
        self.console = ConsoleWindow(self._console_ctx(TypeScale.for_size(*console_size)), peek)
        console = self.console
        console.jump_requested.connect(lambda i: window.nav.open(i))
        console.pause_requested.connect(self._toggle_clock)
        console.restart_requested.connect(self._restart_clock)
        console.minutes_requested.connect(self._add_minutes)
        console.close_requested.connect(lambda: self.set_peeking(False))
        window.nav.subscribe(lambda _old, _new: self.refresh())
        window.mode_changed.connect(lambda _mode, _on: self.refresh())
        window.gallery_changed.connect(lambda _gallery: self.refresh())
        self._gallery = window.ctx.gallery  # the content the console was last told
        self._mirror_timer = QTimer(self)
        self._mirror_timer.setSingleShot(True)
        self._mirror_timer.timeout.connect(self.grab_mirror)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._pointer_hidden = False
        self.input = PresenterInput(
            self,
            window,
            self.console,
            self.console_key,
            self.audience_key,
            self.pointer_over_audience,
        )
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.input)
        self.refresh()
        self.tick()

    def _console_ctx(self, scale: TypeScale) -> Ctx:
        # the gallery's content, look and language at the console's own size; never the
        # visitor's reach mode (the console is the presenter's)
        return replace(self.window.ctx, scale=scale, reach=False)

    # --- showing the console ------------------------------------------------------------------
    def show_console(self) -> None:
        """The console on its own screen (two screens), always on."""
        self.console.show()
        self._ticker.start()
        self.schedule_mirror()

    def set_peeking(self, on: bool) -> None:
        """One screen: the console over the gallery (on), or the gallery again (off)."""
        if not self.peek or on == self.peeking:
            return
        self.peeking = on
        log.info("console peek %s", "on" if on else "off")
        console, window = self.console, self.window
        if on:
            console.setGeometry(window.geometry())
            if window.isFullScreen():
                console.showFullScreen()
            else:
                console.show()
            console.raise_()
            console.activateWindow()
            self._ticker.start()
            self.refresh()
            self.tick()
        else:
            self._ticker.stop()
            console.hide()
            window.raise_()
            window.activateWindow()

    @property
    def console_on_show(self) -> bool:
        return self.peeking if self.peek else self.console.isVisible()

    # --- what the console shows ---------------------------------------------------------------
    def refresh(self) -> None:
        """The console told where the gallery stands (after any move, layer or reload)."""
        window = self.window
        if window.ctx.gallery is not self._gallery:  # a reload (perhaps of the notes alone)
            self._gallery = window.ctx.gallery
            self.console.set_posters(self._console_ctx(self.console.ctx.scale))
        state = window.nav.state
        seq = sequence(state, len(window.ctx.gallery.posters))
        where = S.SCREEN_NAMES.get(state.screen.value, "")
        self.console.show_sequence(seq, where, window.modes.is_open(Mode.BLACKOUT))
        self.schedule_mirror()

    def schedule_mirror(self, delay_ms: int = 0) -> None:
        if self.console_on_show:
            self._mirror_timer.start(delay_ms)

    def grab_mirror(self) -> None:
        """A copy of the audience's screen as it is now, at the console's size (after a slide
        has ended: a copy made mid-slide would show half of two posters)."""
        window = self.window
        screen = window.poster_screen if window.nav.state.screen.value == "poster" else None
        if screen is not None and screen.deck.is_animating():
            self.schedule_mirror(MIRROR_RETRY_MS)
            return
        mirror = self.console.mirror
        ratio = mirror.devicePixelRatioF()
        shot: QPixmap = window.grab()
        scaled = shot.scaled(
            round(mirror.width() * ratio),
            round(mirror.height() * ratio),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)
        self.console.show_mirror(scaled)

    def tick(self) -> None:
        if self.window.ctx.gallery is not self._gallery:  # notes reloaded: nothing else says so
            self.refresh()
        self.console.show_clock(self.talk.reading(), time_of_day_text(self._wall.now()))

    # --- the clocks ---------------------------------------------------------------------------
    def _toggle_clock(self) -> None:
        self.talk.toggle()
        log.info("talk clock %s", "running" if self.talk.running else "paused")
        self.tick()

    def _restart_clock(self) -> None:
        self.talk.restart()
        log.info("talk clock restarted")
        self.tick()

    def _add_minutes(self, minutes: int) -> None:
        self.talk.add_minutes(minutes)
        budget = self.talk.budget
        log.info("talk countdown: %s", f"{budget / 60:g} min" if budget else "off")
        self.tick()

    # --- keys and pointer (kiosk.ui.present.routing) --------------------------------------------
    def console_key(self, event: QKeyEvent) -> bool:
        """A key pressed while the console is in front: its own keys (scroll the notes, the
        clock, back to the gallery); every other key drives the gallery, as a clicker
        expects. Always taken: nothing inside the console acts on keys."""
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.console.scroll_notes(1 if key == Qt.Key.Key_Down else -1)
        elif key == CLOCK_KEY:
            self._toggle_clock()
        elif key == PEEK_KEY or (key == Qt.Key.Key_Escape and self.peeking):
            self.set_peeking(False)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            pass  # the gallery's walk through its buttons means nothing from here
        else:
            self.window.handle_key(event)
        return True

    def audience_key(self, event: QKeyEvent) -> bool:
        """A key pressed while the gallery is in front: C opens the console (a peek on one
        screen, to the front on two), S pauses the clock; the gallery takes the rest."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key == PEEK_KEY and self.window.modes.takes_gallery_keys():
            if self.peek:
                self.set_peeking(True)
            else:
                self.console.raise_()
                self.console.activateWindow()
            return True
        if key == CLOCK_KEY and self.window.modes.takes_gallery_keys():
            self._toggle_clock()
            return True
        return False

    def pointer_over_audience(self, over: bool) -> None:
        """The pointer is hidden over the room's screen, and back as it leaves it."""
        if over and not self._pointer_hidden:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._pointer_hidden = True
        elif not over and self._pointer_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._pointer_hidden = False

    def stop(self) -> None:
        """The filter and the timers removed (a test's end, the app's)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input)
        self.pointer_over_audience(False)
        self._ticker.stop()
        self._mirror_timer.stop()
