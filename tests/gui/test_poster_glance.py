"""Issue 17: a poster reads at a glance. Its first screen, before any scrolling, holds the title,
the tagline, the artwork, the first key figures and, when it has quotes, a button that brings
them into view (they follow the key figures, not the whole poster), on a landscape and a
portrait screen; the rest is one swipe up, with the cue at the bottom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.ui.images import ArtworkView
from kiosk.ui.quotes.carousel import QuoteCarousel

POSTERS = [
    p.id for p in load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery.posters
]


def tap_button(button) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def on_first_screen(view, widget: QWidget) -> bool:  # noqa: ANN001
    """The whole widget is inside the poster's viewport at scroll position 0."""
    viewport = view.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("poster_id", POSTERS)
def test_the_first_screen_holds_title_tagline_art_figures_and_quotes(
    qtbot, make_window, size, poster_id
) -> None:
    window = make_window(size=size)
    window.nav.open_id(poster_id)
    view = window.deck.current()
    assert view.verticalScrollBar().value() == 0
    page = view.widget()
    poster = page.poster
    ctx = window.ctx
    labels = {lab.text(): lab for lab in page.findChildren(QLabel)}
    assert on_first_screen(view, labels[ctx.t(poster.title)])
    if poster.tagline:
        assert on_first_screen(view, labels[ctx.t(poster.tagline)])
    art = page.findChildren(ArtworkView)[0]  # the header's, first in the page
    assert on_first_screen(view, art)
    if poster.facts:
        first = poster.facts[0].value_text(ctx.lang, ctx.gallery.default_language)
        value = next(lab for lab in page.findChildren(QLabel) if lab.objectName() == "factValue")
        assert value.text() == first and on_first_screen(view, value)
    carousels = page.findChildren(QuoteCarousel)
    if ctx.gallery.quotes_for(poster.id):
        # the quotes are one tap away: the header's button scrolls to them
        assert len(carousels) == 1 and on_first_screen(view, page.quotes_button)
        tap_button(page.quotes_button)
        scroller = view.gestures.scroller
        qtbot.waitUntil(lambda: scroller.state() == scroller.State.Inactive, timeout=3000)
        assert on_first_screen(view, page.quotes_heading)
        assert on_first_screen(view, carousels[0].canvas)
        view.to_top()
    else:
        assert carousels == [] and page.quotes_button is None
    bar = view.verticalScrollBar()
    assert view.cue.isVisible() == (bar.maximum() > 0)  # "more below", when there is more
