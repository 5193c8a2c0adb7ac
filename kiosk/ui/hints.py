"""What the screens tell a person to do, in the words of the input they use: touch words on a
touchscreen and in kiosk mode, keys for a presenter with a keyboard or clicker. The window
switches with the last input used (``MainWindow.set_input_kind``)."""

from __future__ import annotations

from enum import StrEnum


class InputKind(StrEnum):
    TOUCH = "touch"  # a finger, or a mouse: what a visitor uses
    KEYS = "keys"  # a keyboard or a clicker: what a presenter uses


def first_input(kiosk: bool) -> InputKind:
    """Before any input: a kiosk is touched, a presenter's laptop is driven by keys."""
    return InputKind.TOUCH if kiosk else InputKind.KEYS


POSTER_BAR = {
    InputKind.KEYS: "→ next   ← previous   Esc overview   B blackout",
    InputKind.TOUCH: "Swipe for the next poster  ·  drag to scroll  ·  pinch to zoom",
}

HOME_PROMPT = {
    InputKind.KEYS: "Choose a poster  ·  → or Space to start  ·  H for help",
    InputKind.TOUCH: "Touch a poster to explore",
}

HELP_TITLE = {InputKind.KEYS: "Keys and clicker", InputKind.TOUCH: "Touch and gestures"}

KEYPAD = [
    ("Tab", "the next button, card or part of a poster"),
    ("Shift + Tab", "the one before"),
    ("Enter  or  Space", "choose it"),
]
"""Everything with three keys (a keyboard, or a three-button keypad sending these)."""

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
    ("T", "text size, contrast, buttons within reach"),
    *KEYPAD,
]

GESTURES = [
    ("Swipe  ←  →", "next / previous poster"),
    ("Drag  ↑  ↓", "scroll the poster"),
    ("Pinch, or double-tap", "zoom in; double-tap again to fit"),
    ("All posters", "every poster at a glance"),
    ("All quotes", "the speakers' quotes, full screen"),
    ("Home", "back to the start"),
    ("Aa", "text size, contrast, buttons within reach"),
]

CLOSE_HELP = {
    InputKind.TOUCH: "Tap anywhere to close.",
    InputKind.KEYS: "Any key or a tap closes this help.",
}
