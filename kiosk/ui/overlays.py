"""Layers over the whole window: blackout (B or '.'), the help card (H or ?), and the veil that
the help, the kiosk's "Still there?" notice and the admin's PIN pad and screen are drawn on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLayoutItem, QVBoxLayout, QWidget

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
        # wide enough for a language 40 % longer than English (the window's edge is the limit)
        self.card.setMaximumWidth(ctx.scale.space(190))
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
        s, tr = self.ctx.scale, self.ctx.tr
        while (item := self.box.takeAt(0)) is not None:
            if item.widget() is self.about_button:
                continue  # kept, and added again at the end
            _delete_item(item)
        self.title = label(tr(HELP_TITLE[kind]), "h2")
        self.box.addWidget(self.title)
        tables = [GESTURES, KEYS] if kind is InputKind.TOUCH else [KEYS, GESTURES]
        if self.ctx.kiosk:
            # an unattended kiosk has no presenter's keys; a keypad or keyboard walks it
            tables = [GESTURES] if kind is InputKind.TOUCH else [KEYPAD, GESTURES]
        for n, rows in enumerate(tables):
            if n:
                other = InputKind.TOUCH if rows is GESTURES else InputKind.KEYS
                self.box.addWidget(label(tr(HELP_TITLE[other]), "h3"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(s.space(5))
            grid.setVerticalSpacing(s.space(0.5 if n else 1))
            role = "body" if n == 0 else "small"
            languages = self.ctx.gallery.settings.languages
            if len(languages) < 2:  # no language buttons, no L key
                rows = [r for r in rows if r[0] not in (LANGUAGE_BUTTONS, "L")]
            pairs = []
            for key, what_it_does in rows:
                what_to_do = (
                    "  ".join(native_name(code) for code in languages)
                    if key == LANGUAGE_BUTTONS
                    else tr(key)
                )
                keys = label(what_to_do, "label" if n == 0 else "small", "accent", wrap=False)
                pairs.append((keys, label(tr(what_it_does), role, wrap=False)))
            self._fill(grid, pairs)
            self.box.addLayout(grid)
        self.box.addWidget(label(tr(CLOSE_HELP[kind]), "small", "muted"))
        self.box.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _fill(self, grid: QGridLayout, pairs: list[tuple[QLabel, QLabel]]) -> None:
        """Each key beside what it does; where the window is too narrow for the two columns
        (a portrait screen in a longer language), each key above what it does."""
        s = self.ctx.scale
        for keys, does in pairs:
            for part in (keys, does):
                part.setParent(self.card)
                part.ensurePolished()  # measured in the stylesheet's font
        widest = max((k.sizeHint().width() for k, _ in pairs), default=0)
        widest += max((d.sizeHint().width() for _, d in pairs), default=0)
        window = self.parentWidget()
        room = (window.width() if window is not None else 1920) - 2 * s.space(5 + 3)
        stacked = widest + grid.horizontalSpacing() > room
        for row, (keys, does) in enumerate(pairs):
            if stacked:
                does.setIndent(s.space(3))
                grid.addWidget(keys, 2 * row, 0)
                grid.addWidget(does, 2 * row + 1, 0)
            else:
                grid.addWidget(keys, row, 0)
                grid.addWidget(does, row, 1)

    def mouseReleaseEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        self.dismissed.emit()


def _delete_item(item: QLayoutItem) -> None:
    """Delete what a layout item holds: a widget, or a layout and everything in it."""
    widget, layout = item.widget(), item.layout()
    if widget is not None:
        widget.deleteLater()
    elif layout is not None:
        while (inner := layout.takeAt(0)) is not None:
            _delete_item(inner)
