"""The fishbowl windows: one screen (the public view above, the facilitator's strip of controls
below it, never over it), or two (the public view full screen on the projector, the controls with
a preview on another monitor).

``plan_screens`` decides which monitor shows what; ``show_full_screen_on`` puts a window on it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.clock import WallClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.records import State
from kiosk.i18n import Translator
from kiosk.theme import stylesheet
from kiosk.ui.context import Ctx
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.controls import ControlPanel, key_hints
from kiosk.ui.fishbowl.public import PublicView
from kiosk.ui.fishbowl.setup import SetupPanel
from kiosk.ui.widgets import label

log = logging.getLogger("kiosk.fishbowl")

Rect = tuple[int, int, int, int]  # x, y, width, height of a screen


@dataclass(frozen=True)
class ScreenPlan:
    """Which screen shows what (indexes into the list of screens)."""

    controls: int
    public: int | None  # None: one screen, the view and the controls together
    note: str = ""  # why the request could not be met as asked, for the log


def _overlap(a: Rect, b: Rect) -> bool:
    return QRect(*a).intersects(QRect(*b))


def plan_screens(screens: Sequence[Rect], primary: int, public: int | None) -> ScreenPlan:
    """The public view on screen ``public`` and the controls on another one that does not
    overlap it: the primary screen unless the view takes it, then the first other one.

    A public screen that is not there, a single screen, or screens that all overlap the public
    one (mirrored displays; Xvfb's heads at one origin) give the one-screen layout instead:
    two full-screen windows on one monitor would hide each other."""
    if public is None:
        return ScreenPlan(controls=primary, public=None)
    if not 0 <= public < len(screens):
        return ScreenPlan(
            primary, None, f"screen {public} not found; {len(screens)} screen(s): one screen"
        )
    others = [i for i, r in enumerate(screens) if i != public and not _overlap(r, screens[public])]
    if not others:
        why = "only one screen" if len(screens) == 1 else "the other screens overlap it"
        return ScreenPlan(public, None, f"public screen {public}: {why}; one screen")
    controls = primary if primary in others else others[0]
    return ScreenPlan(controls=controls, public=public)


def rect_of(screen: QScreen) -> Rect:
    g = screen.geometry()
    return (g.x(), g.y(), g.width(), g.height())


def show_full_screen_on(window: QWidget, screen: QScreen) -> None:
    """Full screen on ``screen``, whatever the platform: the window is tied to the screen
    before it is shown (a full-screen state fills the window's own screen, and a window not
    told so opens on the primary one), and given the screen's geometry too (a bare X server
    has no window manager to do it)."""
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    handle = window.windowHandle()
    if handle is not None and handle.screen() is not screen:
        handle.setScreen(screen)
        window.setGeometry(screen.geometry())


class PublicWindow(QWidget):
    """The public view alone, for the projector; keys still reach the controller."""

    def __init__(self, ctx: Ctx, controller: FishbowlController) -> None:
        super().__init__()
        self.controller = controller
        self.setWindowTitle(ctx.tr("Fishbowl timer"))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.view = PublicView(
            controller.session, ctx.palette, ctx.reduced_motion, translator=ctx.translator
        )
        box.addWidget(self.view)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.controller.handle_key(event):
            super().keyPressEvent(event)


class FishbowlWindow(QMainWindow):
    """Setup first (or the restored session), then the timer: the view with the controls' strip
    below it (one screen), or the controls with a preview of the view (two screens)."""

    def __init__(
        self,
        ctx: Ctx,
        controller: FishbowlController,
        setup: FishbowlConfig,
        public_elsewhere: bool = False,
        wall: WallClock | None = None,
        room: Translator | None = None,
    ) -> None:
        """``room``: the public view's language (the room's), when it differs from the
        facilitator's (``ctx``)."""
        super().__init__()
        self.ctx = ctx
        self.controller = controller
        self.public_elsewhere = public_elsewhere
        room = room or ctx.translator
        self.setWindowTitle(ctx.tr("Fishbowl timer"))
        self.setStyleSheet(stylesheet(ctx.palette, ctx.scale))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setup = SetupPanel(ctx, setup)
        self.setup.start_requested.connect(self._start)
        self.setup.cancel_requested.connect(self._show_live)
        self.live = QWidget()
        self.live.setObjectName("screen")
        self.live.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.stack.addWidget(self.setup)
        self.stack.addWidget(self.live)
        self.controls = ControlPanel(ctx, controller, wall=wall)
        self.hints = key_hints(ctx.tr)
        box = QVBoxLayout(self.live)
        s = ctx.scale
        if public_elsewhere:
            # the laptop: a preview of what the room sees, the controls, the keys
            box.setContentsMargins(s.space(2), s.space(2), s.space(2), s.space(2))
            box.setSpacing(s.space(1))
            self.view = PublicView(controller.session, ctx.palette, True, translator=room)
            box.addWidget(self.view, 1)
            box.addWidget(self.controls)
            box.addWidget(self.hints)
        else:
            # one screen: the view takes what the strip leaves; nothing is drawn over it
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(0)
            self.view = PublicView(
                controller.session, ctx.palette, ctx.reduced_motion, translator=room
            )
            box.addWidget(self.view, 1)
            box.addWidget(self.controls)
            self.hints.hide()
        controller.setup_requested.connect(self._show_setup)
        controller.message.connect(self.setup.show_notice)
        # the save problem on the setup page, small in a corner (the timer page has the
        # controls' status line, which stays even when the strip is folded)
        self.save_notice = label("", "small", "accent", wrap=False)
        self.save_notice.setParent(self)
        self.save_notice.setObjectName("saveNotice")
        self.save_notice.setAccessibleName(ctx.tr("Saving problem"))
        self.save_notice.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.save_notice.hide()
        controller.save_problem.connect(self._save_problem)
        if controller.session.state is State.SETUP:
            self._show_setup()
        else:
            self._show_live()
        self._save_problem(controller.save_problem_text)

    # --- pages ----------------------------------------------------------------------------------
    def _show_setup(self) -> None:
        self.setup.set_config(self.controller.session.config)
        self.stack.setCurrentWidget(self.setup)
        self._update_save_notice()
        log.info("fishbowl screen setup")

    def _show_live(self) -> None:
        self.stack.setCurrentWidget(self.live)
        self._update_save_notice()
        self.setFocus()  # the timer's keys, not a text field
        log.info("fishbowl screen timer")

    def _start(self, config: FishbowlConfig) -> None:
        if self.controller.start_with(config):
            self.setup.show_notice("")  # said; the session has moved on
            self._show_live()
        self._update_save_notice()

    # --- saving problems --------------------------------------------------------------------------
    def _save_problem(self, text: str) -> None:
        self.save_notice.setText(text)
        self._update_save_notice()

    def _update_save_notice(self) -> None:
        """Shown while saves fail on the setup page; the timer page has the status line."""
        self.save_notice.setVisible(bool(self.save_notice.text()) and self.showing_setup())
        if self.save_notice.isVisible():
            self.save_notice.adjustSize()
            margin = self.ctx.scale.space(1)
            self.save_notice.move(self.width() - self.save_notice.width() - margin, margin)
            self.save_notice.raise_()

    def save_notice_text(self) -> str:
        """What the corner notice shows now ("" when hidden)."""
        return self.save_notice.text() if self.save_notice.isVisibleTo(self) else ""

    def showing_setup(self) -> bool:
        return self.stack.currentWidget() is self.setup

    # --- the strip ------------------------------------------------------------------------------
    def controls_folded(self) -> bool:
        return self.controls.folded

    def toggle_controls(self) -> None:
        """C: fold the strip down to its status line, or open it; the view takes the space."""
        self.controls.set_folded(not self.controls.folded)
        log.info("fishbowl controls %s", "folded" if self.controls.folded else "open")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_save_notice()

    # --- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.close()
            return
        if self.showing_setup():
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                config = self.setup.config()
                if config is not None:
                    self._start(config)
                return
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_C:
            self.toggle_controls()
            return
        if key in (Qt.Key.Key_F, Qt.Key.Key_F11):
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
            return
        if not self.controller.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.controller.close()
        log.info("fishbowl window closed; session saved")
        super().closeEvent(event)
