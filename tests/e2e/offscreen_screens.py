"""Monitors for Qt's offscreen platform: a JSON file of screens and the environment that makes
a child process see them (no X display), for the multi-screen e2e tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def screens_env(tmp_path: Path, screens: list[dict]) -> dict[str, str]:
    """The environment for a child app on ``screens`` (name, x, y, width, height each), with
    its own data folder in ``tmp_path``."""
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps({"screens": [{**s, "logicalDpi": 96, "dpr": 1} for s in screens]}),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("DISPLAY", None)
    return env


def run_on_screens(tmp_path: Path, screens: list[dict], module: str, *args: str) -> dict:
    """Run the driver ``module`` (python -m) on ``screens``; its last JSON line, with its log
    (stderr) as ``log``. It must exit 0 without a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        env=screens_env(tmp_path, screens),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr[-3000:]
    report = json.loads(lines[-1])
    report["log"] = result.stderr
    return report
