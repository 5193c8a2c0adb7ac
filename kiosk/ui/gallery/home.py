"""The home screen (the event's banner and a card per poster) and the overview grid.

Both are a grid of the same poster cards in a kinetic scroll area; a tap on a card opens it.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.colour import with_own_accent
from kiosk.content.credits import event_when
from kiosk.theme import accent_text_rule
from kiosk.ui.context import Ctx
from kiosk.ui.credits import CreditsLine
from kiosk.ui.gallery.poster import KIND_LABEL, poster_art
from kiosk.ui.hints import HOME_PROMPT, InputKind, first_input
from kiosk.ui.language import LanguageButtons
from kiosk.ui.layouts import replace_in_grid
from kiosk.ui.quotes.carousel import QuoteCarousel
from kiosk.ui.touch import TouchScreen
from kiosk.ui.visitor import reach_back_button, settings_button
from kiosk.ui.widgets import TapFrame, label, nav_button, panel, row_width, set_icon_only

if TYPE_CHECKING:
    from kiosk.content.model import Poster


class PosterCard(TapFrame):
    """Title, place and artwork of one poster; tap to open."""

    def __init__(
        self,
        ctx: Ctx,
        index: int,
        poster: Poster,
        art_height: int,
        title_role: str = "h3",
        city_only: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.setProperty("panel", "card")
        self.setProperty("selected", False)
        own = with_own_accent(ctx.palette, poster.accent)
        if own != ctx.palette:  # the poster's own accent colour, as on its page
            self.setStyleSheet(accent_text_rule(own))
        s = ctx.scale
        box = QVBoxLayout(self)
        pad = s.space(2)
        box.setContentsMargins(pad, pad, pad, pad + s.space(0.5))
        box.setSpacing(s.space(1))
        art = poster_art(ctx, poster)
        if art is not None:
            art.setFixedHeight(art_height)
            box.addWidget(art)
        place = ", ".join(x for x in (ctx.t(poster.city), ctx.t(poster.country)) if x)
        # a narrow card names the city alone (the poster and the spoken name say the country)
        kicker = (ctx.t(poster.city) if city_only else "") or place
        box.addWidget(label(kicker or ctx.tr(KIND_LABEL[poster.kind]), "small", "accent"))
        box.addWidget(label(ctx.t(poster.title), title_role))
        if poster.artwork is None and poster.tagline:
            # no picture (artwork is optional): the card says what the poster is about in
            # the picture's place, rather than showing an empty frame
            box.addWidget(label(ctx.t(poster.tagline), "body", "muted"))
        box.addStretch(1)
        title = ctx.t(poster.title)
        self.setAccessibleName(
            ctx.tr("Open poster {number}: {title}").format(number=index + 1, title=title)
            + (f", {place}" if place else "")
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_selected(self, selected: bool) -> None:
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)


class CardScreen(TouchScreen):
    """A kinetic scroll area holding a header and a grid of poster cards."""

    opened = Signal(int)
    pressing = Signal(int)  # a finger is down on a card: its poster may open (a tap) or not
    reach_requested = Signal()  # the visitor's reach mode: the buttons back to the top

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[PosterCard] = []
        self._columns = 0
        self._built_for: tuple[int, int] | None = None
        self._grid: QGridLayout | None = None  # the cards' (built with the page)
        self._controls: QHBoxLayout | None = None

    def columns_for(self, width: int) -> int:
        ref = self.ctx.scale.measure(width)
        n = len(self.ctx.gallery.posters)
        if ref >= 1400:
            return 4 if n > 6 else 3
        if ref >= 1000 and n > 6:  # a portrait screen: three columns keep seven posters in reach
            return 3
        return 2 if ref >= 700 else 1

    def header(self, page: QVBoxLayout) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def place_controls(self, page: QVBoxLayout, row: QHBoxLayout) -> None:
        """The row of buttons under the header, or (reach mode) at the bottom of the screen,
        where a visitor in a wheelchair reaches it, with a button to move it back up."""
        self._controls = row if self.ctx.reach else None
        if not self.ctx.reach:
            page.addLayout(row)
            return
        back = reach_back_button(self.ctx)
        back.clicked.connect(self.reach_requested)
        row.insertWidget(0, back)

    ART = (18, 26)  # artwork height in spacing units: landscape, portrait

    def art_height(self, columns: int) -> int:
        """Fixed per orientation, so a resize within one never rebuilds the grid."""
        portrait = self.height() > self.width() if self.width() else False
        if portrait and (columns >= 4 or len(self.ctx.gallery.posters) > 6):
            # more than six posters (three rows, or four narrow cards a row): shorter pictures
            return self.ctx.scale.space(self.ART[0] - 6)
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
        box.setContentsMargins(margin, s.space(3), margin, s.space(4))
        box.setSpacing(s.space(2))
        self.header(box)
        grid = self._grid = QGridLayout()
        grid.setSpacing(s.space(3))
        self.cards = []
        for i in range(len(self.ctx.gallery.posters)):
            card = self.make_card(self.ctx, i, self.art_height(columns))
            grid.addWidget(card, i // columns, i % columns)
            self.cards.append(card)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        if self.ctx.reach:
            # the visitor's reach mode: the cards low on the screen, the buttons under them
            box.addStretch(1)
            self.place_grid(box, grid)
            if self._controls is not None:
                box.addLayout(self._controls)
        else:
            self.place_grid(box, grid)
            box.addStretch(1)
        self.setWidget(page)

    def card_title(self) -> str:
        """The label role of a card's title."""
        return "h3"

    def city_only(self) -> bool:
        """Whether the cards name the city alone (narrow cards), not the city and country."""
        return False

    def make_card(self, ctx: Ctx, i: int, art_height: int) -> PosterCard:
        poster = ctx.gallery.posters[i]
        card = PosterCard(ctx, i, poster, art_height, self.card_title(), self.city_only())
        card.tapped.connect(lambda i=i: self.opened.emit(i))
        card.pressed.connect(lambda i=i: self.pressing.emit(i))
        return card

    def place_grid(self, box: QVBoxLayout, grid: QGridLayout) -> None:
        box.addLayout(grid)

    def replace_cards(self, ctx: Ctx, indexes: Collection[int]) -> None:
        """New content for the posters at ``indexes`` (live reload): their cards are made
        again in the same places of the grid; the other cards, the header, the quotes and the
        scroll position stay as they are."""
        self.ctx = ctx
        grid = self._grid
        if grid is None or self._built_for is None:
            return  # not built yet: it will be built from ``ctx``
        for i in sorted(indexes):
            if not 0 <= i < len(self.cards):
                continue
            old = self.cards[i]
            card = self.make_card(ctx, i, self._built_for[1])
            card.set_selected(bool(old.property("selected")))
            replace_in_grid(grid, old, card)
            old.hide()
            old.deleteLater()
            self.cards[i] = card

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        columns = self.columns_for(self.width())
        key = (columns, self.art_height(columns))
        if key != self._built_for:
            self.build()
        super().resizeEvent(event)

    def rows(self) -> int:
        return math.ceil(len(self.cards) / max(1, self._columns))


