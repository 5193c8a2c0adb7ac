"""What a process costs, read from /proc (Linux): memory (RSS, peak RSS, PSS) and wake-ups.

No third-party package: the benchmarks measure the app, not a helper library's overhead.
"""

from __future__ import annotations

import os
from pathlib import Path


def _status(pid: int | str = "self") -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            out[key] = value.strip()
    except OSError:
        pass
    return out


def _kb(value: str | None) -> float:
    return float(value.split()[0]) if value else 0.0


def status_mb(key: str, pid: int | str = "self") -> float:
    """A memory line of /proc/PID/status in MB: VmRSS, VmHWM, RssAnon, RssFile..."""
    return _kb(_status(pid).get(key)) / 1024


def rss_mb(pid: int | str = "self") -> float:
    return status_mb("VmRSS", pid)


def peak_rss_mb(pid: int | str = "self") -> float:
    return status_mb("VmHWM", pid)


def pss_mb(pid: int | str = "self") -> float:
    """Proportional set size: shared pages split between the processes sharing them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return _kb(line.split(":", 1)[1]) / 1024
    except OSError:
        pass
    return 0.0


def context_switches(pid: int | str = "self") -> int:
    """Voluntary context switches of every thread: each is the thread going to sleep, so the
    count over a window is the process's wake-ups (of any thread, for any reason)."""
    total = 0
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return 0
    for task in tasks:
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    total += int(line.split(":")[1])
        except OSError:
            continue
    return total


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def tree_pss_mb(pid: int) -> tuple[float, int]:
    """PSS summed over ``pid`` and its descendants, and how many processes that was."""
    pids = descendants(pid)
    return sum(pss_mb(p) for p in pids), len(pids)


def machine() -> dict[str, str]:
    """A short description of this machine, for the report."""
    info: dict[str, str] = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cores"] = str(os.cpu_count() or "?")
    try:
        total = _kb(
            next(
                line.split(":", 1)[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        info["memory"] = f"{total / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                info["os"] = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    info["kernel"] = os.uname().release
    return info
