"""The home screen (the event's banner and a card per poster) and the overview grid.

Both are a grid of the same poster cards in a kinetic scroll area; a tap on a card opens it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.content.model import Poster
from kiosk.ui.context import Ctx
from kiosk.ui.gestures import GestureFilter
from kiosk.ui.images import ArtworkView
from kiosk.ui.poster import KIND_LABEL, panel
from kiosk.ui.widgets import TapFrame, label


class PosterCard(TapFrame):
    """Title, place and artwork of one poster; tap to open."""

    def __init__(self, ctx: Ctx, index: int, poster: Poster, art_height: int) -> None:
        super().__init__()
        self.index = index
        self.setProperty("panel", "card")
        self.setProperty("selected", False)
        s = ctx.scale
        box = QVBoxLayout(self)
        pad = s.space(2)
        box.setContentsMargins(pad, pad, pad, pad + s.space(0.5))
        box.setSpacing(s.space(1))
        art = ArtworkView(ctx.images, poster.artwork.path if poster.artwork else None,
                          f"Illustration: {ctx.t(poster.title)}", ctx.colours)
        art.setFixedHeight(art_height)
        box.addWidget(art)
        place = ", ".join(x for x in (ctx.t(poster.city), ctx.t(poster.country)) if x)
        box.addWidget(label(place or KIND_LABEL[poster.kind], "small", "accent"))
        box.addWidget(label(ctx.t(poster.title), "h3"))
        box.addStretch(1)
        self.setAccessibleName(f"Open poster {index + 1}: {ctx.t(poster.title)}"
                               + (f", {place}" if place else ""))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_selected(self, selected: bool) -> None:
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)


class CardScreen(QScrollArea):
    """A kinetic scroll area holding a header and a grid of poster cards."""

    opened = Signal(int)

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("screen")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gestures = GestureFilter(self, horizontal=False)
        self.cards: list[PosterCard] = []
        self._columns = 0
        self._built_for: tuple[int, int] | None = None

    def columns_for(self, width: int) -> int:
        ref = width / self.ctx.scale.factor
        n = len(self.ctx.gallery.posters)
        if ref >= 1400:
            return 4 if n > 6 else 3
        return 2 if ref >= 700 else 1

    def header(self, page: QVBoxLayout) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    ART = (18, 26)  # artwork height in spacing units: landscape, portrait

    def art_height(self, columns: int) -> int:
        """Fixed per orientation, so a resize within one never rebuilds the grid."""
        portrait = self.height() > self.width() if self.width() else False
        return self.ctx.scale.space(self.ART[1] if portrait else self.ART[0])

    def build(self) -> None:
        s = self.ctx.scale
        columns = self.columns_for(self.width() or 1920)
        self._columns = columns
        self._built_for = (columns, self.art_height(columns))
        page = QWidget()
        page.setObjectName("screen")
        box = QVBoxLayout(page)
        margin = s.space(6)
        box.setContentsMargins(margin, s.space(3), margin, s.space(6))
        box.setSpacing(s.space(3))
        self.header(box)
        grid = QGridLayout()
        grid.setSpacing(s.space(3))
        self.cards = []
        for i, poster in enumerate(self.ctx.gallery.posters):
            card = PosterCard(self.ctx, i, poster, self.art_height(columns))
            card.tapped.connect(lambda i=i: self.opened.emit(i))
            grid.addWidget(card, i // columns, i % columns)
            self.cards.append(card)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        box.addLayout(grid)
        box.addStretch(1)
        self.setWidget(page)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        key = (self.columns_for(self.width()), self.art_height(self.columns_for(self.width())))
        if key != self._built_for:
            self.build()
        super().resizeEvent(event)

    def rows(self) -> int:
        return math.ceil(len(self.cards) / max(1, self._columns))


class HomeScreen(CardScreen):
    """The event's banner and a card per poster."""

    def header(self, page: QVBoxLayout) -> None:
        ctx, s = self.ctx, self.ctx.scale
        settings = ctx.gallery.settings
        banner = panel("banner")
        box = QVBoxLayout(banner)
        box.setContentsMargins(s.space(4), s.space(3), s.space(4), s.space(3))
        box.setSpacing(s.space(1))
        title = label(ctx.t(settings.title), "display")
        title.setObjectName("eventTitle")
        box.addWidget(title)
        if settings.subtitle:
            box.addWidget(label(ctx.t(settings.subtitle), "lead", "muted"))
        when = " · ".join(x for x in (_date(settings.date), ctx.t(settings.place)) if x)
        if when:
            box.addWidget(label(when, "small", "accent"))
        page.addWidget(banner)
        prompt = "Touch a poster to explore" if not ctx.presenter else \
            "Choose a poster  ·  → or Space to start  ·  H for help"
        page.addWidget(label(prompt, "h3", "muted"))

    ART = (22, 34)  # six posters at a glance on one screen, either way round


class OverviewScreen(CardScreen):
    """All posters as a grid; arrows, Enter or a tap open one (Esc on a poster shows it)."""

    def header(self, page: QVBoxLayout) -> None:
        page.addWidget(label("All posters", "h2"))

    def select(self, index: int) -> None:
        for card in self.cards:
            card.set_selected(card.index == index)
        if 0 <= index < len(self.cards):
            self.ensureWidgetVisible(self.cards[index], 0, self.ctx.scale.space(4))

    @property
    def columns(self) -> int:
        return max(1, self._columns)


def _date(value: object) -> str:
    if value is None:
        return ""
    try:
        return f"{value.day} {value:%B %Y}"  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return str(value)