class HomeScreen(CardScreen):
    """The event's banner, a card per poster, and the speakers' quotes rotating beside them
    (below them on a portrait screen)."""

    quotes_requested = Signal()
    help_requested = Signal()
    settings_requested = Signal()
    ART = (22, 24)  # six posters (and in portrait, the quotes below them) on one screen
    SIDE_ART = 17  # smaller cards when the quotes sit beside them

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        self.carousel: QuoteCarousel | None = None
        self.prompt: QLabel | None = None
        self.title: QLabel | None = None
        self.credits: CreditsLine | None = None
        self._kind = first_input(ctx.kiosk)
        super().__init__(ctx, parent)

    def side_quotes(self) -> bool:
        """Quotes beside the cards: on a landscape screen, when there are quotes."""
        w, h = (self.width() or 1920), (self.height() or 1080)
        return bool(self.ctx.gallery.quotes) and w > h and self.ctx.scale.measure(w) >= 1400

    def columns_for(self, width: int) -> int:
        quotes_below = bool(self.ctx.gallery.quotes) and self.ctx.scale.measure(width) >= 1000
        n = len(self.ctx.gallery.posters)
        if self.side_quotes():  # a landscape screen: two rows beside the quotes when wide enough
            return 4 if n > 6 and (self.width() or 1920) >= 1200 else 3
        if quotes_below:  # on a portrait screen, two rows above the quotes up to eight posters
            portrait = (self.height() or 1080) > (self.width() or 1920)
            return 4 if portrait and 6 < n <= 8 or n > 9 else 3
        return super().columns_for(width)

    def art_height(self, columns: int) -> int:
        if self.side_quotes():
            # four narrower columns (more than six posters): shorter pictures keep both rows
            # of cards on the screen
            return self.ctx.scale.space(self.SIDE_ART if columns <= 3 else self.SIDE_ART - 9)
        return super().art_height(columns)

    def card_title(self) -> str:
        """Smaller titles when the quotes share the screen with the cards."""
        return "label" if self.ctx.gallery.quotes else "h3"

    def city_only(self) -> bool:
        """Four narrow columns beside the quotes (more than six posters): the city alone, so
        "Johannesburg, South Africa" takes one line, not two, and both rows stay on screen."""
        return self.side_quotes() and self._columns >= 4

    def header(self, page: QVBoxLayout) -> None:
        ctx, s = self.ctx, self.ctx.scale
        settings = ctx.gallery.settings
        banner = panel("banner")
        outer = QHBoxLayout(banner)
        outer.setContentsMargins(s.space(4), s.space(2.5), s.space(4), s.space(2.5))
        outer.setSpacing(s.space(3))
        box = QVBoxLayout()
        box.setSpacing(s.space(1))
        title = label(ctx.t(settings.title), "display")
        title.setObjectName("eventTitle")
        self.title = title
        box.addWidget(title)
        if settings.subtitle:
            box.addWidget(label(ctx.t(settings.subtitle), "lead", "muted"))
        when = event_when(settings, ctx.t, ctx.date)
        # the organisers beside the date (under it on a portrait screen): fit_credits
        self._when_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._when_row.setSpacing(s.space(4))
        self._when = label(when, "small", "accent") if when else None
        if self._when is not None:
            self._when_row.addWidget(self._when)
        self.credits = CreditsLine(ctx)
        self._when_row.addWidget(self.credits, 1)
        box.addLayout(self._when_row)
        outer.addLayout(box, 1)
        page.addWidget(banner)
        # the prompt beside the buttons, or on a line of its own above them where the row has
        # no room for both (fit_controls)
        self._prompt_line = QHBoxLayout()
        page.addLayout(self._prompt_line)
        row = QHBoxLayout()
        row.setSpacing(s.space(2))
        self.prompt = label(ctx.tr(HOME_PROMPT[self._kind]), "label", "muted")
        row.addWidget(self.prompt, 1)
        if not ctx.hints:
            self.prompt.hide()  # (an audience of ``kiosk present`` sees no hints)
        if ctx.gallery.quotes:
            self.quotes_button = nav_button(
                ctx.tr("All quotes"),
                "quote",
                ctx.palette.text,
                s.touch,
                ctx.tr("Show the quotes full screen"),
            )
            self.quotes_button.clicked.connect(self.quotes_requested)
            row.addWidget(self.quotes_button)
        self.languages = LanguageButtons(ctx)
        row.addWidget(self.languages)
        self.help_button = nav_button(
            "", "help", ctx.palette.text, s.touch, ctx.tr("Help: how to use it")
        )
        self.help_button.clicked.connect(self.help_requested)
        self.settings_button = settings_button(ctx)
        self.settings_button.clicked.connect(self.settings_requested)
        row.addWidget(self.settings_button)
        row.addWidget(self.help_button)
        self._row = row
        self.place_controls(page, row)

    def fit_controls(self) -> None:
        """The prompt and the buttons on one row where it has room for them (All quotes in
        words, else its icon alone); else the prompt on a line of its own above the buttons (a
        portrait screen in a longer language, or a gallery in many languages)."""
        prompt = self.prompt
        if prompt is None:
            return
        s = self.ctx.scale
        room = (self.viewport().width() or 1920) - 2 * s.space(6)
        beside = prompt.minimumSizeHint().width() + s.space(10) + self._row.spacing()
        button = getattr(self, "quotes_button", None)
        for with_prompt, icon_only in ((True, False), (True, True), (False, False), (False, True)):
            if button is not None:
                set_icon_only(button, icon_only)
            need = row_width(self._row, leave_out=prompt) + (beside if with_prompt else 0)
            if need <= room:
                break
        in_row = self._row.indexOf(prompt) >= 0
        if with_prompt and not in_row:
            self._prompt_line.removeWidget(prompt)
            self._row.insertWidget(1 if self.ctx.reach else 0, prompt, 1)
        elif not with_prompt and in_row:
            self._row.removeWidget(prompt)
            self._prompt_line.addWidget(prompt, 1)

    def fit_title(self) -> None:
        """The event's title on one line at display size, else on two at a poster title's size,
        else at a heading's size: a longer title at display size pushed the last row of cards
        and the quotes' controls off a 1080p home."""
        title = self.title
        if title is None:
            return
        s = self.ctx.scale
        # the banner's width for text: the page's and the banner's side margins off
        room = (self.viewport().width() or 1920) - 2 * s.space(6) - 2 * s.space(4)
        font = QFont(title.font())
        font.setBold(True)

        def lines(role: str) -> int:
            font.setPixelSize(s.px(role))
            flags = int(Qt.TextFlag.TextWordWrap)
            box = QFontMetrics(font).boundingRect(0, 0, max(1, room), 100000, flags, title.text())
            return max(1, round(box.height() / QFontMetrics(font).lineSpacing()))

        # display size on one line, else a poster title's size on two, else a heading's (a
        # three-line title pushed the cards and the quotes' controls off a 1080p home)
        wanted = "display" if lines("display") == 1 else "h1" if lines("h1") <= 2 else "h2"
        if title.property("role") != wanted:
            title.setProperty("role", wanted)
            title.style().unpolish(title)
            title.style().polish(title)

    def fit_credits(self) -> None:
        """The credits on the date's line, one line at most, on a landscape screen: the home
        has no height to spare there (a line more pushed the cards off a 720p home). On a
        portrait screen, under the date, on up to three lines."""
        if self.credits is None:
            return
        portrait = self.height() > self.width() if self.width() else False
        self._when_row.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._when_row.setSpacing(self.ctx.scale.space(1 if portrait else 4))
        if self._when is not None:
            self._when.setWordWrap(portrait)
        self.credits.set_lines(3 if portrait else 1, align_right=not portrait)

    def build(self) -> None:
        super().build()
        self.fit_title()
        self.fit_credits()
        self.fit_controls()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_title()
        self.fit_credits()
        self.fit_controls()

    def set_prompt(self, kind: InputKind) -> None:
        """The line under the banner, in the words of the input in use."""
        self._kind = kind
        if self.prompt is not None:
            self.prompt.setText(self.ctx.tr(HOME_PROMPT[kind]))

    def place_grid(self, box: QVBoxLayout, grid: QGridLayout) -> None:
        quotes = self.ctx.gallery.quotes
        if not quotes:
            self.carousel = None
            box.addLayout(grid)
            return
        self.carousel = QuoteCarousel(self.ctx, quotes, "strip")
        if self.side_quotes():
            row = QHBoxLayout()
            row.setSpacing(self.ctx.scale.space(3))
            # four columns (more than six posters) take half the width, three a little more
            wide = 50 if self._columns >= 4 else 55
            row.addLayout(grid, wide)
            row.addWidget(self.carousel, 100 - wide)
            box.addLayout(row)
        elif self.ctx.reach:  # the quotes, which need no touch, above the cards
            box.insertWidget(box.count() - 1, self.carousel)
            box.addLayout(grid)
        else:
            box.addLayout(grid)
            box.addWidget(self.carousel)


