"""Unattended kiosk mode around the gallery window: locked, reset on idle, attract loop, a hidden
admin gesture, the pointer hidden while nobody moves it, and recovery from any error.

The rules live in kiosk.core.idle (when to warn, when to reset); this module only watches input
(one application-wide event filter), sets one single-shot timer for the next change, and shows
the notice and the attract loop.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.clock import Clock, MonotonicClock
from kiosk.core.idle import IdleState, IdleTracker
from kiosk.core.modes import Mode
from kiosk.ui.kiosk.activity import ActivityFilter
from kiosk.ui.kiosk.attract import AttractOverlay
from kiosk.ui.overlays import Veil
from kiosk.ui.thrown_away import throw_away
from kiosk.ui.widgets import label

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger("kiosk.kiosk")

POINTER_HIDE_MS = 3000


class StillThere(Veil):
    """ "Still there? Returning to the start in 10 s — tap to stay". The tap only says "I'm
    here": the veil keeps it from reaching what lies below."""

    ALPHA = 210

    def __init__(self, window: QWidget, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx, window)
        _card, box = self.centred_card(side=6)
        tr = ctx.tr
        box.addWidget(label(tr("Still there?"), "display"), 0, Qt.AlignmentFlag.AlignHCenter)
        self.countdown = label("", "lead", "accent", wrap=False)
        box.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(
            label(tr("Tap anywhere to stay"), "h3", "muted", wrap=False),
            0,
            Qt.AlignmentFlag.AlignHCenter,
        )
        self.setAccessibleName(tr("Still there? Tap to stay"))

    def set_seconds(self, seconds: int) -> None:
        text = self.ctx.ntr(
            "Returning to the start in {n} second",
            "Returning to the start in {n} seconds",
            seconds,
        )
        self.countdown.setText(text.format(n=self.ctx.number(seconds)))


