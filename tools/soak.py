"""The monkey soak: a scripted random visitor drives the real kiosk window.

    python -m tools.soak --events 100000 --seconds 3600 [--seed N] [--out DIR]

It builds the gallery window exactly as ``kiosk --kiosk`` does (kiosk mode, live-reload services,
recovery hook, animations on), but offscreen and with a fake clock for the idle rules, and sends
it real input: touches, swipes and pinches as QTouchEvents, mouse clicks and drags through the
window's platform window (routed by Qt like real input), wheel turns, every key the gallery
knows, idle gaps (the fake clock moves on, so the "Still there?" notice, the reset and the
attract loop come), the admin corner held, now and then a live reload or a rotated screen. Real
time passes too (short waits let animations and decodes run).

It fails when an exception is logged (the recovery hook's "uncaught", any ERROR record, a Qt
critical message), when the window stops answering (a key no longer changes the navigation
state), or when the resident memory (RSS) grows by 2 % or more after a warm-up of at most 5,000
events. RSS is read every 100 events, settled, and split in two: the full-screen pixmaps, each
a mapping of its own (glibc's mallinfo2; kiosk/ui/memory.py), which come and go with the
screen on show (20 to 70 MB at 1920×1080), and the rest, which holds still (±2 MB) unless
something accumulates. A tenth of the run's readings then gives the RSS of its lightest
state: the median of the rest plus the least mapped; the first tenth after the warm-up is
compared with the last. (The medians of whole readings, the check until 2026-12-06, swung by
±3 % between two ten-minute runs of the same code: it measured the screens on show.) Runs are
reproducible from the printed seed (bar real-time effects). Results: ``report.json`` and
``rss.csv`` in ``--out``, and a one-screen summary on stdout.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.startup import Services

log = logging.getLogger("kiosk.soak")

# 10 minutes, seed 20261205, 2026-12-05 (22,045 events): -2.9 % after 5,000 events; the warm-up
# was 30,000 events and the limit 10 % before the icons were shared (kiosk/ui/widgets.py icon)
MAX_GROWTH = 0.02
WARMUP = 5_000  # events at most before the memory reference (a tenth of a shorter run)
# Python's objects, counted twice in the same state (after the warm-up, at the end): the count
# moves by a few hundred with the poster pages kept at that moment (measured: 58,600 ± 300 over
# 40,000 events), a leak of one object in every ten events (found here, now fixed) adds 10,000
# an hour
MAX_OBJECT_GROWTH = 0.02
# the image store's workers: none of these may be alive once every decode is delivered
_DECODE_MODULES = ("kiosk.ui.images", "concurrent.futures._base", "concurrent.futures.thread")
_DECODE_KEPT = ("ImageStore", "ArtworkView", "_Signals", "ThreadPoolExecutor")


def mapped_bytes() -> int:
    """Bytes in blocks glibc mapped on their own (above its threshold: the full-screen pixmaps,
    kiosk/ui/memory.py); 0 where that cannot be asked."""
    return malloc_figures()[0]


def malloc_figures() -> tuple[int, int, int]:
    """glibc's bytes mapped on their own, bytes in use in its heaps and the heaps' size
    (kiosk/ui/memory.py figures). Heap in use that grows is memory kept; a heap that grows
    around the same use is fragmentation."""
    from kiosk.ui import memory

    return memory.figures()


def rss_kinds() -> tuple[int, int]:
    """Resident bytes that are anonymous (heaps, Python's arenas, pixmaps) and file-backed (the
    libraries' and fonts' pages read so far); zeros where /proc cannot tell."""
    found = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("RssAnon:", "RssFile:")):
                found[line.split(":")[0]] = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return found.get("RssAnon", 0), found.get("RssFile", 0)


def lightest(readings: list[tuple[int, int]]) -> int:
    """The RSS of the lightest state among ``readings`` (RSS, mapped bytes): the median of what
    is not mapped on its own (steady) plus the least that was (the fewest pixmaps held)."""
    return int(statistics.median(rss - mapped for rss, mapped in readings)) + min(
        mapped for _rss, mapped in readings
    )


def settle_memory() -> None:
    """Before a memory sample: widgets deleted "later" deleted now, Python's cycles collected,
    and the C heap's free pages handed back (glibc's malloc_trim), so that RSS measures what is
    alive rather than what happens to be cached by the allocator at that instant."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.ui import memory

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    memory.release()  # (nothing where the C library is not glibc)


