"""The measured processes. The runner starts each as ``python -m benchmarks.child MODE ...``; it
prints one line ``BENCH {json}`` and exits.

Cold start is timed from the runner's clock reading just before it starts the process to the
moment the first frame has been painted and flushed, read on the same monotonic clock (Linux's
CLOCK_MONOTONIC is system-wide). Imports stay inside the functions, so that nothing here is
loaded before what is being measured.
"""

from __future__ import annotations

import json
import os
import sys
import time

BENCH_TIMER = "benchmark-timer"
MIN_SIDE = 200  # a frame of a window at least this big counts (not a tooltip or a popup)


def emit(data: dict) -> None:
    sys.stdout.write("BENCH " + json.dumps(data) + "\n")
    sys.stdout.flush()


def finish(data: dict) -> None:
    """Report and leave at once: no teardown to wait for (a kiosk window refuses to close)."""
    emit(data)
    sys.stderr.flush()
    os._exit(0)


def memory() -> dict:
    from benchmarks import procstat

    return {
        "rss_mb": procstat.rss_mb(),
        "peak_rss_mb": procstat.peak_rss_mb(),
        "pss_mb": procstat.pss_mb(),
    }


def on_first_frame(app, callback) -> None:  # noqa: ANN001
    """Call ``callback(window)`` once the first frame of a real window is painted and flushed."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstFrame(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, obj, event) -> bool:  # noqa: N802, ANN001
            if not self.done and event.type() == QEvent.Type.Paint and obj.isWidgetType():
                win = obj.window()
                if win.isVisible() and min(win.width(), win.height()) >= MIN_SIDE:
                    self.done = True
                    app.removeEventFilter(self)
                    # runs after the paint pass that this event belongs to has been flushed
                    QTimer.singleShot(0, lambda: callback(win))
            return False

    hook = FirstFrame()
    app._bench_first_frame = hook  # kept alive with the app
    app.installEventFilter(hook)


def hook_app(callback) -> None:  # noqa: ANN001
    """Make the app's own factory install the first-frame hook on the QApplication it creates."""
    from kiosk import startup

    original = startup.get_app

    def get_app(argv=None):  # noqa: ANN001, ANN202
        app = original(argv)
        if not getattr(app, "_bench_hooked", False):
            app._bench_hooked = True
            on_first_frame(app, callback)
        return app

    startup.get_app = get_app


def run_app(argv: list[str], callback) -> None:  # noqa: ANN001
    hook_app(callback)
    from kiosk.app import main

    main(argv)
    finish({"error": "the app's event loop ended before the benchmark did"})


