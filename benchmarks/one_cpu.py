"""The small-machine profile: every measured process on one CPU, with a busy process on it.

``python -m benchmarks --one-cpu`` (``make bench-one-cpu``) pins the runner to CPU 0 before it
starts anything, as ``taskset -c 0`` does (the same system call, ``sched_setaffinity``); every
process it starts inherits that: the app's processes, the X servers they draw on, the fishbowl
clock's run. A second process on CPU 0 spins in a loop for the whole run, at the same priority,
so the app gets about half of one core: a small machine (a Raspberry Pi 5 core is slower still,
a fanless Celeron box about this) where something else is busy too. The share the busy process
really got is reported, so a run where it did not compete (a CPU that was not there) shows.

Linux only (``os.sched_setaffinity``); elsewhere the profile says why it cannot run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

CPU = 0
SPIN = "while True:\n    pass\n"


def cpu_seconds(pid: int) -> float:
    """User and system time of ``pid`` so far, from /proc (clock ticks → seconds)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class OneBusyCpu:
    """While open: this process (and so everything it starts) runs on ``cpu`` only, beside a
    busy process pinned there too. ``describe()`` gives what the report says about it."""

    def __init__(self, cpu: int = CPU) -> None:
        self.cpu = cpu
        self.busy: subprocess.Popen | None = None
        self._saved: set[int] | None = None
        self._start = 0.0
        self.busy_share: float | None = None
        self.seconds = 0.0

    def __enter__(self) -> OneBusyCpu:
        if not hasattr(os, "sched_setaffinity"):
            raise OSError("the one-CPU profile needs Linux (os.sched_setaffinity)")
        if self.cpu not in os.sched_getaffinity(0):
            raise OSError(
                f"CPU {self.cpu} is not available to this process "
                f"(it may use {sorted(os.sched_getaffinity(0))})"
            )
        self._saved = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {self.cpu})
        self.busy = subprocess.Popen(
            [sys.executable, "-c", SPIN], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
        )
        self._start = time.monotonic()
        return self

    def measure_share(self) -> float | None:
        """The busy process's CPU time over the wall time since it started (1.0: a whole
        CPU to itself; about 0.5 while the app works beside it)."""
        if self.busy is None or self.busy.poll() is not None:
            return self.busy_share
        elapsed = time.monotonic() - self._start
        if elapsed > 0:
            self.busy_share = cpu_seconds(self.busy.pid) / elapsed
            self.seconds = elapsed
        return self.busy_share

    def __exit__(self, *_exc: object) -> None:
        self.measure_share()
        if self.busy is not None:
            self.busy.kill()
            self.busy.wait()
        if self._saved is not None:
            os.sched_setaffinity(0, self._saved)

    def describe(self) -> dict:
        return {
            "cpu": self.cpu,
            "busy_share": self.busy_share,
            "busy_seconds": self.seconds,
        }
