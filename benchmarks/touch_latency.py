"""Touch to screen: from an input event's arrival to the end of the frame that shows its effect.

Four inputs, each in a process of its own (``python -m benchmarks.child touch SCENARIO N``) on a
real window (Xvfb in the runner; offscreen works too):

- **card**: a one-finger tap on a home card (touch press, 60 ms, release); the effect is the
  poster screen on the window;
- **key**: the Next key (Right) on a poster; the effect is the slide's first frame that has
  moved (the slide layer painted at an offset of a pixel or more), or the next poster's page
  where no slide runs (reduced motion);
- **swipe**: a finger dragged across 60 % of the width in 30 steps at 60 Hz, then lifted; the
  moment is the lift, the effect the slide painted at another offset than the finger left it
  (the deck finishing the move), or the next page;
- **fishbowl**: Space on the fishbowl timer's window (pause, resume); the effect is the public
  view painted after the session's state changed.

The input goes in through the window's platform window, as the platform plugin delivers it:
``QTest`` on the ``QWindow`` hands each event to ``QWindowSystemInterface`` (touch points with
a touch device, key presses with their text), and Qt routes it from there (the activity filter,
the widget under the finger, the focus widget). The clock starts just before the event is
handed over (``time.perf_counter()``) and stops at the end of the first frame of the top-level
window that shows the effect: the end of the window's ``UpdateRequest`` (the paint pass and the
flush of the backing store to the platform: X's put-image under Xvfb) in which a widget that
shows the effect was painted while the state was already the new one. Paints into pixmaps (the
deck's pre-rendered slides) are not frames and are not counted. The slide's end (the next page
at rest, painted) is reported too for the key and the swipe.

Events come at a person's pace (a pause after each effect, the next poster's pre-rendering done):
this measures what one visitor feels, not a burst.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING

from benchmarks.child import finish, run_app, run_steps

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SCENARIOS = ("card", "key", "swipe", "fishbowl")
TIMEOUT_S = 3.0  # an effect not painted by then is counted as missed
PACE_S = 0.5  # rest after each effect (and the move settled) before the next input

Witness = Callable[[object], bool]  # a widget being painted: does this paint show the effect?


class FrameProbe:
    """The frames of one top-level window, and the first one that shows an effect.

    A frame is one ``UpdateRequest`` of the window, to the widget (the update Qt posts to it)
    or to its platform window (the update the platform asks for): the paint pass and the flush
    of the backing store, timed around the event's own handling. Qt also repaints a window at
    once at times (seen when a touch's delivery shows the poster screen): such a repaint starts
    with a paint of the top-level widget outside any ``UpdateRequest`` and is over, flush
    included, when control is back in the event loop, which a zero timer marks (later than the
    flush, never earlier). While a measurement is armed, each widget painted inside a frame is
    shown to a witness; paints outside frames (a page rendered into a pixmap) are not frames
    and are never looked at."""

    def __init__(self, window: QWidget) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.frames: dict[str, int] = {"widget": 0, "platform window": 0, "repaint": 0}
        self._in_frame = False
        self._seen = False
        self._t0 = 0.0
        self._witness: Witness | None = None
        self._done: Callable[[float, float], None] | None = None
        probe = self
        update, paint = QEvent.Type.UpdateRequest, QEvent.Type.Paint
        # (the wrappers are kept here, so Qt's objects come back to the filter as these ones)
        self._window = window
        self._targets = targets = {window: "widget", window.windowHandle(): "platform window"}

        class Filter(QObject):
            def eventFilter(self, obj, ev) -> bool:  # noqa: N802, ANN001
                kind = ev.type()
                if kind == update and not probe._in_frame and obj in targets:
                    # the frame, handled here (the event's own handler, then nothing else):
                    # the moment it ends is the moment the flush has been handed over
                    probe.frame(obj, ev, targets[obj])
                    return True
                if kind == paint:
                    if not probe._in_frame and obj is window:
                        probe.repaint_begins()
                    if probe._in_frame and probe._witness is not None and probe._witness(obj):
                        probe._seen = True
                return False

        self._filter = Filter()
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(self._filter)

    def frame(self, obj, ev, path: str) -> None:  # noqa: ANN001
        from PySide6.QtWidgets import QApplication

        start = time.perf_counter()
        self._in_frame, self._seen = True, False
        try:
            # through the object's own event filters, as without the probe (the deck waits
            # for the window's update to prepare, its rest picture to let the old one go)
            QApplication.sendEvent(obj, ev)
        finally:
            self._frame_ended(start, path)

    def repaint_begins(self) -> None:
        """The top-level widget painted outside an ``UpdateRequest``: a repaint of the window
        at once, a frame until control is back in the event loop."""
        from PySide6.QtCore import QTimer

        start = time.perf_counter()
        self._in_frame, self._seen = True, False
        QTimer.singleShot(0, lambda: self._frame_ended(start, "repaint"))

    def _frame_ended(self, start: float, path: str) -> None:
        end = time.perf_counter()
        self._in_frame = False
        self.frames[path] += 1
        if self._seen and self._done is not None:
            done, self._done, self._witness = self._done, None, None
            done(end - self._t0, end - start)

    def arm(self, t0: float, witness: Witness, done: Callable[[float, float], None]) -> None:
        """From now on the first frame in which ``witness`` holds for a painted widget calls
        ``done(seconds since t0, the frame's own cost)``."""
        self._t0, self._witness, self._done = t0, witness, done

    def disarm(self) -> None:
        self._witness = self._done = None


class Trials:
    """The figures of one scenario's trials, in milliseconds."""

    def __init__(self) -> None:
        self.latency: list[float] = []
        self.frame_cost: list[float] = []
        self.settle: list[float] = []
        # the QTest call itself: Qt delivers the event synchronously, then QTest processes the
        # events pending (so a frame may end inside it)
        self.call: list[float] = []
        self.missed = 0

    def data(self) -> dict:
        return {
            "latency_ms": self.latency,
            "frame_cost_ms": self.frame_cost,
            "settle_ms": self.settle,
            "call_ms": self.call,
            "missed": self.missed,
        }


def inside(widget: QWidget | None, obj: object) -> bool:
    """``obj`` is ``widget`` or one of its descendants."""
    from PySide6.QtWidgets import QWidget

    if widget is None or obj is widget:
        return widget is not None
    return isinstance(obj, QWidget) and widget.isAncestorOf(obj)


def wait_for(probe: FrameProbe, key: str, results: dict) -> Iterator[float]:
    """Yield until the armed measurement ``key`` is in ``results`` (or it times out)."""
    start = time.perf_counter()
    while key not in results and time.perf_counter() - start < TIMEOUT_S:
        yield 0.005
    if key not in results:
        probe.disarm()


def measure(
    probe: FrameProbe, witness: Witness, inject: Callable[[], None]
) -> Generator[float, None, dict]:
    """Inject one input and wait for the frame that shows it: the moment it went in (``t0``),
    the injection call's own time (``call``) and, unless it timed out, ``effect``: the
    latency and the frame's cost."""
    got: dict = {}

    def done(latency: float, cost: float) -> None:
        got["effect"] = (latency, cost)

    t0 = time.perf_counter()
    got["t0"] = t0
    probe.arm(t0, witness, done)
    inject()
    got["call"] = time.perf_counter() - t0
    yield from wait_for(probe, "effect", got)
    return got


def record(trials: Trials, got: dict) -> None:
    if "effect" not in got:
        trials.missed += 1
        return
    latency, cost = got["effect"]
    trials.latency.append(latency * 1e3)
    trials.frame_cost.append(cost * 1e3)
    trials.call.append(got["call"] * 1e3)


def settle_measure(
    probe: FrameProbe, t0: float, witness: Witness
) -> Generator[float, None, float | None]:
    got: dict = {}
    probe.arm(t0, witness, lambda latency, _cost: got.__setitem__("effect", latency))
    yield from wait_for(probe, "effect", got)
    return got.get("effect")


def touch_device():  # noqa: ANN201
    from PySide6.QtTest import QTest

    return QTest.createTouchDevice()


def gallery_rest(win) -> Iterator[float]:  # noqa: ANN001
    """Until the deck stands still and has pre-rendered the neighbours (as the module's
    docstring says: a person reads before the next move), then a person's pause. (Until
    2026-12-06 only the pause: on the one-CPU profile the neighbours' steps could still be
    under way half a second after a slide, and a Next key then waited for one.)"""
    deck = win.deck if win.nav.state.screen.value == "poster" else None
    while deck is not None and deck.is_animating():
        yield 0.02
    win.ctx.images.wait()
    waited = 0.0
    while deck is not None and deck.preparing() and waited < TIMEOUT_S:
        yield 0.02
        waited += 0.02
    yield PACE_S


def first_poster(win) -> Iterator[float]:  # noqa: ANN001
    win.nav.open(0)
    yield 1.0


def onwards(deck, direction: int) -> tuple[int, int]:  # noqa: ANN001
    """The way on from the poster shown (back at either end of the gallery), and the poster
    it leads to."""
    if not 0 <= deck.index + direction < deck.count:
        direction = -direction
    return direction, deck.index + direction


# --- the scenarios ------------------------------------------------------------------------------
def card_steps(win, probe: FrameProbe, device, n: int, trials: Trials) -> Iterator[float]:  # noqa: ANN001
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from kiosk.core.navigation import Screen

    nav, handle = win.nav, win.windowHandle()
    yield 1.0
    for i in range(n):
        nav.home()
        yield from gallery_rest(win)
        target = i % len(win.home.cards)
        card = win.home.cards[target]
        centre = card.mapTo(win, card.rect().center())
        point = QPoint(centre.x(), centre.y())
        QTest.touchEvent(handle, device).press(0, point, handle).commit()
        yield 0.06

        def witness(obj: object, target: int = target) -> bool:
            # the poster's own page painted (not only the screen's frame around it)
            if nav.state.screen is not Screen.POSTER or win.stack.currentWidget() is win.home:
                return False
            deck = win.deck
            return deck.index == target and not deck.is_animating() and inside(deck.current(), obj)

        got = yield from measure(
            probe,
            witness,
            lambda point=point: QTest.touchEvent(handle, device).release(0, point, handle).commit(),
        )
        record(trials, got)


def key_steps(win, probe: FrameProbe, n: int, trials: Trials) -> Iterator[float]:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    deck, handle = win.deck, win.windowHandle()
    yield from first_poster(win)
    direction = 1
    for _ in range(n):
        yield from gallery_rest(win)
        direction, target = onwards(deck, direction)
        key = Qt.Key.Key_Right if direction > 0 else Qt.Key.Key_Left
        got = yield from measure(
            probe, moved_witness(deck, target, 0.0), lambda key=key: QTest.keyPress(handle, key)
        )
        QTest.keyRelease(handle, key)
        record(trials, got)
        yield from settled(win, probe, got["t0"], target, trials)


def moved_witness(deck, target: int, offset: float) -> Witness:  # noqa: ANN001
    """The slide painted at least a pixel away from ``offset``, or the target's page."""

    def witness(obj: object) -> bool:
        if obj is deck.slide:
            return abs(deck.slide.offset - offset) >= 1
        return deck.index == target and not deck.is_animating() and inside(deck.current(), obj)

    return witness


def settled(win, probe: FrameProbe, t0: float, target: int, trials: Trials) -> Iterator[float]:  # noqa: ANN001
    """The move's end: the target's page painted at rest."""
    deck = win.deck

    def at_rest(obj: object) -> bool:
        return deck.index == target and not deck.is_animating() and inside(deck.current(), obj)

    if deck.index == target and not deck.is_animating():
        return  # already there (reduced motion: the effect was the page itself)
    latency = yield from settle_measure(probe, t0, at_rest)
    if latency is not None:
        trials.settle.append(latency * 1e3)


def drag_start(view) -> tuple[float, float]:  # noqa: ANN001
    """Where a finger can start a swipe on the poster: a point of the viewport with no button
    and no tappable figure under it (those take a touch of their own)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton

    from kiosk.ui.touch import GestureTarget

    port = view.viewport()
    x = port.width() * 0.75
    for fraction in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        y = port.height() * fraction
        child = port.childAt(QPoint(round(x), round(y)))
        clear = True
        while child is not None and child is not port:
            if isinstance(child, QAbstractButton) or (
                isinstance(child, GestureTarget) and child.gesture_target
            ):
                clear = False
                break
            child = child.parentWidget()
        if clear:
            return x, y
    return x, port.height() * 0.5


def swipe_steps(win, probe: FrameProbe, device, n: int, trials: Trials) -> Iterator[float]:  # noqa: ANN001
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    deck, handle = win.deck, win.windowHandle()
    yield from first_poster(win)
    direction = 1
    steps = 30
    for _ in range(n):
        yield from gallery_rest(win)
        direction, target = onwards(deck, direction)
        port = deck.current().viewport()
        x, y = drag_start(deck.current())
        if direction < 0:
            x = port.width() - x
        dx = -direction * port.width() * 0.6 / steps

        def at(px: float, port=port, y=y) -> QPoint:  # noqa: ANN001
            p = port.mapTo(win, QPoint(round(px), round(y)))
            return QPoint(p.x(), p.y())

        QTest.touchEvent(handle, device).press(0, at(x), handle).commit()
        for _step in range(steps):
            yield 0.016
            x += dx
            QTest.touchEvent(handle, device).move(0, at(x), handle).commit()
        yield 0.016
        offset = deck.slide.offset
        end = at(x)
        got = yield from measure(
            probe,
            moved_witness(deck, target, offset),
            lambda end=end: QTest.touchEvent(handle, device).release(0, end, handle).commit(),
        )
        record(trials, got)
        yield from settled(win, probe, got["t0"], target, trials)


def fishbowl_steps(win, probe: FrameProbe, n: int, trials: Trials) -> Iterator[float]:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.ui.fishbowl.public import PublicView

    handle = win.windowHandle()
    session = win.controller.session
    QTest.keyClick(handle, Qt.Key.Key_Return)  # the setup's preset: start the session
    yield 1.0
    view = win.findChild(PublicView)
    for _ in range(n):
        yield PACE_S
        before = session.state

        def witness(obj: object, before=before) -> bool:
            return session.state != before and inside(view, obj)

        got = yield from measure(probe, witness, lambda: QTest.keyPress(handle, Qt.Key.Key_Space))
        QTest.keyRelease(handle, Qt.Key.Key_Space)
        record(trials, got)


# --- the process --------------------------------------------------------------------------------
def run(scenario: str, n: int) -> None:
    """The child process of one scenario: ``n`` inputs, then one ``BENCH`` line."""
    from kiosk import startup

    device_box: list = []
    original = startup.get_app

    def get_app(argv=None):  # noqa: ANN001, ANN202
        app = original(argv)
        if not device_box:
            device_box.append(touch_device())  # before any window: devices are global
        return app

    startup.get_app = get_app
    trials = Trials()

    def steps(win) -> Iterator[float]:  # noqa: ANN001
        device = device_box[0]
        probe = FrameProbe(win)
        if scenario == "card":
            yield from card_steps(win, probe, device, n, trials)
        elif scenario == "key":
            yield from key_steps(win, probe, n, trials)
        elif scenario == "swipe":
            yield from swipe_steps(win, probe, device, n, trials)
        else:
            yield from fishbowl_steps(win, probe, n, trials)
        finish(
            {
                "scenario": scenario,
                "size": f"{win.width()}x{win.height()}",
                "frames": probe.frames,
                **trials.data(),
            }
        )

    def first(win) -> None:  # noqa: ANN001
        run_steps(steps(win))

    argv = ["fishbowl"] if scenario == "fishbowl" else []
    if os.environ.get("BENCH_REDUCED_MOTION"):
        argv.append("--reduced-motion")
    run_app(argv, first)
