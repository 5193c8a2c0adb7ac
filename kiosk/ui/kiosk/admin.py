"""The hidden admin: a PIN pad, then diagnostics and the few actions an organiser needs
(reload content, open the fishbowl timer, quit). In-app overlays only: never a dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.modes import Mode
from kiosk.i18n import N_
from kiosk.ui.context import Ctx
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.layouts import empty
from kiosk.ui.overlays import Veil
from kiosk.ui.touch import own_viewport
from kiosk.ui.widgets import label, nav_button

if TYPE_CHECKING:
    from kiosk.core.pin import PinGate
    from kiosk.ui.main_window import MainWindow

LOG_LINES = 30
log = logging.getLogger("kiosk.admin")

# the admin screen's buttons: their word and what a screen reader says (said again in a new
# language by AdminScreen.retranslate)
ADMIN_BUTTONS = {
    "reload_button": (N_("Reload content"), N_("Reload the content folder")),
    "fishbowl_button": (N_("Fishbowl timer"), N_("Open the fishbowl timer")),
    "back_button": (N_("Back to the gallery"), N_("Close the admin screen")),
    "about_button": (N_("About"), N_("About: version, credits and licences")),
    "quit_button": (N_("Quit"), N_("Quit the app")),
}
PAD_KEYS = {"⌫": N_("Delete a digit"), "OK": N_("Enter the PIN")}


class _Veil(Veil):
    ALPHA = 240  # the admin screens hide the gallery almost entirely


class PinPad(_Veil):
    """Digits as large buttons; the PIN shows as dots."""

    entered = Signal(str)
    cancelled = Signal()
    MAX_DIGITS = 8

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(ctx, parent)
        s, pal = ctx.scale, ctx.palette
        self.digits = ""
        _card, box = self.centred_card()
        tr = ctx.tr
        self.title = label(tr("Admin PIN"), "h2")
        box.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        self.dots = label(" ", "h1", "accent", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumWidth(s.space(60))
        box.addWidget(self.dots)
        self.message = label(" ", "label", "muted", wrap=False)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(s.space(1.5))
        side = round(s.touch * 1.3)
        self.buttons: dict[str, object] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for i, key in enumerate(keys):
            b = nav_button(
                key,
                None,
                pal.text,
                side,
                tr(PAD_KEYS[key]) if key in PAD_KEYS else key,
            )
            b.setMinimumSize(side, side)
            b.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[key] = b
        box.addLayout(grid)
        self.cancel_button = nav_button(tr("Cancel"), "close", pal.text, s.touch, tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        box.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setAccessibleName(tr("Admin PIN pad"))

    def retranslate(self, ctx: Ctx) -> None:
        """The pad's words in ``ctx``'s language (the visitor switched it)."""
        self.ctx = ctx
        tr = ctx.tr
        self.title.setText(tr("Admin PIN"))
        for key, words in PAD_KEYS.items():
            self.buttons[key].setAccessibleName(tr(words))  # type: ignore[attr-defined]
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.setAccessibleName(tr("Cancel"))
        self.setAccessibleName(tr("Admin PIN pad"))

    def press(self, key: str) -> None:
        if key == "⌫":
            self.digits = self.digits[:-1]
        elif key == "OK":
            pin, self.digits = self.digits, ""
            self._show()
            self.entered.emit(pin)
            return
        elif len(self.digits) < self.MAX_DIGITS:
            self.digits += key
        self._show()

    def _show(self) -> None:
        self.dots.setText("●" * len(self.digits) or " ")

    def show_message(self, text: str) -> None:
        self.message.setText(text or " ")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Each time the pad opens it starts empty."""
        self.digits = ""
        self._show()
        super().showEvent(event)

    def cancel(self) -> None:
        self.digits = ""
        self.cancelled.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("OK")
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()