def flat(image: QImage, columns: int = 16, rows: int = 9) -> bool:
    """True when a grid of samples across ``image`` is one colour: no gallery screen is (each
    has text, cards or artwork), so such a frame is a screen that stopped drawing."""
    w, h = image.width(), image.height()
    first = image.pixel(w // (2 * columns), h // (2 * rows))
    return all(
        image.pixel((2 * c + 1) * w // (2 * columns), (2 * r + 1) * h // (2 * rows)) == first
        for c in range(columns)
        for r in range(rows)
    )


class KioskMode(QObject):
    """Attach to a MainWindow to run it unattended: every change of what is on top goes through
    the window's ``Modes`` (the notice, the reset, the attract loop, the wake)."""

    reset_done = Signal()

    ADMIN_TIMEOUT_S = 120.0
    """The admin screen closes itself after this long without input: an organiser who walks
    away must not leave Quit on the screen for the next visitor."""

    RESTORE_MS = 500
    """How soon a minimised, hidden or covered kiosk window is brought back."""

    FRAME_CHECK_MS = 60_000
    """How often the frame on screen is checked for a uniform colour where content should be
    (a lost backing store after a display came back, a driver glitch): then it is rebuilt."""

    def __init__(
        self, window: MainWindow, activity: ActivityFilter, clock: Clock | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.modes = window.modes
        settings = window.ctx.gallery.settings
        self.clock = clock or MonotonicClock()
        self.tracker = IdleTracker(
            self.clock, settings.idle.timeout_seconds, settings.idle.warning_seconds
        )
        self.admin_tracker = IdleTracker(self.clock, self.ADMIN_TIMEOUT_S, 0.0)
        self.admin_tracker.pause()  # counts only while the admin screen is open
        self.filter = activity
        activity.activity.connect(self.activity)
        activity.moved.connect(self._pointer_moved)
        self.notice = self._make_notice()
        self.attract = self._make_attract()
        self.modes.subscribe(self._mode_changed)
        window.gallery_changed.connect(self._new_gallery)
        window.language_changed.connect(self._new_language)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._pointer_timer = QTimer(self)
        self._pointer_timer.setSingleShot(True)
        self._pointer_timer.setInterval(POINTER_HIDE_MS)
        self._pointer_timer.timeout.connect(self._hide_pointer)
        self._pointer_hidden = False
        # a window manager's menu or a stray key can minimise the kiosk: bring it back
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(self.RESTORE_MS)
        self._restore_timer.timeout.connect(self._restore)
        self._full_screen = window.isFullScreen()  # what to restore (tests run it in a window)
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(self.FRAME_CHECK_MS)
        self._frame_timer.timeout.connect(self.check_frame)
        self._frame_timer.start()
        window.installEventFilter(self)
        # a visitor listening to a poster read aloud is still there, hands still or not
        window.reader.progressed.connect(self.activity)
        self._schedule()
        self._pointer_timer.start()
        log.info(
            "kiosk mode: reset after %s s without input (+%s s notice)",
            settings.idle.timeout_seconds,
            settings.idle.warning_seconds,
        )

    def _make_attract(self) -> AttractOverlay:
        attract = AttractOverlay(self.window.ctx, self.window)
        attract.woke.connect(self._woke)
        attract.language_chosen.connect(self._language_chosen)
        self.window.register_layer(Mode.ATTRACT, attract)
        return attract

    def _make_notice(self) -> StillThere:
        notice = StillThere(self.window, self.window.ctx)
        self.window.register_layer(Mode.STILL_THERE, notice)
        return notice

    def _language_chosen(self, lang: str) -> None:
        """A language button on the attract loop: awake, and the gallery in that language."""
        self._woke()
        self.window.choose_language(lang)

    def _new_language(self, _lang: str) -> None:
        """The visitor's language changed (or the reset put the default back): the attract
        loop and the notice are made again in it."""
        self._new_gallery(None)
        old = self.notice
        self.notice = self._make_notice()
        throw_away(old)

    # --- idle -----------------------------------------------------------------------------------
    def activity(self) -> None:
        if self.modes.is_open(Mode.ATTRACT):
            return  # the attract loop's own first touch wakes it
        if self.modes.is_open(Mode.ADMIN):
            self.admin_tracker.activity()
        was = self.tracker.state()
        self.tracker.activity()
        if was is IdleState.WARNING and self.modes.leave(Mode.STILL_THERE):
            log.info("kiosk: visitor stayed")
        self._schedule()

    def _schedule(self) -> None:
        waits = [
            self.tracker.next_change_in(),
            self.tracker.next_second_in(),
            self.admin_tracker.next_change_in(),
        ]
        due = [w for w in waits if w is not None]
        if not due:
            self._timer.stop()
        else:
            self._timer.start(max(1, round(min(due) * 1000)))

    def _check(self) -> None:
        if self.admin_tracker.update() is IdleState.IDLE:
            log.info("kiosk: admin screen closed after %.0f s without input", self.ADMIN_TIMEOUT_S)
            self.modes.leave(Mode.ADMIN)  # resumes the visitor countdown (_mode_changed)
        state = self.tracker.update()
        if state is IdleState.WARNING:
            self.notice.set_seconds(self.tracker.warning_seconds_shown())
            if self.modes.enter(Mode.STILL_THERE):
                log.info("kiosk: still there? notice")
        elif state is IdleState.IDLE:
            self.reset()
            return
        self._schedule()

    def reset(self) -> None:
        """Back to the start: every layer closed (the admin screen and the PIN pad first),
        posters at the top, quotes from the first, the home screen; then the attract loop."""
        self.window.reset_for_next_visitor()
        self.tracker.reset()
        log.info("kiosk: reset after idle")
        if self.window.ctx.gallery.settings.attract.enabled:
            self.tracker.pause()  # nothing to time out while the loop plays
            self.modes.enter(Mode.ATTRACT)
            log.info("kiosk: attract loop")
        self._schedule()
        self.reset_done.emit()

    def _mode_changed(self, mode: Mode, entered: bool) -> None:
        if mode is Mode.ADMIN:
            # while the organiser works the visitor countdown waits; the admin's own runs
            if entered:
                self.tracker.pause()
                self.admin_tracker.resume()
            else:
                self.admin_tracker.pause()
                self.tracker.resume()
            self._schedule()

    def _new_gallery(self, _gallery: object) -> None:
        """Content reloaded: the attract loop shows the new posters and quotes."""
        old = self.attract
        self.attract = self._make_attract()  # registered in its place: shown if the loop is on
        throw_away(old)

    def _woke(self) -> None:
        self.modes.wake()
        self.tracker.resume()
        self.tracker.activity()
        self._schedule()
        log.info("kiosk: woken by a visitor")

    # --- the window stays on screen ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() in (
            QEvent.Type.WindowStateChange,
            QEvent.Type.Hide,
            QEvent.Type.WindowDeactivate,
        ):
            self._restore_timer.start()
        return False

    def needs_restoring(self) -> bool:
        """Minimised, hidden, or not the active window (covered by another program)."""
        w = self.window
        return w.isMinimized() or not w.isVisible() or not w.isActiveWindow()

    def _restore(self) -> None:
        """Minimised, hidden or pushed behind: shown, on top and active again (a kiosk must
        never leave a black screen or a desktop). Not while one of the app's own windows (the
        fishbowl timer opened from the admin screen) is in front, nor once Quit was chosen."""
        w = self.window
        if w.quitting or not self.needs_restoring():
            return
        active = QApplication.activeWindow()
        if active is not None and active is not w:
            return
        was = "minimised" if w.isMinimized() else "hidden" if not w.isVisible() else "covered"
        if self._full_screen:
            screen = w.screen()
            if screen is not None:
                w.setGeometry(screen.geometry())
            w.setWindowState(Qt.WindowState.WindowFullScreen)
            w.showFullScreen()
        else:
            w.setWindowState(Qt.WindowState.WindowNoState)
            w.show()
        if QGuiApplication.platformName() != "offscreen":  # (it has no stacking to change)
            w.raise_()
        w.activateWindow()
        log.info("kiosk: window restored (it was %s)", was)

    def check_frame(self) -> bool:
        """What the screen really shows (the window system's copy, not a fresh render): one
        flat colour where the gallery should be means nothing is being drawn. Rebuild the
        screens and say so in the log. True when it did. A blackout is black on purpose."""
        w = self.window
        if not w.isVisible() or w.isMinimized() or self.modes.is_open(Mode.BLACKOUT):
            return False
        screen = w.screen()
        image = screen.grabWindow(w.winId()).toImage() if screen is not None else None
        if image is None or image.isNull() or not flat(image):
            return False
        log.warning("kiosk: the screen showed one flat colour where content belongs: rebuilt")
        w.rebuild()
        return True

    # --- pointer ----------------------------------------------------------------------------------
    def _pointer_moved(self) -> None:
        if self._pointer_hidden:
            QApplication.restoreOverrideCursor()
            self._pointer_hidden = False
        self._pointer_timer.start()

    def _hide_pointer(self) -> None:
        if not self._pointer_hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._pointer_hidden = True

    def pointer_hidden(self) -> bool:
        return self._pointer_hidden

    def stop(self) -> None:
        self.window.removeEventFilter(self)
        self._restore_timer.stop()
        self._frame_timer.stop()
        self._timer.stop()
        self._pointer_timer.stop()
        if self._pointer_hidden:
            QApplication.restoreOverrideCursor()
            self._pointer_hidden = False


def install_recovery(recover: Callable[[], None]) -> Callable[..., None]:
    """Log any uncaught exception (a slot, a paint, a timer) with its traceback and recover:
    the kiosk goes back to the home screen and keeps running; no dialog, no exit."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error(
            "uncaught %s: %s\n%s",
            kind.__name__,
            value,
            "".join(traceback.format_exception(kind, value, tb)),
        )
        try:
            recover()
            log.info("recovered: back to the home screen")
        except Exception:  # recovery itself failed: keep the process alive regardless
            log.exception("recovery failed")

    sys.excepthook = hook
    return hook
