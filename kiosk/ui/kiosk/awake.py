"""Keeping the display awake while the kiosk runs, and shifting static pixels against burn-in.

A kiosk shows the gallery all day with nobody touching it for long stretches: without help the
screensaver starts or the display powers down after the OS's idle time. Each platform has its
own interface for "a presentation is running":

- Linux: the freedesktop ``org.freedesktop.ScreenSaver.Inhibit`` call on the session D-Bus
  (KDE, GNOME via gnome-settings-daemon, Xfce, LXQt...). The inhibition belongs to the D-Bus
  connection: it ends with ``UnInhibit(cookie)`` or when the connection closes (the process
  exits). A bare X server or a kiosk compositor (cage) usually has no such service: then the
  display is kept on by the session itself (``xset s off -dpms``; docs/kiosk-setup.md) and
  this module says so in one INFO log line.
- Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)``
  from the GUI thread; it lasts until ``ES_CONTINUOUS`` alone is set or the thread ends.
- macOS: an IOKit power assertion, ``PreventUserIdleDisplaySleep``, released with
  ``IOPMAssertionRelease``; the OS also drops it when the process exits.

``DisplayAwake`` never raises and never makes Qt print a warning: a kiosk must start whatever the
machine lacks. It uses its own named D-Bus connection (not ``QDBusConnection.sessionBus()``):
nothing global is created or cached, no D-Bus autolaunch is attempted when no bus is
configured, and release can close that connection, which ends the inhibition even where the
``UnInhibit`` call fails.

Why ``QMetaObject.invokeMethod`` for ``UnInhibit``: the cookie is a D-Bus ``uint32`` and PySide6
marshals a Python ``int`` as ``int32`` (``QDBusMessage.setArguments``) or ``uint16``
(``QDBusArgument <<``), which the services refuse as "no such method". Invoking the
introspected method of a ``QDBusInterface`` with ``Q_ARG("uint", cookie)`` sends a true ``u``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import logging
import os
import sys
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

FALLBACK = "none"
DBUS_SERVICE = "org.freedesktop.ScreenSaver"
DBUS_INTERFACE = "org.freedesktop.ScreenSaver"
DBUS_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")  # KDE/Xfce/GNOME, older GNOME
DBUS_TIMEOUT_MS = 2000  # a session service answers in milliseconds; never stall start-up long

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002

_connection_ids = itertools.count(1)


class _Backend(Protocol):
    description: str

    def inhibit(self, app_name: str, reason: str) -> str | None:
        """Start keeping the display on; None on success, else why not (for the log)."""

    def release(self) -> None: ...


# --- Linux: freedesktop ScreenSaver over D-Bus --------------------------------------------------
def session_bus_address(environ: dict[str, str] | None = None) -> str | None:
    """The session bus address from the environment, as libdbus would find it without
    autolaunching: ``DBUS_SESSION_BUS_ADDRESS``, else ``$XDG_RUNTIME_DIR/bus`` if that socket
    exists. None: there is no session bus to talk to."""
    env = os.environ if environ is None else environ
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and Path(runtime, "bus").exists():
        return f"unix:path={Path(runtime, 'bus')}"
    return None


class _DBusScreenSaver:
    description = "freedesktop ScreenSaver inhibit over the session D-Bus"

    def __init__(self, bus_address: str | None) -> None:
        self._address = bus_address
        self._name = f"kiosk-display-awake-{next(_connection_ids)}"
        self._connection: Any = None
        self._interface: Any = None
        self._cookie: int | None = None

    def inhibit(self, app_name: str, reason: str) -> str | None:
        address = self._address or session_bus_address()
        if not address:
            return "no session bus"
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - only when used

        if QCoreApplication.instance() is None:
            return "no Qt application yet"
        from PySide6.QtDBus import (  # noqa: PLC0415
            QDBus,
            QDBusConnection,
            QDBusInterface,
            QDBusMessage,
        )

        connection = QDBusConnection.connectToBus(address, self._name)
        if not connection.isConnected():
            why = connection.lastError().message() or "cannot connect"
            QDBusConnection.disconnectFromBus(self._name)
            return f"session bus unreachable: {why}"
        why = "no reply"
        for path in DBUS_PATHS:
            call = QDBusMessage.createMethodCall(DBUS_SERVICE, path, DBUS_INTERFACE, "Inhibit")
            call.setArguments([app_name, reason])
            reply = connection.call(call, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                self._connection = connection
                self._cookie = int(reply.arguments()[0])
                interface = QDBusInterface(DBUS_SERVICE, path, DBUS_INTERFACE, connection)
                interface.setTimeout(DBUS_TIMEOUT_MS)
                self._interface = interface if interface.isValid() else None
                return None
            why = reply.errorName() or "no reply"
            if why in (
                "org.freedesktop.DBus.Error.ServiceUnknown",
                "org.freedesktop.DBus.Error.NameHasNoOwner",
                "org.freedesktop.DBus.Error.NoReply",
                "org.freedesktop.DBus.Error.Timeout",
            ):
                break  # no such service at all: no point trying the other path
        QDBusConnection.disconnectFromBus(self._name)
        return why.rsplit(".", 1)[-1]

    @property
    def cookie(self) -> int | None:
        return self._cookie

    def release(self) -> None:
        if self._connection is None:
            return
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt  # noqa: PLC0415
        from PySide6.QtDBus import QDBusConnection  # noqa: PLC0415

        if self._interface is not None and self._cookie is not None:
            QMetaObject.invokeMethod(
                self._interface,
                "UnInhibit",
                Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", self._cookie),
            )
        # closing our own connection ends the inhibition even if UnInhibit did not arrive
        self._interface = None
        self._connection = None
        self._cookie = None
        QDBusConnection.disconnectFromBus(self._name)


# --- Windows: SetThreadExecutionState -------------------------------------------------------------
class _WindowsExecutionState:
    description = "SetThreadExecutionState (display and system required)"
    FLAGS = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED

    def __init__(self, kernel32: Any = None) -> None:
        self._kernel32 = kernel32

    def _api(self) -> Any:
        if self._kernel32 is None:
            windll = getattr(ctypes, "windll", None)
            if windll is None:
                raise OSError("not Windows (no ctypes.windll)")
            self._kernel32 = windll.kernel32
        fn = self._kernel32.SetThreadExecutionState
        fn.argtypes = [ctypes.c_uint32]  # ES_CONTINUOUS does not fit a signed int
        fn.restype = ctypes.c_uint32
        return fn

    def inhibit(self, app_name: str, reason: str) -> str | None:
        previous = self._api()(self.FLAGS)
        return None if previous else "SetThreadExecutionState failed"

    def release(self) -> None:
        self._api()(ES_CONTINUOUS)


# --- macOS: IOKit power assertion ---------------------------------------------------------------
class _MacPowerAssertion:
    description = "IOKit power assertion PreventUserIdleDisplaySleep"
    K_CF_STRING_ENCODING_UTF8 = 0x08000100
    K_IOPM_ASSERTION_LEVEL_ON = 255

    def __init__(self) -> None:
        self._id: int | None = None
        self._iokit: Any = None

    def _libraries(self) -> tuple[Any, Any]:
        cf_path = ctypes.util.find_library("CoreFoundation")
        iokit_path = ctypes.util.find_library("IOKit")
        if not cf_path or not iokit_path:
            raise OSError("CoreFoundation or IOKit not found")
        cf = ctypes.cdll.LoadLibrary(cf_path)
        iokit = ctypes.cdll.LoadLibrary(iokit_path)
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        iokit.IOPMAssertionCreateWithName.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32),
        ]
        iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int32
        iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
        iokit.IOPMAssertionRelease.restype = ctypes.c_int32
        return cf, iokit

    def inhibit(self, app_name: str, reason: str) -> str | None:
        cf, iokit = self._libraries()

        def cfstr(text: str) -> Any:
            return cf.CFStringCreateWithCString(
                None, text.encode("utf-8"), self.K_CF_STRING_ENCODING_UTF8
            )

        kind, name = cfstr("PreventUserIdleDisplaySleep"), cfstr(f"{app_name}: {reason}")
        try:
            assertion = ctypes.c_uint32(0)
            result = iokit.IOPMAssertionCreateWithName(
                kind, self.K_IOPM_ASSERTION_LEVEL_ON, name, ctypes.byref(assertion)
            )
        finally:
            for ref in (kind, name):
                if ref:
                    cf.CFRelease(ref)
        if result != 0:
            return f"IOPMAssertionCreateWithName returned {result:#x}"
        self._iokit, self._id = iokit, assertion.value
        return None

    def release(self) -> None:
        if self._iokit is not None and self._id is not None:
            self._iokit.IOPMAssertionRelease(self._id)
        self._iokit = self._id = None


# --- the object the app uses ---------------------------------------------------------------------
class DisplayAwake:
    """Keeps the display on while the kiosk runs; ``inhibit()`` at start, ``release()`` at quit.

    Never raises: where no interface is available it logs one INFO line starting with
    "display may sleep:" and ``active`` stays False. ``method`` names what is in use ("none"
    when nothing is). Also a context manager.
    """

    def __init__(
        self,
        app_name: str = "kiosk",
        *,
        platform: str | None = None,
        bus_address: str | None = None,
        kernel32: Any = None,
    ) -> None:
        self.app_name = app_name
        self.platform = platform or sys.platform
        self._backend: _Backend | None = None
        self._bus_address = bus_address
        self._kernel32 = kernel32
        self._active = False
        self._logged_fallback = False

    @property
    def active(self) -> bool:
        return self._active

    @property
    def method(self) -> str:
        return self._backend.description if self._active and self._backend else FALLBACK

    def _make_backend(self) -> _Backend | None:
        if self.platform.startswith("win"):
            return _WindowsExecutionState(self._kernel32)
        if self.platform == "darwin":
            return _MacPowerAssertion()
        if self.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return _DBusScreenSaver(self._bus_address)
        return None

    def _fallback_line(self, why: str) -> str:
        if isinstance(self._backend, _DBusScreenSaver) or self._backend is None:
            return f"display may sleep: no session D-Bus ScreenSaver service ({why})"
        return f"display may sleep: {self._backend.description} unavailable ({why})"

    def inhibit(self, reason: str = "kiosk is showing the gallery") -> bool:
        """Ask the platform to keep the display on; True if it agreed. Idempotent."""
        if self._active:
            return True
        self._backend = self._make_backend()
        try:
            why = (
                f"unsupported platform {self.platform!r}"
                if self._backend is None
                else self._backend.inhibit(self.app_name, reason)
            )
        except Exception as exc:  # noqa: BLE001 - ctypes/OS errors of any kind: never fatal
            why = f"{type(exc).__name__}: {exc}"
        if why is None:
            self._active = True
            log.info("display kept awake: %s", self.method)
            return True
        if not self._logged_fallback:
            log.info("%s", self._fallback_line(why))
            self._logged_fallback = True
        return False

    def release(self) -> None:
        """Let the display sleep again. Idempotent; never raises."""
        if not self._active or self._backend is None:
            return
        self._active = False
        try:
            self._backend.release()
        except Exception as exc:  # noqa: BLE001
            log.info("releasing the display inhibit failed: %s", exc)
        log.info("display inhibit released (%s)", self._backend.description)

    def __enter__(self) -> DisplayAwake:
        self.inhibit()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# --- burn-in ------------------------------------------------------------------------------------
BURN_IN_AMPLITUDE_PX = 4
BURN_IN_STEP_SECONDS = 180  # one step every 3 minutes: a 1 px move nobody notices


def _triangle(t: int, amplitude: int) -> int:
    """0, 1, …, a, a-1, …, 0, -1, …, -a, …, -1, then again: period 4a, steps of 1."""
    t %= 4 * amplitude
    if t <= amplitude:
        return t
    if t <= 3 * amplitude:
        return 2 * amplitude - t
    return t - 4 * amplitude


def burn_in_period(amplitude_px: int) -> int:
    """Steps before ``burn_in_offset`` repeats: (4a)², every offset in the square once or
    more."""
    return max(1, (4 * abs(int(amplitude_px))) ** 2)


def burn_in_offset(step: int, amplitude_px: int) -> tuple[int, int]:
    """Where to shift static content at ``step`` (an integer that grows by one every
    ``BURN_IN_STEP_SECONDS``): ``(dx, dy)`` within ±``amplitude_px``.

    x sweeps a triangle wave (one pixel per step); each time it completes a sweep, y moves one
    pixel along its own triangle wave. So every step moves at most one pixel on each axis (no
    visible jump), step 0 is (0, 0) (the layout as designed), the offsets average to zero, and
    over ``burn_in_period`` steps every offset in the square is visited, so no edge of static
    content stays on the same pixel row or column for long. Deterministic: a test or a
    screenshot can reproduce any step.
    """
    a = abs(int(amplitude_px))
    if a == 0:
        return 0, 0
    sweep = 4 * a
    return _triangle(step, a), _triangle(step // sweep, a)
