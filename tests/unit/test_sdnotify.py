"""systemd's notify protocol: who is asked to notify, and what arrives on the socket."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.sdnotify import Notifier


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A datagram socket as systemd holds it (a short path: AF_UNIX paths are capped)."""
    folder = Path(tempfile.mkdtemp(prefix="sdn-", dir="/tmp"))
    path = str(folder / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(2)
    yield path, sock
    sock.close()
    os.unlink(path)
    folder.rmdir()


def test_unsupervised_means_no_notifier() -> None:
    assert Notifier.from_environ({}) is None
    assert Notifier.from_environ({"NOTIFY_SOCKET": "relative/path"}) is None


def test_the_watchdog_is_ours_only_when_its_pid_is_us_or_our_parent() -> None:
    env = {"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"}
    mine = Notifier.from_environ(env, pid=10, parent=1)
    assert mine is not None and mine.watchdog_seconds == 30 and mine.heartbeat_seconds == 15
    assert Notifier.from_environ({**env, "WATCHDOG_PID": "10"}, pid=10, parent=1).watchdog_seconds
    # under cage the unit's main process is cage, our parent
    assert Notifier.from_environ({**env, "WATCHDOG_PID": "1"}, pid=10, parent=1).watchdog_seconds
    other = Notifier.from_environ({**env, "WATCHDOG_PID": "99"}, pid=10, parent=1)
    assert other is not None and other.watchdog_seconds is None
    for usec in ("", "0", "-5", "abc"):
        n = Notifier.from_environ({**env, "WATCHDOG_USEC": usec}, pid=10, parent=1)
        assert n is not None and n.heartbeat_seconds is None


def test_messages_arrive_as_systemd_reads_them(listener) -> None:
    path, sock = listener
    notifier = Notifier.from_environ({"NOTIFY_SOCKET": path})
    assert notifier is not None
    assert notifier.send("READY=1", "STATUS=kiosk")
    assert sock.recv(4096) == b"READY=1\nSTATUS=kiosk"
    assert notifier.send("WATCHDOG=1")
    assert sock.recv(4096) == b"WATCHDOG=1"
    notifier.close()


def test_an_abstract_socket_address(listener) -> None:
    name = f"kiosk-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        notifier = Notifier.from_environ({"NOTIFY_SOCKET": "@" + name})
        assert notifier is not None and notifier.send("WATCHDOG=1")
        assert sock.recv(100) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_a_supervisor_gone_away_costs_one_log_line_not_the_app(caplog) -> None:
    notifier = Notifier("/tmp/no-such-notify-socket-here")
    assert not notifier.send("WATCHDOG=1")
    assert not notifier.send("WATCHDOG=1")
    assert sum("notify" in r.getMessage() for r in caplog.records) == 1
