"""The visitor's display settings on screen: the card that changes them, the one-tap reach
button of a portrait screen, and the system's contrast preference.

The choices themselves belong to ``kiosk.core.visitor.VisitorPrefs``; these widgets only show
them and ask for changes. A change rebuilds the window's screens (``MainWindow``), this card
included, so every widget is always a fresh render of the settings in force.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QToolButton, QWidget

from kiosk.core.visitor import TEXT_STEP_NAMES, VisitorPrefs, VisitorSettings
from kiosk.i18n import N_, native_name
from kiosk.ui.context import Ctx
from kiosk.ui.overlays import Veil
from kiosk.ui.widgets import icon, label, nav_button

log = logging.getLogger(__name__)

SETTINGS_NAME = N_("Display: text size, contrast, reach and motion")
"""The accessible name of every button that opens the card."""

REACH_ON_NAME = N_("Move the buttons down, within reach")
REACH_OFF_NAME = N_("Move the buttons back to the top")


def settings_button(ctx: Ctx) -> QToolButton:
    """The button that opens the display settings (on every visitor screen)."""
    return nav_button("", "display", ctx.palette.text, ctx.scale.touch, ctx.tr(SETTINGS_NAME))


def reach_back_button(ctx: Ctx) -> QToolButton:
    """In reach mode, the first button of the row that moved down: one tap moves the buttons
    back to the top."""
    return nav_button("", "reach-up", ctx.palette.text, ctx.scale.touch, ctx.tr(REACH_OFF_NAME))


def choice_button(ctx: Ctx, text: str, accessible: str, chosen: bool) -> QToolButton:
    button = nav_button(text, None, ctx.palette.text, ctx.scale.touch, accessible)
    button.setProperty("choice", "true")
    button.setCheckable(True)
    button.setChecked(chosen)
    return button


class SettingsOverlay(Veil):
    """Text size, contrast, reach and motion, each a row of choices; the one in force is
    filled. A tap beside the card, Close or Esc closes it; Standard settings puts the gallery's
    defaults back. In reach mode the card sits at the bottom of the screen."""

    dismissed = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget, prefs: VisitorPrefs) -> None:
        super().__init__(ctx, parent)
        self.prefs = prefs
        tr = ctx.tr
        self.setAccessibleName(tr("Display settings"))
        self.card, box = self.centred_card(bottom=ctx.reach)
        self.card.setMaximumWidth(ctx.scale.space(150))
        s, now = ctx.scale, prefs.settings
        box.addWidget(label(tr("Display"), "h2"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(s.space(3))
        grid.setVerticalSpacing(s.space(2))
        self.buttons: dict[str, list[QToolButton]] = {}
        steps = [tr(n) for n in TEXT_STEP_NAMES]
        rows: list[tuple[str, str, list[tuple[str, object]]]] = [
            ("text_step", tr("Text size"), list(zip(steps, range(3), strict=True))),
            ("high_contrast", tr("Contrast"), [(tr("Standard"), False), (tr("High"), True)]),
            ("reach", tr("Buttons"), [(tr("At the top"), False), (tr("Within reach"), True)]),
            ("reduced_motion", tr("Motion"), [(tr("Animated"), False), (tr("Reduced"), True)]),
        ]
        languages = ctx.gallery.settings.languages
        if len(languages) > 1:  # each language in its own name
            rows.insert(0, ("lang", tr("Language"), [(native_name(c), c) for c in languages]))
        for row, (name, title, options) in enumerate(rows):
            grid.addWidget(label(title, "label", wrap=False), row, 0)
            line = QHBoxLayout()
            line.setSpacing(s.space(1.5))
            group = QButtonGroup(self)
            group.setExclusive(True)
            self.buttons[name] = []
            for text, value in options:
                chosen = getattr(now, name) == value
                if name == "lang":  # (None: the gallery's first language)
                    chosen = (now.lang or ctx.gallery.default_language) == value
                button = choice_button(ctx, text, f"{title}: {text}", chosen)
                button.clicked.connect(self._setter(name, value))
                group.addButton(button)
                line.addWidget(button)
                self.buttons[name].append(button)
            line.addStretch(1)
            grid.addLayout(line, row, 1)
        box.addLayout(grid)
        actions = QHBoxLayout()
        actions.setSpacing(s.space(2))
        self.reset_button = nav_button(
            tr("Standard settings"), None, ctx.palette.text, s.touch, tr("Put every setting back")
        )
        self.reset_button.clicked.connect(prefs.reset)
        self.reset_button.setEnabled(prefs.changed)
        self.close_button = nav_button(
            tr("Close"), "close", ctx.palette.text, s.touch, tr("Close the display settings")
        )
        self.close_button.clicked.connect(self.dismissed)
        actions.addWidget(self.reset_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        box.addLayout(actions)
        note = tr("These choices go back to standard for the next visitor.")
        box.addWidget(label(note, "small", "muted"))

    def _setter(self, name: str, value: object) -> Callable[[], None]:
        # (the change rebuilds this card: nothing here may run after prefs.set returns)
        def choose() -> None:
            self.prefs.set(**{name: value})

        return choose

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if not self.card.geometry().contains(event.position().toPoint()):
            self.dismissed.emit()  # a tap beside the card closes it


class ReachButton(QToolButton):
    """One tap moves every control into the lower band of a portrait screen (for a visitor in
    a wheelchair, or a child). It floats at the bottom left of the window, over the poster's
    side margin, and shows only on a portrait window; in reach mode the row of buttons at the
    bottom has its own button back (``reach_back_button``) and this one hides."""

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "edge")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side = ctx.scale.touch
        self.reach = ctx.reach
        self.setIcon(icon("reach-down", ctx.palette.text, side))
        self.setIconSize(QSize(round(side * 0.6), round(side * 0.6)))
        self.setAccessibleName(ctx.tr(REACH_ON_NAME))
        self.setFixedSize(side, side)

    def place(self, window: QWidget, margin: int) -> None:
        """At the bottom left of ``window``; shown only when it is portrait and the buttons
        are at the top."""
        self.move(margin, window.height() - self.height() - margin)
        self.setVisible(window.height() > window.width() and not self.reach)


# --- the system's contrast preference --------------------------------------------------------
def system_high_contrast() -> bool:
    """True when the operating system asks for high contrast and Qt reports it."""
    hints = _accessibility_hints()
    if hints is None:
        return False
    return hints.contrastPreference() == Qt.ContrastPreference.HighContrast


_HINTS: list[Any] = []
"""The style hints and their accessibility part, referenced from Python for the life of the
app: without a Python reference PySide deletes the wrappers, and the next call fails."""


def _accessibility_hints() -> Any:
    if QGuiApplication.instance() is None:
        return None
    if not _HINTS:
        style_hints = QGuiApplication.styleHints()
        accessibility = getattr(style_hints, "accessibility", None)
        if accessibility is None:  # a Qt without the accessibility hints
            return None
        _HINTS.extend((style_hints, accessibility()))
    return _HINTS[-1]


class SystemContrast(QObject):
    """Follows the system's contrast preference while the app runs: the visitor settings'
    default turns high contrast on or off with it (a visitor's own choice stays theirs)."""

    def __init__(self, prefs: VisitorPrefs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        # the hints object must be kept referenced from Python, or PySide deletes it under us
        self.hints = _accessibility_hints()
        if self.hints is not None:
            self.hints.contrastPreferenceChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        high = system_high_contrast()
        log.info("system contrast preference: %s", "high" if high else "standard")
        defaults: VisitorSettings = self.prefs.defaults
        self.prefs.set_defaults(replace(defaults, high_contrast=high))
