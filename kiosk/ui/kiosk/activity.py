"""Input, read once per event at the window: it tells the idle rules that someone is here, and
notices the hidden admin gesture (a long press on the gallery window's top-left corner). It
never eats events.

Installed on the application, it looks only at events addressed to a ``QWindow`` (the platform
window), as qutebrowser's event filter does: every key, click, touch and wheel reaches the
window once before Qt hands it to a widget and then to that widget's parents. Looking at the
widgets instead saw one click four times."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QEnterEvent, QMouseEvent, QTouchEvent, QWindow
from PySide6.QtWidgets import QWidget

PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
MOVE = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
ACTIVITY = (
    PRESS
    | MOVE
    | {
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
"""What says "someone is here": a release only ends a press that already said it, so a click
is one signal, a drag one per step."""


class ActivityFilter(QObject):
    activity = Signal()  # once per input event, in any of the app's windows
    moved = Signal()  # the mouse moved over the gallery window (to show a hidden pointer)
    admin_requested = Signal()
    input_used = Signal(str)  # "touch" (a touch, click or wheel) or "keys", on the gallery window

    HOLD_MS = 3000
    CORNER = 0.06  # the corner is this share of the window's shorter side (min 60 px)

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(self.HOLD_MS)
        self._hold.timeout.connect(self.admin_requested)
        self._down: QPointF | None = None

    def corner_size(self) -> int:
        return max(60, round(min(self.window.width(), self.window.height()) * self.CORNER))

    @staticmethod
    def _pos(event: QEvent) -> QPointF | None:
        """Where the event is, in the window's coordinates."""
        if isinstance(event, QTouchEvent):
            points = event.points()
            return points[0].position() if points else None
        if isinstance(event, QMouseEvent | QEnterEvent):
            return event.position()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # (every event of the app comes here: the cheap test first, the event's type only for
        # a window's; showing a poster is a thousand events, at a few microseconds each)
        if not isinstance(watched, QWindow):
            return False
        kind = event.type()
        if kind not in ACTIVITY and kind not in RELEASE:
            return False
        if kind in ACTIVITY:
            self.activity.emit()
        if watched is not self.window.windowHandle():
            return False
        if kind == QEvent.Type.KeyPress:
            self.input_used.emit("keys")
        elif kind in PRESS or kind == QEvent.Type.Wheel:
            self.input_used.emit("touch")
        if kind == QEvent.Type.MouseMove:
            self.moved.emit()
        if kind in PRESS:
            pos = self._pos(event)
            side = self.corner_size()
            if pos is not None and 0 <= pos.x() < side and 0 <= pos.y() < side:
                if not self._hold.isActive():
                    self._down = QPointF(pos)
                    self._hold.start()
        elif kind in RELEASE:
            self._cancel()
        elif kind in MOVE and self._down is not None:
            pos = self._pos(event)
            if pos is not None and (pos - self._down).manhattanLength() > self.corner_size():
                self._cancel()
        return False

    def _cancel(self) -> None:
        self._hold.stop()
        self._down = None

    def holding(self) -> bool:
        return self._hold.isActive()
