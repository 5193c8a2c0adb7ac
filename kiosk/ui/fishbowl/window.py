"""The fishbowl windows: one screen (public view, controls as an overlay that hides itself), or
two (the public view full screen on the projector, the facilitator's controls on the laptop)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.records import State
from kiosk.theme import stylesheet
from kiosk.ui.context import Ctx
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.controls import ControlPanel, key_hints
from kiosk.ui.fishbowl.public import PublicView
from kiosk.ui.fishbowl.setup import SetupPanel
from kiosk.ui.widgets import label

log = logging.getLogger("kiosk.fishbowl")

ACTIVITY_EVENTS = {
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class PublicWindow(QWidget):
    """The public view alone, for the projector; keys still reach the controller."""

    def __init__(self, ctx: Ctx, controller: FishbowlController) -> None:
        super().__init__()
        self.controller = controller
        self.setWindowTitle("Fishbowl")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.view = PublicView(controller.session, ctx.palette, ctx.reduced_motion)
        box.addWidget(self.view)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.controller.handle_key(event):
            super().keyPressEvent(event)


class FishbowlWindow(QMainWindow):
    """Setup first (or the restored session), then the timer with its controls."""

    HIDE_AFTER_MS = 8000

    def __init__(
        self,
        ctx: Ctx,
        controller: FishbowlController,
        setup: FishbowlConfig,
        public_elsewhere: bool = False,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.controller = controller
        self.public_elsewhere = public_elsewhere
        self.setWindowTitle("Fishbowl timer")
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
        self.controls = ControlPanel(ctx, controller, self.live)
        self.hints = key_hints()
        if public_elsewhere:
            # the laptop: the controls, a preview of what the room sees, the keys
            box = QVBoxLayout(self.live)
            s = ctx.scale
            box.setContentsMargins(s.space(2), s.space(2), s.space(2), s.space(2))
            self.view = PublicView(controller.session, ctx.palette, True)
            box.addWidget(self.view, 1)
            box.addWidget(self.controls)
            box.addWidget(self.hints)
        else:
            self.view = PublicView(controller.session, ctx.palette, ctx.reduced_motion, self.live)
            self.controls.raise_()
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(self.HIDE_AFTER_MS)
        self._hide_timer.timeout.connect(self._auto_hide)
        self.controls.activity.connect(self.show_controls)
        controller.setup_requested.connect(self._show_setup)
        controller.message.connect(lambda _text: self.show_controls())
        controller.message.connect(self.setup.show_notice)
        # the save problem, small in a corner of the window: the controls' banner says it too,
        # but with one screen they hide themselves and the setup page has none
        self.save_notice = label("", "small", "accent", wrap=False)
        self.save_notice.setParent(self)
        self.save_notice.setObjectName("saveNotice")
        self.save_notice.setAccessibleName("Saving problem")
        self.save_notice.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.save_notice.hide()
        controller.save_problem.connect(self._save_problem)
        self.view.setMouseTracking(True)
        self.live.setMouseTracking(True)
        self.installEventFilter(self)
        for w in (self.view, self.live):
            w.installEventFilter(self)
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
        self._place()
        self._update_save_notice()
        self.show_controls()
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
        """Shown while saves fail, except where the facilitator always sees the controls' banner
        (the laptop of a two-screen setup, on the timer page)."""
        banner_always_seen = self.public_elsewhere and not self.showing_setup()
        self.save_notice.setVisible(bool(self.save_notice.text()) and not banner_always_seen)
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

    # --- the overlay ------------------------------------------------------------------------------
    def _place(self) -> None:
        if self.public_elsewhere:
            return
        self.view.setGeometry(self.live.rect())
        hint = self.controls.sizeHint()
        width = min(self.live.width(), max(hint.width(), round(self.live.width() * 0.9)))
        height = min(
            self.live.height(),
            self.controls.heightForWidth(width)
            if self.controls.hasHeightForWidth()
            else hint.height(),
        )
        x = (self.live.width() - width) // 2
        self.controls.setGeometry(x, self.live.height() - height, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place()
        self._update_save_notice()

    def show_controls(self) -> None:
        if not self.controls.isVisible():
            self.controls.show()
            self._place()
        self.controls.raise_()
        if not self.public_elsewhere:
            self._hide_timer.start()

    def _auto_hide(self) -> None:
        """With one screen the controls step aside so the room sees the whole timer; they come
        back with any touch, mouse movement or key. A focused text field keeps them."""
        if (
            self.public_elsewhere
            or self.controls.name_edit.hasFocus()
            or self.controls.note_edit.hasFocus()
        ):
            self._hide_timer.start()
            return
        self.controls.hide()

    def controls_visible(self) -> bool:
        return self.controls.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.live and event.type() == QEvent.Type.Resize:
            # the view and the controls follow the page's own size, not the window's resize:
            # a window given its geometry before it is first shown (full screen on a bare X
            # server) is resized while its layout is not yet active, and the page only reaches
            # its size when shown; placing from the window's resize left the timer at 640×480
            # under the controls until the first touch
            self._place()
        if event.type() in ACTIVITY_EVENTS and self.stack.currentWidget() is self.live:
            toggling = event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_C  # type: ignore[attr-defined]
            if not toggling:
                self.show_controls()
        return False

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
            if self.controls.isVisible() and not self.public_elsewhere:
                self.controls.hide()
            else:
                self.show_controls()
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
