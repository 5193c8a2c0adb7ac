"""The touch benchmark's frame probe (benchmarks/touch_latency.py) counts the right frame: the
first frame of the window in which a widget showing the effect is painted, never a frame that
painted something else, never a paint into a pixmap, and never before the input."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
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


class FramesPainting:
    """For each label, the number of the window's frames (counted by the probe) that had ended
    when the label was last painted in a frame: a wait for "a frame that painted this label
    has ended", whatever other frames come and go (a late one from showing the window, say)."""

    def __init__(self, probe: FrameProbe, labels: tuple[QLabel, ...]) -> None:
        self.probe = probe
        self.at: dict[QLabel, int] = {}
        frames, painted = probe.frames, self.at

        class Filter(QObject):
            def eventFilter(self, obj, ev) -> bool:  # noqa: N802, ANN001
                if ev.type() == QEvent.Type.Paint and obj in labels and probe._in_frame:
                    painted[obj] = sum(frames.values())
                return False

        self._filter = Filter()
        for label in labels:
            label.installEventFilter(self._filter)

    def wait_painted(self, qtbot, label: QLabel, action) -> None:  # noqa: ANN001
        """Do ``action`` and wait until a frame that painted ``label`` has ended."""
        before = sum(self.probe.frames.values())
        self.at.pop(label, None)
        action()
        qtbot.waitUntil(
            lambda: (
                self.at.get(label, -1) >= before
                and sum(self.probe.frames.values()) > self.at[label]
            )
        )


def test_the_first_frame_that_paints_the_effect_is_the_one_counted(qtbot) -> None:
    window, shown, other = window_with_labels(qtbot)
    probe = FrameProbe(window)
    got: list[tuple[float, float]] = []
    effect = {"there": False}

    def witness(obj: object) -> bool:
        return obj is shown and effect["there"]

    painting = FramesPainting(probe, (shown, other))
    t0 = time.perf_counter()
    probe.arm(t0, witness, lambda latency, cost: got.append((latency, cost)))
    # the label painted on the window, before the effect: not it (and not dirty any more)
    painting.wait_painted(qtbot, shown, shown.update)
    assert got == []
    effect["there"] = True
    shown.render(QPixmap(shown.size()))  # painted into a pixmap, not onto the window
    # a frame that paints another widget only
    painting.wait_painted(qtbot, other, lambda: other.setText("something else"))
    assert got == []
    shown.update()  # the frame that shows the effect
    qtbot.waitUntil(lambda: len(got) == 1)
    latency, cost = got[0]
    assert 0 < cost <= latency <= time.perf_counter() - t0
    # a later frame: the measurement is over, nothing more
    painting.wait_painted(qtbot, shown, shown.update)
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
