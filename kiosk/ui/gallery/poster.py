"""One poster as a page of widgets: header, facts & figures, sections, lessons, quotes, sources.

The page adapts to its width: two columns of sections and four columns of figures on a wide
screen, one column and two on a narrow or portrait one. It is built only when needed (the
current poster and its neighbours), never for the whole gallery at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.colour import with_own_accent
from kiosk.core.qr import qr_code, short_address
from kiosk.i18n import N_
from kiosk.theme import poster_accent_sheet
from kiosk.ui.context import Ctx
from kiosk.ui.gallery.poll import PollBlock
from kiosk.ui.images import ArtworkView
from kiosk.ui.qr import QrView
from kiosk.ui.speech import Passage, ReadAloudButton, page_passages, readable
from kiosk.ui.widgets import icon_pixmap, label, nav_button, panel

if TYPE_CHECKING:
    from kiosk.content.model import Fact, Poster, Quote, Section


def take_home_caption(kind: str, tr: Callable[[str], str]) -> str:
    """The words beside a poster's QR code (on screen and in print)."""
    if kind == "case":
        return tr("Take this case home: scan the code with a phone")
    return tr("Take this poster home: scan the code with a phone")


KIND_LABEL = {
    "introduction": N_("Introduction"),
    "case": N_("Case"),
    "discussion": N_("Discussion"),
    "poll": N_("Poll"),
}
WIDE_AT = 1400  # reference pixels (at 1080p) from which sections sit in two columns
CUE_SPACE = 14  # the height of the "more below" cue at a poster's foot, in the scale's spaces
# the header's artwork at most this share of the view's height: beside the title (landscape),
# above it (portrait); the rest of the first screen is the title, tagline and key figures
ART_BESIDE = 0.55
ART_ABOVE = 0.36
SECTION_ART = 0.7  # a section's figure: at most this share of the view's height


def is_wide(ctx: Ctx, width: int) -> bool:
    return ctx.scale.measure(width) >= WIDE_AT


def _vbox(widget: QWidget | None, spacing: int, margins: int = 0) -> QVBoxLayout:
    box = QVBoxLayout(widget) if widget is not None else QVBoxLayout()
    box.setSpacing(spacing)
    box.setContentsMargins(margins, margins, margins, margins)
    return box


def art_frame(wide: bool, height: int | None) -> int | None:
    """The tallest the header's artwork may be in a view ``height`` pixels high: beside the
    title (``wide``) or above it, the title and the first key figures stay on the first
    screen whatever the picture's shape (a 600×4000 picture is fitted into this frame)."""
    if height is None:
        return None
    return round(height * (ART_BESIDE if wide else ART_ABOVE))


def poster_art(ctx: Ctx, poster: Poster, max_height: int | None = None) -> ArtworkView | None:
    """The poster's own picture (on its page and its card), fitted into ``max_height``; None
    for a poster without one (artwork is optional: no empty frame is shown for it)."""
    if poster.artwork is None:
        return None
    return ArtworkView(
        ctx.images,
        poster.artwork.path,
        ctx.t(poster.alt)  # alt: what it shows
        or ctx.tr("Illustration: {title}").format(title=ctx.t(poster.title)),
        ctx.colours,
        missing=ctx.tr("Image unavailable"),
        max_height=max_height,
    )


def header(
    ctx: Ctx, poster: Poster, wide: bool, buttons: list[QWidget], height: int | None = None
) -> QLayout:
    """Kicker, title, tagline and artwork, and the poster's buttons (Read aloud, and its
    quotes when it has some): the first screen of a poster, with its key figures below.
    A poster without artwork has a header without it (no empty frame): its text alone."""
    s = ctx.scale
    text = _vbox(None, s.space(1.5))
    place = ", ".join(x for x in (ctx.t(poster.city), ctx.t(poster.country)) if x)
    kicker = ctx.tr(KIND_LABEL[poster.kind]) + (f"  ·  {place}" if place else "")
    text.addWidget(label(kicker, "h3", "accent"))
    title = readable(label(ctx.t(poster.title), "h1"), ctx.t(poster.title))
    title.setObjectName("posterTitle")
    text.addWidget(title)
    if poster.tagline:
        tagline = ctx.t(poster.tagline)
        text.addWidget(readable(label(tagline, "lead", "muted"), tagline))
    if buttons:
        row = QHBoxLayout()
        row.setSpacing(s.space(2))
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        text.addLayout(row)
    if poster.link:
        text.addLayout(take_home(ctx, poster.link, poster.kind))
    text.addStretch(1)
    art = poster_art(ctx, poster, art_frame(wide, height))
    if art is None:
        return text
    if wide:
        row = QHBoxLayout()
        row.setSpacing(s.space(5))
        row.addLayout(text, 11)
        row.addWidget(art, 9, Qt.AlignmentFlag.AlignTop)
        return row
    col = _vbox(None, s.space(3))
    col.addWidget(art)
    col.addLayout(text)
    return col


