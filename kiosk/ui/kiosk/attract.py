"""The attract loop: what an unattended kiosk shows after a reset, until someone touches it.

Posters (their artwork and title) and the speakers' quotes take turns, slowly, under a
"Touch to explore" prompt; the credits (organisers, partners, who made the material) close
the round. The first touch only wakes the kiosk: the overlay takes it, so it
never opens whatever lies underneath. Against burn-in the content shifts by a few pixels every
few slides. Timers run only while the loop is on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimeLine,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.content.credits import CreditGroup, event_when, organisation_groups, role_groups
from kiosk.content.model import Poster, Quote
from kiosk.core.flow import Item, flow
from kiosk.i18n import N_
from kiosk.theme import FONT_FAMILY
from kiosk.ui.context import Ctx
from kiosk.ui.credits import logo_aspect
from kiosk.ui.kiosk.awake import BURN_IN_AMPLITUDE_PX, burn_in_offset
from kiosk.ui.language import LanguageButtons

WRAP = int(Qt.TextFlag.TextWordWrap)
SHIFT_EVERY = 4  # slides between two burn-in shifts (a pixel each: nobody notices)
PULSE_STEP_MS = 40
PROMPT = N_("Touch to explore")
"""The prompt when gallery.yaml's attract.prompt gives none."""


@dataclass(frozen=True)
class CreditsSlide:
    """The event's credits: organisers and partners (with their logos), then the roles."""

    organisations: tuple[CreditGroup, ...]
    roles: tuple[CreditGroup, ...]

    def __bool__(self) -> bool:
        return bool(self.organisations or self.roles)


def slides_for(
    posters: tuple[Poster, ...], quotes: tuple[Quote, ...], credits: CreditsSlide | None = None
) -> list[object]:
    """Two posters, then a quote, and so on: every poster and every quote in turn; the
    credits last, when there are any."""
    out: list[object] = []
    q = 0
    for i, poster in enumerate(posters):
        out.append(poster)
        if i % 2 == 1 and q < len(quotes):
            out.append(quotes[q])
            q += 1
    out.extend(quotes[q:])
    if credits:
        out.append(credits)
    return out


