"""End to end: ``kiosk --kiosk`` as systemd runs it (``Type=notify``, ``WatchdogSec=``): the real
process says READY=1 after its first frame, then sends heartbeats; frozen (SIGSTOP, as a hung
GUI thread looks from outside), the heartbeats stop, which is what makes systemd kill and
restart it; thawed, they come back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gui.test_watchdog import Supervisor

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP (POSIX)")


def wait_for(condition, timeout: float, what: str) -> None:  # noqa: ANN001
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.02)  # polling another process's messages


def test_a_frozen_kiosk_stops_its_heartbeat(tmp_path: Path) -> None:
    supervisor = Supervisor()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "NOTIFY_SOCKET": supervisor.path,
        "WATCHDOG_USEC": "400000",  # WatchdogSec=0.4: a heartbeat every 0.2 s
    }
    log = tmp_path / "kiosk.out"
    with log.open("w") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--kiosk"], cwd=REPO, env=env, stdout=out, stderr=out
        )
    try:
        wait_for(lambda: any(d.startswith(b"READY=1") for _, d in supervisor.got), 30, "READY=1")
        ready = next(t for t, d in supervisor.got if d.startswith(b"READY=1"))
        wait_for(lambda: supervisor.beats_between(ready, time.monotonic()) >= 3, 5, "heartbeats")

        app.send_signal(signal.SIGSTOP)
        stopped = time.monotonic()
        time.sleep(1.2)  # three missed heartbeats: systemd would have killed it by now
        frozen_beats = supervisor.beats_between(stopped + 0.1, time.monotonic())
        app.send_signal(signal.SIGCONT)
        resumed = time.monotonic()
        wait_for(lambda: supervisor.beats_between(resumed, time.monotonic()) >= 2, 5, "resumed")
        assert frozen_beats == 0
        assert app.poll() is None, log.read_text()
    finally:
        app.send_signal(signal.SIGCONT)
        app.terminate()
        app.wait(10)
        supervisor.close()
