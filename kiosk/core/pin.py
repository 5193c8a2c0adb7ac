"""The admin PIN: how it is stored, checked, and rate-limited. No Qt here.

What protects the admin screen, and what does not
-------------------------------------------------
A PIN of 4 to 8 digits has at most 10^8 values, so no hash can make it expensive to brute-force
offline. The hash serves two narrower purposes: the PIN is never readable at a glance from the
file or a backup of it, and a PIN reused elsewhere does not leak from it. The real protection is
(1) the file lives in the app's own data folder, written with mode 0600 where the OS has modes,
and is only read if it is still a private regular file (``kiosk.core.private_file``); and
(2) the touchscreen pad allows five wrong PINs, then locks: for a minute, then each further
lockout twice as long, up to an hour, remembered across restarts (``PinGate``). With that
schedule a 4-digit PIN takes about 41 days of non-stop guessing on average, a 6-digit one about
11 years (the arithmetic is in docs/kiosk-setup.md).

Storage format (``admin-pin.json``, written by ``kiosk set-pin``)::

    {"format": "kiosk-admin-pin", "version": 1, "algorithm": "scrypt",
     "n": 16384, "r": 8, "p": 1, "dklen": 32,
     "salt": "<16 random bytes, base64>", "hash": "<32 bytes, base64>"}

scrypt with N=2^14, r=8, p=1 costs ~16 MiB of memory and ~60 ms on a 2-core machine: slow enough
to make guessing costly per try, fast enough that the PIN pad does not visibly freeze on a modest
kiosk PC. Where Python's OpenSSL lacks scrypt, PBKDF2-HMAC-SHA256 with 600 000 iterations is used
(``"algorithm": "pbkdf2_sha256", "iterations": 600000``). ``verify`` refuses cost parameters
outside sane bounds, so a tampered file cannot make the pad hash for minutes or eat the memory.

No PIN set: no admin
--------------------
There is no default PIN. Until ``kiosk set-pin`` has been run on the machine, ``PinGate`` refuses
every entry with ``Outcome.NO_PIN`` and a sentence saying how to set one; a damaged PIN file is
treated the same way (never as "no protection"), and so is a PIN file that is not a private
regular file (a FIFO, a link, a folder, a file other users may write): the pad says it is
unusable and the log says why. The owner is not locked out by this: the kiosk
can always be stopped from the operating system (``systemctl --user stop kiosk``, Task Manager,
an SSH session), see docs/kiosk-setup.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.atomic import write_atomically
from kiosk.core.clock import Clock, SystemWallClock, WallClock
from kiosk.core.lockout import LockoutFileError, LockoutRecord, LockoutStore
from kiosk.core.private_file import UnsafeFileError, not_regular, read_private
from kiosk.i18n import N_, Said

FILE_NAME = "admin-pin.json"
FORMAT = "kiosk-admin-pin"
VERSION = 1
PIN_RULE = "a PIN is 4 to 8 digits (0-9)"
SET_PIN_HINT = N_("set one on this computer with: kiosk set-pin")

SALT_BYTES = 16
SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
PBKDF2_ITERATIONS = 600_000
PBKDF2_DKLEN = 32
MAX_FILE_BYTES = 64 * 1024  # a record is ~250 bytes; anything big is not ours

# bounds a record must respect before anything is hashed with its parameters
_SCRYPT_MAX_N = 2**20
_SCRYPT_MAX_R = 32
_SCRYPT_MAX_P = 4
_SCRYPT_MAX_MEM = 256 * 1024 * 1024
_PBKDF2_ITERATIONS = (1_000, 5_000_000)
_DKLEN = (16, 64)
_SALT_LEN = (8, 64)

_PIN_RE = re.compile(r"[0-9]{4,8}", re.ASCII)

log = logging.getLogger(__name__)


class PinFileError(Exception):
    """The PIN file exists but cannot be used (unreadable, not JSON, not a PIN record)."""


class PinFileUnusable(PinFileError):
    """Something other than a private regular file is where the PIN file should be (a FIFO, a
    link, a folder, a file of another user or writable by others, a huge file). Kept apart from
    a damaged record because the fix differs: a human must look at what is there and remove it;
    ``kiosk set-pin`` will not write over it. ``reason`` is a short phrase saying what it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def valid_pin(pin: object) -> bool:
    """4 to 8 ASCII digits. ``str.isdigit`` is not used: it accepts "²" and Arabic-Indic digits,
    which a touchscreen pad can never type."""
    return isinstance(pin, str) and _PIN_RE.fullmatch(pin) is not None