def settle(seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setObjectName(BENCH_TIMER)  # not counted as the app's wake-up
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(round(seconds * 1000))
    loop.exec()


def main_window():  # noqa: ANN201
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.main_window import MainWindow

    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            return w
    raise RuntimeError("no main window")


# --- cold start -----------------------------------------------------------------------------
def floor(kind: str) -> None:
    """The floor: a bare full-screen PySide6 window; with qt-material applied live; with the same
    qt-material look loaded from the pre-rendered stylesheet."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    if kind == "material":
        import tempfile

        import qt_material

        qt_material.apply_stylesheet(
            app,
            theme="dark_teal.xml",
            extra={"font_size": "28px", "density_scale": "0"},
            parent=tempfile.mkdtemp(prefix="bench-qtm-"),
        )
    elif kind == "prerendered":
        from kiosk import theme

        theme.apply_prerendered(app, "dark_teal.xml", 28)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Floor"))
    on_first_frame(app, lambda _w: finish({"paint": time.monotonic(), **memory()}))
    window.setGeometry(app.primaryScreen().geometry())
    window.showFullScreen()
    app.exec()


def app_start(argv: list[str]) -> None:
    settle_s = float(os.environ.get("BENCH_SETTLE", "0") or 0)

    def first(_win) -> None:  # noqa: ANN001
        data = {"paint": time.monotonic(), **memory()}
        if settle_s > 0:
            settle(settle_s)
            data["settled"] = memory()
        finish(data)

    run_app(argv, first)


# --- transitions ------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def drag(viewport, direction: int, steps: int = 30) -> None:  # noqa: ANN001
    """Press, move 60 % of the width sideways at 60 Hz, release: as a finger would."""
    from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    w, h = viewport.width(), viewport.height()
    y = h * 0.5
    dx = -direction * w * 0.6 / steps
    state = {"n": 0, "x": w * (0.8 if direction > 0 else 0.2)}

    def send(kind, x: float) -> None:  # noqa: ANN001
        local = QPointF(x, y)
        glob = QPointF(viewport.mapToGlobal(local.toPoint()))
        release = kind == QEvent.Type.MouseButtonRelease
        button = (
            Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        )
        buttons = Qt.MouseButton.NoButton if release else Qt.MouseButton.LeftButton
        QApplication.sendEvent(
            viewport,
            QMouseEvent(kind, local, glob, button, buttons, Qt.KeyboardModifier.NoModifier),
        )

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(16)

    def step() -> None:
        state["n"] += 1
        state["x"] += dx
        if state["n"] > steps:
            timer.stop()
            send(QEvent.Type.MouseButtonRelease, state["x"])
            return
        send(QEvent.Type.MouseMove, state["x"])

    send(QEvent.Type.MouseButtonPress, state["x"])
    timer.timeout.connect(step)
    timer.start()
    while timer.isActive():
        settle(0.05)


def transitions(slides: int, swipes: int) -> None:
    """Frames of next-poster slides and of a dragged swipe: the slide layer's paints, and the
    whole window's frame (paint and flush) while it is on screen."""
    from kiosk.ui.gallery import deck as deck_module
    from kiosk.ui.main_window import MainWindow

    frames: list[tuple[float, float]] = []  # (start, cost) of each window frame with the slide
    slide_paints: list[float] = []
    original_paint = deck_module.SlideLayer.paintEvent
    original_event = MainWindow.event

    def slide_paint(self, event) -> None:  # noqa: ANN001
        slide_paints.append(time.perf_counter())
        original_paint(self, event)

    def window_event(self, event) -> bool:  # noqa: ANN001
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.UpdateRequest and self.deck.slide.isVisible():
            t0 = time.perf_counter()
            result = original_event(self, event)
            frames.append((t0, time.perf_counter() - t0))
            return result
        return original_event(self, event)

    deck_module.SlideLayer.paintEvent = slide_paint
    MainWindow.event = window_event

    def first(win) -> None:  # noqa: ANN001
        settle(1.0)
        win.ctx.images.wait()
        settle(1.0)
        deck = win.deck
        results = {"slide": [], "swipe": []}

        def wait_idle() -> None:
            while deck.is_animating():
                settle(0.05)
            settle(0.35)

        def collect(kind: str, t_trigger: float, t_end: float) -> None:
            got = [(t, c) for t, c in frames if t_trigger <= t <= t_end]
            starts = [t for t, _ in got]
            results[kind].append(
                {
                    "frames": len(got),
                    "span": (starts[-1] - starts[0]) if len(starts) > 1 else 0.0,
                    "intervals": [b - a for a, b in zip(starts, starts[1:], strict=False)],
                    "costs": [c for _, c in got],
                    "latency": (starts[0] - t_trigger) if starts else float("nan"),
                }
            )

        direction = 1
        for _ in range(slides):
            if not 0 <= deck.index + direction < deck.count:
                direction = -direction
            t0 = time.perf_counter()
            (win.nav.next if direction > 0 else win.nav.previous)()
            wait_idle()
            collect("slide", t0, time.perf_counter())

        # a finger-like drag: 60% of the width in 30 steps at 60 Hz, then let go
        for _ in range(swipes):
            if not 0 <= deck.index + direction < deck.count:
                direction = -direction
            t0 = time.perf_counter()
            drag(deck.current().viewport(), direction)
            wait_idle()
            collect("swipe", t0, time.perf_counter())
        size = f"{win.width()}x{win.height()}"
        finish({"size": size, "results": results, "paint_calls": len(slide_paints)})

    run_app(["--poster", os.environ.get("BENCH_POSTER", "introduction")], first)


# --- idle ---------------------------------------------------------------------------------------
def count_wakeups(seconds: float) -> dict:
    """Timer events delivered on the GUI thread, and the process's wake-ups (voluntary context
    switches of all threads), over ``seconds``."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from benchmarks import procstat

    app = QApplication.instance()

    class Counter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.timers = 0
            self.paints = 0
            self.sources: dict[str, int] = {}

        def eventFilter(self, obj, event) -> bool:  # noqa: N802, ANN001
            kind = event.type()
            if kind == QEvent.Type.Timer:
                if obj.objectName() == BENCH_TIMER:
                    return False
                self.timers += 1
                name = type(obj).__name__
                parent = obj.parent() if hasattr(obj, "parent") else None
                if parent is not None:
                    name += "<" + type(parent).__name__
                self.sources[name] = self.sources.get(name, 0) + 1
            elif kind == QEvent.Type.Paint:
                self.paints += 1
            return False

    counter = Counter()
    # making the counter (a class, its objects) is Python allocating: the app's garbage
    # collector looks a second later (kiosk/ui/collector.py); let that check pass first, so
    # the count is the app's own wake-ups, not the measurement's
    settle(1.2)
    switches0 = procstat.context_switches()
    app.installEventFilter(counter)
    settle(seconds)
    app.removeEventFilter(counter)
    switches = procstat.context_switches() - switches0
    return {
        "timer_events_per_s": counter.timers / seconds,
        "paints_per_s": counter.paints / seconds,
        "thread_wakeups_per_s": switches / seconds,
        "timer_sources": counter.sources,
    }


def measure_idle(seconds: float, wake_seconds: float) -> dict:
    from benchmarks import procstat

    c0, w0, s0 = time.process_time(), time.monotonic(), procstat.context_switches()
    settle(seconds)
    c1, w1, s1 = time.process_time(), time.monotonic(), procstat.context_switches()
    out = {
        "cpu_percent": 100.0 * (c1 - c0) / (w1 - w0),
        "seconds": w1 - w0,
        "wakeups_per_s_cpu_window": (s1 - s0) / (w1 - w0),
    }
    out.update(count_wakeups(wake_seconds))
    out["rss_mb"] = procstat.rss_mb()
    return out


def idle(state: str, seconds: float, wake_seconds: float, warm: float) -> None:
    if state == "fishbowl":
        return idle_fishbowl(seconds, wake_seconds, warm)

    def first(win) -> None:  # noqa: ANN001
        if state == "attract":
            kiosk = main_window().services.kiosk
            kiosk.reset()
        settle(warm)
        finish({"state": state, **measure_idle(seconds, wake_seconds)})

    argv = {
        "poster": ["--poster", os.environ.get("BENCH_POSTER", "montreal-technopole-angus")],
        "home": [],
        "attract": ["--kiosk"],
    }[state]
    run_app(argv, first)


def idle_fishbowl(seconds: float, wake_seconds: float, warm: float) -> None:
    """The public view full screen with a session running (a turn long enough to stay in its
    normal phase through the measurement)."""
    from kiosk import paths, startup
    from kiosk.core.clock import MonotonicClock
    from kiosk.core.fishbowl.session import FishbowlSession

    app = startup.get_app()
    result = startup.load(None)
    gallery = result.gallery
    screen = app.primaryScreen().geometry()
    ctx = startup.make_context(gallery, (screen.width(), screen.height()))
    startup.apply_theme(app, gallery, ctx.scale)
    from kiosk.ui.fishbowl.public import PublicView

    session = FishbowlSession.from_preset(
        gallery.fishbowl, MonotonicClock(), lang=ctx.lang, default_lang=gallery.default_language
    )
    view = PublicView(session, ctx.palette, reduced_motion=ctx.reduced_motion)
    _ = paths

    def first(_win) -> None:  # noqa: ANN001
        session.start()
        settle(warm)
        finish({"state": "fishbowl", **measure_idle(seconds, wake_seconds)})

    on_first_frame(app, first)
    view.setGeometry(screen)
    view.showFullScreen()
    app.exec()


# --- memory -------------------------------------------------------------------------------------
def run_steps(steps) -> None:  # noqa: ANN001 - a generator yielding seconds to wait
    """Drive ``steps`` from the main event loop, one step per timer callback, so that what the
    app deletes later (``deleteLater``) is deleted between steps as it is in real use: a
    nested loop would keep every deleted poster alive until the benchmark ends."""
    from PySide6.QtCore import QTimer

    def step() -> None:
        try:
            wait = next(steps)
        except StopIteration:
            return
        QTimer.singleShot(max(0, round((wait or 0) * 1000)), step)

    QTimer.singleShot(0, step)


def memory_run(navigations: int, warmup: int, samples: int, pause: float) -> None:
    from benchmarks import procstat

    def steps(win):  # noqa: ANN001, ANN202
        import gc

        nav = win.nav
        yield pause
        # the tour: every poster by sliding, the overview, the quotes, home
        nav.open(0)
        yield pause
        for _ in range(nav.count - 1):
            nav.next()
            yield pause
        for go in (nav.overview, nav.quotes, nav.home):
            go()
            yield pause
        win.ctx.images.wait()
        yield pause / 2
        after_tour = {"peak_rss_mb": procstat.peak_rss_mb(), "rss_mb": procstat.rss_mb()}

        moves = [
            lambda i: nav.open(i % nav.count),
            lambda i: nav.overview(),
            lambda i: nav.quotes(),
            lambda i: nav.home(),
        ]
        for k in range(warmup):
            moves[k % 4](k // 4)
            yield 0
        yield 0.5
        gc.collect()
        base = procstat.rss_mb()
        trend = [(0, base)]
        every = max(1, navigations // max(1, samples))
        t0 = time.monotonic()
        for n in range(1, navigations + 1):
            k = warmup + n - 1
            moves[k % 4](k // 4)
            yield 0
            if n % every == 0:
                trend.append((n, procstat.rss_mb()))
        elapsed = time.monotonic() - t0
        yield 0.5
        gc.collect()
        yield 0.1
        end = procstat.rss_mb()
        finish(
            {
                "size": f"{win.width()}x{win.height()}",
                "after_tour": after_tour,
                "base_rss_mb": base,
                "end_rss_mb": end,
                "growth_mb": end - base,
                "navigations": navigations,
                "seconds": elapsed,
                "trend": trend,
                "peak_rss_mb": procstat.peak_rss_mb(),
            }
        )

    run_app([], lambda win: run_steps(steps(win)))


# --- scaling ------------------------------------------------------------------------------------
def scaling_load(content: str) -> None:
    from kiosk import paths
    from kiosk.content.loader import load_gallery

    t0 = time.perf_counter()
    result = load_gallery(paths.content_dir(content), paths.assets_dir())
    elapsed = time.perf_counter() - t0
    finish(
        {"load_s": elapsed, "posters": len(result.gallery.posters), "errors": len(result.errors)}
    )


def scaling_open(content: str) -> None:
    def first(win) -> None:  # noqa: ANN001
        t_first = time.monotonic()
        nav = win.nav
        last = nav.count - 1
        t0 = time.perf_counter()
        nav.open(last)
        win.repaint()
        jump_last = time.perf_counter() - t0
        nav.home()
        win.repaint()
        t0 = time.perf_counter()
        nav.open(min(5, last))
        win.repaint()
        jump_6 = time.perf_counter() - t0
        finish(
            {
                "paint": t_first,
                "jump_last_s": jump_last,
                "jump_6th_s": jump_6,
                "posters": nav.count,
                **memory(),
            }
        )

    run_app(["--content", content], first)


def language_switch(switches: int) -> None:
    """The visitor's language switched ``switches`` times on home and on a poster: the time
    from the tap to the window painted in the new language (the GUI thread's CPU too)."""

    def first(win) -> None:  # noqa: ANN001
        langs = [lang for lang in win.ctx.gallery.settings.languages]
        langs = (langs[1:] + langs[:1]) if len(langs) > 1 else ["fr", "es", "en"]
        results: dict[str, dict[str, list[float]]] = {}
        for where in ("home", "poster"):
            if where == "poster":
                win.nav.open(min(2, win.nav.count - 1))
                win.repaint()
            wall, cpu = [], []
            for i in range(switches):
                t0, c0 = time.perf_counter(), time.thread_time()
                win.choose_language(langs[i % len(langs)])
                win.repaint()
                wall.append(time.perf_counter() - t0)
                cpu.append(time.thread_time() - c0)
            results[where] = {"wall": wall, "cpu": cpu}
        finish({"results": results})

    run_app(["--reduced-motion"], first)


def main(argv: list[str]) -> None:
    mode, args = argv[0], argv[1:]
    if mode == "floor":
        floor(args[0])
    elif mode == "app":
        app_start(args)
    elif mode == "transitions":
        transitions(int(args[0]), int(args[1]))
    elif mode == "idle":
        idle(args[0], float(args[1]), float(args[2]), float(args[3]))
    elif mode == "memory":
        memory_run(int(args[0]), int(args[1]), int(args[2]), float(args[3]))
    elif mode == "scaling-load":
        scaling_load(args[0])
    elif mode == "scaling-open":
        scaling_open(args[0])
    elif mode == "touch":
        from benchmarks import touch_latency

        touch_latency.run(args[0], int(args[1]))
    elif mode == "language":
        language_switch(int(args[0]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
