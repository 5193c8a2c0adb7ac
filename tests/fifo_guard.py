"""A guard for tests that put a FIFO where the app expects a file: if the code under test
regresses and blocks opening or reading it, the guard opens the FIFO's other end after a few
seconds (and again each time something blocks on it), so the blocked calls return and the test
fails instead of hanging the whole suite."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path
from types import TracebackType


class FifoGuard:
    """``with FifoGuard(path) as guard: ...`` then ``assert not guard.fired``."""

    def __init__(self, fifo: Path, after: float = 5.0) -> None:
        self.fifo = fifo
        self.after = after
        self.fired = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        if self._stop.wait(self.after):
            return
        while not self._stop.is_set():
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:  # ENXIO: nobody is reading (yet)
                    return
                self._stop.wait(0.05)
                continue
            self.fired = True  # a reader was blocked on it: let it see end-of-file
            os.close(fd)
            self._stop.wait(0.05)  # and keep doing so: the code may open it again

    def __enter__(self) -> FifoGuard:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(1.0)
