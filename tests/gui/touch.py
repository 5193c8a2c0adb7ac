"""Touch input for tests: one touch device per process, and sequences sent via the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest

_DEVICE: list[QPointingDevice] = []


def touch_device() -> QPointingDevice:
    """Devices are global to the process: make one, once (PITFALLS.md §2)."""
    if not _DEVICE:
        _DEVICE.append(QTest.createTouchDevice())
    return _DEVICE[0]


class Touch:
    """Touch points on a child widget, sent through its top-level window.

    QTest's touch sequences are delivered only when they target a window's widget: points are
    mapped from ``widget`` to the window here."""

    def __init__(self, widget) -> None:
        self.widget = widget
        self.window = widget.window()
        self.seq = QTest.touchEvent(self.window, touch_device())

    def _map(self, pos: QPoint) -> QPoint:
        return self.widget.mapTo(self.window, pos)

    def press(self, i: int, pos: QPoint) -> Touch:
        self.seq.press(i, self._map(pos), self.window)
        return self

    def move(self, i: int, pos: QPoint) -> Touch:
        self.seq.move(i, self._map(pos), self.window)
        return self

    def release(self, i: int, pos: QPoint) -> Touch:
        self.seq.release(i, self._map(pos), self.window)
        return self

    def commit(self) -> None:
        self.seq.commit()


def touch(widget) -> Touch:
    return Touch(widget)
