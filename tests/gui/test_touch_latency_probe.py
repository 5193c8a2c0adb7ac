"""The touch benchmark's frame probe (benchmarks/touch_latency.py) counts the right frame: the
first frame of the window in which a widget showing the effect is painted, never a frame that
painted something else, never a paint into a pixmap, and never before the input."""

from __future__ import annotations

import time

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from benchmarks.touch_latency import FrameProbe


def window_with_labels(qtbot) -> tuple[QWidget, QLabel, QLabel]:  # noqa: ANN001
    window = QWidget()
    box = QVBoxLayout(window)
    shown, other = QLabel("before"), QLabel("other")
    for label in (shown, other):  # a new text never moves the other label (no relayout)
        label.setFixedSize(380, 120)
    box.addWidget(shown)
    box.addWidget(other)
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, shown, other


def test_the_first_frame_that_paints_the_effect_is_the_one_counted(qtbot) -> None:
    window, shown, other = window_with_labels(qtbot)
    probe = FrameProbe(window)
    got: list[tuple[float, float]] = []
    effect = {"there": False}

    def witness(obj: object) -> bool:
        return obj is shown and effect["there"]

    def next_frame() -> None:
        frames = sum(probe.frames.values())
        qtbot.waitUntil(lambda: sum(probe.frames.values()) > frames)

    t0 = time.perf_counter()
    probe.arm(t0, witness, lambda latency, cost: got.append((latency, cost)))
    shown.update()
    next_frame()  # the label painted on the window, before the effect: not it
    assert got == []
    effect["there"] = True
    shown.render(QPixmap(shown.size()))  # painted into a pixmap, not onto the window
    other.setText("something else")  # a frame that paints another widget
    next_frame()
    assert got == []
    shown.update()  # the frame that shows the effect
    qtbot.waitUntil(lambda: len(got) == 1)
    latency, cost = got[0]
    assert 0 < cost <= latency <= time.perf_counter() - t0
    shown.update()  # a later frame: the measurement is over, nothing more
    next_frame()
    assert len(got) == 1


def test_a_disarmed_probe_reports_nothing(qtbot) -> None:
    window, shown, _other = window_with_labels(qtbot)
    probe = FrameProbe(window)
    got: list[tuple[float, float]] = []
    probe.arm(time.perf_counter(), lambda obj: obj is shown, lambda *a: got.append(a))
    probe.disarm()
    shown.setText("after")
    qtbot.waitUntil(lambda: sum(probe.frames.values()) >= 1)
    assert got == []
