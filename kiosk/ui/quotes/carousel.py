"""The quote carousel: one quote large, who said it (full screen: its source note too), dots,
a pause button and a progress line.

It advances by itself after a dwell time that grows with the quote's length, cross-fades (or
just changes, with reduced motion), pauses on a tap or the pause button (WCAG 2.2.2), holds still
while a finger rests on it, and goes to the next or previous quote on a sideways swipe. Its one
timer runs only while it is visible and moving, and rests while the carousel is out of sight
(below the fold of a poster, or under the attract loop) until it is painted again.

Resting costs little. Each quote is drawn once into a pixmap: large text drawn with an opacity is
slow in Qt's raster engine and wakes its fill threads hundreds of times a frame, so a cross-fade
only blends two pixmaps, at 25 frames a second. The progress line is a small opaque widget of
its own, redrawn at most 5 times a second and only when its end has moved by a whole device
pixel: nothing else is painted while a quote just sits there.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.languages import is_translation
from kiosk.content.model import Quote
from kiosk.core.clock import Clock
from kiosk.core.rotation import Rotation
from kiosk.theme import FONT_FAMILY
from kiosk.ui.context import Ctx
from kiosk.ui.speech import Passage, ReadAloudButton
from kiosk.ui.widgets import nav_button, text_direction

WRAP = int(Qt.TextFlag.TextWordWrap)


def attribution(ctx: Ctx, quote: Quote) -> str:
    return ", ".join(
        x for x in (ctx.t(quote.role), ctx.t(quote.organisation), ctx.t(quote.city)) if x
    )


def source_note(ctx: Ctx, quote: Quote) -> str:
    """The quote's ``source`` (where it comes from, and any note on it), as the screen shows it."""
    note = ctx.t(quote.source)
    return ctx.tr("Source: {source}").format(source=note) if note else ""


def translation_note(ctx: Ctx, quote: Quote) -> str:
    """ "Translation" under a quote shown in another language than it was said in; "" else
    (the decision: ``kiosk.content.languages.is_translation``, from the quote's or the
    gallery's ``written_in``)."""
    shown = is_translation(ctx.gallery, quote, ctx.lang or ctx.gallery.default_language)
    return ctx.tr("Translation") if shown else ""


class ProgressLine(QWidget):
    """The strip at the foot of the canvas that fills up until the next quote.

    Opaque (it paints the quote panel's background itself), so that redrawing it repaints no
    other widget; redrawn only when its filled end moves by a whole device pixel."""

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.progress = 0.0
        self._drawn = -1  # the filled width, in device pixels, on screen
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def _filled(self, progress: float) -> int:
        return round(self.width() * self.devicePixelRatioF() * progress)

    def set_progress(self, progress: float) -> None:
        self.progress = progress
        if self._filled(progress) != self._drawn:
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        pal = self.ctx.palette
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(pal.surface))  # the panel: theme.py, QFrame[panel="quote"]
        track = QColor(pal.text)
        track.setAlpha(40)
        p.fillRect(self.rect(), track)
        self._drawn = self._filled(self.progress)
        filled = self._drawn / self.devicePixelRatioF()
        p.fillRect(QRectF(0, 0, filled, self.height()), QColor(pal.accent))


