"""The heartbeat comes from the GUI thread's event loop: it stops while that thread is blocked
(what systemd's watchdog needs to see to restart a hung kiosk) and comes back after."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.core.sdnotify import Notifier
from kiosk.ui.watchdog import Heartbeat


class Supervisor:
    """Listens on a datagram socket as systemd does, recording when each message came."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="wd-", dir="/tmp"))
        self.path = str(self.folder / "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.got: list[tuple[float, bytes]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            self.got.append((time.monotonic(), data))

    def beats_between(self, start: float, end: float) -> int:
        return sum(1 for t, data in self.got if data == b"WATCHDOG=1" and start <= t <= end)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
        os.unlink(self.path)
        self.folder.rmdir()


def test_heartbeats_stop_while_the_gui_thread_is_blocked(qtbot) -> None:
    supervisor = Supervisor()
    parent = QObject()
    try:
        heartbeat = Heartbeat(Notifier(supervisor.path, watchdog_seconds=0.2), parent)
        heartbeat.start("test")
        qtbot.waitUntil(lambda: supervisor.beats_between(0, time.monotonic()) >= 3, timeout=3000)
        assert supervisor.got[0][1] == b"READY=1\nSTATUS=test"

        blocked_at = time.monotonic()
        time.sleep(1.0)  # the GUI thread hangs (what is being tested, not a wait for a result)
        unblocked_at = time.monotonic()
        qtbot.waitUntil(
            lambda: supervisor.beats_between(unblocked_at, time.monotonic()) >= 2, timeout=3000
        )
        # nothing while it was blocked (a datagram in flight at the very start is allowed)
        assert supervisor.beats_between(blocked_at + 0.05, unblocked_at) == 0
        heartbeat.stop()
        qtbot.waitUntil(lambda: supervisor.got[-1][1] == b"STOPPING=1", timeout=2000)
    finally:
        supervisor.close()
