"""Python's cycle collector on the GUI thread only.

An automatic collection runs on whichever thread allocates when the count is due. On an
image-decoding worker it can destroy a Qt object whose wrapper was garbage; Qt's destructor
then waits for Python's lock while the GUI thread, inside a Qt call, waits for the destructor's
Qt lock: both threads stop for good (a full test run hung so once the SVG sanitizer ran its
Python on the workers; a test sets the threshold to 1 and finds collections on the workers
without this). So automatic collection is off and the GUI thread collects, generation by
generation as Python would, from a timer (one wake-up a second; reference counting still frees
everything that is not in a cycle at once).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    INTERVAL_MS = 1000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._restore = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        """What an automatic collection would do now: the young generation when it is due,
        the older ones when theirs are. Returns the objects found unreachable."""
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if t0 <= 0 or c0 < t0:
            return 0
        if c2 >= t2 and c1 >= t1:
            return gc.collect(2)
        if c1 >= t1:
            return gc.collect(1)
        return gc.collect(0)

    def stop(self) -> None:
        self._timer.stop()
        if self._restore:
            gc.enable()


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Install the collector once for the application (``parent``: the QApplication)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(parent)
    return _installed


def uninstall() -> None:
    global _installed
    if _installed is not None:
        _installed.stop()
        _installed.deleteLater()
        _installed = None
