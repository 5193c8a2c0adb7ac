"""End to end on two monitors: ``kiosk fishbowl --public-screen N`` puts the public view full
screen on monitor N and the controls on the other one, and each monitor shows what it should.

Xvfb cannot make two monitors Qt sees apart (its xinerama heads share one origin), so the real
command runs under Qt's offscreen platform with a configuration file declaring a laptop and a
projector side by side (``QT_QPA_PLATFORM=offscreen:configfile=FILE``; the keys are those of
qtbase's QOffscreenIntegration). The platform is chosen per process: each case is a subprocess
(tests/e2e/fishbowl_driver.py ``screens``), which prints where each window is and saves a
picture of each screen as the screen composes it (``QScreen.grabWindow``). The offscreen
platform lists its screens sorted by name, whatever the file's order, and the first is the
primary one: the names below say the order.

Before, with the projector as screen 0 (the primary screen), the public window opened on the
laptop under the controls and the projector stayed black.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from tests.e2e.offscreen_screens import run_on_screens
from tests.gui.pictures import differing_pixels

LAPTOP = {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800}
PROJECTOR = {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080}
# the projector as screen 0, the primary screen, the laptop to its right
PROJECTOR_FIRST = [
    {"name": "1-projector", "x": 0, "y": 0, "width": 1920, "height": 1080},
    {"name": "2-laptop", "x": 1920, "y": 0, "width": 1280, "height": 800},
]


def run_driver(tmp_path: Path, screens: list[dict], *args: str) -> dict:
    return run_on_screens(
        tmp_path,
        screens,
        "tests.e2e.fishbowl_driver",
        "screens",
        "--demo",
        "--out",
        str(tmp_path / "out"),
        *args,
    )


def rect(screen: dict) -> list[int]:
    return [screen["x"], screen["y"], screen["width"], screen["height"]]


def picture(path: str | Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), path
    return image.convertToFormat(QImage.Format.Format_RGB32)


def colours(image: QImage, step: int = 16) -> int:
    """How many different colours a grid of samples finds: a black screen has one."""
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize(
    ("screens", "public", "projector_index"),
    [
        ([LAPTOP, PROJECTOR], 1, 1),
        # the projector is the first (primary) screen: the controls must not go under it
        (PROJECTOR_FIRST, 0, 0),
    ],
    ids=["projector-second", "projector-primary"],
)
def test_public_view_fills_its_monitor_and_the_controls_are_on_the_other(
    tmp_path: Path, screens: list[dict], public: int, projector_index: int
) -> None:
    report = run_driver(tmp_path, screens, "--public-screen", str(public))
    by_name = {w["name"]: w for w in report["windows"]}
    assert set(by_name) == {"public", "controls"}, report
    projector = screens[projector_index]
    laptop = screens[1 - projector_index]
    shown, controls = by_name["public"], by_name["controls"]
    assert report["primary"] == screens[0]["name"]  # the order the names give
    # the public view: full screen on the projector, the view as big as the monitor
    assert shown["screen"] == shown["window_screen"] == projector["name"]
    assert shown["full_screen"] and shown["rect"] == rect(projector)
    assert shown["view"] == rect(projector)
    # the controls: full screen on the laptop, with a preview and the strip below it
    assert controls["screen"] == controls["window_screen"] == laptop["name"]
    assert controls["rect"] == rect(laptop) and controls["public_elsewhere"]
    assert not QRect(*shown["rect"]).intersects(QRect(*controls["rect"]))
    preview, strip = QRect(*controls["view"]), QRect(*controls["controls"])
    assert not preview.intersects(strip) and QRect(*rect(laptop)).contains(strip)

    # each monitor's picture, as the screen composes its windows, is its window's own picture
    pictures = {s["name"]: picture(s["picture"]) for s in report["screens"]}
    out = tmp_path / "out"
    on_projector = pictures[projector["name"]]
    public_window = picture(out / "window-public.png")
    assert on_projector.size().toTuple() == (projector["width"], projector["height"])
    assert colours(on_projector) > 8  # not black: the timer, the question, the chairs
    # the same picture (but for faint anti-aliasing of the huge digits, which differs between
    # two paints of them)
    assert differing_pixels(on_projector, public_window) == 0
    on_laptop, controls_window = pictures[laptop["name"]], picture(out / "window-controls.png")
    assert on_laptop.size().toTuple() == (laptop["width"], laptop["height"])
    assert colours(on_laptop) > 8
    # the same (the time of day could turn its minute between the two pictures: a few pixels)
    assert 0 <= differing_pixels(on_laptop, controls_window) < 100


def test_a_public_screen_that_is_not_there_gives_the_one_screen_layout(tmp_path: Path) -> None:
    report = run_driver(tmp_path, [LAPTOP], "--public-screen", "1")
    assert [w["name"] for w in report["windows"]] == ["controls"]
    controls = report["windows"][0]
    assert controls["rect"] == rect(LAPTOP) and not controls["public_elsewhere"]
    view, strip = QRect(*controls["view"]), QRect(*controls["controls"])
    assert not view.intersects(strip) and view.width() == LAPTOP["width"]
    assert "screen 1 not found" in report["log"]
