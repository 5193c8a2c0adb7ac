"""The PIN pad's lockout as a file, so that pulling the plug does not undo it. No Qt here.

Why a file: a lockout kept in memory is forgotten at a restart, and a kiosk's power plug or
reset button is within a visitor's reach. The gate (``kiosk.core.pin.PinGate``) writes this
record after every wrong PIN, every lockout and every right PIN, atomically
(``kiosk.core.atomic``), and reads it once when it starts.

Format (``admin-lockout.json`` in the app-data folder)::

    {"format": "kiosk-admin-lockout", "version": 1,
     "failures": 2,            # wrong PINs since the last lockout ended or the last right PIN
     "level": 3,               # lockouts since the last right PIN (the escalation step)
     "locked_at": 1767225600.0, "locked_until": 1767226080.0}   # wall clock, or both null

Times are wall-clock seconds since the epoch: the monotonic clock starts again at every boot,
so a monotonic deadline would mean nothing after a restart. How the gate copes with a wall
clock that jumps is explained in ``PinGate``.

This module only reads and writes the record and says when one is unusable
(``LockoutFileError``); what an unusable record means (never "unlocked") is the gate's rule.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.atomic import write_atomically
from kiosk.core.private_file import UnsafeFileError, read_private

FILE_NAME = "admin-lockout.json"
FORMAT = "kiosk-admin-lockout"
VERSION = 1
MAX_FILE_BYTES = 4096  # a record is ~150 bytes
MAX_COUNT = 10_000  # failures and level: a real count never gets near this
# wall times from 1970 (a kiosk PC without a clock battery may boot there) to the year 2286;
# anything else (negative, 1e300) is not a time we wrote
_WALL_RANGE = (0.0, 10_000_000_000.0)


class LockoutFileError(Exception):
    """The lockout file exists but is not a lockout record we could have written."""


@dataclass(frozen=True)
class LockoutRecord:
    """The persisted state. ``locked_at``/``locked_until`` are both None when not locked."""

    failures: int = 0
    level: int = 0
    locked_at: float | None = None
    locked_until: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "failures": self.failures,
            "level": self.level,
            "locked_at": self.locked_at,
            "locked_until": self.locked_until,
        }


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise LockoutFileError(f"'{key}' must be a whole number from 0 to {MAX_COUNT}")
    return value


def _wall(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if type(value) not in (int, float) or not math.isfinite(value):
        raise LockoutFileError(f"'{key}' must be a time in seconds or null")
    if not _WALL_RANGE[0] <= value <= _WALL_RANGE[1]:
        raise LockoutFileError(f"'{key}' is not a plausible time ({value!r})")
    return float(value)


def _refuse_constant(name: str) -> float:
    raise LockoutFileError(f"{name} is not a number we write")


def parse(data: bytes) -> LockoutRecord:
    """The record in ``data``; LockoutFileError for anything we would not have written."""
    try:
        # NaN and Infinity are valid to Python's json but never written by us
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # ValueError covers bad JSON and integers too long to convert (Python 3.11's limit)
        raise LockoutFileError("not valid JSON") from exc
    if not isinstance(raw, dict):
        raise LockoutFileError("not a lockout record (expected a JSON object)")
    if raw.get("format") != FORMAT or raw.get("version") != VERSION:
        raise LockoutFileError(f"not a '{FORMAT}' version {VERSION} record")
    failures, level = _count(raw, "failures"), _count(raw, "level")
    locked_at, locked_until = _wall(raw, "locked_at"), _wall(raw, "locked_until")
    if (locked_at is None) != (locked_until is None):
        raise LockoutFileError("'locked_at' and 'locked_until' must both be set or both null")
    if locked_at is not None and locked_until is not None and locked_until < locked_at:
        raise LockoutFileError("'locked_until' is before 'locked_at'")
    return LockoutRecord(failures, level, locked_at, locked_until)


class LockoutStore:
    """The lockout record on disk: read safely (``read_private``: never blocks on a FIFO, never
    follows a link), written atomically with mode 0600."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_folder(cls, data_dir: Path) -> LockoutStore:
        """The store the app uses: ``<data_dir>/admin-lockout.json``."""
        return cls(Path(data_dir) / FILE_NAME)

    def load(self) -> LockoutRecord | None:
        """The record; None when there is none. LockoutFileError when something is there that
        is not a record we wrote (damaged, hostile, a FIFO, a link, too big, not private)."""
        try:
            data = read_private(self.path, MAX_FILE_BYTES)
        except UnsafeFileError as exc:
            raise LockoutFileError(exc.reason) from exc
        except OSError as exc:
            raise LockoutFileError(f"cannot be read ({exc.strerror or exc})") from exc
        if data is None:
            return None
        return parse(data)

    def save(self, record: LockoutRecord) -> None:
        """Write ``record`` atomically (0600). The rename replaces whatever entry was at the
        path (a damaged file, a FIFO, a link: the link itself, never its target) without
        opening it; a folder there makes it fail. Raises OSError."""
        text = json.dumps(record.to_json(), sort_keys=True) + "\n"
        write_atomically(self.path, text, newline="\n", mode=0o600)
