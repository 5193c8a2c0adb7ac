"""A poll poster's question, its options as big buttons, and the results as bars.

The votes belong to the window's ``PollBook`` (kiosk.core.poll, through ``Ctx.polls``): a tap
asks the book, and the block shows what the book says. The bars grow into place unless the
visitor asked for reduced motion; each bar carries its count and share in words, and the
visitor's own choice is marked with a tick and words, not by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.poll import Share
from kiosk.i18n import N_
from kiosk.ui.context import Ctx
from kiosk.ui.images import ArtworkView
from kiosk.ui.speech import readable
from kiosk.ui.widgets import label, nav_button

if TYPE_CHECKING:
    from kiosk.content.model import Poster

# the interface's words on a poll (translated where shown: ctx.tr, ctx.ntr)
PROMPT = N_("Tap your answer. You can change it until you leave.")
THANKS = N_("Thank you: your vote is counted.")
RESULTS = N_("Results")
YOURS = N_("✓ your vote")
NONE_YET = N_("No votes yet")


CUE_MARGIN = 16  # space kept under the results, in the scale's spaces (clear of the "more" cue)


def votes_text(ctx: Ctx, count: int) -> str:
    """'1 vote', '4,718 votes' in the language on screen."""
    return ctx.ntr("{n} vote", "{n} votes", count).format(n=ctx.number(count))


def share_text(ctx: Ctx, share: float) -> str:
    """A share as a whole percentage: '42%', '42 %' (French and Spanish spacing)."""
    return ctx.tr("{n}%").format(n=ctx.number(round(share * 100)))


class ResultBars(QWidget):
    """The results: one row a option, its name above a bar, count and share at its end."""

    def __init__(self, ctx: Ctx, names: list[str]) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = names
        self.shares: tuple[Share, ...] = ()
        self.chosen: int | None = None
        self.grown = 1.0  # the animation's progress, 0 to 1
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(600)
        self._anim.valueChanged.connect(self._grow)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.row_height() * max(1, len(names)))
        self.setAccessibleName(ctx.tr(RESULTS))

    def row_height(self) -> int:
        s = self.ctx.scale
        return s.px("body") + s.px("label") + s.space(5)

    def show_results(self, shares: tuple[Share, ...], chosen: int | None, animate: bool) -> None:
        self.shares, self.chosen = shares, chosen
        lines = [
            f"{self.names[r.option]}: {votes_text(self.ctx, r.count)}, "
            f"{share_text(self.ctx, r.share)}"
            + (f" ({self.ctx.tr(YOURS)})" if r.option == chosen else "")
            for r in shares
        ]
        self.setAccessibleDescription("; ".join(lines))
        if animate and not self.ctx.reduced_motion:
            self._anim.stop()
            self.grown = 0.0
            self._anim.start()
        else:
            self.grown = 1.0
            self.update()

    def _grow(self, value: object) -> None:
        self.grown = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        s, pal = self.ctx.scale, self.ctx.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        name_font, figure_font = QFont(self.font()), QFont(self.font())
        name_font.setPixelSize(s.px("label"))
        figure_font.setPixelSize(s.px("body"))
        figure_font.setBold(True)
        row = self.row_height()
        bar_h = s.px("body") + s.space(1.5)
        figure_w = round(s.px("body") * 9)  # "1,234 votes · 100%"
        for i, result in enumerate(self.shares):
            top = i * row
            painter.setFont(name_font)
            painter.setPen(QColor(pal.text))
            name = self.names[result.option]
            if result.option == self.chosen:
                name = f"{name}   {self.ctx.tr(YOURS)}"
            name = painter.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideMiddle, self.width()
            )
            painter.drawText(
                QRectF(0, top, self.width(), s.px("label") * 1.4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            bar_top = top + s.px("label") * 1.4 + s.space(0.5)
            room = max(1.0, self.width() - figure_w - s.space(2))
            track = QRectF(0, bar_top, room, bar_h)
            painter.setPen(QColor(pal.edge))
            painter.setBrush(QColor(pal.surface))
            painter.drawRoundedRect(track, bar_h / 4, bar_h / 4)
            width = room * result.share * self.grown
            if width > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(pal.accent))
                painter.drawRoundedRect(QRectF(0, bar_top, width, bar_h), bar_h / 4, bar_h / 4)
            painter.setFont(figure_font)
            painter.setPen(QColor(pal.text))
            painter.drawText(
                QRectF(room + s.space(2), bar_top, figure_w, bar_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{share_text(self.ctx, result.share)} · {votes_text(self.ctx, result.count)}",
            )
        painter.end()


class PollBlock(QWidget):
    """The question, the options and (after a vote, when the poster shows them) the results."""

    def __init__(self, ctx: Ctx, poster: Poster) -> None:
        super().__init__()
        self.setObjectName("poll")
        self.ctx = ctx
        self.poster = poster
        s = ctx.scale
        self.names = [ctx.t(o.label) for o in poster.options]
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(s.space(2.5))
        question = ctx.t(poster.question)
        box.addWidget(readable(label(question, "h2"), question))
        box.addWidget(label(ctx.tr(PROMPT), "lead", "muted"))
        self.buttons: list[QToolButton] = []
        self.words: list[QLabel] = []
        grid = QVBoxLayout()
        grid.setSpacing(s.space(1.5))
        thumb = round(s.touch * 1.6)
        for i, option in enumerate(poster.options):
            row = QHBoxLayout()
            row.setSpacing(s.space(2))
            if option.artwork is not None:
                art = ArtworkView(
                    ctx.images,
                    option.artwork.path,
                    ctx.t(option.alt) or self.names[i],
                    ctx.colours,
                )
                art.setFixedSize(thumb, round(thumb * 0.66))
                row.addWidget(art)
            # the words on a label inside the button: a long case title wraps, never elided
            button = nav_button("", None, ctx.palette.text, s.touch, self.names[i])
            words = label(self.names[i], "body")
            words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            self.words.append(words)
            inside = QHBoxLayout(button)
            inside.setContentsMargins(s.space(3), s.space(0.5), s.space(3), s.space(0.5))
            inside.addWidget(words)
            button.setObjectName(f"pollOption{i}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(max(s.touch, round(thumb * 0.66)))
            button.clicked.connect(lambda _=False, i=i: self.choose(i))
            self.buttons.append(button)
            row.addWidget(button, 1)
            grid.addLayout(row)
        box.addLayout(grid)
        self.thanks = label(ctx.tr(THANKS), "lead", "accent")
        box.addWidget(self.thanks)
        self.results_heading = label(ctx.tr(RESULTS), "h3")
        box.addWidget(self.results_heading)
        self.total = label("", "small", "muted")
        box.addWidget(self.total)
        self.bars = ResultBars(ctx, self.names)
        box.addWidget(self.bars)
        self.refresh(animate=False)

    @property
    def options(self) -> int:
        return len(self.poster.options)

    def choose(self, option: int) -> None:
        """A tap on an option: the book counts it (or moves this visitor's vote)."""
        if self.ctx.polls is None:
            return
        self.ctx.polls.vote(self.poster.id, option, self.options)
        self.refresh(animate=True)
        # the answer in view: the results (or the thanks) may sit below the screen's edge;
        # scrolled to once the layout has placed them
        QTimer.singleShot(0, self, self.reveal_answer)

    def reveal_answer(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            return
        shown = self.bars if self.bars.isVisible() else self.thanks
        margin = self.ctx.scale.space(CUE_MARGIN)
        parent.ensureWidgetVisible(shown, 0, margin)

    def refresh(self, animate: bool = False) -> None:
        """Show what the book says: the visitor's choice, and the results once they voted."""
        book = self.ctx.polls
        chosen = book.chosen(self.poster.id) if book is not None else None
        for i, button in enumerate(self.buttons):
            button.setChecked(i == chosen)
            yours = self.ctx.tr(YOURS)
            mark = f"{yours}: " if i == chosen else ""
            button.setAccessibleName(mark + self.names[i])
            # the choice in words on the button, not by its colour alone
            self.words[i].setText(f"{self.names[i]}   {yours}" if i == chosen else self.names[i])
        voted = chosen is not None
        self.thanks.setVisible(voted)
        shown = voted and self.poster.show_results and book is not None
        for widget in (self.results_heading, self.total, self.bars):
            widget.setVisible(shown)
        if shown and book is not None:
            total = book.total(self.poster.id)
            self.total.setText(votes_text(self.ctx, total) if total else self.ctx.tr(NONE_YET))
            self.bars.show_results(book.results(self.poster.id, self.options), chosen, animate)