def rss_bytes() -> int:
    """The process's resident set size now (Linux /proc; elsewhere the peak, from rusage)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Report:
    seed: int
    events_planned: int
    seconds_planned: float | None
    events: int = 0
    seconds: float = 0.0
    warmup_events: int = 0
    rss_start: int = 0  # after building the window
    # the lightest state's RSS (see ``lightest``) in the first tenth of the samples after the
    # warm-up, and in the last tenth
    rss_warm: int = 0
    rss_end: int = 0
    rss_peak: int = 0
    growth: float = 0.0  # (end - warm) / warm
    growth_medians: float = 0.0  # the same between the tenths' medians of RSS (what swings)
    growth_limit: float = 0.0  # the run's limit on it
    # Python's objects in one known state (see ``census``): after the warm-up, at the end, the
    # types that grew most between the two, and what should never stay alive
    objects_warm: int = 0
    objects_end: int = 0
    objects_grown: list[tuple[str, int]] = field(default_factory=list)
    decode_jobs_left: int = 0  # image-decoding jobs alive at the end, all delivered
    nav_references: tuple[int, int] = (0, 0)  # weak references to the navigation: warm, end
    # Python wrappers of widgets Qt has deleted, still alive in the census: warm, end (what a
    # reference left to a thrown-away screen keeps: docs/reliability.md, finding 12)
    dead_wrappers: tuple[int, int] = (0, 0)
    answered: int = 0  # answer checks passed
    exceptions: list[str] = field(default_factory=list)
    qt_messages: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    # what the visitor reached: screens shown (the window's "screen ..." changes), idle resets
    # (each followed by the attract loop), wakes from the attract loop
    screens: dict[str, int] = field(default_factory=dict)
    resets: int = 0
    wakes: int = 0
    samples: list[tuple[int, float, int]] = field(default_factory=list)  # events, s, rss
    # beside each sample: decoded images cached (bytes), widgets alive, Python objects, bytes
    # in blocks mapped on their own (the full-screen pixmaps; 0 where glibc cannot tell), the
    # heaps' bytes in use and size, RSS anonymous and file-backed
    diagnostics: list[tuple[int, ...]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def object_growth(self) -> float:
        return (self.objects_end - self.objects_warm) / max(self.objects_warm, 1)

    def summary(self) -> str:
        mb = 1024 * 1024
        lines = [
            f"soak: seed {self.seed}: {self.events:,} events in {self.seconds:,.0f} s "
            f"({self.events / max(self.seconds, 1e-9):,.0f} events/s)",
            f"RSS: start {self.rss_start / mb:,.1f} MB, after warm-up ({self.warmup_events:,} "
            f"events) {self.rss_warm / mb:,.1f} MB, end {self.rss_end / mb:,.1f} MB, peak "
            f"{self.rss_peak / mb:,.1f} MB: growth {self.growth:+.1%} "
            f"(limit +{self.growth_limit:.0%}; the lightest state's RSS in the first and last "
            f"tenths; their medians {self.growth_medians:+.1%})",
            f"Python objects (at home, settled): after warm-up {self.objects_warm:,}, end "
            f"{self.objects_end:,} ({self.object_growth:+.1%}, limit "
            f"+{MAX_OBJECT_GROWTH:.0%}); grew most: "
            + (", ".join(f"{name} {n:+,}" for name, n in self.objects_grown[:5]) or "none")
            + f"; wrappers of deleted widgets {self.dead_wrappers[0]} → {self.dead_wrappers[1]}",
            f"window answered {self.answered} checks; {len(self.exceptions)} exception(s); "
            f"{len(self.qt_messages)} Qt warning(s)",
            "actions: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.actions.items())),
            f"reached: {self.resets:,} idle resets into the attract loop, {self.wakes:,} wakes; "
            "screens " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.screens.items())),
        ]
        lines += [f"FAILED: {f}" for f in self.failures] or ["OK"]
        return "\n".join(lines)


class _Catcher(logging.Handler):
    """Every ERROR (and worse) record of the app: the recovery hook logs "uncaught ..." there."""

    def __init__(self, report: Report) -> None:
        super().__init__(logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report.exceptions.append(f"{record.name}: {record.getMessage()}"[:4000])


def _nothing() -> None:
    pass


class Monkey:
    """The random visitor. ``step()`` does one thing; ``check_answers()`` asks the window."""

    def __init__(
        self,
        window,
        parts: Services,
        clock,
        rng: random.Random,  # noqa: ANN001
        touch_device=None,
    ) -> None:  # noqa: ANN001
        from PySide6.QtTest import QTest

        self.window = window
        self.parts = parts
        assert parts.kiosk is not None, "the soak drives a kiosk"
        self.kiosk = parts.kiosk
        self.clock = clock
        self.rng = rng
        self.device = touch_device or QTest.createTouchDevice()
        self.counts: Counter[str] = Counter()
        self.trail: list[str] = []  # the last actions, for a failure report
        self._actions: list[tuple[str, float, Callable[[], None]]] = [
            ("tap", 14, self.tap),
            ("touch-tap", 14, self.touch_tap),
            ("swipe", 12, self.swipe),
            ("scroll", 8, self.scroll),
            ("mouse-drag", 6, self.mouse_drag),
            ("pinch", 4, self.pinch),
            ("double-tap", 3, self.double_tap),
            ("touch-cancel", 1, self.touch_cancel),
            ("three-fingers", 1, self.three_fingers),
            ("wheel", 3, self.wheel),
            ("key", 18, self.key),
            ("wait", 6, self.wait),
            ("idle", 4, self.idle),
            ("attract-step", 2, self.attract_step),
            ("admin-corner", 0.3, self.admin_corner),
            ("reload", 0.15, self.reload),
            ("rotate", 0.1, self.rotate),
        ]
        self._weights = [w for _, w, _ in self._actions]

    # --- plumbing ----------------------------------------------------------------------------
    def _point(self) -> Any:
        from PySide6.QtCore import QPoint

        w, h = self.window.width(), self.window.height()
        return QPoint(self.rng.randrange(1, w - 1), self.rng.randrange(1, h - 1))

    def _clamp(self, p: Any) -> Any:
        from PySide6.QtCore import QPoint

        return QPoint(
            min(max(p.x(), 0), self.window.width() - 1),
            min(max(p.y(), 0), self.window.height() - 1),
        )

    def _handle(self) -> Any:
        return self.window.windowHandle()

    def _pump(self) -> None:
        """What the app's own event loop does after an input: the events it posted handled,
        the widgets it deleted "later" deleted, then one turn of the loop as it is about to wait
        for the next input. Plain ``processEvents`` does neither of the last two: deletions
        posted at its own level wait (the tour's 36 screens in each text size and language
        held 350 MB until the next reading, and the heap they grew stayed 30 MB larger for
        good), and it never waits, so the app's cycle collector, armed as the loop is about to
        wait (kiosk.ui.collector), never ran."""
        from PySide6.QtCore import QEvent, QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QTimer.singleShot(0, _nothing)  # so that the wait ends at once
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def _touch(self) -> Any:
        from PySide6.QtTest import QTest

        return QTest.touchEvent(self.window, self.device)

    def step(self) -> str:
        name, _w, action = self.rng.choices(self._actions, self._weights)[0]
        self.trail = (self.trail + [name])[-30:]
        action()
        self._pump()
        self.counts[name] += 1
        return name

    # --- what a visitor does -------------------------------------------------------------------
    def tap(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(
            self._handle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, self._point()
        )

    def touch_tap(self) -> None:
        p = self._point()
        self._touch().press(0, p, self.window).commit()
        self._touch().release(0, p, self.window).commit()

    def double_tap(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        p = self._point()
        for _ in range(2):
            QTest.mouseClick(
                self._handle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
            )

    def _drag_touch(self, start: Any, end: Any, steps: int) -> None:
        self._touch().press(0, start, self.window).commit()
        for i in range(1, steps + 1):
            p = self._clamp(start + (end - start) * i / steps)
            self._touch().move(0, p, self.window).commit()
            if self.rng.random() < 0.2:
                self._pump()
        self._touch().release(0, self._clamp(end), self.window).commit()

    def swipe(self) -> None:
        from PySide6.QtCore import QPoint

        start = self._point()
        dx = self.rng.choice([-1, 1]) * self.rng.randrange(20, max(21, self.window.width()))
        end = self._clamp(start + QPoint(dx, self.rng.randrange(-60, 61)))
        self._drag_touch(start, end, self.rng.randrange(2, 12))

    def scroll(self) -> None:
        from PySide6.QtCore import QPoint

        start = self._point()
        dy = self.rng.choice([-1, 1]) * self.rng.randrange(20, max(21, self.window.height()))
        end = self._clamp(start + QPoint(self.rng.randrange(-30, 31), dy))
        self._drag_touch(start, end, self.rng.randrange(2, 10))

    def mouse_drag(self) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        start, end = self._point(), self._point()
        if self.rng.random() < 0.5:  # mostly sideways: a swipe with the mouse
            end = self._clamp(QPoint(end.x(), start.y() + self.rng.randrange(-40, 41)))
        handle = self._handle()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        steps = self.rng.randrange(2, 10)
        for i in range(1, steps + 1):
            QTest.mouseMove(handle, self._clamp(start + (end - start) * i / steps))
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    def pinch(self) -> None:
        from PySide6.QtCore import QPoint

        c = self._point()
        gap = self.rng.randrange(20, 200)
        grow = self.rng.choice([-1, 1]) * self.rng.randrange(10, 300)
        a, b = self._clamp(c - QPoint(gap, 0)), self._clamp(c + QPoint(gap, 0))
        self._touch().press(0, a, self.window).press(1, b, self.window).commit()
        steps = self.rng.randrange(1, 6)
        for i in range(1, steps + 1):
            d = QPoint(round(grow * i / steps / 2), 0)
            self._touch().move(0, self._clamp(a - d), self.window).move(
                1, self._clamp(b + d), self.window
            ).commit()
        d = QPoint(round(grow / 2), 0)
        if self.rng.random() < 0.3:  # one finger lifts first
            self._touch().release(0, self._clamp(a - d), self.window).stationary(1).commit()
            self._touch().release(1, self._clamp(b + d), self.window).commit()
        else:
            self._touch().release(0, self._clamp(a - d), self.window).release(
                1, self._clamp(b + d), self.window
            ).commit()

    def three_fingers(self) -> None:
        pts = [self._point() for _ in range(3)]
        seq = self._touch()
        for i, p in enumerate(pts):
            seq.press(i, p, self.window)
        seq.commit()
        seq = self._touch()
        for i, p in enumerate(pts):
            seq.release(i, p, self.window)
        seq.commit()

    def touch_cancel(self) -> None:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QTouchEvent
        from PySide6.QtWidgets import QApplication

        p = self._point()
        self._touch().press(0, p, self.window).commit()
        self._touch().move(0, self._clamp(p + (self._point() - p) / 4), self.window).commit()
        target = self.window.childAt(p) or self.window
        QApplication.sendEvent(target, QTouchEvent(QEvent.Type.TouchCancel, self.device))
        if self.rng.random() < 0.5:  # the finger lifts after the cancel
            self._touch().release(0, p, self.window).commit()

    def wheel(self) -> None:
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtGui import QWheelEvent
        from PySide6.QtWidgets import QApplication

        p = self._point()
        target = self.window.childAt(p) or self.window
        local = QPointF(target.mapFrom(self.window, p))
        delta = self.rng.choice([-360, -120, 120, 360])
        event = QWheelEvent(
            local,
            QPointF(self.window.mapToGlobal(p)),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)

    KEYS = (
        "Right",
        "Left",
        "PageDown",
        "PageUp",
        "Space",
        "Backspace",
        "Home",
        "End",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "Escape",
        "B",
        "Period",
        "F",
        "F11",
        "H",
        "Question",
        "Q",
        "P",
        "Up",
        "Down",
        "Plus",
        "Minus",
        "Equal",
        "Return",
        "Enter",
        "Tab",
        "A",
        "Z",
        "F5",
        "Delete",
        "Menu",
    )

    def key(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        name = self.rng.choice(self.KEYS)
        key = getattr(Qt.Key, f"Key_{name}")
        mod = Qt.KeyboardModifier.NoModifier
        roll = self.rng.random()
        if roll < 0.03:
            mod = Qt.KeyboardModifier.ControlModifier  # Ctrl+Q among them: refused in kiosk mode
        elif roll < 0.05:
            mod = Qt.KeyboardModifier.AltModifier
        if self.rng.random() < 0.03:
            key, mod = Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
        QTest.keyClick(self._handle(), key, mod)

    def wait(self) -> None:
        """A visitor pauses: real time passes, so animations, carousels and decodes run."""
        from PySide6.QtTest import QTest

        QTest.qWait(self.rng.choice([5, 10, 20, 50, 120, 300]))

    def idle(self) -> None:
        """Nobody touches it for a while: the idle rules see the fake clock move on."""
        timeout = self.window.ctx.gallery.settings.idle.timeout_seconds
        gap = self.rng.choice([0.5, 3, 11, timeout * 0.5, timeout + 1, timeout * 2 + 30])
        steps = self.rng.randrange(1, 4)
        for _ in range(steps):
            self.clock.advance(gap / steps)
            if self.kiosk._timer.isActive():
                self.kiosk._timer.timeout.emit()  # its single-shot timer, due on the fake clock
            self._pump()

    def attract_step(self) -> None:
        attract = self.kiosk.attract
        if attract.isVisible():
            for _ in range(self.rng.randrange(1, 5)):
                attract.advance()

    def admin_corner(self) -> None:
        """The hidden admin gesture: hold the top-left corner (the hold timer fired by hand).
        No PIN is set, so the pad only says so; random taps then land on it."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        handle = self._handle()
        QTest.mousePress(
            handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
        )
        hold = self.kiosk.filter._hold
        if hold.isActive():
            hold.timeout.emit()
            hold.stop()
        QTest.mouseRelease(
            handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
        )

    def reload(self) -> None:
        self.parts.reloader.reload()

    def reload_done(self) -> None:
        """Wait for a reload in flight to be parsed and shown. Before walking Python's objects:
        ``gc.get_objects()`` on this thread while the worker builds the gallery can hand out a
        tuple still being built (seen: SystemError in Objects/tupleobject.c)."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        while self.parts.reloader.busy():  # each pass sleeps until an event comes (the worker's)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)

    def rotate(self) -> None:
        """The screen turns (landscape ↔ portrait): the window takes the turned screen's
        geometry (there is one when the soak set the offscreen screens up) and rebuilds."""
        from PySide6.QtGui import QGuiApplication

        w, h = self.window.width(), self.window.height()
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            if (g.width(), g.height()) == (h, w):
                self.window.setGeometry(g)
                return
        self.window.resize(h, w)

    def tour(self) -> None:
        """Everywhere once, in order: every poster, the overview, the quotes, help, blackout,
        the attract loop, then on the turned screen and back each screen in each of a visitor's
        text sizes and languages, and a reload. Whatever is built or cached on first sight is
        then there before the memory reference is taken. (Each text size and language draws
        every text at new sizes and in new words: first seen by the random walk, the glyphs and
        layouts they cache grew the readings for an hour, 4.5 MB in use in all;
        docs/reliability.md, "The native rise found".)"""
        from PySide6.QtTest import QTest

        from kiosk.core.modes import Mode

        nav, modes = self.window.nav, self.window.modes
        for i in range(nav.count):
            nav.open(i)
            self._pump()
        for move in (
            nav.overview,
            nav.quotes,
            nav.home,
            lambda: modes.toggle(Mode.HELP),
            lambda: modes.toggle(Mode.HELP),
            lambda: modes.toggle(Mode.BLACKOUT),
            lambda: modes.toggle(Mode.BLACKOUT),
        ):
            move()
            self._pump()
        self.kiosk.reset()  # the attract loop
        for _ in range(len(self.kiosk.attract.slides)):
            self.kiosk.attract.advance()
            self._pump()
        self.settings_round()
        self.reload()
        self.window.ctx.images.wait()
        QTest.qWait(50)
        self.check_answers()

    def settings_round(self) -> None:
        """On the turned screen, then back upright: every text size and language; then the
        visitor's settings back to standard."""
        for _ in range(2):
            self.rotate()
            self._pump()
            self.every_text_size_and_language()
        self.window.visitor.reset()
        self._pump()

    def every_text_size_and_language(self) -> None:
        """Each poster, the overview, the quotes and home in each text size and language a
        visitor may choose."""
        from kiosk.core.visitor import TEXT_STEPS

        nav, visitor = self.window.nav, self.window.visitor
        for step in range(len(TEXT_STEPS)):
            for lang in self.window.ctx.gallery.settings.languages:
                visitor.set(text_step=step, lang=lang)
                self._pump()
                for i in range(nav.count):
                    nav.open(i)
                    self._pump()
                for move in (nav.overview, nav.quotes, nav.home):
                    move()
                    self._pump()

    # --- checks --------------------------------------------------------------------------------
    def to_visitor(self) -> str | None:
        """Where a visitor's touch would bring the window: the attract loop woken, the blackout
        lifted, the notice and the PIN pad gone, a zoom closed, the window focused. None, or
        what did not work."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from kiosk.core.modes import Mode

        if self.kiosk.attract.isVisible():
            self.tap()
            self._pump()
            if self.kiosk.attract.isVisible():
                return "a tap did not wake the attract loop"
        if self.window.modes.is_open(Mode.BLACKOUT):  # B or '.' among the keys: a tap lifts it
            self.tap()
            self._pump()
            if self.window.modes.is_open(Mode.BLACKOUT):
                return "a tap did not lift the blackout"
        for organiser in (Mode.PIN, Mode.ADMIN):
            self.window.modes.leave(organiser)
        self.kiosk.activity()  # a touch, as far as the idle rules go
        self.window.activateWindow()
        self.window.setFocus()
        if self.window.deck.zoom.isVisible():
            QTest.keyClick(self._handle(), Qt.Key.Key_Escape)
            self._pump()
        return None

    def census(self) -> Counter[str]:
        """Python's objects by type, with the window in one known state: awake, upright, on the
        home screen with every screen built again (so only the home screen is: the others are
        built when first visited, and which were visited since the last rebuild is chance),
        every decode delivered, deferred deletions done and cycles collected. Two censuses then
        differ by what accumulated, not by what the visitor happened to open."""
        self.to_visitor()
        if self.window.height() > self.window.width():
            self.rotate()  # back upright
        self.window.nav.home()  # (not the Home key: on a poster it scrolls to the top)
        self._pump()
        self.reload_done()
        self.window.rebuild()
        self._pump()
        self.window.ctx.images.wait()
        self.reload_done()
        settle_memory()
        return objects_by_type()

    def check_answers(self) -> str | None:
        """Bring the window to where a visitor's touch would (wake the attract loop, dismiss the
        notice and the PIN pad, close a zoom), then press Esc (once more for each card open
        over the gallery, which takes Esc first): the navigation state must change and the
        screen on show must follow it. None when it answered, else why not."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from kiosk.core.navigation import Screen

        why = self.to_visitor()
        if why:
            return why
        before = self.window.nav.state
        cards = self.window.modes.layers  # a help, About or settings card takes Esc first
        for _ in range(len(cards) + 1):
            QTest.keyClick(self._handle(), Qt.Key.Key_Escape)
            self._pump()
            if self.window.nav.state != before:
                break
        after = self.window.nav.state
        if after == before and self.window.nav.count:
            return f"Esc changed nothing (state {before}; open before: {cards or 'nothing'})"
        if self.window.modes.layers:
            return f"Esc left {self.window.modes.layers} open"
        shown = self.window.stack.currentWidget()
        expected = getattr(
            self.window,
            {
                Screen.HOME: "home",
                Screen.POSTER: "poster_screen",
                Screen.OVERVIEW: "overview",
                Screen.QUOTES: "quotes",
            }[after.screen],
        )
        if shown is not expected:
            return f"the navigation says {after.screen} but another screen is shown"
        return None


