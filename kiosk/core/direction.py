"""Which way a text runs: right to left (Arabic, Hebrew...) or left to right, from its first
letter with a strong direction (the Unicode bidirectional algorithm's rule P2). No Qt here:
the UI turns the answer into a layout direction."""

from __future__ import annotations

import unicodedata

RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Hebrew-like and Arabic letters
LEFT_TO_RIGHT = "L"


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a strong direction runs right to left: "مرحبا" and
    "«مرحبا» 2017" are, "2017 Montréal" and a text of digits and punctuation only are not."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RIGHT_TO_LEFT:
            return True
        if kind == LEFT_TO_RIGHT:
            return False
    return False
