"""Keeping a long-running gallery's memory flat (Linux, glibc; elsewhere these do nothing).

Each slide between posters allocates and frees full-screen pixmaps (8 MB at 1080p, 33 MB at
4K). glibc serves allocations above a threshold with their own mappings, returned to the system
when freed, but it raises that threshold to the size of each such block freed (up to 32 MB), so
after the first slide every pixmap comes from the heap and what is freed stays resident, in one
heap per thread that ever allocated. Fixing the threshold and the number of heaps at start, and
handing free pages back in idle time after a navigation, keeps the resident size where the
screens on show put it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD = 256 * 1024
ARENA_MAX = 2

_libc = None


def _glibc():  # noqa: ANN202 - ctypes.CDLL or None
    global _libc
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            try:
                lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                if hasattr(lib, "mallopt") and hasattr(lib, "malloc_trim"):
                    _libc = lib
            except OSError:
                pass
    return _libc or None


def tune() -> bool:
    """Once, early at start (before Qt starts its threads)."""
    lib = _glibc()
    if lib is None:
        return False
    return bool(lib.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        lib.mallopt(M_ARENA_MAX, ARENA_MAX)
    )


class _MallInfo2(ctypes.Structure):
    _fields_ = [  # noqa: RUF012 - ctypes' own declaration
        (name, ctypes.c_size_t)
        for name in (
            "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
        ).split()
    ]


def figures() -> tuple[int, int, int]:
    """glibc's own figures (for the soak's readings): bytes in blocks mapped on their own (the
    full-screen pixmaps, above the threshold set by ``tune``), bytes in use in its heaps, and
    the heaps' size; zeros where that cannot be asked (not glibc, or older than 2.33)."""
    lib = _glibc()
    if lib is None or not hasattr(lib, "mallinfo2"):
        return 0, 0, 0
    lib.mallinfo2.restype = _MallInfo2
    info = lib.mallinfo2()
    return int(info.hblkhd), int(info.uordblks), int(info.arena)


def release() -> None:
    """Hand the heap's free pages back to the system (idle time only: it walks the heap)."""
    lib = _glibc()
    if lib is not None:
        lib.malloc_trim(0)


def skip_source_scan() -> bool:
    """PySide6 asks of every module imported after it whether its source mentions "PySide6"
    (shibokensupport's feature switching, PYSIDE-2029), with ``inspect.getsource``: that puts
    the whole text of each module, as a list of lines, in ``linecache`` for good, some two
    hundred files (the app's, the standard library's, pydantic's) and over 10 MB of resident
    memory that nothing reads again. The same question is answered here from the file read
    once, without keeping it. A frozen bundle has no sources, so it was never asked there;
    False when this PySide has no such scan (nothing changed)."""
    import PySide6.QtCore  # noqa: F401 - loads shibokensupport

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if getattr(feature._mod_uses_pyside, "kiosk_reads_files", False):
        return True

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # built in, an extension, a namespace: getsource fails on these too
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return False

    uses_pyside.kiosk_reads_files = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - a private name, checked above
    return True
