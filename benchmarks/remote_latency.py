"""The phone remote's latency on loopback: a tap on the phone page to the gallery's frame, and a
change in the app to the state shown on the phone.

The real ``kiosk present --remote --reduced-motion`` runs in a process of its own
(tests/e2e/remote_driver.py, offscreen) and the page in headless Chromium at 390x844
(benchmarks/phone.py). For each tap (Next, then Previous, back and forth):

- **tap → frame**: from just before the finger lifts (``time.monotonic()`` here) to the end of
  the gallery window's first paint after the move (``time.monotonic()`` in the app's process:
  CLOCK_MONOTONIC, one clock for the machine). It includes Chromium's tap, the page's script,
  the socket, the app's handling and the paint.
Taps come at a presenter's pace (``PACE_S`` apart: the gap is the workload, not a wait for
anything), and a second series back to back, where a tap can land while the gallery still
renders the neighbours of the poster it has just shown (its pre-rendered slides, on the GUI
thread) and waits for it.

- **state push**: from the move in the app (``time.time()`` when its navigation changed) to the
  page having rendered the new state (``performance.timeOrigin + performance.now()`` in the
  page): both read the machine's wall clock.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.peer import find_chromium
from benchmarks.phone import AppProcess, PhoneBrowser

REPO = Path(__file__).resolve().parent.parent
PACE_S = 0.8  # a presenter's taps: at most about one a second


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _series(app: AppProcess, phone: PhoneBrowser, taps: int, pace_s: float) -> dict:
    """``taps`` taps, back and forth from the first poster (and back to it after the last
    tap, uncounted); their latencies in ms."""
    tap_ms: list[float] = []
    move_ms: list[float] = []  # tap → the app's navigation moved
    push_ms: list[float] = []
    index = 0
    for i in range(taps):
        forward = (i // 4) % 2 == 0  # four forward, four back: stays in the gallery
        target = index + (1 if forward else -1)
        if pace_s:
            time.sleep(pace_s)  # the presenter talks between taps
        moment = phone.tap("p-next-button" if forward else "p-previous")
        nav = app.wait_event(lambda e, t=target: e["event"] == "nav" and e["index"] == t)
        frame = app.wait_event(lambda e: e["event"] == "frame")
        shown = phone.wait_for(
            f"document.body.dataset.poster === '{target}' && document.body.dataset.received"
        )
        tap_ms.append((frame["mono"] - moment) * 1000)
        move_ms.append((nav["mono"] - moment) * 1000)
        push_ms.append(float(str(shown)) - nav["wall"] * 1000)
        index = target

    def stats(values: list[float]) -> dict:
        return {"median": _pct(values, 0.5), "p95": _pct(values, 0.95), "max": max(values)}

    while index > 0:  # back to the first poster for the next series
        phone.tap("p-previous")
        index -= 1
        app.wait_event(lambda e, t=index: e["event"] == "nav" and e["index"] == t)
        phone.wait_for(f"document.body.dataset.poster === '{index}'")
    return {
        "taps": taps,
        "pace_s": pace_s,
        "tap_to_frame_ms": stats(tap_ms),
        "tap_to_move_ms": stats(move_ms),
        "push_ms": stats(push_ms),
    }


def measure(taps: int, log) -> dict:  # noqa: ANN001
    """Two series of ``taps`` taps: at a presenter's pace, and back to back."""
    chromium = find_chromium()
    if chromium is None:
        return {"error": "no Chromium (apt-get install chromium)"}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": tempfile.mkdtemp()}
    env.pop("DISPLAY", None)
    app = AppProcess(["present", "--reduced-motion"], REPO, env)
    result: dict = {}
    try:
        url = app.wait_event(lambda e: e["event"] == "ready", timeout=60)["url"]
        phone = PhoneBrowser(url, chromium)
        try:
            phone.wait_for("document.body.dataset.connected === 'yes'")
            phone.tap("p-next-button")  # home → the first poster; not counted (a warm-up)
            app.wait_event(lambda e: e["event"] == "frame")
            phone.wait_for("document.body.dataset.poster === '0'")
            result["paced"] = _series(app, phone, taps, PACE_S)
            result["back_to_back"] = _series(app, phone, taps, 0.0)
        finally:
            phone.close()
    except (TimeoutError, RuntimeError) as exc:
        return {"error": f"{type(exc).__name__}: {str(exc)[-300:]}"}
    finally:
        app.close()
    paced = result["paced"]
    log(
        f"remote: tap→frame p95 {paced['tap_to_frame_ms']['p95']:.1f} ms, "
        f"push p95 {paced['push_ms']['p95']:.1f} ms ({taps} taps at {PACE_S} s)"
    )
    return result


if __name__ == "__main__":  # python -m benchmarks.remote_latency [taps]
    import json
    import sys

    start = time.monotonic()
    result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 100, print)
    result["elapsed_s"] = time.monotonic() - start
    print(json.dumps(result, indent=1))
