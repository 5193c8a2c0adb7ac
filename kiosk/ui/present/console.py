"""The presenter's console: what the room sees now (a live copy), the next poster, the speaker
notes in large type, the clocks, and the list of posters to jump to.

It renders what it is told (``kiosk.ui.present.presenter.Presenter`` owns the clocks and
decides what is on show) and turns its buttons into signals; it keeps no state of its own but
the view's (the notes' scroll position)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.colour import mix
from kiosk.content.notes import points
from kiosk.core.presenter import Sequence
from kiosk.core.talk import TalkReading, TalkState, clock_text, countdown_text
from kiosk.theme import stylesheet
from kiosk.ui.context import Ctx
from kiosk.ui.gallery.home import PosterCard
from kiosk.ui.present import strings as S
from kiosk.ui.widgets import label, nav_button

NOTES_PX = 40  # the notes' type at 1080p: read from a laptop at arm's length, at a glance
DIGITS_PX = 64


class MirrorView(QWidget):
    """A picture of the audience's screen, aspect kept, centred, framed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self.setMinimumSize(160, 90)
        self.setAccessibleName(S.ACCESSIBLE_NOW)

    @property
    def pixmap(self) -> QPixmap | None:
        return self._pixmap

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self._pixmap = pixmap
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 360)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width * 9 // 16

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        if self._pixmap is not None and not self._pixmap.isNull():
            size = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, self._pixmap)
        painter.end()