class AttractOverlay(QWidget):
    woke = Signal()
    language_chosen = Signal(str)  # a language button: the gallery in it, and awake

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        settings = ctx.gallery.settings
        credits = CreditsSlide(
            organisation_groups(settings, ctx.t, ctx.tr), role_groups(settings, ctx.t)
        )
        self.slides = slides_for(ctx.gallery.posters, ctx.gallery.quotes, credits)
        self.index = 0
        self.shifts = 0
        self._pulse = 1.0
        seconds = ctx.gallery.settings.attract.seconds_per_slide
        self._timer = QTimer(self)
        self._timer.setInterval(round(seconds * 1000))
        self._timer.timeout.connect(self.advance)
        # the prompt's slow pulse: 25 steps a second are as smooth to the eye as 60 for a fade
        # this slow, at less than half the cost (a frame is ~1 ms of a core, whatever its size)
        self._anim = QTimeLine(2400, self)
        self._anim.setEasingCurve(QEasingCurve(QEasingCurve.Type.Linear))
        self._anim.setLoopCount(0)  # for ever
        self._anim.setUpdateInterval(PULSE_STEP_MS)
        self._anim.valueChanged.connect(self._on_pulse)
        # a bound method, not a lambda: Qt drops the connection when the overlay is deleted
        # (a reloaded gallery replaces it while the image store lives on)
        ctx.images.ready.connect(self._images_ready)
        self._frame: QPixmap | None = None  # the slide as painted, without the prompt
        self._prompt: QPixmap | None = None
        self._box: QRectF | None = None
        prompt = ctx.gallery.settings.attract.prompt
        self.prompt = ctx.t(prompt) if prompt is not None else ctx.tr(PROMPT)
        self.setAccessibleName(f"{self.prompt}: {ctx.t(ctx.gallery.settings.title)}")
        # the visitor's language, chosen before the first touch: top right, over the slides
        self.languages = LanguageButtons(ctx, self)
        self.languages.chosen.connect(self.language_chosen)
        self.hide()

    # --- running --------------------------------------------------------------------------------

    def advance(self) -> None:
        if not self.slides:
            return
        self.index = (self.index + 1) % len(self.slides)
        if self.index % SHIFT_EVERY == 0:
            self.shifts += 1
        self._frame = None
        self.update()

    def _images_ready(self, _key: str) -> None:
        if self.isVisible():
            self._frame = None
            self.update()

    def offset(self) -> tuple[int, int]:
        return burn_in_offset(
            self.shifts, max(2, round(BURN_IN_AMPLITUDE_PX * self.ctx.scale.factor))
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """The loop starts from its first slide each time it is shown; its timers run only
        while it is on screen."""
        super().showEvent(event)
        self.index = 0
        self._frame = None
        self._timer.start()
        if not self.ctx.reduced_motion:
            self._anim.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()
        self._anim.stop()
        self._frame = self._prompt = self._box = None  # no full-screen pixmap while hidden

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._frame = self._prompt = self._box = None
        margin = self.ctx.scale.space(2)
        hint = self.languages.sizeHint()
        self.languages.setGeometry(
            self.width() - hint.width() - margin, margin, hint.width(), hint.height()
        )

    def _on_language_button(self, pos: QPointF) -> bool:
        """A press on a language button: the button takes it (it does not wake the kiosk)."""
        if not self.languages.isVisible():
            return False
        return self.languages.geometry().contains(pos.toPoint())

    def timers_active(self) -> bool:
        return self._timer.isActive()

    def _on_pulse(self, value: float) -> None:
        self._pulse = 0.55 + 0.45 * abs(1 - 2 * float(value))
        self.update((self._box or self._prompt_rect()).toAlignedRect())

    # --- the first touch wakes it, and only wakes it ---------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            if points and self._on_language_button(points[0].position()):
                event.ignore()  # Qt makes it a click on the button under the finger
                return False
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonDblClick,
        ):
            event.accept()
            self.woke.emit()  # the kiosk leaves the attract mode: the window hides this
            return True
        if event.type() in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseMove,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.ContextMenu,
        ):
            event.accept()
            return True
        return super().event(event)

    # --- painting -------------------------------------------------------------------------------
    def _font(self, px: float, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPixelSize(max(10, round(px)))
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def _prompt_rect(self) -> QRectF:
        h = self.height()
        return QRectF(0, h * 0.84, self.width(), h * 0.12)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """The slide is painted once into a pixmap; the pulsing prompt (60 times a second, in
        its own rectangle) only blits that pixmap and fades a pre-rendered prompt over it:
        large text is not glyph-cached (PITFALLS.md §6), so re-drawing it each frame cost
        ~15 % of a core here."""
        ratio = self.devicePixelRatioF()
        if self._frame is None or self._frame.size() != self.size() * ratio:
            self._frame = self._render_frame(ratio)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._frame)
        box = self._box
        if self._prompt is None or box is None:
            self._box = box = self._prompt_box()
            self._prompt = self._render_prompt(box, ratio)
        p.setOpacity(self._pulse if not self.ctx.reduced_motion else 1.0)
        p.drawPixmap(box.topLeft(), self._prompt)

    def _render_frame(self, ratio: float) -> QPixmap:
        frame = QPixmap(self.size() * ratio)
        frame.setDevicePixelRatio(ratio)
        p = QPainter(frame)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        pal = self.ctx.palette
        p.fillRect(self.rect(), QColor(pal.background))
        dx, dy = self.offset()
        p.translate(dx, dy)
        w, h = self.width(), self.height()
        title = self.ctx.t(self.ctx.gallery.settings.title)
        p.setPen(QColor(pal.muted))
        font = self._font(h * 0.035, bold=True)
        while font.pixelSize() > 12 and QFontMetricsF(font).horizontalAdvance(title) > w * 0.9:
            font.setPixelSize(font.pixelSize() - 2)  # a portrait screen cut the title short
        p.setFont(font)
        p.drawText(
            QRectF(w * 0.05, h * 0.03, w * 0.9, h * 0.06), int(Qt.AlignmentFlag.AlignLeft), title
        )
        if self.slides:
            slide = self.slides[self.index]
            body = QRectF(w * 0.06, h * 0.12, w * 0.88, h * 0.7)
            if isinstance(slide, Poster):
                self._paint_poster(p, slide, body)
            elif isinstance(slide, Quote):
                self._paint_quote(p, slide, body)
            elif isinstance(slide, CreditsSlide):
                self._paint_credits(p, slide, body)
        p.end()
        return frame

    def _prompt_box(self) -> QRectF:
        """Where the prompt's letters are (padded): the only part the pulse repaints."""
        rect = self._prompt_rect()
        box = QFontMetricsF(self._font(self.height() * 0.06, bold=True)).boundingRect(
            rect, int(Qt.AlignmentFlag.AlignCenter), self.prompt
        )
        pad = self.height() * 0.01
        return box.adjusted(-pad, -pad, pad, pad).intersected(rect)

    def _render_prompt(self, box: QRectF, ratio: float) -> QPixmap:
        rect = self._prompt_rect()
        pix = QPixmap((box.size() * ratio).toSize())
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(-box.topLeft())
        p.setPen(QColor(self.ctx.palette.accent_text))
        p.setFont(self._font(self.height() * 0.06, bold=True))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.prompt)
        p.end()
        return pix

    def _paint_poster(self, p: QPainter, poster: Poster, body: QRectF) -> None:
        pal = self.ctx.palette
        portrait = body.height() > body.width()
        if portrait:
            art = QRectF(body.x(), body.y(), body.width(), body.height() * 0.55)
            text = QRectF(
                body.x(), body.y() + body.height() * 0.6, body.width(), body.height() * 0.4
            )
        else:
            art = QRectF(
                body.x() + body.width() * 0.45, body.y(), body.width() * 0.55, body.height()
            )
            text = QRectF(
                body.x(), body.y() + body.height() * 0.2, body.width() * 0.42, body.height() * 0.7
            )
        path = poster.artwork.path if poster.artwork else None
        if path is not None:
            ratio = self.devicePixelRatioF()
            image = self.ctx.images.get(
                path, QSize(round(art.width() * ratio), round(art.height() * ratio))
            )
            if image is not None and not image.isNull():
                iw, ih = image.width() / ratio, image.height() / ratio
                p.drawImage(
                    QRectF(
                        art.x() + (art.width() - iw) / 2, art.y() + (art.height() - ih) / 2, iw, ih
                    ),
                    image,
                )
        place = ", ".join(x for x in (self.ctx.t(poster.city), self.ctx.t(poster.country)) if x)
        y = text.y()
        if place:
            f = self._font(text.height() * 0.1, bold=True)
            p.setFont(f)
            p.setPen(QColor(pal.accent_text))
            p.drawText(QRectF(text.x(), y, text.width(), text.height() * 0.15), 0, place)
            y += text.height() * 0.16
        f = self._font(text.height() * 0.16, bold=True)
        title = self.ctx.t(poster.title)
        while (
            f.pixelSize() > 18
            and QFontMetricsF(f).boundingRect(QRectF(0, 0, text.width(), 1e6), WRAP, title).height()
            > text.height() * 0.6
        ):
            f.setPixelSize(f.pixelSize() - 2)
        p.setFont(f)
        p.setPen(QColor(pal.text))
        p.drawText(QRectF(text.x(), y, text.width(), text.height() * 0.7), WRAP, title)

    def _paint_quote(self, p: QPainter, quote: Quote, body: QRectF) -> None:
        pal = self.ctx.palette
        words = f"“{self.ctx.t(quote.text)}”"
        px = body.height() * 0.09
        f = self._font(px, italic=True)
        while (
            px > 16
            and QFontMetricsF(f).boundingRect(QRectF(0, 0, body.width(), 1e6), WRAP, words).height()
            > body.height() * 0.78
        ):
            px -= 2
            f = self._font(px, italic=True)
        p.setFont(f)
        p.setPen(QColor(pal.text))
        text_h = (
            QFontMetricsF(f).boundingRect(QRectF(0, 0, body.width(), 1e6), WRAP, words).height()
        )
        top = body.y() + max(0.0, (body.height() * 0.85 - text_h) / 2)
        p.drawText(QRectF(body.x(), top, body.width(), text_h + 4), WRAP, words)
        who = self.ctx.t(quote.speaker)
        role = self.ctx.t(quote.role)
        p.setFont(self._font(max(18.0, px * 0.7), bold=True))
        p.setPen(QColor(pal.accent_text))
        y = top + text_h + px * 0.5
        p.drawText(
            QRectF(body.x(), y, body.width(), px * 1.2), 0, who + (f", {role}" if role else "")
        )

    def _paint_credits(self, p: QPainter, slide: CreditsSlide, body: QRectF) -> None:
        """The date and place, the organisers and partners with their logos, then each role
        and its names: the largest size at which it all fits the slide."""
        px = body.height() * 0.05
        while px > 14 and self._credits_block(None, slide, body, px) > body.height():
            px -= 1
        self._credits_block(p, slide, body, px)

    def _credits_block(
        self, p: QPainter | None, slide: CreditsSlide, body: QRectF, px: float
    ) -> float:
        """Paint the credits at text size ``px`` (measure only, without ``p``); their height."""
        pal, ctx = self.ctx.palette, self.ctx
        settings = ctx.gallery.settings
        y = body.y()
        width = body.width()

        def text(words: str, font: QFont, colour: str, x: float = 0.0) -> float:
            """Wrapped text from ``x`` at ``y``; its height."""
            rect = QFontMetricsF(font).boundingRect(QRectF(0, 0, width - x, 1e6), WRAP, words)
            if p is not None:
                p.setFont(font)
                p.setPen(QColor(colour))
                p.drawText(QRectF(body.x() + x, y, width - x, rect.height() + 2), WRAP, words)
            return rect.height()

        if settings.subtitle:
            y += text(ctx.t(settings.subtitle), self._font(px), pal.text) + px * 0.3
        when = event_when(settings, ctx.t, ctx.date)
        if when:
            y += text(when, self._font(px * 0.9), pal.accent_text) + px
        heading, name_font = self._font(px * 0.8, bold=True), self._font(px * 1.1)
        logo_h = QFontMetricsF(name_font).height() * 1.5
        for group in slide.organisations:
            y += text(group.heading, heading, pal.muted) + px * 0.3
            y += self._logo_row(p, group, QRectF(body.x(), y, width, 0), name_font, logo_h)
            y += px * 0.8
        for group in slide.roles:
            names = "; ".join(n.full for n in group.names)
            y += text(group.heading, heading, pal.muted) + px * 0.15
            y += text(names, self._font(px * 0.9), pal.text) + px * 0.5
        return y - body.y()

    def _logo_row(
        self, p: QPainter | None, group: CreditGroup, at: QRectF, font: QFont, logo_h: float
    ) -> float:
        """The group's names, each after its logo, on as many lines as they need; the height."""
        fm = QFontMetricsF(font)
        gap = fm.height()
        widths = [
            (logo_aspect(n) * logo_h + gap * 0.4 if n.logo else 0.0) + fm.horizontalAdvance(n.shown)
            for n in group.names
        ]
        items = [
            # whole pixels up (a name rounded down by a fraction was cut to "SAC...")
            Item(math.ceil(min(w + 1, at.width())), round(gap) if i else 0)
            for i, w in enumerate(widths)
        ]
        lines = flow(items, round(at.width()), len(items), lambda _n: 0).lines
        line_h = max(logo_h if any(n.logo for n in group.names) else 0.0, fm.height())
        if p is not None:
            p.setFont(font)
            p.setPen(QColor(self.ctx.palette.text))
            ratio = self.devicePixelRatioF()
            for row, line in enumerate(lines):
                x, y = at.x(), at.y() + row * line_h * 1.2
                for i in line:
                    name = group.names[i]
                    x += items[i].gap if i != line[0] else 0
                    start = x
                    if name.logo is not None:
                        w = logo_aspect(name) * logo_h
                        image = self.ctx.images.get(
                            name.logo, QSize(round(w * ratio), round(logo_h * ratio))
                        )
                        if image is not None and not image.isNull():
                            iw, ih = image.width() / ratio, image.height() / ratio
                            p.drawImage(
                                QRectF(x + (w - iw) / 2, y + (line_h - ih) / 2, iw, ih), image
                            )
                        x += w + gap * 0.4
                    room = items[i].width - (x - start)
                    shown = fm.elidedText(name.shown, Qt.TextElideMode.ElideRight, room)
                    p.drawText(
                        QRectF(x, y, room + 1, line_h), int(Qt.AlignmentFlag.AlignVCenter), shown
                    )
                    x = start + items[i].width
        return len(lines) * line_h * 1.2
