"""The small-machine profile (benchmarks/one_cpu.py): while it is open, this process and every
process it starts run on CPU 0 only, beside a busy process that really competes for it; after
it, the busy process is gone and the process may use its CPUs again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.one_cpu import OneBusyCpu, cpu_seconds

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or 0 not in os.sched_getaffinity(0),
    reason="pins to CPU 0 (Linux)",
)


def allowed(pid: int) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Cpus_allowed_list:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("no Cpus_allowed_list")


def test_everything_started_inside_runs_on_cpu_0_beside_a_busy_process() -> None:
    before = os.sched_getaffinity(0)
    with OneBusyCpu() as pinned:
        assert os.sched_getaffinity(0) == {0}
        child = subprocess.run(
            [sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert child.stdout.strip() == "[0]"
        busy = pinned.busy
        assert busy is not None and busy.poll() is None
        assert allowed(busy.pid) == "0"
        # it spins: its CPU time grows while this process waits for it (no sleep: a wait on
        # the busy process's own clock, bounded)
        start = cpu_seconds(busy.pid)
        for _ in range(10_000):
            if cpu_seconds(busy.pid) - start >= 0.05:
                break
            os.sched_yield()
        assert cpu_seconds(busy.pid) - start >= 0.05
    assert busy.poll() is not None  # killed and reaped
    assert os.sched_getaffinity(0) == before
    share = pinned.describe()["busy_share"]
    assert share is not None and 0 < share <= 1.05


def test_a_cpu_this_process_may_not_use_is_refused() -> None:
    missing = max(os.sched_getaffinity(0)) + 1000
    with pytest.raises(OSError, match=f"CPU {missing} is not available"):
        with OneBusyCpu(missing):
            pass
