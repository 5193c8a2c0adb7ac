"""``kiosk set-pin``: set the PIN that opens the admin screen of the unattended kiosk.

Interactive (a terminal): asks twice without echo (``getpass``), so a typo cannot lock the owner
out. Scripted (standard input is not a terminal): reads one line, so provisioning works as
``echo 2468 | kiosk set-pin``. A PIN given as an argument is accepted, with a warning: it stays
in the shell's history and is visible in the process list while the command runs.

The PIN is stored as a salted scrypt hash in ``<data_dir>/admin-pin.json`` (see kiosk.core.pin);
a running kiosk reads it at the next PIN entry, no restart needed.

Something other than a regular file at the PIN file's path (a FIFO, a symbolic link, a folder) is
never written over: the rename would replace it silently, and whoever put it there should look
at it first. The command says what is there and changes nothing.

Exit codes: 0 saved; 1 not saved (the PIN breaks the rule, the two entries differ, the entry was
cancelled, something other than a regular file is in the way, or the file could not be written);
2 usage (no PIN on standard input).
"""

from __future__ import annotations

import getpass as _getpass
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kiosk.core.pin import PIN_RULE, PinFileUnusable, PinStore, valid_pin, weak_pin

EXIT_OK, EXIT_NOT_SET, EXIT_USAGE = 0, 1, 2
MAX_LINE = 256  # a PIN is at most 8 digits; never read a whole stream into memory
PROMPT = "New admin PIN (4 to 8 digits): "
PROMPT_AGAIN = "The same PIN again: "

GetPass = Callable[..., str]


def _interactive(stdin: TextIO | None) -> bool:
    try:
        return stdin is not None and stdin.isatty()
    except (AttributeError, ValueError, OSError):  # closed or odd streams: not a terminal
        return False


def _ask(getpass: GetPass, stderr: TextIO) -> str | None:
    """Two entries without echo; None (after saying why) when they differ or were cancelled."""
    try:
        first = getpass(PROMPT, stream=stderr)
        if not valid_pin(first):
            return first  # no need to ask twice for something refused anyway
        second = getpass(PROMPT_AGAIN, stream=stderr)
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk set-pin: cancelled; the PIN was not changed", file=stderr)
        return None
    if first != second:
        print("kiosk set-pin: the two PINs differ; the PIN was not changed", file=stderr)
        return None
    return first


def run(
    args_pin: str | None,
    data_dir: Path,
    stdin: TextIO | None,
    stdout: TextIO,
    stderr: TextIO,
    *,
    getpass: GetPass = _getpass.getpass,
) -> int:
    """Set the admin PIN; returns the exit code. ``getpass`` is injectable for tests."""
    if args_pin is not None:
        print(
            "kiosk set-pin: note: a PIN typed on the command line stays in the shell history; "
            "prefer 'kiosk set-pin' (it asks) or 'echo PIN | kiosk set-pin'",
            file=stderr,
        )
        pin: str | None = args_pin.strip()
    elif _interactive(stdin):
        pin = _ask(getpass, stderr)
        if pin is None:
            return EXIT_NOT_SET
    else:
        line = stdin.readline(MAX_LINE) if stdin is not None else ""
        if not line.strip():
            print(
                "kiosk set-pin: no PIN on standard input (usage: kiosk set-pin, or "
                "echo PIN | kiosk set-pin)",
                file=stderr,
            )
            return EXIT_USAGE
        pin = line.strip()

    if pin is None or not valid_pin(pin):
        print(f"kiosk set-pin: not a valid PIN: {PIN_RULE}; the PIN was not changed", file=stderr)
        return EXIT_NOT_SET
    if weak_pin(pin):
        print(
            "kiosk set-pin: note: this PIN is one digit repeated or a straight run, the "
            "first thing anyone tries; consider another",
            file=stderr,
        )

    store = PinStore.in_folder(Path(data_dir))
    try:
        store.set_pin(pin)
    except PinFileUnusable as exc:  # a FIFO, a link, a folder: a human looks at it first
        print(
            f"kiosk set-pin: will not write over {store.path}: {exc.reason}; "
            "the PIN was not changed",
            file=stderr,
        )
        return EXIT_NOT_SET
    except OSError as exc:
        print(f"kiosk set-pin: could not save {store.path}: {exc.strerror or exc}", file=stderr)
        return EXIT_NOT_SET
    print(
        f"Admin PIN saved to {store.path} (as a salted hash; the PIN itself is not stored).",
        file=stdout,
    )
    print("A running kiosk uses it at the next PIN entry.", file=stdout)
    return EXIT_OK
