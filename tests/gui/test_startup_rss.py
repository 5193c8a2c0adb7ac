"""benchmarks/startup_rss.py: the resident memory after each step of a start, read in a fresh
process with the content cache warm (the figures for issue 25's 80 MB target)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS = (
    "Python",
    "kiosk.startup imported",
    "QApplication",
    "content (cache)",
    "main window's modules",
    "context (fonts)",
    "theme",
    "window built",
    "shown, its first second",
)


def test_each_step_of_a_start_with_its_resident_memory(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    env.pop("DISPLAY", None)
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup_rss", "--size", "1280x720"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    lines = [line for line in out.splitlines() if line.split("  ")[0].strip() in STEPS]
    assert [line.split("  ")[0].strip() for line in lines] == list(STEPS)
    rss = [float(line.split("MB")[0].split()[-1]) for line in lines]
    assert rss == sorted(rss)  # a start only adds
    assert rss[2] - rss[1] > 10  # the QApplication maps Qt's libraries
    # the content came from the cache the first process wrote: no pydantic, no YAML parser
    assert rss[3] - rss[2] < 15
