"""A private X server for end-to-end tests: Xvfb picks a free display itself (``-displayfd``)
and says which, so two test runs on one machine never race for a display number (choosing a
number by looking for a free socket did: the other run's server answered, then went away)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """Xvfb running on a display of its own choosing: yields ``":N"``."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as said:  # Xvfb writes the number once it accepts clients
            number = said.readline().strip()
        if not number.isdigit():
            raise AssertionError(f"Xvfb did not start (exit {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(5)
