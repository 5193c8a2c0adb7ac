"""Reading a small private file (the admin PIN, its lockout) that someone may have replaced with
a trap. No Qt here.

Why this exists: these files are read on the GUI thread when a visitor makes the admin gesture.
A plain ``open()`` follows whatever sits at the path: a FIFO (named pipe) makes ``open`` and
``read`` wait for a writer forever, which freezes the whole kiosk; a symbolic link reads a file
chosen by whoever made the link; a file that other users may write lets them choose the PIN.
So before anything is opened:

1. ``os.lstat`` (which does not follow links) must show a regular file: not a FIFO, a link, a
   folder, a socket or a device.
2. On POSIX, the file must belong to the user the app runs as and must not be writable by its
   group or by others. On Windows there are no POSIX owners or modes (``st_uid`` is 0 and the
   mode bits say nothing about the ACL), so this step is skipped there: the app-data folder
   under ``%LOCALAPPDATA%`` inherits the user's private ACL.
3. It is opened with ``O_NOFOLLOW`` and ``O_NONBLOCK`` where the OS has them, so that a link or
   FIFO swapped in between the check and the open fails at once instead of being followed or
   blocking; ``fstat`` of the opened file must then be the same regular file that was checked.
4. At most ``max_bytes`` + 1 bytes are read: a huge file is refused, never loaded.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

POSIX_CHECKS = os.name == "posix"  # owners and mode bits mean something here

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)


class UnsafeFileError(Exception):
    """The path holds something other than a private regular file. ``reason`` is a short phrase
    for a log line or a screen ("it is a FIFO (named pipe), not a regular file")."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def kind_of(mode: int) -> str:
    """What a non-regular directory entry is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISREG(mode):
        return "a regular file"
    return "not a file"


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be treated as a regular file ("it is a folder…"), or None when it is
    one or does not exist. Does not follow links and never opens anything."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISREG(st.st_mode):
        return None
    return f"it is {kind_of(st.st_mode)}, not a regular file"


def _check(path: Path, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFileError(path, f"it is {kind_of(st.st_mode)}, not a regular file")
    if not POSIX_CHECKS:
        return
    uid = os.geteuid()
    if st.st_uid != uid:
        raise UnsafeFileError(
            path, f"it belongs to user id {st.st_uid}, not to the user running the app ({uid})"
        )
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeFileError(
            path,
            f"other users may write it (mode {stat.S_IMODE(st.st_mode):04o}; "
            "it must not be writable by group or others)",
        )


def read_private(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of the private regular file at ``path``; None when nothing is there.

    Raises UnsafeFileError when the entry is not a regular file, is not private (POSIX), changed
    between the check and the open, or is bigger than ``max_bytes``; OSError when it cannot be
    read. Never blocks on a FIFO and never follows a link.
    """
    path = Path(path)
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        return None
    _check(path, before)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None  # removed between the check and the open: as if never there
    except OSError as exc:
        if exc.errno in (errno.ELOOP, getattr(errno, "EMLINK", -1)):
            # O_NOFOLLOW met a link that was swapped in after the check (EMLINK on FreeBSD)
            raise UnsafeFileError(path, "it became a symbolic link while being opened") from exc
        raise
    try:
        after = os.fstat(fd)
        _check(path, after)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise UnsafeFileError(path, "it was replaced while being opened")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > max_bytes:
        raise UnsafeFileError(path, f"it is bigger than {max_bytes} bytes")
    return b"".join(chunks)
