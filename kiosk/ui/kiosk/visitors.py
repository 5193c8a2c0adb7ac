"""The admin screen's "Visitors" part: what this kiosk's analytics say (kiosk.core.analytics),
as figures and painted charts: sessions today and in all, the median visit, posters by views
and median time on them, the poll's results, the busiest hours."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.analytics.report import Figures, duration_text, figures
from kiosk.i18n import N_
from kiosk.ui.context import Ctx
from kiosk.ui.widgets import label

# the words of this part, in one place (translated where shown: ctx.tr)
HEADING = N_("Visitors")
NONE = N_("No visitor sessions recorded yet.")
OFF = N_("Analytics are off (gallery.yaml: analytics: enabled: false).")
SESSIONS = N_("{today} sessions today, {total} in all; median visit {median}")
POSTERS = N_("Posters by views (median time on the poster)")
POLL = N_("Poll results")
HOURS = N_("Busiest hours (sessions started)")


def read_figures(path: Path, now: float | None = None) -> Figures | None:
    """The figures of the database at ``path``; None when there is none or it cannot be read."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(path, timeout=0.5)
        try:
            return figures(db, now if now is not None else time.time())
        finally:
            db.close()
    except sqlite3.Error:
        return None


class BarChart(QWidget):
    """Horizontal bars, one row each: a name above its bar, the figure in words at its end."""

    def __init__(self, ctx: Ctx, rows: Sequence[tuple[str, float, str]]) -> None:
        super().__init__()
        self.ctx, self.rows = ctx, list(rows)
        s = ctx.scale
        self.row_h = s.px("small") * 2 + s.space(2)
        self.setFixedHeight(max(1, self.row_h * len(self.rows)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("; ".join(f"{n}: {w}" for n, _, w in self.rows))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        s, pal = self.ctx.scale, self.ctx.palette
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(s.px("small"))
        p.setFont(font)
        top = max((v for _, v, _ in self.rows), default=0) or 1
        words_w = s.px("small") * 9
        room = max(1.0, self.width() - words_w - s.space(2))
        line = s.px("small") * 1.3
        for i, (name, value, words) in enumerate(self.rows):
            y = i * self.row_h
            p.setPen(QColor(pal.text))
            shown = p.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, self.width())
            p.drawText(QRectF(0, y, self.width(), line), Qt.AlignmentFlag.AlignVCenter, shown)
            bar = QRectF(0, y + line, room * value / top, s.px("small"))
            p.fillRect(QRectF(0, y + line, room, s.px("small")), QColor(pal.surface))
            p.fillRect(bar, QColor(pal.accent))
            p.drawText(
                QRectF(room + s.space(2), y + line, words_w, s.px("small")),
                Qt.AlignmentFlag.AlignVCenter,
                words,
            )
        p.end()


class HoursChart(QWidget):
    """Sessions started in each hour of the day, as 24 columns with the hours beneath."""

    def __init__(self, ctx: Ctx, hours: Sequence[int]) -> None:
        super().__init__()
        self.ctx, self.hours = ctx, list(hours)
        self.setFixedHeight(ctx.scale.space(20))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        busiest = sorted(range(24), key=lambda h: -self.hours[h])[:3]
        self.setAccessibleName(
            ", ".join(f"{h:02d}:00 {self.hours[h]}" for h in busiest if self.hours[h])
        )

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        s, pal = self.ctx.scale, self.ctx.palette
        p = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(s.px("small"))
        p.setFont(font)
        foot = s.px("small") * 1.4
        height = self.height() - foot
        step = self.width() / 24
        top = max(self.hours) or 1
        for h, n in enumerate(self.hours):
            bar = height * n / top
            p.fillRect(QRectF(h * step + 2, height - bar, step - 4, bar), QColor(pal.accent))
            if h % 3 == 0:
                p.setPen(QColor(pal.muted))
                p.drawText(
                    QRectF(h * step, height, step * 2, foot), Qt.AlignmentFlag.AlignLeft, f"{h:02d}"
                )
        p.end()


def visitors_part(
    ctx: Ctx, found: Figures | None, names: Mapping[str, str], enabled: bool = True
) -> QWidget:
    part = QWidget()
    part.setObjectName("visitors")
    box = QVBoxLayout(part)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(ctx.scale.space(1.5))
    box.addWidget(label(ctx.tr(HEADING), "h3"))
    if not enabled:
        box.addWidget(label(ctx.tr(OFF), "small"))
        return part
    if found is None or found.sessions == 0:
        box.addWidget(label(ctx.tr(NONE), "small"))
        return part
    box.addWidget(
        label(
            ctx.tr(SESSIONS).format(
                today=ctx.number(found.sessions_today),
                total=ctx.number(found.sessions),
                median=duration_text(found.median_session_seconds),
            ),
            "body",
            "accent",
        )
    )
    if found.posters:
        box.addWidget(label(ctx.tr(POSTERS), "label"))
        rows = [
            (
                names.get(p.poster, p.poster),
                p.views,
                f"{p.views} ({duration_text(p.median_seconds)})",
            )
            for p in found.posters
        ]
        box.addWidget(BarChart(ctx, rows))
    for poll, tally in sorted(found.polls.items()):
        box.addWidget(label(f"{ctx.tr(POLL)}: {names.get(f'{poll}?', poll)}", "label"))
        total = sum(tally.values()) or 1
        rows = [
            (names.get(f"{poll}#{o}", str(o + 1)), n, f"{n} ({round(100 * n / total)}%)")
            for o, n in sorted(tally.items())
        ]
        box.addWidget(BarChart(ctx, rows))
    box.addWidget(label(ctx.tr(HOURS), "label"))
    box.addWidget(HoursChart(ctx, found.hours))
    return part
