"""Writing a file so that a crash or a power cut leaves the old version or the new, never half.

A temporary file beside the target is written and fsynced, then renamed over it, then the folder
is fsynced so the rename itself survives (PITFALLS.md §7). Used for the fishbowl session and the
admin PIN.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder: skip."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(
    path: Path,
    text: str,
    *,
    encoding: str = "utf-8",
    newline: str = "",
    keep_backup: Path | None = None,
    mode: int | None = None,
) -> None:
    """Write ``text`` to ``path`` atomically; first move the old file to ``keep_backup`` if
    given; ``mode`` (e.g. 0o600) is applied to the new file where the system has modes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            with contextlib.suppress(OSError):  # no POSIX modes (Windows): ACLs apply
                os.chmod(tmp, mode)
        if keep_backup is not None and path.exists():
            os.replace(path, keep_backup)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
