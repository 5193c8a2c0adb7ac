"""The kiosk window with its services, on a fake clock, and the inputs a visitor or an
organiser makes, delivered as the platform delivers them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock, FakeWallClock
from kiosk.core.idle import IdleState
from kiosk.ui.kiosk.unattended import KioskMode
from kiosk.ui.live.reload import ContentReloader


class KioskRig:
    def __init__(self, qtbot, content: Path, kiosk_on: bool = True, watch: bool = False) -> None:
        self.result = load_gallery(content, paths.assets_dir())
        self.window = startup.gallery_window(
            self.result, (1920, 1080), reduced_motion=True, kiosk=kiosk_on, theme=False
        )
        self.ctx = self.window.ctx
        self.clock = FakeClock(500.0)
        self.wall = FakeWallClock()
        self.parts = startup.attach_services(
            self.window, self.result, str(content), clock=self.clock, watch=watch, wall=self.wall
        )
        qtbot.addWidget(self.window)
        self.window.resize(1920, 1080)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.qtbot = qtbot

    @property
    def reloader(self) -> ContentReloader:
        return self.parts.reloader

    @property
    def kiosk(self) -> KioskMode:
        assert self.parts.kiosk is not None, "not in kiosk mode"
        return self.parts.kiosk

    def fire_idle_timer(self) -> None:
        """The kiosk's single-shot timer, fired by hand after the fake clock moved."""
        self.kiosk._timer.timeout.emit()

    def close(self) -> None:
        self.parts.stop()
        self.window._allow_close = True


def idle_until(rig: KioskRig, state: IdleState) -> None:
    wait = rig.kiosk.tracker.next_change_in()
    assert wait is not None
    rig.clock.advance(wait + 0.01)
    rig.fire_idle_timer()
    if state is IdleState.IDLE:  # reset at once: the attract loop plays, nothing times out
        assert rig.kiosk.attract.isVisible() and rig.kiosk.tracker.paused
        assert not rig.kiosk._timer.isActive()
    else:
        assert rig.kiosk.tracker.state() is state


def tap(rig: KioskRig, pos: QPoint) -> None:
    """A tap as the platform delivers it: to the window first, then to the widget under it
    (QTest's widget overloads skip the window, where the kiosk reads activity)."""
    QTest.mouseClick(
        rig.window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )


def hold_corner(rig: KioskRig, qtbot) -> None:
    QTest.mousePress(
        rig.window.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(10, 10),
    )
    filt = rig.parts.activity
    assert filt.holding()
    filt._hold.timeout.emit()  # three seconds later (the timer, fired by hand)
    QTest.mouseRelease(
        rig.window.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(10, 10),
    )


def type_pin(pad, pin: str) -> None:
    for digit in pin:
        pad.press(digit)
    pad.press("OK")
