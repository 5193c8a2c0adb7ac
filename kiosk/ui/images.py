"""Artwork, decoded off the GUI thread at the size it is shown, and a widget that paints it.

SVGs are rendered and raster images decoded (scaled while decoding, with an explicit allocation
limit against decompression bombs) in a thread pool; the widget shows a placeholder until the
image arrives, and a clear "image unavailable" card if it never can (PITFALLS.md §5).

Hostile files are stopped here too, not only by the loader (a file may change after it was
checked): a raster image is measured from its header first and refused above
``artwork.MAX_PIXELS`` (a decompression bomb is never decompressed), very large ones are decoded
one at a time, so two workers never hold two of them; an SVG is read once, parsed and rebuilt by
``artwork.clean_svg`` (no entities, scripts or outside references, a bounded amount of drawing)
and Qt draws the rebuilt document from memory, never the file. Each refusal is one log line,
and the view shows "Image unavailable"; so does a picture still decoding past the store's
deadline (``ImageStore.DEADLINE_S``), which is then not tried again until its file changes.

A picture edited in place keeps its path, so a cache by path would show the old pixels for
ever: ``ImageStore.invalidate`` drops a changed file's decodes (live reload calls it with the
files whose stamps changed, see ``kiosk.content.changes``), and a decode of the old file still
under way when that happens is thrown away when it arrives, not cached.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDeadlineTimer,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget
from shiboken6 import isValid

from kiosk.content import artwork
from kiosk.gcpause import cyclic_gc_paused

log = logging.getLogger(__name__)

MAX_PIXELS = artwork.MAX_PIXELS  # the most we decode (refused from the header above it)
BIG_PIXELS = 16_000_000  # above this, decodes wait for each other (one big buffer at a time)
ALLOCATION_LIMIT_MB = 512  # Qt's own guard; MAX_PIXELS at 4 bytes a pixel fits under it
_BIG_DECODE = threading.Lock()
_VIEWBOX = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')
_WH = re.compile(rb'<svg[^>]*?\swidth\s*=\s*["\']([\d.]+)[^>]*?\sheight\s*=\s*["\']([\d.]+)', re.S)


def aspect_of(path: Path | None) -> float:
    """Width / height from the file's header alone (1.6 when unknown)."""
    if path is None:
        return 1.6
    try:
        if path.suffix.lower() == ".svg":
            head = path.open("rb").read(4096)
            m = _VIEWBOX.search(head) or _WH.search(head)
            if m and float(m.group(2)) > 0:
                return float(m.group(1)) / float(m.group(2))
            return 1.6
        size = QImageReader(str(path)).size()
        if size.isValid() and size.height() > 0:
            return size.width() / size.height()
    except (OSError, ValueError):
        pass
    return 1.6


def decode(path: Path, target: QSize) -> QImage:
    """The image at ``path`` fitted into ``target`` (device pixels); a null QImage (and one log
    line saying why) when it cannot or must not be shown."""
    if path.suffix.lower() == ".svg":
        return _render_svg(path, target)
    try:  # the file may have changed since the loader checked it: look again, header only
        width, height = artwork.check_raster(path, path.name)
    except artwork.ArtworkError as exc:
        log.warning("artwork %s refused: %s", path, exc)
        return QImage()
    if width * height > MAX_PIXELS:
        log.warning(
            "artwork %s is %dx%d pixels, over the limit of %d megapixels: not decoded "
            "(a placeholder is shown)",
            path,
            width,
            height,
            MAX_PIXELS // 1_000_000,
        )
        return QImage()
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if not full.isValid():
        log.warning("artwork %s cannot be read: %s", path, reader.errorString())
        return QImage()
    pixels = full.width() * full.height()
    if pixels > MAX_PIXELS:
        log.warning(
            "artwork %s is %dx%d pixels, over the limit of %d megapixels: not decoded "
            "(a placeholder is shown)",
            path,
            full.width(),
            full.height(),
            MAX_PIXELS // 1_000_000,
        )
        return QImage()
    fitted = full.scaled(target, Qt.AspectRatioMode.KeepAspectRatio)
    if fitted.width() < full.width():
        reader.setScaledSize(fitted)
    if pixels > BIG_PIXELS:
        with _BIG_DECODE:
            image = reader.read()
    else:
        image = reader.read()
    if image.isNull():
        log.warning("artwork %s could not be decoded: %s", path, reader.errorString())
    return image


