"""Layers over the whole window: blackout (B or '.'), the help card (H or ?), and the veil that
the help, the kiosk's "Still there?" notice and the admin's PIN pad and screen are drawn on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, native_name
from kiosk.ui.context import Ctx
from kiosk.ui.hints import (
    CLOSE_HELP,
    GESTURES,
    HELP_TITLE,
    KEYPAD,
    KEYS,
    LANGUAGE_BUTTONS,
    InputKind,
)
from kiosk.ui.layouts import empty
from kiosk.ui.widgets import label, nav_button, panel

BLACKOUT_NAME = N_("Screen blacked out")


class Blackout(QWidget):
    """A black screen for the presenter; B, '.', Esc or a tap brings the posters back."""

    dismissed = Signal()

    def __init__(self, parent: QWidget, name: str = BLACKOUT_NAME) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(name)
        self.hide()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        QPainter(self).fillRect(self.rect(), QColor("#000000"))

    def mouseReleaseEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        self.dismissed.emit()


class Veil(QWidget):
    """A full-window layer in the background colour, mostly opaque. It takes every press, so a
    tap on it never reaches what lies below."""

    ALPHA = 225

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hide()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        veil = QColor(self.ctx.palette.background)
        veil.setAlpha(self.ALPHA)
        QPainter(self).fillRect(self.rect(), veil)

    def mousePressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        event.accept()

    def centred_card(self, side: float = 5, bottom: bool = False) -> tuple[QFrame, QVBoxLayout]:
        """A card centred on the veil (the help card, the notice, the PIN pad) and the layout
        to fill it with; ``side``: its side margins in spacing units; ``bottom``: at the
        bottom of the screen instead (the visitor's reach mode)."""
        s = self.ctx.scale
        outer = QVBoxLayout(self)
        where = Qt.AlignmentFlag.AlignCenter
        if bottom:
            where = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            outer.setContentsMargins(s.space(3), s.space(3), s.space(3), s.space(3))
        outer.setAlignment(where)
        card = panel("help")
        outer.addWidget(card, 0, where)
        box = QVBoxLayout(card)
        box.setContentsMargins(s.space(side), s.space(4), s.space(side), s.space(4))
        box.setSpacing(s.space(2))
        return card, box


class HelpOverlay(Veil):
    """What a person can do, large enough to read from the back of a room, in the words of the
    input in use (gestures first for touch, keys first for a presenter; keys not at all on an
    unattended kiosk). Any tap closes it, except on the About button, which opens the About card
    in its place."""

    dismissed = Signal()
    about_requested = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget, kind: InputKind = InputKind.KEYS) -> None:
        super().__init__(ctx, parent)
        self.card, self.box = self.centred_card(bottom=ctx.reach)
        self.kind: InputKind | None = None
        self.about_button = nav_button(
            ctx.tr("About: credits and licences"),
            None,
            ctx.palette.text,
            ctx.scale.touch,
            ctx.tr("About this gallery: version, credits and licences"),
        )
        self.about_button.clicked.connect(self.about_requested)
        self.set_kind(kind)
        self.setAccessibleName(ctx.tr("Help: keys and gestures"))

    def set_kind(self, kind: InputKind) -> None:
        """Show the help for this input (a no-op when it shows it already)."""
        if kind == self.kind:
            return
        self.kind = kind
        # as it is designed; too tall or too wide for the window (a much longer language),
        # the first table at the second's size; still too tall, the first table alone (the
        # other input's table is the one left out)
        for compact, both in ((False, True), (True, True), (True, False)):
            self._build(kind, compact, both)
            if self._fits():
                break

    def _fits(self) -> bool:
        window = self.parentWidget()
        height = window.height() if window is not None else 1080
        tall = self.card.sizeHint().height() > height - 2 * self.ctx.scale.space(3)
        return not tall and self.card.minimumSizeHint().width() <= self.card.maximumWidth()

    def _build(self, kind: InputKind, compact: bool, both: bool = True) -> None:
        tr = self.ctx.tr
        empty(self.box, keep=lambda widget: widget is self.about_button)  # (added again at the end)
        self.title = label(tr(HELP_TITLE[kind]), "h2")
        self.box.addWidget(self.title)
        tables = [GESTURES, KEYS] if kind is InputKind.TOUCH else [KEYS, GESTURES]
        if self.ctx.kiosk:
            # an unattended kiosk has no presenter's keys; a keypad or keyboard walks it
            tables = [GESTURES] if kind is InputKind.TOUCH else [KEYPAD, GESTURES]
        if not both:
            tables = tables[:1]
        languages = self.ctx.gallery.settings.languages
        blocks: list[tuple[QLabel | None, list[tuple[QLabel, QLabel]], int]] = []
        for n, rows in enumerate(tables):
            heading = None
            if n:
                other = InputKind.TOUCH if rows is GESTURES else InputKind.KEYS
                heading = label(tr(HELP_TITLE[other]), "h3")
            role = "body" if n == 0 and not compact else "small"
            if len(languages) < 2:  # no language buttons, no L key
                rows = [r for r in rows if r[0] not in (LANGUAGE_BUTTONS, "L")]
            pairs = []
            for key, what_it_does in rows:
                what_to_do = (
                    "  ".join(native_name(code) for code in languages)
                    if key == LANGUAGE_BUTTONS
                    else tr(key)
                )
                key_role = "label" if n == 0 and not compact else "small"
                keys = label(what_to_do, key_role, "accent", wrap=False)
                pairs.append((keys, label(tr(what_it_does), role, wrap=False)))
            blocks.append((heading, pairs, n))
        self._place(blocks)
        self.box.addWidget(label(tr(CLOSE_HELP[kind]), "small", "muted"))
        self.box.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _room(self) -> int:
        """The card's width for text: the window's, less the card's margins."""
        window = self.parentWidget()
        # (the card's side margins, the veil's, and a little for the card's border)
        return (window.width() if window is not None else 1920) - 2 * self.ctx.scale.space(5 + 4)

    def _place(self, blocks: list[tuple[QLabel | None, list[tuple[QLabel, QLabel]], int]]) -> None:
        """The tables side by side where the window is wide enough (a landscape screen: the
        keys' table alone filled a 1080p screen's height), else one under the other."""
        s = self.ctx.scale
        gap = s.space(5)
        for _heading, pairs, _n in blocks:
            for part in (p for pair in pairs for p in pair):
                part.setParent(self.card)
                part.ensurePolished()  # measured in the stylesheet's font
        room = self._room()
        # as wide as the window allows: the card takes only the width its tables need
        self.card.setMaximumWidth(room + 2 * s.space(5))
        window = self.parentWidget()
        landscape = window is None or window.width() > window.height()
        # side by side: both in two columns, else the second with each key above what it
        # does; one under the other where neither fits
        stack = [_columns_width(pairs) + gap > room for _h, pairs, _n in blocks]
        side = False
        if landscape and len(blocks) == 2:
            first, second = (_columns_width(p) + gap for _h, p, _n in blocks)
            narrow = _stacked_width(blocks[1][1]) + s.space(3)
            if first + second + gap <= room:
                side, stack = True, [False, False]
            elif first + narrow + gap <= room:
                side, stack = True, [False, True]
        row = QHBoxLayout()
        row.setSpacing(gap)
        for (heading, pairs, _n), stacked in zip(blocks, stack, strict=True):
            grid = QGridLayout()
            grid.setHorizontalSpacing(gap)
            small = bool(pairs) and pairs[0][1].property("role") == "small"
            grid.setVerticalSpacing(s.space(0.5 if small else 1))
            self._fill(grid, pairs, stacked=stacked)
            column = QVBoxLayout()
            column.setSpacing(s.space(1))
            if heading is not None:
                column.addWidget(heading)
            column.addLayout(grid)
            column.addStretch(1)
            if side:
                row.addLayout(column)
            else:
                self.box.addLayout(column)
        if side:
            self.box.addLayout(row)

    def _fill(self, grid: QGridLayout, pairs: list[tuple[QLabel, QLabel]], stacked: bool) -> None:
        """Each key beside what it does; ``stacked`` (a window too narrow for the two
        columns: a portrait screen in a longer language), each key above what it does."""
        for row, (keys, does) in enumerate(pairs):
            if stacked:
                does.setIndent(self.ctx.scale.space(3))
                grid.addWidget(keys, 2 * row, 0)
                grid.addWidget(does, 2 * row + 1, 0)
            else:
                grid.addWidget(keys, row, 0)
                grid.addWidget(does, row, 1)

    def mouseReleaseEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        self.dismissed.emit()


def _columns_width(pairs: list[tuple[QLabel, QLabel]]) -> int:
    """The two columns' widths: the widest key and the widest description."""
    keys = max((k.sizeHint().width() for k, _ in pairs), default=0)
    return keys + max((d.sizeHint().width() for _, d in pairs), default=0)


def _stacked_width(pairs: list[tuple[QLabel, QLabel]]) -> int:
    """The width of one column holding each key above what it does."""
    return max((max(k.sizeHint().width(), d.sizeHint().width()) for k, d in pairs), default=0)