def take_home(ctx: Ctx, url: str, kind: str) -> QLayout:
    """The poster's link as a QR code, with a short caption and the address beside it: a
    visitor takes the case home on a phone (no network needed to show it)."""
    s = ctx.scale
    row = QHBoxLayout()
    row.setSpacing(s.space(2))
    code = qr_code(url)
    side = code.side * max(3, round(s.touch * 2.4 / code.side))  # whole pixels a module
    view = QrView(url, side, f"QR code: {short_address(url)}")
    view.setObjectName("takeHomeQr")
    row.addWidget(view, 0, Qt.AlignmentFlag.AlignTop)
    words = _vbox(None, s.space(0.5))
    words.addWidget(label(take_home_caption(kind, ctx.tr), "label"))
    words.addWidget(label(short_address(url), "small", "muted"))
    words.addStretch(1)
    row.addLayout(words, 1)
    return row


def fact_tile(ctx: Ctx, fact: Fact) -> QFrame:
    s = ctx.scale
    tile = panel("tile")
    box = _vbox(tile, s.space(0.75), s.space(2.5))
    value = label(fact.value_text(ctx.lang, ctx.gallery.default_language), "value", "accent")
    value.setObjectName("factValue")
    box.addWidget(value)
    if fact.unit:
        box.addWidget(label(ctx.t(fact.unit), "label"))
    words = " ".join(
        x
        for x in (fact.value_text(ctx.lang), ctx.t(fact.unit), ctx.t(fact.label), ctx.t(fact.note))
        if x
    )
    # read aloud as a whole ("4,718 jobs created"), the label highlighted
    box.addWidget(readable(label(ctx.t(fact.label), "body", "muted"), ctx.t(fact.label), words))
    if fact.note:
        box.addWidget(label(ctx.t(fact.note), "small", "muted"))
    box.addStretch(1)
    tile.setAccessibleName(words)
    return tile