class OverviewScreen(CardScreen):
    """All posters as a grid; arrows, Enter or a tap open one (Esc on a poster shows it). The
    Close button, Esc or a tap beside the cards closes it."""

    close_requested = Signal()
    settings_requested = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.gestures.tapped.connect(self._tapped)

    def header(self, page: QVBoxLayout) -> None:
        s = self.ctx.scale
        row = QHBoxLayout()
        row.setSpacing(s.space(2))
        row.addWidget(label(self.ctx.tr("All posters"), "h2"), 1)
        self.close_button = nav_button(
            self.ctx.tr("Close"),
            "close",
            self.ctx.palette.text,
            s.touch,
            self.ctx.tr("Close the overview"),
        )
        self.close_button.clicked.connect(self.close_requested)
        self.settings_button = settings_button(self.ctx)
        self.settings_button.clicked.connect(self.settings_requested)
        row.addWidget(self.settings_button)
        row.addWidget(self.close_button)
        self.place_controls(page, row)

    def _tapped(self, pos: QPointF) -> None:
        """A tap on no card and no button (the space around the grid) closes the overview."""
        child = self.viewport().childAt(pos.toPoint())
        while child is not None and child is not self.viewport():
            if isinstance(child, TapFrame | QAbstractButton):
                return
            child = child.parentWidget()
        self.close_requested.emit()

    def select(self, index: int) -> None:
        for card in self.cards:
            card.set_selected(card.index == index)
        if 0 <= index < len(self.cards):
            self.ensureWidgetVisible(self.cards[index], 0, self.ctx.scale.space(4))

    @property
    def columns(self) -> int:
        return max(1, self._columns)
