"""Issue 17: a visitor who can't read small text, has low vision, sits in a wheelchair or is
bothered by motion changes the display from any screen; the gallery rebuilds where they are,
its layouts hold, and the next visitor gets the standard settings back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.core.idle import IdleState
from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.core.visitor import TEXT_STEPS, VisitorSettings
from kiosk.theme import HIGH_CONTRAST, ROLES
from kiosk.ui.images import ArtworkView
from kiosk.ui.widgets import TapFrame
from tests.gui.kiosk_rig import idle_until, tap

SCREENS = ["home", "poster", "overview", "quotes"]


def show(window, screen: str) -> None:  # noqa: ANN001
    if screen == "poster":
        window.nav.open(1)
    elif screen == "overview":
        window.nav.overview()
    elif screen == "quotes":
        window.nav.quotes()


def current(window) -> QWidget:  # noqa: ANN001
    return window.stack.currentWidget()


def centre(window, widget: QWidget) -> QPoint:  # noqa: ANN001
    return widget.mapTo(window, widget.rect().center())


def settings_button_of(window, screen: str) -> QAbstractButton:  # noqa: ANN001
    return {
        "home": lambda: window.home.settings_button,
        "poster": lambda: window.poster_screen.settings_button,
        "overview": lambda: window.overview.settings_button,
        "quotes": lambda: window.quotes.settings_button,
    }[screen]()


def clipped(window) -> list[str]:  # noqa: ANN001
    """Visible labels on the screen on show that are cut: narrower than their longest word (a
    word-wrapped label) or than their text (one that doesn't wrap), or past the window's right
    edge."""
    problems = []
    for lab in current(window).findChildren(QLabel):
        if not lab.isVisibleTo(window) or not lab.text():
            continue
        right = lab.mapTo(window, QPoint(lab.width(), 0)).x()
        if lab.width() + 1 < lab.minimumSizeHint().width() or right > window.width() + 1:
            problems.append(f"{lab.text()[:40]!r}: {lab.width()} < {lab.minimumSizeHint().width()}")
    return problems


# --- the card --------------------------------------------------------------------------------
@pytest.mark.parametrize("screen", SCREENS)
def test_every_visitor_screen_opens_the_display_settings_with_one_tap(
    make_rig, qtbot, screen
) -> None:
    rig = make_rig()
    window = rig.window
    show(window, screen)
    tap(rig, centre(window, settings_button_of(window, screen)))
    assert window.modes.top is Mode.SETTINGS and window.settings_card.isVisible()
    tap(rig, QPoint(5, window.height() // 2))  # beside the card
    assert not window.modes.is_open(Mode.SETTINGS)


def test_the_card_shows_the_choice_in_force_and_puts_the_standard_back(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    window.nav.open(2)
    window.modes.enter(Mode.SETTINGS)
    card = window.settings_card
    assert [b.isChecked() for b in card.buttons["text_step"]] == [True, False, False]
    assert not card.reset_button.isEnabled()  # nothing to put back yet
    tap(rig, centre(window, card.buttons["text_step"][2]))
    # the window was built again for the larger text, the card with it, still open
    card = window.settings_card
    assert window.visitor.settings.text_step == 2 and window.modes.top is Mode.SETTINGS
    assert [b.isChecked() for b in card.buttons["text_step"]] == [False, False, True]
    assert card.buttons["text_step"][2].accessibleName() == "Text size: Larger"
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 2
    tap(rig, centre(window, card.reset_button))
    assert window.visitor.settings == window.visitor.defaults
    tap(rig, centre(window, window.settings_card.close_button))
    assert not window.modes.is_open(Mode.SETTINGS)


def test_a_presenter_opens_it_with_t_and_closes_it_with_esc(make_window, qtbot) -> None:
    window = make_window()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_T)
    assert window.modes.top is Mode.SETTINGS
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    assert not window.modes.is_open(Mode.SETTINGS) and window.nav.state.screen is Screen.HOME


# --- text size -------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("step", [1, 2])
def test_larger_text_grows_every_screen_and_nothing_is_cut(make_window, qtbot, size, step) -> None:
    window = make_window(size=size)
    for screen in SCREENS:
        show(window, screen)
        window.visitor.set(text_step=step)
        qtbot.wait(5)
        assert (window.width(), window.height()) == size  # nothing widened the window
        assert clipped(window) == [], screen
        window.visitor.reset()
        window.nav.home()
    window.nav.open(1)
    window.visitor.set(text_step=step)
    title = window.deck.current().findChild(QLabel, "posterTitle")
    expected = round(ROLES["h1"][0] * window.ctx.scale.factor * TEXT_STEPS[step])
    assert title.font().pixelSize() == expected


def test_a_text_size_change_keeps_the_visitors_place_in_the_poster(make_window, qtbot) -> None:
    window = make_window(size=(1080, 1920))
    window.nav.open(1)
    view = window.deck.current()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = view.scroll_fraction()
    window.visitor.set(text_step=2)
    view = window.deck.current()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert window.nav.state.index == 1
    assert view.scroll_fraction() == pytest.approx(before, abs=0.02)


# --- high contrast ---------------------------------------------------------------------------
def test_high_contrast_paints_black_white_and_yellow_and_goes_back(make_window, qtbot) -> None:
    window = make_window()
    window.nav.open(1)
    corner = QPoint(window.width() - 30, window.height() - 10)  # poster background, no text

    def pixel() -> QColor:
        image: QImage = window.grab().toImage()
        return image.pixelColor(corner)

    standard = pixel()
    window.visitor.set(high_contrast=True)
    assert window.ctx.palette is HIGH_CONTRAST
    assert pixel().name() == "#000000" != standard.name()
    window.visitor.set(high_contrast=False)
    assert pixel().name() == standard.name()


def test_the_systems_contrast_preference_is_the_default(make_window, qtbot) -> None:
    from kiosk.ui.visitor import system_high_contrast

    window = make_window()
    # offscreen Qt reports no preference: the standard look, and Qt was asked
    assert window.visitor.defaults.high_contrast is system_high_contrast() is False
    window.visitor.set_defaults(VisitorSettings(high_contrast=True))  # the system changed
    assert window.ctx.palette is HIGH_CONTRAST


# --- reach -----------------------------------------------------------------------------------
def controls(window) -> list[QWidget]:  # noqa: ANN001
    """What a visitor acts on, on the screen on show and over it: buttons and cards; not what
    scrolls with a poster (a seated visitor drags the poster up to reach it)."""
    found: list[QWidget] = []
    for widget in current(window).findChildren(QWidget) + window.findChildren(QAbstractButton):
        if widget in found:
            continue
        if not isinstance(widget, QAbstractButton | TapFrame) or not widget.isVisibleTo(window):
            continue
        if window.nav.state.screen is Screen.POSTER and window.deck.current().isAncestorOf(widget):
            continue
        found.append(widget)
    return found


@pytest.mark.parametrize("screen", SCREENS)
def test_reach_mode_puts_every_control_in_the_lower_band_of_a_portrait_screen(
    make_window, qtbot, screen
) -> None:
    window = make_window(size=(1080, 1920))
    show(window, screen)
    qtbot.wait(5)
    high = [w for w in controls(window) if centre(window, w).y() < 0.4 * window.height()]
    assert high, "the test needs controls high on the screen before reach mode"
    window.visitor.set(reach=True)
    qtbot.wait(5)
    found = controls(window)
    assert len(found) >= 3
    high = [w.accessibleName() for w in found if centre(window, w).y() < 0.4 * window.height()]
    assert high == []
    assert clipped(window) == []


def test_one_tap_on_a_portrait_screen_moves_the_buttons_down_and_one_moves_them_back(
    make_rig, qtbot
) -> None:
    rig = make_rig()
    window = rig.window
    assert not window.reach_button.isVisible()  # landscape: no reach button
    window.resize(1080, 1920)
    qtbot.waitUntil(lambda: window.reach_button.isVisible())
    button = window.reach_button
    assert centre(window, button).y() > 0.9 * window.height()
    tap(rig, centre(window, button))
    assert window.visitor.settings.reach and window.ctx.reach
    assert not window.reach_button.isVisible()  # the row at the bottom has the way back
    back = [b for b in controls(window) if b.accessibleName().startswith("Move the buttons back")]
    assert len(back) == 1
    tap(rig, centre(window, back[0]))
    assert not window.visitor.settings.reach


# --- motion ----------------------------------------------------------------------------------
def test_reduced_motion_chosen_by_the_visitor_stops_the_slides(make_window, qtbot) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(0)
    window.nav.next()
    assert window.deck.is_animating()
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)
    window.visitor.set(reduced_motion=True)
    window.nav.next()
    assert not window.deck.is_animating() and window.nav.state.index == 2


# --- the next visitor ------------------------------------------------------------------------
def test_the_idle_reset_puts_every_visitor_setting_back(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    base = window.ctx.palette
    window.nav.open(1)
    window.visitor.set(text_step=2, high_contrast=True, reach=True, reduced_motion=False)
    window.modes.enter(Mode.SETTINGS)
    idle_until(rig, IdleState.WARNING)
    idle_until(rig, IdleState.IDLE)
    assert window.visitor.settings == window.visitor.defaults
    assert window.ctx.palette is base and not window.ctx.reach
    assert window.ctx.scale.text == 1.0 and window.ctx.reduced_motion
    assert not window.modes.is_open(Mode.SETTINGS)
    assert window.nav.state.screen is Screen.HOME


# --- where states meet -----------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_live_window_after_the_changes_looks_like_one_built_with_them(
    make_window, qtbot, size
) -> None:
    """Change text size, contrast and reach on a live poster; a fresh window built with the same
    settings on the same poster must look the same, pixel for pixel."""
    wanted = {"text_step": 1, "high_contrast": True, "reach": True}
    live = make_window(size=size)
    live.nav.open(3)
    live.modes.enter(Mode.SETTINGS)
    for name, value in wanted.items():
        live.visitor.set(**{name: value})
    live.modes.leave(Mode.SETTINGS)
    fresh = make_window(size=size)
    fresh.visitor.set(**wanted)
    fresh.nav.open(3)

    # (the artwork is decoded off the GUI thread: both windows show it once it has arrived)
    def artworks(window) -> list:  # noqa: ANN001
        return window.deck.current().findChildren(ArtworkView)

    assert artworks(live) and artworks(fresh)
    qtbot.waitUntil(
        lambda: all(a.is_ready() for w in (live, fresh) for a in artworks(w)), timeout=5000
    )
    a, b = live.grab().toImage(), fresh.grab().toImage()
    assert a.size() == b.size() and a == b