class AdminScreen(_Veil):
    """Diagnostics (content problems, the log's last lines, the screens) and the actions."""

    reload_requested = Signal()
    fishbowl_requested = Signal()
    quit_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget, describe: Callable[[], dict]) -> None:
        super().__init__(ctx, parent)
        self.describe = describe
        s, pal = ctx.scale, ctx.palette
        outer = QVBoxLayout(self)
        m = s.space(4)
        outer.setContentsMargins(m, m, m, m)
        row = QHBoxLayout()
        row.setSpacing(s.space(2))
        tr = ctx.tr
        self.title = label(tr("Admin"), "h1")
        row.addWidget(self.title, 0, Qt.AlignmentFlag.AlignTop)
        # the buttons wrap to a second row where the screen is narrow (portrait): never cut
        self.buttons = QWidget()
        self.buttons.setObjectName("adminButtons")
        buttons = FlowLayout(self.buttons, spacing=s.space(2))

        def button(name: str, icon: str | None) -> QToolButton:
            word, said = ADMIN_BUTTONS[name]
            return nav_button(tr(word), icon, pal.text, s.touch, tr(said))

        self.reload_button = button("reload_button", None)
        self.fishbowl_button = button("fishbowl_button", "timer")
        self.back_button = button("back_button", "home")
        self.about_button = button("about_button", None)
        self.quit_button = button("quit_button", "close")
        self.about_button.clicked.connect(self.show_about)
        for b, sig in (
            (self.reload_button, self.reload_requested),
            (self.fishbowl_button, self.fishbowl_requested),
            (self.back_button, self.closed),
            (self.quit_button, self.quit_requested),
        ):
            b.clicked.connect(sig)
            buttons.addWidget(b)
        buttons.insert_widget(buttons.count() - 2, self.about_button)
        row.addWidget(self.buttons, 1)
        outer.addLayout(row)
        self.body_scroll = scroll = QScrollArea()
        own_viewport(scroll)  # its rule (#screen) paints the background (finding 14)
        scroll.setAccessibleName(tr("Content, screens, log and about"))
        scroll.setObjectName("screen")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body.setObjectName("screen")
        self.body_box = QVBoxLayout(self.body)
        self.body_box.setSpacing(s.space(1))
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        self.setAccessibleName(tr("Admin screen"))

    def retranslate(self, ctx: Ctx) -> None:
        """The screen's words in ``ctx``'s language (the visitor switched it): the header now,
        the body at its next refresh (every time the screen opens)."""
        self.ctx = ctx
        tr = ctx.tr
        self.title.setText(tr("Admin"))
        for name, (word, said) in ADMIN_BUTTONS.items():
            button = getattr(self, name)
            button.setText(tr(word))
            button.setAccessibleName(tr(said))
        self.body_scroll.setAccessibleName(tr("Content, screens, log and about"))
        self.setAccessibleName(tr("Admin screen"))
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        empty(self.body_box)
        info = self.describe()
        add = self.body_box.addWidget
        tr = self.ctx.tr
        for notice in info.get("notices", []):  # the folders the app could not use come first
            add(label(notice, "body", "accent"))
        add(label(tr("Content: {folder}").format(folder=info["content_dir"]), "label"))
        add(label(info["summary"], "body", "accent"))
        if info.get("translations"):
            add(label(info["translations"], "body"))
        for line in info["problems"] or [tr("No problems in the content.")]:
            add(label(line, "small"))
        if "visitors" in info:
            from kiosk.ui.kiosk.visitors import visitors_part

            add(visitors_part(self.ctx, *info["visitors"]))
        add(label(tr("Screens"), "h3"))
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            add(
                label(
                    f"{screen.name()}: {g.width()}×{g.height()} at ({g.x()}, {g.y()}), "
                    f"{screen.logicalDotsPerInch():.0f} dpi",
                    "small",
                )
            )
        log_file = info.get("log_file") or tr("stderr only")
        add(label(tr("Log: {file}").format(file=log_file), "h3"))
        for line in info["log_tail"]:
            add(label(line, "small", "muted"))
        add(label(info.get("pin_note", ""), "small", "muted"))
        from kiosk.ui.about import about_sections

        self.about_heading = label(tr("About"), "h3")
        add(self.about_heading)
        add(about_sections(self.ctx, wide=self.width() >= self.height()))
        self.body_box.addStretch(1)

    def add_panel(self, panel: QWidget) -> None:
        """Another part's panel (the phone remote's switch), under the actions and above the
        diagnostics: it stays when the body is refreshed."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(1, panel)

    def show_about(self) -> None:
        """Scroll the body to the About section (version, credits, licences)."""
        self.body.adjustSize()
        self.body_scroll.verticalScrollBar().setValue(self.about_heading.y())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Each time the screen opens it shows the content's and the log's state now."""
        self.refresh()
        super().showEvent(event)


def log_tail(path: Path | None, lines: int = LOG_LINES) -> list[str]:
    """The last lines of the log file, or nothing if there is none."""
    if path is None:
        return []
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 64 * 1024))
            text = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return text.splitlines()[-lines:]


class AdminFlow(QObject):
    """The hidden gesture → the PIN pad → the admin screen, as layers the window's ``Modes``
    opens and closes (so an idle reset closes them, and the next visitor meets the PIN again).

    In kiosk mode the PIN is required, and with no PIN set the pad says how to set one (there
    is no default PIN). On a presenter's laptop with no PIN set, the admin screen opens
    directly: whoever holds the laptop can quit anyway."""

    def __init__(
        self,
        window: MainWindow,
        gate: PinGate,
        describe: Callable[[], dict],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.modes = window.modes
        self.gate = gate
        self.pad = PinPad(window.ctx, window)
        self.screen = AdminScreen(window.ctx, window, describe)
        self.pad.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pad.entered.connect(self._entered)
        self.pad.cancelled.connect(lambda: self.modes.leave(Mode.PIN))
        self.screen.closed.connect(self.close_screen)
        window.register_layer(Mode.PIN, self.pad)
        window.register_layer(Mode.ADMIN, self.screen)
        window.language_changed.connect(self._new_language)

    def _new_language(self, _lang: str) -> None:
        """The visitor's language changed (or the idle reset put the default back): the pad
        and the screen say their words in it (the same widgets: what is connected to their
        signals stays connected)."""
        self.pad.retranslate(self.window.ctx)
        self.screen.retranslate(self.window.ctx)

    def request(self) -> None:
        from kiosk.core.pin import Outcome

        status = self.gate.status()
        log.info("admin gesture: %s", status.outcome.value)
        if status.outcome is Outcome.NO_PIN and not self.window.kiosk_mode:
            self.open_screen()
            return
        if self.modes.enter(Mode.PIN):
            self.pad.show_message(status.said.in_language(self.window.ctx.translator))

    def _entered(self, pin: str) -> None:
        result = self.gate.try_pin(pin)
        log.info("admin PIN: %s", result.outcome.value)
        if result.ok:
            self.open_screen()  # closes the pad
        else:
            self.pad.show_message(result.said.in_language(self.window.ctx.translator))

    def open_screen(self) -> None:
        if self.modes.enter(Mode.ADMIN):
            log.info("admin screen opened")

    def close_screen(self) -> None:
        if self.modes.leave(Mode.ADMIN):
            log.info("admin screen closed")