def build_kiosk(
    content: Path | None,
    size: tuple[int, int],
    clock,  # noqa: ANN001, ANN201
    theme: bool = True,
):
    """The gallery window in kiosk mode, as ``kiosk --kiosk`` builds it (animations on), with
    ``clock`` for the idle rules and no file watching; returns (window, services). ``theme``
    False leaves the application's style alone (a test suite shares one application)."""
    from kiosk import startup

    result = startup.load(str(content) if content else None)
    window = startup.gallery_window(result, size, kiosk=True, theme=theme)
    parts = startup.attach_services(
        window, result, str(content) if content else None, clock=clock, watch=False
    )
    from PySide6.QtGui import QGuiApplication

    window.resize(*size)
    screen = QGuiApplication.primaryScreen()
    if screen is not None and screen.geometry().size() == window.size():
        window.setGeometry(screen.geometry())  # as kiosk mode does: the whole screen
    window.show()
    window.activateWindow()
    return window, parts


def soak(
    window,
    parts: Services,
    clock,
    events: int,
    seconds: float | None = None,  # noqa: ANN001
    seed: int | None = None,
    warmup: int | None = None,
    sample_every: int = 100,
    check_every: int = 500,
    touch_device=None,  # noqa: ANN001
    progress: Callable[[Report], None] | None = None,
    max_growth: float = MAX_GROWTH,
) -> Report:
    """Drive ``window`` with ``events`` random actions (or until ``seconds`` pass) and report."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    seed = random.randrange(2**32) if seed is None else seed
    report = Report(seed=seed, events_planned=events, seconds_planned=seconds)
    report.growth_limit = max_growth
    # the warm-up: RSS used to rise for the first ~25,000 events, in native memory (the hour run
    # of 2026-11-28: 167 → 181 MB in 13 minutes): new QIcons' entries in Qt's pixmap cache, now
    # shared; 5,000 events now see every screen and fill the caches that stay
    report.warmup_events = warmup if warmup is not None else max(200, min(events // 10, WARMUP))
    rng = random.Random(seed)
    monkey = Monkey(window, parts, clock, rng, touch_device)
    screens: Counter[str] = Counter()

    def screen_shown(name: str) -> None:
        screens[name.split(" ")[0]] += 1

    def reset_done() -> None:
        report.resets += 1

    def woke() -> None:
        report.wakes += 1

    window.screen_changed.connect(screen_shown)
    kiosk = parts.kiosk
    assert kiosk is not None, "the soak drives a kiosk"
    kiosk.reset_done.connect(reset_done)
    kiosk.attract.woke.connect(woke)  # (a reload makes a new one: counted below too)
    window.gallery_changed.connect(lambda _g: kiosk.attract.woke.connect(woke))
    catcher = _Catcher(report)
    kiosk_log = logging.getLogger("kiosk")
    kiosk_log.addHandler(catcher)

    def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            report.exceptions.append(f"Qt critical: {message}")
        elif (
            mode == QtMsgType.QtWarningMsg and "propagateSizeHints" not in message
        ):  # the offscreen plugin's own noise
            report.qt_messages.append(message)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(qt_message)
    start = time.monotonic()
    settle_memory()
    report.rss_start = report.rss_peak = rss_bytes()

    def sample() -> None:
        from PySide6.QtWidgets import QApplication

        monkey.reload_done()
        settle_memory()
        rss = rss_bytes()
        report.rss_peak = max(report.rss_peak, rss)
        report.samples.append((report.events, round(time.monotonic() - start, 2), rss))
        report.diagnostics.append(
            (
                window.ctx.images.cached_bytes(),
                len(QApplication.allWidgets()),
                len(gc.get_objects()),
                *malloc_figures(),
                *rss_kinds(),
            )
        )

    warm_census: Counter[str] | None = None
    try:
        sample()
        monkey.tour()  # everything seen once: caches filled before the warm-up ends
        while report.events < events:
            if seconds is not None and time.monotonic() - start >= seconds:
                break
            monkey.step()
            report.events += 1
            if report.events == report.warmup_events:
                warm_census = monkey.census()
                report.nav_references = (weakref.getweakrefcount(window.nav), 0)
                report.dead_wrappers = (len(dead_widget_wrappers()), 0)
            if report.events == report.warmup_events or report.events % sample_every == 0:
                sample()
            if report.events % check_every == 0:
                why = monkey.check_answers()
                if why:
                    report.failures.append(
                        f"after {report.events} events: {why}; last actions {monkey.trail}"
                    )
                    break
                report.answered += 1
            if report.exceptions:
                report.failures.append(
                    f"after {report.events} events an exception was logged "
                    f"(last actions {monkey.trail}): {report.exceptions[0]}"
                )
                break
            if progress is not None and report.events % 1000 == 0:
                progress(report)
        else:
            why = monkey.check_answers()
            if why:
                report.failures.append(f"at the end: {why}")
            else:
                report.answered += 1
        sample()
        if warm_census is not None:
            _compare_censuses(report, warm_census, monkey.census(), window)
    finally:
        qInstallMessageHandler(previous)
        kiosk_log.removeHandler(catcher)
    report.seconds = time.monotonic() - start
    report.actions = dict(monkey.counts)
    report.screens = dict(screens)
    # RSS swings by ±15 % from one instant to the next (the screen on show: slides, pages
    # built and dropped, decodes): compare the lightest state of the first tenth of the
    # samples after the warm-up (at least five) with that of the last tenth
    after = [
        (rss, diag[3])
        for (n, _t, rss), diag in zip(report.samples, report.diagnostics, strict=True)
        if n >= report.warmup_events
    ]
    after = after or [(report.samples[-1][2], report.diagnostics[-1][3])]
    tenth = max(5, len(after) // 10)
    report.rss_warm = lightest(after[:tenth])
    report.rss_end = lightest(after[-tenth:])
    report.growth = (report.rss_end - report.rss_warm) / report.rss_warm
    first, last = (
        statistics.median(rss for rss, _m in part) for part in (after[:tenth], after[-tenth:])
    )
    report.growth_medians = (last - first) / first
    if report.events > report.warmup_events and report.growth >= max_growth:
        report.failures.append(
            f"RSS grew {report.growth:.1%} after the warm-up "
            f"({report.rss_warm:,} → {report.rss_end:,} bytes)"
        )
    if report.objects_warm and report.object_growth >= MAX_OBJECT_GROWTH:
        report.failures.append(
            f"Python's objects grew {report.object_growth:.1%} after the "
            f"warm-up ({report.objects_warm:,} → {report.objects_end:,}; "
            f"most: {report.objects_grown[:5]})"
        )
    if report.decode_jobs_left:
        report.failures.append(
            f"{report.decode_jobs_left} image-decoding job object(s) still "
            "alive after every decode was delivered"
        )
    if report.nav_references[1] > report.nav_references[0]:
        report.failures.append(
            "weak references to the navigation accumulate "
            f"({report.nav_references[0]} → {report.nav_references[1]}): "
            "a signal connected to one of its bound methods?"
        )
    if report.exceptions and not any("exception" in f for f in report.failures):
        report.failures.append(
            f"{len(report.exceptions)} exception(s) logged: {report.exceptions[0]}"
        )
    return report


def objects_by_type() -> Counter[str]:
    """Python's tracked objects now, by "module.Type"."""
    return Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())


