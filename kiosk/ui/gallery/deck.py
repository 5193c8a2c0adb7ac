"""The poster screen's body: the current poster, swipes and slides between posters, and zoom.

At rest the current poster is a live scroll area (kinetic, no visible scroll bar, a cue when
there is more below). While a finger drags sideways, or a key changes the poster, one opaque
layer draws pre-rendered pixmaps of the two posters at an animated offset: the cheapest way to
move a full screen at display rate (PITFALLS.md §6). Only the current poster and its neighbours
are ever built.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Collection
from functools import partial

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)
from shiboken6 import isValid

from kiosk.core.swipe import swipe_offset, swipe_outcome
from kiosk.ui import memory
from kiosk.ui.context import Ctx
from kiosk.ui.gallery.poster import CUE_SPACE, PosterPage, is_wide
from kiosk.ui.gallery.rest_picture import RestPicture
from kiosk.ui.touch import GestureFilter, mm_to_px, own_viewport
from kiosk.ui.widgets import icon_pixmap, nav_button

log = logging.getLogger(__name__)


class MoreCue(QWidget):
    """A fade and a chevron at the bottom edge while the poster goes on below the screen."""

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(ctx.tr("More below: scroll down"))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        bg = QColor(self._ctx.palette.background)
        gradient = QLinearGradient(0, 0, 0, self.height())
        clear = QColor(bg)
        clear.setAlpha(0)
        gradient.setColorAt(0, clear)
        gradient.setColorAt(0.7, bg)
        gradient.setColorAt(1, bg)
        p.fillRect(self.rect(), gradient)
        side = self._ctx.scale.px("h2")
        pix = icon_pixmap("next", self._ctx.palette.accent_text, side, self.devicePixelRatioF())
        p.translate(self.width() / 2, self.height() - side * 0.8)
        p.rotate(90)
        p.drawPixmap(QPointF(-side / 2, -side / 2), pix)


class PosterView(QScrollArea):
    """One poster in a kinetic scroll area."""

    def __init__(self, ctx: Ctx, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index = index
        self.poster = ctx.gallery.posters[index]
        own_viewport(self)
        self.setObjectName("posterScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gestures = GestureFilter(self, horizontal=True)
        props = self.gestures.scroller.scrollerProperties()
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.4)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootScrollDistanceFactor, 0.1)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.DecelerationFactor, 0.2)
        self.gestures.scroller.setScrollerProperties(props)
        self._page: PosterPage | None = None
        # (its width and height, the page): make_page
        self._spare: tuple[tuple[int, int], PosterPage] | None = None
        self._built_wide: bool | None = None
        self.cue = MoreCue(ctx, self)
        self.verticalScrollBar().valueChanged.connect(self._update_cue)
        self.verticalScrollBar().rangeChanged.connect(self._update_cue)

    @property
    def side_margin(self) -> int:
        return self.ctx.scale.touch + self.ctx.scale.space(5)

    def make_page(self, size: QSize) -> None:
        """The page made for ``size`` but not yet placed in the view (placing it, the style's
        pass over its widgets, is about as long again): the deck's preparation does the two
        in separate steps. ``ensure_page`` places it."""
        if self._page is None and self._spare is None:
            page = PosterPage(self.ctx, self.poster, size.width(), self.side_margin, size.height())
            self._spare = ((size.width(), size.height()), page)

    def lay_out(self) -> None:
        """Lay the page out at the view's size while hidden (as showing it would: the pending
        resize, the layouts), so showing it later does not. Rendering does that for a hidden
        widget; one pixel of it is rendered."""
        self.render(QPixmap(1, 1), QPoint(), QRegion(0, 0, 1, 1))

    def placed(self) -> bool:
        """Its page is built and placed in it (showing it builds nothing)."""
        return self._page is not None

    def drop_spare(self) -> None:
        """A page made but not placed, let go (new content: it would show the old)."""
        if self._spare is not None:
            self._spare[1].deleteLater()
            self._spare = None

    def ensure_page(self, size: QSize | None = None) -> PosterPage:
        """Build (or rebuild, when the width class changes) the page for the view's size."""
        size = size or self.size()
        wide = is_wide(self.ctx, size.width())
        if self._page is None or wide != self._built_wide:
            spare, self._spare = self._spare, None
            if spare is not None and spare[0] == (size.width(), size.height()):
                self._page = spare[1]
            else:
                if spare is not None:
                    spare[1].deleteLater()
                self._page = PosterPage(
                    self.ctx, self.poster, size.width(), self.side_margin, size.height()
                )
            self._built_wide = wide
            self.setWidget(self._page)
            if self._page.quotes_button is not None:
                self._page.quotes_button.clicked.connect(self.show_quotes)
        else:
            self._page.fit_to(size.height())
        return self._page

    def show_quotes(self) -> None:
        """Scroll to the poster's quotes (the header's "In their words" button)."""
        page = self._page
        if page is None or page.quotes_heading is None:
            return
        margin = self.ctx.scale.space(3)
        target = page.quotes_heading.mapTo(page, page.quotes_heading.rect().topLeft()).y()
        bar = self.verticalScrollBar()
        y = max(0, min(bar.maximum(), target - margin))
        self.gestures.scroller.scrollTo(QPointF(0, y), 400)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        if not isValid(self):
            # The window is being torn down (its Python wrapper went first, as when the garbage
            # collector deletes a closed window) and Qt still lays out what is left: nothing to
            # build. Seen once in a loaded full test run as "PosterView already deleted".
            return
        self.ensure_page(self.size())
        super().resizeEvent(event)
        h = self.ctx.scale.space(CUE_SPACE)
        self.cue.setGeometry(0, self.height() - h, self.width(), h)
        self._update_cue()

    def _update_cue(self, *_args: object) -> None:
        bar = self.verticalScrollBar()
        self.cue.setVisible(bar.maximum() > 0 and bar.value() < bar.maximum() - 4)

    def scroll_by(self, pages: float) -> None:
        bar = self.verticalScrollBar()
        target = bar.value() + round(pages * self.viewport().height() * 0.8)
        self.gestures.scroller.scrollTo(QPointF(0, max(0, min(bar.maximum(), target))), 250)

    def to_top(self) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)

    def scroll_fraction(self) -> float:
        """How far down the poster the visitor has read, 0 (top) to 1 (end)."""
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def scroll_to_fraction(self, fraction: float) -> None:
        """The same place in a page built again (a larger text size makes it longer): now if
        the page is laid out, else as soon as its scroll range is known."""
        bar = self.verticalScrollBar()
        if bar.maximum() > 0:
            bar.setValue(round(fraction * bar.maximum()))
            return

        def restore(_low: int, high: int) -> None:
            if high > 0:
                bar.rangeChanged.disconnect(restore)
                bar.setValue(round(fraction * high))

        bar.rangeChanged.connect(restore)

    def snapshot(self, ratio: float = 0.0) -> QPixmap:
        """The view as it looks now, as a pixmap (``ratio``: device pixel ratio, 0 = screen's)."""
        ratio = ratio or self.devicePixelRatioF()
        pix = QPixmap(QSize(round(self.width() * ratio), round(self.height() * ratio)))
        pix.setDevicePixelRatio(ratio)
        pix.fill(QColor(self.ctx.palette.background))
        self.render(pix)
        return pix