def weak_pin(pin: str) -> bool:
    """One digit repeated (0000) or a straight run (1234, 9876): the first PINs anyone tries.
    ``kiosk set-pin`` warns about these but accepts them; the owner decides."""
    if not valid_pin(pin):
        return False
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({0}, {1}, {-1})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise PinFileError(f"'{what}' is not base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise PinFileError(f"'{what}' is not valid base64") from exc


def _int(record: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = record.get(key)
    if type(value) is not int or not low <= value <= high:
        raise PinFileError(f"'{key}' must be a whole number from {low} to {high}")
    return value


def _scrypt_available() -> bool:
    return hasattr(hashlib, "scrypt")


def _derive(record: Mapping[str, Any], pin: str) -> bytes:
    """Hash ``pin`` with the algorithm, parameters and salt of a record that passed
    ``check_record`` (so its costs are within bounds)."""
    salt = base64.b64decode(record["salt"])
    secret = pin.encode("utf-8")
    if record["algorithm"] == "scrypt":
        n, r, p = record["n"], record["r"], record["p"]
        if not _scrypt_available():
            raise PinFileError("this Python has no scrypt (OpenSSL too old)")
        return hashlib.scrypt(
            secret,
            salt=salt,
            n=n,
            r=r,
            p=p,
            dklen=record["dklen"],
            maxmem=_scrypt_memory(n, r, p) + 1024 * 1024,
        )
    return hashlib.pbkdf2_hmac("sha256", secret, salt, record["iterations"], record["dklen"])


def _scrypt_memory(n: int, r: int, p: int) -> int:
    """What OpenSSL's scrypt allocates for these parameters, about (its own formula)."""
    return 128 * r * n + 128 * r * p


def check_record(record: object) -> dict[str, Any]:
    """Return ``record`` as a dict if it is a usable PIN record, else raise PinFileError.

    Checks the shape and the cost bounds without hashing anything.
    """
    if not isinstance(record, Mapping):
        raise PinFileError("not a PIN record (expected a JSON object)")
    if record.get("format") != FORMAT:
        raise PinFileError(f"not a PIN record ('format' is not '{FORMAT}')")
    if record.get("version") != VERSION:
        raise PinFileError(f"unsupported PIN record version {record.get('version')!r}")
    expected = _unb64(record.get("hash"), "hash")
    dklen = _int(record, "dklen", *_DKLEN)
    if len(expected) != dklen:
        raise PinFileError("the hash's length does not match 'dklen'")
    salt = _unb64(record.get("salt"), "salt")
    if not _SALT_LEN[0] <= len(salt) <= _SALT_LEN[1]:
        raise PinFileError(f"the salt must be {_SALT_LEN[0]} to {_SALT_LEN[1]} bytes")
    algorithm = record.get("algorithm")
    if algorithm == "scrypt":
        n = _int(record, "n", 2, _SCRYPT_MAX_N)
        r = _int(record, "r", 1, _SCRYPT_MAX_R)
        p = _int(record, "p", 1, _SCRYPT_MAX_P)
        if n & (n - 1):
            raise PinFileError("'n' must be a power of two")
        if _scrypt_memory(n, r, p) > _SCRYPT_MAX_MEM:
            raise PinFileError("the scrypt parameters ask for too much memory")
    elif algorithm == "pbkdf2_sha256":
        _int(record, "iterations", *_PBKDF2_ITERATIONS)
    else:
        raise PinFileError(f"unknown algorithm {algorithm!r}")
    return dict(record)


def hash_pin(pin: str) -> dict[str, Any]:
    """A new salted record for ``pin`` (which must satisfy ``valid_pin``): JSON-ready, holding
    the algorithm, its parameters, the salt and the hash, never the PIN."""
    if not valid_pin(pin):
        raise ValueError(PIN_RULE)
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "salt": _b64(secrets.token_bytes(SALT_BYTES)),
    }
    if _scrypt_available():
        record.update(algorithm="scrypt", **SCRYPT_PARAMS)
    else:  # pragma: no cover - CPython builds with OpenSSL >= 1.1 all have scrypt
        record.update(algorithm="pbkdf2_sha256", iterations=PBKDF2_ITERATIONS, dklen=PBKDF2_DKLEN)
    record["hash"] = _b64(_derive(record, pin))
    return check_record(record)


def verify(record: Mapping[str, Any], pin: object) -> bool:
    """Whether ``pin`` matches ``record``. Never raises: a malformed record matches nothing.

    The comparison is constant-time (``hmac.compare_digest``) and a well-formed entry always
    costs one full hash, right or wrong, so timing says nothing about how close a guess was.
    """
    if not isinstance(pin, str) or len(pin) > 64:
        return False
    try:
        checked = check_record(record)
        expected = _unb64(checked["hash"], "hash")
        actual = _derive(checked, pin)
    except (PinFileError, ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


class PinStore:
    """The PIN record on disk, as JSON in the app-data folder.

    Saves are atomic (temporary file in the same folder, fsync, ``os.replace``): a crash or a
    power cut leaves the old PIN or the new one, never half a file. The file is created 0600
    (``mkstemp`` does that) where the OS has POSIX modes; on Windows it inherits the ACL of the
    user's profile folder.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_folder(cls, data_dir: Path) -> PinStore:
        """The store the app uses: ``<data_dir>/admin-pin.json``."""
        return cls(Path(data_dir) / FILE_NAME)

    def load(self) -> dict[str, Any] | None:
        """The record; None when no PIN has been set. Raises PinFileError for a file that exists
        but cannot be used, so the caller can say "damaged" rather than "not set";
        PinFileUnusable (a PinFileError) when the entry is not a private regular file, which is
        checked before anything is opened, so a FIFO there cannot block the caller."""
        try:
            data = read_private(self.path, MAX_FILE_BYTES)
        except UnsafeFileError as exc:
            raise PinFileUnusable(self.path, exc.reason) from exc
        except OSError as exc:
            raise PinFileError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        if data is None:
            return None
        try:
            record = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PinFileError(f"{self.path} is not valid JSON") from exc
        try:
            return check_record(record)
        except PinFileError as exc:
            raise PinFileError(f"{self.path}: {exc}") from exc

    def is_set(self) -> bool:
        """A usable PIN record is on disk."""
        try:
            return self.load() is not None
        except PinFileError:
            return False

    def save(self, record: Mapping[str, Any]) -> None:
        """Write ``record`` atomically (0600). Raises OSError if the folder is not writable, and
        PinFileUnusable if something other than a regular file is at the path: the rename would
        replace a FIFO or a link without a word, and whoever put it there may be relying on it
        (or meant something by it), so a human removes it first. A regular file that is merely
        not private is replaced: the new file is the owner's, mode 0600, which is the fix."""
        record = check_record(record)
        reason = not_regular(self.path)
        if reason is not None:
            raise PinFileUnusable(self.path, f"{reason}; remove it first")
        text = json.dumps(record, indent=2, sort_keys=True) + "\n"
        write_atomically(self.path, text, newline="\n", mode=0o600)

    def set_pin(self, pin: str) -> None:
        """Hash and save ``pin``; ValueError (with the rule) if it is not 4 to 8 digits."""
        self.save(hash_pin(pin))

    def clear(self) -> None:
        """Remove the PIN: the admin screen is then refused until a new one is set."""
        self.path.unlink(missing_ok=True)


class PinSource(Protocol):
    """Where the gate reads the current record (a PinStore, or a stand-in in tests)."""

    def load(self) -> Mapping[str, Any] | None: ...


class Outcome(Enum):
    READY = "ready"  # status only: a PIN is set and the pad is open
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no-pin"  # no PIN set, or the PIN file is damaged: admin is refused


@dataclass(frozen=True)
class PinResult:
    """What the PIN pad should show. ``said`` is the sentence for the screen, said in the
    pad's language (``said.in_language(t)``); ``message`` is it in English."""

    outcome: Outcome
    attempts_left: int
    seconds_left: float = 0.0  # of the lockout; 0 unless LOCKED
    said: Said = field(default_factory=lambda: Said(""))

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @property
    def message(self) -> str:
        return str(self.said)


class PinGate:
    """Checks PIN entries against the store, with an escalating lockout that survives restarts.

    The schedule
        After ``max_attempts`` (5) wrong PINs in a row the gate refuses everything, the right PIN
        included, for ``lockout_seconds`` (60 s); then the attempts start afresh, and each
        further lockout lasts twice the one before, up to ``max_lockout_seconds`` (an hour):
        60, 120, 240, 480, 960, 1920, 3600, 3600... A right PIN resets the count and the
        escalation. The record is re-read on every entry, so ``kiosk set-pin`` run while the
        kiosk is up takes effect at the next entry.

    Restarts
        With a ``LockoutStore``, every change (a wrong PIN, a lockout, its end, a right PIN) is
        written atomically before the result is returned, and read back when a gate starts: a
        visitor who pulls the plug after four wrong PINs meets one try left, and one who pulls
        it during a lockout meets the rest of it. A power cut while the hash is being checked
        (before the write) costs the guesser the answer too, so it buys nothing.

    Two clocks, and a wall clock that jumps
        While the app runs, a lockout is timed on the monotonic ``clock``: setting the wall
        clock back or forward changes nothing. Across a restart only wall-clock time means
        anything, so the file holds wall-clock ``locked_at``/``locked_until`` (``wall``), and at
        start the rest of a lockout is read as follows, ``now`` being the wall clock then:

        - ``now`` before ``locked_at`` (the clock was set back, or a kiosk without a clock
          battery booted in the past): how long has passed cannot be known, so the whole step
          starts again from now. Setting the clock back can only lengthen a lockout, never
          shorten it.
        - otherwise the rest is ``locked_until - now``, but never more than the step's full
          length (a deadline further away than that was not written by this schedule).

        A wall clock moved forward across a restart does shorten the rest of a lockout: nothing
        on the machine can tell that from real time passing. A visitor at a touchscreen cannot
        set the clock, and whoever can also has the files.

    A damaged or hostile lockout file never unlocks
        If the file cannot be read as a record we wrote (garbage, NaN, huge numbers, a FIFO, a
        link, a folder, another user's file), the gate assumes the worst it could have meant:
        the longest step (``max_lockout_seconds``) from now, at the top of the escalation, and
        writes that back as a proper record (the rename replaces what was there, a folder
        excepted). Why the strictest rather than the first step: the file is written
        atomically, so a crash cannot damage it; damage means a disk fault or someone with
        access to the files, and a lenient rule would make any way of spoiling the file a way
        to restart the escalation at 60 s. The cost is an hour's wait for the owner, once, and a
        log line saying why; the owner can also stop the kiosk, delete the file and start it.

    If the lockout cannot be written (a full disk, a folder in its place), it still holds in
    memory until the app stops, and the log says so.
    """

    def __init__(
        self,
        clock: Clock,
        source: PinSource,
        max_attempts: int = 5,
        lockout_seconds: float = 60.0,
        *,
        max_lockout_seconds: float = 3600.0,
        lockouts: LockoutStore | None = None,
        wall: WallClock | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if lockout_seconds < 0:
            raise ValueError("lockout_seconds must be 0 or more")
        if max_lockout_seconds < lockout_seconds:
            raise ValueError("max_lockout_seconds must be at least lockout_seconds")
        self._clock = clock
        self._wall: WallClock = wall or SystemWallClock()
        self._source = source
        self._lockouts = lockouts
        self.max_attempts = max_attempts
        self.lockout_seconds = float(lockout_seconds)
        self.max_lockout_seconds = float(max_lockout_seconds)
        self._top_level = self._level_reaching_the_cap()
        self._failures = 0
        self._level = 0  # lockouts since the last right PIN
        self._locked_until: float | None = None  # monotonic
        self._wall_lock: tuple[float, float] | None = None  # (locked_at, locked_until), wall
        self._problem: str | None = None  # the PIN file problem last logged
        if lockouts is not None:
            self._restore(lockouts)

    # --- the schedule -------------------------------------------------------------------------
    def _level_reaching_the_cap(self) -> int:
        level = 1
        while level < 64 and self.step_seconds(level) < self.max_lockout_seconds:
            level += 1
        return level

    def step_seconds(self, level: int) -> float:
        """How long lockout number ``level`` (1, 2, ...) lasts: doubling, capped."""
        if level < 1:
            return 0.0
        return min(self.lockout_seconds * 2.0 ** (min(level, 64) - 1), self.max_lockout_seconds)

    @property
    def level(self) -> int:
        """Lockouts since the last right PIN (0: the next lockout is the first step)."""
        return self._level

    # --- persistence --------------------------------------------------------------------------
    def _restore(self, store: LockoutStore) -> None:
        """Take up the state a previous run left, with the rules in the class docstring."""
        now = self._wall.now()
        try:
            saved = store.load()
        except LockoutFileError as exc:
            log.warning(
                "admin lockout file %s is unusable (%s): the PIN pad is locked for %.0f s, "
                "as after the longest lockout",
                store.path,
                exc,
                self.max_lockout_seconds,
            )
            self._level = self._top_level
            self._lock(self.step_seconds(self._level))
            return
        if saved is None:
            return
        self._level = min(saved.level, self._top_level)
        self._failures = min(saved.failures, self.max_attempts - 1)
        if saved.locked_at is None or saved.locked_until is None:
            return
        step = self.step_seconds(max(self._level, 1))
        if now < saved.locked_at:
            rest = step  # the clock went back: the whole step again, never less
        else:
            rest = min(saved.locked_until - now, step)
        if rest > 0:
            self._locked_until = self._clock.now() + rest
            self._wall_lock = (now + rest - step, now + rest)
            if self._wall_lock != (saved.locked_at, saved.locked_until):
                self._save()  # re-anchored: a second restart must not stretch it again
        else:
            self._failures = 0  # it ended while the app was not running
            self._save()

    def _save(self) -> None:
        if self._lockouts is None:
            return
        at, until = self._wall_lock or (None, None)
        try:
            self._lockouts.save(LockoutRecord(self._failures, self._level, at, until))
        except OSError as exc:
            log.warning(
                "cannot save the admin lockout to %s (%s): it holds only until the app stops",
                self._lockouts.path,
                exc.strerror or exc,
            )

    def _lock(self, seconds: float) -> None:
        self._failures = 0  # after the lockout the attempts start afresh
        self._locked_until = self._clock.now() + seconds
        now = self._wall.now()
        self._wall_lock = (now, now + seconds)
        self._save()

    # --- state --------------------------------------------------------------------------------
    def _expire(self) -> None:
        if self._locked_until is not None and self._clock.now() >= self._locked_until:
            self._locked_until = None
            self._wall_lock = None
            self._failures = 0
            self._save()

    def locked_for(self) -> float:
        """Seconds left of the lockout; 0.0 when the pad is open."""
        self._expire()
        if self._locked_until is None:
            return 0.0
        return max(0.0, self._locked_until - self._clock.now())

    @property
    def attempts_left(self) -> int:
        self._expire()
        return 0 if self._locked_until is not None else self.max_attempts - self._failures

    def _record(self) -> tuple[Mapping[str, Any] | None, Said]:
        """The current record, or None and the sentence saying why admin is refused. A problem
        with the file is logged once, in one line naming why, until it changes or is fixed:
        the pad re-reads the file at every gesture and entry, the log needs it once."""
        problem: str | None = None
        try:
            record = self._source.load()
        except PinFileUnusable as exc:
            problem = f"admin PIN file {exc.path} refused: {exc.reason}"
            record, why = (
                None,
                Said(
                    N_("The admin PIN file is unusable: {reason}. Remove it, then {hint}"),
                    reason=exc.reason,
                    hint=Said(SET_PIN_HINT),
                ),
            )
        except PinFileError as exc:
            problem = f"admin PIN file refused: {exc}"
            record, why = (
                None,
                Said(
                    N_("The admin PIN file is damaged ({problem}). Set a new PIN: {hint}"),
                    problem=exc,
                    hint=Said(SET_PIN_HINT),
                ),
            )
        except OSError as exc:
            problem = f"admin PIN file cannot be read: {exc}"
            record, why = (
                None,
                Said(
                    N_("The admin PIN file cannot be read ({problem}). {hint}"),
                    problem=exc,
                    hint=Said(N_("Set one on this computer with: kiosk set-pin")),
                ),
            )
        else:
            why = (
                Said("")
                if record is not None
                else Said(
                    N_("No admin PIN is set. To open the admin screen, {hint}"),
                    hint=Said(SET_PIN_HINT),
                )
            )
        if problem is not None and problem != self._problem:
            log.warning("%s", problem)
        self._problem = problem
        return record, why

    def status(self) -> PinResult:
        """What the pad shows before any entry: READY, LOCKED or NO_PIN (nothing is counted)."""
        locked = self.locked_for()
        if locked > 0:
            return self._locked(locked)
        record, why = self._record()
        if record is None:
            return PinResult(Outcome.NO_PIN, self.attempts_left, 0.0, why)
        return PinResult(Outcome.READY, self.attempts_left, 0.0, Said(N_("Enter the admin PIN")))

    def try_pin(self, pin: str) -> PinResult:
        """Check one entry. Any entry that is not the PIN counts as wrong (empty, too short…),
        except while locked (nothing is checked) or while no PIN is set (nothing to check).
        The new count is on disk before the result is returned."""
        locked = self.locked_for()
        if locked > 0:
            return self._locked(locked)
        record, why = self._record()
        if record is None:
            return PinResult(Outcome.NO_PIN, self.attempts_left, 0.0, why)
        if verify(record, pin):
            if self._failures or self._level:
                self._failures, self._level = 0, 0
                self._save()
            return PinResult(Outcome.OK, self.max_attempts, 0.0, Said(N_("PIN accepted")))
        self._failures += 1
        if self._failures >= self.max_attempts:
            self._level = min(self._level + 1, self._top_level)
            seconds = self.step_seconds(self._level)
            self._lock(seconds)
            return self._locked(seconds)
        self._save()
        left = self.max_attempts - self._failures
        wrong = N_("Wrong PIN: 1 attempt left") if left == 1 else N_("Wrong PIN: {n} attempts left")
        return PinResult(Outcome.WRONG, left, 0.0, Said(wrong, n=left))

    def _locked(self, seconds: float) -> PinResult:
        whole = max(1, int(-(-seconds // 1)))  # ceil, at least 1 while locked
        if whole <= 90:
            wait = Said(N_("{seconds} s"), seconds=whole)
        else:  # "3600 s" means little on a screen; whole minutes, rounded up
            wait = Said(N_("{minutes} min"), minutes=-(-whole // 60))
        return PinResult(
            Outcome.LOCKED,
            0,
            seconds,
            Said(N_("Too many wrong PINs: try again in {wait}"), wait=wait),
        )
