"""Issue 17's touch gaps, tried as a visitor and a presenter would in a real window: the words
on screen follow the input in use, every screen has a way to help and a way out."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.ui.hints import HOME_PROMPT, POSTER_BAR, InputKind
from tests.gui.kiosk_rig import tap


def shown_text(widget) -> str:  # noqa: ANN001
    return "\n".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget))


def centre(rig, widget) -> QPoint:  # noqa: ANN001
    return widget.mapTo(rig.window, widget.rect().center())


def press(rig, key: Qt.Key) -> None:  # noqa: ANN001
    QTest.keyClick(rig.window.windowHandle(), key)


def test_a_presenters_hints_speak_keys_until_the_screen_is_touched(make_rig, qtbot) -> None:
    rig = make_rig(kiosk_on=False)
    window = rig.window
    assert window.input_kind is InputKind.KEYS
    assert window.home.prompt.text() == HOME_PROMPT[InputKind.KEYS]
    window.nav.open(1)
    bar = window.poster_screen.hints
    assert bar.text() == POSTER_BAR[InputKind.KEYS] and bar.isVisible()
    press(rig, Qt.Key.Key_H)
    assert window.help.title.text() == "Keys and clicker"
    # someone touches the screen (the tap closes the help): touch words from now on
    tap(rig, centre(rig, window.help))
    assert not window.modes.is_open(Mode.HELP)
    assert window.input_kind is InputKind.TOUCH and bar.text() == POSTER_BAR[InputKind.TOUCH]
    tap(rig, centre(rig, window.poster_screen.help_button))
    help_card = window.help
    assert help_card.title.text() == "Touch and gestures"
    text = shown_text(help_card)
    assert text.index("Swipe") < text.index("PageDown")  # gestures first, keys after
    press(rig, Qt.Key.Key_Escape)  # a key: key words again
    assert window.input_kind is InputKind.KEYS and bar.text() == POSTER_BAR[InputKind.KEYS]
    window.nav.home()
    assert window.home.prompt.text() == HOME_PROMPT[InputKind.KEYS]


def test_a_kiosk_speaks_touch_and_its_help_lists_no_keys(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    assert window.input_kind is InputKind.TOUCH
    assert window.home.prompt.text() == "Touch a poster to explore"
    tap(rig, centre(rig, window.home.help_button))  # home has its own "?" now
    assert window.modes.top is Mode.HELP
    text = shown_text(window.help)
    assert "Touch and gestures" in text and "Swipe" in text and "PageDown" not in text
    window.nav.open(1)
    assert window.poster_screen.hints.text() == POSTER_BAR[InputKind.TOUCH]


def test_the_overview_closes_with_its_button_and_with_a_tap_beside_the_cards(
    make_rig, qtbot
) -> None:
    rig = make_rig()
    window = rig.window
    window.nav.open(2)
    window.nav.overview()
    overview = window.overview
    assert window.nav.state.screen is Screen.OVERVIEW
    tap(rig, centre(rig, overview.close_button))
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 2
    window.nav.overview()
    # the space below the last row of cards: no card, no button
    last = overview.cards[-1]
    below = last.mapTo(window, QPoint(last.width() // 2, last.height() + 40))
    assert overview.viewport().childAt(overview.viewport().mapFrom(window, below)) is not None
    tap(rig, below)
    assert window.nav.state.screen is Screen.POSTER
    window.nav.overview()
    tap(rig, centre(rig, overview.cards[4]))  # a card still opens its poster
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 4