def picture_of(widget: QWidget) -> QPixmap:
    """A poster view as a slide shows it (its background under it), any other widget grabbed."""
    return widget.snapshot() if isinstance(widget, PosterView) else widget.grab()


class SlideLayer(QWidget):
    """Draws two posters side by side at an offset, during a swipe or a slide."""

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.current: QPixmap | None = None
        self.before: QPixmap | None = None
        self.after: QPixmap | None = None
        self.offset = 0.0
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        w = self.width()
        x = round(self.offset)
        shown = [
            (pos, pix)
            for pos, pix in (
                (x, self.current),
                (x + w, self.after if x < 0 else None),
                (x - w, self.before if x > 0 else None),
            )
            if pix is not None
        ]
        # the pixmaps are opaque: fill only what none of them covers (at 4K a full-screen
        # fill is a third of a frame's cost)
        bare = QRegion(self.rect())
        for pos, pix in shown:
            ratio = pix.devicePixelRatio() or 1.0
            bare -= QRegion(QRect(pos, 0, round(pix.width() / ratio), round(pix.height() / ratio)))
        if not bare.isEmpty():
            p.setClipRegion(bare)
            p.fillRect(self.rect(), QColor(self._ctx.palette.background))
            p.setClipping(False)
        for pos, pix in shown:
            p.drawPixmap(pos, 0, pix)


