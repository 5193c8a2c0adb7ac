"""Swipes, taps, scrolls and zoom from real touch events and mouse drags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.core.clock import FakeClock
from kiosk.core.navigation import Screen
from tests.gui.touch import touch, touch_device


def mouse_drag(
    widget, start: QPoint, end: QPoint, clock: FakeClock, seconds: float, steps: int = 8
) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        clock.advance(seconds / steps)
        QTest.mouseMove(widget, start + (end - start) * i / steps)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def touch_drag(
    widget, start: QPoint, end: QPoint, clock: FakeClock, seconds: float, steps: int = 8
) -> None:
    touch(widget).press(0, start).commit()
    for i in range(1, steps + 1):
        clock.advance(seconds / steps)
        touch(widget).move(0, start + (end - start) * i / steps).commit()
    touch(widget).release(0, end).commit()


@pytest.fixture
def on_poster(qtbot, window):
    window.nav.open(1)
    view = window.deck.current()
    clock = FakeClock(100.0)
    view.gestures.clock = clock
    return window, view, clock


@pytest.mark.parametrize("drag", [mouse_drag, touch_drag])
def test_long_fast_swipe_left_shows_next_poster(qtbot, on_poster, drag) -> None:
    window, view, clock = on_poster
    vp = view.viewport()
    drag(vp, QPoint(1500, 500), QPoint(600, 520), clock, 0.15)
    qtbot.waitUntil(lambda: window.deck.index == 2)
    assert window.nav.state.index == 2 and not window.deck.is_animating()


@pytest.mark.parametrize("drag", [mouse_drag, touch_drag])
def test_swipe_right_shows_previous_poster(qtbot, on_poster, drag) -> None:
    window, view, clock = on_poster
    drag(view.viewport(), QPoint(400, 500), QPoint(1300, 500), clock, 0.2)
    qtbot.waitUntil(lambda: window.deck.index == 0)


@pytest.mark.parametrize("drag", [mouse_drag, touch_drag])
def test_short_slow_swipe_springs_back(qtbot, on_poster, drag) -> None:
    window, view, clock = on_poster
    drag(view.viewport(), QPoint(1000, 500), QPoint(850, 500), clock, 1.5)
    assert window.deck.index == 1 and window.nav.state.index == 1
    assert not window.deck.is_animating()  # reduced motion: settled at once


def test_swipe_follows_the_finger(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(1)
    view = window.deck.current()
    vp = view.viewport()
    QTest.mousePress(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1200, 500)
    )
    QTest.mouseMove(vp, QPoint(1100, 500))
    QTest.mouseMove(vp, QPoint(900, 500))
    assert window.deck.slide.isVisible()
    assert window.deck.slide.offset == pytest.approx(-300, abs=2)
    QTest.mouseRelease(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(900, 500)
    )
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)


def test_vertical_drag_scrolls_kinetically(qtbot, on_poster) -> None:
    window, view, clock = on_poster
    bar = view.verticalScrollBar()
    assert bar.value() == 0
    mouse_drag(view.viewport(), QPoint(900, 900), QPoint(900, 300), clock, 0.2)
    qtbot.waitUntil(lambda: bar.value() > 300, timeout=3000)
    assert window.deck.index == 1  # scrolling did not change the poster


def test_touch_vertical_drag_scrolls(qtbot, on_poster) -> None:
    window, view, clock = on_poster
    bar = view.verticalScrollBar()
    touch_drag(view.viewport(), QPoint(900, 900), QPoint(900, 400), clock, 0.3)
    qtbot.waitUntil(lambda: bar.value() > 200, timeout=3000)


def test_touch_cancel_forgets_the_swipe(qtbot, on_poster) -> None:
    window, view, clock = on_poster
    vp = view.viewport()
    touch(vp).press(0, QPoint(1200, 500)).commit()
    touch(vp).move(0, QPoint(700, 500)).commit()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QTouchEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(vp, QTouchEvent(QEvent.Type.TouchCancel, touch_device()))
    qtbot.waitUntil(lambda: not window.deck.is_animating())
    assert window.deck.index == 1
    touch(vp).release(0, QPoint(700, 500)).commit()  # the finger lifts after the cancel
    assert window.deck.index == 1  # ... and that is not a swipe either


def test_tap_on_a_home_card_opens_it(qtbot, window) -> None:
    card = window.home.cards[3]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.rect().center())
    assert window.nav.state.screen is Screen.POSTER and window.deck.index == 3


def test_touch_tap_on_a_home_card_opens_it(qtbot, window) -> None:
    card = window.home.cards[2]
    vp = window.home.viewport()
    centre = card.mapTo(vp, card.rect().center())
    touch(vp).press(0, centre).commit()
    touch(vp).release(0, centre).commit()
    assert window.deck.index == 2


def test_drag_on_a_card_is_not_a_tap(qtbot, window) -> None:
    card = window.home.cards[0]
    clock = FakeClock(100.0)
    window.home.gestures.clock = clock
    c = card.rect().center()
    mouse_drag(card, c, c + QPoint(0, -150), clock, 0.3)
    assert window.nav.state.screen is Screen.HOME


def test_tap_in_overview_opens(qtbot, window) -> None:
    window.nav.overview()
    card = window.overview.cards[5]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.rect().center())
    assert window.deck.index == 5 and window.nav.state.screen is Screen.POSTER


def test_double_tap_zooms_and_double_tap_fits_again(qtbot, on_poster) -> None:
    window, view, clock = on_poster
    vp = view.viewport()
    p = QPoint(800, 400)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=p)
    clock.advance(0.1)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=p)
    zoom = window.deck.zoom
    assert zoom.isVisible() and zoom.zoom == 2.0
    before = QPointF(zoom.centre)  # a copy: the layer's own point moves
    QTest.mousePress(zoom, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    QTest.mouseMove(zoom, p + QPoint(-200, 0))
    QTest.mouseRelease(
        zoom, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p + QPoint(-200, 0)
    )
    assert zoom.centre.x() > before.x()  # dragging left pans right: a one-finger drag pans
    assert window.deck.index == 1  # ... and does not swipe
    qtbot.mouseClick(zoom.reset_button, Qt.MouseButton.LeftButton)
    assert not zoom.isVisible()


def test_pinch_zooms(qtbot, on_poster) -> None:
    window, view, clock = on_poster
    vp = view.viewport()
    touch(vp).press(0, QPoint(800, 500)).press(
        1,
        QPoint(1000, 500),
    ).commit()
    touch(vp).move(0, QPoint(700, 500)).move(
        1,
        QPoint(1100, 500),
    ).commit()
    touch(vp).move(0, QPoint(600, 500)).move(
        1,
        QPoint(1200, 500),
    ).commit()
    zoom = window.deck.zoom
    assert zoom.isVisible()
    assert zoom.zoom == pytest.approx(3.0, abs=0.01)  # 600/200, the most it allows
    touch(vp).release(0, QPoint(600, 500)).release(1, QPoint(1200, 500)).commit()
    assert window.deck.index == 1


def test_no_context_menu_and_no_text_selection(qtbot, window) -> None:
    from PySide6.QtWidgets import QLabel

    window.nav.open(1)
    labels = window.deck.current().widget().findChildren(QLabel)
    assert labels and all(
        lb.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction for lb in labels
    )
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def _background_share(image, colour: str, box) -> float:  # noqa: ANN001
    """The share of pixels in ``box`` (x, y, w, h) that are exactly the background colour."""
    from PySide6.QtGui import QColor

    x0, y0, w, h = box
    bg = QColor(colour).rgb()
    hits = total = 0
    for y in range(y0, y0 + h, 7):
        for x in range(x0, x0 + w, 7):
            total += 1
            hits += image.pixel(x, y) == bg
    return hits / total


@pytest.mark.parametrize("how", ["keys", "double-tap near the end"])
def test_zooming_a_scrolled_poster_shows_the_part_on_screen(qtbot, make_window, how) -> None:
    """Issue 17: the first zoom of a scrolled poster showed a corner of the picture pushed to the
    bottom right, the screen mostly empty (the zoom layer placed its centre before it had its
    size)."""
    window = make_window(size=(1280, 720))
    window.nav.open_id("montreal-technopole-angus")
    view = window.deck.current()
    bar = view.verticalScrollBar()
    if how == "keys":
        for _ in range(3):
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_Down)
            qtbot.waitUntil(lambda: not view.gestures.scroller.state().value)  # settled
        assert bar.value() > 0
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Plus)
        point = QPoint(view.width() // 2, view.height() // 2)
    else:
        bar.setValue(bar.maximum())
        clock = FakeClock(100.0)
        view.gestures.clock = clock
        point = QPoint(view.width() - 200, view.height() - 120)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        clock.advance(0.1)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    zoom = window.deck.zoom
    assert zoom.isVisible() and zoom.geometry() == window.deck.rect()
    src = zoom.source_rect()
    picture = zoom.pixmap.deviceIndependentSize()
    assert src.left() >= 0 and src.top() >= 0, src
    assert src.right() <= picture.width() + 0.5 and src.bottom() <= picture.height() + 0.5, src
    assert src.contains(point.toPointF())  # the part asked for is the part shown
    if how != "keys":
        return  # the end of a poster may be empty space: the picture check is for the middle
    # what a visitor sees in the middle of a poster: text and cards in every quarter
    shown = zoom.grab().toImage()
    w, h = shown.width() // 2, shown.height() // 2
    for box in ((0, 0, w, h), (w, 0, w, h), (0, h, w, h), (w, h, w, h)):
        assert _background_share(shown, window.ctx.palette.background, box) < 0.97, box


def test_the_mouse_wheel_over_an_edge_arrow_scrolls_the_poster(qtbot, on_poster) -> None:
    """Issue 17: the wheel did nothing over the arrows, though they sit on the poster."""
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window, view, _clock = on_poster
    arrow = window.deck.next_button
    bar = view.verticalScrollBar()
    assert arrow.isVisible() and bar.value() == 0 and bar.maximum() > 0
    at = QPointF(arrow.rect().center())
    wheel = QWheelEvent(
        at,
        arrow.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(arrow, wheel)
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert window.deck.index == 1  # it scrolled; it did not change poster
