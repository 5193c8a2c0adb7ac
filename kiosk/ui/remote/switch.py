"""Switching the remote on (``--remote``): the address to listen on, the server started, the
card with its QR code. Nothing here runs unless the remote was asked for."""

from __future__ import annotations

import argparse
import logging

from kiosk import paths
from kiosk.ui.remote.server import RemoteLink, RemoteServer, lan_address

log = logging.getLogger("kiosk.remote")

DEFAULT_PORT = 8765  # a fixed port, so that a firewall rule can name it; another if it is taken


def listen_address(asked: str | None) -> tuple[str, bool]:
    """The address to listen on: the one asked for (``--remote-bind``; 0.0.0.0 is every
    interface, only when asked), else the LAN address, else 127.0.0.1. True when phones
    cannot reach it (loopback only)."""
    if asked:
        return asked, asked in ("127.0.0.1", "::1", "localhost")
    found = lan_address()
    if found is None:
        log.warning("remote: no local network found; listening on 127.0.0.1 only")
        return "127.0.0.1", True
    return found, False


def start_remote(link: RemoteLink, args: argparse.Namespace) -> tuple[RemoteServer, bool] | None:
    """The remote's server for ``link``, listening; None (logged) when it cannot listen."""
    host, loopback = listen_address(args.remote_bind)
    port = args.remote_port if args.remote_port is not None else DEFAULT_PORT
    server = RemoteServer(link, paths.assets_dir() / "remote", host, port)
    if not server.start():
        if args.remote_port is not None:
            return None
        server.close()
        server = RemoteServer(link, paths.assets_dir() / "remote", host, 0)
        if not server.start():
            return None
    log.info("remote: open http://%s:%d/ with the token on the screen", host, server.port)
    return server, loopback
