"""One input path for touch and mouse on a scrolling area: taps, swipes, scrolls, pinches.

Installed on a scroll area's viewport, it sees presses that its children do not take (labels and
panels ignore them, so they propagate here). A drag is locked to an axis once it has moved a
few millimetres: vertical drags are fed to the viewport's QScroller for kinetic scrolling,
horizontal ones are reported as a swipe. A press and release without movement is a tap,
delivered to the TapFrame under it. Mouse events that Qt synthesised from touch are skipped, so
nothing acts twice (PITFALLS.md §2); touches that land on a button are left to the button.

A child may take the gestures that start on it (a quote carousel inside a poster): it sets
``gesture_target = True`` and has ``gesture_hold(bool)``, ``gesture_swipe(step)`` and
``gesture_tap()``. A sideways swipe on it changes quotes, not posters; a vertical drag on it
still scrolls the page.
"""

from __future__ import annotations

import math
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette, QTouchEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QScroller,
    QWidget,
)

from kiosk.core.clock import Clock, MonotonicClock
from kiosk.core.swipe import Axis, Drag, TapCounter
from kiosk.ui.widgets import TapFrame

MM_PER_INCH = 25.4


def own_viewport(area: QAbstractScrollArea) -> None:
    """Give ``area`` a viewport made here, set up as Qt sets up its own but for its background.
    To wrap the viewport that Qt makes, PySide works out its type by setting up every widget
    class it knows (79 enum types: ~12 ms and ~4.5 MB, once per process, before the first
    frame); a viewport made in Python is known already.

    The viewport does not fill its background: the area's style-sheet rule paints it (our areas
    all have one, see kiosk.theme). A viewport that fills it is painted through Qt's style-sheet
    style instead, which caches a rule for it under its address and, a viewport being a part it
    cannot style on its own, never drops it: ~1 KB kept for good for each area made and deleted
    (docs/reliability.md, finding 14)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(False)
    area.setViewport(viewport)


def mm_to_px(widget: QWidget, mm: float) -> float:
    screen = widget.screen()
    dpi = screen.logicalDotsPerInch() if screen else 96.0
    return mm * dpi / MM_PER_INCH


@runtime_checkable
class GestureTarget(Protocol):
    """A child that takes the gestures that start on it (see the module docstring)."""

    gesture_target: bool

    def gesture_hold(self, held: bool) -> None: ...
    def gesture_swipe(self, step: int) -> None: ...
    def gesture_tap(self) -> None: ...


class GestureFilter(QObject):
    """Recognises gestures on ``area``'s viewport and reports them as signals."""

    swipe_started = Signal()
    swipe_moved = Signal(float)  # horizontal distance from the press, in pixels
    swipe_finished = Signal(float, float)  # distance, velocity (px/s)
    swipe_cancelled = Signal()
    tapped = Signal(QPointF)  # viewport position
    double_tapped = Signal(QPointF)
    pinch_changed = Signal(float, QPointF)  # scale since the pinch began, centre
    pinch_finished = Signal()
    activity = Signal()  # any input at all (for the idle tracker)

    SLOP_MM = 4.0

    def __init__(
        self, area: QAbstractScrollArea, horizontal: bool = True, clock: Clock | None = None
    ) -> None:
        super().__init__(area)
        self._area = area
        self._viewport = area.viewport()
        self._horizontal = horizontal
        self._drag = Drag(slop=mm_to_px(area, self.SLOP_MM))
        self._taps = TapCounter(radius=mm_to_px(area, 8))
        self._scrolling = False
        self._pinch_start: float | None = None
        self._target: GestureTarget | None = None
        # a FakeClock from a test makes a drag slow or fast (a test may also set it later)
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self._scroller = QScroller.scroller(self._viewport)
        self._viewport.installEventFilter(self)

    @property
    def scroller(self) -> QScroller:
        return self._scroller

    # --- event plumbing -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            assert isinstance(event, QMouseEvent)
            if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
                return False
            return self._mouse(event)
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            assert isinstance(event, QTouchEvent)
            return self._touch(event)
        if kind == QEvent.Type.ContextMenu:
            return True
        return False

    def _local(self, global_pos: QPointF) -> QPointF:
        return QPointF(self._viewport.mapFromGlobal(global_pos.toPoint()))

    def _mouse(self, event: QMouseEvent) -> bool:
        pos = self._local(event.globalPosition())
        t = self.clock.now()
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if event.button() != Qt.MouseButton.LeftButton or self._on_button(pos):
                return False
            self._press(pos, t)
        elif kind == QEvent.Type.MouseMove:
            if not (event.buttons() & Qt.MouseButton.LeftButton) or not self._drag.active:
                return False
            self._move(pos, t)
        else:
            if event.button() != Qt.MouseButton.LeftButton or not self._drag.active:
                return False
            self._release(pos, t)
        event.accept()
        return True

    def _touch(self, event: QTouchEvent) -> bool:
        points = [
            p
            for p in event.points()
            if p.state() != p.State.Released or event.type() == QEvent.Type.TouchEnd
        ]
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._cancel()
            return True
        if not points:
            return False
        if len(event.points()) >= 2:
            return self._two_fingers(event)
        pos = self._local(points[0].globalPosition())
        t = self.clock.now()
        if kind == QEvent.Type.TouchBegin:
            if self._on_button(pos):
                event.ignore()  # let Qt turn it into a mouse click on the button
                return False
            self._press(pos, t)
        elif kind == QEvent.Type.TouchUpdate:
            if self._pinch_start is not None:
                return True
            if self._drag.active:
                self._move(pos, t)
        elif kind == QEvent.Type.TouchEnd:
            if self._pinch_start is not None:
                self._pinch_start = None
                self.pinch_finished.emit()
                self._drag.cancel()
            elif self._drag.active:
                self._release(pos, t)
        event.accept()
        return True

    def _two_fingers(self, event: QTouchEvent) -> bool:
        a, b = event.points()[0], event.points()[1]
        pa, pb = a.globalPosition(), b.globalPosition()
        distance = math.hypot(pa.x() - pb.x(), pa.y() - pb.y())
        centre = self._local((pa + pb) / 2)
        if self._pinch_start is None:
            had_target = self._release_target() is not None
            if self._drag.axis is Axis.HORIZONTAL and not had_target:
                self.swipe_cancelled.emit()
            elif self._scrolling:
                self._scroller.stop()
            self._drag.cancel()
            self._pinch_start = max(1.0, distance)
        else:
            self.pinch_changed.emit(distance / self._pinch_start, centre)
        if event.type() == QEvent.Type.TouchEnd:
            self._pinch_start = None
            self.pinch_finished.emit()
        event.accept()
        return True

    def _target_at(self, pos: QPointF) -> GestureTarget | None:
        child = self._viewport.childAt(pos.toPoint())
        while child is not None and child is not self._viewport:
            if isinstance(child, GestureTarget) and child.gesture_target:
                return child
            child = child.parentWidget()
        return None

    def _release_target(self) -> GestureTarget | None:
        target, self._target = self._target, None
        if target is not None:
            target.gesture_hold(False)
        return target

    def _on_button(self, pos: QPointF) -> bool:
        child = self._viewport.childAt(pos.toPoint())
        while child is not None and child is not self._viewport:
            if isinstance(child, QAbstractButton):
                return True
            child = child.parentWidget()
        return False

    # --- the gesture itself -------------------------------------------------------------------
    def _press(self, pos: QPointF, t: float) -> None:
        self.activity.emit()
        if self._scroller.state() in (QScroller.State.Scrolling, QScroller.State.Dragging):
            self._scroller.stop()
        self._scrolling = False
        self._drag.press(pos.x(), pos.y(), t)
        self._target = self._target_at(pos)
        if self._target is not None:
            self._target.gesture_hold(True)
        frame = self._frame_at(pos)
        if frame is not None:
            frame.pressed.emit()

    def _move(self, pos: QPointF, t: float) -> None:
        before = self._drag.axis
        axis = self._drag.move(pos.x(), pos.y(), t)
        if axis is Axis.HORIZONTAL and not self._horizontal and self._target is None:
            axis = self._drag.axis = Axis.VERTICAL
        if axis is Axis.HORIZONTAL and self._target is not None:
            return  # the target takes the swipe when the finger lifts
        if axis is Axis.VERTICAL:
            ms = int(t * 1000)
            if before is not Axis.VERTICAL:
                self._scroller.handleInput(
                    QScroller.Input.InputPress, QPointF(self._drag.x0, self._drag.y0), ms
                )
                self._scrolling = True
            self._scroller.handleInput(QScroller.Input.InputMove, pos, ms)
        elif axis is Axis.HORIZONTAL:
            if before is not Axis.HORIZONTAL:
                self.swipe_started.emit()
            self.swipe_moved.emit(self._drag.dx)

    def _release(self, pos: QPointF, t: float) -> None:
        self.activity.emit()
        axis = self._drag.release(pos.x(), pos.y(), t)
        target = self._release_target()
        if target is not None and axis is Axis.HORIZONTAL:
            target.gesture_swipe(1 if self._drag.dx < 0 else -1)
            return
        if target is not None and axis is Axis.NONE:
            target.gesture_tap()
            return
        if axis is Axis.VERTICAL:
            self._scroller.handleInput(QScroller.Input.InputRelease, pos, int(t * 1000))
            self._scrolling = False
        elif axis is Axis.HORIZONTAL:
            self.swipe_finished.emit(self._drag.dx, self._drag.velocity_x)
        else:
            self._tap(QPointF(self._drag.x0, self._drag.y0), t)

    def _tap(self, pos: QPointF, t: float) -> None:
        if self._taps.tap(pos.x(), pos.y(), t):
            self.double_tapped.emit(pos)
            return
        self.tapped.emit(pos)
        frame = self._frame_at(pos)
        if frame is not None:
            frame.tapped.emit()

    def _frame_at(self, pos: QPointF) -> TapFrame | None:
        """The tappable frame (a card) under ``pos``, if any."""
        child = self._viewport.childAt(pos.toPoint())
        while child is not None and child is not self._viewport:
            if isinstance(child, TapFrame):
                return child
            child = child.parentWidget()
        return None

    def _cancel(self) -> None:
        had_target = self._release_target() is not None
        if self._drag.axis is Axis.HORIZONTAL and not had_target:
            self.swipe_cancelled.emit()
        if self._scrolling:
            self._scroller.stop()
            self._scrolling = False
        self._drag.cancel()
        self._pinch_start = None


class TouchScreen(QScrollArea):
    """A full-screen kinetic scroll area: no frame, no scroll bars (touch and the wheel scroll),
    no keyboard focus (keys belong to the window), taps and drags through a GestureFilter."""

    def __init__(self, parent: QWidget | None = None, horizontal: bool = False) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.setObjectName("screen")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gestures = GestureFilter(self, horizontal=horizontal)
