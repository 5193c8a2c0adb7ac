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

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.core.clock import Clock, MonotonicClock
from kiosk.core.idle import IdleState, IdleTracker
from kiosk.ui.gallery.poster import panel
from kiosk.ui.kiosk.activity import ActivityFilter
from kiosk.ui.kiosk.attract import AttractOverlay
from kiosk.ui.overlays import Veil
from kiosk.ui.widgets import label

log = logging.getLogger("kiosk.kiosk")

POINTER_HIDE_MS = 3000


class StillThere(Veil):
    """ "Still there? Returning to the start in 10 s — tap to stay". The tap only says "I'm
    here": the veil keeps it from reaching what lies below."""

    ALPHA = 210

    def __init__(self, window: QWidget, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx, window)
        s = ctx.scale
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = panel("help")
        box = QVBoxLayout(card)
        box.setContentsMargins(s.space(6), s.space(4), s.space(6), s.space(4))
        box.setSpacing(s.space(2))
        box.addWidget(label("Still there?", "display"), 0, Qt.AlignmentFlag.AlignHCenter)
        self.countdown = label("", "lead", "accent", wrap=False)
        box.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(
            label("Tap anywhere to stay", "h3", "muted", wrap=False),
            0,
            Qt.AlignmentFlag.AlignHCenter,
        )
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName("Still there? Tap to stay")

    def set_seconds(self, seconds: int) -> None:
        self.countdown.setText(f"Returning to the start in {seconds} s")


class KioskMode(QObject):
    """Attach to a MainWindow to run it unattended."""

    reset_done = Signal()

    def __init__(self, window, clock: Clock | None = None) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window = window
        settings = window.ctx.gallery.settings
        self.clock = clock or MonotonicClock()
        self.tracker = IdleTracker(
            self.clock, settings.idle.timeout_seconds, settings.idle.warning_seconds
        )
        self.filter = ActivityFilter(window)
        QApplication.instance().installEventFilter(self.filter)
        self.filter.activity.connect(self.activity)
        self.filter.moved.connect(self._pointer_moved)
        self.notice = StillThere(window, window.ctx)
        self.attract = AttractOverlay(window.ctx, window)
        self.attract.woke.connect(self._woke)
        window.gallery_changed.connect(self._new_gallery)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._pointer_timer = QTimer(self)
        self._pointer_timer.setSingleShot(True)
        self._pointer_timer.setInterval(POINTER_HIDE_MS)
        self._pointer_timer.timeout.connect(self._hide_pointer)
        self._pointer_hidden = False
        window.kiosk_mode = True
        self._schedule()
        self._pointer_timer.start()
        log.info(
            "kiosk mode: reset after %s s without input (+%s s notice)",
            settings.idle.timeout_seconds,
            settings.idle.warning_seconds,
        )

    # --- idle -----------------------------------------------------------------------------------
    def activity(self) -> None:
        if self.attract.isVisible():
            return  # the attract loop's own first touch wakes it
        was = self.tracker.state()
        self.tracker.activity()
        if was is IdleState.WARNING:
            self.notice.hide()
            log.info("kiosk: visitor stayed")
        self._schedule()

    def _schedule(self) -> None:
        wait = self.tracker.next_change_in()
        second = self.tracker.next_second_in()  # the notice's count, redrawn as it drops
        if second is not None and wait is not None:
            wait = min(wait, second)
        if wait is None:
            self._timer.stop()
        else:
            self._timer.start(max(1, round(wait * 1000)))

    def _check(self) -> None:
        state = self.tracker.update()
        if state is IdleState.WARNING:
            self.notice.setGeometry(self.window.rect())
            self.notice.set_seconds(self.tracker.warning_seconds_shown())
            if not self.notice.isVisible():
                log.info("kiosk: still there? notice")
            self.notice.show()
            self.notice.raise_()
        elif state is IdleState.IDLE:
            self.notice.hide()
            self.reset()
            return
        self._schedule()

    def reset(self) -> None:
        """Back to the start: overlays closed, posters at the top, default language, quotes
        from the first; then the attract loop."""
        self.window.reset_for_next_visitor()
        self.tracker.reset()
        log.info("kiosk: reset after idle")
        if self.window.ctx.gallery.settings.attract.enabled:
            self.tracker.pause()  # nothing to time out while the loop plays
            self._timer.stop()
            self.attract.start()
            log.info("kiosk: attract loop")
        else:
            self._schedule()
        self.reset_done.emit()

    def _new_gallery(self, _gallery: object) -> None:
        """Content reloaded: the attract loop shows the new posters and quotes."""
        showing = self.attract.isVisible()
        self.attract.hide()
        self.attract.deleteLater()
        self.attract = AttractOverlay(self.window.ctx, self.window)
        self.attract.woke.connect(self._woke)
        if showing:
            self.attract.start()

    def _woke(self) -> None:
        self.window.nav.home()
        self.tracker.resume()
        self.tracker.activity()
        self._schedule()
        log.info("kiosk: woken by a visitor")

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
        QApplication.instance().removeEventFilter(self.filter)
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
