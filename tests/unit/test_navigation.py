"""The navigation model: every move a key, a clicker or a tap can make, without widgets."""

from __future__ import annotations

from kiosk.core.navigation import Navigation, NavState, Screen

IDS = ["a", "b", "c", "d"]


def nav() -> Navigation:
    return Navigation(len(IDS), IDS)


def test_starts_at_home() -> None:
    assert nav().state == NavState(Screen.HOME, 0, False, False)


def test_next_from_home_opens_first_then_walks_and_stops_at_last() -> None:
    n = nav()
    assert n.next() and n.state.screen is Screen.POSTER and n.state.index == 0
    for i in (1, 2, 3):
        assert n.next() and n.state.index == i
    assert not n.next() and n.state.index == 3
    assert n.progress() == "4 of 4"


def test_previous_from_first_poster_goes_home() -> None:
    n = nav()
    n.open(1)
    assert n.previous() and n.state.index == 0
    assert n.previous() and n.state.screen is Screen.HOME


def test_first_last_and_number_jumps() -> None:
    n = nav()
    assert n.last() and n.state == NavState(Screen.POSTER, 3)
    assert n.first() and n.state.index == 0
    assert n.jump(3) and n.state.index == 2
    assert not n.jump(9) and n.state.index == 2


def test_escape_opens_overview_and_goes_back_to_selection() -> None:
    n = nav()
    n.open(2)
    assert n.escape() and n.state.screen is Screen.OVERVIEW and n.state.index == 2
    assert n.next() and n.state.index == 3  # arrows move the selection
    assert not n.next()  # clamped
    assert n.activate() and n.state == NavState(Screen.POSTER, 3)
    n.escape()
    assert n.escape() and n.state.screen is Screen.POSTER


def test_escape_closes_overlays_first() -> None:
    n = nav()
    n.open(1)
    n.toggle_help()
    assert n.escape() and not n.state.help and n.state.screen is Screen.POSTER
    n.toggle_blackout()
    assert n.escape() and not n.state.blackout and n.state.screen is Screen.POSTER


def test_listeners_hear_each_change_once() -> None:
    n = nav()
    heard: list[tuple[NavState, NavState]] = []
    n.subscribe(lambda old, new: heard.append((old, new)))
    n.open(1)
    n.open(1)  # no change, no call
    n.toggle_blackout()
    assert [new for _, new in heard] == [
        NavState(Screen.POSTER, 1),
        NavState(Screen.POSTER, 1, blackout=True),
    ]


def test_open_id_and_reset() -> None:
    n = nav()
    assert n.open_id("c") and n.state.index == 2
    assert not n.open_id("zz")
    n.reset(count=2, ids=["a", "b"])
    assert n.state == NavState() and n.count == 2


def test_empty_gallery_goes_nowhere() -> None:
    n = Navigation(0, [])
    assert not n.next() and not n.escape() and n.progress() == ""
