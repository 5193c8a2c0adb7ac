"""The fishbowl's phone remote card: closed by the facilitator, shown again by P on the timer's
window or by the strip's button, with the same address and token; a real fishbowl window and a
real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from kiosk import paths
from kiosk.ui.remote.links import FishbowlLink
from kiosk.ui.remote.reopen import RemoteCardOffer
from kiosk.ui.remote.server import RemoteServer
from tests.gui.test_fishbowl_window import Rig
from tests.gui.test_remote_server import fetch

pytestmark = pytest.mark.qt_log_ignore("QObject::disconnect: wildcard call disconnects")


@pytest.fixture
def offered(qtbot, tmp_path: Path):
    rig = Rig(qtbot, tmp_path, size=(1280, 720))
    rig.start()  # the timer page, where the facilitator's keys work
    server = RemoteServer(
        FishbowlLink(rig.controller), paths.assets_dir() / "remote", "127.0.0.1", 0
    )
    assert server.start()
    offer = RemoteCardOffer(rig.window, server, loopback=True)
    offer.show_card()
    qtbot.waitExposed(offer.window)
    yield rig, server, offer
    offer.close()
    server.close()


def test_p_shows_the_closed_card_again_with_the_same_token(qtbot, offered) -> None:
    rig, server, offer = offered
    assert offer.window.isVisible() and not offer.button.isVisible()
    # the card's own Close button
    close = next(b for b in offer.window.findChildren(QToolButton) if b.text() == "Close")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not offer.window.isVisible())
    assert offer.button.isVisible()  # the strip offers the way back
    rig.window.activateWindow()
    qtbot.keyClick(rig.window, Qt.Key.Key_P)
    qtbot.waitUntil(offer.window.isVisible)
    assert offer.window.card.qr.text == server.url and server.token in server.url
    assert not offer.button.isVisible()
    # the code shown again still opens the remote
    assert fetch(qtbot, server, "GET", f"/api/state?t={server.token}").status == 200


def test_the_strip_button_shows_it_again(qtbot, offered) -> None:
    rig, server, offer = offered
    offer.window.close()
    qtbot.waitUntil(lambda: not offer.window.isVisible())
    assert offer.button.isVisible()
    assert offer.button in rig.window.controls.findChildren(type(offer.button))
    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(offer.window.isVisible)
    assert not offer.button.isVisible()
    assert offer.window.card.qr.text == server.url


def test_p_is_only_a_key_of_the_timer_page(qtbot, tmp_path: Path) -> None:
    rig = Rig(qtbot, tmp_path, size=(1280, 720))
    asked: list[bool] = []
    rig.window.remote_requested.connect(lambda: asked.append(True))
    assert rig.window.showing_setup()
    qtbot.keyClick(rig.window, Qt.Key.Key_P)  # the setup page: a letter for its fields
    assert asked == []
    rig.start()
    qtbot.keyClick(rig.window, Qt.Key.Key_P)
    assert asked == [True]
