"""``make soak`` with KIOSK_DATA_DIR naming a folder that is not there yet: the soak makes it, as
the app does, instead of dying with FileNotFoundError on its offscreen screens' file; a data
folder that cannot be made gets the app's stand-in and a sentence saying so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from tools import soak

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a shell with no display: the soak chooses the offscreen platform itself."""
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(paths, "_DATA_DIRS", {})


def test_a_data_folder_not_there_yet_is_made(tmp_path: Path, no_display, monkeypatch) -> None:
    wanted = tmp_path / "not" / "yet"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(wanted))
    soak.prepare_environment(1280, 720)
    config = wanted / "offscreen-screens.json"
    assert os.environ["QT_QPA_PLATFORM"] == f"offscreen:configfile={config}"
    screens = json.loads(config.read_text())["screens"]
    assert (screens[0]["width"], screens[0]["height"]) == (1280, 720)


def test_a_data_folder_that_cannot_be_made_is_said(
    tmp_path: Path, no_display, monkeypatch, capsys
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(blocker / "data"))
    soak.prepare_environment(1920, 1080)
    err = capsys.readouterr().err
    assert "cannot be used" in err and str(blocker / "data") in err
    config = Path(os.environ["QT_QPA_PLATFORM"].split("configfile=", 1)[1])
    assert config.is_file() and config.parent != blocker


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen soak on Linux")
def test_the_soak_command_runs_with_a_new_data_folder(tmp_path: Path) -> None:
    """The command itself, as ``make soak`` starts it, with a short run."""
    wanted = tmp_path / "fresh" / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["KIOSK_DATA_DIR"] = str(wanted)
    proc = subprocess.run(
        [sys.executable, "-m", "tools.soak", "--events", "20", "--seed", "7"]
        + ["--out", str(tmp_path / "results")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "FileNotFoundError" not in proc.stderr
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (wanted / "offscreen-screens.json").is_file()
    assert (tmp_path / "results" / "report.json").is_file()
