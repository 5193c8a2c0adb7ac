"""Live reload: content edited on disk is validated and applied without a restart. An edit that
brings new errors never replaces what is on screen: the last good gallery stays, and the errors
go to the log and the admin screen. (A gallery that started with a broken poster still takes
edits to its other files: only new errors hold a reload back.)

How an edit travels to the screen:

1. ``ContentWatcher`` sees the folder change and emits ``changed`` (debounced).
2. ``reload()`` hands the parse to a worker thread: ``load_gallery`` and the stamps of every
   picture the new gallery shows (``kiosk.content.changes.file_stamps``). The GUI thread keeps
   painting and taking touches meanwhile. A change that arrives while a parse runs is not
   lost: the content is parsed again once that parse is done, and only the newest result is
   applied.
3. The result comes back to the GUI thread through a queued signal. If it brings new errors it
   is rejected. Otherwise the pictures whose stamps differ from those of the gallery on screen
   are named, and ``window.set_gallery(gallery, changed_files)`` drops their decodes and
   rebuilds what shows something new (kiosk/ui/main_window.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content.changes import Stamps, changed_files, file_stamps, gallery_paths
from kiosk.content.result import LoadResult
from kiosk.ui.live.watcher import ContentWatcher

log = logging.getLogger("kiosk.reload")

Loader = Callable[[Path, Path], LoadResult]


def load_gallery(content_dir: Path, assets_dir: Path) -> LoadResult:
    """The full load (kiosk.content.loader), imported at the first reload: the loader brings the
    YAML parser and the schema's validator, which a start with unchanged content never needs
    (it reads the content cache), so they stay out of the start-up."""
    from kiosk.content.loader import load_gallery as full_load

    return full_load(content_dir, assets_dir)


_WORKER: ThreadPoolExecutor | None = None
_WORKER_LOCK = threading.Lock()


def _worker() -> ThreadPoolExecutor:
    """One parsing thread for the app, started on the first reload: parses never overlap (a
    reload parses the whole folder; two at once would only slow each other down)."""
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-reload")
        return _WORKER


@dataclass(frozen=True)
class Parsed:
    """A parse's outcome, as the worker hands it back: the result (None: the loader raised)
    and the stamps of the pictures it shows."""

    result: LoadResult | None
    stamps: Stamps


class _Delivery(QObject):
    """Lives on the GUI thread; the worker emits on it, so the slot runs queued there."""

    parsed = Signal(object)


def _parse(loader: Loader, content_dir: Path, assets_dir: Path, delivery: _Delivery) -> None:
    """The worker's job: parse, stamp the pictures, hand both to the GUI thread."""
    try:
        result = loader(content_dir, assets_dir)
        parsed = Parsed(result, file_stamps(gallery_paths(result.gallery)))
    except Exception:  # a worker must never take the app down; what is on screen stays
        log.exception("content in %s could not be parsed", content_dir)
        parsed = Parsed(None, {})
    try:
        delivery.parsed.emit(parsed)
    except RuntimeError:  # the window (and its reloader) went away meanwhile: nobody waits
        pass


class ContentReloader(QObject):
    """Watches the content folder and applies each edit that loads without new errors.

    ``loader`` is the parse (``load_gallery``); it runs on a worker thread, so it must not
    touch Qt. Tests hand in a wrapper to see where and how often it runs. ``keep_last_good``
    False applies every result, errors and all (``kiosk preview`` shows what the files say)."""

    applied = Signal(object)  # the new Gallery, now on screen
    rejected = Signal(object)  # the LoadResult with errors
    finished = Signal(object)  # every applied or rejected LoadResult (the admin screen)

    def __init__(
        self,
        window,  # noqa: ANN001
        content_dir: Path,
        assets_dir: Path,
        last: LoadResult,
        watch: bool = True,
        loader: Loader = load_gallery,
        keep_last_good: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.content_dir = Path(content_dir)
        self.assets_dir = Path(assets_dir)
        self.loader = loader
        self.keep_last_good = keep_last_good
        self.last = last  # the result whose problems the admin screen lists
        self.shown = last  # the result whose gallery is on screen
        # the pictures on screen as they are now: an edit is what differs from these
        self._stamps: Stamps = file_stamps(gallery_paths(last.gallery))
        self._job: Future[None] | None = None
        self._again = False
        self._delivery = _Delivery(self)
        self._delivery.parsed.connect(self._parsed)
        self.watcher = ContentWatcher(self.content_dir, self)
        self.watcher.changed.connect(self.reload)
        if watch:
            self.watcher.start()

    def busy(self) -> bool:
        """A parse is under way (or queued behind another window's)."""
        return self._job is not None

    def reload(self) -> None:
        """Parse the content again, off the GUI thread; ``applied`` or ``rejected`` follows.
        Asked while a parse runs, it parses once more when that one is done."""
        if self._job is not None:
            self._again = True
            return
        self._again = False
        self._job = _worker().submit(
            _parse, self.loader, self.content_dir, self.assets_dir, self._delivery
        )

    def _parsed(self, parsed: Parsed) -> None:
        self._job = None
        if self._again:  # the folder changed during the parse: this result may be stale
            log.debug("content changed while it was parsed: parsing again")
            self.reload()
            return
        if parsed.result is None:
            return  # logged by the worker; what is on screen stays
        self._apply(parsed.result, parsed.stamps)

    def _apply(self, result: LoadResult, stamps: Stamps) -> None:
        self.last = result
        if self.keep_last_good and len(result.errors) > len(self.shown.errors):
            log.warning(
                "content changed but has errors; the last good gallery stays: %s", result.summary()
            )
            for problem in result.errors:
                log.warning("content: %s", problem)
            self.rejected.emit(result)
            self.finished.emit(result)
            return
        log.info("content changed: %s", result.summary())
        changed = changed_files(self._stamps, stamps)
        self.shown = result
        self._stamps = stamps
        self.window.set_gallery(result.gallery, changed)
        self.applied.emit(result.gallery)
        self.finished.emit(result)
