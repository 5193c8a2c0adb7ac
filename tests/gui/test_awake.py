"""DisplayAwake: the freedesktop ScreenSaver inhibit over a real (private) D-Bus, the graceful
fallback where there is none, the other platforms' branches never raising; and the burn-in
shift pattern."""

from __future__ import annotations

import logging
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.ui.kiosk import awake
from kiosk.ui.kiosk.awake import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    DisplayAwake,
    burn_in_offset,
    burn_in_period,
    session_bus_address,
)

FALLBACK_LINE = "display may sleep: no session D-Bus ScreenSaver service"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# A stand-in for the desktop's screensaver service, in its own process (a blocking D-Bus call
# to a service in the same thread would wait for itself). It prints each call it receives.
FAKE_SCREENSAVER = r"""
import sys
from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

app = QCoreApplication([])
bus = QDBusConnection.connectToBus(sys.argv[1], "fake-screensaver")

@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QDBusAbstractAdaptor):
    cookies = 4000

    @Slot(str, str, result="uint")
    def Inhibit(self, app_name, reason):
        ScreenSaver.cookies += 1
        print("inhibit", app_name, reason, ScreenSaver.cookies, flush=True)
        return ScreenSaver.cookies

    @Slot("uint")
    def UnInhibit(self, cookie):
        print("uninhibit", cookie, flush=True)

holder = QObject()
adaptor = ScreenSaver(holder)
ok = bus.registerObject("/org/freedesktop/ScreenSaver", holder)
ok = ok and bus.registerService("org.freedesktop.ScreenSaver")
print("ready" if ok else "failed", flush=True)
app.exec()
"""


def read_line(proc: subprocess.Popen[str], timeout: float = 10.0) -> str:
    """The next line the process prints, waiting for it at most ``timeout`` seconds."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise AssertionError(f"no output from {proc.args[0]} within {timeout} s")
    return proc.stdout.readline().strip()


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private dbus-daemon for this test only; yields its address."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG, encoding="utf-8")
    errors = tmp_path / "dbus-daemon.err"
    with open(errors, "w", encoding="utf-8") as err:  # it complains about fd limits: not ours
        proc = subprocess.Popen(
            [daemon, f"--config-file={config}", "--print-address=1", "--nofork", "--nopidfile"],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    try:
        address = read_line(proc)
        assert address.startswith("unix:"), errors.read_text(encoding="utf-8")
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def screensaver(session_bus: str) -> Iterator[subprocess.Popen[str]]:
    """The fake screensaver service on the private bus, registered and ready."""
    proc = subprocess.Popen(
        [sys.executable, "-c", FAKE_SCREENSAVER, session_bus], stdout=subprocess.PIPE, text=True
    )
    try:
        assert read_line(proc, timeout=30) == "ready"
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fallback_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == awake.__name__ and r.getMessage().startswith("display may sleep")
    ]


def test_without_a_session_bus_it_says_so_once_and_carries_on(
    qapp, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """This machine's case: no DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake(platform="linux")
    assert keeper.inhibit("test") is False
    assert keeper.inhibit("test") is False  # asked again: still no second line
    assert not keeper.active and keeper.method == "none"
    lines = fallback_lines(caplog)
    assert len(lines) == 1 and lines[0].startswith(FALLBACK_LINE)
    assert [r.levelno for r in caplog.records if r.name == awake.__name__] == [logging.INFO]
    keeper.release()  # harmless when nothing was inhibited


