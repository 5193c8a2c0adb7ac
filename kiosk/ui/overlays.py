"""Layers over the whole window: blackout (B or '.'), the help card (H or ?), and the veil that
the help, the kiosk's "Still there?" notice and the admin's PIN pad and screen are drawn on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.context import Ctx
from kiosk.ui.widgets import label, nav_button, panel

KEYS = [
    ("→  PageDown  Space", "next poster"),
    ("←  PageUp  Backspace", "previous poster"),
    ("Home  /  End", "first / last poster"),
    ("1 – 9", "jump to a poster"),
    ("↑  ↓", "scroll the poster"),
    ("+  /  −", "zoom in / out"),
    ("Esc", "overview of all posters"),
    ("Q", "the quotes, full screen (P pauses)"),
    ("B  or  .", "black out the screen"),
    ("F  or  F11", "full screen"),
    ("H  or  ?", "this help"),
    ("A", "about: credits and licences"),
]


class Blackout(QWidget):
    """A black screen for the presenter; B, '.', Esc or a tap brings the posters back."""

    dismissed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Screen blacked out")
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

    def centred_card(self, side: float = 5) -> tuple[QFrame, QVBoxLayout]:
        """A card centred on the veil (the help card, the notice, the PIN pad) and the layout
        to fill it with; ``side``: its side margins in spacing units."""
        s = self.ctx.scale
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = panel("help")
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(card)
        box.setContentsMargins(s.space(side), s.space(4), s.space(side), s.space(4))
        box.setSpacing(s.space(2))
        return card, box


class HelpOverlay(Veil):
    """The keys, large enough to read from the back of a room; any tap closes it, except on
    the About button, which opens the About card in its place."""

    dismissed = Signal()
    about_requested = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(ctx, parent)
        s = ctx.scale
        card, box = self.centred_card()
        box.addWidget(label("Keys and clicker", "h2"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(s.space(5))
        grid.setVerticalSpacing(s.space(1))
        for row, (keys, what) in enumerate(KEYS):
            grid.addWidget(label(keys, "label", "accent", wrap=False), row, 0)
            grid.addWidget(label(what, "body", wrap=False), row, 1)
        box.addLayout(grid)
        box.addWidget(
            label(
                "Touch: swipe sideways for the next poster, drag up and down to "
                "scroll, pinch or double-tap to zoom. Tap anywhere to close.",
                "small",
                "muted",
            )
        )
        self.about_button = nav_button(
            "About: credits and licences",
            None,
            ctx.palette.text,
            s.touch,
            "About this gallery: version, credits and licences",
        )
        self.about_button.clicked.connect(self.about_requested)
        box.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)
        card.setMaximumWidth(s.space(150))
        self.setAccessibleName("Help: keys and gestures")

    def mouseReleaseEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        self.dismissed.emit()
