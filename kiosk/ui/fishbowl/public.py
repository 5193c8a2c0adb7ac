"""The fishbowl's public display, readable from the back of a room.

One painted widget: the question, the running turn's time in huge figures, who speaks, the
session's time left, the circle of chairs (occupied, empty, speaking, next in the queue), and
the talk-time balance. Warning and over time are shown by more than colour: "30 s left" and a
pulsing ring in amber; "+0:12", "Over time" and a flashing border in red.

It repaints when a label changes (one precise single-shot timer, aligned to the clock), and only
the parts that changed; the pulse runs only in warning and over time, and not at all with
reduced motion.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.text import format_clock, format_duration
from kiosk.core.ticks import until_label_changes
from kiosk.theme import FONT_FAMILY, Palette, mix

WRAP = int(Qt.TextFlag.TextWordWrap)
AMBER = "#ffb300"
RED = "#ff5252"


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


class PublicView(QWidget):
    """Paints a FishbowlSession; call ``refresh()`` after the session changes."""

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
        self._labels: tuple[str, str, str] = ("", "", "")  # turn, session, phase
        self._rects: dict[str, QRectF] = {}
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
        session.subscribe(lambda _event: self.refresh())

    # --- time ---------------------------------------------------------------------------------
    def labels(self) -> tuple[str, str, str]:
        s = self.session
        return (
            format_clock(s.turn_remaining()),
            format_clock(s.session_remaining()),
            s.turn_phase().value,
        )

    def _tick(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Repaint what changed and schedule the next change (only while visible and running)."""
        labels = self.labels()
        if labels != self._labels:
            old = self._labels
            self._labels = labels
            if old[2] != labels[2] or not self._rects:
                self.update()  # a phase change recolours everything
            else:
                for key, i in (("clock", 0), ("session", 1)):
                    if old[i] != labels[i] and key in self._rects:
                        self.update(self._rects[key].toAlignedRect().adjusted(-4, -4, 4, 4))
                if "balance" in self._rects:
                    self.update(self._rects["balance"].toAlignedRect())
                if "circle" in self._rects:
                    self.update(self._rects["circle"].toAlignedRect())
        else:
            self.update()
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
            self._pulse = 0.0

    def timer_active(self) -> bool:
        return self._timer.isActive()

    def pulsing(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def _on_pulse(self, value: float) -> None:
        self._pulse = float(value)
        phase = self._labels[2]
        if phase == Phase.OVERTIME.value:
            self.update()  # the flashing border runs round the whole view
        elif "ring" in self._rects:
            self.update(self._rects["ring"].toAlignedRect().adjusted(-20, -20, 20, 20))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()
        self._anim.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._rects = {}
        self.update()

    # --- layout -------------------------------------------------------------------------------
    def _layout(self) -> dict[str, QRectF]:
        w, h = self.width(), self.height()
        m = min(w, h) * 0.035
        portrait = h > w
        r: dict[str, QRectF] = {}
        if portrait:
            r["question"] = QRectF(m, m, w - 2 * m, h * 0.16)
            r["clock"] = QRectF(m, h * 0.19, w - 2 * m, h * 0.22)
            r["who"] = QRectF(m, h * 0.41, w - 2 * m, h * 0.07)
            r["session"] = QRectF(m, h * 0.48, w - 2 * m, h * 0.045)
            r["circle"] = QRectF(m, h * 0.53, w - 2 * m, h * 0.27)
            r["balance"] = QRectF(m, h * 0.81, w - 2 * m, h * 0.16)
        else:
            r["question"] = QRectF(m, m, w - 2 * m, h * 0.16)
            left = w * 0.62
            r["clock"] = QRectF(m, h * 0.165, left - m, h * 0.45)
            r["who"] = QRectF(m, h * 0.615, left - m, h * 0.075)
            r["session"] = QRectF(m, h * 0.695, left - m, h * 0.055)
            r["circle"] = QRectF(left, h * 0.17, w - left - m, h * 0.58)
            r["balance"] = QRectF(m, h * 0.77, w - 2 * m, h * 0.2)
        ring = r["clock"].adjusted(-m * 0.4, -m * 0.2, m * 0.4, m * 0.2)
        r["ring"] = ring
        return r

    # --- painting -----------------------------------------------------------------------------
    def phase_colour(self) -> str:
        phase = self.session.turn_phase()
        if phase is Phase.OVERTIME:
            return RED
        if phase is Phase.WARNING:
            return AMBER
        return self.colours.text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._rects:
            self._rects = self._layout()
        r = self._rects
        s, pal = self.session, self.colours
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor(pal.background))
        phase = s.turn_phase()
        # each second only the changed parts are repainted: skip the parts outside them
        region = event.region()
        margin = min(self.width(), self.height()) * 0.05

        def dirty(key: str) -> bool:
            return region.intersects(
                r[key].adjusted(-margin, -margin, margin, margin).toAlignedRect()
            )

        if dirty("question"):
            self._paint_question(p, r["question"])
        if dirty("ring"):
            self._paint_clock(p, r["clock"], r["ring"], phase)
        if dirty("who"):
            self._paint_who(p, r["who"], phase)
        if dirty("session"):
            self._paint_session(p, r["session"])
        if dirty("circle"):
            self._paint_circle(p, r["circle"])
        if dirty("balance"):
            self._paint_balance(p, r["balance"])
        if phase is Phase.OVERTIME and s.state is not State.SETUP:
            self._paint_border(p)
        self.painted.emit(self._labels[0])

    def _paint_question(self, p: QPainter, rect: QRectF) -> None:
        s, pal = self.session, self.colours
        small = rect.height() * 0.2
        p.setPen(QColor(pal.accent_text))
        title = s.config.title or "Fishbowl discussion"
        title_rect = QRectF(rect.x(), rect.y(), rect.width(), small * 1.3)
        p.setFont(fitted(title, title_rect, small * 0.9, small * 0.5, bold=True, wrap=False))
        p.drawText(title_rect, 0, title)
        body = rect.adjusted(0, small * 1.4, 0, 0)
        f = fitted(s.question, body, rect.height() * 0.32, rect.height() * 0.14, bold=True)
        p.setFont(f)
        p.setPen(QColor(pal.text))
        p.drawText(body, WRAP, s.question)

    def _paint_clock(self, p: QPainter, rect: QRectF, ring: QRectF, phase: Phase) -> None:
        s = self.session
        colour = QColor(self.phase_colour())
        label = format_clock(s.turn_remaining())
        if phase in (Phase.WARNING, Phase.OVERTIME) and s.state is not State.SETUP:
            path = QPainterPath()
            radius = ring.height() * 0.18
            path.addRoundedRect(ring, radius, radius)
            width = max(4.0, ring.height() * (0.03 + 0.025 * self._pulse))
            ring_colour = QColor(colour)
            ring_colour.setAlphaF(0.55 + 0.45 * (1 - self._pulse))
            p.setPen(QPen(ring_colour, width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        f = self.clock_font(label, rect)
        p.setFont(f)
        p.setPen(colour)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)

    def clock_font(self, label: str, rect: QRectF | None = None) -> QFont:
        """Fitted to the label's shape with zeros, so the size does not jump as digits change."""
        rect = rect or self._rects.get("clock") or self._layout()["clock"]
        template = "".join("0" if c.isdigit() else c for c in label)
        return fitted(
            template,
            rect.adjusted(8, 0, -8, 0),
            rect.height() * 1.02,
            rect.height() * 0.4,
            bold=True,
            wrap=False,
        )

    def _state_text(self, phase: Phase) -> str:
        s = self.session
        if s.state is State.SETUP:
            return "Ready to start"
        if s.state is State.FINISHED:
            return "Session finished"
        if s.state is State.PAUSED:
            return "Paused"
        if s.speaker is None:
            return "Who speaks next?"
        if phase is Phase.OVERTIME:
            return "Over time"
        if phase is Phase.WARNING:
            left = max(0, math.ceil(s.turn_remaining() - 1e-3))
            return f"{left} s left"
        return ""

    def _paint_who(self, p: QPainter, rect: QRectF, phase: Phase) -> None:
        s, pal = self.session, self.colours
        speaker = s.speaker
        state = self._state_text(phase)
        who = speaker.label if speaker is not None else ""
        text = "  ·  ".join(x for x in (who, state) if x)
        p.setFont(
            fitted(text, rect, rect.height() * 0.7, rect.height() * 0.35, bold=True, wrap=False)
        )
        colour = self.phase_colour() if phase is not Phase.NORMAL else pal.accent_text
        if s.state in (State.PAUSED, State.SETUP, State.FINISHED):
            colour = pal.muted
        p.setPen(QColor(colour))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_session(self, p: QPainter, rect: QRectF) -> None:
        s, pal = self.session, self.colours
        remaining = s.session_remaining()
        text = (
            f"Session: {format_clock(remaining)} left"
            if remaining >= 0
            else f"Session over time: {format_clock(remaining)}"
        )
        spoken, seated = s.round_progress()
        if s.state is not State.SETUP:
            text += f"   ·   Round {s.round_number}: {spoken} of {seated} have spoken"
        p.setFont(fitted(text, rect, rect.height() * 0.62, rect.height() * 0.3, wrap=False))
        session_phase = s.session_phase()
        colour = {Phase.OVERTIME: RED, Phase.WARNING: AMBER}.get(session_phase, pal.muted)
        p.setPen(QColor(colour))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_circle(self, p: QPainter, rect: QRectF) -> None:
        s, pal = self.session, self.colours
        chairs = s.chairs()
        n = len(chairs)
        label_h = rect.height() * 0.1
        cx, cy = rect.center().x(), rect.center().y() - label_h * 0.2
        radius = min(rect.width(), rect.height() - 2.2 * label_h) * 0.4
        seat = min(radius * math.sin(math.pi / max(n, 2)) * 0.95, rect.height() * 0.16)
        # the table in the middle
        table = QColor(mix(pal.background, pal.text, 0.08))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(table)
        p.drawEllipse(QPointF(cx, cy), radius * 0.55, radius * 0.55)
        if s.circle_full and s.state is not State.SETUP:
            p.setPen(QColor(AMBER))
            p.setFont(
                fitted(
                    "Circle full: someone please step out",
                    QRectF(cx - radius * 0.5, cy - radius * 0.3, radius, radius * 0.6),
                    seat * 0.5,
                    seat * 0.22,
                )
            )
            p.drawText(
                QRectF(cx - radius * 0.5, cy - radius * 0.3, radius, radius * 0.6),
                int(Qt.AlignmentFlag.AlignCenter) | WRAP,
                "Circle full: someone please step out",
            )
        name_font = font(max(12.0, seat * 0.4), bold=True)
        for chair in chairs:
            angle = -math.pi / 2 + 2 * math.pi * chair.index / n
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            centre = QPointF(x, y)
            if chair.speaking:
                glow = QColor(
                    self.phase_colour() if s.turn_phase() is not Phase.NORMAL else pal.accent
                )
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
            if chair.queue_position is not None:
                p.setPen(QColor(pal.accent_text))
                p.setFont(font(seat * 0.36, bold=True))
                p.drawText(
                    QRectF(x + seat * 0.35, y - seat * 0.85, seat, seat * 0.5),
                    0,
                    f"next {chair.queue_position + 1}" if chair.queue_position else "next",
                )
            text = chair.label if chair.occupied else "open"
            p.setFont(name_font)
            p.setPen(QColor(pal.text if chair.occupied else AMBER))
            box = QRectF(x - seat * 1.6, y + seat * 0.62, seat * 3.2, label_h * 1.2)
            p.drawText(
                box,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                QFontMetricsF(name_font).elidedText(text, Qt.TextElideMode.ElideRight, box.width()),
            )

    def _paint_balance(self, p: QPainter, rect: QRectF) -> None:
        """Talk time per chair: who has spoken a lot, who not yet."""
        s, pal = self.session, self.colours
        talk = s.talk_time_by_chair()
        chairs = s.chairs()
        n = max(1, len(talk))
        heading_h = rect.height() * 0.22
        p.setPen(QColor(pal.muted))
        p.setFont(font(heading_h * 0.8, bold=True))
        p.drawText(QRectF(rect.x(), rect.y(), rect.width(), heading_h), 0, "Talk time by chair")
        area = rect.adjusted(0, heading_h * 1.15, 0, 0)
        gap = area.width() * 0.012
        col = (area.width() - gap * (n - 1)) / n
        most = max(max(talk), 1.0)
        label_h = area.height() * 0.34
        bar_h = area.height() - label_h
        for i, seconds in enumerate(talk):
            x = area.x() + i * (col + gap)
            track = QRectF(x, area.y(), col, bar_h * 0.55)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(mix(pal.background, pal.text, 0.1)))
            p.drawRoundedRect(track, 6, 6)
            fill = QRectF(x, area.y(), col * seconds / most, bar_h * 0.55)
            p.setBrush(
                QColor(pal.accent if chairs[i].speaking else mix(pal.accent, pal.muted, 0.5))
            )
            if fill.width() > 1:
                p.drawRoundedRect(fill, 6, 6)
            p.setPen(QColor(pal.text))
            f = font(min(label_h * 0.75, col * 0.16), bold=chairs[i].speaking)
            p.setFont(f)
            name = chairs[i].label
            text = f"{name}  {format_duration(seconds)}"
            shown = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideMiddle, col)
            p.drawText(QRectF(x, area.y() + bar_h * 0.6, col, label_h * 1.2), 0, shown)

    def _paint_border(self, p: QPainter) -> None:
        width = max(6.0, min(self.width(), self.height()) * 0.014)
        colour = QColor(RED)
        colour.setAlphaF(1.0 if self.reduced_motion else 0.35 + 0.65 * (1 - self._pulse))
        p.setPen(QPen(colour, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        p.drawRect(QRectF(half, half, self.width() - width, self.height() - width))
