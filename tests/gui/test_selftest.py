"""`kiosk --self-test`, run as a real process: one JSON line and exit 0, or exit 1 naming each
failure (a broken image, a broken poster)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.commands.selftest import needs_offscreen, version_problems
from tests.conftest import REPO


def self_test(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env if env is not None else dict(os.environ),
    )


def summary(proc: subprocess.CompletedProcess[str]) -> dict:
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout + proc.stderr
    return json.loads(lines[0])


def test_a_clean_gallery_passes(mini_gallery: Path) -> None:
    proc = self_test("--content", str(mini_gallery))
    assert proc.returncode == 0, proc.stderr
    result = summary(proc)
    assert result["ok"] is True
    assert result["failures"] == []
    assert result["content"] == str(mini_gallery.resolve())
    assert result["content_from"] == "given with --content"
    assert result["title"] == "Harbour Futures"
    assert result["counts"]["posters"] == 2
    # home, two posters, overview, quotes, fishbowl
    assert result["counts"]["screens"] == 6
    assert result["counts"]["images"] >= 1
    assert result["versions"]["pyside6"].startswith("6.")
    assert result["frozen"] is False
    assert result["timings_ms"]["total"] > 0
    assert "FAIL" not in proc.stderr


def test_the_default_content_passes_and_it_goes_offscreen_by_itself() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    proc = self_test(env=env)
    assert proc.returncode == 0, proc.stderr
    result = summary(proc)
    assert result["platform"] == "offscreen"
    assert result["content"] == str(REPO / "content")
    assert result["content_from"] == "the default shipped with the app"
    assert result["counts"]["posters"] >= 1
    assert result["counts"]["screens"] == result["counts"]["posters"] + 4


def test_a_broken_image_fails_and_is_named(mini_gallery: Path) -> None:
    # passes the loader's checks (well-formed, only what Qt may draw), but Qt cannot draw it:
    # a size of 0×0
    (mini_gallery / "images" / "wave.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"><rect width="1"/></svg>'
    )
    proc = self_test("--content", str(mini_gallery))
    assert proc.returncode == 1
    result = summary(proc)
    assert result["ok"] is False
    failures = [line for line in proc.stderr.splitlines() if "FAIL" in line]
    assert any("images/wave.svg" in line and "could not be decoded" in line for line in failures), (
        proc.stderr
    )
    assert failures == [f"kiosk self-test: FAIL {f}" for f in result["failures"]]


def test_a_broken_poster_fails_and_is_named_with_its_line(mini_gallery: Path) -> None:
    (mini_gallery / "posters" / "dock.yaml").write_text(
        "id: dock-cooperative\nkind: case\ntitle: Dock\nfacts:\n  - value: [1]\n    label: x\n"
    )
    proc = self_test("--content", str(mini_gallery))
    assert proc.returncode == 1
    assert (
        "FAIL content: posters/dock.yaml:5:5: the 1st fact's value must be a number or text"
        in proc.stderr
    )
    result = summary(proc)
    # the poster still renders, without its wrong fact, and so does the rest of the gallery
    assert result["counts"]["posters"] == 2
    assert result["counts"]["screens"] == 6


def test_a_missing_content_folder_fails(tmp_path: Path) -> None:
    proc = self_test("--content", str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert "is not a folder" in proc.stderr
    assert summary(proc)["ok"] is False


@pytest.mark.parametrize(
    ("python", "pyside", "bad"),
    [
        ((3, 11), "6.11.3", False),
        ((3, 11), "6.12.0", True),  # PITFALLS.md §1: aborts the interpreter
        ((3, 10), "6.12.1", True),
        ((3, 12), "6.12.0", False),  # masked on 3.12+
        ((3, 11), "6.10.2", True),  # older than the app is tested with
        ((3, 10), "6.11.3", True),  # the app needs 3.11
    ],
)
def test_versions_are_checked(python: tuple[int, int], pyside: str, bad: bool) -> None:
    assert bool(version_problems(python, pyside, pyside)) is bad


def test_offscreen_only_when_linux_has_no_display() -> None:
    assert needs_offscreen({}, "linux")
    assert not needs_offscreen({"DISPLAY": ":0"}, "linux")
    assert not needs_offscreen({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not needs_offscreen({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not needs_offscreen({}, "win32")
    assert not needs_offscreen({}, "darwin")


def test_a_cut_short_svg_is_named_by_the_content_check(mini_gallery: Path) -> None:
    """An SVG cut short is no longer left to the decoder: the loader parses it and says where."""
    (mini_gallery / "images" / "wave.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width='
    )
    proc = self_test("--content", str(mini_gallery))
    assert proc.returncode == 1
    failures = [line for line in proc.stderr.splitlines() if "FAIL" in line]
    assert any(
        "artwork 'images/wave.svg' is not well-formed XML" in line and "(line 1 of the SVG)" in line
        for line in failures
    ), proc.stderr
