"""How closely the fishbowl's displayed turn time follows the real clock.

Runs the real public view on the real monotonic clock for ``--seconds`` (default 600: ten
minutes, through the turn's countdown, its warning and into over time), records the moment each
new label is painted, and compares it with the moment that label became true. Prints the lag
(median, 95th percentile, max) and exits 1 if any label came more than ``--tolerance`` late
(default 0.1 s) or early.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.fishbowl_clock --seconds 600
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def label_seconds(label: str) -> float:
    """'2:05' → 125 (time left); '+0:12' → -12 (time over)."""
    sign = -1 if label.startswith("+") else 1
    parts = [int(p) for p in label.lstrip("+").split(":")]
    value = 0
    for p in parts:
        value = value * 60 + p
    return sign * value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--turn", type=float, default=None,
                        help="turn length (default: half the run, so over time is covered)")
    parser.add_argument("--tolerance", type=float, default=0.1)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer

    from kiosk.core.clock import MonotonicClock
    from kiosk.core.fishbowl import FishbowlConfig, FishbowlSession
    from kiosk.theme import palette_for
    from kiosk.ui.fishbowl.public import PublicView
    from kiosk.ui.run import get_app

    app = get_app()
    turn = args.turn or max(20.0, args.seconds / 2)
    config = FishbowlConfig(turn_seconds=turn, warning_seconds=min(30.0, turn / 4),
                            session_seconds=max(turn * 3, args.seconds + 60))
    session = FishbowlSession(MonotonicClock(), config)
    view = PublicView(session, palette_for("dark_teal.xml"), reduced_motion=True)
    view.resize(1920, 1080)
    seen: list[tuple[float, str]] = []
    view.painted.connect(lambda label: seen.append((time.monotonic(), label)))
    view.show()
    app.processEvents()
    session.start()
    started = time.monotonic() - session.turn_elapsed()
    QTimer.singleShot(round(args.seconds * 1000), app.quit)
    app.exec()

    lags: list[float] = []
    previous = None
    for at, label in seen:
        if label == previous:
            continue
        previous = label
        value = label_seconds(label)
        # the label "m:ss" holds while time left is in (value-1, value]; "+m:ss" from value over
        became_true = started + (turn - value if value >= 0 else turn + (-value))
        if label in ("0:00",):
            continue  # an instant, not a second: nothing to compare
        lags.append(at - became_true)
    if not lags:
        print("no label changes recorded")
        return 1
    lags_ms = sorted(x * 1000 for x in lags)
    p95 = lags_ms[min(len(lags_ms) - 1, round(0.95 * (len(lags_ms) - 1)))]
    worst = max(lags_ms, key=abs)
    print(f"fishbowl clock: {len(lags)} label changes over {args.seconds:.0f} s "
          f"(turn {turn:.0f} s, into over time)")
    print(f"lag of the painted label behind the clock: median {statistics.median(lags_ms):.1f} ms,"
          f" p95 {p95:.1f} ms, worst {worst:.1f} ms (tolerance ±{args.tolerance * 1000:.0f} ms)")
    ok = all(-args.tolerance <= x <= args.tolerance for x in lags)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
