"""Where states meet: the holes issue 14 found between modes, each tried in a real window with
input delivered as the platform delivers it (to the window first, then to the widget).

Each of these failed on the code before the mode owner: the admin screen outlived the idle
reset, one click was four activity signals, Q twice went home, a minimised kiosk stayed
minimised."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import paths, startup
from kiosk.core.idle import IdleState
from kiosk.core.modes import Mode
from kiosk.core.navigation import NavState, Screen
from kiosk.core.pin import PinStore
from tests.gui.kiosk_rig import hold_corner, idle_until, tap, type_pin
from tests.gui.pictures import live_equals_fresh


def key(window, k: Qt.Key) -> None:  # noqa: ANN001
    """A key as a keyboard or a clicker sends it: to the window, then the focused widget."""
    QTest.keyClick(window.windowHandle(), k)


def settle(qtbot, window) -> None:  # noqa: ANN001
    for _ in range(3):
        qtbot.wait(1)
        window.ctx.images.wait()


def test_an_idle_reset_closes_the_admin_screen_and_the_next_visitor_meets_the_pin(
    make_rig, qtbot
) -> None:
    """The organiser opens admin and walks away; the next visitor's touch shows home, and the
    corner asks for the PIN again (the admin screen does not come back)."""
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    admin = rig.parts.admin
    hold_corner(rig, qtbot)
    type_pin(admin.pad, "2468")
    assert admin.screen.isVisible() and rig.window.modes.top is Mode.ADMIN

    # while admin is open the visitor countdown waits: no notice, no reset at 90 + 10 s
    rig.clock.advance(110)
    rig.fire_idle_timer()
    assert admin.screen.isVisible() and not rig.kiosk.notice.isVisible()
    assert rig.kiosk.tracker.state() is IdleState.ACTIVE

    # two minutes without input: the admin screen closes itself
    rig.clock.advance(11)
    rig.fire_idle_timer()
    assert not admin.screen.isVisible() and rig.window.modes.layers == ()

    # then the visitor rules run as always: notice, reset, attract loop
    idle_until(rig, IdleState.WARNING)
    idle_until(rig, IdleState.IDLE)
    assert rig.kiosk.attract.isVisible() and rig.window.modes.top is Mode.ATTRACT
    tap(rig, QPoint(960, 540))
    assert rig.window.modes.top is Mode.HOME
    assert not admin.screen.isVisible() and not admin.pad.isVisible()
    assert not rig.kiosk.attract.isVisible()

    hold_corner(rig, qtbot)
    assert admin.pad.isVisible() and not admin.screen.isVisible()
    assert admin.pad.digits == ""


def test_a_reset_while_admin_is_open_closes_it_and_the_wake_lands_home(make_rig, qtbot) -> None:
    """Whatever triggers the reset (the idle rules, recovery from an error), the admin screen
    and the PIN pad go first; the live window then looks exactly like a fresh home screen."""
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    rig.window.nav.open(3)
    hold_corner(rig, qtbot)
    type_pin(rig.parts.admin.pad, "2468")
    rig.kiosk.reset()
    assert rig.window.modes.layers == (Mode.ATTRACT,)
    assert not rig.parts.admin.screen.isVisible()
    tap(rig, QPoint(300, 300))
    assert rig.window.modes.top is Mode.HOME and rig.window.nav.state == NavState()
    settle(qtbot, rig.window)
    fresh = startup.gallery_window(
        rig.result, (1920, 1080), reduced_motion=True, kiosk=True, theme=False
    )
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    settle(qtbot, fresh)
    assert live_equals_fresh(rig.window, fresh) == 0


def test_one_click_is_one_activity_signal(make_rig, qtbot) -> None:
    """Activity is read once per input event, at the window: a click on a button deep in the
    poster screen is one signal (it was one per widget the event passed through)."""
    rig = make_rig()
    rig.window.nav.open(1)
    heard: list[None] = []
    rig.parts.activity.activity.connect(lambda: heard.append(None))

    button = rig.window.poster_screen.help_button
    centre = button.mapTo(rig.window, button.rect().center())
    QTest.mouseMove(rig.window.windowHandle(), centre)  # the pointer arrives: its own signal
    heard.clear()
    tap(rig, centre)
    assert rig.window.modes.is_open(Mode.HELP)  # the click reached the button
    assert len(heard) == 1
    key(rig.window, Qt.Key.Key_Escape)
    assert len(heard) == 2 and not rig.window.modes.is_open(Mode.HELP)


def test_q_twice_returns_to_the_poster_the_quotes_were_opened_from(qtbot, window) -> None:
    key(window, Qt.Key.Key_3)
    assert window.nav.state == NavState(Screen.POSTER, 2)
    key(window, Qt.Key.Key_Q)
    assert window.stack.currentWidget() is window.quotes
    key(window, Qt.Key.Key_Q)
    assert window.nav.state == NavState(Screen.POSTER, 2)
    assert window.stack.currentWidget() is window.poster_screen and window.deck.index == 2


def test_keys_do_not_reach_the_gallery_under_the_admin_screen(make_rig, qtbot) -> None:
    rig = make_rig(kiosk_on=False)
    rig.window.nav.open(1)
    hold_corner(rig, qtbot)  # no PIN on a presenter's laptop: the screen opens directly
    assert rig.window.modes.top is Mode.ADMIN
    for k in (Qt.Key.Key_Right, Qt.Key.Key_H, Qt.Key.Key_B, Qt.Key.Key_Q):
        key(rig.window, k)
    assert rig.window.nav.state == NavState(Screen.POSTER, 1)
    assert rig.window.modes.layers == (Mode.ADMIN,)
    key(rig.window, Qt.Key.Key_Escape)
    assert rig.window.modes.layers == () and not rig.parts.admin.screen.isVisible()


def test_a_swipe_that_ends_after_the_visitor_left_the_posters_moves_nothing(qtbot, window) -> None:
    """The deck reports a swipe as an intent; navigation refuses it off the posters and the
    deck settles back (no echo guard, no pull back to the poster)."""
    window.nav.open(1)
    deck = window.deck
    deck._swipe_started()
    deck._swipe_moved(-deck.width() * 0.6)
    window.nav.home()  # Home pressed while the finger is still down
    deck._swipe_finished(-deck.width() * 0.6, 0.0)
    assert window.nav.state.screen is Screen.HOME
    assert not deck.is_animating() and deck.index == 1
    assert window.stack.currentWidget() is window.home


def test_a_swipe_is_decided_by_navigation_and_animated_by_the_deck(qtbot, window) -> None:
    window.nav.open(1)
    deck = window.deck
    asked: list[int] = []
    deck.swipe_requested.connect(asked.append)
    deck._swipe_started()
    deck._swipe_moved(-deck.width() * 0.6)
    deck._swipe_finished(-deck.width() * 0.6, 0.0)
    assert asked == [1]
    assert window.nav.state == NavState(Screen.POSTER, 2) and deck.index == 2


def test_a_minimised_kiosk_window_comes_back(make_rig, qtbot) -> None:
    """A window menu, a stray shortcut or another program can minimise or cover the kiosk: it
    restores itself (under a real window manager: tests/e2e/test_kiosk_window_manager.py)."""
    rig = make_rig()
    rig.window.showMinimized()
    qtbot.waitUntil(lambda: rig.window.isVisible() and not rig.window.isMinimized(), timeout=2000)
    rig.window.hide()
    qtbot.waitUntil(rig.window.isVisible, timeout=2000)


def test_a_reload_keeps_the_modes_and_the_poster(make_rig, qtbot) -> None:
    """Content reloaded with new gallery-wide settings rebuilds every screen: the visitor stays
    on their poster, the help card they opened stays open, and in kiosk mode the admin screen
    stays where the organiser left it (a reload is not a reset)."""
    rig = make_rig(kiosk_on=False)
    window = rig.window
    window.nav.open(2)
    window.modes.enter(Mode.HELP)
    gallery = window.ctx.gallery
    settings = gallery.settings.model_copy(update={"reduced_motion": False})
    window.set_gallery(dataclasses.replace(gallery, settings=settings, _poster_index={}))
    assert window.nav.state == NavState(Screen.POSTER, 2) and window.deck.index == 2
    assert window.modes.layers == (Mode.HELP,) and window.help.isVisible()
    hold_corner(rig, qtbot)
    assert window.modes.top is Mode.ADMIN
    window.set_gallery(gallery)
    assert window.modes.top is Mode.ADMIN and rig.parts.admin.screen.isVisible()
    assert window.nav.state == NavState(Screen.POSTER, 2)


def test_a_frame_that_stopped_drawing_is_noticed_and_rebuilt(make_rig, qtbot, caplog) -> None:
    """The once-a-minute check reads what the window system shows: content passes; a window
    whose screen stopped drawing (here its widgets were hidden: only the flat background is
    left) is rebuilt and logged; a blackout is black on purpose and left alone."""
    rig = make_rig()
    window = rig.window
    settle(qtbot, window)
    assert not rig.kiosk.check_frame()
    window.stack.currentWidget().hide()
    window.repaint()
    assert rig.kiosk.check_frame()
    assert any("one flat colour" in r.getMessage() for r in caplog.records)
    settle(qtbot, window)
    assert window.stack.currentWidget().isVisible() and not rig.kiosk.check_frame()
    window.modes.enter(Mode.BLACKOUT)
    window.repaint()
    assert not rig.kiosk.check_frame()
