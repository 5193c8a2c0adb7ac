"""The poster on show is pictured while it rests, so the Next key's slide starts without
rendering it (kiosk/ui/gallery/rest_picture.py), and a card under a finger has its poster's page
made before the finger lifts (PosterDeck.prepare). What the slide starts from must always be
what the screen showed: a picture the window has painted over since is never used."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.gui.pictures import differing_pixels


def at_rest(qtbot, deck):  # noqa: ANN001, ANN201
    """Until the poster on show is pictured, its artwork decoded and shown and its neighbours'
    preparation done; the picture."""
    deck.ctx.images.wait()

    def pictured() -> bool:
        view = deck.current()
        return not deck._steps and view is not None and deck.rest.get(view) is not None

    qtbot.waitUntil(pictured)
    return deck.rest.get(deck.current())


def same_as_a_fresh_render(picture, view) -> bool:  # noqa: ANN001
    return differing_pixels(picture.toImage(), view.snapshot().toImage()) == 0


def test_a_resting_poster_is_pictured_once_as_it_shows(qtbot, window) -> None:
    deck = window.deck
    window.nav.open(2)
    picture = at_rest(qtbot, deck)
    view = deck.current()
    assert same_as_a_fresh_render(picture, view)
    taken = deck.rest.taken
    # nothing changes on the window: no picture again, no timer left running
    qtbot.wait(3 * deck.rest.IDLE_MS)
    assert deck.rest.taken == taken and deck.rest.get(view) is picture
    assert not deck.rest._timer.isActive()


def test_a_change_on_screen_lets_the_picture_go_and_a_new_one_shows_it(qtbot, window) -> None:
    deck = window.deck
    window.nav.open(1)
    old = at_rest(qtbot, deck)
    view = deck.current()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the visitor scrolls: the window paints the new place
    qtbot.waitUntil(lambda: deck.rest.get(view) is None)
    new = at_rest(qtbot, deck)
    assert same_as_a_fresh_render(new, view)
    assert differing_pixels(new.toImage(), old.toImage()) > 0  # (it shows the new place)


def test_the_next_key_slides_from_the_picture_at_rest(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    deck = window.deck
    window.nav.open(0)
    picture = at_rest(qtbot, deck)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert deck.slide.isVisible()
    assert deck.slide.current.cacheKey() == picture.cacheKey()  # not rendered again
    qtbot.waitUntil(lambda: not deck.is_animating() and deck.index == 1)


def test_a_stale_picture_is_never_what_the_slide_starts_from(qtbot, make_window) -> None:
    """The page changes and the key comes before the window has rested again: the slide
    starts from the page as it is now, rendered then, not from the picture taken before."""
    window = make_window(reduced_motion=False)
    deck = window.deck
    window.nav.open(0)
    stale = at_rest(qtbot, deck)
    view = deck.current()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: deck.rest.get(view) is None)  # painted: the picture went
    now = view.snapshot()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert deck.slide.isVisible()
    shown = deck.slide.current.toImage()
    assert differing_pixels(shown, now.toImage()) == 0
    assert differing_pixels(shown, stale.toImage()) > 0
    qtbot.waitUntil(lambda: not deck.is_animating() and deck.index == 1)


def test_a_finger_on_a_card_has_its_page_ready_before_it_lifts(qtbot, window) -> None:
    window.nav.home()
    card = window.home.cards[4]
    centre = card.mapTo(window, card.rect().center())
    point, handle = QPoint(centre.x(), centre.y()), window.windowHandle()
    deck = window.deck
    assert 4 not in deck.built()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    # the finger is still down: the page is made, placed, and laid out at the size it shows at
    qtbot.waitUntil(lambda: 4 in deck.built() and deck.view(4, placed=False).placed())
    page = deck.view(4, placed=False).widget()
    qtbot.waitUntil(lambda: page.width() > 0.9 * deck.width())
    laid_out = page.geometry()
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.nav.state.index == 4 and deck.index == 4
    # shown as made (at the size it shows at: another width class would build it again)
    assert deck.current().widget() is page
    assert page.geometry() == laid_out  # (no second layout on show)


def test_a_press_that_becomes_a_scroll_opens_nothing(qtbot, window) -> None:
    """Made ready is not opened: a finger that drags away from the card opens no poster."""
    window.nav.home()
    card = window.home.cards[1]
    centre = card.mapTo(window, card.rect().center())
    handle = window.windowHandle()
    start = QPoint(centre.x(), centre.y())
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.waitUntil(lambda: 1 in window.deck.built())
    end = start + QPoint(0, -200)
    QTest.mouseMove(handle, start + QPoint(0, -100))
    QTest.mouseMove(handle, end)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert window.stack.currentWidget() is window.home
    assert window.nav.state.screen.value == "home"


def test_a_poster_that_keeps_painting_is_not_pictured_over_and_over(qtbot, window) -> None:
    """Something on the poster repaints every 250 ms (as a quote carousel's progress does when
    it is in view): after a few lost pictures the deck stops taking them (each costs a render
    of the whole screen), and pictures again once the poster rests."""
    from PySide6.QtCore import QTimer

    deck = window.deck
    window.nav.open(0)
    at_rest(qtbot, deck)
    ticking = deck.current().widget()
    tick = QTimer()
    tick.setInterval(250)  # (longer than IDLE_MS: a picture fits between two repaints)
    tick.timeout.connect(ticking.update)
    taken = deck.rest.taken
    tick.start()
    qtbot.wait(3000)  # (an observation window: a dozen repaints)
    during = deck.rest.taken - taken
    assert during <= 3  # not a picture after each pause of 150 ms
    tick.stop()
    assert at_rest(qtbot, deck) is not None  # at rest again: pictured again
