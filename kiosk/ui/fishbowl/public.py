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
    Heading,
    Line,
    Scene,
    Tone,
    build_scene,
)
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock
from kiosk.core.ticks import until_label_changes
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


@dataclass(frozen=True)
class Layout:
    """Where each part goes at one size. ``parts`` are the rectangles each part is clipped to
    and repainted by (they may overlap: a paint draws every part meeting its region, in order).
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


def make_layout(w: int, h: int) -> Layout:
    m = min(w, h) * 0.035
    r: dict[str, QRectF] = {}
    if h > w:  # portrait
        r["heading"] = QRectF(m, m, w - 2 * m, h * 0.16)
        digits = QRectF(m, h * 0.19, w - 2 * m, h * 0.22)
        r["who"] = QRectF(m, h * 0.41, w - 2 * m, h * 0.07)
        r["session"] = QRectF(m, h * 0.48, w - 2 * m, h * 0.045)
        r["circle"] = QRectF(m, h * 0.53, w - 2 * m, h * 0.27)
        r["balance"] = QRectF(m, h * 0.81, w - 2 * m, h * 0.16)
    else:
        r["heading"] = QRectF(m, m, w - 2 * m, h * 0.16)
        left = w * 0.62
        digits = QRectF(m, h * 0.165, left - m, h * 0.45)
        r["who"] = QRectF(m, h * 0.615, left - m, h * 0.075)
        r["session"] = QRectF(m, h * 0.695, left - m, h * 0.055)
        r["circle"] = QRectF(left, h * 0.17, w - left - m, h * 0.58)
        r["balance"] = QRectF(m, h * 0.77, w - 2 * m, h * 0.2)
    ring = digits.adjusted(-m * 0.4, -m * 0.2, m * 0.4, m * 0.2)
    radius = ring.height() * 0.18
    half_pen = max(4.0, ring.height() * sum(RING_WIDTH)) / 2 + 1  # the widest pen, and 1 px
    clock = _aligned(ring.adjusted(-half_pen, -half_pen, half_pen, half_pen))
    # inside the ring's stroke: a rounded rectangle (its corners curve inwards, so a
    # rectangular "inside" would leave the corners of the ring out of the band)
    inner = QPainterPath()
    d = half_pen + 1  # the polygon's corners are rounded to whole pixels
    inner.addRoundedRect(ring.adjusted(d, d, -d, -d), max(0.0, radius - d), max(0.0, radius - d))
    inside = QRegion(inner.toFillPolygon().toPolygon())
    parts = {name: _aligned(rect) for name, rect in r.items()}
    parts["clock"] = clock
    border_width = max(6.0, min(w, h) * 0.014)
    whole = QRect(0, 0, w, h)
    edge = math.ceil(border_width) + 1
    return Layout(
        parts={name: parts[name] for name in PARTS},
        digits=digits,
        digits_clip=QRegion(_aligned(digits)).intersected(inside),
        ring=ring,
        ring_radius=radius,
        ring_band=QRegion(clock).subtracted(inside),
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
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.colours = palette
        self.reduced_motion = reduced_motion
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Fishbowl timer")
        self._scene: Scene | None = None  # what the screen shows (or is about to)
        self._layout: Layout | None = None
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
            self._scene = build_scene(self.session)
        return self._scene

    def labels(self) -> tuple[str, str, str]:
        """(turn label, session label, turn phase) now, read from the session."""
        s = self.session
        return (
            format_clock(s.turn_remaining()),
            format_clock(s.session_remaining()),
            s.turn_phase().value,
        )

    def layout_rects(self) -> Layout:
        if self._layout is None:
            self._layout = make_layout(self.width(), self.height())
        return self._layout

    def _tick(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Build the scene now, repaint the parts that changed, and schedule the next change
        (only while visible and running)."""
        new = build_scene(self.session)
        old, self._scene = self._scene, new
        if old is None or self._layout is None or new.restyles(old):
            self.update()
        else:
            rects = self._layout.parts
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
        scene, layout = self._scene, self._layout
        if scene is None or layout is None:
            return
        region = QRegion()
        if scene.clock.ring:
            region = region.united(layout.ring_band)
        if scene.border and not self.reduced_motion:
            region = region.united(layout.border_band)
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
        self._layout = None
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
        return self.tone(self.scene().clock.tone).name()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        scene, layout = self.scene(), self.layout_rects()
        region = event.region()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor(self.colours.background))
        # every part that meets the region, each inside its own rectangle only: a partial
        # repaint gives the same pixels as a full one
        painters = {
            "heading": lambda rect: self._paint_heading(p, rect, scene.heading),
            "clock": lambda rect: self._paint_clock(p, layout, region, scene.clock),
            "who": lambda rect: self._paint_line(p, rect, scene.who, 0.7, 0.35, bold=True),
            "session": lambda rect: self._paint_line(p, rect, scene.session, 0.62, 0.3),
            "circle": lambda rect: self._paint_circle(p, QRectF(rect), scene.circle),
            "balance": lambda rect: self._paint_balance(p, QRectF(rect), scene.balance),
        }
        for name in PARTS:
            rect = layout.parts[name]
            if region.intersects(rect):
                p.save()
                p.setClipRect(rect)
                painters[name](rect)
                p.restore()
        if scene.border and region.intersects(layout.border_band):
            p.setClipRegion(layout.border_band)
            self._paint_border(p, layout.border_width)
        p.end()
        self.painted.emit(scene.clock.label)

    def _paint_heading(self, p: QPainter, r: QRect, heading: Heading) -> None:
        rect = QRectF(r)
        small = rect.height() * 0.2
        p.setPen(QColor(self.colours.accent_text))
        title_rect = QRectF(rect.x(), rect.y(), rect.width(), small * 1.3)
        p.setFont(
            fitted(heading.title, title_rect, small * 0.9, small * 0.5, bold=True, wrap=False)
        )
        p.drawText(title_rect, 0, heading.title)
        body = rect.adjusted(0, small * 1.4, 0, 0)
        p.setFont(fitted(heading.question, body, rect.height() * 0.32, rect.height() * 0.14, True))
        p.setPen(QColor(self.colours.text))
        p.drawText(body, WRAP, heading.question)

    def _paint_clock(self, p: QPainter, layout: Layout, region: QRegion, clock: Clock) -> None:
        colour = self.tone(clock.tone)
        if clock.ring and region.intersects(layout.ring_band):
            ring = layout.ring
            path = QPainterPath()
            path.addRoundedRect(ring, layout.ring_radius, layout.ring_radius)
            width = max(4.0, ring.height() * (RING_WIDTH[0] + RING_WIDTH[1] * self._pulse))
            ring_colour = QColor(colour)
            ring_colour.setAlphaF(0.55 + 0.45 * (1 - self._pulse))
            p.setPen(QPen(ring_colour, width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        # the figures only when their own rectangle is repainted: big glyphs are not cached
        if region.intersects(layout.digits_clip):
            p.setClipRegion(layout.digits_clip)
            p.setFont(self.clock_font(clock.label, layout.digits))
            p.setPen(colour)
            p.drawText(layout.digits, int(Qt.AlignmentFlag.AlignCenter), clock.label)

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
        self, p: QPainter, r: QRect, line: Line, start: float, least: float, bold: bool = False
    ) -> None:
        if not line.text:
            return
        rect = QRectF(r)
        h = rect.height()
        p.setFont(fitted(line.text, rect, h * start, h * least, bold=bold, wrap=False))
        p.setPen(self.tone(line.tone))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), line.text)

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
                p.setFont(font(seat * 0.36, bold=True))
                p.drawText(
                    QRectF(x + seat * 0.35, y - seat * 0.85, seat * 1.4, seat * 0.5),
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

    def _paint_balance(self, p: QPainter, rect: QRectF, balance: Balance) -> None:
        """Talk time: who has spoken a lot, who not yet."""
        pal = self.colours
        bars = balance.bars
        n = max(1, len(bars))
        heading_h = rect.height() * 0.22
        p.setPen(QColor(pal.muted))
        p.setFont(font(heading_h * 0.8, bold=True))
        p.drawText(QRectF(rect.x(), rect.y(), rect.width(), heading_h), 0, balance.heading)
        area = rect.adjusted(0, heading_h * 1.15, 0, 0)
        gap = area.width() * 0.012
        col = (area.width() - gap * (n - 1)) / n
        label_h = area.height() * 0.34
        bar_h = area.height() - label_h
        for i, bar in enumerate(bars):
            x = area.x() + i * (col + gap)
            track = QRectF(x, area.y(), col, bar_h * 0.55)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(mix(pal.background, pal.text, 0.1)))
            p.drawRoundedRect(track, 6, 6)
            fill = QRectF(x, area.y(), col * bar.fraction, bar_h * 0.55)
            p.setBrush(QColor(pal.accent if bar.highlighted else mix(pal.accent, pal.muted, 0.5)))
            if fill.width() > 1:
                p.drawRoundedRect(fill, 6, 6)
            p.setPen(QColor(pal.text))
            f = font(min(label_h * 0.75, col * 0.16), bold=bar.highlighted)
            p.setFont(f)
            text = f"{bar.label}  {bar.time}"
            shown = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideMiddle, col)
            p.drawText(QRectF(x, area.y() + bar_h * 0.6, col, label_h * 1.2), 0, shown)

    def _paint_border(self, p: QPainter, width: float) -> None:
        colour = QColor(RED)
        colour.setAlphaF(1.0 if self.reduced_motion else 0.35 + 0.65 * (1 - self._pulse))
        p.setPen(QPen(colour, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        p.drawRect(QRectF(half, half, self.width() - width, self.height() - width))
