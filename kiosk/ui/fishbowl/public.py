"""The fishbowl's public display, readable from the back of a room.

One painted widget: the question, the running turn's time in huge figures, who speaks, the
session's time left, the circle of chairs (occupied, empty, speaking, next in the queue), and
the talk-time balance. Warning and over time are shown by more than colour: "30 s left" and a
pulsing ring in amber; "+0:12", "Over time" and a flashing border in red.

What it shows is a ``Scene`` (``kiosk.core.fishbowl.scene``): plain values, part by part. The view
keeps the scene on screen; each refresh builds the scene anew and repaints exactly the parts
whose content changed (the whole view when the phase's colours change or the size does). Every
paint draws every part that meets the repainted region, in one order, each clipped to its own
rectangle, from the kept scene only: so whatever sequence of partial repaints a long-lived
window goes through, it shows what a fresh render of the same scene shows. (Before, a refresh
repainted only the clock, session, circle and balance when a label changed, and painted from the
live session: the "who" line kept "22 s left" while the clock ran on, and a neighbour's repaint
redrew strips of it with new text, garbling it.)

Costs: Qt's raster engine does not cache glyphs above about 64 px, so the huge figures cost over
a millisecond each time they are drawn; they are drawn only when their label changes (once a
second) or their rectangle is exposed. One precise single-shot timer wakes the view when a label
next changes, only while the session runs and the view is visible. The pulse runs only in
warning and over time, never with reduced motion, and each frame repaints only the ring's band
and the border's strips, never the figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.scene import (
    PARTS,
    Balance,
    Circle,
    Clock,
    Closing,
    Heading,
    Layout,
    Line,
    Scene,
    Tone,
    build_scene,
)
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock
from kiosk.core.ticks import until_label_changes
from kiosk.i18n import ENGLISH, Translator
from kiosk.theme import FONT_FAMILY, Palette, mix

WRAP = int(Qt.TextFlag.TextWordWrap)
AMBER = "#ffb300"
RED = "#ff5252"
RING_WIDTH = (0.03, 0.025)  # the ring's pen, of the ring's height: at rest, plus at full pulse


def font(px: float, bold: bool = False, weight: int | None = None) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(8, round(px)))
    f.setBold(bold)
    if weight is not None:
        f.setWeight(QFont.Weight(weight))
    return f


def fitted(
    text: str, rect: QRectF, start_px: float, min_px: float, bold: bool = False, wrap: bool = True
) -> QFont:
    """The largest font (start_px down to min_px) at which ``text`` fits ``rect``."""
    px = _fitted_px(text, rect.width(), rect.height(), start_px, min_px, bold, wrap)
    return font(px, bold)


@lru_cache(maxsize=512)
def _fitted_px(
    text: str, width: float, height: float, start_px: float, min_px: float, bold: bool, wrap: bool
) -> float:
    """Remembered: the view repaints every second, mostly with the same texts and rects, and
    each try measures the text anew."""
    px = start_px
    flags = WRAP if wrap else 0
    while px > min_px:
        box = QFontMetricsF(font(px, bold)).boundingRect(QRectF(0, 0, width, 1e6), flags, text)
        if box.width() <= width + 0.5 and box.height() <= height + 0.5:
            return px
        px *= 0.94
    return min_px


def question_body(heading: QRectF) -> QRectF:
    """The heading's part below the title: the question's (or the message's) box."""
    return heading.adjusted(0, heading.height() * 0.2 * 1.4, 0, 0)


def question_font(question: str, heading: QRectF) -> QFont:
    """The largest font at which the question fits its box, within the heading's sizes: a
    long question is set smaller rather than cut off at the foot of its box, where the clock's
    ring begins."""
    return fitted(
        question, question_body(heading), heading.height() * 0.32, heading.height() * 0.09, True
    )


@lru_cache(maxsize=256)
def _figure(char: str, px: int) -> tuple[QPainterPath, float, float, float]:
    """One character of the clock at ``px``: its outline, advance, ascent and descent."""
    f = font(px, bold=True)
    path = QPainterPath()
    path.addText(QPointF(0, 0), f, char)
    metrics = QFontMetricsF(f)
    return path, metrics.horizontalAdvance(char), metrics.ascent(), metrics.descent()


def figures_path(label: str, px: int, rect: QRectF) -> QPainterPath:
    """The clock's label as one outline, centred in ``rect`` as ``drawText`` centres it.

    Glyphs this large are drawn from their outlines, and Qt's FreeType engine gives an outline
    a few 1/64 px differently depending on what text was drawn just before it (it keeps one
    face per font file and its state between draws): the same "0:42" came out with edges up to
    40 levels apart in two paints. Each character's outline is taken once and kept, so the
    figures are the same pixels in every paint: a partial repaint, a full one, a fresh view.
    """
    figures = [_figure(c, px) for c in label]
    width = sum(advance for _path, advance, _a, _d in figures)
    ascent = max((a for _p, _w, a, _d in figures), default=0.0)
    descent = max((d for _p, _w, _a, d in figures), default=0.0)
    x = rect.center().x() - width / 2
    baseline = rect.center().y() - (ascent + descent) / 2 + ascent
    out = QPainterPath()
    for path, advance, _a, _d in figures:
        out.addPath(path.translated(x, baseline))
        x += advance
    return out


GLYPH_CACHE_PX = 64  # Qt's raster engine caches glyphs below this size; larger ones are outlines


@lru_cache(maxsize=256)
def _line_outline(text: str, px: int, bold: bool) -> tuple[QPainterPath, float, float, float]:
    """One line of text at ``px`` as an outline (shaped and ordered as ``drawText`` would: a
    right-to-left name stays right to left), with its advance, ascent and descent."""
    f = font(px, bold)
    path = QPainterPath()
    path.addText(QPointF(0, 0), f, text)
    # glyphs that overlap (Arabic letters joining, accents) are filled as drawText fills them,
    # not cut out where they meet (the even-odd rule's default)
    path.setFillRule(Qt.FillRule.WindingFill)
    metrics = QFontMetricsF(f)
    return path, metrics.horizontalAdvance(text), metrics.ascent(), metrics.descent()


def draw_line(p: QPainter, rect: QRectF, text: str, f: QFont, colour: QColor) -> None:
    """One line of text centred in ``rect``, as ``drawText`` with AlignCenter draws it. Large
    type is filled from an outline taken once and kept (see ``figures_path``): the closing
    view's thanks, or a name at 4K, is then the same pixels in every paint."""
    if f.pixelSize() < GLYPH_CACHE_PX:
        p.setPen(colour)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        return
    path, width, ascent, descent = _line_outline(text, f.pixelSize(), f.bold())
    x = rect.center().x() - width / 2
    baseline = rect.center().y() - (ascent + descent) / 2 + ascent
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawPath(path.translated(x, baseline))
    p.restore()


@dataclass(frozen=True)
class Geometry:
    """Where each part goes for one layout at one size. ``parts`` are the rectangles each part
    is clipped to and repainted by (they may overlap: a paint draws every part meeting its
    region, in order). The clock's figures, ring and band exist only in layouts with a clock.
    """

    parts: dict[str, QRect]
    digits: QRectF  # the clock's figures are fitted here ...
    digits_clip: QRegion  # ... and clipped here, inside the ring's band
    ring: QRectF  # the ring's path (its pen stays inside parts["clock"])
    ring_radius: float
    ring_band: QRegion  # the clock part less its inside: what a pulse frame repaints
    border_width: float
    border_band: QRegion  # the strips round the view where the over-time border is drawn


def _aligned(r: QRectF) -> QRect:
    return r.toAlignedRect()


# Each layout's rows, as fractions of the view's height: (top, height) for the clock (the box
# its ring and figures fill), the who line, the session line, the circle, the queue line and
# the talk time. None: not in this layout. No two parts' rectangles overlap, so the clock,
# repainted every second, repaints nothing else.
_LANDSCAPE = {
    Layout.LIVE: ((0.19, 0.435), (0.63, 0.07), (0.705, 0.05), (0.19, 0.49), (0.685, 0.07)),
    Layout.LIVE_QUIET: ((0.19, 0.55), (0.745, 0.085), (0.835, 0.065), (0.19, 0.6), (0.8, 0.08)),
}
_PORTRAIT = {
    Layout.LIVE: ((0.175, 0.235), (0.415, 0.065), (0.485, 0.045), (0.535, 0.225), (0.765, 0.04)),
    Layout.LIVE_QUIET: ((0.18, 0.28), (0.465, 0.075), (0.545, 0.05), (0.61, 0.29), (0.905, 0.055)),
}
_BALANCE = {False: (0.775, 0.195), True: (0.81, 0.16)}  # landscape, portrait


def _rects(w: float, h: float, layout: Layout) -> dict[str, QRectF]:
    m = min(w, h) * 0.035
    portrait = h > w
    full = w - 2 * m
    r: dict[str, QRectF] = {"heading": QRectF(m, m, full, h * 0.15)}
    if layout in (Layout.CLOSING, Layout.CLOSING_QUIET):
        if layout is Layout.CLOSING:
            r["closing"] = QRectF(m, h * 0.2, full, h * 0.22)
            top = h * 0.44
            r["balance"] = QRectF(m, top, full, h - m - top)
        else:
            r["closing"] = QRectF(m, h * 0.26, full, h * 0.4)
        return r
    rows = (_PORTRAIT if portrait else _LANDSCAPE)[layout]
    names = ("clock", "who", "session", "circle", "queue")
    if portrait:
        for name, (top, height) in zip(names, rows, strict=True):
            r[name] = QRectF(m, h * top, full, h * height)
        r["clock"] = QRectF(m * 0.3, h * rows[0][0], w - m * 0.6, h * rows[0][1])
    else:
        left = w * 0.62  # the circle's column on the right
        for name, (top, height) in zip(names, rows, strict=True):
            x, width = (left, w - left - m) if name in ("circle", "queue") else (m, left - m * 1.3)
            r[name] = QRectF(x, h * top, width, h * height)
        r["clock"] = QRectF(m * 0.3, h * rows[0][0], left - m * 0.6, h * rows[0][1])
    if layout is Layout.LIVE:
        top, height = _BALANCE[portrait]
        r["balance"] = QRectF(m, h * top, full, h * height)
    return r


def make_layout(w: int, h: int, layout: Layout = Layout.LIVE) -> Geometry:
    r = _rects(w, h, layout)
    m = min(w, h) * 0.035
    parts = {name: _aligned(rect) for name, rect in r.items()}
    digits = QRectF()
    ring = QRectF()
    inside = QRegion()
    band = QRegion()
    if "clock" in r:
        clock = r["clock"]
        half_pen = max(4.0, clock.height() * sum(RING_WIDTH)) / 2 + 1  # the widest pen, +1 px
        ring = clock.adjusted(half_pen, half_pen, -half_pen, -half_pen)
        digits = ring.adjusted(m * 0.4, m * 0.2, -m * 0.4, -m * 0.2)
        # inside the ring's stroke: a rounded rectangle (its corners curve inwards, so a
        # rectangular "inside" would leave the corners of the ring out of the band)
        inner = QPainterPath()
        d = half_pen + 1  # the polygon's corners are rounded to whole pixels
        corner = max(0.0, ring.height() * 0.18 - d)
        inner.addRoundedRect(ring.adjusted(d, d, -d, -d), corner, corner)
        inside = QRegion(inner.toFillPolygon().toPolygon())
        band = QRegion(parts["clock"]).subtracted(inside)
    border_width = max(6.0, min(w, h) * 0.014)
    whole = QRect(0, 0, w, h)
    edge = math.ceil(border_width) + 1
    return Geometry(
        parts={name: parts[name] for name in PARTS if name in parts},
        digits=digits,
        digits_clip=QRegion(_aligned(digits)).intersected(inside),
        ring=ring,
        ring_radius=ring.height() * 0.18,
        ring_band=band,
        border_width=border_width,
        border_band=QRegion(whole).subtracted(QRegion(whole.adjusted(edge, edge, -edge, -edge))),
    )


class PublicView(QWidget):
    """Paints a FishbowlSession; call ``refresh()`` after the session changes (it listens to the
    session itself, and to the clock through its timer)."""

    painted = Signal(str)  # the turn label just painted (for the accuracy benchmark)

    def __init__(
        self,
        session: FishbowlSession,
        palette: Palette,
        reduced_motion: bool = False,
        parent: QWidget | None = None,
        translator: Translator = ENGLISH,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.colours = palette
        self.reduced_motion = reduced_motion
        self.translator = translator  # the room's language, which may differ from the
        # facilitator's (the controls follow theirs)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(translator.gettext("Fishbowl timer"))
        self._scene: Scene | None = None  # what the screen shows (or is about to)
        self._geometry: Geometry | None = None  # for the scene's layout at the view's size
        self._pulse = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(1000)
        self._anim.setLoopCount(-1)
        self._anim.valueChanged.connect(self._on_pulse)
        unsubscribe = session.subscribe(lambda _event: self.refresh())
        # a view made and dropped (a preview, a test's fresh render) stops listening with it
        self.destroyed.connect(lambda *_: unsubscribe())

    # --- the scene ------------------------------------------------------------------------------
    def scene(self) -> Scene:
        """The scene on screen (built now if none was yet)."""
        if self._scene is None:
            self._scene = build_scene(self.session, self.translator)
        return self._scene

    def labels(self) -> tuple[str, str, str]:
        """(turn label, session label, turn phase) now, read from the session."""
        s = self.session
        return (
            format_clock(s.turn_remaining()),
            format_clock(s.session_remaining()),
            s.turn_phase().value,
        )

    def layout_rects(self) -> Geometry:
        """Where the parts of the scene on screen go at the view's size."""
        if self._geometry is None:
            self._geometry = make_layout(self.width(), self.height(), self.scene().layout)
        return self._geometry

    def _tick(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Build the scene now, repaint the parts that changed, and schedule the next change
        (only while visible and running)."""
        new = build_scene(self.session, self.translator)
        old, self._scene = self._scene, new
        if old is None or old.layout != new.layout:
            self._geometry = None
        if old is None or self._geometry is None or new.restyles(old):
            self.update()
        else:
            rects = self._geometry.parts
            for name in new.changed_parts(old):
                self.update(rects[name])
        self._schedule()

    def _schedule(self) -> None:
        s = self.session
        running = s.state is State.RUNNING and self.isVisible()
        if not running:
            self._timer.stop()
        else:
            wait = min(
                until_label_changes(s.turn_remaining()), until_label_changes(s.session_remaining())
            )
            self._timer.start(max(1, math.ceil(wait * 1000)))
        pulsing = (
            running
            and not self.reduced_motion
            and s.turn_phase() in (Phase.WARNING, Phase.OVERTIME)
        )
        if pulsing and self._anim.state() != QVariantAnimation.State.Running:
            self._anim.start()
        elif not pulsing and self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
            self.set_pulse(0.0)

    def timer_active(self) -> bool:
        return self._timer.isActive()

    def pulsing(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    @property
    def pulse(self) -> float:
        """Where the pulse is, 0..1 (0 at rest)."""
        return self._pulse

    def set_pulse(self, value: float) -> None:
        """Move the pulse: repaints only the ring's band, and the border's strips in over time."""
        value = float(value)
        if value == self._pulse:
            return
        self._pulse = value
        scene, geometry = self._scene, self._geometry
        if scene is None or geometry is None:
            return
        region = QRegion()
        if scene.clock is not None and scene.clock.ring:
            region = region.united(geometry.ring_band)
        if scene.border and not self.reduced_motion:
            region = region.united(geometry.border_band)
        if not region.isEmpty():
            self.update(region)

    def _on_pulse(self, value: object) -> None:
        self.set_pulse(float(value))  # type: ignore[arg-type]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()
        self._anim.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._geometry = None
        self.update()

    # --- painting -----------------------------------------------------------------------------
    def tone(self, tone: Tone) -> QColor:
        pal = self.colours
        return QColor(
            {
                Tone.TEXT: pal.text,
                Tone.ACCENT: pal.accent,
                Tone.ACCENT_TEXT: pal.accent_text,
                Tone.MUTED: pal.muted,
                Tone.WARNING: AMBER,
                Tone.OVERTIME: RED,
            }[tone]
        )

    def phase_colour(self) -> str:
        clock = self.scene().clock
        return self.tone(clock.tone if clock is not None else Tone.TEXT).name()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        scene, geometry = self.scene(), self.layout_rects()
        region = event.region()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor(self.colours.background))
        # every part that meets the region, each inside its own rectangle only: a partial
        # repaint gives the same pixels as a full one
        for name, part in scene.parts().items():
            rect = geometry.parts.get(name)
            if rect is None or not region.intersects(rect):
                continue
            p.save()
            p.setClipRect(rect)
            self._paint_part(p, name, part, rect, geometry, region)
            p.restore()
        if scene.border and region.intersects(geometry.border_band):
            p.setClipRegion(geometry.border_band)
            self._paint_border(p, geometry.border_width)
        p.end()
        self.painted.emit(scene.clock.label if scene.clock is not None else "")

    def _paint_part(
        self,
        p: QPainter,
        name: str,
        part: object,
        rect: QRect,
        geometry: Geometry,
        region: QRegion,
    ) -> None:
        if isinstance(part, Heading):
            self._paint_heading(p, QRectF(rect), part)
        elif isinstance(part, Clock):
            self._paint_clock(p, geometry, region, part)
        elif isinstance(part, Line):
            size = {"who": (0.7, 0.35, True), "queue": (0.66, 0.3, True)}.get(
                name, (0.62, 0.3, False)
            )
            self._paint_line(p, QRectF(rect), part, *size)
        elif isinstance(part, Circle):
            self._paint_circle(p, QRectF(rect), part)
        elif isinstance(part, Closing):
            self._paint_closing(p, QRectF(rect), part)
        elif isinstance(part, Balance):
            if part.rows:
                self._paint_shares(p, QRectF(rect), part)
            else:
                self._paint_balance(p, QRectF(rect), part)

    def _paint_heading(self, p: QPainter, rect: QRectF, heading: Heading) -> None:
        pal = self.colours
        small = rect.height() * 0.2
        p.setPen(QColor(pal.accent_text))
        title_rect = QRectF(rect.x(), rect.y(), rect.width(), small * 1.3)
        p.setFont(
            fitted(heading.title, title_rect, small * 0.9, small * 0.5, bold=True, wrap=False)
        )
        p.drawText(title_rect, 0, heading.title)
        body = question_body(rect)
        if heading.message:
            # the facilitator's message to the circle, in the question's place: a filled band,
            # the largest text it holds
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(pal.accent))
            radius = body.height() * 0.18
            p.drawRoundedRect(body, radius, radius)
            inner = body.adjusted(radius, body.height() * 0.06, -radius, -body.height() * 0.06)
            p.setFont(
                fitted(heading.message, inner, inner.height() * 0.8, inner.height() * 0.3, True)
            )
            p.setPen(QColor(pal.on_accent))
            p.drawText(inner, int(Qt.AlignmentFlag.AlignCenter) | WRAP, heading.message)
            return
        p.setFont(question_font(heading.question, rect))
        p.setPen(QColor(pal.text))
        p.drawText(body, WRAP, heading.question)

    def question_rect(self) -> QRectF:
        """Where the question's lines are painted (empty while a message takes its place)."""
        heading = self.scene().heading
        if heading.message:
            return QRectF()
        rect = QRectF(self.layout_rects().parts["heading"])
        body = question_body(rect)
        metrics = QFontMetricsF(question_font(heading.question, rect))
        return metrics.boundingRect(body, WRAP, heading.question)

    def frame_rect(self) -> QRectF:
        """The outer edge of the clock's warning and over-time ring, at its widest pulse."""
        geometry = self.layout_rects()
        half = max(4.0, geometry.ring.height() * sum(RING_WIDTH)) / 2
        return geometry.ring.adjusted(-half, -half, half, half)

    def _paint_clock(self, p: QPainter, geometry: Geometry, region: QRegion, clock: Clock) -> None:
        colour = self.tone(clock.tone)
        if clock.ring and region.intersects(geometry.ring_band):
            ring = geometry.ring
            path = QPainterPath()
            path.addRoundedRect(ring, geometry.ring_radius, geometry.ring_radius)
            width = max(4.0, ring.height() * (RING_WIDTH[0] + RING_WIDTH[1] * self._pulse))
            ring_colour = QColor(colour)
            ring_colour.setAlphaF(0.55 + 0.45 * (1 - self._pulse))
            p.setPen(QPen(ring_colour, width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        # the figures only when their own region is repainted: big glyphs are not cached
        if region.intersects(geometry.digits_clip):
            p.setClipRegion(geometry.digits_clip)
            f = self.clock_font(clock.label, geometry.digits)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPath(figures_path(clock.label, f.pixelSize(), geometry.digits))

    def clock_font(self, label: str, rect: QRectF | None = None) -> QFont:
        """Fitted to the label's shape with zeros, so the size does not jump as digits change."""
        rect = rect or self.layout_rects().digits
        template = "".join("0" if c.isdigit() else c for c in label)
        return fitted(
            template,
            rect.adjusted(8, 0, -8, 0),
            rect.height() * 1.02,
            rect.height() * 0.4,
            bold=True,
            wrap=False,
        )

    def _paint_line(
        self, p: QPainter, rect: QRectF, line: Line, start: float, least: float, bold: bool
    ) -> None:
        if not line.text:
            return
        h = rect.height()
        f = fitted(line.text, rect, h * start, h * least, bold=bold, wrap=False)
        p.setFont(f)
        text = QFontMetricsF(f).elidedText(line.text, Qt.TextElideMode.ElideRight, rect.width())
        draw_line(p, rect, text, f, self.tone(line.tone))

    def _paint_circle(self, p: QPainter, rect: QRectF, circle: Circle) -> None:
        pal = self.colours
        seats = circle.seats
        n = len(seats)
        label_h = rect.height() * 0.1
        cx, cy = rect.center().x(), rect.center().y() - label_h * 0.2
        radius = min(rect.width(), rect.height() - 2.2 * label_h) * 0.4
        seat = min(radius * math.sin(math.pi / max(n, 2)) * 0.95, rect.height() * 0.16)
        # the table in the middle
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(mix(pal.background, pal.text, 0.08)))
        p.drawEllipse(QPointF(cx, cy), radius * 0.55, radius * 0.55)
        if circle.full_notice:
            box = QRectF(cx - radius * 0.5, cy - radius * 0.3, radius, radius * 0.6)
            p.setPen(QColor(AMBER))
            p.setFont(fitted(circle.full_notice, box, seat * 0.5, seat * 0.22))
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter) | WRAP, circle.full_notice)
        name_font = font(max(12.0, seat * 0.4), bold=True)
        for chair in seats:
            angle = -math.pi / 2 + 2 * math.pi * chair.index / n
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            centre = QPointF(x, y)
            if chair.speaking:
                glow = self.tone(circle.speaking_tone)
                p.setPen(QPen(glow, seat * 0.18))
                p.setBrush(glow)
                p.drawEllipse(centre, seat * 0.62, seat * 0.62)
            elif chair.occupied:
                p.setPen(QPen(QColor(pal.text), seat * 0.06))
                p.setBrush(QColor(mix(pal.surface, pal.text, 0.25)))
                p.drawEllipse(centre, seat * 0.5, seat * 0.5)
            else:  # empty: an open, dashed seat for someone from the audience
                pen = QPen(QColor(AMBER), seat * 0.08, Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(centre, seat * 0.5, seat * 0.5)
                p.setFont(font(seat * 0.55, bold=True))
                p.drawText(
                    QRectF(x - seat / 2, y - seat / 2, seat, seat),
                    int(Qt.AlignmentFlag.AlignCenter),
                    "+",
                )
            if chair.next_mark:
                p.setPen(QColor(pal.accent_text))
                # smaller where a language's word is longer ("ensuite 2"), and kept inside the
                # circle's rectangle (what a repaint of the circle covers)
                room = min(seat * 1.4, rect.right() - (x + seat * 0.35))
                px = seat * 0.36
                mark_font = font(px, bold=True)
                while (
                    px > 10 and QFontMetricsF(mark_font).horizontalAdvance(chair.next_mark) > room
                ):
                    px -= 1
                    mark_font = font(px, bold=True)
                p.setFont(mark_font)
                p.drawText(
                    QRectF(x + seat * 0.35, y - seat * 0.85, max(1.0, room), seat * 0.5),
                    0,
                    chair.next_mark,
                )
            p.setFont(name_font)
            p.setPen(QColor(pal.text if chair.occupied else AMBER))
            width = min(seat * 3.2, rect.width())
            # kept inside the circle's rectangle, so a long name is elided, never cut off
            left = min(max(x - width / 2, rect.left()), rect.right() - width)
            box = QRectF(left, y + seat * 0.62, width, label_h * 1.2)
            p.drawText(
                box,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                QFontMetricsF(name_font).elidedText(
                    chair.label, Qt.TextElideMode.ElideRight, box.width()
                ),
            )

    def _paint_closing(self, p: QPainter, rect: QRectF, closing: Closing) -> None:
        """The finished session: what it was, and thanks."""
        pal = self.colours
        h = rect.height()
        rows = (
            (closing.status, 0.0, 0.2, pal.muted, False),
            (closing.thanks, 0.2, 0.5, pal.accent_text, True),
            (closing.facts, 0.72, 0.26, pal.text, False),
        )
        for text, top, height, colour, bold in rows:
            box = QRectF(rect.x(), rect.y() + h * top, rect.width(), h * height)
            f = fitted(text, box, box.height() * 0.8, box.height() * 0.3, bold, wrap=False)
            p.setFont(f)
            draw_line(p, box, text, f, QColor(colour))

    def _group_colours(self) -> list[QColor]:
        pal = self.colours
        return [
            QColor(c)
            for c in (
                pal.accent,
                mix(pal.accent, pal.text, 0.55),
                mix(pal.accent, pal.background, 0.5),
                pal.muted,
                mix(pal.muted, pal.background, 0.5),
            )
        ]

    def _paint_heading_line(self, p: QPainter, rect: QRectF, balance: Balance, side: bool) -> None:
        """The balance's heading on the left; beside it (``side``) the voices not yet heard, as
        large as fits."""
        pal = self.colours
        px = min(rect.height() * 0.8, rect.width() * 0.04)
        f = font(px, bold=True)
        p.setFont(f)
        p.setPen(QColor(pal.muted))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), balance.heading)
        if side and balance.unheard:
            left = QFontMetricsF(f).horizontalAdvance(balance.heading) + px
            box = rect.adjusted(left, 0, 0, 0)
            f = fitted(balance.unheard, box, px, px * 0.6, bold=True, wrap=False)
            p.setFont(f)
            p.setPen(QColor(pal.accent_text))
            shown = QFontMetricsF(f).elidedText(
                balance.unheard, Qt.TextElideMode.ElideRight, box.width()
            )
            p.drawText(box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), shown)

    def _paint_groups(self, p: QPainter, rect: QRectF, balance: Balance) -> None:
        """The groups' shares: one stacked bar, and each group's name and share below it."""
        pal = self.colours
        colours = self._group_colours()
        bar = QRectF(rect.x(), rect.y(), rect.width(), rect.height() * 0.36)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(mix(pal.background, pal.text, 0.1)))
        p.drawRoundedRect(bar, 6, 6)
        x = bar.x()
        for i, group in enumerate(balance.groups):
            width = bar.width() * group.fraction
            if width > 1:
                p.setBrush(colours[i % len(colours)])
                p.drawRect(QRectF(x, bar.y(), width, bar.height()))
            x += width
        labels = QRectF(rect.x(), bar.bottom() + rect.height() * 0.08, rect.width(), 0)
        labels.setBottom(rect.bottom())
        texts = [f"{g.label}  {g.value}" for g in balance.groups]
        # one line: the largest size at which every group's label fits, else elided
        px = labels.height() * 0.78
        for _ in range(10):
            metrics = QFontMetricsF(font(px))
            need = sum(metrics.horizontalAdvance(t) + px * 2.6 for t in texts)
            if need <= labels.width():
                break
            px *= 0.92
        f = font(px)
        p.setFont(f)
        metrics = QFontMetricsF(f)
        swatch = px * 0.7
        x = labels.x()
        for i, text in enumerate(texts):
            room = labels.right() - x - swatch * 1.5
            if room < swatch * 3:
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colours[i % len(colours)])
            p.drawRoundedRect(
                QRectF(x, labels.center().y() - swatch / 2, swatch, swatch), swatch / 4, swatch / 4
            )
            x += swatch * 1.5
            p.setPen(QColor(pal.text))
            p.drawText(
                QRectF(x, labels.y(), room, labels.height()),
                int(Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
            x += metrics.horizontalAdvance(shown) + px * 1.6

    def _paint_balance(self, p: QPainter, rect: QRectF, balance: Balance) -> None:
        """Talk time per person, one column each: who has spoken a lot, who not yet."""
        pal = self.colours
        heading_h = rect.height() * 0.2
        self._paint_heading_line(
            p, QRectF(rect.x(), rect.y(), rect.width(), heading_h), balance, side=True
        )
        area = rect.adjusted(0, heading_h * 1.2, 0, 0)
        if balance.groups:
            groups = QRectF(area.x(), area.y() + area.height() * 0.62, area.width(), 0)
            groups.setBottom(area.bottom())
            area.setHeight(area.height() * 0.56)
            self._paint_groups(p, groups, balance)
        bars = balance.bars
        n = max(1, len(bars) + (1 if balance.more else 0))
        gap = area.width() * 0.012
        col = (area.width() - gap * (n - 1)) / n
        label_h = area.height() * 0.38
        bar_h = min((area.height() - label_h) * 0.85, rect.width() * 0.045)
        for i, bar in enumerate(bars):
            x = area.x() + i * (col + gap)
            track = QRectF(x, area.y(), col, bar_h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(mix(pal.background, pal.text, 0.1)))
            p.drawRoundedRect(track, 6, 6)
            fill = QRectF(x, area.y(), col * bar.fraction, bar_h)
            p.setBrush(QColor(pal.accent if bar.highlighted else mix(pal.accent, pal.muted, 0.5)))
            if fill.width() > 1:
                p.drawRoundedRect(fill, 6, 6)
            p.setPen(QColor(pal.text))
            f = font(min(label_h * 0.72, col * 0.14), bold=bar.highlighted)
            p.setFont(f)
            text = f"{bar.label}  {bar.value}"
            shown = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideMiddle, col)
            box = QRectF(x, area.y() + bar_h + label_h * 0.1, col, label_h)
            p.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), shown)
        if balance.more:
            x = area.x() + len(bars) * (col + gap)
            p.setPen(QColor(pal.muted))
            p.setFont(font(min(label_h * 0.72, col * 0.14)))
            p.drawText(
                QRectF(x, area.y(), col, area.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                balance.more,
            )

    def _paint_shares(self, p: QPainter, rect: QRectF, balance: Balance) -> None:
        """The closing view's talk time: one row a person with each one's share, then the
        groups' shares and who was not heard, one after the other from the top."""
        heading_h = min(rect.height() * 0.1, rect.width() * 0.045)
        self._paint_heading_line(
            p, QRectF(rect.x(), rect.y(), rect.width(), heading_h), balance, side=False
        )
        groups_h = heading_h * 2.2 if balance.groups else 0.0
        unheard_h = heading_h * 1.1 if balance.unheard else 0.0
        rows = len(balance.bars) + (1 if balance.more else 0)
        top = rect.y() + heading_h * 1.4
        room = rect.bottom() - top - groups_h - unheard_h - heading_h * 0.8
        y = top
        if rows and room > 0:
            area = QRectF(rect.x(), top, rect.width(), room)
            y = self._paint_rows(p, area, balance, heading_h) + heading_h * 0.5
        if balance.groups:
            self._paint_groups(p, QRectF(rect.x(), y, rect.width(), groups_h), balance)
            y += groups_h + heading_h * 0.3
        if balance.unheard:
            line = QRectF(rect.x(), y, rect.width(), unheard_h)
            self._paint_line(p, line, Line(balance.unheard, Tone.ACCENT_TEXT), 0.75, 0.3, False)

    def _paint_rows(self, p: QPainter, area: QRectF, balance: Balance, unit: float) -> float:
        """One row a person (name, bar, time and share); returns where the rows end."""
        pal = self.colours
        rows = len(balance.bars) + (1 if balance.more else 0)
        # two columns of rows on a wide screen with many people, so each row stays legible
        columns = 2 if rows > 4 and area.width() > area.height() * 1.5 else 1
        per_column = math.ceil(rows / columns)
        gap = area.width() * 0.04 if columns > 1 else 0.0
        col_w = (area.width() - gap * (columns - 1)) / columns
        row_h = min(area.height() / per_column, unit * 1.8)
        f = font(row_h * 0.6)
        metrics = QFontMetricsF(f)
        p.setFont(f)
        name_w, value_w = col_w * 0.3, col_w * 0.3
        entries = [(b.label, b.value, b.fraction) for b in balance.bars]
        if balance.more:
            entries.append((balance.more, "", -1.0))
        for i, (label, value, fraction) in enumerate(entries):
            x = area.x() + (i // per_column) * (col_w + gap)
            y = area.y() + (i % per_column) * row_h
            p.setPen(QColor(pal.text if fraction >= 0 else pal.muted))
            name = metrics.elidedText(label, Qt.TextElideMode.ElideRight, name_w)
            p.drawText(QRectF(x, y, name_w, row_h), int(Qt.AlignmentFlag.AlignVCenter), name)
            if fraction < 0:
                continue
            track_x = x + name_w + row_h * 0.2
            track = QRectF(track_x, y + row_h * 0.22, col_w - name_w - value_w - row_h * 0.4, 0)
            track.setHeight(row_h * 0.56)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(mix(pal.background, pal.text, 0.1)))
            p.drawRoundedRect(track, 6, 6)
            if track.width() * fraction > 1:
                p.setBrush(QColor(pal.accent))
                fill = QRectF(track.x(), track.y(), track.width() * fraction, track.height())
                p.drawRoundedRect(fill, 6, 6)
            p.setPen(QColor(pal.text))
            p.drawText(
                QRectF(x + col_w - value_w, y, value_w, row_h),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                metrics.elidedText(value, Qt.TextElideMode.ElideLeft, value_w),
            )
        return area.y() + per_column * row_h

    def _paint_border(self, p: QPainter, width: float) -> None:
        colour = QColor(RED)
        colour.setAlphaF(1.0 if self.reduced_motion else 0.35 + 0.65 * (1 - self._pulse))
        p.setPen(QPen(colour, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        p.drawRect(QRectF(half, half, self.width() - width, self.height() - width))
