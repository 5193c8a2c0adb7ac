"""One application-wide event filter: it tells the idle tracker that someone is here, and notices
the hidden admin gesture (a long press on the window's top-left corner). It never eats events."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.Gesture,
}
PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class ActivityFilter(QObject):
    activity = Signal()
    moved = Signal()  # the mouse moved (to show a hidden pointer again)
    admin_requested = Signal()

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

    def _window_pos(self, event: QEvent) -> QPoint | None:
        points = getattr(event, "points", None)
        if callable(points):
            pts = points()
            if not pts:
                return None
            global_pos = pts[0].globalPosition()
        elif hasattr(event, "globalPosition"):
            global_pos = event.globalPosition()
        else:
            return None
        return self.window.mapFromGlobal(global_pos.toPoint())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in INPUT_EVENTS and kind not in RELEASE:
            return False
        if isinstance(watched, QWindow):
            # the platform window sees every pointer move, tracked by a widget or not
            if kind == QEvent.Type.MouseMove and watched is self.window.windowHandle():
                self.moved.emit()
                self.activity.emit()
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        self.activity.emit()
        if kind in PRESS:
            pos = self._window_pos(event)
            side = self.corner_size()
            if pos is not None and 0 <= pos.x() < side and 0 <= pos.y() < side:
                if not self._hold.isActive():
                    self._down = QPointF(pos)
                    self._hold.start()
        elif kind in RELEASE:
            self._cancel()
        elif kind in (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate) and self._down is not None:
            pos = self._window_pos(event)
            if (
                pos is not None
                and (QPointF(pos) - self._down).manhattanLength() > self.corner_size()
            ):
                self._cancel()
        return False

    def _cancel(self) -> None:
        self._hold.stop()
        self._down = None

    def holding(self) -> bool:
        return self._hold.isActive()