class ZoomLayer(QWidget):
    """A close look at the poster: pinch or double-tap to zoom, drag to pan, double-tap to fit."""

    closed = Signal()
    MAX = 3.0

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.pixmap: QPixmap | None = None
        self.zoom = 1.0
        self.centre = QPointF()  # the point of the poster at the middle of the screen
        self._base = 1.0
        self._last: QPointF | None = None
        self._last_tap = 0.0
        self.reset_button = nav_button(
            ctx.tr("Fit"),
            "zoom-reset",
            ctx.palette.text,
            ctx.scale.touch,
            ctx.tr("Back to the whole poster"),
            parent=self,
        )
        self.reset_button.clicked.connect(self.close_zoom)
        self.setAccessibleName(ctx.tr("Zoomed poster"))
        self.hide()

    def open_at(self, pixmap: QPixmap, point: QPointF, zoom: float = 2.0) -> None:
        # the layer takes the deck's size first: the centre is kept inside the picture by that
        # size, and a layer never shown before still had Qt's default 640×480 (the first zoom
        # of a scrolled poster showed a corner of it, pushed to the bottom right)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.pixmap = pixmap
        self.zoom = max(1.0, min(self.MAX, zoom))
        self.centre = QPointF(point)
        self._clamp()
        m = self._ctx.scale.space(3)
        hint = self.reset_button.sizeHint()
        self.reset_button.setGeometry(
            self.width() - hint.width() - m, m, hint.width(), hint.height()
        )
        self.show()
        self.raise_()
        self.update()
        if self._ctx.usage is not None:
            self._ctx.usage.note("zoom")

    def close_zoom(self) -> None:
        if self.isVisible():
            self.hide()
            self.pixmap = None
            self.closed.emit()

    def set_zoom(self, zoom: float, focus: QPointF | None = None) -> None:
        self.zoom = max(1.0, min(self.MAX, zoom))
        self._clamp()
        self.update()

    def pinch_begin(self) -> None:
        self._base = self.zoom

    def pinch(self, scale: float) -> None:
        self.set_zoom(self._base * scale)

    def pan(self, dx: float, dy: float) -> None:
        # a new point, not -=: that changes in place a QPointF someone may hold
        self.centre = self.centre - QPointF(dx / self.zoom, dy / self.zoom)
        self._clamp()
        self.update()

    def _clamp(self) -> None:
        w, h = self.width() or 1, self.height() or 1
        half_w, half_h = w / (2 * self.zoom), h / (2 * self.zoom)
        x = min(max(self.centre.x(), half_w), w - half_w)
        y = min(max(self.centre.y(), half_h), h - half_h)
        self.centre = QPointF(x, y)

    def source_rect(self) -> QRectF:
        w, h = self.width() / self.zoom, self.height() / self.zoom
        return QRectF(self.centre.x() - w / 2, self.centre.y() - h / 2, w, h)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(self._ctx.palette.background))
        if self.pixmap is None:
            return
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        src = self.source_rect()
        ratio = self.pixmap.devicePixelRatio()
        device = QRectF(src.x() * ratio, src.y() * ratio, src.width() * ratio, src.height() * ratio)
        p.drawPixmap(QRectF(self.rect()), self.pixmap, device)

    # one finger (or the mouse) pans; a double tap fits again
    def mousePressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        from time import monotonic

        now = monotonic()
        if now - self._last_tap < 0.35:
            self._last_tap = 0.0
            self.close_zoom()
            return
        self._last_tap = now
        self._last = event.globalPosition()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if self._last is not None:
            d = event.globalPosition() - self._last
            self._last = event.globalPosition()
            self.pan(d.x(), d.y())

    def mouseReleaseEvent(self, _event) -> None:  # noqa: N802, ANN001 - Qt override
        self._last = None

    def event(self, event) -> bool:  # noqa: ANN001
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if len(points) >= 2:
                a, b = points[0], points[1]
                d0 = (a.pressPosition() - b.pressPosition()).manhattanLength()
                d1 = (a.position() - b.position()).manhattanLength()
                if event.type() == QEvent.Type.TouchBegin or self._base <= 0:
                    self.pinch_begin()
                if d0 > 0:
                    self.set_zoom(self._base * d1 / d0)
                if event.type() == QEvent.Type.TouchEnd:
                    self.pinch_begin()
                event.accept()
                return True
            # one finger: let Qt synthesise mouse events (pan, double tap)
            return False
        return super().event(event)


