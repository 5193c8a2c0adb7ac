"""The facilitator's controls: a compact strip of touch buttons (each with its key), the chairs,
the name and note fields, and a status line (what just happened, a save problem, the time of
day).

The strip sits beside the public view in a layout, never over it: with one screen the room
still sees the speaker, the clock, the chairs and the talk-time bars while the facilitator works.
Its buttons flow into as many rows as the width needs (``FlowLayout``), so the same strip fits a
1280×720 projector, a 1920×1080 one and a portrait screen; C folds it down to the status line.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from kiosk.core.clock import SystemWallClock, WallClock
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.text import CHAIR, label_in
from kiosk.i18n import N_
from kiosk.theme import mix
from kiosk.ui.context import Ctx
from kiosk.ui.fishbowl.controller import STEP_SECONDS, FishbowlController
from kiosk.ui.widgets import icon, label

MINUS = "\u2212"
NAME_CHARS = 14  # a chair button shows at most this much of a name (the view shows it all)
# the words that size the buttons whose words change (StripButton); longer ones are shortened
TOGGLE_WORDS = (N_("Start  Space"), N_("Pause  Space"), N_("Resume  Space"), N_("Finished"))
NEXT_WIDEST = "Aminata Dia"  # the name that sizes the Next button
# armed, the button turns the accent colour and the status line asks the whole question
FINISH_ARMED = N_("Finish?")
RESET_ARMED = N_("Reset? R")
OPEN = N_(" (open)")  # after a free chair's label


def chair_widest(chairs: int, tr: Callable[[str], str] = str) -> tuple[str, ...]:
    """A chair button's room: its longest words in a circle of ``chairs``."""
    return (tr(CHAIR).format(n=chairs) + tr(OPEN),)


def strip_button_side(ctx: Ctx) -> int:
    """The strip's buttons: smaller than the gallery's 72 px (at 1080p) so the strip stays
    compact, never under 48 px (well over 9 mm on any kiosk screen)."""
    return max(48, round(ctx.scale.touch * 0.75))


def strip_stylesheet(ctx: Ctx) -> str:
    """The strip's own type: the "small" size on buttons and fields (the gallery's "label"
    size made ten buttons too wide for one row at 1280×720)."""
    s, p = ctx.scale, ctx.palette
    side = strip_button_side(ctx)
    small = s.px("small")
    return "\n".join(
        [
            f"QFrame#fishbowlControls {{ background: {mix(p.background, p.text, 0.06)}; "
            f"border: none; border-top: {max(1, s.space(0.25))}px solid "
            f"{mix(p.background, p.text, 0.2)}; border-radius: 0px; }}",
            "QWidget#stripBody, QWidget#stripUnit { background: transparent; }",
            f'QToolButton[role="strip"] {{ background: {mix(p.surface, p.text, 0.08)}; '
            f"color: {p.text}; border: none; border-radius: {side // 2}px; "
            # the theme gives tool buttons a 36 px height and margins: ours are one touch
            # target high, or the rounded ends are dropped
            f"height: {side}px; margin: 0px; "
            f"font-size: {small}px; padding: 0px {s.space(1.25)}px; }}",
            f'QToolButton[role="strip"]:pressed, QToolButton[role="strip"]:checked '
            f"{{ background: {p.accent}; color: {p.on_accent}; }}",
            f'QToolButton[role="strip"][armed="true"], QToolButton[role="strip"][offer="true"] '
            f"{{ background: {p.accent}; color: {p.on_accent}; }}",
            f'QToolButton[role="strip"]:disabled {{ background: transparent; color: '
            f"{mix(p.background, p.text, 0.3)}; }}",
            f'QLineEdit[role="strip"] {{ font-size: {small}px; color: {p.text}; '
            f"background: {mix(p.surface, p.text, 0.06)}; border: none; border-bottom: "
            f"{max(2, s.space(0.3))}px solid {p.accent}; padding: 0px {s.space(1)}px; }}",
        ]
    )


def until_next_minute(epoch: float) -> float:
    """Seconds from ``epoch`` to the next whole minute of the wall clock (0 < result ≤ 60).
    Every time zone in use is a whole number of minutes from UTC, so local minutes turn with
    the epoch's."""
    return 60.0 - (epoch % 60.0)