def checked_svg(path: Path) -> bytes | None:
    """The SVG at ``path`` as the document to hand Qt: read once, rebuilt by ``clean_svg``,
    every embedded picture decodable; None (and one log line saying why) when it must not be
    drawn. The screen and the print draw only what this returns, never the file."""
    try:
        with path.open("rb") as fh:
            data = fh.read(artwork.MAX_SVG_BYTES + 1)
    except OSError as exc:
        log.warning("artwork %s cannot be read: %s", path, exc.strerror or exc)
        return None
    try:
        clean = artwork.clean_svg(data, path.name)
    except artwork.ArtworkError as exc:
        log.warning("artwork %s refused: %s", path, exc)
        return None
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    for picture in clean.pictures:  # (each within MAX_PIXELS, from its header)
        if QImage.fromData(picture).isNull():
            # Qt would then take the whole data: URI for a file name and look for it
            log.warning("artwork %s refused: a picture embedded in it cannot be decoded", path)
            return None
    return clean.data


def _render_svg(path: Path, target: QSize) -> QImage:
    """The SVG at ``path`` drawn into ``target`` from the cleaned document (``clean_svg``), in
    memory: Qt never sees the file, so nothing the checks did not see (markup hidden from
    them, references out of the content folder) can reach the renderer.

    Drawn by Qt's SVG image plugin through ``QImageReader``, not by ``QSvgRenderer.render``:
    the binding holds Python's global lock for the whole of ``render`` (measured: a drawing of
    1.3 s froze the GUI thread for 1.3 s, the "lock the decoder holds"), while
    ``QImageReader.read`` lets it go, so a slow drawing in a worker never stops the GUI."""
    data = checked_svg(path)
    if data is None:
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg")
    size = reader.size().scaled(target, Qt.AspectRatioMode.KeepAspectRatio)
    if size.isEmpty():
        log.warning("artwork %s is not a valid SVG or has no size to draw at", path)
        return QImage()
    reader.setScaledSize(size)
    image = reader.read()
    if image.isNull():
        log.warning("artwork %s could not be drawn: %s", path, reader.errorString())
        return image
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class _Signals(QObject):
    done = Signal(str, QImage, int)  # key, image, the path's generation when it was asked for


_EXECUTOR: ThreadPoolExecutor | None = None
_EXECUTOR_LOCK = threading.Lock()
_JOBS = 0  # handed to the current pool
# A pool's threads end after this many jobs (a new pool takes the next ones). What Qt keeps
# for each thread goes with them: a font cache that, off the GUI thread, is never cleaned
# (Qt cleans only the GUI thread's), holding a font engine with its glyphs for every size
# SVG text was drawn at: ~2 KB per chart and size, for as long as the thread lived
# (docs/reliability.md, finding 13).
JOBS_PER_POOL = 64


def _decoder() -> ThreadPoolExecutor:
    """The two decoding threads, shared by every store, started on the first request and
    replaced after ``JOBS_PER_POOL`` jobs (the old ones finish what they were given, then end).

    A plain Python pool rather than Qt's: a Python ``QRunnable`` handed to ``QThreadPool``
    sometimes outlived its run under the soak's traffic (about one job in sixty, with its size
    and path: a slow leak), and ``QThreadPool.start(callable)`` kept more still (measured:
    docs/reliability.md)."""
    global _EXECUTOR, _JOBS
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None or _JOBS >= JOBS_PER_POOL:
            if _EXECUTOR is not None:
                _EXECUTOR.shutdown(wait=False)
            _EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-decode")
            _JOBS = 0
        _JOBS += 1
        return _EXECUTOR


