"""The gallery window driven like a presenter would: keys and a clicker."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from kiosk.core.navigation import Screen

CLICKER_NEXT = [Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space]
CLICKER_PREVIOUS = [Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace]


def current_id(window) -> str:
    return window.ctx.gallery.posters[window.deck.index].id


def test_opens_on_home_with_a_card_per_poster(window) -> None:
    assert window.stack.currentWidget() is window.home
    assert len(window.home.cards) == 7
    assert window.deck.built() == []  # no poster is built before one is opened


@pytest.mark.parametrize("key", CLICKER_NEXT)
def test_next_keys(qtbot, window, key) -> None:
    qtbot.keyClick(window, key)
    assert window.nav.state.screen is Screen.POSTER and current_id(window) == "introduction"
    qtbot.keyClick(window, key)
    assert current_id(window) == "montreal-technopole-angus"
    assert window.poster_screen.progress.text() == "2 of 7"


@pytest.mark.parametrize("key", CLICKER_PREVIOUS)
def test_previous_keys(qtbot, window, key) -> None:
    window.nav.open(3)
    qtbot.keyClick(window, key)
    assert window.deck.index == 2


def test_home_end_and_numbers(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert current_id(window) == "transferability"
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert current_id(window) == "introduction"
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert current_id(window) == "johannesburg-hillbrow-ekhaya"


def test_escape_overview_arrows_enter(qtbot, window) -> None:
    window.nav.open(1)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.overview
    assert window.overview.cards[1].property("selected") is True
    qtbot.keyClick(window, Qt.Key.Key_Down)  # one row down: four columns (seven posters)
    assert window.nav.state.index == 5
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.overview.cards[4].property("selected") is True
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.poster_screen
    assert current_id(window) == "barcelona-growing-sse"


@pytest.mark.parametrize("key", [Qt.Key.Key_B, Qt.Key.Key_Period])
def test_blackout_toggles_and_a_clicker_wakes_it(qtbot, window, key) -> None:
    window.nav.open(1)
    qtbot.keyClick(window, key)
    assert window.blackout.isVisible()
    # the blackout covers the whole window, and it is black
    assert window.blackout.geometry() == window.rect()
    assert window.grab().toImage().pixelColor(960, 540).name() == "#000000"
    qtbot.keyClick(window, Qt.Key.Key_Right)  # wakes, does not move on
    assert not window.blackout.isVisible() and window.deck.index == 1
    qtbot.keyClick(window, key)
    qtbot.keyClick(window, key)
    assert not window.blackout.isVisible()


def test_help_overlay(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert window.help.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert not window.help.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert window.help.isVisible()
    qtbot.mouseClick(window.help, Qt.MouseButton.LeftButton)
    assert not window.help.isVisible()


def test_fullscreen_toggle(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_screen_changes_are_logged(qtbot, window, caplog) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.screen")
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.screen"] == [
        "screen poster introduction",
        "screen poster montreal-technopole-angus",
        "screen overview",
        "blackout on",
    ]


def test_edge_arrows(qtbot, window) -> None:
    window.nav.open(0)
    assert not window.deck.prev_button.isVisible() and window.deck.next_button.isVisible()
    qtbot.mouseClick(window.deck.next_button, Qt.MouseButton.LeftButton)
    assert window.deck.index == 1
    assert window.deck.prev_button.width() >= 48 and window.deck.prev_button.height() >= 48
    qtbot.mouseClick(window.deck.prev_button, Qt.MouseButton.LeftButton)
    assert window.deck.index == 0


def test_bar_buttons(qtbot, window) -> None:
    window.nav.open(2)
    qtbot.mouseClick(window.poster_screen.overview_button, Qt.MouseButton.LeftButton)
    assert window.nav.state.screen is Screen.OVERVIEW
    window.nav.open(2)
    qtbot.mouseClick(window.poster_screen.home_button, Qt.MouseButton.LeftButton)
    assert window.nav.state.screen is Screen.HOME


def test_animated_slide_settles_on_the_next_poster(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(0)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.deck.is_animating()  # the slide layer is drawing both posters
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)
    assert window.deck.index == 1
    assert window.deck.current().isVisible()


def test_lazy_building_keeps_only_neighbours(qtbot, window) -> None:
    window.nav.open(0)
    qtbot.waitUntil(lambda: 1 in window.deck.built())  # the neighbour is prepared ahead
    assert set(window.deck.built()) <= {0, 1}
    window.nav.open(4)
    qtbot.waitUntil(lambda: {3, 5} <= set(window.deck.built()))
    assert len(window.deck.built()) <= window.deck.CACHE


def test_up_down_scroll_the_poster(qtbot, window) -> None:
    window.nav.open(1)
    view = window.deck.current()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and view.cue.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)


def test_zoom_keys(qtbot, window) -> None:
    window.nav.open(1)
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.deck.zoom.isVisible() and window.deck.zoom.zoom == 1.5
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.deck.zoom.isVisible()
    assert window.nav.state.screen is Screen.POSTER  # Esc closed the zoom, nothing more


def test_a_hidden_deck_prepares_no_neighbours(qtbot, window) -> None:
    """Images arriving while the posters are not on show (the home screen, the overview) do
    not make the deck re-render its neighbours; it does so when it is shown again."""
    window.nav.open(2)
    deck = window.deck
    qtbot.waitUntil(lambda: {1, 3} <= set(deck.built()))
    window.nav.home()
    assert not deck.isVisible()
    deck._prepare_timer.stop()
    window.ctx.images.ready.emit("an image for some page")
    assert not deck._prepare_timer.isActive()
    window.nav.open(2)
    assert deck.isVisible() and deck._prepare_timer.isActive()
