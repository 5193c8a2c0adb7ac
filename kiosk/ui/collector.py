"""Python's cycle collector on the GUI thread only.

An automatic collection runs on whichever thread allocates when the count is due. On an
image-decoding worker it can destroy a Qt object whose wrapper was garbage; Qt's destructor
then waits for Python's lock while the GUI thread, inside a Qt call, waits for the destructor's
Qt lock: both threads stop for good (a full test run hung so once the SVG sanitizer ran its
Python on the workers; a test sets the threshold to 1 and finds collections on the workers
without this). So automatic collection is off and the GUI thread collects, generation by
generation as Python would, from a timer a second after the event loop woke (reference counting
still frees everything that is not in a cycle at once).

The timer rests while nothing is allocated: Python allocates only when some event woke the GUI
thread, so after a check the timer stays stopped until, as the event loop is about to wait
again, the count of young objects shows that something was allocated. A kiosk on a static
poster then has no wake-up of its own (it had one a second: the idle benchmark's "no periodic
wake-ups" target).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer


class GuiThreadCollector(QObject):
    INTERVAL_MS = 1000
    SLACK = 8  # young objects that may come and stay between two checks without a new one

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._restore = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._due)
        self._seen = gc.get_count()[0]  # the young generation's count at the last check
        self._dispatcher: QAbstractEventDispatcher | None = QAbstractEventDispatcher.instance(
            self.thread()
        )
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.connect(self._arm)
        self._timer.start()

    def _arm(self) -> None:
        """The event loop is about to wait: if Python allocated since the last check, look a
        second from now (the count of young objects went up; temporary objects freed again
        leave it where it was)."""
        c0 = gc.get_count()[0]
        if c0 < self._seen:
            self._seen = c0  # freed since: count growth from here
        elif not self._timer.isActive() and c0 > self._seen + self.SLACK:
            self._timer.start()

    def _due(self) -> None:
        self._timer.stop()  # (when called before the timer's time)
        self.collect()
        self._seen = gc.get_count()[0]

    def resting(self) -> bool:
        """No check scheduled: nothing allocated since the last one."""
        return not self._timer.isActive()

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
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self._arm)
            self._dispatcher = None
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