def decode_jobs(census: Counter[str]) -> int:
    """The objects of the image store's worker machinery in a census: jobs, their futures and
    work items (not the store, its views or the pool itself)."""
    return sum(
        n
        for name, n in census.items()
        if name.rsplit(".", 1)[0] in _DECODE_MODULES and name.rsplit(".", 1)[1] not in _DECODE_KEPT
    )


def _compare_censuses(report: Report, warm: Counter[str], end: Counter[str], window) -> None:  # noqa: ANN001
    report.objects_warm, report.objects_end = sum(warm.values()), sum(end.values())
    report.objects_grown = [(name, n) for name, n in (end - warm).most_common(10)]
    report.decode_jobs_left = decode_jobs(end)
    report.nav_references = (report.nav_references[0], weakref.getweakrefcount(window.nav))
    report.dead_wrappers = (report.dead_wrappers[0], len(dead_widget_wrappers()))


def dead_widget_wrappers() -> list[Any]:
    """Python wrappers of widgets whose C++ side Qt has deleted, alive now."""
    from PySide6.QtWidgets import QWidget
    from shiboken6 import isValid

    return [o for o in gc.get_objects() if isinstance(o, QWidget) and not isValid(o)]


def write_results(report: Report, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = asdict(report)
    data["ok"] = report.ok
    (out / "report.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    with (out / "rss.csv").open("w", encoding="utf-8") as fh:
        fh.write(
            "events,seconds,rss_bytes,image_cache_bytes,widgets,python_objects,mapped_bytes,"
            "heap_in_use_bytes,heap_bytes,rss_anon_bytes,rss_file_bytes\n"
        )
        for (events, secs, rss), diagnostics in zip(
            report.samples, report.diagnostics, strict=True
        ):
            fh.write(",".join(str(v) for v in (events, secs, rss, *diagnostics)) + "\n")
    (out / "summary.txt").write_text(report.summary() + "\n", encoding="utf-8")


def offscreen_screens(folder: Path, width: int, height: int) -> Path:
    """A configuration for Qt's offscreen platform: the window's screen, and the same screen
    turned. (Its default screen is 800×800: a bigger window hangs off it, and Qt cannot find the
    window under a touch that lands off the screen.)"""
    screens = [
        {"name": "soak", "x": 0, "y": 0, "width": width, "height": height},
        {"name": "soak-turned", "x": width, "y": 0, "width": height, "height": width},
    ]
    for screen in screens:
        screen.update({"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})
    path = folder / "offscreen-screens.json"
    path.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    return path


def prepare_environment(width: int, height: int) -> None:
    """Before Qt starts: the app-data folder (PINs, logs, fishbowl saves) of a throwaway run,
    unless KIOSK_DATA_DIR names one; and, with no display to use, the offscreen platform with
    the window's screens, configured by a file in that folder.

    A KIOSK_DATA_DIR that does not exist yet is made, as the app makes it; one that cannot be
    made or written to gets the app's own answer (a temporary folder stands in, and this says
    so on stderr) instead of a traceback."""
    from kiosk import paths

    os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-soak-"))
    folder = paths.data_dir()
    notice = paths.data_dir_notice()
    if notice:
        print(f"soak: {notice}", file=sys.stderr, flush=True)
    if (
        "QT_QPA_PLATFORM" not in os.environ
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
            offscreen_screens(folder, width, height)
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.soak",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--events", type=int, default=5000, help="how many actions (5000)")
    parser.add_argument("--seconds", type=float, help="stop after this long, if sooner")
    parser.add_argument("--seed", type=int, help="repeat a run (printed at the start)")
    parser.add_argument(
        "--warmup",
        type=int,
        help=f"events before the RSS reference (default: a tenth of --events, 200 to {WARMUP:,})",
    )
    parser.add_argument("--content", type=Path, help="the content folder (default: shipped)")
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (1920x1080)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("soak-results"),
        help="where report.json, rss.csv and summary.txt go",
    )
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    prepare_environment(width, height)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtTest import QTest

    from kiosk import startup
    from kiosk.core.clock import FakeClock

    startup.get_app()
    device = QTest.createTouchDevice()  # before any window: devices are global
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(
        f"soak: seed {seed} (repeat with --seed {seed}); {args.events:,} events"
        + (f", at most {args.seconds:,.0f} s" if args.seconds else ""),
        flush=True,
    )
    clock = FakeClock(1000.0)
    window, parts = build_kiosk(args.content, (width, height), clock)

    def progress(r: Report) -> None:
        if r.events % 10000 == 0:
            print(
                f"  {r.events:,} events, {r.samples[-1][1]:,.0f} s, RSS "
                f"{r.samples[-1][2] / 1048576:,.1f} MB",
                flush=True,
            )

    report = soak(
        window,
        parts,
        clock,
        args.events,
        args.seconds,
        seed,
        args.warmup,
        touch_device=device,
        progress=progress,
    )
    write_results(report, args.out)
    print(report.summary(), flush=True)
    print(f"results in {args.out}/", flush=True)
    parts.stop()
    window._allow_close = True
    window.close()
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