def time_of_day(epoch: float) -> str:
    return time.strftime("%H:%M", time.localtime(epoch))


def shorten(name: str) -> str:
    """At most NAME_CHARS of a name on a button (the view shows it all)."""
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def chair_text(
    label_text: str, occupied: bool, speaking: bool, tr: Callable[[str], str] = str
) -> str:
    """A chair's button: the words the public view's talk-time list uses for it (the name, or
    "Chair 5"), "(open)" when free, ▶ while its person speaks."""
    return ("▶ " if speaking else "") + shorten(label_text) + ("" if occupied else tr(OPEN))


class StripButton(QToolButton):
    """A strip button as wide as the longest words it may show (``widest``), whatever it
    shows now, so the strip's rows, and the view above them, stay put when a name or a state
    changes (a longer name made the strip take a row more and the room's view jump on N or L).
    Words longer than that are shortened with "…"; ``text()`` is the whole of them."""

    def __init__(
        self,
        widest: tuple[str, ...] = (),
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.widest = widest
        self.elide = elide
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self._fit()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """The words on the button (``text()`` shortened to its room)."""
        return super().text()

    def _room(self) -> int:
        fm = self.fontMetrics()
        return max((fm.horizontalAdvance(t) for t in self.widest), default=0)

    def _fit(self) -> None:
        room = self._room()
        fm = self.fontMetrics()
        shown = self._full
        if room and fm.horizontalAdvance(shown) > room:
            shown = fm.elidedText(shown, self.elide, room)
        if shown != super().text():
            super().setText(shown)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        extra = self._room() - self.fontMetrics().horizontalAdvance(super().text())
        return QSize(hint.width() + max(0, extra), hint.height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()  # the stylesheet's font arrives when the button is polished


def strip_button(
    ctx: Ctx,
    text: str,
    icon_name: str | None,
    accessible: str,
    widest: tuple[str, ...] = (),
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
) -> StripButton:
    """A touch button of the strip: its key in its words, never focused (keys belong to the
    window), one touch target high."""
    side = strip_button_side(ctx)
    b = StripButton(widest, elide)
    b.setProperty("role", "strip")
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setAccessibleName(accessible)
    if icon_name:
        b.setIcon(icon(icon_name, ctx.palette.text, side))
        b.setIconSize(QSize(round(side * 0.55), round(side * 0.55)))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    else:
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    b.setText(text)
    b.setMinimumSize(side, side)
    # placed by its own rectangle: a tool button's style margins put it some pixels below its
    # row, clipped by the strip
    b.setAttribute(Qt.WidgetAttribute.WA_LayoutUsesWidgetRect, True)
    b.setFixedHeight(side)  # every row one touch target high
    return b


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the width runs out; in each row, items
    that expand horizontally (the text fields) share the width left over. Its height follows
    its width (``heightForWidth``), so a box layout gives it the rows it needs."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.row_starts: list[QWidget] = []  # widgets that begin a new row (see ``rows``)
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As wide as one row of everything (a window may be narrower: then rows wrap)."""
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest single item: anything wider wraps."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    @staticmethod
    def _grows(item: QLayoutItem) -> bool:
        return bool(item.expandingDirections() & Qt.Orientation.Horizontal)

    def _packed_width(self, item: QLayoutItem, width: int) -> int:
        """The width an item needs in a row: a growing one (a text field) its minimum, since
        it takes the row's spare width anyway."""
        size = item.minimumSize() if self._grows(item) else item.sizeHint()
        return min(width, size.width())

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The visible items, in the rows they take at ``width``."""
        gap = self.spacing()
        rows: list[list[QLayoutItem]] = []
        row: list[QLayoutItem] = []
        used = 0
        for item in self._items:
            if item.isEmpty():  # a hidden widget
                continue
            w = self._packed_width(item, width)
            # a group (the circle) starts a row of its own, unless the group before it already
            # wrapped: then it carries on where that one ended, and the strip stays low
            starts = item.widget() in self.row_starts and not rows
            if row and (used + gap + w > width or starts):
                rows.append(row)
                row, used = [], 0
            used += (gap if row else 0) + w
            row.append(item)
        if row:
            rows.append(row)
        return rows

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, area.width())
        gap = self.spacing()
        y = area.y()
        for row in self.rows(width):
            hints = [self._packed_width(i, width) for i in row]
            height = max(i.sizeHint().height() for i in row)
            spare = width - sum(hints) - gap * (len(row) - 1)
            growing = [n for n, i in enumerate(row) if self._grows(i)]
            x = area.x()
            for n, item in enumerate(row):
                w = hints[n]
                if growing and n in growing:
                    w += spare // len(growing) + (
                        1 if growing.index(n) < spare % len(growing) else 0
                    )
                h = min(height, max(item.minimumSize().height(), item.sizeHint().height()))
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + gap
            y += height + gap
        total = y - area.y() - (gap if y > area.y() else 0)
        return total + m.top() + m.bottom()


class LineLabel(QLabel):
    """One line of text that never widens the strip: shortened with "…" to the width it
    gets. ``text()`` is the whole text; the accessible name is the whole text too."""

    def __init__(self, role: str, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setProperty("role", role)
        self.setProperty("tone", tone)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self.setAccessibleName(text)
        self._fit()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, self.width())
        )
        if shown != super().text():
            super().setText(shown)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


class ClockLabel(QLabel):
    """The time of day for the facilitator, "14:05": one single-shot timer to the next minute,
    running only while the label is on screen."""

    def __init__(self, wall: WallClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wall = wall
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # precise: a coarse timer may turn the label up to 5 % (3 s) away from the minute
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.refresh)
        self.refresh(schedule=False)

    def refresh(self, schedule: bool = True) -> None:
        now = self.wall.now()
        self.setText(time_of_day(now))
        if schedule and self.isVisible():
            # a few milliseconds past the minute, so the label never shows the old one again
            self.timer.start(round(until_next_minute(now) * 1000) + 20)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.timer.stop()


class ControlPanel(QFrame):
    """Buttons, chairs, fields and the status line for one FishbowlController; refreshes on
    every change."""

    def __init__(
        self,
        ctx: Ctx,
        controller: FishbowlController,
        parent: QWidget | None = None,
        wall: WallClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.setObjectName("fishbowlControls")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        tr = ctx.tr
        self.setAccessibleName(tr("Facilitator controls"))
        self.setStyleSheet(strip_stylesheet(ctx))
        # its height follows its width (heightForWidth); the view expands into the rest
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        s = ctx.scale
        self.side = side = strip_button_side(ctx)
        box = QVBoxLayout(self)
        box.setContentsMargins(s.space(1), s.space(1), s.space(1), s.space(0.75))
        box.setSpacing(s.space(0.75))

        def button(
            text: str,
            icon_name: str | None,
            accessible: str,
            slot: Callable[[], object],
            widest: tuple[str, ...] = (),
            elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        ) -> StripButton:
            b = strip_button(ctx, text, icon_name, accessible, widest, elide)
            b.clicked.connect(slot)
            return b

        c = controller
        self.toggle_button = button(
            tr("Start  Space"),
            "play",
            tr("Start, pause or resume (Space)"),
            c.toggle,
            tuple(tr(w) for w in TOGGLE_WORDS),
        )
        self.next_button = button(
            tr("Next  N"),
            "next",
            tr("Next speaker (N)"),
            c.next_speaker,
            (tr("Next: {name}  N").format(name=NEXT_WIDEST),),
            Qt.TextElideMode.ElideMiddle,  # a long name gives way, the key N stays
        )
        self.join_button = button(
            tr("Join  J"), "chair", tr("Someone joins an empty chair (J)"), self._join
        )
        self.leave_button = button(
            tr("Leaves  L"), "chair-empty", tr("Someone leaves the circle (L)"), c.leave
        )
        self.less_button = button(
            f"{MINUS}{STEP_SECONDS} s", None, tr("Remove 30 seconds (−)"), c.remove_time
        )
        self.more_button = button(f"+{STEP_SECONDS} s", None, tr("Add 30 seconds (+)"), c.add_time)
        self.mute_button = button(
            tr("Chime on  M"),
            "speaker",
            tr("Chime on or off (M)"),
            c.toggle_mute,
            (tr("Chime on  M"), tr("Chime off  M")),
        )
        self.export_button = button(
            tr("Export  E"), None, tr("Export the session log (E)"), c.export
        )
        self.reset_button = button(
            tr("Reset  R"),
            None,
            tr("Reset the session (R twice)"),
            c.request_reset,
            (tr("Reset  R"), tr(RESET_ARMED)),
        )
        self.finish_button = button(
            tr("Finish"),
            None,
            tr("Finish the session (press twice)"),
            c.request_finish,
            (tr("Finish"), tr(FINISH_ARMED)),
        )

        self.flow = FlowLayout(spacing=s.space(0.75))
        for b in (
            self.toggle_button,
            self.next_button,
            self.join_button,
            self.leave_button,
            self.less_button,
            self.more_button,
            self.mute_button,
            self.export_button,
            self.reset_button,
            self.finish_button,
        ):
            self.flow.addWidget(b)

        # the chairs: built for the session's circle, again when setup changes its size
        self.chair_group = QButtonGroup(self)
        self.chair_group.setExclusive(False)
        self.chair_buttons: list[StripButton] = []
        self._chairs_at = self.flow.count()

        self.name_edit: QLineEdit = QLineEdit()  # typed here: Join, Name and Queue read it
        self.name_edit.setPlaceholderText(tr("Name"))
        self.name_edit.setAccessibleName(tr("Name for joining or for the touched chair"))
        self.name_button = button(
            tr("Name"), None, tr("Give the touched chair this name"), self._rename
        )
        self.queue_button = button(
            tr("Queue"),
            None,
            tr("Queue to speak: the typed name, or the touched chair"),
            self._queue,
        )
        # one field for a note (the harvest) or a message to the circle (the public view):
        # three fields made the strip a row taller at 1280x720
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(tr("Note or message"))
        self.note_edit.setAccessibleName(tr("A note to harvest, or a message for the circle"))
        self.note_edit.returnPressed.connect(self._add_note)
        self.circle_edit = self.note_edit  # the message is typed in the same field
        self.note_button = button(tr("Add note"), None, tr("Add the note (Enter)"), self._add_note)
        self.show_button = button(
            tr("Show"), None, tr("Show the text to the circle"), self._show_to_circle
        )
        self.clear_button = button(
            tr("Clear"), None, tr("Take the message off the public view"), c.clear_circle_message
        )
        for edit in (self.name_edit, self.note_edit):
            edit.setProperty("role", "strip")
            edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys belong to the timer
            edit.setMinimumWidth(s.space(14))
            edit.setFixedHeight(side)
        self.flow.addWidget(self._unit(self.name_edit, self.name_button, self.queue_button))
        self.flow.addWidget(
            self._unit(self.note_edit, self.note_button, self.show_button, self.clear_button)
        )

        self.body = QWidget()
        self.body.setObjectName("stripBody")
        self.body.setLayout(self.flow)
        box.addWidget(self.body)

        # the status line: always shown, also when the strip is folded away (C)
        status = QHBoxLayout()
        status.setContentsMargins(0, 0, 0, 0)
        status.setSpacing(s.space(2))
        # stays while saves fail (a message is replaced by the next one; this must not be)
        self.save_banner = LineLabel("small", "accent")
        self.save_banner.setObjectName("saveBanner")
        self.message_label = LineLabel("small", "accent")
        self.circle_label = LineLabel("small", "muted")  # what the circle is shown
        self.queue_label = LineLabel("small", "muted")  # who waits to speak
        self.notes_label = LineLabel("small", "muted")
        self.clock_label = ClockLabel(wall or SystemWallClock())
        self.clock_label.setAccessibleName(tr("Time of day"))
        self.clock_label.setProperty("role", "small")
        self.clock_label.setProperty("tone", "muted")
        self.folded_hint = label(tr("C: controls"), "small", "muted", wrap=False)
        status.addWidget(self.save_banner, 2)
        status.addWidget(self.message_label, 3)
        status.addWidget(self.circle_label, 2)
        status.addWidget(self.queue_label, 2)
        status.addWidget(self.notes_label, 2)
        status.addStretch(0)
        status.addWidget(self.folded_hint)
        status.addWidget(self.clock_label)
        box.addLayout(status)
        self.folded_hint.hide()
        self.message_label.hide()
        self.show_save_problem(controller.save_problem_text)
        self.show_message(controller.last_message)
        controller.changed.connect(self.refresh)
        controller.message.connect(self.show_message)
        controller.save_problem.connect(self.show_save_problem)
        controller.was_reset.connect(self._forget_typing)
        self.refresh()

    def _unit(self, *widgets: QWidget) -> QWidget:
        """Widgets that wrap together (a field and its buttons)."""
        unit = QWidget()
        unit.setObjectName("stripUnit")
        row = QHBoxLayout(unit)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.ctx.scale.space(0.5))
        for w in widgets:
            if not isinstance(w, QLineEdit):
                # only the field gives way when the row is short: a squeezed button showed
                # "N…e" for Name (a button's explicit minimum width, the touch side, overrode
                # its fixed policy; without it the minimum is the width of its words)
                w.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                w.setMinimumWidth(0)
            row.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
        return unit

    # --- the chairs -------------------------------------------------------------------------------
    def _build_chairs(self, count: int) -> None:
        self.flow.row_starts = []
        for b in self.chair_buttons:
            self.chair_group.removeButton(b)
            self.flow.removeWidget(b)
            b.deleteLater()
        self.chair_buttons = []
        for i in range(count):
            b = strip_button(
                self.ctx,
                "",
                None,
                self.ctx.tr("Chair {n}").format(n=i + 1),
                chair_widest(count, self.ctx.tr),
            )
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, i=i: self._chair_clicked(i))
            self.chair_group.addButton(b, i)
            self.flow.insert_widget(self._chairs_at + i, b)  # after the actions, before the fields
            self.chair_buttons.append(b)
        if self.chair_buttons:  # the circle on a row of its own, after the actions
            self.flow.row_starts = [self.chair_buttons[0]]
        self.flow.invalidate()

    def _chair_clicked(self, chair: int) -> None:
        current = self.controller.selected
        self.controller.select(None if current == chair else chair)

    # --- the fields -------------------------------------------------------------------------------
    def _typed_name(self) -> str:
        return self.name_edit.text().strip()

    def _join(self) -> None:
        if self.controller.join(self._typed_name()):
            self.name_edit.clear()  # said; the next Join must not reuse it

    def _queue(self) -> None:
        if self.controller.queue(self._typed_name()):
            self.name_edit.clear()

    def _show_to_circle(self) -> None:
        if self.controller.show_to_circle(self.circle_edit.text()):
            self.circle_edit.clear()
        self._back_to_keys()

    def _rename(self) -> None:
        if self.controller.rename_selected(self._typed_name()):
            self.name_edit.clear()

    def _add_note(self) -> None:
        if self.controller.add_note(self.note_edit.text()):
            self.note_edit.clear()
        self._back_to_keys()

    def _back_to_keys(self) -> None:
        for edit in (self.name_edit, self.note_edit):
            edit.clearFocus()
        self.window().setFocus()  # the keys go back to the timer

    def _forget_typing(self) -> None:
        """A reset starts a new discussion: nothing typed for the last one stays."""
        self.name_edit.clear()
        self.note_edit.clear()
        self._back_to_keys()

    # --- folding ----------------------------------------------------------------------------------
    def set_folded(self, folded: bool) -> None:
        """Fold the strip down to its status line (C), or open it again."""
        self.body.setVisible(not folded)
        self.folded_hint.setVisible(folded)
        if folded and self.body.isAncestorOf(self.focusWidget() or self):
            self._back_to_keys()

    @property
    def folded(self) -> bool:
        return self.body.isHidden()

    # --- what the controller says ---------------------------------------------------------------
    def show_save_problem(self, text: str) -> None:
        """The session is not safe on disk: say since when and why, until a save works."""
        self.save_banner.setText(text)
        self.save_banner.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def refresh(self) -> None:
        c = self.controller
        s = c.session
        state = s.state
        running = state is State.RUNNING
        tr = self.ctx.tr
        states = (State.SETUP, State.RUNNING, State.PAUSED, State.FINISHED)
        words = dict(zip(states, TOGGLE_WORDS, strict=True))
        self.toggle_button.setText(tr(words[state]))
        # the icon says what the button does now: pause while running, play otherwise
        self.toggle_button.setIcon(
            icon("pause" if running else "play", self.ctx.palette.text, self.side)
        )
        self.toggle_button.setEnabled(state is not State.FINISHED)
        live = state in (State.RUNNING, State.PAUSED)
        offered = c.offered_next()
        self.next_button.setText(
            tr("Next: {name}  N").format(name=offered) if offered else tr("Next  N")
        )
        self.next_button.setAccessibleName(
            tr("Next speaker: {name} (N)").format(name=offered)
            if offered
            else tr("Next speaker (N)")
        )
        for b in (
            self.next_button,
            self.join_button,
            self.leave_button,
            self.less_button,
            self.more_button,
            self.finish_button,
        ):
            b.setEnabled(live)
        self.mute_button.setText(tr("Chime on  M") if s.config.chime else tr("Chime off  M"))
        self._set_flag(self.reset_button, "armed", c.reset_armed)
        self.reset_button.setText(tr(RESET_ARMED) if c.reset_armed else tr("Reset  R"))
        self._set_flag(self.finish_button, "armed", c.finish_armed)
        self.finish_button.setText(tr(FINISH_ARMED) if c.finish_armed else tr("Finish"))
        # after the end, the export is what is left to do: the button stands out, and the
        # status line says "Export the session (E)"
        finished = state is State.FINISHED
        self._set_flag(self.export_button, "offer", finished)
        self.export_button.setAccessibleName(
            tr("Export the session (E)") if finished else tr("Export the session log (E)")
        )
        chairs = s.chairs()
        if len(chairs) != len(self.chair_buttons):
            self._build_chairs(len(chairs))
        for view, b in zip(chairs, self.chair_buttons, strict=True):
            b.setText(chair_text(view.said(self.ctx.translator), view.occupied, view.speaking, tr))
            b.setChecked(c.selected == view.index)
            said = view.said(self.ctx.translator)
            who = said if view.occupied else tr("{name}, empty").format(name=said)
            b.setAccessibleName(tr("Chair {n}: {who}").format(n=view.index + 1, who=who))
        circle = s.message or ""
        self.circle_label.setText(
            tr("To the circle: {message}").format(message=circle) if circle else ""
        )
        self.circle_label.setVisible(bool(circle))
        self.clear_button.setEnabled(bool(circle))
        waiting = s.queue_names(self.ctx.translator)
        self.queue_label.setText(
            tr("Waiting: {names}").format(names=", ".join(waiting)) if waiting else ""
        )
        self.queue_label.setVisible(bool(waiting))
        notes = s.notes
        if notes:
            note = notes[-1]
            count = self.ctx.ntr("{n} note", "{n} notes", len(notes)).format(n=len(notes))
            last = (
                tr("last ({name}): {text}").format(
                    name=label_in(note.speaker, self.ctx.translator), text=note.text
                )
                if note.speaker
                else tr("last: {text}").format(text=note.text)
            )
            self.notes_label.setText(f"{count}; {last}")
        self.notes_label.setVisible(bool(notes))

    @staticmethod
    def _set_flag(widget: QWidget, name: str, on: bool) -> None:
        if bool(widget.property(name)) != on:
            widget.setProperty(name, on)
            widget.style().unpolish(widget)  # the stylesheet reads the property anew
            widget.style().polish(widget)


def key_hints(tr: Callable[[str], str] = str) -> QLabel:
    return label(
        tr(
            "Space start/pause · N next · J join · L leave · +/− 30 s · E export · "
            "R reset · M chime · 1–9 touch a chair"
        ),
        "small",
        "muted",
        wrap=True,
    )
