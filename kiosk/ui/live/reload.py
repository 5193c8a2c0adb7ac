"""Live reload: content edited on disk is validated and applied without a restart. An edit that
brings new errors never replaces what is on screen: the last good gallery stays, and the errors
go to the log and the admin screen. (A gallery that started with a broken poster still takes
edits to its other files: only new errors hold a reload back.)"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content.loader import LoadResult, load_gallery
from kiosk.ui.live.watcher import ContentWatcher

log = logging.getLogger("kiosk.reload")


class ContentReloader(QObject):
    applied = Signal(object)  # the new Gallery
    rejected = Signal(object)  # the LoadResult with errors

    def __init__(
        self,
        window,
        content_dir: Path,
        assets_dir: Path,  # noqa: ANN001
        last: LoadResult,
        watch: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.content_dir = Path(content_dir)
        self.assets_dir = Path(assets_dir)
        self.last = last  # the result whose problems the admin screen lists
        self.shown = last  # the result whose gallery is on screen
        self.watcher = ContentWatcher(self.content_dir, self)
        self.watcher.changed.connect(self.reload)
        if watch:
            self.watcher.start()

    def reload(self) -> bool:
        result = load_gallery(self.content_dir, self.assets_dir)
        self.last = result
        if len(result.errors) > len(self.shown.errors):
            log.warning(
                "content changed but has errors; the last good gallery stays: %s", result.summary()
            )
            for problem in result.errors:
                log.warning("content: %s", problem)
            self.rejected.emit(result)
            return False
        log.info("content changed: %s", result.summary())
        self.shown = result
        self.window.set_gallery(result.gallery)
        self.applied.emit(result.gallery)
        return True