def facts_block(ctx: Ctx, facts: tuple[Fact, ...], width: int) -> QLayout:
    s = ctx.scale
    block = _vbox(None, s.space(2))
    block.addWidget(label(ctx.tr("Facts & figures"), "h2"))
    ref = s.measure(width)
    columns = 4 if ref >= 1700 else 3 if ref >= 1250 else 2 if ref >= 800 else 1
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(ctx.t(fact.group), []).append(fact)
    for name, members in groups.items():
        if name:
            block.addWidget(label(name, "h3", "muted"))
        grid = QGridLayout()
        grid.setSpacing(s.space(2))
        for i, fact in enumerate(members):
            grid.addWidget(fact_tile(ctx, fact), i // columns, i % columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        block.addLayout(grid)
    return block


def bullet_row(ctx: Ctx, text: str, marker: str = "•", role: str = "body") -> QLayout:
    row = QHBoxLayout()
    row.setSpacing(ctx.scale.space(1.5))
    dot = label(marker, role, "accent", wrap=False)
    dot.setAlignment(Qt.AlignmentFlag.AlignTop)
    row.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(readable(label(text, role), text), 1)
    return row


def section_block(ctx: Ctx, section: Section) -> QWidget:
    s = ctx.scale
    widget = QWidget()
    widget.setObjectName("section")
    widget.setAccessibleName(ctx.t(section.heading))  # a stop of the keys' walk, by its name
    box = _vbox(widget, s.space(1.5))
    head = QHBoxLayout()
    head.setSpacing(s.space(1.5))
    glyph = QLabel()
    glyph.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    side = s.px("h2")
    glyph.setPixmap(
        icon_pixmap(section.kind, ctx.palette.accent_text, side, widget.devicePixelRatioF())
    )
    glyph.setFixedSize(side, side)
    head.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
    heading = ctx.t(section.heading)
    head.addWidget(readable(label(heading, "h2"), heading), 1)
    box.addLayout(head)
    for paragraph in section.paragraphs:
        box.addWidget(readable(label(ctx.t(paragraph), "body"), ctx.t(paragraph)))
    for bullet in section.bullets:
        box.addLayout(bullet_row(ctx, ctx.t(bullet)))
    if section.artwork:
        caption = ctx.t(section.caption)
        box.addSpacing(s.space(1))
        box.addWidget(
            ArtworkView(
                ctx.images,
                section.artwork.path,
                ctx.t(section.alt) or caption or ctx.t(section.heading),  # alt: what it shows
                ctx.colours,
                missing=ctx.tr("Image unavailable"),
            )
        )
        if caption:
            box.addWidget(label(caption, "small", "muted"))
    return widget


def _weight(section: Section) -> int:
    text = sum(len(str(p)) for p in section.paragraphs) + sum(
        len(str(b)) + 40 for b in section.bullets
    )
    return text + 120 + (700 if section.artwork else 0)


def sections_block(ctx: Ctx, sections: tuple[Section, ...], wide: bool) -> QLayout:
    s = ctx.scale
    if not wide:
        col = _vbox(None, s.space(5))
        for section in sections:
            col.addWidget(section_block(ctx, section))
        return col
    # two columns, filled in reading order, each section going to the shorter column
    columns = [_vbox(None, s.space(5)), _vbox(None, s.space(5))]
    heights = [0, 0]
    for section in sections:
        i = 0 if heights[0] <= heights[1] else 1
        columns[i].addWidget(section_block(ctx, section))
        heights[i] += _weight(section)
    row = QHBoxLayout()
    row.setSpacing(s.space(6))
    for col in columns:
        col.addStretch(1)
        row.addLayout(col, 1)
    return row


def lessons_block(ctx: Ctx, lessons: tuple) -> QFrame:
    s = ctx.scale
    frame = panel("lessons")
    frame.setAccessibleName(ctx.tr("Lessons learnt"))
    box = _vbox(frame, s.space(2), s.space(4))
    lessons_heading = ctx.tr("Lessons learnt")
    box.addWidget(readable(label(lessons_heading, "h2"), lessons_heading))
    for lesson in lessons:
        box.addLayout(bullet_row(ctx, ctx.t(lesson), "→"))
    return frame


def quotes_block(ctx: Ctx, quotes: tuple[Quote, ...]) -> tuple[QLayout, QWidget]:
    """The poster's quotes under their heading; and the heading, which the header's button
    scrolls to."""
    from kiosk.ui.quotes.carousel import QuoteCarousel

    block = _vbox(None, ctx.scale.space(2))
    heading = label(ctx.tr("In their words"), "h2")
    block.addWidget(heading)
    block.addWidget(QuoteCarousel(ctx, quotes, "poster"))
    return block, heading


class PosterPage(QWidget):
    """The whole poster, laid out for ``width``; lives inside a PosterView's scroll area."""

    def __init__(
        self, ctx: Ctx, poster: Poster, width: int, side_margin: int, height: int | None = None
    ) -> None:
        """``height``: the view's, which the header's artwork is fitted to (None: no limit)."""
        super().__init__()
        self.setObjectName("page")
        self.poster = poster
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        s = ctx.scale
        # the poster's own accent colour, where it reads on the theme (else the theme's)
        own = with_own_accent(ctx.palette, poster.accent)
        if own != ctx.palette:
            ctx = ctx.with_palette(own)
            self.setStyleSheet(poster_accent_sheet(own, s))
        wide = is_wide(ctx, width)
        root = QVBoxLayout(self)
        root.setContentsMargins(side_margin, s.space(4), side_margin, s.space(10))
        root.setSpacing(s.space(6))
        quotes = ctx.gallery.quotes_for(poster.id)
        self.quotes_button: QToolButton | None = None
        self.quotes_heading: QWidget | None = None
        self.ctx = ctx
        self.read_button = ReadAloudButton(
            ctx.speech, self, self.passages, ctx.palette.text, s.touch
        )
        buttons: list[QWidget] = [self.read_button]
        if quotes:
            n = len(quotes)
            self.quotes_button = nav_button(
                ctx.ntr("In their words: a quote", "In their words: {n} quotes", n).format(n=n),
                "quote",
                ctx.palette.text,
                s.touch,
                ctx.ntr("Show this poster's quote", "Show this poster's {n} quotes", n).format(n=n),
            )
            buttons.append(self.quotes_button)
        # the artwork beside the title on any landscape screen, larger text or not: the
        # first screen keeps title, tagline, artwork and the first figures together
        header_wide = width / s.factor >= WIDE_AT
        root.addLayout(header(ctx, poster, header_wide, buttons, height))
        self._header_wide = header_wide
        # the header's picture: the first ArtworkView made on the page
        found = self.findChildren(ArtworkView)
        self.header_art: ArtworkView | None = found[0] if poster.artwork and found else None
        self.section_arts: list[ArtworkView] = []
        self.poll: PollBlock | None = None
        if poster.kind == "poll":
            self.poll = PollBlock(ctx, poster)
            root.addWidget(self.poll)
        if poster.facts:
            root.addLayout(facts_block(ctx, poster.facts, width - 2 * side_margin))
        if quotes:
            # right after the key figures: one swipe away, not after the whole poster
            block, self.quotes_heading = quotes_block(ctx, quotes)
            root.addLayout(block)
        if poster.sections:
            root.addLayout(sections_block(ctx, poster.sections, wide))
            # a section's figure fits in the view too (a tall chart is not several screens)
            self.section_arts = [
                a for a in self.findChildren(ArtworkView) if a is not self.header_art
            ]
            self.fit_to(height)
        if poster.lessons:
            root.addWidget(lessons_block(ctx, poster.lessons))
        if poster.sources:
            sources = QWidget()
            sources.setObjectName("section")
            sources.setAccessibleName(ctx.tr("Sources"))
            src = _vbox(sources, s.space(0.5))
            src.addWidget(label(ctx.tr("Sources"), "small", "muted"))
            for source in poster.sources:
                src.addWidget(label(ctx.t(source), "small", "muted"))
            root.addWidget(sources)
        root.addStretch(1)
        self.setAccessibleName(ctx.tr("Poster: {title}").format(title=ctx.t(poster.title)))

    def fit_to(self, height: int | None) -> None:
        """The view is now ``height`` pixels high: the artwork frames follow."""
        if self.header_art is not None:
            self.header_art.set_max_height(art_frame(self._header_wide, height))
        for art in self.section_arts:
            art.set_max_height(None if height is None else round(height * SECTION_ART))

    def passages(self) -> list[Passage]:
        """What Read aloud says: the poster's texts in reading order, from the first one on
        screen (a visitor who scrolled to a section hears it, not the title again)."""
        view = self._scroll_area()
        top = view.verticalScrollBar().value() if view is not None else 0
        colours = (self.ctx.palette.accent, self.ctx.palette.on_accent)
        return page_passages(self, colours, self._reveal, top)

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def _reveal(self, widget: QWidget) -> None:
        """The label being read in view: when it is not (wholly, and clear of the "more
        below" cue), scrolled to a quarter of the way down the screen, where eyes rest."""
        view = self._scroll_area()
        if view is None:
            return
        top = widget.mapTo(self, widget.rect().topLeft()).y()
        bar = view.verticalScrollBar()
        seen = view.viewport().height()
        cue = self.ctx.scale.space(CUE_SPACE)
        if top < bar.value() or top + widget.height() > bar.value() + seen - cue:
            bar.setValue(max(0, min(bar.maximum(), top - seen // 4)))

    def artworks(self) -> list[ArtworkView]:
        return self.findChildren(ArtworkView)
