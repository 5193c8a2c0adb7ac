"""The navigation model: every move a key, a clicker or a tap can make, without widgets."""

from __future__ import annotations

from kiosk.core.navigation import Navigation, NavState, Screen

IDS = ["a", "b", "c", "d"]


def nav() -> Navigation:
    return Navigation(len(IDS), IDS)


def test_starts_at_home() -> None:
    assert nav().state == NavState(Screen.HOME, 0)


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


def test_quotes_twice_return_to_the_poster_they_were_opened_from() -> None:
    n = nav()
    n.open(2)
    assert n.toggle_quotes() and n.state.screen is Screen.QUOTES
    assert n.toggle_quotes() and n.state == NavState(Screen.POSTER, 2)
    n.overview()
    n.select(3)
    n.quotes()
    assert n.escape() and n.state == NavState(Screen.OVERVIEW, 3)  # Esc goes back too
    n.home()
    n.toggle_quotes()
    assert n.toggle_quotes() and n.state.screen is Screen.HOME


def test_quotes_return_home_when_their_poster_was_removed_meanwhile() -> None:
    n = nav()
    n.open(3)
    n.quotes()
    n.reset(count=2, ids=["a", "b"])  # a reload sends everything home and forgets the way back
    n.quotes()
    assert n.back_from_quotes() and n.state.screen is Screen.HOME


def test_a_swipe_moves_only_between_posters() -> None:
    n = nav()
    assert not n.swipe(1) and n.state.screen is Screen.HOME  # a swipe ending after Home
    n.open(0)
    assert not n.swipe(-1) and n.state.index == 0
    assert n.swipe(1) and n.state.index == 1
    assert not n.swipe(2) and n.state.index == 1  # only neighbours
    n.last()
    assert not n.swipe(1) and n.state.index == 3
    n.overview()
    assert not n.swipe(-1) and n.state.screen is Screen.OVERVIEW


def test_listeners_hear_each_change_once() -> None:
    n = nav()
    heard: list[tuple[NavState, NavState]] = []
    n.subscribe(lambda old, new: heard.append((old, new)))
    n.open(1)
    n.open(1)  # no change, no call
    n.next()
    assert [new for _, new in heard] == [NavState(Screen.POSTER, 1), NavState(Screen.POSTER, 2)]


def test_open_id_and_reset() -> None:
    n = nav()
    assert n.open_id("c") and n.state.index == 2
    assert not n.open_id("zz")
    n.reset(count=2, ids=["a", "b"])
    assert n.state == NavState() and n.count == 2


def test_empty_gallery_goes_nowhere() -> None:
    n = Navigation(0, [])
    assert not n.next() and not n.escape() and n.progress() == ""


def test_new_posters_keep_the_visitor_on_their_poster_by_id_or_send_them_home() -> None:
    n = nav()
    n.open(2)  # "c"
    assert n.replace_posters(["z", "c", "d"]) and n.state == NavState(Screen.POSTER, 1)
    n.overview()
    assert n.replace_posters(["c", "d"]) and n.state == NavState(Screen.OVERVIEW, 0)
    n.open(1)  # "d"
    assert not n.replace_posters(["a", "b"]) and n.state == NavState()
    n.quotes()
    assert n.replace_posters(["x"]) and n.state.screen is Screen.QUOTES and n.count == 1
