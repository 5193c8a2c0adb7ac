"""The HTML report opens in a browser with nothing to fetch: headless Chromium (Debian's
chromium) renders the example report to a PNG, offline, and the page's charts are inline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.analytics_example import example_database

REPO = Path(__file__).parents[2]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    db = example_database(tmp_path / "example.sqlite", visits=40)
    page = tmp_path / "report.html"
    made = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "--db", str(db), "--html", str(page)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") >= 3  # posters, the poll, the hours: inline
    assert "<script" not in text and "src=" not in text and "<link" not in text
    shot = tmp_path / "report.png"
    browser = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--window-size=900,1500",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert browser.returncode == 0, browser.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page drawn, not a blank