class QuoteCanvas(QWidget):
    """Paints the current quote (and the previous one fading out), sized to fit, with the
    progress line at its foot."""

    def __init__(
        self,
        ctx: Ctx,
        quotes: tuple[Quote, ...],
        min_px: int,
        max_px: int,
        parent: QWidget | None = None,
        attribution_scale: float = 0.0,
        side_space: float = 3,
        show_source: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.side_space = side_space  # the margin left and right, in the type scale's spaces
        # the quote's source note, small, under the attribution (the full-screen quotes only)
        self.show_source = show_source
        # 0: the type scale's label and small sizes; else a fraction of the quote's size
        self.attribution_scale = attribution_scale
        self.quotes = quotes
        self.min_px, self.max_px = min_px, max_px
        self.index = 0
        self.previous: int | None = None
        self.fade = 1.0  # 0: previous quote only, 1: current quote only
        self.highlight: tuple[int, int] | None = None  # the sentence read aloud (current quote)
        self._fit_cache: dict[tuple[int, int, int], int] = {}
        self._heights: dict[tuple[int, int, int], float] = {}  # quote, px, width: text height
        self._height_for: dict[int, int] = {}  # width: heightForWidth (layouts ask it again)
        self._pixmaps: dict[int, QPixmap] = {}  # the current and the previous quote, drawn
        self.line = ProgressLine(ctx, self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    # --- measuring ----------------------------------------------------------------------------
    def _font(self, px: int, italic: bool = False, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPixelSize(px)
        font.setItalic(italic)
        font.setBold(bold)
        return font

    @property
    def pad(self) -> int:
        return self.ctx.scale.space(3)

    @property
    def side(self) -> int:
        return self.ctx.scale.space(self.side_space)

    @property
    def bar(self) -> int:
        return max(3, self.ctx.scale.space(0.6))

    def text_of(self, i: int) -> str:
        return f"“{self.ctx.t(self.quotes[i].text)}”"

    def _height(self, text: str, font: QFont, width: float) -> float:
        rect = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e7), WRAP, text)
        return rect.height()

    def attribution_fonts(self, px: int) -> tuple[QFont, QFont]:
        s = self.ctx.scale
        speaker, who = s.px("label"), s.px("small")
        if self.attribution_scale:
            speaker = max(speaker, round(px * self.attribution_scale))
            who = max(who, round(px * self.attribution_scale * 0.8))
        return self._font(speaker, bold=True), self._font(who)

    def note_height(self, i: int, width: float) -> float:
        """The "Translation" mark under quote ``i`` with its gap (0 where none is shown)."""
        note = translation_note(self.ctx, self.quotes[i])
        if not note:
            return 0.0
        return self.ctx.scale.space(0.75) + self._height(note, self.source_font(), width)

    def attribution_height(self, i: int, px: int, width: float) -> float:
        q = self.quotes[i]
        speaker_font, who_font = self.attribution_fonts(px)
        h = self.note_height(i, width) + self._height(self.ctx.t(q.speaker), speaker_font, width)
        who = attribution(self.ctx, q)
        if who:
            h += self.ctx.scale.space(0.5) + self._height(who, who_font, width)
        source = self.source_of(i)
        if source:
            h += self.ctx.scale.space(1.5) + self._height(source, self.source_font(), width)
        return h

    def source_of(self, i: int) -> str:
        """The source note shown under quote ``i``'s attribution ("" where none is shown)."""
        return source_note(self.ctx, self.quotes[i]) if self.show_source else ""

    def source_font(self) -> QFont:
        return self._font(self.ctx.scale.px("small"))

    def needed(self, i: int, px: int, width: int) -> float:
        inner = max(1, width - 2 * self.side)
        return (
            2 * self.pad
            + self.text_height(i, px, inner)
            + self.ctx.scale.space(2)
            + self.attribution_height(i, px, inner)
            + self.bar
        )

    def fit(self, i: int, size: QSize | None = None) -> int:
        """The largest text size (min_px…max_px) at which quote ``i`` fits the canvas."""
        size = size or self.size()
        key = (i, size.width(), size.height())
        if key not in self._fit_cache:
            px = self.max_px
            while px > self.min_px and self.needed(i, px, size.width()) > size.height():
                px -= 2
            self._fit_cache[key] = max(self.min_px, px)
        return self._fit_cache[key]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """Tall enough for the longest quote at the smallest allowed size: nothing is clipped.
        Kept for each width: the quotes and the type scale are the canvas's for its life, and
        the layouts of a home being built ask the same widths over and over (20 questions, a
        fifth of the home's build)."""
        if width not in self._height_for:
            needs = (self.needed(i, self.min_px, width) for i in range(len(self.quotes)))
            self._height_for[width] = round(max(needs, default=0))
        return self._height_for[width]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(800, self.heightForWidth(800))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # the real minimum depends on the width: layouts ask heightForWidth for it
        return QSize(200, self.ctx.scale.space(10))

    def fits(self, i: int) -> bool:
        return self.needed(i, self.fit(i), self.width()) <= self.height() + 0.5

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._fit_cache.clear()
        self.forget_pixmaps()
        self.line.setGeometry(0, self.height() - self.bar, self.width(), self.bar)
        super().resizeEvent(event)

    def set_highlight(self, span: tuple[int, int] | None) -> None:
        """Mark the span of the current quote's text being read aloud (None: no mark)."""
        shifted = None if span is None else (span[0] + 1, span[1] + 1)  # after the opening “
        if shifted != self.highlight:
            self.highlight = shifted
            self._pixmaps.pop(self.index, None)
            self.update()

    # --- painting -----------------------------------------------------------------------------
    def forget_pixmaps(self, *keep: int | None) -> None:
        """Let the quotes' pixmaps go, but those of the quotes ``keep``."""
        self._pixmaps = {i: pixmap for i, pixmap in self._pixmaps.items() if i in keep}

    def pixmap(self, i: int) -> QPixmap:
        """Quote ``i`` drawn on a transparent pixmap the size of the canvas (made once)."""
        if i not in self._pixmaps:
            self.forget_pixmaps(self.index, self.previous)
            dpr = self.devicePixelRatioF()
            pixmap = QPixmap(math.ceil(self.width() * dpr), math.ceil(self.height() * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._paint_quote(p, i)
            p.end()
            self._pixmaps[i] = pixmap
        return self._pixmaps[i]

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.quotes:
            return
        p = QPainter(self)
        if self.previous is not None and self.fade < 1:
            p.setOpacity(1 - self.fade)
            p.drawPixmap(0, 0, self.pixmap(self.previous))
            p.setOpacity(self.fade)
        p.drawPixmap(0, 0, self.pixmap(self.index))

    def _paint_quote(self, p: QPainter, i: int) -> None:
        s, pal = self.ctx.scale, self.ctx.palette
        pad, side = self.pad, self.side
        width = self.width() - 2 * side
        px = self.fit(i)
        layout, text_h = self.quote_layout(i, px, width)
        # an Arabic quote, its note and its speaker start at the right edge
        p.setLayoutDirection(text_direction(self.text_of(i)))
        spare = self.height() - self.needed(i, px, self.width())
        top = pad + max(0.0, spare / 2)  # centred when the canvas is taller than the quote
        p.setPen(QPen(QColor(pal.text)))
        layout.draw(p, QPointF(side, top))
        y = top + text_h + s.space(2)
        q = self.quotes[i]
        note = translation_note(self.ctx, q)
        if note:  # small, right under the quote's words
            font = self.source_font()
            p.setFont(font)
            p.setPen(QPen(QColor(pal.muted)))
            note_y = top + text_h + s.space(0.75)
            p.drawText(QRectF(side, note_y, width, self._height(note, font, width) + 2), WRAP, note)
            y += self.note_height(i, width)
        speaker_font, small = self.attribution_fonts(px)
        p.setFont(speaker_font)
        p.setPen(QPen(QColor(pal.accent_text)))
        h = self._height(self.ctx.t(q.speaker), speaker_font, width)
        p.drawText(QRectF(side, y, width, h + 2), WRAP, self.ctx.t(q.speaker))
        who = attribution(self.ctx, q)
        if who:
            y += h + s.space(0.5)
            p.setFont(small)
            p.setPen(QPen(QColor(pal.muted)))
            h = self._height(who, small, width)
            p.drawText(QRectF(side, y, width, h + 2), WRAP, who)
        source = self.source_of(i)
        if source:
            y += h + s.space(1.5)
            font = self.source_font()
            p.setFont(font)
            p.setPen(QPen(QColor(pal.muted)))
            p.drawText(QRectF(side, y, width, self._height(source, font, width) + 2), WRAP, source)

    def text_height(self, i: int, px: int, width: float) -> float:
        """The height of quote ``i``'s text at ``px`` in ``width`` (kept: fitting asks often)."""
        key = (i, px, round(width))
        if key not in self._heights:
            self._heights[key] = self.quote_layout(i, px, width, mark=False)[1]
        return self._heights[key]

    def quote_layout(
        self, i: int, px: int, width: float, mark: bool = True
    ) -> tuple[QTextLayout, float]:
        """Quote ``i``'s text laid out at ``px`` in ``width``, and its height: one layout for
        measuring and painting, so the sentence read aloud is marked without a line moving."""
        direction = text_direction(self.text_of(i))
        rtl = direction is Qt.LayoutDirection.RightToLeft
        # Arabic is not slanted for a quote (its font has no italic: Qt would only skew it)
        layout = QTextLayout(self.text_of(i), self._font(px, italic=not rtl))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(direction)  # Arabic runs from the right edge
        if rtl:
            # (a layout's lines keep to the left whatever their direction unless told)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        layout.setTextOption(option)
        if mark and self.highlight is not None and i == self.index:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(self.ctx.palette.accent))
            fmt.setForeground(QColor(self.ctx.palette.on_accent))
            span = QTextLayout.FormatRange()
            span.start, span.length = self.highlight[0], self.highlight[1] - self.highlight[0]
            span.format = fmt
            layout.setFormats([span])
        layout.beginLayout()
        y = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout, y


def dot_side(ctx: Ctx) -> int:
    """A dot's (and the pause button's) side: 56 px at 1080p, a finger's target (44 px and
    more) from there up; smaller on a small window, where seven of them and the button must
    still fit beside the cards (at 640x400 they pushed the home screen off the window)."""
    return max(28, ctx.scale.space(7))


class _Mirror(QWidget):
    """An empty widget as large as another one (the pause button), on the other side of the
    dots: the dots stay centred on the panel, whatever the button shows."""

    def __init__(self, twin: QWidget) -> None:
        super().__init__()
        self._twin = twin
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._twin.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._twin.minimumSizeHint()


class Dot(QToolButton):
    """One dot per quote: a touch-sized button drawn as a small circle."""

    def __init__(self, ctx: Ctx, index: int, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = False
        self.setProperty("role", "dot")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side = dot_side(ctx)
        self.setFixedSize(side, side)
        self.setAccessibleName(
            ctx.tr("Quote {number} of {total}").format(number=index + 1, total=total)
        )

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.ctx.palette
        r = self.width() * (0.2 if self.current else 0.13)
        colour = QColor(pal.accent if self.current else pal.muted)
        p.setPen(QPen(colour, max(2.0, self.width() * 0.04)))
        p.setBrush(colour if self.current else Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(self.width() / 2 - r, self.height() / 2 - r, 2 * r, 2 * r))


class QuoteCarousel(QFrame):
    """Quotes that rotate by themselves; see the module docstring for the gestures."""

    gesture_target = True
    changed = Signal(int)
    TICK_MS = 200  # progress line refresh while moving: at most 5 frames a second
    FADE_MS = 600
    FADE_STEPS = 15  # opacity levels of a cross-fade: 25 frames a second, not the animation's 60

    def __init__(
        self,
        ctx: Ctx,
        quotes: tuple[Quote, ...],
        mode: str = "poster",
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.quotes = quotes
        self.setProperty("panel", "quote")
        s = ctx.scale
        sizes = {
            "poster": (s.px("quote"), s.px("quote")),
            "strip": (s.px("small"), round(s.px("quote") * 1.25)),
            "screen": (s.px("quote"), round(s.px("quote") * 2.2)),
        }
        lo, hi = sizes[mode]
        dwell = [
            ctx.gallery.settings.carousel.dwell_seconds(
                q.word_count(ctx.lang, ctx.gallery.default_language)
            )
            for q in quotes
        ]
        self.rotation = Rotation(dwell, clock)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, s.space(1))
        box.setSpacing(0)
        # full screen: wider margins, as the home's panel has beside its quote
        self.canvas = QuoteCanvas(
            ctx,
            quotes,
            lo,
            hi,
            self,
            attribution_scale=0.55 if mode == "screen" else 0.0,
            side_space=8 if mode == "screen" else 3,
            show_source=mode == "screen",
        )
        if mode == "screen":
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        box.addWidget(self.canvas, 1)
        self.controls = QWidget(self)
        self.controls.setObjectName("section")  # transparent, on the quote panel
        # the dots centred between two equal side columns, the pause button in the right one:
        # centred on the panel, and never under the button (at 640x400 it covered the last dots);
        # the left column mirrors the button's size, so the dots stay centred when it grows
        grid = QGridLayout(self.controls)
        grid.setContentsMargins(s.space(1), 0, s.space(1), 0)
        grid.setHorizontalSpacing(0)  # an empty column gets no spacing: none keeps it even
        row = QHBoxLayout()
        row.setSpacing(0)
        self.dots = [Dot(ctx, i, len(quotes)) for i in range(len(quotes))]
        row.addStretch(1)
        for i, dot in enumerate(self.dots):
            dot.clicked.connect(lambda _=False, i=i: self.jump(i))
            row.addWidget(dot)
        row.addStretch(1)
        grid.addLayout(row, 0, 1)
        side = dot_side(ctx)
        self.pause_button = nav_button(
            "", "pause", ctx.palette.text, side, ctx.tr("Pause the quotes")
        )
        self.pause_button.clicked.connect(self.toggle_pause)
        self._mirror = _Mirror(self.pause_button)
        grid.addWidget(self._mirror, 0, 0)
        # Read aloud, in the left column (no wider than the pause button it mirrors)
        self.read_button = ReadAloudButton(
            ctx.speech, self, self.passages, ctx.palette.text, side, words=False
        )
        grid.addWidget(self.read_button, 0, 0, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.pause_button, 0, 2, Qt.AlignmentFlag.AlignRight)
        box.addWidget(self.controls)
        # the controls: the dots and pause for several quotes, Read aloud where a voice is
        for widget in (self._mirror, self.pause_button, *self.dots):
            widget.setVisible(len(quotes) > 1)
        self._held_for_reading = False
        self._voice_changed(ctx.speech is not None and ctx.speech.available)
        if ctx.speech is not None:
            ctx.speech.reading_changed.connect(self._reading_changed)
            ctx.speech.availability_changed.connect(self._voice_changed)
        self._resume_pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # set again for each step: see _schedule
        self._timer.timeout.connect(self._tick)
        self._fade = QVariantAnimation(self)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setDuration(self.FADE_MS)
        self._fade.valueChanged.connect(self._on_fade)
        self._fade.finished.connect(self._fade_done)
        self._sync()

    # --- state → screen -----------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self.rotation.index

    def _sync(self) -> None:
        i = self.rotation.index
        for j, dot in enumerate(self.dots):
            if dot.current != (j == i):
                dot.current = j == i
                dot.update()
        paused = self.rotation.paused
        self.pause_button.setIcon(self._icon("play" if paused else "pause"))
        tr = self.ctx.tr
        self.pause_button.setAccessibleName(
            tr("Play the quotes") if paused else tr("Pause the quotes")
        )
        # paused, it says so in a word, not only by the icon's shape
        self.pause_button.setText(tr("Paused") if paused else "")
        self.pause_button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if paused
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        self._mirror.updateGeometry()  # its size follows the button's
        if self.quotes:
            q = self.quotes[i]
            who = attribution(self.ctx, q)
            source = self.canvas.source_of(i)
            note = translation_note(self.ctx, q)
            self.setAccessibleName(
                tr("Quote {number} of {total}").format(number=i + 1, total=len(self.quotes))
                + f": {self.ctx.t(q.text)}"
                + (f" ({note})" if note else "")
                + f" — {self.ctx.t(q.speaker)}"
                + (f", {who}" if who else "")
                + (f". {source}" if source else "")
            )
        self.canvas.line.set_progress(self.rotation.progress())
        self.canvas.update()
        self._schedule()

    def _icon(self, name: str):  # noqa: ANN202
        from kiosk.ui.widgets import icon

        return icon(name, self.ctx.palette.text, max(48, self.ctx.scale.space(7)))

    def _schedule(self) -> None:
        """The timer runs only while the carousel is visible and moving: the next progress
        step, or the next quote if it is due sooner."""
        due = self.rotation.due_in()
        if due is None:
            self._timer.stop()
        else:
            self._timer.start(min(self.TICK_MS, math.ceil(due * 1000)))

    def timer_active(self) -> bool:
        return self._timer.isActive()

    def on_screen(self) -> bool:
        """Some of it can be seen: shown, not scrolled out of view, not under an opaque layer
        (the attract loop, the blackout, the zoom)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _tick(self) -> None:
        if not self.on_screen():
            # a poster's quotes below the fold, or the home screen under the attract loop: rest
            # (no wake-ups at all) until it is painted again, that is, seen again
            self.rotation.set_running(False)
            self._sync()
            return
        old = self.rotation.index
        if self.rotation.tick():
            self._show_change(old)
            return
        self.canvas.line.set_progress(self.rotation.progress())
        self._schedule()

    def _show_change(self, old: int) -> None:
        self.canvas.index = self.rotation.index
        if self.ctx.reduced_motion or not self.isVisible() or old == self.rotation.index:
            self.canvas.previous = None
            self.canvas.fade = 1.0
        else:
            self.canvas.previous = old
            self.canvas.fade = 0.0
            self._fade.stop()
            self._fade.start()
        self.changed.emit(self.rotation.index)
        self._sync()

    def _on_fade(self, value: float) -> None:
        fade = round(float(value) * self.FADE_STEPS) / self.FADE_STEPS
        if fade != self.canvas.fade:
            self.canvas.fade = fade
            self.canvas.update()

    def _fade_done(self) -> None:
        self.canvas.previous = None
        self.canvas.fade = 1.0
        self.canvas.forget_pixmaps(self.canvas.index)
        self.canvas.update()

    def is_fading(self) -> bool:
        return self._fade.state() == QVariantAnimation.State.Running

    # --- read aloud -------------------------------------------------------------------------
    def passages(self) -> list[Passage]:
        """The quote on show, then who said it."""
        if not self.quotes:
            return []
        q = self.quotes[self.index]
        who = ", ".join(x for x in (self.ctx.t(q.speaker), attribution(self.ctx, q)) if x)
        return [
            Passage(self.ctx.t(q.text), self.canvas.set_highlight),
            Passage(who, lambda _span: self.canvas.set_highlight(None)),
        ]

    def _voice_changed(self, available: bool) -> None:
        self.controls.setVisible(len(self.quotes) > 1 or available)

    def _reading_changed(self, owner: object) -> None:
        # the quote holds still while it is read (as under a finger), and moves on after
        if (owner is self) != self._held_for_reading:
            self._held_for_reading = owner is self
            self.rotation.set_held(self._held_for_reading)
            self._sync()

    # --- actions ------------------------------------------------------------------------------
    def _move(self, action: Callable[[], None]) -> None:
        old = self.rotation.index
        action()
        if self.rotation.index != old:
            if self.ctx.speech is not None and self.ctx.speech.owner is self:
                self.ctx.speech.stop()  # another quote: the reading of this one stops
            self._show_change(old)

    def next(self) -> None:
        self._move(self.rotation.next)

    def previous(self) -> None:
        self._move(self.rotation.previous)

    def jump(self, index: int) -> None:
        self._move(lambda: self.rotation.jump(index))

    def restart(self) -> None:
        self._move(self.rotation.restart)
        self._sync()

    def toggle_pause(self) -> None:
        self.rotation.toggle_paused()
        self._sync()

    # the gestures, delivered by the GestureFilter of the scroll area the carousel sits in
    def gesture_hold(self, held: bool) -> None:
        self.rotation.set_held(held)
        self._sync()

    def gesture_swipe(self, step: int) -> None:
        if self.ctx.usage is not None:
            self.ctx.usage.note("quote_swipe")
        (self.next if step > 0 else self.previous)()

    def gesture_tap(self) -> None:
        self.toggle_pause()

    # --- visibility ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        # painted while resting: it has come into view (scrolled to, or uncovered)
        if self.isVisible() and not self.rotation.running and not self._resume_pending:
            self._resume_pending = True
            QTimer.singleShot(0, self, self.resume_if_on_screen)

    def resume_if_on_screen(self) -> None:
        self._resume_pending = False
        if not self.rotation.running and self.on_screen():
            self.rotation.set_running(True)
            self._sync()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.rotation.set_running(True)
        self._sync()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.rotation.set_running(False)
        self._fade.stop()
        self._fade_done()
        self.canvas.forget_pixmaps()  # drawn again when shown: no memory held while out of use
        self._sync()
