"""Issue 17: each artwork's text alternative (``alt`` in the YAML) is what assistive technology
reads for the picture: the accessible name of its widget, on the poster page (its own picture
and its sections' charts) and on the poster's card on the home screen."""

from __future__ import annotations

from kiosk.ui.gallery.home import PosterCard
from kiosk.ui.images import ArtworkView


def test_the_poster_and_its_charts_are_named_by_their_alt(window) -> None:  # noqa: ANN001
    ctx = window.ctx
    poster = ctx.gallery.poster("seoul-sse-special-districts")
    assert poster is not None and poster.alt is not None
    window.nav.open_id(poster.id)
    page = window.deck.current().widget()
    names = [art.accessibleName() for art in page.findChildren(ArtworkView)]
    charts = [ctx.t(s.alt) for s in poster.sections if s.artwork is not None]
    assert names == [ctx.t(poster.alt), *charts]
    assert names[1].startswith("Bar chart of shares of national production")


def test_the_home_cards_picture_is_named_by_its_posters_alt(window) -> None:  # noqa: ANN001
    window.nav.home()
    ctx = window.ctx
    cards = window.findChildren(PosterCard)
    assert len(cards) >= len(ctx.gallery.posters)
    for card in cards:
        (art,) = card.findChildren(ArtworkView)
        assert art.accessibleName() == ctx.t(ctx.gallery.posters[card.index].alt)
