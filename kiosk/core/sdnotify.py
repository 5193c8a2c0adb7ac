"""systemd's notify protocol (sd_notify(3)): the few lines of it a supervised kiosk needs.

Under a unit with ``Type=notify`` and ``WatchdogSec=``, systemd passes ``NOTIFY_SOCKET`` (a
datagram socket) and ``WATCHDOG_USEC`` to the app. The app says ``READY=1`` once its first frame
is on screen and then ``WATCHDOG=1`` at least every ``WATCHDOG_USEC``; when the heartbeats stop
(a GUI thread that hangs: a decoder lock, an endless loop) systemd kills the process and
``Restart=`` starts a fresh one. The heartbeat must come from the GUI thread's event loop, so
that it stops exactly when the screen stops answering: kiosk.ui.watchdog sends them from a
timer. Plain Python, no Qt, no dependency: the protocol is a datagram of ``KEY=value`` lines.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

log = logging.getLogger("kiosk.sdnotify")

HEARTBEAT_SHARE = 0.5
"""Heartbeats at half the watchdog timeout, as sd_watchdog_enabled(3) advises."""


@dataclass
class Notifier:
    """Sends notify messages to the supervisor's socket."""

    address: str
    watchdog_seconds: float | None = None  # the supervisor's timeout; None: no watchdog
    _sock: socket.socket | None = field(default=None, repr=False)
    _failing: bool = field(default=False, repr=False)

    @classmethod
    def from_environ(
        cls,
        env: Mapping[str, str] | None = None,
        pid: int | None = None,
        parent: int | None = None,
    ) -> Notifier | None:
        """The notifier systemd asked for, or None when the app is not supervised.

        ``WATCHDOG_PID``, when set, must name this process or its parent: under cage (a kiosk
        compositor that runs exactly one app) the unit's main process is cage, and the app
        is its child (``NotifyAccess=all`` in the unit)."""
        env = os.environ if env is None else env
        address = env.get("NOTIFY_SOCKET", "")
        if not address or not (address.startswith("/") or address.startswith("@")):
            return None
        seconds: float | None = None
        usec = env.get("WATCHDOG_USEC", "")
        if usec.isdigit() and int(usec) > 0:
            owner = env.get("WATCHDOG_PID", "")
            mine = {
                pid if pid is not None else os.getpid(),
                parent if parent is not None else os.getppid(),
            }
            if not owner or (owner.isdigit() and int(owner) in mine):
                seconds = int(usec) / 1_000_000
        return cls(address, seconds)

    @property
    def heartbeat_seconds(self) -> float | None:
        return None if self.watchdog_seconds is None else self.watchdog_seconds * HEARTBEAT_SHARE

    def send(self, *fields: str) -> bool:
        """One datagram of ``fields`` (``"READY=1"``, ``"WATCHDOG=1"``, ``"STATUS=…"``).
        False (and one log line the first time) when the socket refuses it: a supervisor
        that went away must not take the app with it."""
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
            self._sock.sendto("\n".join(fields).encode("utf-8"), target)
        except OSError as e:
            if self._sock is not None:
                self._sock.close()
                self._sock = None
            if not self._failing:
                log.warning("systemd notify to %r failed: %s", self.address, e)
            self._failing = True
            return False
        self._failing = False
        return True

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
