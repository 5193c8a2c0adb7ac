"""Monitors for Qt's offscreen platform: a JSON file of screens and the environment that makes
a child process see them (no X display), for the multi-screen e2e tests."""

from __future__ import annotations

import json
import os
from pathlib import Path


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
