"""What is on top: the layer rules of kiosk.core.modes, without widgets."""

from __future__ import annotations

import pytest

from kiosk.core.modes import LAYERS, Mode, Modes
from kiosk.core.navigation import Navigation, Screen


def modes() -> Modes:
    return Modes(Navigation(4, ["a", "b", "c", "d"]))


def heard(m: Modes) -> list[tuple[Mode, bool]]:
    log: list[tuple[Mode, bool]] = []
    m.subscribe(lambda mode, entered: log.append((mode, entered)))
    return log


def test_layers_stack_in_one_order_whatever_the_order_they_opened_in() -> None:
    m = modes()
    assert m.top is Mode.HOME and m.layers == ()
    assert m.enter(Mode.STILL_THERE) and m.enter(Mode.HELP) and m.enter(Mode.BLACKOUT)
    assert m.layers == (Mode.HELP, Mode.BLACKOUT, Mode.STILL_THERE)
    assert m.top is Mode.STILL_THERE
    assert list(LAYERS).index(Mode.ADMIN) < list(LAYERS).index(Mode.ATTRACT)


def test_the_admin_screen_replaces_the_pin_pad_and_closes_the_visitors_layers() -> None:
    m = modes()
    m.enter(Mode.HELP)
    m.enter(Mode.STILL_THERE)
    assert m.enter(Mode.PIN) and m.layers == (Mode.PIN, Mode.STILL_THERE)  # countdown on top
    assert m.enter(Mode.ADMIN) and m.layers == (Mode.ADMIN,)
    assert not m.enter(Mode.HELP) and not m.enter(Mode.BLACKOUT)  # nothing hides behind it
    assert not m.enter(Mode.STILL_THERE)  # the visitor countdown waits while admin is open
    assert not m.takes_gallery_keys()


def test_an_idle_reset_closes_the_admin_screen_first_and_goes_home() -> None:
    m = modes()
    m.nav.open(2)
    m.enter(Mode.HELP)
    m.enter(Mode.ADMIN)
    log = heard(m)
    m.reset()
    assert m.layers == () and m.nav.state.screen is Screen.HOME
    left = [mode for mode, entered in log if not entered]
    assert left[0] is Mode.ADMIN  # the organiser's screen is the first thing to go
    assert m.enter(Mode.ATTRACT) and m.top is Mode.ATTRACT


def test_the_attract_loop_closes_everything_and_waking_lands_home_as_a_visitor() -> None:
    m = modes()
    m.nav.open(1)
    m.enter(Mode.PIN)
    assert m.enter(Mode.ATTRACT) and m.layers == (Mode.ATTRACT,)
    assert not m.enter(Mode.PIN) and not m.enter(Mode.ADMIN) and not m.enter(Mode.STILL_THERE)
    m.wake()
    assert m.layers == () and m.top is Mode.HOME and m.takes_gallery_keys()


def test_a_new_screen_or_poster_closes_help_and_blackout_but_not_the_kiosk_layers() -> None:
    m = modes()
    m.nav.open(0)
    m.enter(Mode.HELP)
    m.enter(Mode.BLACKOUT)
    m.nav.next()
    assert m.layers == ()
    m.enter(Mode.STILL_THERE)
    m.nav.overview()
    assert m.layers == (Mode.STILL_THERE,)


def test_escape_closes_blackout_then_help_and_then_leaves_the_gallery_to_navigation() -> None:
    m = modes()
    m.enter(Mode.HELP)
    m.enter(Mode.BLACKOUT)
    assert m.escape() and m.layers == (Mode.HELP,)
    assert m.escape() and m.layers == ()
    assert not m.escape()


def test_listeners_hear_layers_and_screens_once_each() -> None:
    m = modes()
    log = heard(m)
    m.enter(Mode.HELP)
    m.enter(Mode.HELP)  # already open: nothing
    m.toggle(Mode.HELP)
    m.nav.open(1)
    m.nav.open(1)
    assert log == [
        (Mode.HELP, True),
        (Mode.HELP, False),
        (Mode.HOME, False),
        (Mode.POSTER, True),
    ]


def test_screens_are_navigations_not_layers() -> None:
    with pytest.raises(ValueError):
        modes().enter(Mode.POSTER)


def test_the_about_card_takes_the_help_cards_place_and_goes_with_the_organiser() -> None:
    m = modes()
    m.enter(Mode.HELP)
    assert m.enter(Mode.ABOUT) and m.layers == (Mode.ABOUT,)  # opened from help, in its place
    assert m.enter(Mode.HELP) and m.layers == (Mode.HELP,)  # and back
    m.enter(Mode.ABOUT)
    assert m.enter(Mode.PIN) and Mode.ABOUT not in m.layers  # nothing lies over the PIN pad
    assert m.enter(Mode.ADMIN) and not m.enter(Mode.ABOUT)  # the admin screen has its own
    m.leave(Mode.ADMIN)
    m.enter(Mode.ABOUT)
    assert m.escape() and m.layers == ()
    m.enter(Mode.ABOUT)
    m.nav.open(1)  # a new screen closes it, as it closes the help card
    assert m.layers == ()
    m.enter(Mode.ABOUT)
    m.reset()
    assert m.layers == ()


def test_the_display_settings_card_is_a_visitors_layer_like_help() -> None:
    m = modes()
    m.enter(Mode.HELP)
    assert m.enter(Mode.SETTINGS) and m.layers == (Mode.SETTINGS,)  # in the help card's place
    assert m.enter(Mode.BLACKOUT) and m.layers == (Mode.SETTINGS, Mode.BLACKOUT)
    assert m.escape() and m.layers == (Mode.SETTINGS,)  # the blackout first
    assert m.escape() and m.layers == ()
    m.enter(Mode.SETTINGS)
    assert m.enter(Mode.PIN) and Mode.SETTINGS not in m.layers  # nothing of it over the PIN pad
    assert m.enter(Mode.ADMIN) and not m.enter(Mode.SETTINGS)
    m.leave(Mode.ADMIN)
    m.enter(Mode.SETTINGS)
    m.nav.open(1)  # a new screen or poster closes it
    assert m.layers == ()
    m.enter(Mode.SETTINGS)
    assert m.enter(Mode.ATTRACT) and m.layers == (Mode.ATTRACT,)
    assert not m.enter(Mode.SETTINGS)
