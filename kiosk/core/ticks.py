"""When a countdown's label next changes, so a display repaints exactly then and no more often.

``format_clock`` rounds time left up and time over down, so each label lasts one second; the
next change is at the next whole second of the remaining time. Scheduling a single-shot timer for
that moment keeps the display within milliseconds of the clock with one wake-up a second.
"""

from __future__ import annotations

import math


def until_label_changes(remaining: float) -> float:
    """Seconds until ``format_clock(remaining - t)`` shows a different label (0 < result ≤ 1)."""
    if not math.isfinite(remaining):
        return 1.0
    ms = round(remaining * 1000)
    if ms > 0:
        step = ms % 1000  # "0:03" lasts while remaining is in (2, 3]
        return (step or 1000) / 1000
    if ms == 0:
        return 0.001  # "0:00" is the very instant the time is up; "+0:00" follows at once
    over = -ms  # "+0:00" lasts while over is in (0, 1)
    return (1000 - over % 1000) / 1000
