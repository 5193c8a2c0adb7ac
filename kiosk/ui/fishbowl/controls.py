"""The facilitator's controls: large touch buttons (each with its key), the chairs, the notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.text import format_duration
from kiosk.ui.context import Ctx
from kiosk.ui.fishbowl.controller import STEP_SECONDS, FishbowlController
from kiosk.ui.widgets import label, nav_button


class ControlPanel(QFrame):
    """Buttons, chairs and notes for one FishbowlController; refreshes on every change."""

    activity = Signal()

    def __init__(
        self, ctx: Ctx, controller: FishbowlController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.setProperty("panel", "help")
        self.setAccessibleName("Facilitator controls")
        s, pal = ctx.scale, ctx.palette
        box = QVBoxLayout(self)
        box.setContentsMargins(s.space(2), s.space(1.5), s.space(2), s.space(1.5))
        box.setSpacing(s.space(1))

        def button(text: str, icon: str | None, accessible: str, slot) -> QToolButton:  # noqa: ANN001
            b = nav_button(text, icon, pal.text, s.touch, accessible)
            b.clicked.connect(slot)
            b.clicked.connect(self.activity)
            return b

        c = controller
        self.toggle_button = button(
            "Start (Space)", "play", "Start, pause or resume (Space)", c.toggle
        )
        self.next_button = button("Next speaker  N", "next", "Next speaker (N)", c.next_speaker)
        self.join_button = button(
            "Join  J",
            "chair",
            "Someone joins an empty chair (J)",
            lambda: c.join(self.name_edit.text().strip()),
        )
        self.leave_button = button(
            "Leaves  L", "chair-empty", "Someone leaves the circle (L)", c.leave
        )
        self.less_button = button(
            f"−{STEP_SECONDS} s", None, "Remove 30 seconds (−)", c.remove_time
        )
        self.more_button = button(f"+{STEP_SECONDS} s", None, "Add 30 seconds (+)", c.add_time)
        self.mute_button = button("Chime  M", "speaker", "Chime on or off (M)", c.toggle_mute)
        self.export_button = button("Export  E", None, "Export the session log (E)", c.export)
        self.reset_button = button("Reset  R", None, "Reset the session (R twice)", c.request_reset)
        self.finish_button = button("Finish", None, "Finish the session", c.finish)
        grid = QGridLayout()
        grid.setSpacing(s.space(1))
        row1 = (
            self.toggle_button,
            self.next_button,
            self.join_button,
            self.leave_button,
            self.less_button,
            self.more_button,
        )
        row2 = (self.mute_button, self.export_button, self.reset_button, self.finish_button)
        for i, b in enumerate(row1):
            grid.addWidget(b, 0, i)
        for i, b in enumerate(row2):
            grid.addWidget(b, 1, i)
        box.addLayout(grid)

        chairs_row = QHBoxLayout()
        chairs_row.setSpacing(s.space(1))
        chairs_row.addWidget(label("Chairs:", "label", "muted", wrap=False))
        self.chair_group = QButtonGroup(self)
        self.chair_group.setExclusive(False)
        self.chair_buttons: list[QToolButton] = []
        for i in range(controller.session.config.chairs):
            b = nav_button("", None, pal.text, s.touch, f"Chair {i + 1}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, i=i: self._chair_clicked(i))
            self.chair_group.addButton(b, i)
            chairs_row.addWidget(b)
            self.chair_buttons.append(b)
        chairs_row.addStretch(1)
        box.addLayout(chairs_row)

        edit_row = QHBoxLayout()
        edit_row.setSpacing(s.space(1))
        self.name_edit: QLineEdit = QLineEdit()  # typed here: the Join button's lambda reads it
        self.name_edit.setPlaceholderText("Name for the touched chair")
        self.name_edit.setProperty("role", "field")
        self.name_edit.setMinimumHeight(s.touch)
        self.name_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys belong to the timer
        self.name_button = button(
            "Name",
            None,
            "Give the touched chair this name",
            lambda: c.rename_selected(self.name_edit.text().strip()),
        )
        self.queue_button = button(
            "Queue", None, "Put the touched chair next in line", c.queue_selected
        )
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("A key point to harvest (Enter)")
        self.note_edit.setProperty("role", "field")
        self.note_edit.setMinimumHeight(s.touch)
        self.note_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.note_edit.returnPressed.connect(self._add_note)
        self.note_button = button("Add note", None, "Add the note", self._add_note)
        edit_row.addWidget(self.name_edit, 2)
        edit_row.addWidget(self.name_button)
        edit_row.addWidget(self.queue_button)
        edit_row.addSpacing(s.space(2))
        edit_row.addWidget(self.note_edit, 3)
        edit_row.addWidget(self.note_button)
        box.addLayout(edit_row)

        self.notes_label = label("", "small", "muted")
        self.message_label = label("", "label", "accent")
        # stays while saves fail (a message is replaced by the next one; this must not be)
        self.save_banner = label("", "label", "accent")
        self.save_banner.setObjectName("saveBanner")
        self.save_banner.setAccessibleName("Saving problem")
        box.addWidget(self.save_banner)
        box.addWidget(self.notes_label)
        box.addWidget(self.message_label)
        self.message_label.hide()
        self.show_save_problem(controller.save_problem_text)
        controller.changed.connect(self.refresh)
        controller.message.connect(self.show_message)
        controller.save_problem.connect(self.show_save_problem)
        self.refresh()

    def _chair_clicked(self, chair: int) -> None:
        current = self.controller.selected
        self.controller.select(None if current == chair else chair)
        self.activity.emit()

    def _add_note(self) -> None:
        if self.controller.add_note(self.note_edit.text()):
            self.note_edit.clear()
        self.note_edit.clearFocus()  # the keys go back to the timer
        self.window().setFocus()
        self.activity.emit()

    def show_save_problem(self, text: str) -> None:
        """The session is not safe on disk: say since when and why, until a save works."""
        self.save_banner.setText(text)
        self.save_banner.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def refresh(self) -> None:
        s = self.controller.session
        state = s.state
        self.toggle_button.setText(
            {
                State.SETUP: "Start (Space)",
                State.RUNNING: "Pause (Space)",
                State.PAUSED: "Resume (Space)",
                State.FINISHED: "Finished",
            }[state]
        )
        self.toggle_button.setEnabled(state is not State.FINISHED)
        live = state in (State.RUNNING, State.PAUSED)
        for b in (
            self.next_button,
            self.join_button,
            self.leave_button,
            self.less_button,
            self.more_button,
            self.finish_button,
        ):
            b.setEnabled(live)
        self.mute_button.setText("Chime on  M" if s.config.chime else "Chime off  M")
        talk = s.talk_time_by_chair()
        for view, b in zip(s.chairs(), self.chair_buttons, strict=True):
            mark = "▶ " if view.speaking else ""
            who = view.label if view.occupied else "open"
            b.setText(f"{view.index + 1}. {mark}{who}  {format_duration(talk[view.index])}")
            b.setChecked(self.controller.selected == view.index)
            b.setAccessibleName(f"Chair {view.index + 1}: {who}")
        notes = s.notes[-3:]
        self.notes_label.setText("\n".join(f"• {note.text}" for note in notes))
        self.notes_label.setVisible(bool(notes))


def key_hints() -> QLabel:
    return label(
        "Space start/pause · N next · J join · L leave · +/− 30 s · E export · "
        "R reset · M chime · C controls",
        "small",
        "muted",
        wrap=True,
    )
