"""The monkey soak, short: a few thousand random visitor actions on the real kiosk window
(tools/soak.py; ``make soak`` runs it for an hour). No exception may be logged, the window
must still answer, and the resident memory must not grow by 10 % after the warm-up (the
long runs of ``make soak``: 2 %).

SOAK_EVENTS and SOAK_SEED set the length and the seed (printed, so a failure can be repeated:
``SOAK_SEED=<seed> make test ARGS=tests/gui/test_soak.py``, or ``python -m tools.soak
--seed <seed>``).
"""

from __future__ import annotations

import os
import random
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.clock import FakeClock
from kiosk.core.navigation import Screen
from tests.gui.touch import touch_device
from tools import soak

EVENTS = int(os.environ.get("SOAK_EVENTS", "2500"))
SEED = int(os.environ.get("SOAK_SEED", "20170619"))
SHORT_MAX_GROWTH = 0.10


# The suite's offscreen screen is 800×800, smaller than the 1920×1080 window: a gesture whose
# hot spot lands off that screen finds no window under it, and Qt says so. On a real kiosk the
# window is the screen; ``python -m tools.soak`` sizes its offscreen screens to the window.
@pytest.mark.qt_log_ignore("QGestureManager::deliverEvents: could not find the target for gesture")
def test_a_random_visitor_cannot_break_the_kiosk(qtbot, capsys) -> None:
    clock = FakeClock(1000.0)
    hook = sys.excepthook
    window, parts = soak.build_kiosk(None, (1920, 1080), clock, theme=False)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    try:
        report = soak.soak(
            window,
            parts,
            clock,
            EVENTS,
            seed=SEED,
            warmup=EVENTS // 3,
            sample_every=250,
            check_every=250,
            touch_device=touch_device(),
            # 2,500 events are too few for the 2 % of the long runs: a step of ~13 MB (a
            # screen's caches first filled) can come after this short warm-up
            max_growth=SHORT_MAX_GROWTH,
        )
    finally:
        parts.kiosk.stop()
        parts.awake.release()
        QApplication.instance().removeEventFilter(parts.kiosk.filter)
        window._allow_close = True
        sys.excepthook = hook
    with capsys.disabled():
        print("\n" + report.summary())
    assert report.events == EVENTS
    assert report.exceptions == []
    assert report.answered >= EVENTS // 250
    assert report.ok, report.failures


@pytest.mark.qt_log_ignore("QGestureManager::deliverEvents: could not find the target for gesture")
def test_the_answer_check_gets_past_a_blackout_and_a_card_as_a_visitor_would(qtbot) -> None:
    """Found by a 10-minute soak (seed 20261205, event 1,000): the last key was '.', the
    presenter's blackout, and the check's Esc lifted the blackout instead of moving the gallery,
    so the soak reported a window that no longer answered. A visitor's tap lifts it (the
    blackout's own rule); the check now does that first, and says so if a tap does not."""
    from kiosk.core.modes import Mode

    clock = FakeClock(1000.0)
    window, parts = soak.build_kiosk(None, (1920, 1080), clock, theme=False)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    try:
        window.nav.open(0)
        qtbot.keyClick(window, Qt.Key.Key_Period)
        assert window.modes.is_open(Mode.BLACKOUT)
        monkey = soak.Monkey(window, parts, clock, random.Random(1), touch_device())
        assert monkey.check_answers() is None
        assert not window.modes.is_open(Mode.BLACKOUT)
        assert window.nav.state.screen is not Screen.POSTER  # the Esc reached the gallery
        # the hour run (seed 20261206, event 10,000): a card open over the poster took the
        # check's Esc, as it should; the check presses Esc once more for each card open
        window.nav.open(2)
        qtbot.keyClick(window, Qt.Key.Key_H)
        assert window.modes.is_open(Mode.HELP)
        assert monkey.check_answers() is None
        assert not window.modes.layers and window.nav.state.screen is not Screen.POSTER
    finally:
        parts.kiosk.stop()
        parts.awake.release()
        QApplication.instance().removeEventFilter(parts.kiosk.filter)
        window._allow_close = True
