"""The fishbowl's setup screen: the question, the circle and the times, chosen by touch.

The facilitator may set up on the touchscreen itself, so every control is a big button: steppers
with "−" and "+" instead of spin boxes (whose arrows are a few pixels tall), the questions as
large choices, toggles for the chime and the fair-airtime settings. Nothing depends on hover.
The panel never checks rules of its own: it builds a ``FishbowlConfig`` (and reads the list of
participants with the model's ``parse_roster``) and shows the model's sentence when the model
refuses, so the screen and the session cannot disagree about what is valid.

Big type is styled through stylesheet property selectors, never ``setFont()`` (qt-material puts
a font size on every widget, PITFALLS.md §3): the panel adds a few rules of its own for the
stepper glyphs, the chosen question, the question field and the Start button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.fishbowl.config import (
    MAX_CHAIRS,
    FishbowlConfig,
    RosterEntry,
    parse_roster,
    roster_text,
)
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.i18n import ENGLISH, N_, Translator
from kiosk.theme import FONT_FAMILY, Palette, TypeScale, mix
from kiosk.ui.context import Ctx
from kiosk.ui.layouts import empty
from kiosk.ui.touch import GestureFilter
from kiosk.ui.widgets import label, nav_button, panel

MINUS = "\u2212"  # a real minus sign: as wide as the plus, unlike a hyphen
WIDE_AT = 1400  # reference pixels (at 1080p) from which the panel has two columns
MAX_QUESTION = 500  # the model's limit
ROSTER_LINES = 3  # lines of the participants field always in view (it grows where there is room)
# (minimum, maximum, step) of each stepper; a configuration beyond them widens the range
CHAIRS = (2, 12, 1)
TURN = (60, 30 * 60, 30)  # seconds
WARNING = (0, 120, 5)  # seconds
SESSION = (5 * 60, 240 * 60, 5 * 60)  # seconds
# ... but never beyond these, whatever a preset or a restored file says: a range of 1e300
# seconds once made the panel list every value of it (100 % CPU, gigabytes of memory)
CHAIRS_LIMIT = (2, MAX_CHAIRS)
TURN_LIMIT = (1, 4 * 3600)  # seconds
WARNING_LIMIT = (0, 4 * 3600)  # seconds
SESSION_LIMIT = (60, 24 * 3600)  # seconds
MAX_LISTED = 500  # values a stepper formats to find its widest text; beyond, a sample
# the widest range any stepper takes (a chair count, seconds): its valueChanged carries a C int,
# which a bigger number would overflow
STEPPER_BOUND = 10_000_000


def bounded(value: float, limit: tuple[int, int]) -> int:
    """``value`` as a whole number inside ``limit``, clamped before rounding, so no huge or
    non-finite number ever reaches ``round`` or a range."""
    low, high = limit
    if value != value:  # NaN: the low end
        return low
    return round(max(low, min(high, value)))


# --- how values read --------------------------------------------------------------------------
def format_count(value: int) -> str:
    return str(value)


SECONDS = N_("{seconds} s")
MINUTES = N_("{minutes} min")
MINUTES_SECONDS = N_("{minutes} min {seconds} s")
HOURS = N_("{hours} h")
HOURS_MINUTES = N_("{hours} h {minutes} min")
OFF, ON = N_("Off"), N_("On")


def format_turn(seconds: int, t: Translator = ENGLISH) -> str:
    """Minutes per turn: "3 min", "2 min 30 s"."""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return t.gettext(SECONDS).format(seconds=rest)
    if not rest:
        return t.gettext(MINUTES).format(minutes=minutes)
    return t.gettext(MINUTES_SECONDS).format(minutes=minutes, seconds=rest)


def format_session(seconds: int, t: Translator = ENGLISH) -> str:
    """A session length: "45 min", "1 h", "1 h 30 min"."""
    hours, minutes = divmod(round(seconds / 60), 60)
    if not hours:
        return t.gettext(MINUTES).format(minutes=minutes)
    if not minutes:
        return t.gettext(HOURS).format(hours=hours)
    return t.gettext(HOURS_MINUTES).format(hours=hours, minutes=minutes)


def format_warning(seconds: int, t: Translator = ENGLISH) -> str:
    """The warning before a turn ends: "30 s", or "Off" at 0 (no warning phase)."""
    return t.gettext(OFF) if seconds <= 0 else t.gettext(SECONDS).format(seconds=seconds)


def setup_stylesheet(p: Palette, s: TypeScale) -> str:
    """The panel's own rules, on top of the window's (theme.stylesheet)."""
    field_border = mix(p.surface, p.text, 0.3)
    return "\n".join(
        [
            f'QToolButton[role="nav"][step="true"] {{ font-size: {s.px("h2")}px; '
            f"font-weight: 700; padding: 0px; margin: 0px; width: {s.touch}px; "
            f"height: {s.touch}px; }}",
            f'QToolButton[role="nav"]:checked {{ background: {p.accent}; color: {p.on_accent}; }}',
            f'QToolButton[role="nav"][choice="true"] {{ border-radius: {s.space(2)}px; '
            f"padding: 0px; border: {s.space(0.5)}px solid transparent; }}",
            f'QToolButton[role="nav"][choice="true"]:checked {{ background: {p.accent}; '
            f"border: {s.space(0.5)}px solid {p.text}; }}",
            # the border is there (transparent) when enabled too, so a toggle keeps its size
            f'QToolButton[role="nav"][toggle="true"] {{ min-width: {s.touch * 3}px; '
            f"font-size: {s.px('h3')}px; font-weight: 700; "
            f"border: {s.space(0.25)}px solid transparent; }}",
            f'QLabel[tone="on-accent"] {{ color: {p.on_accent}; font-weight: 700; }}',
            f'QToolButton[role="nav"][primary="true"] {{ background: {p.accent}; '
            f"color: {p.on_accent}; font-size: {s.px('h3')}px; font-weight: 700; "
            f"padding: 0px {s.space(4)}px; }}",
            f'QToolButton[role="nav"][primary="true"]:pressed {{ '
            f"background: {mix(p.accent, p.text, 0.3)}; }}",
            f'QToolButton[role="nav"][primary="true"]:disabled {{ background: transparent; '
            f"color: {p.muted}; border: {s.space(0.5)}px dashed {p.muted}; }}",
            f'QLineEdit[role="question"] {{ font-family: "{FONT_FAMILY}"; '
            f"font-size: {s.px('label')}px; color: {p.text}; "
            f"background: {p.surface}; min-height: {s.touch}px; "
            f"padding: 0px {s.space(2)}px; border-radius: {s.space(2)}px; "
            f"border: {s.space(0.5)}px solid {field_border}; }}",
            f'QLineEdit[role="question"][selected="true"] {{ border: {s.space(0.5)}px solid '
            f"{p.accent}; }}",
            f'QPlainTextEdit[role="roster"] {{ font-family: "{FONT_FAMILY}"; '
            f"font-size: {s.px('label')}px; color: {p.text}; background: {p.surface}; "
            f"padding: {s.space(0.5)}px {s.space(1.5)}px; border-radius: {s.space(2)}px; "
            f"border: {s.space(0.5)}px solid {field_border}; }}",
            # a refused list: the frame says where, the sentence beside Start says what
            f'QPlainTextEdit[role="roster"][invalid="true"] {{ border: {s.space(0.5)}px dashed '
            f"{p.accent}; }}",
            f'QToolButton[role="nav"][toggle="true"]:disabled {{ background: transparent; '
            f"color: {p.muted}; border: {s.space(0.25)}px dashed {p.muted}; }}",
        ]
    )


def _repolish(widget: QWidget) -> None:
    """Re-read the stylesheet after a property the selectors use has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


