"""Issue 17: the whole gallery with keys only, and with a three-button keypad (next, previous,
select: Tab, Shift+Tab, Enter). Driven through the window's platform window, as a keyboard or a
keypad delivers keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.theme import HIGH_CONTRAST
from kiosk.ui.widgets import TapFrame
from tests.gui.kiosk_rig import tap

NEXT, SELECT = Qt.Key.Key_Tab, Qt.Key.Key_Return


def press(window, key: Qt.Key, shift: bool = False) -> None:  # noqa: ANN001
    mod = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(window.windowHandle(), key, mod)


def on(window) -> str:  # noqa: ANN001
    current = window.walk.current
    return current.accessibleName() if current is not None and window.walk.active else ""


def tab_to(window, starts: str, limit: int = 80) -> QWidget:  # noqa: ANN001
    """Tab until the ring is on the control whose name starts with ``starts``."""
    for _ in range(limit):
        press(window, NEXT)
        if on(window).startswith(starts):
            return window.walk.current
    raise AssertionError(f"Tab never reached {starts!r} (last: {on(window)!r})")


def ring_is_around(window, widget: QWidget) -> bool:  # noqa: ANN001
    ring = window.walk.ring
    where = widget.mapTo(window, QPoint(0, 0))
    return ring.isVisible() and ring.geometry().contains(where + QPoint(2, 2))


def test_tab_visits_every_card_and_button_of_home_in_reading_order(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    home = window.home
    wanted = {
        w.accessibleName()
        for w in home.findChildren(QWidget)
        if isinstance(w, QAbstractButton | TapFrame) and w.isVisibleTo(window)
    }
    seen: list[str] = []
    for _ in range(len(window.walk.stops())):
        press(window, NEXT)
        seen.append(on(window))
        assert ring_is_around(window, window.walk.current)
    assert wanted <= set(seen)
    cards = [name for name in seen if name.startswith("Open poster")]
    assert cards == sorted(cards)  # one card after the other, in the gallery's order
    press(window, NEXT)  # past the last: the first again
    assert on(window) == seen[0]
    press(window, NEXT, shift=True)  # and back
    assert on(window) == seen[-1]


def test_three_keys_reach_everything_a_visitor_can_do(make_rig, qtbot) -> None:
    """The display settings, a poster read to its end, the next poster, home: Tab, Shift+Tab
    and Enter only."""
    rig = make_rig()
    window = rig.window
    tab_to(window, "Display")
    press(window, SELECT)
    assert window.modes.top is Mode.SETTINGS
    tab_to(window, "Contrast: High")
    press(window, SELECT)
    assert window.ctx.palette is HIGH_CONTRAST
    assert on(window) == "Contrast: High"  # the card was built again; the ring stayed put
    tab_to(window, "Close the display settings")
    press(window, SELECT)
    assert not window.modes.is_open(Mode.SETTINGS)
    tab_to(window, "Open poster 3")
    press(window, SELECT)
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 2
    view = window.deck.current()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    # the poster's parts, one after the other, scroll into view down to its last words
    page = view.widget()
    last = max(page.findChildren(QLabel), key=lambda lab: lab.mapTo(page, QPoint(0, 0)).y())
    end = last.mapTo(page, QPoint(0, last.height())).y()
    read_to = 0
    names = []
    for _ in range(60):
        press(window, NEXT)
        names.append(on(window))
        read_to = max(read_to, bar.value() + view.viewport().height())
        if on(window).startswith("Next poster"):
            break
    assert read_to >= end, names
    assert "Sources" in names and [n for n in names if not n] == [], names  # each has a name
    tab_to(window, "Next poster")
    press(window, SELECT)
    assert window.nav.state.index == 3
    tab_to(window, "Home")
    press(window, SELECT)
    assert window.nav.state.screen is Screen.HOME


def test_a_tap_hides_the_ring_and_enter_then_means_what_it_always_did(make_rig, qtbot) -> None:
    rig = make_rig(kiosk_on=False)
    window = rig.window
    tab_to(window, "Open poster 2")
    tap(rig, QPoint(window.width() // 2, 5))  # a tap on the banner: no control there
    assert not window.walk.active and not window.walk.ring.isVisible()
    press(window, SELECT)  # a presenter's Enter on home: the first poster
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 0


def test_the_kiosks_help_names_the_three_keys_once_a_key_is_used(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    press(window, NEXT)
    press(window, Qt.Key.Key_H)
    words = [lab.text() for lab in window.help.findChildren(QLabel)]
    assert "Tab" in words and "Shift + Tab" in words and "PageDown" not in " ".join(words)
