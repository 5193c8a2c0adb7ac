"""The About card: reached from the help card by a visitor's tap and from the admin screen; it
says the version, where the content comes from and who made it, and every licence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from kiosk import licensing, paths
from kiosk.core.modes import Mode
from kiosk.core.pin import PinStore
from tests.gui.kiosk_rig import hold_corner, tap, type_pin


def texts(widget) -> str:  # noqa: ANN001
    return "\n".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget))


def centre_of(rig, widget):  # noqa: ANN001, ANN201
    return widget.mapTo(rig.window, widget.rect().center())


def test_a_visitor_taps_help_then_about_and_reads_credits_and_licences(make_rig, qtbot) -> None:
    rig = make_rig()
    window = rig.window
    window.nav.open(1)
    tap(rig, centre_of(rig, window.poster_screen.help_button))
    assert window.modes.layers == (Mode.HELP,)
    tap(rig, centre_of(rig, window.help.about_button))
    assert window.modes.layers == (Mode.ABOUT,) and window.about.isVisible()
    assert not window.help.isVisible()
    shown = texts(window.about)
    assert f"Kiosk {licensing.app_version()}" in shown
    assert "Vital Neighborhoods in Metropolitan Cities" in shown
    assert "Source: UCLG peer learning #21" in shown and "UCLG Learning Team" in shown
    assert "Qt " in shown and "LGPL-3.0-only" in shown and "Roboto fonts" in shown
    # the card fits the screen: nothing of it is cut off at 1920x1080
    card = window.about.findChild(QLabel).parentWidget()
    assert window.about.rect().contains(card.geometry())
    tap(rig, centre_of(rig, window.about))  # any tap closes it
    assert window.modes.layers == () and not window.about.isVisible()


def test_the_a_key_opens_it_for_a_presenter_and_esc_closes_it(make_rig, qtbot) -> None:
    rig = make_rig(kiosk_on=False)
    QTest.keyClick(rig.window.windowHandle(), Qt.Key.Key_A)
    assert rig.window.modes.top is Mode.ABOUT and rig.window.about.isVisible()
    QTest.keyClick(rig.window.windowHandle(), Qt.Key.Key_Escape)
    assert rig.window.modes.layers == () and rig.window.nav.state.screen.value == "home"


def test_the_admin_screen_shows_about_and_its_button_scrolls_there(make_rig, qtbot) -> None:
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    rig.window.resize(1024, 600)  # a small laptop: the body scrolls
    admin = rig.parts.admin
    hold_corner(rig, qtbot)
    type_pin(admin.pad, "2468")
    screen = admin.screen
    assert screen.isVisible() and rig.window.modes.top is Mode.ADMIN
    # the body is rebuilt as the screen opens; new labels show on the next turn of the loop
    qtbot.waitUntil(lambda: "LGPL-3.0-only" in texts(screen.body))
    bar = screen.body_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0  # the diagnostics come first: About is further down
    tap(rig, centre_of(rig, screen.about_button))
    assert bar.value() > 0
    viewport = screen.body_scroll.viewport()
    heading = screen.about_heading.mapTo(viewport, screen.about_heading.rect().topLeft())
    assert viewport.rect().contains(heading)  # the heading is in view
    assert rig.window.modes.top is Mode.ADMIN  # still the admin screen, nothing over it
