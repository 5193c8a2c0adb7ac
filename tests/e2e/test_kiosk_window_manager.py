"""End to end under a real window manager: ``kiosk --kiosk`` in a real X window (Xvfb) with
openbox managing it. A visitor can reach a window manager's menu (or a stray shortcut can) and
iconify the kiosk: before, that left a black screen while the attract loop ran unseen. Now the
kiosk is back, full screen, within 2 s.

Needs Debian's xvfb, openbox and xdotool, x11-utils (.ci/run installs them). Where they are
missing the test is skipped on a developer's machine, and fails in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.xserver import xvfb

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xdpyinfo")
MISSING = [t for t in TOOLS if shutil.which(t) is None]
RESTORED_WITHIN_S = 2.0

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"needs {', '.join(MISSING)} (apt-get install xvfb openbox xdotool x11-utils)",
)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll an outside process's state until ``condition`` holds; the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.02)  # polling another process's state, not waiting for our own code
    return time.monotonic() - start


def run(display: str, *args: str) -> str:
    result = subprocess.run(
        args, env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=10
    )
    return result.stdout


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A virtual screen managed by openbox. Now and then openbox could not open the display it
    was given and exited at once ("Failed to open the display from the DISPLAY environment
    variable": three runs of the suite on the CI's kind of machine, 2026-12-06, never when the
    test was run again, alone or after the same tests, nor in 30 tries of this setup in a
    loop): a fresh screen is tried then, three times at most, each failure kept for the
    message."""
    failures: list[str] = []
    for attempt in range(3):
        with contextlib.ExitStack() as stack:
            name = stack.enter_context(xvfb(1280, 720))
            said = tmp_path / f"openbox-{attempt}.out"
            with said.open("w") as out:
                manager = subprocess.Popen(
                    ["openbox", "--sm-disable"],
                    env={**os.environ, "DISPLAY": name},
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            stack.callback(manager.wait, 5)
            stack.callback(manager.terminate)

            def managed(manager: subprocess.Popen = manager, name: str = name) -> bool:
                if manager.poll() is not None:
                    raise AssertionError("openbox exited")
                return "_NET_SUPPORTING_WM_CHECK(WINDOW)" in run(name, "xprop", "-root")

            try:
                wait_until(managed, 30, "openbox managing the screen")
            except AssertionError as e:
                failures.append(f"{e} (exit {manager.poll()}, said {said.read_text()[-300:]!r})")
                continue
            yield name
            return
    raise AssertionError("openbox never managed a screen: " + "; ".join(failures))


def wm_state(display: str, window: str) -> str:
    out = run(display, "xprop", "-id", window, "WM_STATE")
    return "iconic" if "Iconic" in out else "normal" if "Normal" in out else "none"


def test_an_iconified_kiosk_is_back_within_two_seconds(display: str, tmp_path: Path) -> None:
    log = tmp_path / "kiosk.out"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
    }
    with log.open("w") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--kiosk"], cwd=REPO, env=env, stdout=out, stderr=out
        )
    try:
        found: list[str] = []

        def shown() -> bool:
            ids = run(display, "xdotool", "search", "--onlyvisible", "--name", "Vital").split()
            found[:] = ids
            return bool(ids) and wm_state(display, ids[0]) == "normal"

        wait_until(shown, 30, "the kiosk window on screen")
        window = found[0]
        wait_until(lambda: "kiosk mode:" in log.read_text(), 15, "kiosk mode attached")
        assert "_NET_WM_STATE_FULLSCREEN" in run(display, "xprop", "-id", window, "_NET_WM_STATE")

        run(display, "xdotool", "windowminimize", window)
        took = wait_until(
            lambda: (
                "window restored (it was minimised)" in log.read_text()
                and wm_state(display, window) == "normal"
            ),
            RESTORED_WITHIN_S,
            "the kiosk window restored",
        )
        assert took < RESTORED_WITHIN_S
        assert "_NET_WM_STATE_FULLSCREEN" in run(display, "xprop", "-id", window, "_NET_WM_STATE")
        assert app.poll() is None, log.read_text()
    finally:
        app.terminate()
        app.wait(10)