def test_an_unreachable_bus_falls_back_quietly(
    qapp, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake(platform="linux", bus_address=f"unix:path={tmp_path / 'no-bus'}")
    assert keeper.inhibit() is False
    assert fallback_lines(caplog)[0].startswith(FALLBACK_LINE)


def test_a_bus_without_a_screensaver_service_falls_back(
    qapp, session_bus: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A bare X session or cage: a bus, but nobody implementing org.freedesktop.ScreenSaver."""
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake(platform="linux", bus_address=session_bus)
    assert keeper.inhibit() is False
    lines = fallback_lines(caplog)
    assert len(lines) == 1 and lines[0].startswith(FALLBACK_LINE)
    assert "ServiceUnknown" in lines[0]


def test_inhibits_over_dbus_and_uninhibits_with_the_same_cookie(
    qapp, screensaver: subprocess.Popen[str], session_bus: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake("poster-kiosk", platform="linux", bus_address=session_bus)
    assert keeper.inhibit("showing the gallery") is True
    assert keeper.active and "D-Bus" in keeper.method
    assert read_line(screensaver) == "inhibit poster-kiosk showing the gallery 4001"
    assert keeper.inhibit() is True  # idempotent: no second inhibition
    keeper.release()
    # the cookie goes back as a real uint32: the service's UnInhibit(u) slot receives it
    assert read_line(screensaver) == "uninhibit 4001"
    assert not keeper.active and keeper.method == "none"
    keeper.release()  # idempotent
    assert fallback_lines(caplog) == []


def test_context_manager_inhibits_then_releases(
    qapp, screensaver: subprocess.Popen[str], session_bus: str
) -> None:
    with DisplayAwake(platform="linux", bus_address=session_bus) as keeper:
        assert keeper.active
        assert read_line(screensaver).startswith("inhibit kiosk")
    assert read_line(screensaver).startswith("uninhibit")


def test_session_bus_address_comes_from_the_environment_without_autolaunch(tmp_path: Path) -> None:
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    (tmp_path / "bus").touch()
    assert (
        session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path / 'bus'}"
    )
    assert session_bus_address({}) is None


class FakeKernel32:
    """Stands in for ctypes.windll.kernel32 on a machine that is not Windows."""

    def __init__(self, result: int = 0x80000000) -> None:
        self.calls: list[int] = []
        self.result = result
        outer = self

        class Fn:
            argtypes: object = None
            restype: object = None

            def __call__(self, flags: int) -> int:
                outer.calls.append(flags)
                return outer.result

        self.SetThreadExecutionState = Fn()


def test_windows_asks_for_display_and_system_and_clears_on_release(qapp) -> None:
    kernel32 = FakeKernel32()
    keeper = DisplayAwake(platform="win32", kernel32=kernel32)
    assert keeper.inhibit() is True
    assert keeper.method.startswith("SetThreadExecutionState")
    keeper.release()
    assert kernel32.calls == [
        ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED,
        ES_CONTINUOUS,
    ]


def test_windows_failure_is_logged_not_raised(qapp, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake(platform="win32", kernel32=FakeKernel32(result=0))
    assert keeper.inhibit() is False
    assert "SetThreadExecutionState" in fallback_lines(caplog)[0]


@pytest.mark.parametrize("platform", ["win32", "darwin", "sunos5"])
def test_other_platforms_on_this_machine_never_raise(
    qapp, platform: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Without their system libraries (this is Linux) each branch logs and carries on."""
    if platform == "darwin" and sys.platform == "darwin":  # pragma: no cover
        pytest.skip("real macOS: the assertion would be taken")
    if platform == "win32" and sys.platform == "win32":  # pragma: no cover
        pytest.skip("real Windows: the execution state would be set")
    caplog.set_level(logging.INFO, logger=awake.__name__)
    keeper = DisplayAwake(platform=platform)
    assert keeper.inhibit() is False
    assert not keeper.active
    assert len(fallback_lines(caplog)) == 1
    keeper.release()


# --- burn-in --------------------------------------------------------------------------------------
def test_burn_in_starts_at_the_designed_layout() -> None:
    assert burn_in_offset(0, 4) == (0, 0)
    assert [burn_in_offset(s, 2)[0] for s in range(9)] == [0, 1, 2, 1, 0, -1, -2, -1, 0]


@pytest.mark.parametrize("amplitude", [1, 2, 3, 4, 6])
def test_burn_in_cycle_visits_every_offset_and_averages_to_zero(amplitude: int) -> None:
    period = burn_in_period(amplitude)
    offsets = [burn_in_offset(s, amplitude) for s in range(period)]
    square = {
        (x, y) for x in range(-amplitude, amplitude + 1) for y in range(-amplitude, amplitude + 1)
    }
    assert set(offsets) == square
    assert sum(x for x, _ in offsets) == 0 and sum(y for _, y in offsets) == 0
    assert burn_in_offset(period, amplitude) == offsets[0]  # and it cycles


@given(
    step=st.integers(min_value=-(10**6), max_value=10**6),
    amplitude=st.integers(min_value=0, max_value=12),
)
def test_burn_in_stays_in_bounds_and_moves_at_most_a_pixel(step: int, amplitude: int) -> None:
    x, y = burn_in_offset(step, amplitude)
    nx, ny = burn_in_offset(step + 1, amplitude)
    assert abs(x) <= amplitude and abs(y) <= amplitude
    assert abs(nx - x) <= 1 and abs(ny - y) <= 1
    assert burn_in_offset(step + burn_in_period(amplitude), amplitude) == (x, y)


def test_burn_in_with_no_amplitude_never_moves() -> None:
    assert {burn_in_offset(s, 0) for s in range(50)} == {(0, 0)}
