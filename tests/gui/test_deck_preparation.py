"""The poster deck prepares the neighbours of the poster on show (their pages built, their
pictures rendered for a swipe) in steps, one per turn of the event loop, starting once the
moved-to poster's frame is painted: a tap, a key or a phone's message that arrives meanwhile
waits for one step, not for the whole preparation. (How long a tap waits is measured by
benchmarks/remote_latency.py, not here.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent


def settle(qtbot, deck) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not deck._steps and not deck._after_frame.isActive())


def test_preparing_says_when_the_neighbours_are_ready(qtbot, window) -> None:
    """``preparing()`` (what the touch benchmark waits for, as a person reading would) is true
    from a move until both neighbours are made and pictured, then false."""
    deck = window.deck
    window.nav.open(2)
    assert deck.preparing()  # the frame awaited, then the steps
    images = window.ctx.images
    qtbot.waitUntil(lambda: not deck.preparing() and not images.busy(), timeout=10_000)
    assert {1, 3} <= set(deck._snapshots)
    window.nav.open(4)
    assert deck.preparing()


def test_the_preparation_starts_with_the_moved_to_posters_frame(qtbot, window) -> None:
    deck = window.deck
    window.nav.open(0)
    settle(qtbot, deck)
    deck._prepare_timer.setInterval(60_000)  # the fallback out of the way: only a frame starts it
    window.nav.open(3)
    assert not {2, 4} & set(deck.built())  # nothing before the frame
    qtbot.waitUntil(lambda: {2, 4} <= set(deck.built()))
    # (pictures decoded meanwhile have the neighbours rendered again after the usual delay)
    deck._prepare_timer.setInterval(deck.PREPARE_DELAY_MS)
    qtbot.waitUntil(lambda: {2, 4} == set(deck._snapshots))  # both pictures rendered


def test_one_step_at_a_time_the_poster_ahead_first(qtbot, window) -> None:
    """Each step is one piece of work: a tap waits for no more than one."""
    deck = window.deck
    window.nav.open(0)
    settle(qtbot, deck)
    window.nav.open(3)  # heading forward: 4 is ahead, 2 behind
    deck._prepare_timer.stop()
    deck._after_frame.stop()
    deck._prepare_neighbours()
    deck._step_timer.stop()  # the steps by hand
    # the poster ahead made, placed in its view, pictured; then the one behind; the memory
    # handed back
    assert len(deck._steps) == 7
    deck._next_step()
    assert 4 in deck.built() and 2 not in deck.built()
    assert deck.view(4, placed=False).widget() is None  # made, not placed yet
    deck._next_step()
    assert deck.view(4, placed=False).widget() is not None  # placed
    assert 2 not in deck.built() and not deck._snapshots
    deck._next_step()
    assert set(deck._snapshots) == {4} and 2 not in deck.built()  # ahead: ready to slide to
    deck._next_step()
    deck._next_step()
    assert deck.view(2, placed=False).widget() is not None and set(deck._snapshots) == {4}
    deck._next_step()
    assert set(deck._snapshots) == {2, 4}


def test_a_move_between_steps_drops_the_rest(qtbot, window) -> None:
    deck = window.deck
    window.nav.open(1)
    settle(qtbot, deck)
    deck._prepare_neighbours()
    deck._step_timer.stop()
    deck._next_step()  # one step done, the rest waits
    assert deck._steps
    # a key arrives between two steps: it is handled, and the old poster's steps are dropped
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier)
    window.handle_key(key)
    assert window.nav.state.index == 0
    assert not deck._steps
    assert deck._heading == -1
    qtbot.waitUntil(lambda: 1 in deck._snapshots)  # the new poster's neighbour, after its frame