# --- the stepper ------------------------------------------------------------------------------
def _within_bound(value: int) -> int:
    return max(-STEPPER_BOUND, min(STEPPER_BOUND, int(value)))


class _ValueLabel(QLabel):
    """The stepper's value: as wide as its widest value, so the buttons never move."""

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        super().__init__()
        self._texts = texts

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        fm = self.fontMetrics()
        margin = 2 * (self.margin() + self.indent() if self.indent() > 0 else self.margin())
        widest = max((fm.horizontalAdvance(t) for t in self._texts()), default=0)
        return QSize(max(hint.width(), widest + margin + fm.averageCharWidth()), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


class _StepButton(QToolButton):
    """A square "−" or "+" of the touch size; its glyph is centred, whatever the font says."""

    def __init__(self, glyph: str, side: int, accessible: str) -> None:
        super().__init__()
        self._side = side
        self.setProperty("role", "nav")
        self.setProperty("step", True)
        self.setText(glyph)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window
        self.setAccessibleName(accessible)
        self.setFixedSize(side, side)
        self.setAutoRepeat(True)  # press and hold to run through the values
        self.setAutoRepeatDelay(450)
        self.setAutoRepeatInterval(110)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._side, self._side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


class Stepper(QWidget):
    """A large touch stepper: caption, then "−", the value in big type, "+".

    The buttons are touch-sized squares, disabled at the bounds (so the limit is visible), and
    repeat while held. "+" and "−" move along the grid ``minimum + k·step``; ``set_value`` takes
    any value in range, so a configuration off the grid (a 200 s turn from YAML) survives.
    """

    valueChanged = Signal(int)  # noqa: N815 - Qt naming, like QSpinBox

    def __init__(
        self,
        ctx: Ctx,
        caption: str,
        minimum: int,
        maximum: int,
        step: int = 1,
        value: int | None = None,
        fmt: Callable[[int], str] = format_count,
        less: str = "Less",
        more: str = "More",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if step <= 0 or minimum > maximum:
            raise ValueError(f"bad stepper range {minimum}..{maximum} step {step}")
        self._min, self._max = _within_bound(minimum), _within_bound(maximum)
        self._step = min(step, STEPPER_BOUND)
        self._fmt = fmt
        self._caption = caption
        self._value = minimum
        s = ctx.scale
        side = s.touch
        self.setObjectName("section")  # transparent on whatever panel it sits on
        self.setAccessibleName(caption)
        self.caption_label = label(caption, "label", "muted")
        self.decrease_button = _StepButton(MINUS, side, less)
        self.increase_button = _StepButton("+", side, more)
        self.decrease_button.clicked.connect(self.step_down)
        self.increase_button.clicked.connect(self.step_up)
        self.value_label = _ValueLabel(self._all_texts)
        self.value_label.setProperty("role", "h2")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(s.space(1))
        row.addWidget(self.decrease_button)
        row.addWidget(self.value_label, 1)
        row.addWidget(self.increase_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(s.space(0.5))
        box.addWidget(self.caption_label)
        box.addLayout(row)
        self.set_value(minimum if value is None else value)
        self._refresh()  # set_value to the minimum changed nothing, yet the label needs text

    # --- reading and setting ------------------------------------------------------------------
    @property
    def value(self) -> int:
        return self._value

    @property
    def minimum(self) -> int:
        return self._min

    @property
    def maximum(self) -> int:
        return self._max

    @property
    def step(self) -> int:
        return self._step

    def text(self) -> str:
        """The value as shown."""
        return self._fmt(self._value)

    def set_value(self, value: int) -> None:
        """Set the value, clamped to the range; emits valueChanged if it changed."""
        value = max(self._min, min(self._max, int(value)))
        changed = value != self._value
        self._value = value
        self._refresh()
        if changed:
            self.valueChanged.emit(value)

    def set_range(self, minimum: int, maximum: int) -> None:
        """New bounds; the value is clamped into them (and valueChanged says so)."""
        if minimum > maximum:
            raise ValueError(f"bad stepper range {minimum}..{maximum}")
        self._min, self._max = _within_bound(minimum), _within_bound(maximum)
        self.value_label.updateGeometry()  # the widest value may have changed
        self.set_value(self._value)

    def step_up(self) -> None:
        k = (self._value - self._min) // self._step + 1
        self.set_value(self._min + k * self._step)

    def step_down(self) -> None:
        k = -(-(self._value - self._min) // self._step) - 1
        self.set_value(self._min + k * self._step)

    # --- showing ------------------------------------------------------------------------------
    def _all_texts(self) -> list[str]:
        """The texts the value may show, to size the label: every value on the grid when there
        are few, else an even sample with both ends (a wide range must stay cheap to size)."""
        count = (self._max - self._min) // self._step + 1
        stride = self._step * max(1, -(-count // MAX_LISTED))
        values = set(range(self._min, self._max + 1, stride)) | {self._max, self._value}
        return [self._fmt(v) for v in values]

    def _refresh(self) -> None:
        shown = self._fmt(self._value)
        self.value_label.setText(shown)
        self.value_label.setAccessibleName(f"{self._caption}: {shown}")
        self.decrease_button.setEnabled(self._value > self._min)
        self.increase_button.setEnabled(self._value < self._max)


# --- the question -----------------------------------------------------------------------------
class QuestionChoice(QToolButton):
    """One question as a big checkable button whose text wraps (a QToolButton's does not).

    The text is a word-wrapped label laid out inside the button and transparent to the mouse,
    so a tap anywhere on it checks the button. Chosen reads as more than colour: a filled dot,
    bold text and a frame.
    """

    def __init__(self, ctx: Ctx, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._question = question
        self._touch = ctx.scale.touch
        s = ctx.scale
        self.setProperty("role", "nav")
        self.setProperty("choice", True)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(ctx.tr("Question: {question}").format(question=question))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.mark = label("○", "label", wrap=False)
        self.text_label = label(question, "label")
        for child in (self.mark, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        top_left = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        self.mark.setAlignment(top_left)
        self.text_label.setAlignment(top_left)
        row = QHBoxLayout()
        row.setSpacing(s.space(1.5))
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)
        box = self._inner = QVBoxLayout(self)  # the dot and text centred as one, dot on line one
        box.setContentsMargins(s.space(2), s.space(1.5), s.space(2.5), s.space(1.5))
        box.setSpacing(0)
        box.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        self.toggled.connect(self._show_state)

    @property
    def question(self) -> str:
        return self._question

    def _show_state(self, checked: bool) -> None:
        self.mark.setText("●" if checked else "○")
        for child in (self.mark, self.text_label):
            child.setProperty("tone", "on-accent" if checked else None)
            _repolish(child)

    # The button's size comes from its inner layout (QToolButton's own hint ignores it).
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._inner.totalSizeHint().expandedTo(QSize(self._touch, self._touch))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._inner.totalMinimumSize().expandedTo(QSize(self._touch, self._touch))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(self._touch, self._inner.totalHeightForWidth(width))


# --- the participants -------------------------------------------------------------------------
class RosterEdit(QPlainTextEdit):
    """The list of participants, one per line: never shorter than ``lines`` lines, and taller
    where the screen has room. Lines do not wrap, so one line on screen is one person."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setProperty("role", "roster")
        self.setProperty("invalid", False)
        self.setTabChangesFocus(True)  # Tab leaves the field, as in the question field
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # a finger drags a long list along (a mouse still selects text)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def _chrome(self) -> tuple[int, int]:
        """Width and height around the text: the frame, the stylesheet's padding, the
        document's margin."""
        margins, viewport = self.contentsMargins(), self.viewportMargins()
        doc = 2 * round(self.document().documentMargin())
        width = margins.left() + margins.right() + viewport.left() + viewport.right() + doc
        height = margins.top() + margins.bottom() + viewport.top() + viewport.bottom() + doc
        return width, height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = self.fontMetrics()
        width, height = self._chrome()
        return QSize(width + 24 * fm.averageCharWidth(), height + self._lines * fm.lineSpacing())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = self.fontMetrics()
        width, height = self._chrome()
        return QSize(width + 8 * fm.averageCharWidth(), height + self._lines * fm.lineSpacing())


def toggle_button(accessible: str) -> QToolButton:
    """A big "On"/"Off" button (the panel's look for a yes-or-no setting)."""
    button = QToolButton()
    button.setProperty("role", "nav")
    button.setProperty("toggle", True)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAccessibleName(accessible)
    return button


def _captioned(caption: str, widget: QWidget, space: int) -> QWidget:
    """A setting's caption above its control, as the steppers show theirs."""
    cell = QWidget()
    cell.setObjectName("section")
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(space)
    box.addWidget(label(caption, "label", "muted"))
    box.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
    return cell


# --- the panel --------------------------------------------------------------------------------
class SetupPanel(QWidget):
    """The setup screen: builds a FishbowlConfig and asks for it to start, or goes back.

    The configuration's title and session warning are not edited here; they are carried over
    from the configuration the panel was given. The chosen question comes first in the
    configuration's questions (the session opens on it); the others follow, in their order, so
    the facilitator can still switch to them during the session.

    The participants are optional: one per line, "Name" or "Name; group". "Balance by group"
    is only offered once someone listed has a group; the choice is remembered meanwhile, so
    editing a group away and back does not lose it, but the configuration only balances by
    group while there is a group to balance.
    """

    start_requested = Signal(object)  # FishbowlConfig
    cancel_requested = Signal()

    def __init__(self, ctx: Ctx, config: FishbowlConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        tr = ctx.tr
        self._config = config
        self._custom = False  # the typed question is the chosen one
        self._last_choice = 0
        self._wide: bool | None = None
        self._balance_wish = config.group_balance  # "Balance by group", whether offered or not
        self.choices: list[QuestionChoice] = []
        s, p = ctx.scale, ctx.palette
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(tr("Set up the fishbowl"))
        self.setStyleSheet(setup_stylesheet(p, s))
        margin = s.space(4)

        # header: back, the screen's name, the session's title
        self.back_button = nav_button(tr("Back"), "previous", p.text, s.touch, tr("Back"))
        self.back_button.clicked.connect(self.cancel_requested)
        self.heading = label(tr("Set up the fishbowl"), "h2", wrap=False)
        self.title_label = label(config.title or "", "label", "muted")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.title_label)
        header = QHBoxLayout()
        header.setSpacing(s.space(3))
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)

        # the question
        self.question_box = QWidget()
        self.question_box.setObjectName("section")
        qbox = QVBoxLayout(self.question_box)
        qbox.setContentsMargins(0, 0, 0, 0)
        qbox.setSpacing(s.space(1.5))
        qbox.addWidget(label(tr("The question"), "h3"))
        qbox.addWidget(label(tr("Choose one, or type a new one."), "small", "muted"))
        self._choice_box = QVBoxLayout()
        self._choice_box.setSpacing(s.space(1.5))
        qbox.addLayout(self._choice_box)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._choice_clicked)
        self.question_edit = QLineEdit()
        self.question_edit.setProperty("role", "question")
        self.question_edit.setProperty("selected", False)
        self.question_edit.setPlaceholderText(tr("Or type a new question…"))
        self.question_edit.setAccessibleName(tr("A new question"))
        self.question_edit.setMaxLength(MAX_QUESTION)
        self.question_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.question_edit.setClearButtonEnabled(False)
        self.question_edit.textEdited.connect(self._question_typed)
        self.question_edit.returnPressed.connect(
            lambda: self._question_typed(self.question_edit.text())
        )
        qbox.addWidget(self.question_edit)
        qbox.addStretch(1)

        # the participants (optional): who is expected, for the voices not yet heard and groups
        self.participants_box = QWidget()
        self.participants_box.setObjectName("section")
        pbox = QVBoxLayout(self.participants_box)
        pbox.setContentsMargins(0, 0, 0, 0)
        pbox.setSpacing(s.space(1))
        pbox.addWidget(label(tr("Participants (optional)"), "h3"))
        hint = tr("One per line: a name, or a name; a group (a city, a role, any label).")
        self.roster_hint = label(hint, "small", "muted")
        pbox.addWidget(self.roster_hint)
        self.roster_edit = RosterEdit(ROSTER_LINES)
        self.roster_edit.setPlaceholderText(tr("Name; group") + "\n" + tr("Name"))
        self.roster_edit.setAccessibleName(tr("Participants"))
        self.roster_edit.setAccessibleDescription(hint)
        self.roster_edit.textChanged.connect(self._changed)
        pbox.addWidget(self.roster_edit, 1)

        # the circle and the time
        self.chairs = Stepper(
            ctx,
            tr("Chairs in the circle"),
            *CHAIRS,
            less=tr("Fewer chairs"),
            more=tr("More chairs"),
        )
        self.empty_chairs = Stepper(
            ctx,
            tr("Empty chairs for the audience"),
            0,
            1,
            1,
            less=tr("Fewer empty chairs"),
            more=tr("More empty chairs"),
        )
        self.turn = Stepper(
            ctx,
            tr("Time per turn"),
            *TURN,
            fmt=lambda v: format_turn(v, ctx.translator),
            less=tr("Less time per turn"),
            more=tr("More time per turn"),
        )
        self.warning = Stepper(
            ctx,
            tr("Warning before a turn ends"),
            *WARNING,
            fmt=lambda v: format_warning(v, ctx.translator),
            less=tr("Shorter warning"),
            more=tr("Longer warning"),
        )
        self.session = Stepper(
            ctx,
            tr("Length of the session"),
            *SESSION,
            fmt=lambda v: format_session(v, ctx.translator),
            less=tr("Shorter session"),
            more=tr("Longer session"),
        )
        self.chime_button = toggle_button(tr("Chime"))
        self.chime_button.toggled.connect(self._chime_toggled)
        chime = _captioned(tr("Chime at the warning and the end"), self.chime_button, s.space(0.5))
        self.chairs.valueChanged.connect(self._chairs_changed)

        self.settings_box = QWidget()
        self.settings_box.setObjectName("section")
        sbox = QVBoxLayout(self.settings_box)
        sbox.setContentsMargins(0, 0, 0, 0)
        sbox.setSpacing(s.space(2))
        sbox.addWidget(label(tr("The circle and the time"), "h3"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(s.space(5))
        grid.setVerticalSpacing(s.space(3))
        cells: list[QWidget] = [
            self.chairs,
            self.empty_chairs,
            self.turn,
            self.warning,
            self.session,
            chime,
        ]
        for i, cell in enumerate(cells):
            grid.addWidget(cell, i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        sbox.addLayout(grid)
        sbox.addStretch(1)

        # fair airtime: what the room sees, and the balance by group
        self.airtime_public_button = toggle_button(tr("The room sees talk time"))
        self.airtime_public_button.toggled.connect(self._airtime_public_toggled)
        self.group_balance_button = toggle_button(tr("Balance by group"))
        self.group_balance_button.toggled.connect(self._group_balance_toggled)
        # said while no one listed has a group; its room is kept, so nothing moves when it goes
        self.group_note = label(
            tr("To balance by group, give a group after a name: Name; group."), "small", "muted"
        )
        retained = self.group_note.sizePolicy()
        retained.setRetainSizeWhenHidden(True)
        self.group_note.setSizePolicy(retained)
        self.airtime_box = QWidget()
        self.airtime_box.setObjectName("section")
        abox = QVBoxLayout(self.airtime_box)
        abox.setContentsMargins(0, 0, 0, 0)
        abox.setSpacing(s.space(1.5))
        abox.addWidget(label(tr("Fair airtime"), "h3"))
        toggles = QGridLayout()
        toggles.setHorizontalSpacing(s.space(5))
        toggles.setVerticalSpacing(s.space(1))
        toggles.addWidget(
            _captioned(tr("The room sees talk time"), self.airtime_public_button, s.space(0.5)),
            0,
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        toggles.addWidget(
            _captioned(tr("Balance by group"), self.group_balance_button, s.space(0.5)),
            0,
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        toggles.addWidget(self.group_note, 1, 0, 1, 2)
        toggles.setColumnStretch(0, 1)
        toggles.setColumnStretch(1, 1)
        abox.addLayout(toggles)

        # the scrolling body (it only scrolls where the screen is short)
        self.body = QWidget()
        self.body.setObjectName("screen")
        self.body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The body is as tall as its content at the viewport's width (its height for width):
        # without this the scroll area also holds it to its minimum size hint, which measures
        # every wrapped caption at its narrowest and made the setup scroll with room to spare.
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self._body_grid = QGridLayout(self.body)
        self._body_grid.setContentsMargins(margin, s.space(1), margin, s.space(2))
        self._body_grid.setHorizontalSpacing(s.space(8))
        self._body_grid.setVerticalSpacing(s.space(5))
        # two columns when wide (question and participants | circle, time and airtime), else
        # one: each column stacks its sections, so a long list of questions on the left never
        # pushes the settings on the right down
        self._columns: list[QVBoxLayout] = []
        for column in range(2):
            stack = QVBoxLayout()
            stack.setSpacing(s.space(4))
            self._body_grid.addLayout(stack, 0, column)
            self._columns.append(stack)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screen")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(self.body)
        self.gestures = GestureFilter(self.scroll_area, horizontal=False)  # kinetic touch scrolling

        # a sentence for the facilitator that is not about the setup (a damaged save moved
        # aside at start): shown here because the controls are not on screen during the setup
        self.notice_label = label("", "label", "accent")
        self.notice_label.setAccessibleName(tr("Notice"))
        self.notice_label.hide()

        # footer: the model's complaint, if any, then Start
        self.error_label = label("", "label", "accent")
        self.error_label.setAccessibleName(tr("Problem with the setup"))
        self.error_label.hide()
        self.start_button = nav_button(
            tr("Start the session"), "play", p.on_accent, s.touch, tr("Start the session")
        )
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self._start_clicked)
        # the rules, on request: the source's own sentence, then what is general guidance,
        # under its heading (never shown as the source's)
        self.rules_panel = rules_panel(ctx)
        self.rules_button = nav_button(
            tr("Rules"), None, p.text, s.touch, tr("Show or hide how a fishbowl works")
        )
        self.rules_button.setCheckable(True)
        self.rules_button.toggled.connect(self.rules_panel.setVisible)
        self.rules_button.toggled.connect(
            lambda shown: self.rules_button.setText(tr("Hide the rules") if shown else tr("Rules"))
        )
        rules_layout = self.rules_panel.layout()
        self.rules_button.setVisible(rules_layout is not None and rules_layout.count() > 0)
        self.rules_panel.hide()
        footer = QHBoxLayout()
        footer.setSpacing(s.space(3))
        footer.addWidget(self.error_label, 1)
        footer.addWidget(self.rules_button, 0, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(
            self.start_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        )

        root = QVBoxLayout(self)
        root.setContentsMargins(0, margin, 0, margin)
        root.setSpacing(s.space(2))
        header.setContentsMargins(margin, 0, margin, 0)
        footer.setContentsMargins(margin, 0, margin, 0)
        root.addLayout(header)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(margin, 0, margin, 0)
        notice_row.addWidget(self.notice_label)
        root.addLayout(notice_row)
        root.addWidget(self.scroll_area, 1)
        rules_row = QHBoxLayout()
        rules_row.setContentsMargins(margin, 0, margin, 0)
        rules_row.addWidget(self.rules_panel)
        root.addLayout(rules_row)
        root.addLayout(footer)

        for stepper in (self.chairs, self.empty_chairs, self.turn, self.warning, self.session):
            stepper.valueChanged.connect(self._changed)
        self._arrange(wide=True)
        self.set_config(config)

    # --- the configuration --------------------------------------------------------------------
    def set_config(self, config: FishbowlConfig) -> None:
        """Show ``config`` in the widgets (its first question chosen).

        A value outside a stepper's usual range (a 15-chair circle from fishbowl.yaml) widens
        that range rather than being clamped, so ``config()`` gives the same configuration back.
        """
        self._config = config
        self.title_label.setText(config.title or "")
        self.title_label.setVisible(bool(config.title))
        for choice in self.choices:
            self.group.removeButton(choice)
            self._choice_box.removeWidget(choice)
            choice.hide()  # gone from the screen now, not only when the event loop deletes it
            choice.deleteLater()
        self.choices = []
        for i, question in enumerate(config.questions):
            choice = QuestionChoice(self.ctx, question)
            self.group.addButton(choice, i)
            self._choice_box.addWidget(choice)
            self.choices.append(choice)
        self.question_edit.clear()
        self._last_choice = 0
        self._set_custom(False)
        for stepper, (low, high, _step), limit, raw in (
            (self.chairs, CHAIRS, CHAIRS_LIMIT, config.chairs),
            (self.turn, TURN, TURN_LIMIT, config.turn_seconds),
            (self.warning, WARNING, WARNING_LIMIT, config.warning_seconds),
            (self.session, SESSION, SESSION_LIMIT, config.session_seconds),
        ):
            value = bounded(raw, limit)
            stepper.set_range(min(low, value), max(high, value))
            stepper.set_value(value)
        self.empty_chairs.set_range(0, self.chairs.value - 1)
        self.empty_chairs.set_value(bounded(config.empty_chairs, (0, self.chairs.value - 1)))
        self.chime_button.setChecked(config.chime)
        self._chime_toggled(config.chime)
        self.airtime_public_button.setChecked(config.airtime_public)
        self._airtime_public_toggled(config.airtime_public)
        self._balance_wish = config.group_balance
        self.roster_edit.setPlainText(roster_text(config.roster))  # and shows the balance
        self.config()

    def questions(self) -> tuple[str, ...]:
        """The questions for the session, the chosen one first."""
        listed = [c.question for c in self.choices]
        typed = " ".join(self.question_edit.text().split())
        if self._custom and typed:
            chosen = typed
        else:
            checked = self.group.checkedId()
            chosen = listed[checked] if 0 <= checked < len(listed) else (listed or [""])[0]
        return (chosen, *(q for q in listed if q != chosen))

    def roster(self) -> tuple[RosterEntry, ...]:
        """The participants as typed, read by the model (raises its FishbowlError, which names
        the line, for a list it refuses)."""
        return parse_roster(self.roster_edit.toPlainText())

    def config(self) -> FishbowlConfig | None:
        """The configuration the widgets describe; None (and the model's reason shown) if the
        model refuses it."""
        try:
            roster = self.roster()
        except FishbowlError as exc:
            self._mark_roster(invalid=True)
            self._show_error(exc.in_language(self.ctx.translator))
            return None
        self._mark_roster(invalid=False)
        has_groups = any(entry.group for entry in roster)
        self._show_balance(has_groups)
        try:
            config = FishbowlConfig(
                title=self._config.title,
                questions=self.questions(),
                chairs=self.chairs.value,
                empty_chairs=self.empty_chairs.value,
                turn_seconds=float(self.turn.value),
                session_seconds=float(self.session.value),
                warning_seconds=float(self.warning.value),
                session_warning_seconds=self._config.session_warning_seconds,
                chime=self.chime_button.isChecked(),
                roster=roster,
                airtime_public=self.airtime_public_button.isChecked(),
                group_balance=self._balance_wish and has_groups,
            )
        except FishbowlError as exc:
            self._show_error(exc.in_language(self.ctx.translator))
            return None
        self._show_error("")
        return config

    def _show_error(self, message: str) -> None:
        """The model's sentence beside Start, which waits (disabled) until the setup is valid."""
        self.error_label.setText(message)
        tr = self.ctx.tr
        self.error_label.setAccessibleName(
            tr("Problem with the setup: {message}").format(message=message)
            if message
            else tr("Problem with the setup")
        )
        self.error_label.setVisible(bool(message))
        self.start_button.setEnabled(not message)

    def show_notice(self, text: str) -> None:
        """A sentence from the controller (e.g. why a saved session could not be restored)."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    @property
    def notice(self) -> str:
        return self.notice_label.text() if self.notice_label.isVisibleTo(self) else ""

    @property
    def error(self) -> str:
        """The sentence shown for a refused setup ("" when the setup is fine)."""
        return self.error_label.text()

    # --- reactions ----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self.config()  # says at once what the model would refuse

    def _chairs_changed(self, chairs: int) -> None:
        """Someone must sit in the circle: at most chairs − 1 stay empty."""
        self.empty_chairs.set_range(0, chairs - 1)

    def _chime_toggled(self, on: bool) -> None:
        tr = self.ctx.tr
        self.chime_button.setText(tr(ON) if on else tr(OFF))
        self.chime_button.setAccessibleName(tr("Chime: on") if on else tr("Chime: off"))
        self._changed()

    def _airtime_public_toggled(self, on: bool) -> None:
        button = self.airtime_public_button
        tr = self.ctx.tr
        button.setText(tr(ON) if on else tr(OFF))
        button.setAccessibleName(
            tr("The room sees talk time: on") if on else tr("The room sees talk time: off")
        )
        self._changed()

    def _group_balance_toggled(self, on: bool) -> None:
        self._balance_wish = on  # a tap: _show_balance changes the button with signals blocked
        self._changed()

    def _show_balance(self, has_groups: bool) -> None:
        """Show "Balance by group" as it stands: offered once someone listed has a group, with
        the facilitator's choice; without a group, off, unavailable, and the note says why."""
        button = self.group_balance_button
        on = self._balance_wish and has_groups
        button.setEnabled(has_groups)
        if button.isChecked() != on:
            button.blockSignals(True)  # showing the state is not a change of it
            button.setChecked(on)
            button.blockSignals(False)
        tr = self.ctx.tr
        button.setText(tr(ON) if on else tr(OFF))
        if not has_groups:
            state = tr("Balance by group: off, no one listed has a group")
        else:
            state = tr("Balance by group: on") if on else tr("Balance by group: off")
        button.setAccessibleName(state)
        self.group_note.setVisible(not has_groups)

    def _mark_roster(self, invalid: bool) -> None:
        """The participants field framed as the culprit while the model refuses its list."""
        if self.roster_edit.property("invalid") != invalid:
            self.roster_edit.setProperty("invalid", invalid)
            _repolish(self.roster_edit)

    def _choice_clicked(self, index: int) -> None:
        self._last_choice = index
        self._set_custom(False)
        self._changed()

    def _question_typed(self, text: str) -> None:
        self._set_custom(bool(text.strip()))
        self._changed()

    def _set_custom(self, custom: bool) -> None:
        """The typed question and the listed ones are one exclusive choice."""
        self._custom = custom
        if custom:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied
            for choice in self.choices:
                choice.setChecked(False)
            self.group.setExclusive(True)
        elif self.choices and self.group.checkedButton() is None:
            index = self._last_choice if 0 <= self._last_choice < len(self.choices) else 0
            self.choices[index].setChecked(True)
        if self.question_edit.property("selected") != custom:
            self.question_edit.setProperty("selected", custom)
            _repolish(self.question_edit)

    def _start_clicked(self) -> None:
        config = self.config()
        if config is not None:
            self.start_requested.emit(config)

    # --- layout -------------------------------------------------------------------------------
    def _arrange(self, wide: bool) -> None:
        """Two columns on a wide screen (the question and the participants | the circle, the
        time and the airtime), else one column in the order: question, circle and time,
        participants, airtime. The participants field takes the height left over."""
        if wide == self._wide:
            return
        self._wide = wide
        left, right = self._columns
        for column in self._columns:
            empty(column, keep=lambda _widget: True)  # the widgets stay; the stretches go
        if wide:
            left.addWidget(self.question_box)
            left.addWidget(self.participants_box, 1)
            right.addWidget(self.settings_box)
            right.addWidget(self.airtime_box)
            right.addStretch(1)
        else:
            for box in (self.question_box, self.settings_box, self.participants_box):
                left.addWidget(box, 1 if box is self.participants_box else 0)
            left.addWidget(self.airtime_box)
        grid = self._body_grid
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1 if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(self.width() / self.ctx.scale.factor >= WIDE_AT)
        super().resizeEvent(event)


def rules_panel(ctx: Ctx) -> QFrame:
    """fishbowl.yaml's rules: the source's own words first; then the general guidance, under
    its heading, so that nothing the source does not say is shown as the source's."""
    s = ctx.scale
    preset = ctx.gallery.fishbowl
    frame = panel("help")
    frame.setAccessibleName(ctx.tr("How a fishbowl works"))
    box = QVBoxLayout(frame)
    box.setContentsMargins(s.space(3), s.space(2), s.space(3), s.space(2))
    box.setSpacing(s.space(1))
    if preset.rules is not None:
        box.addWidget(label(ctx.t(preset.rules), "body"))
    guidance = preset.general_guidance
    if guidance is not None and guidance.rules is not None:
        box.addWidget(label(ctx.t(guidance.heading), "label", "muted"))
        box.addWidget(label(ctx.t(guidance.rules), "small"))
    return frame
