"""``kiosk preview``: a window beside the author's editor showing the poster being edited.

The poster shown is the one whose file was saved last (or the one asked for), laid out for the
kiosk's screen and shown whole, top to bottom, scaled to the window's width. Above it, the
content's problems, the edited file's first, each as ``file:line:col: message``.

Edits arrive through the live reload's own road (``ContentReloader`` and its folder watcher,
kiosk/ui/live/reload.py), with one difference: the preview applies every result, errors and
all, because it shows the author what the files say. A poster file with errors that keep its
poster out of the gallery leaves the last picture of it in place, under the errors.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.content.edited import latest_poster_file, poster_files, problems_first
from kiosk.content.loader import LoadResult, load_gallery
from kiosk.content.model import Gallery
from kiosk.ui.context import Ctx
from kiosk.ui.full_length import render_poster
from kiosk.ui.live.reload import ContentReloader

log = logging.getLogger("kiosk.preview")

MAX_PROBLEM_LINES = 40  # then "and N more": kiosk validate lists them all


def _load_with_lines(content_dir: Path, assets_dir: Path) -> LoadResult:
    """The reload's parse, keeping each file's document: which file holds which poster."""
    return load_gallery(content_dir, assets_dir, keep_documents=True)


class PreviewWindow(QWidget):
    """The preview: a status line, the problems, the poster whole. ``updated`` follows every
    render (with the poster id shown, or '' when there is none to show)."""

    updated = Signal(str)

    def __init__(
        self,
        ctx: Ctx,
        result: LoadResult,
        content_dir: Path,
        assets_dir: Path,
        kiosk_size: tuple[int, int],
        poster_id: str | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.content_dir = Path(content_dir)
        self.kiosk_size = kiosk_size
        self.fixed_poster = poster_id
        self.poster_id = ""  # the poster on show
        self.edited_file: str | None = None  # the poster file being edited
        self.image_file: str | None = None  # the file of the poster last drawn
        self.image = QImage()  # the poster, whole, at the kiosk's size
        self.renders = 0
        self.actual_size = False  # Z: the poster at the kiosk's own pixels, not fitted
        self.result = result
        self.setObjectName("preview")
        self.setWindowTitle("kiosk preview")
        p = ctx.palette
        self.setStyleSheet(
            f"#preview {{ background: {p.background}; }}"
            f"#previewStatus {{ color: {p.text}; font-size: 15px; padding: 6px 8px; }}"
            f"#previewProblems {{ background: {p.surface}; color: {p.text}; font-size: 14px;"
            f" font-family: monospace; border: 2px solid {p.warning}; }}"
            f"#previewPoster {{ background: {p.background}; }}"
        )
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        root.addWidget(self.status)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("previewProblems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.setAccessibleName("Problems in the content")
        root.addWidget(self.problems)
        self.poster_area = QScrollArea()
        self.poster_area.setObjectName("previewPoster")
        self.poster_area.setWidgetResizable(False)
        self.poster_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.picture = QLabel()
        self.picture.setAccessibleName("The poster, whole")
        self.poster_area.setWidget(self.picture)
        root.addWidget(self.poster_area, 1)
        self.reloader = ContentReloader(
            self,
            self.content_dir,
            assets_dir,
            result,
            watch=watch,
            loader=_load_with_lines,
            keep_last_good=False,
        )
        self.reloader.finished.connect(self.show_result)
        self.show_result(result)

    # --- what the reloader calls --------------------------------------------------------------
    def set_gallery(self, gallery: Gallery, changed_files: frozenset = frozenset()) -> None:
        """A new gallery (every edit, errors and all): its changed pictures decode afresh."""
        self.ctx.images.invalidate(changed_files)
        self.ctx = self.ctx.apart(gallery)

    # --- showing ------------------------------------------------------------------------------
    def show_result(self, result: LoadResult) -> None:
        """Show the poster being edited and the problems of ``result``."""
        started = time.perf_counter()
        self.result = result
        if self.ctx.gallery is not result.gallery:  # the first result, or a rejected one
            self.ctx = self.ctx.apart(result.gallery)
        files = poster_files(result.documents)
        ids = [p.id for p in result.gallery.posters]
        if self.fixed_poster is not None:
            wanted = self.fixed_poster
            # the file that holds it (while its id cannot be read, the one that held it)
            found = next((f for f, i in files.items() if i == wanted), None)
            self.edited_file = found or self.edited_file
        else:
            self.edited_file = latest_poster_file(self.content_dir)
            wanted = files.get(self.edited_file or "", "")
            if not wanted and not self.poster_id and ids:
                wanted = ids[0]  # no file names a poster yet: the first one
        note = ""
        if wanted in ids:
            self.image = render_poster(self.ctx, ids.index(wanted), self.kiosk_size)
            self.poster_id = wanted
            self.image_file = self.edited_file
            self._fit()
        elif not self.image.isNull() and self.image_file == self.edited_file:
            note = " Its poster is not in the gallery: the last picture of it is kept below."
        elif not self.image.isNull():
            note = f" Its poster is not in the gallery: below, '{self.poster_id}' as last drawn."
        else:
            note = " No poster to show yet."
        self.renders += 1
        self._show_problems(result)
        took = time.perf_counter() - started
        where = self.edited_file or (f"poster '{wanted}'" if wanted else "the gallery")
        self.status.setText(
            f"{where} · {time.strftime('%H:%M:%S')} · {result.summary()} "
            f"· {self.kiosk_size[0]}×{self.kiosk_size[1]}, drawn in {took:.2f} s "
            f"· Z: {'fit the width' if self.actual_size else 'actual size'}.{note}"
        )
        self.setWindowTitle(f"kiosk preview: {where}")
        log.debug("preview of %s drawn in %.3f s", where, took)
        self.updated.emit(self.poster_id if wanted in ids else "")

    def problem_lines(self) -> list[str]:
        return self.problems.toPlainText().splitlines()

    def _show_problems(self, result: LoadResult) -> None:
        ordered = problems_first(result.problems, self.edited_file)
        lines = []
        for problem in ordered[:MAX_PROBLEM_LINES]:
            lines.append(str(problem))
            if pointed := problem.pointed():  # the line in the file, a caret under the column
                lines.extend(pointed.splitlines())
        if len(ordered) > MAX_PROBLEM_LINES:
            lines.append(f"and {len(ordered) - MAX_PROBLEM_LINES} more (kiosk validate lists all)")
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        # as tall as its lines (wrapped in two, roughly), up to a quarter of the window
        self.problems.ensurePolished()  # its style sheet's font, not the application's
        line = self.problems.fontMetrics().lineSpacing()
        wanted = line * (min(2 * len(lines), 12) + 1) + 24
        self.problems.setFixedHeight(min(wanted, max(line * 5, self.height() // 4)))

    def _fit(self) -> None:
        """The poster scaled to the window's width (never enlarged)."""
        if self.image.isNull():
            return
        width = max(100, self.poster_area.viewport().width())
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > width and not self.actual_size:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(pixmap)
        self.picture.resize(pixmap.size())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Z:
            self.actual_size = not self.actual_size
            self.poster_area.setHorizontalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAsNeeded
                if self.actual_size
                else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            )
            self._fit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def stop(self) -> None:
        self.reloader.watcher.stop()
