"""A picture of the poster on show, taken while it rests, for the next slide to start from.

A slide draws two pictures (PITFALLS.md §6): the poster it leaves and the one it goes to. The
one it goes to is pre-rendered in idle time with the neighbours; the one it leaves was rendered
when the key came (~40 ms at 1080p, half of it the artwork), before the slide's first frame.
This keeps that picture ready instead: taken once the window has shown no change for a moment
(``IDLE_MS``), and let go at the window's next frame, whatever that frame painted (a scroll, an
image arriving, a hover, a text size: anything the picture may no longer show). Taking it
paints nothing on the window, so a poster at rest is pictured once and nothing ticks.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

# what the window does when something on it changes: its update (posted to the widget, sent at
# once by a repaint, or asked for by the platform window) or an expose from the platform
CHANGES = (QEvent.Type.UpdateRequest, QEvent.Type.Expose)


class RestPicture(QObject):
    """The picture, taken by ``take(widget)``, of the widget ``source()`` returns (None when
    there is nothing to picture), once the window it is on has not painted for ``IDLE_MS``;
    ``get(widget)`` returns it while the window still shows it. It watches the window only
    between ``watch`` and ``unwatch`` (while its owner is on screen)."""

    IDLE_MS = 150
    # a window that paints again soon after each picture (a quote carousel ticking on the
    # poster) is not pictured over and over: each such loss doubles the wait, up to MAX_MS
    # (longer than such a tick's interval, so the pictures stop); a picture that lasts, or a
    # new watch, brings the wait back to IDLE_MS
    LASTS_MS = 1000
    MAX_MS = 4000

    def __init__(
        self,
        owner: QWidget,
        take: Callable[[QWidget], QPixmap],
        source: Callable[[], QWidget | None],
    ) -> None:
        super().__init__(owner)
        self._take = take
        self._source = source
        self._pixmap: QPixmap | None = None
        self._of: tuple[QWidget, QSize] | None = None
        self._watched: list[QObject] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.IDLE_MS)
        self._timer.timeout.connect(self._shoot)
        self._shot_at = 0.0
        self.taken = 0  # pictures taken (tests read it)

    def watch(self, window: QWidget) -> None:
        """The owner is on ``window``'s screen: a picture once the window rests."""
        self.unwatch()
        handle = window.windowHandle()
        self._watched = [o for o in (window, handle) if o is not None]
        for obj in self._watched:
            obj.installEventFilter(self)
        self._timer.setInterval(self.IDLE_MS)
        self._changed()

    def unwatch(self) -> None:
        """The owner is off screen: no picture, nothing watched, no timer."""
        for obj in self._watched:
            if isValid(obj):
                obj.removeEventFilter(self)
        self._watched = []
        self._pixmap = self._of = None
        self._timer.stop()

    def get(self, widget: QWidget) -> QPixmap | None:
        """The picture of ``widget`` as the window shows it now, or None (not taken yet, or
        the window has painted since)."""
        if self._pixmap is None or self._of != (widget, widget.size()):
            return None
        return self._pixmap

    def _changed(self) -> None:
        if self._pixmap is not None:
            lasted = (time.monotonic() - self._shot_at) * 1000
            wait = self._timer.interval()
            self._timer.setInterval(
                min(self.MAX_MS, wait * 2) if lasted < self.LASTS_MS else self.IDLE_MS
            )
        self._pixmap = self._of = None
        self._timer.start()

    def _shoot(self) -> None:
        widget = self._source()
        if widget is None or not isValid(widget) or not widget.isVisible():
            return  # (a slide or a zoom: its end paints the window, which starts it again)
        self._pixmap = self._take(widget)
        self._of = (widget, widget.size())
        self._shot_at = time.monotonic()
        self.taken += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in CHANGES and watched in self._watched:
            # the window paints: whatever it shows now, the picture may not; a new one once
            # it rests again (a kinetic scroll's frames keep putting that off)
            self._changed()
        return False
