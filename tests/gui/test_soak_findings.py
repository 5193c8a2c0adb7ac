"""What the monkey soak found, pinned down as plain tests.

1. A key pressed while a poster slides in (Esc, Home, Q...) was undone when the slide ended:
   the deck reported where it had settled and the window went back to that poster. (The soak's
   check "Esc must change the navigation state" failed after 8,000 events.)
2. Right pressed three times quickly moved two posters: a slide cut short by the next key
   reported its target, which rolled the navigation back one poster.
3. An idle reset during a slide left the kiosk on a poster instead of home.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.core.navigation import Screen


def _settle(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)


def test_esc_during_a_slide_stays_in_the_overview(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(1)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.deck.is_animating()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.nav.state.screen is Screen.OVERVIEW
    _settle(qtbot, window)
    assert window.nav.state.screen is Screen.OVERVIEW and window.nav.state.index == 2
    assert window.stack.currentWidget() is window.overview


def test_home_during_a_slide_stays_home(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(3)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    window.nav.home()  # the Home button, or the kiosk's idle reset
    _settle(qtbot, window)
    assert window.nav.state.screen is Screen.HOME
    assert window.stack.currentWidget() is window.home


def test_three_quick_presses_move_three_posters(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(0)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    _settle(qtbot, window)
    assert window.nav.state.index == 3 and window.deck.index == 3
    assert window.poster_screen.progress.text() == window.nav.progress()
