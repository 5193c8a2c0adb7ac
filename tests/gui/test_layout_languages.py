"""Issue 18: the layout checks of tests/gui/test_layout.py in French, Spanish and the
pseudo-language (40 % longer), at every size: nothing clipped or elided, nothing off screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.modes import Mode
from kiosk.i18n import PSEUDO
from tests.gui.languages import trilingual_content, window_in
from tests.gui.test_layout import SIZES, assert_nothing_clipped

LANGS = ["fr", "es", PSEUDO]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trilingual_content(tmp_path_factory.mktemp("layout-languages"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_every_screen_holds_in_a_longer_language(qtbot, content, lang, size) -> None:
    window = window_in(qtbot, content, size, lang)
    assert_nothing_clipped(window, window.home)
    if size[0] > size[1]:  # six posters at a glance on a landscape home
        for card in window.home.cards:
            assert card.mapTo(window, card.rect().bottomLeft()).y() <= size[1], lang
    for poster in ("montreal-technopole-angus", "transferability"):
        window.nav.open_id(poster)
        assert_nothing_clipped(window, window.deck.current().widget())
        assert_nothing_clipped(window, window.poster_screen)
    window.nav.overview()
    assert_nothing_clipped(window, window.overview)
    window.nav.quotes()
    assert_nothing_clipped(window, window.quotes)
    for mode, layer in ((Mode.HELP, "help"), (Mode.SETTINGS, "settings_card")):
        window.modes.enter(mode)
        assert_nothing_clipped(window, getattr(window, layer))
        window.modes.leave(mode)