class ConsoleWindow(QWidget):
    """The console, a window of its own (on the laptop's screen, or over the gallery for a
    peek on one screen)."""

    jump_requested = Signal(int)  # a poster chosen in the list
    pause_requested = Signal()
    restart_requested = Signal()
    minutes_requested = Signal(int)  # the countdown made longer (+) or shorter (-)
    close_requested = Signal()  # back to the gallery (a peek on one screen)

    def __init__(self, ctx: Ctx, peek: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.peek = peek
        self._notes_text = ""
        self._state = TalkState.OFF
        self.remote_card: QWidget | None = None
        self.setWindowTitle(S.WINDOW_TITLE)
        self.setAccessibleName(S.WINDOW_TITLE)
        self.setObjectName("console")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(self._stylesheet())
        s = ctx.scale
        outer = QVBoxLayout(self)
        gap = s.space(2)
        outer.setContentsMargins(gap, gap, gap, s.space(1))
        outer.setSpacing(gap)
        outer.addLayout(self._build_header())
        body = QHBoxLayout()
        body.setSpacing(s.space(3))
        body.addLayout(self._build_screens(), 30)
        body.addLayout(self._build_notes(), 50)
        body.addLayout(self._build_list(), 20)
        outer.addLayout(body, 1)
        hint = S.KEYS_HINT + (f"    {S.PEEK_HINT}" if peek else "")
        self.keys_hint = label(hint, "small", "muted", wrap=False)
        outer.addWidget(self.keys_hint)
        self.set_posters(ctx)

    # --- building -------------------------------------------------------------------------------
    def _stylesheet(self) -> str:
        p, s = self.ctx.palette, self.ctx.scale
        digits = round(DIGITS_PX * s.factor)
        rules = [
            stylesheet(p, s),
            f"QWidget#console {{ background: {p.background}; }}",
            f"QLabel#notes {{ font-size: {round(NOTES_PX * s.factor)}px; color: {p.text}; }}",
            f"QScrollArea#notesScroll, QWidget#notesBody {{ background: {p.background}; "
            "border: none; }",
            f"QLabel[role='digits'] {{ font-size: {digits}px; font-weight: 700; }}",
            f"QFrame#countdown {{ background: {p.surface}; border-radius: {s.space(1)}px; "
            f"border: {s.space(0.5)}px solid {p.surface}; }}",
            f"QFrame#countdown[state='warning'] {{ background: {p.warning}; "
            f"border: {s.space(0.5)}px dashed #000000; }}",
            "QFrame#countdown[state='warning'] QLabel { color: #000000; }",
            f"QFrame#countdown[state='overtime'] {{ background: {p.danger}; "
            f"border: {s.space(0.5)}px solid #ffffff; }}",
            "QFrame#countdown[state='overtime'] QLabel { color: #ffffff; }",
            f"QListWidget#posterList {{ font-size: {s.px('label')}px; color: {p.text}; "
            f"background: {p.surface}; border: none; border-radius: {s.space(1)}px; }}",
            f"QListWidget#posterList::item {{ padding: {s.space(1.5)}px {s.space(1)}px; "
            f"border-bottom: 1px solid {mix(p.surface, p.text, 0.1)}; }}",
            f"QListWidget#posterList::item:selected {{ background: {p.accent}; "
            f"color: {p.on_accent}; }}",
        ]
        return "\n".join(rules)

    def _button(self, text: str, signal: SignalInstance) -> QToolButton:
        button = nav_button(text, None, self.ctx.palette.text, self.ctx.scale.touch, text)
        button.clicked.connect(signal)
        return button

    def _clock_box(self, caption: str) -> tuple[QVBoxLayout, QLabel]:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(label(caption, "small", "muted", wrap=False))
        digits = label("0:00", "digits", wrap=False)
        box.addWidget(digits)
        return box, digits

    def _build_header(self) -> QHBoxLayout:
        s = self.ctx.scale
        row = QHBoxLayout()
        row.setSpacing(s.space(2.5))
        self._header = row
        self.title = title = label(S.WINDOW_TITLE, "h3", "muted", wrap=False)
        title.setMinimumWidth(1)  # never what makes the row wide: shown where there is room
        row.addWidget(title, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        box, self.time_of_day = self._clock_box(S.TIME_OF_DAY)
        row.addLayout(box)
        box, self.elapsed = self._clock_box(S.ELAPSED)
        self.elapsed.setAccessibleName(S.ELAPSED)
        row.addLayout(box)
        self.countdown_panel = QFrame()
        self.countdown_panel.setObjectName("countdown")
        self.countdown_panel.setProperty("state", TalkState.OFF.value)
        inner = QHBoxLayout(self.countdown_panel)
        inner.setContentsMargins(s.space(2), s.space(0.5), s.space(2), s.space(0.5))
        inner.setSpacing(s.space(2))
        box, self.countdown = self._clock_box(S.COUNTDOWN)
        self.countdown.setAccessibleName(S.COUNTDOWN)
        inner.addLayout(box)
        self.state_word = label("", "h3", wrap=False)
        inner.addWidget(self.state_word, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.countdown_panel)
        self.pause_button = self._button(S.PAUSE, self.pause_requested)
        self.restart_button = self._button(S.RESTART, self.restart_requested)
        self.less_button = nav_button(S.LESS, None, self.ctx.palette.text, s.touch, S.LESS)
        self.less_button.clicked.connect(lambda: self.minutes_requested.emit(-5))
        self.more_button = nav_button(S.MORE, None, self.ctx.palette.text, s.touch, S.MORE)
        self.more_button.clicked.connect(lambda: self.minutes_requested.emit(5))
        for button in (self.pause_button, self.restart_button, self.less_button, self.more_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        if self.peek:
            back = self._button(S.BACK_TO_GALLERY, self.close_requested)
            row.addWidget(back, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _build_screens(self) -> QVBoxLayout:
        s = self.ctx.scale
        column = QVBoxLayout()
        column.setSpacing(s.space(1))
        column.addWidget(label(S.NOW, "small", "muted", wrap=False))
        self.mirror = MirrorView()
        column.addWidget(self.mirror)
        self.where = label("", "label", wrap=True)
        column.addWidget(self.where)
        column.addSpacing(s.space(2))
        column.addWidget(label(S.NEXT, "small", "muted", wrap=False))
        self.next_box = QVBoxLayout()
        column.addLayout(self.next_box, 1)
        self.next_card: QWidget | None = None
        return column

    def _build_notes(self) -> QVBoxLayout:
        s = self.ctx.scale
        column = QVBoxLayout()
        column.setSpacing(s.space(1))
        self.notes_title = label(S.NOTES, "h2", wrap=True)
        column.addWidget(self.notes_title)
        self.notes_scroll = QScrollArea()
        self.notes_scroll.setObjectName("notesScroll")
        self.notes_scroll.setWidgetResizable(True)
        self.notes_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("notesBody")
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, s.space(2), 0)
        self.notes = QLabel()
        self.notes.setObjectName("notes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes.setAccessibleName(S.ACCESSIBLE_NOTES)
        box.addWidget(self.notes)
        box.addStretch(1)
        self.notes_scroll.setWidget(body)
        column.addWidget(self.notes_scroll, 1)
        return column

    def _build_list(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(self.ctx.scale.space(1))
        column.addWidget(label(S.POSTERS, "small", "muted", wrap=False))
        self.poster_list = QListWidget()
        self.poster_list.setObjectName("posterList")
        self.poster_list.setAccessibleName(S.ACCESSIBLE_LIST)
        self.poster_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.poster_list.setWordWrap(True)
        self.poster_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.poster_list.itemClicked.connect(
            lambda item: self.jump_requested.emit(self.poster_list.row(item))
        )
        column.addWidget(self.poster_list, 1)
        self._list_column = column
        return column

    def set_remote(self, card: QWidget | None) -> None:
        """The phone remote's card (QR code and address) under the poster list, in place of
        the one before; None: no card (the remote is off)."""
        old, self.remote_card = self.remote_card, card
        if old is not None:
            old.hide()
            old.deleteLater()
        if card is not None:
            self._list_column.addWidget(card)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # the title only where the clocks and the buttons leave room for it (a laptop's
        # 1366 px with the peek's button has none): they are never squeezed
        row = self._header
        needed = 0
        count = 0
        for i in range(row.count()):
            item = row.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is self.title:
                continue
            if item is not None and (widget is not None or item.layout() is not None):
                needed += item.sizeHint().width()
                count += 1
        outer = self.layout()
        room = self.width() - needed - row.spacing() * count
        if outer is not None:
            room -= outer.contentsMargins().left() + outer.contentsMargins().right()
        self.title.setVisible(self.title.sizeHint().width() <= room)

    # --- rendering --------------------------------------------------------------------------
    def set_posters(self, ctx: Ctx) -> None:
        """The list of posters (at start, and after a reload changed them)."""
        self.ctx = ctx
        self.poster_list.clear()
        for i, poster in enumerate(ctx.gallery.posters):
            city = ctx.t(poster.city)
            title = ctx.t(poster.title)
            self.poster_list.addItem(f"{i + 1}   {city + ': ' if city else ''}{title}")

    def show_sequence(self, seq: Sequence, where: str, blacked_out: bool) -> None:
        """The poster on the audience's screen (``where`` says what is there when it is not a
        poster), the next one, the list's highlight and the notes."""
        gallery = self.ctx.gallery
        self.where.setText(S.BLACKED_OUT if blacked_out else where)
        self.poster_list.setCurrentRow(-1 if seq.current is None else seq.current)
        self._show_next(seq.upcoming)
        if seq.current is None:
            self._show_notes(S.NOTES, S.NOTES_OFF_POSTER)
            return
        poster = gallery.posters[seq.current]
        text = gallery.notes_for(poster.id, self.ctx.lang)
        title = S.NOTES_FOR.format(title=self.ctx.t(poster.title))
        self._show_notes(title, "\n\n".join(points(text)) if text else S.NO_NOTES)

    def _show_next(self, index: int | None) -> None:
        if self.next_card is not None:
            self.next_box.removeWidget(self.next_card)
            self.next_card.deleteLater()
        if index is None:
            card: QWidget = label(S.END_OF_SHOW, "label", "muted")
        else:
            poster = self.ctx.gallery.posters[index]
            card = PosterCard(self.ctx, index, poster, self.ctx.scale.space(18), "label")
            card.setAccessibleName(f"{S.ACCESSIBLE_NEXT}: {self.ctx.t(poster.title)}")
        self.next_card = card
        self.next_box.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)

    def _show_notes(self, title: str, text: str) -> None:
        self.notes_title.setText(title)
        if text != self._notes_text:
            self._notes_text = text
            self.notes.setText(text)
            self.notes_scroll.verticalScrollBar().setValue(0)

    def show_mirror(self, pixmap: QPixmap | None) -> None:
        self.mirror.set_pixmap(pixmap)

    def show_clock(self, reading: TalkReading, time_of_day: str) -> None:
        """The clocks' digits and the countdown's state, written only where they changed."""
        _set(self.time_of_day, time_of_day)
        elapsed = clock_text(reading.elapsed)
        _set(self.elapsed, elapsed if reading.running else f"{elapsed} ({S.PAUSED})")
        _set(self.pause_button, S.PAUSE if reading.running else S.RESUME)
        if reading.remaining is None:
            _set(self.countdown, "–")
            _set(self.state_word, S.NO_COUNTDOWN)
        else:
            _set(self.countdown, countdown_text(reading.remaining))
            _set(self.state_word, S.STATE_WORDS[reading.state])
        if reading.state is not self._state:
            self._state = reading.state
            self.countdown_panel.setProperty("state", reading.state.value)
            for widget in (self.countdown_panel, *self.countdown_panel.findChildren(QLabel)):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def scroll_notes(self, steps: int) -> None:
        """The notes moved by ``steps`` (a few lines each; negative: up)."""
        bar = self.notes_scroll.verticalScrollBar()
        line = round(NOTES_PX * self.ctx.scale.factor * 1.4)
        bar.setValue(max(0, min(bar.maximum(), bar.value() + steps * 3 * line)))

    @property
    def countdown_state(self) -> TalkState:
        return self._state


def _set(widget: QLabel | QToolButton, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)
