"""Watching the content folder so that edits on disk reach the running kiosk (live reload).

``QFileSystemWatcher`` alone misses edits in three common ways (PITFALLS.md §7):

1. Editors save by writing a temporary file and renaming it over the original. The watch was on
   the old file (inode); Qt may drop the path, or worse keep listing it while the watch points at
   a deleted inode, so the *second* save goes unseen.
2. A file deleted and recreated (a ``git checkout``, a copy over) is gone for a moment, and a
   watch cannot be placed on a missing path.
3. A new poster file appears in ``posters/``: nobody is watching it yet.

So this watches the folders as well as the files (a rename, a creation or a deletion in a folder
is seen through the folder), and after every burst of events it rescans: each wanted path is
(re-)armed when it is not watched or its file identity (device, inode) changed since it was
armed. Bursts (an editor writes, renames, touches; a copy of 20 files) are debounced into one
check ``DEBOUNCE_MS`` after the last event, and at most ``MAX_DELAY_MS`` after the first, so a
file being written continuously still gets checked.

``changed`` is emitted only when the content really differs from the last check: the YAML files'
bytes (hashed) and the images' size, time and identity. A swap file, an editor's backup, a
``touch`` or a save with identical bytes causes no reload (and no log line) in the kiosk.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.content.artwork import IMAGE_SUFFIXES
from kiosk.content.files import FISHBOWL_FILE, GALLERY_FILE, POSTERS_DIR, QUOTES_FILE

log = logging.getLogger(__name__)

YAML_SUFFIXES = (".yaml", ".yml")
_SKIP_PREFIXES = (".", "~", "#")  # hidden, editor backups and lock files (the loader skips them)
_HASH_LIMIT = 4 * 1024 * 1024  # YAML bigger than this is compared by size and time only

Identity = tuple[int, int]  # (st_dev, st_ino)


def _identity(path: Path) -> Identity | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _skipped(name: str) -> bool:
    return name.startswith(_SKIP_PREFIXES) or name.endswith("~")


class ContentWatcher(QObject):
    """Emits ``changed`` (debounced) when the content folder's YAML or images change on disk.

    ``start()`` arms the watches and remembers the content as it is (no signal); ``stop()``
    removes every watch. ``rescanned(bool)`` follows every debounced check with whether it found
    a change: for diagnostics and for tests that must know a check happened and found nothing.
    """

    changed = Signal()
    rescanned = Signal(bool)

    DEBOUNCE_MS = 150  # quiet time after the last event before checking
    MAX_DELAY_MS = 1000  # a burst that never goes quiet is still checked this soon
    MAX_DIRS = 200  # folders watched under the content folder (inotify watches are finite)
    MAX_FILES = 2000
    MAX_DEPTH = 4

    def __init__(self, content_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content_dir = Path(content_dir).absolute()
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._on_event)
        self._fs.directoryChanged.connect(self._on_event)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._settle)
        self._burst = QElapsedTimer()
        self._armed: dict[str, Identity | None] = {}
        self._snapshot: dict[str, tuple[object, ...]] = {}
        self._running = False
        self._warned_full = False

    # --- public -------------------------------------------------------------------------------
    @property
    def content_dir(self) -> Path:
        return self._content_dir

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Arm the watches and take the current content as the reference (emits nothing)."""
        if self._running:
            return
        self._running = True
        self._snapshot = self._fingerprint(self._rearm(), self._content_dir)
        log.debug(
            "watching %s: %d files, %d folders",
            self._content_dir,
            len(self._fs.files()),
            len(self._fs.directories()),
        )

    def stop(self) -> None:
        """Remove every watch and forget a pending check."""
        self._running = False
        self._timer.stop()
        watched = self._fs.files() + self._fs.directories()
        if watched:  # an empty list makes Qt warn
            self._fs.removePaths(watched)
        self._armed.clear()

    def watched_files(self) -> list[str]:
        return sorted(self._fs.files())

    def watched_dirs(self) -> list[str]:
        return sorted(self._fs.directories())

    def pending(self) -> bool:
        """A check is scheduled (events arrived and the debounce has not run out)."""
        return self._timer.isActive()

    def check_now(self) -> bool:
        """Re-arm and compare right away (an admin's "reload" button, a test); emits ``changed``
        when the content differs. Returns whether it did."""
        self._timer.stop()
        return self._check()

    # --- events -------------------------------------------------------------------------------
    @Slot(str)
    def _on_event(self, _path: str) -> None:
        if not self._running:
            return
        if not self._timer.isActive():
            self._burst.start()
        waited = self._burst.elapsed() if self._burst.isValid() else 0
        self._timer.start(max(0, min(self.DEBOUNCE_MS, self.MAX_DELAY_MS - waited)))

    @Slot()
    def _settle(self) -> None:
        if self._running:
            self._check()

    def _check(self) -> bool:
        self._burst.invalidate()
        snapshot = self._fingerprint(self._rearm(), self._content_dir)
        differs = snapshot != self._snapshot
        self._snapshot = snapshot
        self.rescanned.emit(differs)
        if differs:
            log.debug("content changed on disk in %s", self._content_dir)
            self.changed.emit()
        return differs

    # --- what to watch ------------------------------------------------------------------------
    def _scan(self) -> tuple[list[Path], list[Path]]:
        """The folders and files that exist now and should be watched."""
        root = self._content_dir
        dirs: list[Path] = []
        files: list[Path] = []
        if root.parent != root and root.parent.is_dir():
            dirs.append(root.parent)  # sees the content folder itself replaced or recreated
        if not root.is_dir():
            return dirs, files
        for name in (GALLERY_FILE, QUOTES_FILE, FISHBOWL_FILE):
            if (root / name).is_file():
                files.append(root / name)
        todo: list[tuple[Path, int]] = [(root, 0)]
        real_root = root.resolve()
        while todo and len(dirs) < self.MAX_DIRS:
            folder, depth = todo.pop()
            dirs.append(folder)
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if _skipped(entry.name):
                    continue
                try:
                    if entry.is_dir():
                        # never into a linked folder outside the content folder: nothing
                        # there is read, not even its list of names
                        if depth < self.MAX_DEPTH and not (
                            entry.is_symlink()
                            and not Path(entry.path).resolve().is_relative_to(real_root)
                        ):
                            todo.append((Path(entry.path), depth + 1))
                    elif entry.is_file():
                        path = Path(entry.path)
                        suffix = path.suffix.lower()
                        poster = folder == root / POSTERS_DIR and suffix in YAML_SUFFIXES
                        if poster or suffix in IMAGE_SUFFIXES:
                            files.append(path)
                except OSError:
                    continue
        if len(files) > self.MAX_FILES:
            if not self._warned_full:
                log.warning(
                    "content folder has %d files; watching the first %d", len(files), self.MAX_FILES
                )
                self._warned_full = True
            files = files[: self.MAX_FILES]
        return dirs, files

    def _rearm(self) -> list[Path]:
        """Make the watched set match the wanted set, re-adding replaced files and folders;
        returns the content files found."""
        dirs, files = self._scan()
        wanted = {str(p): _identity(p) for p in [*dirs, *files]}
        wanted = {p: ident for p, ident in wanted.items() if ident is not None}
        watched = set(self._fs.files()) | set(self._fs.directories())
        stale = [p for p in watched if p not in wanted or self._armed.get(p) != wanted[p]]
        if stale:
            self._fs.removePaths(stale)
        keep = watched - set(stale)
        new = [p for p in wanted if p not in keep]
        failed = set(self._fs.addPaths(new)) if new else set()
        if failed:
            log.info(
                "could not watch %d path(s) in %s (they may have just been removed)",
                len(failed),
                self._content_dir,
            )
        self._armed = {p: ident for p, ident in wanted.items() if p not in failed}
        return files

    @staticmethod
    def _fingerprint(files: list[Path], root: Path) -> dict[str, tuple[object, ...]]:
        """What the content is now, to tell a real change from noise. Only plain files inside
        the content folder are read (hashed); a link out of it is compared by its stat alone,
        as the loader never reads it either."""
        result: dict[str, tuple[object, ...]] = {}
        real_root = root.resolve()
        for path in files:
            try:
                st = os.stat(path)
                if (
                    path.suffix.lower() in YAML_SUFFIXES
                    and st.st_size <= _HASH_LIMIT
                    and stat.S_ISREG(st.st_mode)
                    and path.resolve().is_relative_to(real_root)
                ):
                    result[str(path)] = ("yaml", hashlib.sha256(path.read_bytes()).digest())
                else:
                    result[str(path)] = ("file", st.st_size, st.st_mtime_ns, st.st_ino)
            except OSError:
                continue  # gone since the scan: it counts as missing
        return result