class PosterDeck(QWidget):
    """Holds the poster views, runs swipes and slides, and owns the zoom layer."""

    swipe_requested = Signal(int)  # a swipe or an edge arrow asks for the poster -1 or +1 away
    activity = Signal()

    SLIDE_MS = 320
    FRAME_MS = 16  # a frame at 60 Hz
    CACHE = 3  # poster pages kept built: the current one and its neighbours
    PREPARE_DELAY_MS = 60  # after a move with no frame to wait for (hidden, or a reload)

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("posterView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._views: OrderedDict[int, PosterView] = OrderedDict()
        self._snapshots: dict[int, QPixmap] = {}
        self.index = -1
        self.slide = SlideLayer(ctx, self)
        self.zoom = ZoomLayer(ctx, self)
        self._anim = QVariantAnimation(self)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._on_anim)
        self._anim.finished.connect(self._on_anim_done)
        self._target_step = 0
        self._released = False  # a swipe was let go and waits for navigation's answer
        side = ctx.scale.touch
        self.prev_button = nav_button(
            "",
            "previous",
            ctx.palette.text,
            side,
            ctx.tr("Previous poster"),
            role="edge",
            parent=self,
        )
        self.next_button = nav_button(
            "", "next", ctx.palette.text, side, ctx.tr("Next poster"), role="edge", parent=self
        )
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        for arrow in (self.prev_button, self.next_button):
            arrow.installEventFilter(self)  # the wheel over an arrow scrolls the poster
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(self.PREPARE_DELAY_MS)
        self._prepare_timer.timeout.connect(self._prepare_neighbours)
        # the preparation's steps, one per turn of the event loop (see _prepare_neighbours)
        self._steps: list[Callable[[], object]] = []
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._next_step)
        self._heading = 1  # the way the last move went: that neighbour is prepared first
        # after a move the preparation starts as soon as the new poster's frame is painted
        # (a fixed delay either left the next tap to meet the preparation, or came first)
        self._awaited: QWidget | None = None  # the window whose next repaint starts it
        self._after_frame = QTimer(self)
        self._after_frame.setSingleShot(True)
        self._after_frame.setInterval(0)
        self._after_frame.timeout.connect(self._prepare_neighbours)
        ctx.images.ready.connect(self._images_arrived)
        # the poster on show, pictured at rest: a key's slide starts from it (rest_picture.py)
        self.rest = RestPicture(self, picture_of, self._resting_view)

    # --- views --------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.ctx.gallery.posters)

    def view(self, index: int, placed: bool = True) -> PosterView:
        """The view of poster ``index``, built on first use and kept for a few posters.
        ``placed=False``: its page made but not yet placed in it (a step of the preparation;
        the next call with ``placed`` places it)."""
        if index in self._views:
            self._views.move_to_end(index)
            view = self._views[index]
            if placed:
                view.ensure_page(self.size())
            return view
        view = PosterView(self.ctx, index, self)
        view.hide()
        view.setGeometry(self.rect())
        if placed:
            view.ensure_page(self.size())
        else:
            view.make_page(self.size())
        view.gestures.swipe_started.connect(self._swipe_started)
        view.gestures.swipe_moved.connect(self._swipe_moved)
        view.gestures.swipe_finished.connect(self._swipe_finished)
        view.gestures.swipe_cancelled.connect(self._swipe_cancelled)
        view.gestures.double_tapped.connect(self._double_tap)
        view.gestures.pinch_changed.connect(self._pinch)
        view.gestures.activity.connect(self.activity)
        self._views[index] = view
        while len(self._views) > self.CACHE:
            old_index, old = next(iter(self._views.items()))
            if old_index == self.index:
                self._views.move_to_end(old_index)
                continue
            del self._views[old_index]
            self._snapshots.pop(old_index, None)
            old.deleteLater()
        self._raise_overlays()
        return view

    def _resting_view(self) -> PosterView | None:
        """The poster on show when nothing moves over it (no slide, no zoom)."""
        if not self.isVisible() or self.slide.isVisible() or self.zoom.isVisible():
            return None
        return self.current()

    def _picture_of(self, view: PosterView) -> QPixmap:
        """``view`` as on screen: its picture taken at rest, else rendered now."""
        return self.rest.get(view) or view.snapshot()

    def built(self) -> list[int]:
        return list(self._views)

    def prepare(self, index: int) -> None:
        """Poster ``index`` may be shown next (a finger is down on its card): its page is
        made and placed in its view now, so the tap's release costs only showing it. Two
        steps, each in a turn of the event loop of its own (~35 and ~30 ms on a modest
        machine): a move of the finger meanwhile waits for one of them, not both."""

        def make() -> None:
            if 0 <= index < self.count and not self.view(index, False).placed():
                QTimer.singleShot(0, self, place)

        def place() -> None:
            if 0 <= index < self.count:
                self.view(index).lay_out()

        view = self._views.get(index)
        if 0 <= index < self.count and (view is None or not view.placed()):
            QTimer.singleShot(0, self, make)

    def current(self) -> PosterView | None:
        return self._views.get(self.index)

    def show_index(self, index: int, animate: bool = True) -> None:
        """Show poster ``index`` (navigation decided it); slide to it when it is a neighbour and
        motion is allowed. A swipe that was let go on its way to this poster finishes from
        where the finger left it."""
        if not 0 <= index < self.count:
            return
        step = index - self.index
        released, self._released = self._released, False
        if released and abs(step) == 1 and self.slide.isVisible():
            self._run(self.slide.offset, -step * self.width(), step)
            return
        if self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
            self._finish_slide()
        elif self.slide.isVisible():  # a finger still dragging: the screen changes under it
            self._drop_slide()
        self.zoom.close_zoom()
        shown = self.current()
        if index == self.index and shown is not None:
            shown.show()
            return
        step = index - self.index
        previous = self.current()
        if (
            animate
            and previous is not None
            and abs(step) == 1
            and not self.ctx.reduced_motion
            and self.isVisible()
        ):
            # a slide needs the target's pixmap, not the other neighbour's: let that one go
            # first, so a slide holds two full-screen pixmaps, not three (33 MB each at 4K)
            self._snapshots.pop(self.index - step, None)
            pix = self._snapshot(index)
            self.slide.current = self._picture_of(previous)
            self.slide.after, self.slide.before = (pix, None) if step > 0 else (None, pix)
            self.slide.offset = 0.0
            self._begin_slide_layer()
            self._run(0.0, -step * self.width(), step)
            return
        self._switch_to(index)

    def _switch_to(self, index: int) -> None:
        for i, v in self._views.items():
            if i != index:
                v.hide()
        if index != self.index and self.index >= 0:
            self._heading = 1 if index > self.index else -1
        self.index = index
        self._steps.clear()  # the preparation for the poster before is moot
        # a snapshot is a full-screen pixmap (8 MB at 1080p, 33 MB at 4K): keep the neighbours'
        for i in [i for i in self._snapshots if abs(i - index) != 1]:
            del self._snapshots[i]
        view = self.view(index)
        view.setGeometry(self.rect())
        view.to_top()
        view.show()
        self._update_edges()
        self._raise_overlays()
        self._prepare_timer.start()  # (should no frame come)
        self._await_frame()

    def _await_frame(self) -> None:
        """The window's next repaint (its update request: every widget the move changed is
        painted then) starts the preparation, once it is done."""
        if self._awaited is not None and isValid(self._awaited):
            self._awaited.removeEventFilter(self)
        self._awaited = self.window()
        self._awaited.installEventFilter(self)

    def _snapshot(self, index: int) -> QPixmap:
        pix = self._snapshots.get(index)
        if pix is None or pix.size() != self.size() * pix.devicePixelRatio():
            view = self.view(index)
            view.setGeometry(self.rect())
            view.to_top()
            pix = view.snapshot()
            self._snapshots[index] = pix
        return pix

    def _prepare_neighbours(self) -> None:
        """Build and pre-render the posters either side, in idle time, ahead of a swipe: not
        during a slide or a swipe (their end starts this again).

        In steps, one per turn of the event loop: making a page (~35 ms at 1080p on a modest
        machine), placing it in its view (the style's pass, ~30 ms) or rendering its picture
        (~20 ms) at a time, the poster the last move was heading to first. A tap, a key or a
        phone's message that arrives meanwhile waits for one step, not for the whole
        preparation (both neighbours built and rendered, and rendered again when their
        pictures arrive, was 100-230 ms: a phone's taps back to back waited that long). A move
        in between drops the steps left (``_switch_to``)."""
        self._prepare_timer.stop()
        self._after_frame.stop()
        self.ctx.images.trim()  # the artwork of the pages let go
        self._steps.clear()
        if not self.slide.isVisible() and self.isVisible():  # (hidden: when shown again)
            ahead, behind = self.index + self._heading, self.index - self._heading
            near = [i for i in (ahead, behind) if 0 <= i < self.count]
            # the poster ahead wholly first (made, placed, pictured): the next key or tap
            # that way, back to back, finds its slide ready sooner (built: no cost)
            for i in near:
                self._steps += [
                    partial(self.view, i, False),
                    partial(self.view, i),
                    partial(self._snapshot, i),
                ]
        # the pixmaps and pages dropped since the last navigation
        self._steps.append(memory.release)
        self._step_timer.start()

    def _next_step(self) -> None:
        if not self._steps:
            return
        if self.slide.isVisible() or not self.isVisible():
            self._steps.clear()  # (the slide's end or the next show starts it again)
            memory.release()
            return
        self._steps.pop(0)()
        if self._steps:
            self._step_timer.start()

    def _images_arrived(self, _key: str) -> None:
        self._snapshots.clear()  # an image now shows where a placeholder was
        if self.index >= 0 and self.isVisible():
            self._prepare_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The window's repaint after a move starts the preparation of the neighbours. The
        edge arrows sit over the poster: the mouse wheel over one scrolls the poster beneath
        it, as it does everywhere else on the poster."""
        if watched is self._awaited and event.type() == QEvent.Type.UpdateRequest:
            # the frame that shows the move is about to be painted: prepare once it is done
            # (a zero-delay timer fires in a later turn of the event loop than this one)
            watched.removeEventFilter(self)
            self._awaited = None
            self._prepare_timer.stop()
            self._after_frame.start()
            return False
        view = self.current()
        if event.type() == QEvent.Type.Wheel and view is not None and not self.zoom.isVisible():
            QApplication.sendEvent(view.viewport(), event)
            return True
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.index >= 0:
            self._prepare_timer.start()  # what was let go or arrived while hidden
        self.rest.watch(self.window())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.rest.unwatch()  # (the home's carousel and attract loop paint: not watched)
        # the neighbours' pictures too (8 MB each at 1080p, 33 MB at 4K): while the visitor is
        # on another screen, or the kiosk rests in its attract loop, nothing slides; showing
        # the deck again prepares them (showEvent)
        self._snapshots.clear()
        # hidden mid-move (Home or an idle reset while a finger drags, or during a slide): the
        # move ends now. A swipe held here kept its three full-screen pictures for good: its
        # release found the layer hidden and ignored it (the soak: 25 MB more at home, 1080p)
        if self.slide.isVisibleTo(self):
            self._end_slide(seen=False)

    def _update_edges(self) -> None:
        self.prev_button.setVisible(self.index > 0)
        self.next_button.setVisible(self.index < self.count - 1)

    def _raise_overlays(self) -> None:
        self.prev_button.raise_()
        self.next_button.raise_()
        self.slide.raise_()
        self.zoom.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        if not isValid(self):
            return  # being torn down: see PosterView.resizeEvent
        super().resizeEvent(event)
        for view in self._views.values():
            view.setGeometry(self.rect())
        self._snapshots.clear()
        self.slide.setGeometry(self.rect())
        hint = self.next_button.sizeHint()
        side = max(self.ctx.scale.touch, hint.width(), hint.height())
        m = self.ctx.scale.space(2)
        y = (self.height() - side) // 2
        if self.ctx.reach:  # the visitor's reach mode: low, just above the bar at the bottom
            y = self.height() - side - 2 * m
        self.prev_button.setGeometry(QRect(m, y, side, side))
        self.next_button.setGeometry(QRect(self.width() - side - m, y, side, side))
        if self.zoom.isVisible():
            self.zoom.close_zoom()

    # --- moving between posters -----------------------------------------------------------------
    def step(self, direction: int) -> None:
        """Edge arrows: ask navigation for the next or previous poster."""
        self.swipe_requested.emit(direction)

    def _begin_slide_layer(self) -> None:
        self.slide.setGeometry(self.rect())
        self.slide.show()
        self.slide.raise_()
        self.slide.update()

    def _swipe_started(self) -> None:
        view = self.current()
        if view is None:
            return
        self.activity.emit()
        self.slide.current = self._picture_of(view)
        self.slide.before = self._snapshot(self.index - 1) if self.index > 0 else None
        self.slide.after = self._snapshot(self.index + 1) if self.index < self.count - 1 else None
        self.slide.offset = 0.0
        self._begin_slide_layer()

    def _swipe_moved(self, dx: float) -> None:
        if not self.slide.isVisible():
            return
        self.slide.offset = swipe_offset(dx, self.index > 0, self.index < self.count - 1)
        self.slide.update()

    def _swipe_finished(self, dx: float, velocity: float) -> None:
        if not self.slide.isVisible():
            return
        fling = mm_to_px(self, 60) * 4  # about 24 cm/s
        step = swipe_outcome(
            dx, velocity, self.width(), self.index > 0, self.index < self.count - 1, fling
        )
        if step:
            # navigation decides; when it grants the move, show_index continues this slide
            self._released = True
            self.swipe_requested.emit(step)
            self._released = False
        if self.slide.isVisible() and self._anim.state() != QVariantAnimation.State.Running:
            self._run(self.slide.offset, 0.0, 0)  # refused, or not far enough: back in place

    def _swipe_cancelled(self) -> None:
        if self.slide.isVisible():
            self._run(self.slide.offset, 0.0, 0)

    def _run(self, start: float, end: float, step: int) -> None:
        self._target_step = step
        distance = abs(end - start)
        duration = (
            0
            if self.ctx.reduced_motion
            else max(120, round(self.SLIDE_MS * distance / max(1, self.width())))
        )
        if duration == 0 or distance < 1:
            self.slide.offset = end
            self._on_anim_done()
            return
        self._anim.stop()
        self._anim.setStartValue(float(start))
        self._anim.setEndValue(float(end))
        self._anim.setDuration(duration)
        self._anim.start()
        # the first frame already shows the move one frame on (at the start value it would
        # look like the screen at rest: the answer to the key or the lift a frame later)
        self._anim.setCurrentTime(min(self.FRAME_MS, duration))

    def _on_anim(self, value: float) -> None:
        self.slide.offset = float(value)
        self.slide.update()

    def _on_anim_done(self) -> None:
        self._finish_slide()

    def _finish_slide(self, seen: bool = True) -> None:
        """The move over: on the poster it was heading to. ``seen`` False (the deck hidden):
        no preparation and no activity told (nobody touched anything)."""
        step, self._target_step = self._target_step, 0
        self._drop_slide()
        if step:
            self._switch_to(self.index + step)
        if seen:
            self._prepare_timer.start()
            self.activity.emit()

    def _drop_slide(self) -> None:
        self.slide.hide()
        self.slide.current = self.slide.before = self.slide.after = None

    def is_animating(self) -> bool:
        return self.slide.isVisible()

    def preparing(self) -> bool:
        """The neighbours' preparation is under way or about to start (steps left, or its
        timers running): a move now may wait for a page or picture not yet made."""
        return bool(self._steps) or self._prepare_timer.isActive() or self._after_frame.isActive()

    # --- zoom -----------------------------------------------------------------------------------
    def _zoom_pixmap(self) -> QPixmap | None:
        view = self.current()
        return view.snapshot(max(2.0, view.devicePixelRatioF() * 2)) if view else None

    def _double_tap(self, pos: QPointF) -> None:
        pix = self._zoom_pixmap()
        if pix is not None:
            self.zoom.open_at(pix, pos, 2.0)

    def _pinch(self, scale: float, centre: QPointF) -> None:
        if not self.zoom.isVisible():
            if scale <= 1.05:
                return
            pix = self._zoom_pixmap()
            if pix is None:
                return
            self.zoom.open_at(pix, centre, 1.0)
            self.zoom.pinch_begin()
        self.zoom.pinch(scale)

    def zoom_in(self) -> None:
        if self.zoom.isVisible():
            self.zoom.set_zoom(self.zoom.zoom + 0.5)
            return
        pix = self._zoom_pixmap()
        if pix is not None:
            self.zoom.open_at(pix, QPointF(self.width() / 2, self.height() / 2), 1.5)

    def zoom_out(self) -> None:
        if self.zoom.isVisible():
            if self.zoom.zoom <= 1.5:
                self.zoom.close_zoom()
            else:
                self.zoom.set_zoom(self.zoom.zoom - 0.5)

    # --- live reload ----------------------------------------------------------------------------
    def rebuild(self, ctx: Ctx, indexes: Collection[int]) -> None:
        """New content for the posters at ``indexes`` (live reload); the other posters did not
        change and keep their views, moved onto ``ctx``. The poster on show is rebuilt in place
        and keeps its scroll position; the other changed posters' views and pre-rendered
        slides are let go, to be built from the new content when they are next needed."""
        self.ctx = ctx
        changed = set(indexes)
        if self.slide.isVisible():
            self._end_slide()
        for i, view in self._views.items():
            if i not in changed:
                view.ctx = ctx
                view.poster = ctx.gallery.posters[i]
                view.drop_spare()
        for i in changed:
            self._snapshots.pop(i, None)
        for i in [i for i in self._views if i in changed]:
            old = self._views.pop(i)
            if i == self.index:
                self.zoom.close_zoom()  # it shows a picture of the old page
                self._replace_current(old)
            old.hide()
            old.deleteLater()
        self._update_edges()
        self._raise_overlays()
        self._prepare_timer.start()

    def _replace_current(self, old: PosterView) -> None:
        """Build the poster on show again, where the visitor had scrolled it to. The scroll
        range is known once the new page is laid out at the view's size: right away when the
        deck is on screen, at the next show when it is not (a hidden widget gets its size
        when shown)."""
        position = old.verticalScrollBar().value()
        view = self.view(self.index)
        view.setGeometry(self.rect())
        view.show()
        bar = view.verticalScrollBar()
        bar.setValue(position)
        if view.isVisible() or bar.value() == position:
            return  # (on screen, a shorter new page ends where it ends)

        def restore(_low: int, _high: int) -> None:
            bar.rangeChanged.disconnect(restore)
            bar.setValue(position)

        bar.rangeChanged.connect(restore)

    def _end_slide(self, seen: bool = True) -> None:
        """A slide or swipe under way ends now (its pages are about to change, or the deck is
        hidden): a slide that navigation started lands where it was going; a finger still
        dragging is let go (the poster under it springs back, the swipe is over)."""
        if self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
        else:
            self._target_step = 0
            self._swiped = False
        self._finish_slide(seen)
