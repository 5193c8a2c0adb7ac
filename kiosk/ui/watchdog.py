"""The heartbeat a supervisor watches: ``READY=1`` once the first frame is on screen, then
``WATCHDOG=1`` from a timer on the GUI thread (kiosk.core.sdnotify has the protocol).

A timer on the GUI thread fires only while its event loop runs: when a paint, a decode lock or
an endless loop blocks that thread, the heartbeats stop and systemd (``WatchdogSec=``) kills the
process and starts it again. A hung kiosk is restarted by a supervisor, never left waiting for
a person. Without ``NOTIFY_SOCKET`` (not run by systemd) this does nothing at all."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.core.sdnotify import Notifier

log = logging.getLogger("kiosk.watchdog")


class Heartbeat(QObject):
    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.beat)
        every = notifier.heartbeat_seconds
        if every is not None:
            self._timer.setInterval(max(100, round(every * 1000)))

    def start(self, status: str) -> None:
        """The app is ready (its first frame is on screen); heartbeats from now on."""
        self.notifier.send("READY=1", f"STATUS={status}")
        if self.notifier.heartbeat_seconds is not None:
            self._timer.start()
            log.info("watchdog: a heartbeat every %.1f s", self.notifier.heartbeat_seconds)

    def beat(self) -> None:
        self.notifier.send("WATCHDOG=1")

    def stop(self) -> None:
        self._timer.stop()
        self.notifier.send("STOPPING=1")
        self.notifier.close()


def start_heartbeat(parent: QObject, status: str) -> Heartbeat | None:
    """The heartbeat systemd asked for (``NOTIFY_SOCKET``), started; None when unsupervised."""
    notifier = Notifier.from_environ()
    if notifier is None:
        return None
    heartbeat = Heartbeat(notifier, parent)
    heartbeat.start(status)
    return heartbeat
