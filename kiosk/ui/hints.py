"""What the screens tell a person to do, in the words of the input they use: touch words on a
touchscreen and in kiosk mode, keys for a presenter with a keyboard or clicker. The window
switches with the last input used (``MainWindow.set_input_kind``)."""

from __future__ import annotations

from enum import StrEnum

from kiosk.i18n import N_


class InputKind(StrEnum):
    TOUCH = "touch"  # a finger, or a mouse: what a visitor uses
    KEYS = "keys"  # a keyboard or a clicker: what a presenter uses


def first_input(kiosk: bool) -> InputKind:
    """Before any input: a kiosk is touched, a presenter's laptop is driven by keys."""
    return InputKind.TOUCH if kiosk else InputKind.KEYS


POSTER_BAR = {
    InputKind.KEYS: N_("→ next   ← previous   Esc overview   B blackout"),
    InputKind.TOUCH: N_("Swipe for the next poster  ·  drag to scroll  ·  pinch to zoom"),
}

HOME_PROMPT = {
    InputKind.KEYS: N_("Choose a poster  ·  → or Space to start  ·  H for help"),
    InputKind.TOUCH: N_("Touch a poster to explore"),
}

HELP_TITLE = {InputKind.KEYS: N_("Keys and clicker"), InputKind.TOUCH: N_("Touch and gestures")}

KEYPAD = [
    (N_("Tab"), N_("the next button, card or part of a poster")),
    (N_("Shift + Tab"), N_("the one before")),
    (N_("Enter  or  Space"), N_("choose it")),
]
"""Everything with three keys (a keyboard, or a three-button keypad sending these)."""

KEYS = [
    (N_("→  PageDown  Space"), N_("next poster")),
    (N_("←  PageUp  Backspace"), N_("previous poster")),
    (N_("Home  /  End"), N_("first / last poster")),
    ("1 – 9", N_("jump to a poster")),
    ("↑  ↓", N_("scroll the poster")),
    ("+  /  −", N_("zoom in / out")),
    (N_("Esc"), N_("overview of all posters")),
    ("Q", N_("the quotes, full screen (P pauses)")),
    (N_("B  or  ."), N_("black out the screen")),
    (N_("F  or  F11"), N_("full screen")),
    (N_("H  or  ?"), N_("this help")),
    ("A", N_("about: credits and licences")),
    ("T", N_("text size, contrast, buttons within reach")),
    ("L", N_("the next language")),
    *KEYPAD,
]

LANGUAGE_BUTTONS = "(languages)"
"""The help's row for the language buttons: shown as the gallery's languages in their own
names, and left out for a gallery in one language."""

GESTURES = [
    (N_("Swipe  ←  →"), N_("next / previous poster")),
    (N_("Drag  ↑  ↓"), N_("scroll the poster")),
    (N_("Pinch, or double-tap"), N_("zoom in; double-tap again to fit")),
    (N_("All posters"), N_("every poster at a glance")),
    (N_("All quotes"), N_("the speakers' quotes, full screen")),
    (N_("Home"), N_("back to the start")),
    ("Aa", N_("text size, contrast, buttons within reach")),
    (LANGUAGE_BUTTONS, N_("the gallery in another language")),
]

CLOSE_HELP = {
    InputKind.TOUCH: N_("Tap anywhere to close."),
    InputKind.KEYS: N_("Any key or a tap closes this help."),
}
