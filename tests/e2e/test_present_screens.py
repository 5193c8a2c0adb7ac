"""End to end on two monitors and on one: the real ``kiosk present`` puts the gallery full
screen on the audience's screen and the console on the laptop's, and a clicker's PageDown
pressed into the console moves the gallery. Qt's offscreen platform is given the screens in a
configuration file (Xvfb cannot show Qt two monitors apart); each case is a process of its own
(tests/e2e/present_driver.py). The offscreen platform lists screens sorted by name, and the
first is the primary one."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.offscreen_screens import run_on_screens

LAPTOP = {"name": "1-laptop", "x": 0, "y": 0, "width": 1280, "height": 800}
PROJECTOR = {"name": "2-projector", "x": 1280, "y": 0, "width": 1920, "height": 1080}


def run_present(tmp_path: Path, screens: list[dict], *args: str) -> dict:
    return run_on_screens(tmp_path, screens, "tests.e2e.present_driver", "--reduced-motion", *args)


def test_two_screens_gallery_on_the_projector_console_on_the_laptop(tmp_path: Path) -> None:
    report = run_present(tmp_path, [LAPTOP, PROJECTOR])
    assert report["gallery"]["screen"] == "2-projector"
    assert report["gallery"]["geometry"] == [1280, 0, 1920, 1080]
    assert report["console"]["screen"] == "1-laptop"
    assert report["console"]["geometry"] == [0, 0, 1280, 800]
    assert report["console"]["visible"]
    assert not report["hints_visible"]
    # PageDown pressed into the console's window moved the gallery on the other screen
    assert (report["screen"], report["index"]) == ("poster", 0)


def test_the_audience_screen_can_be_chosen(tmp_path: Path) -> None:
    report = run_present(tmp_path, [LAPTOP, PROJECTOR], "--audience-screen", "0")
    assert report["gallery"]["screen"] == "1-laptop"
    assert report["console"]["screen"] == "2-projector"


def test_nothing_listens_unless_the_remote_is_asked_for(tmp_path: Path) -> None:
    assert run_present(tmp_path, [LAPTOP, PROJECTOR])["remote"] == []
    report = run_present(
        tmp_path,
        [LAPTOP, PROJECTOR],
        "--remote",
        "--remote-bind",
        "127.0.0.1",
        "--remote-port",
        "0",
    )
    [url] = report["remote"]
    assert url.startswith("http://127.0.0.1:") and "/?t=" in url
    assert url.split("?t=")[1] not in report["log"]  # the token is on the screen, not in the log


def test_one_screen_the_gallery_alone_and_the_console_on_c(tmp_path: Path) -> None:
    report = run_present(tmp_path, [LAPTOP])
    assert report["gallery"]["geometry"] == [0, 0, 1280, 800]
    assert not report["console"]["visible"]
    assert (report["screen"], report["index"]) == ("home", 0)
