"""The visitor's language buttons: one per other language of the gallery, each in its own
name (English, Français, Español), on the home screen, the poster bar and the attract loop.

A tap only asks (``chosen``): the language belongs to the visitor's settings
(``kiosk.core.visitor.VisitorPrefs``), and the window builds its screens again in it, where
the visitor is."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from kiosk.i18n import native_name
from kiosk.ui.context import Ctx
from kiosk.ui.widgets import nav_button


def shown_language(ctx: Ctx) -> str:
    """The language on screen: the visitor's, else the gallery's first."""
    return ctx.lang or ctx.gallery.default_language


def other_languages(ctx: Ctx) -> tuple[str, ...]:
    """The gallery's languages but the one on screen, in the gallery's order."""
    now = shown_language(ctx)
    return tuple(code for code in ctx.gallery.settings.languages if code != now)


class LanguageButtons(QWidget):
    """A row of buttons, one per other language, each named in that language. Empty (and
    hidden) for a gallery in one language."""

    chosen = Signal(str)  # the language code

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(ctx.scale.space(1))
        self.buttons: dict[str, QToolButton] = {}
        for code in other_languages(ctx):
            name = native_name(code)
            button = nav_button(name, None, ctx.palette.text, ctx.scale.touch, name)
            button.setProperty("lang", code)
            button.clicked.connect(lambda _=False, code=code: self.chosen.emit(code))
            row.addWidget(button)
            self.buttons[code] = button
        if not self.buttons:
            self.hide()  # (never shown here: without a parent yet it would be a window)
