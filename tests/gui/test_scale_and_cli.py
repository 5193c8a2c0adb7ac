"""A 200-poster gallery opens without building 200 posters; `kiosk shot` and the no-display
message, run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.conftest import REPO


def big_gallery(folder: Path, count: int) -> Path:
    (folder / "posters").mkdir(parents=True)
    (folder / "gallery.yaml").write_text("title: Two hundred posters\n", encoding="utf-8")
    for i in range(count):
        (folder / "posters" / f"p{i:03}.yaml").write_text(
            f"id: p{i:03}\nkind: case\ntitle: Poster number {i}\ncity: City {i}\n"
            f"sections:\n  - heading: About\n    paragraphs: [Poster {i} of {count}.]\n",
            encoding="utf-8",
        )
    return folder


def test_two_hundred_posters_open_without_building_them(qtbot, make_window, tmp_path) -> None:
    window = make_window(content=big_gallery(tmp_path / "big", 200))
    assert len(window.home.cards) == 200
    assert window.deck.built() == []
    window.nav.open(100)
    qtbot.waitUntil(lambda: {99, 101} <= set(window.deck.built()))
    assert set(window.deck.built()) == {99, 100, 101}
    for _ in range(10):
        window.nav.next()
    assert len(window.deck.built()) <= window.deck.CACHE


def run_kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_shot_renders_a_poster_to_png(tmp_path) -> None:
    out = tmp_path / "poster.png"
    proc = run_kiosk(
        "shot",
        "--screen",
        "poster",
        "--poster",
        "seoul-sse-special-districts",
        "--size",
        "1280x720",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    # not a blank picture: the page has many colours
    colours = {image.pixel(x, y) for x in range(0, 1280, 40) for y in range(0, 720, 40)}
    assert len(colours) > 20


def test_shot_names_an_unknown_poster(tmp_path) -> None:
    proc = run_kiosk("shot", "--screen", "poster", "--poster", "nowhere", str(tmp_path / "x.png"))
    assert proc.returncode == 2 and "poster 'nowhere' not found" in proc.stderr


def test_no_display_says_so_in_one_line() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = run_kiosk(env=env)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "kiosk shot" in lines[0]


def test_shot_renders_the_quotes_screen(tmp_path) -> None:
    out = tmp_path / "quotes.png"
    proc = run_kiosk("shot", "--screen", "quotes", "--size", "1080x1920", str(out))
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)


def test_shot_renders_the_help_card_and_the_blackout_over_a_poster(tmp_path) -> None:
    """The layers go through the window's modes, as a key press would open them."""
    images = {}
    for screen in ("poster", "help", "blackout"):
        out = tmp_path / f"{screen}.png"
        proc = run_kiosk("shot", "--screen", screen, "--size", "1280x720", str(out))
        assert proc.returncode == 0, proc.stderr
        images[screen] = QImage(str(out))
    black = images["blackout"]
    assert {black.pixelColor(x, y).name() for x in (5, 640, 1270) for y in (5, 360, 715)} == {
        "#000000"
    }
    centre = [(x, y) for x in range(400, 880, 40) for y in range(200, 520, 40)]
    changed = sum(images["help"].pixel(*p) != images["poster"].pixel(*p) for p in centre)
    assert changed > len(centre) // 2  # the card covers the middle of the poster


def test_shot_renders_the_fishbowl_states(tmp_path) -> None:
    pictures = {}
    for state in ("normal", "overtime"):
        out = tmp_path / f"{state}.png"
        proc = run_kiosk(
            "shot", "--screen", "fishbowl", "--state", state, "--size", "1280x720", str(out)
        )
        assert proc.returncode == 0, proc.stderr
        pictures[state] = QImage(str(out))
    # over time has a red border round the whole picture; the normal state does not
    red = pictures["overtime"].pixelColor(3, 360)
    assert red.red() > 200 and red.green() < 120
    assert pictures["normal"].pixelColor(3, 360).red() < 100
