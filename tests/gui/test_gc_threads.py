"""No cycle collection on an image-decoding worker: a collection there can destroy a Qt object
whose wrapper was garbage, and Qt's destructor then waits for Python's lock while the GUI
thread, inside a Qt call, waits for the destructor's Qt lock (a full test run hung so, with the
SVG sanitizer's Python work on the workers). Automatic collection is off and the GUI thread
collects (kiosk.ui.collector, installed for Qt tests by tests/conftest.py as the app installs
it). With automatic collection on and a threshold of 1, this same decode ran 9 and more
collections on the workers (measured while finding the hang)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QSize

from kiosk import paths
from kiosk.gcpause import cyclic_gc_paused
from kiosk.ui.images import ImageStore


def test_no_collection_runs_on_a_decode_worker(qtbot) -> None:
    threads: list[str] = []

    def seen(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    store = ImageStore()
    old = gc.get_threshold()
    gc.set_threshold(1)  # every allocation would start a collection, on whichever thread
    gc.callbacks.append(seen)
    try:
        svgs = sorted((paths.assets_dir() / "art").glob("*.svg"))
        assert svgs
        for svg in svgs:
            store.get(svg, QSize(640, 400))
        qtbot.waitUntil(lambda: not store.busy(), timeout=20000)
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # the GUI thread's collector ran
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*old)
    assert set(threads) == {"MainThread"}


def test_pauses_nest_across_threads_and_restore_the_first_state() -> None:
    gc.enable()
    inner_done = threading.Event()
    release = threading.Event()

    def other() -> None:
        with cyclic_gc_paused():
            inner_done.set()
            release.wait(5)

    with cyclic_gc_paused():
        worker = threading.Thread(target=other)
        worker.start()
        assert inner_done.wait(5)
    assert not gc.isenabled()  # the other thread still holds its pause
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_the_collector_rests_until_python_allocates(qtbot) -> None:
    """The GUI thread's collector woke the kiosk once a second on a static poster. It now looks
    a second after the event loop found new young objects, and rests when there are none."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.collector import collect_on_gui_thread

    collector = collect_on_gui_thread(QApplication.instance())
    collector._due()  # a check, now
    collector._arm()  # the loop about to wait, nothing allocated since
    assert collector.resting()
    kept: list[list[int]] = []
    QTimer.singleShot(0, lambda: kept.extend([i] for i in range(2000)))  # an event allocates
    qtbot.waitUntil(lambda: not collector.resting(), timeout=2000)  # armed as the loop waits
    assert len(kept) == 2000
    qtbot.waitUntil(collector.resting, timeout=5000)  # checked a second later, then rests
