"""Seeing every open of a file in a folder, by Python or by Qt's C++ code.

On Linux an inotify watch reports each open (IN_OPEN) of anything in the watched folders,
whoever opens it, without changing what it watches; a stat, a readlink or ``resolve()`` is not
an open. Elsewhere only Python's own opens are seen, through an audit hook.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020
IN_ISDIR = 0x40000000
_EVENT = struct.Struct("iIII")

_AUDITED: list[list[str]] = []  # the open recorders; the hook is added once per process


def _audit(event: str, args: tuple) -> None:
    if _AUDITED and event in ("open", "os.listdir", "os.scandir") and args:
        path = args[0]
        if isinstance(path, (str, bytes, os.PathLike)):
            for record in _AUDITED:
                record.append(os.fsdecode(path))


_HOOKED = False


class OpenWatch:
    """``with OpenWatch(folder) as watch: ...`` then ``watch.opened()``: what was opened in
    ``folder`` (and the folders under it) meanwhile."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self._fd: int | None = None
        self._names: dict[int, Path] = {}
        self._python: list[str] = []
        self._seen: list[str] = []

    def __enter__(self) -> OpenWatch:
        global _HOOKED
        if not _HOOKED:
            sys.addaudithook(_audit)
            _HOOKED = True
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
            if fd >= 0:
                self._fd = fd
                for folder in [self.folder, *[p for p in self.folder.rglob("*") if p.is_dir()]]:
                    wd = libc.inotify_add_watch(fd, os.fsencode(folder), IN_OPEN | IN_ACCESS)
                    if wd >= 0:
                        self._names[wd] = folder
        _AUDITED.append(self._python)  # after our own look at the folder
        return self

    @property
    def kernel(self) -> bool:
        """True when opens by any code (Qt's too) are seen, not only Python's."""
        return self._fd is not None

    def _drain(self) -> None:
        if self._fd is None:
            return
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return
            i = 0
            while i < len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, i)
                name = data[i + _EVENT.size : i + _EVENT.size + length].rstrip(b"\0")
                i += _EVENT.size + length
                where = self._names.get(wd, self.folder)
                kind = "folder" if mask & IN_ISDIR else "file"
                self._seen.append(f"{kind} {where / os.fsdecode(name) if name else where}")

    def opened(self) -> list[str]:
        """Everything opened in the folder so far (kernel events, then Python's own)."""
        self._drain()
        python = [
            p
            for p in self._python
            if Path(os.path.abspath(p)).is_relative_to(self.folder)
            or _resolves_into(p, self.folder)
        ]
        return self._seen + [f"python {p}" for p in python]

    def __exit__(self, *exc: object) -> None:
        self._drain()
        _AUDITED.remove(self._python)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _resolves_into(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder)
    except (OSError, RuntimeError):
        return False
