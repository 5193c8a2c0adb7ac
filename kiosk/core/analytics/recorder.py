"""The one writer thread: callers queue records (never blocking the GUI), the thread commits
them in batches at most ``FLUSH_SECONDS`` apart. A full disk or any other write failure stops
analytics quietly with a log line; the gallery goes on."""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from pathlib import Path

from kiosk.core.analytics.events import Record
from kiosk.core.analytics.store import Writer, open_store, prune

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5  # a kill loses at most this much (plus one commit) of events
_STOP = object()


class Recorder:
    def __init__(
        self,
        path: Path,
        retention_days: float = 90,
        max_bytes: int = 64 * 1024 * 1024,
        now: float | None = None,
    ) -> None:
        self.path = path
        self.stopped_because: str | None = None
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._settings = (retention_days, max_bytes, now)
        self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self.stopped_because is None and self._thread.is_alive()

    def record(self, record: Record) -> None:
        """Queue one record (returns at once; dropped when analytics stopped)."""
        if self.stopped_because is None:
            self._queue.put(record)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued and stop the thread."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            db = open_store(self.path)
            retention, max_bytes, now = self._settings
            prune(db, self.path, now if now is not None else time.time(), retention, max_bytes)
        except (sqlite3.Error, OSError) as exc:
            self._stop(f"cannot open {self.path}: {exc}")
            return
        writer = Writer(db)
        try:
            done = False
            while not done:
                batch: list[Record] = []
                item = self._queue.get()  # wait for the first record
                if item is _STOP:
                    break
                batch.append(item)  # type: ignore[arg-type]
                # then gather for at most FLUSH_SECONDS
                deadline = time.monotonic() + FLUSH_SECONDS
                while (left := deadline - time.monotonic()) > 0:
                    try:
                        item = self._queue.get(timeout=left)
                    except queue.Empty:
                        break
                    if item is _STOP:
                        done = True
                        break
                    batch.append(item)  # type: ignore[arg-type]
                writer.write(batch)
        except (sqlite3.Error, OSError) as exc:
            # "database or disk is full", a vanished folder...: analytics stops, not the gallery
            self._stop(f"writing to {self.path} failed: {exc}")
        finally:
            db.close()

    def _stop(self, why: str) -> None:
        self.stopped_because = why
        log.warning("analytics stopped: %s", why)
