"""`kiosk validate`: output format, summary line and exit codes, run as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run_validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_clean_gallery_exits_0(mini_gallery: Path) -> None:
    proc = run_validate(str(mini_gallery))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1] == "2 posters, 2 quotes: 0 errors, 0 warnings"


def test_broken_poster_exits_1_and_lists_each_problem(mini_gallery: Path) -> None:
    (mini_gallery / "posters" / "dock.yaml").write_text(
        "id: dock-cooperative\nkind: case\ntitle: Dock\nfacts:\n  - value: [1]\n    label: x\n"
        "  - value: 2\n"
    )
    proc = run_validate(str(mini_gallery))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "posters/dock.yaml:5:5: facts[0].value must be a number or text, not a list" in lines
    assert "posters/dock.yaml:7:5: facts[1] needs the key 'label'" in lines
    # the dock poster is left out; quotes that pointed at it are still loaded
    assert lines[-1].startswith("1 poster, 2 quotes: ")
    assert proc.stderr == ""


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_validate(str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "is not a folder" in proc.stderr


def test_bad_option_is_a_usage_error() -> None:
    proc = run_validate("--no-such-option")
    assert proc.returncode == 2
