"""Switching the remote on and off: the address to listen on, the server started and closed.
Nothing here runs unless the remote was asked for (``--remote``, or the admin screen's switch).

``RemoteSwitch`` is the one owner of whether the remote is on: the command line turns it on at
start, the admin screen's switch (kiosk.ui.remote.panel) turns it on and off while the app runs,
and the cards that show its QR code follow its ``changed`` signal."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk import paths

if TYPE_CHECKING:
    from kiosk.ui.remote.server import RemoteLink, RemoteServer

log = logging.getLogger("kiosk.remote")

DEFAULT_PORT = 8765  # a fixed port, so that a firewall rule can name it; another if it is taken


def listen_address(asked: str | None) -> tuple[str, bool]:
    """The address to listen on: the one asked for (``--remote-bind``; 0.0.0.0 is every
    interface, only when asked), else the LAN address, else 127.0.0.1. True when phones
    cannot reach it (loopback only)."""
    from kiosk.ui.remote.server import lan_address

    if asked:
        return asked, asked in ("127.0.0.1", "::1", "localhost")
    found = lan_address()
    if found is None:
        log.warning("remote: no local network found; listening on 127.0.0.1 only")
        return "127.0.0.1", True
    return found, False


def start_server(
    link: RemoteLink, bind: str | None = None, port: int | None = None
) -> tuple[RemoteServer, bool] | None:
    """The remote's server for ``link``, listening on ``bind`` (None: the LAN address) at
    ``port`` (None: the default port, or a free one when it is taken); None (logged) when it
    cannot listen. True beside it when phones cannot reach it (loopback only)."""
    from kiosk.ui.remote.server import RemoteServer

    host, loopback = listen_address(bind)
    assets = paths.assets_dir() / "remote"
    server = RemoteServer(link, assets, host, port if port is not None else DEFAULT_PORT)
    if not server.start():
        server.close()
        server.deleteLater()
        if port is not None:
            return None
        server = RemoteServer(link, assets, host, 0)
        if not server.start():
            server.close()
            server.deleteLater()
            return None
    log.info("remote: open http://%s:%d/ with the token on the screen", host, server.port)
    return server, loopback


def start_remote(link: RemoteLink, args: argparse.Namespace) -> tuple[RemoteServer, bool] | None:
    """``start_server`` with the command line's ``--remote-bind`` and ``--remote-port``."""
    return start_server(link, args.remote_bind, args.remote_port)


class RemoteSwitch(QObject):
    """Whether the phone remote is on, and its server while it is. Off, nothing listens; each
    time it is switched on, a new server with a new one-time token. ``make_link`` makes what
    the remote drives, once, the first time it is switched on."""

    changed = Signal(bool)  # on or off

    def __init__(
        self,
        make_link: Callable[[], RemoteLink],
        bind: str | None = None,
        port: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_link = make_link
        self._link: RemoteLink | None = None
        self.bind = bind
        self.port = port
        self.server: RemoteServer | None = None
        self.loopback = False
        self.failed = False  # the last switch on could not listen

    @property
    def on(self) -> bool:
        return self.server is not None

    def turn_on(self, why: str) -> bool:
        """Start the server (``why``: who asked, for the log); True when it listens."""
        if self.server is not None:
            return True
        if self._link is None:
            self._link = self._make_link()
        started = start_server(self._link, self.bind, self.port)
        self.failed = started is None
        if started is None:
            log.error("remote: could not be switched on (%s)", why)
            self.changed.emit(False)
            return False
        self.server, self.loopback = started
        log.info("remote: switched on (%s) at %s:%d", why, self.server.host, self.server.port)
        self.changed.emit(True)
        return True

    def turn_off(self, why: str) -> None:
        """Close the server: no socket stays open, the phones are disconnected, the token is
        forgotten."""
        server, self.server = self.server, None
        if server is None:
            return
        server.close()
        server.deleteLater()
        log.info("remote: switched off (%s)", why)
        self.changed.emit(False)

    def set_on(self, on: bool, why: str) -> None:
        if on:
            self.turn_on(why)
        else:
            self.turn_off(why)
