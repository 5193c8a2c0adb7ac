"""The session's text, in and out: what typed text is cleaned to, and how chairs and times read.

Chairs are numbered 0..N-1 in the API; people read them from 1 (``chair_label``). Times are
compared and shown in whole milliseconds, so float noise never flips a label or a phase.
"""

from __future__ import annotations

import math
import re

from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.i18n import N_, Said, Translator

CHAIR = N_("Chair {n}")


def chair_name(chair: int) -> Said:
    """People read chairs from 1: chair index 2 is "Chair 3" (said in the language on screen)."""
    return Said(CHAIR, n=chair + 1)


def chair_label(chair: int) -> str:
    """ "Chair 3" for chair index 2, in English (the label the session's data keeps)."""
    return str(chair_name(chair))


_CHAIR_LABEL = re.compile(r"Chair (\d+)")


def label_in(label: str, t: Translator) -> str:
    """A label the session's data keeps (a note's speaker): "Chair 3" said in ``t``'s language,
    a name as it is."""
    match = _CHAIR_LABEL.fullmatch(label)
    return chair_name(int(match.group(1)) - 1).in_language(t) if match else label


def whole_ms(seconds: float) -> int:
    """Whole milliseconds: comparisons and displays ignore float noise below a millisecond."""
    return round(seconds * 1000)


def format_clock(seconds: float) -> str:
    """A countdown as shown: "2:05", "0:30", "+0:12" in over time, "1:02:03" from one hour.

    Time left is rounded up (the display reaches "0:00" exactly when the time is up); time over
    is rounded down ("+0:01" one full second after zero). Each label thus lasts one second.
    """
    if not math.isfinite(seconds):
        return "--:--"
    ms = whole_ms(seconds)
    sign, whole = ("+", -ms // 1000) if ms < 0 else ("", -(-ms // 1000))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def format_duration(seconds: float) -> str:
    """A duration spoken so far, in whole seconds down: "9:10", "1:02:03"."""
    if not math.isfinite(seconds):
        return "--:--"
    whole = max(0, whole_ms(seconds)) // 1000
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clean_text(text: str | None, limit: int, what: str) -> str | None:
    """One line, single spaces, or None when blank; ``what`` (a marked msgid: "The name") names
    the text in the refusal."""
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if len(cleaned) > limit:
        raise FishbowlError(
            N_("{what} is too long: keep it under {limit} characters"),
            what=Said(what),
            limit=limit,
        )
    return cleaned or None
