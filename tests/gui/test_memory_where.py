"""tools/memory_where.py: the soak's visitor with the resident memory split by where it lives,
read where the visitor is and in the census state (the figures behind docs/reliability.md's
search for what rises)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rows_of(folder: Path, *args: str) -> list[list[str]]:
    """The tool's figure rows (one per reading), run with ``args`` and its own data folder."""
    env = {**os.environ, "KIOSK_DATA_DIR": str(folder)}
    for name in ("DISPLAY", "QT_QPA_PLATFORM"):  # the tool sets up its own offscreen screens
        env.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-m", "tools.memory_where", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    ).stdout
    return [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]


def test_memory_split_by_where_it_lives_every_n_events(tmp_path: Path) -> None:
    rows = rows_of(tmp_path, "--events", "120", "--every", "60")
    assert [row[:2] for row in rows] == [
        ["60", "found"],
        ["60", "census"],
        ["120", "found"],
        ["120", "census"],
    ]
    for row in rows:
        rss, mapped, heap, python = (float(v) for v in row[2:6])
        assert rss > 50 and heap > 5 and python > 1  # a built window: each part holds something
        assert mapped + heap + python < rss  # parts of it, not more than it
        in_use, heaps = float(row[-6]), float(row[-4])
        widgets, objects = int(row[-2]), int(row[-1])
        assert widgets > 50 and objects > widgets
        assert 0 < in_use <= heaps


def test_rounds_of_every_text_size_and_language_read_in_the_census_state(tmp_path: Path) -> None:
    rows = rows_of(tmp_path, "--settings", "1")
    assert [row[:2] for row in rows] == [["0", "census"], ["1", "census"]]
    widgets = [int(row[-2]) for row in rows]
    assert widgets[0] == widgets[1] > 50  # the same state: the home screen alone, built again