def _decode_and_send(
    key: str,
    path: Path,
    size: QSize,
    signals: _Signals,
    generation: int = 0,
    started: dict[tuple[str, int], float] | None = None,
) -> None:
    """A worker's job: decode, then hand the image to the GUI thread (a queued signal).
    ``started`` (the store's) learns when the job began, for its deadline; a plain dict
    assignment, so the GUI thread never waits on a lock to read it."""
    if started is not None:
        started[(key, generation)] = time.monotonic()
    try:
        with cyclic_gc_paused():  # no collection on this thread: see kiosk.gcpause
            image = decode(path, size)
    except Exception:  # a worker must never take the app down
        log.exception("artwork %s failed to load", path)
        image = QImage()
    finally:
        if started is not None:
            started.pop((key, generation), None)
    try:
        signals.done.emit(key, image, generation)
    except RuntimeError:  # the store went away meanwhile (a window closed): nobody waits
        pass


def _cancel_all(jobs: set[Future[None]]) -> None:
    for job in list(jobs):
        job.cancel()


class ImageStore(QObject):
    """Decoded images by (path, size), loaded in a thread pool, kept in a small LRU cache.

    The key has no file time in it: the store learns that a file changed from ``invalidate``,
    called by the live reload with the files whose stamps changed. Keying by modification time
    instead would cost a ``stat`` in every paint of every artwork, would still leave the
    pictures made from a decode (the poster deck's pre-rendered slides, the attract loop's
    frame) showing the old pixels, and would keep the old decodes in the cache until they aged
    out; the reload knows which files changed anyway, once per edit, off the GUI thread."""

    ready = Signal(str)
    invalidated = Signal(object)  # the set of file paths (str) whose decodes were dropped
    CAPACITY = 96  # images
    BUDGET_BYTES = 192 * 1024 * 1024  # and bytes: a 4K screen's image is 33 MB
    # A picture still decoding this long after its worker took it up is given up on: the view
    # shows "Image unavailable" and the file is not tried again until it changes. The worker
    # cannot be interrupted (Qt has no way to stop a drawing) and finishes in its own time;
    # what bounds that time is the loader's checks (pixels, the SVG's expanded size). An SVG's
    # cost is not in its size (3 kB of <use> drew for minutes), so it has 2 s; a raster's is
    # bounded by its header's size (at most 100 megapixels, big ones one at a time): a genuine
    # 9000×9000 photo took over 2 s on a busy two-core machine, so rasters have a backstop.
    DEADLINE_S = 2.0
    RASTER_DEADLINE_S = 30.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._bytes = 0
        self._views: weakref.WeakSet[ArtworkView] = weakref.WeakSet()
        self._pending: set[str] = set()
        self._generation: dict[str, int] = {}  # path -> times it was invalidated
        self._jobs: set[Future[None]] = set()  # submitted, not yet finished
        self._job_of: dict[str, Future[None]] = {}  # pending key -> its job
        self._started: dict[tuple[str, int], float] = {}  # (key, generation) -> when begun
        self._timed_out: dict[str, int] = {}  # path -> the generation that ran out of time
        self.deadline = self.DEADLINE_S
        self.raster_deadline = self.RASTER_DEADLINE_S
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(200)
        self._watchdog.timeout.connect(self._check_deadlines)
        self._signals = _Signals(self)
        self._signals.done.connect(self._finished)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: decodes not yet started are dropped, not waited for
            app.aboutToQuit.connect(self.cancel)
        # a store let go (its window closed) takes its queued decodes with it: the pool is
        # shared, and the next window's pictures should not wait behind them
        weakref.finalize(self, _cancel_all, self._jobs)

    @staticmethod
    def key(path: Path, size: QSize) -> str:
        return f"{path}|{size.width()}x{size.height()}"

    @staticmethod
    def path_of(key: str) -> str:
        return key.rpartition("|")[0]

    def get(self, path: Path, size: QSize) -> QImage | None:
        """The image if it is ready; otherwise None, and it is being loaded."""
        k = self.key(path, size)
        if k in self._cache:
            self._cache.move_to_end(k)
            return self._cache[k]
        generation = self._generation.get(str(path), 0)
        if self._timed_out.get(str(path)) == generation:  # it ran out of time: not again
            self._put(k, QImage())
            return self._cache[k]
        if k not in self._pending and not size.isEmpty():
            self._pending.add(k)
            job = _decoder().submit(
                _decode_and_send, k, path, size, self._signals, generation, self._started
            )
            self._jobs.add(job)
            self._job_of[k] = job
            job.add_done_callback(self._jobs.discard)  # (the set's method: not the store's)
            if not self._watchdog.isActive():
                self._watchdog.start()
        return None

    def _check_deadlines(self) -> None:
        """Give up on the decodes that have run past the deadline (see ``DEADLINE_S``): each
        is delivered as a null image (the "Image unavailable" card) with one log line, and
        its file is remembered so that no page turn asks for it again."""
        now = time.monotonic()
        for (key, generation), began in list(self._started.items()):
            path = self.path_of(key)
            if generation != self._generation.get(path, 0) or key not in self._pending:
                continue  # a stale decode: dropped when it arrives anyway
            limit = self.deadline if path.lower().endswith(".svg") else self.raster_deadline
            if now - began < limit:
                continue
            self._started.pop((key, generation), None)
            if self._timed_out.get(path) != generation:
                self._timed_out[path] = generation
                log.warning(
                    "artwork %s took more than %.1f s to decode or draw: not shown (the "
                    "placeholder is; it is not tried again until the file changes)",
                    path,
                    limit,
                )
            for other in [k for k in self._pending if self.path_of(k) == path]:
                self._pending.discard(other)
                job = self._job_of.pop(other, None)
                if job is not None:
                    job.cancel()  # not started yet: never will be
                    self._jobs.discard(job)  # ``wait`` no longer waits for it
                self._put(other, QImage())
                self.ready.emit(other)
        if not self._pending and not self._started:
            self._watchdog.stop()

    def _finished(self, key: str, image: QImage, generation: int = 0) -> None:
        path = self.path_of(key)
        if generation != self._generation.get(path, 0):
            return  # the file changed since this decode was asked for; a new one is asked for
        if self._timed_out.get(path) == generation:
            return  # it ran out of time: the placeholder stays (and nothing is pending)
        self._pending.discard(key)
        self._job_of.pop(key, None)
        self._put(key, image)
        self.ready.emit(key)

    def _put(self, key: str, image: QImage) -> None:
        """Cache ``image`` under ``key``, the oldest let go past the count or byte budget."""
        old = self._cache.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._cache[key] = image
        self._bytes += image.sizeInBytes()
        while len(self._cache) > 1 and (
            len(self._cache) > self.CAPACITY or self._bytes > self.BUDGET_BYTES
        ):
            _, old = self._cache.popitem(last=False)
            self._bytes -= old.sizeInBytes()

    def invalidate(self, paths: Iterable[Path | str]) -> set[str]:
        """Forget every decode of these files (they changed on disk): the next ``get`` decodes
        the file again, and a decode of the old file still under way is dropped when it
        arrives. Emits ``invalidated`` with the paths so that whatever drew them repaints.
        Returns the paths."""
        dropped = {str(p) for p in paths}
        if not dropped:
            return dropped
        for path in dropped:
            self._generation[path] = self._generation.get(path, 0) + 1
        for key in [k for k in self._cache if self.path_of(k) in dropped]:
            self._bytes -= self._cache.pop(key).sizeInBytes()
        self._pending = {k for k in self._pending if self.path_of(k) not in dropped}
        self._job_of = {k: j for k, j in self._job_of.items() if k in self._pending}
        self.invalidated.emit(dropped)
        return dropped

    def cached_bytes(self) -> int:
        return self._bytes

    def add_view(self, view: ArtworkView) -> None:
        self._views.add(view)

    def trim(self) -> None:
        """Forget the images that no artwork view still in existence shows (those of the
        poster pages let go), at the size it has now."""
        wanted = {view.key() for view in list(self._views) if isValid(view)}
        for key in [k for k in self._cache if k not in wanted]:
            self._bytes -= self._cache.pop(key).sizeInBytes()

    def busy(self) -> bool:
        return bool(self._pending)

    def cancel(self) -> None:
        """Drop the decodes not yet started (a decode under way finishes; its image is
        delivered only if the store still exists)."""
        _cancel_all(self._jobs)
        self._pending.clear()  # asked again later, they are decoded again
        self._job_of.clear()

    def wait(self, msecs: int = 10000) -> None:
        """Block until every requested image is decoded and delivered, and every decode asked
        for before an ``invalidate`` has arrived and been dropped (for shots and tests); at
        most ``msecs``, and a decode past its deadline is given up on meanwhile (it is not
        waited for), so ``kiosk shot`` and the self-test always finish."""
        deadline = QDeadlineTimer(msecs)
        waited = False
        while (self._pending or self._jobs) and not deadline.hasExpired():
            waited = True
            futures.wait(list(self._jobs), timeout=0.05)
            QCoreApplication.processEvents()
            self._check_deadlines()
        if waited:  # what the last jobs sent as they finished (a stale one leaves no pending)
            QCoreApplication.processEvents()


class ArtworkView(QWidget):
    """Paints one artwork, aspect kept, centred; a placeholder while loading or if missing."""

    def __init__(
        self,
        store: ImageStore,
        path: Path | None,
        label: str = "",
        colours: tuple[str, str] = ("#1e2a2f", "#b8c5cb"),
        parent: QWidget | None = None,
        missing: str = "Image unavailable",  # shown in its place: the caller translates it
        max_height: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._path = path
        self._aspect = aspect_of(path)
        # a frame the picture is fitted into, whatever its shape: a very tall picture takes
        # this height (narrower, centred) instead of pushing everything below it off screen
        self._max_height = max_height
        self._surface, self._muted = colours
        self._missing_text = missing
        self.setAccessibleName(label or "artwork")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        store.ready.connect(self._maybe_update)
        store.invalidated.connect(self._file_changed)
        store.add_view(self)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = max(1, round(width / self._aspect))
        return height if self._max_height is None else min(height, max(1, self._max_height))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, self.heightForWidth(400))

    def set_max_height(self, height: int | None) -> None:
        """The frame's height changed (the view was resized): lay out again."""
        if height != self._max_height:
            self._max_height = height
            self.updateGeometry()

    def _target(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))

    def key(self) -> str | None:
        """The store's key of the image this view shows now (None: no file)."""
        return ImageStore.key(self._path, self._target()) if self._path is not None else None

    def _maybe_update(self, key: str) -> None:
        if self._path is not None and key == self.key():
            self.update()

    def _file_changed(self, paths: set[str]) -> None:
        """The file shown here changed on disk: its shape may have too; repaint (which asks
        the store for the new decode)."""
        if self._path is not None and str(self._path) in paths:
            self._aspect = aspect_of(self._path)
            self.updateGeometry()
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._path is not None and self.width() > 1 and self.height() > 1:
            self._store.get(self._path, self._target())  # start decoding before it is seen

    def is_ready(self) -> bool:
        return self._path is None or self._store.get(self._path, self._target()) is not None

    def state(self) -> str:
        """ "image" (drawn), "loading" (the card, a decode is on its way) or "unavailable" (the
        card with "Image unavailable": no file, or one that cannot or must not be shown)."""
        if self._path is None:
            return "unavailable"
        image = self._store.get(self._path, self._target())
        if image is None:
            return "loading"
        return "unavailable" if image.isNull() else "image"

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        image = self._store.get(self._path, self._target()) if self._path else None
        if image is not None and not image.isNull():
            ratio = self.devicePixelRatioF()
            w, h = image.width() / ratio, image.height() / ratio
            target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
            painter.drawImage(target, image)
            return
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        path = QPainterPath()
        radius = min(rect.width(), rect.height()) * 0.04
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, QColor(self._surface))
        if self._path is None or (image is not None and image.isNull()):
            painter.setPen(QPen(QColor(self._muted)))
            font = painter.font()
            font.setPixelSize(max(12, round(self.height() * 0.07)))
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._missing_text)
