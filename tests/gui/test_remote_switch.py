"""The phone remote's switch on the admin screen: a real gallery window with its services, the
admin screen opened, the switch's button clicked; real sockets on 127.0.0.1 (Python's
http.client in a thread, as a phone would) check that switched on, a server answers with the
card's token, and switched off, nothing listens on its port."""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk import startup
from kiosk.core.navigation import Screen
from kiosk.ui.remote import strings as S
from kiosk.ui.remote.panel import RemotePanel
from tests.gui.test_remote_server import fetch

pytestmark = pytest.mark.qt_log_ignore("QObject::disconnect: wildcard call disconnects")


@pytest.fixture
def gallery(qtbot, mini_gallery: Path):
    result = startup.load(str(mini_gallery))
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, str(mini_gallery), watch=False)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert services.remote is not None
    services.remote.bind, services.remote.port = "127.0.0.1", 0  # loopback, a free port
    yield window, services
    services.stop()
    window._allow_close = True


def open_admin(qtbot, services) -> RemotePanel:  # noqa: ANN001
    services.admin.open_screen()
    screen = services.admin.screen
    qtbot.waitUntil(screen.isVisible)
    panel = screen.findChild(RemotePanel)
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    return panel


def refused(port: int) -> bool:
    """True when a connection to 127.0.0.1:``port`` is refused (nothing listens)."""
    out: dict[str, bool] = {}

    def run() -> None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
            out["refused"] = False
        except ConnectionRefusedError:
            out["refused"] = True

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    return out["refused"]


def test_the_switch_starts_a_server_that_answers_and_stops_it(qtbot, gallery, caplog) -> None:
    window, services = gallery
    caplog.set_level(logging.INFO, logger="kiosk.remote")
    panel = open_admin(qtbot, services)
    assert not services.remote.on and panel.card is None
    assert panel.state.text() == S.STATE_OFF
    assert panel.button.text() == S.SWITCH_ON

    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    server = services.remote.server
    assert server is not None and server.listening and server.host == "127.0.0.1"
    port, token = server.port, server.token
    # the card shows the address with this server's token, and the button now switches off
    assert panel.card is not None and panel.card.qr.text == server.url
    assert f":{port}/?t={token}" in server.url
    assert panel.button.text() == S.SWITCH_OFF and panel.button.isChecked()
    reply = fetch(qtbot, server, "GET", f"/api/state?t={token}")
    assert reply.status == 200 and reply.json()["kind"] == "present"
    assert fetch(qtbot, server, "GET", "/api/state?t=wrong").status == 401
    assert "remote: switched on (the admin screen's switch)" in caplog.text

    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert not services.remote.on and not server.listening
    assert refused(port)
    assert panel.card is None and panel.state.text() == S.STATE_OFF
    assert panel.button.text() == S.SWITCH_ON and not panel.button.isChecked()
    assert "remote: switched off (the admin screen's switch)" in caplog.text


def test_each_switch_on_has_a_new_token_and_the_remote_outlives_the_admin_screen(
    qtbot, gallery
) -> None:
    window, services = gallery
    panel = open_admin(qtbot, services)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    first = services.remote.server
    assert first is not None
    old_token = first.token
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    server = services.remote.server
    assert server is not None and server.token != old_token
    # the admin screen closed: the remote stays on and drives the gallery
    services.admin.close_screen()
    qtbot.waitUntil(lambda: not services.admin.screen.isVisible())
    assert services.remote.on
    reply = fetch(
        qtbot, server, "POST", f"/api/action?t={server.token}", b'{"do": "next"}',
        {"Content-Type": "application/json"},
    )  # fmt: skip
    assert reply.status == 200 and reply.json()["ok"]
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 0
    # opened again, the admin screen shows it on, with the same server's card
    panel = open_admin(qtbot, services)
    assert panel.button.isChecked() and panel.card is not None
    assert panel.card.qr.text == server.url
    # the services' end switches it off: nothing listens
    port = server.port
    services.stop()
    assert refused(port)


def test_a_port_that_cannot_be_had_says_so_and_the_gallery_goes_on(qtbot, gallery, caplog) -> None:
    window, services = gallery
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    try:
        services.remote.port = holder.getsockname()[1]  # asked for exactly a taken port
        panel = open_admin(qtbot, services)
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
        assert not services.remote.on and panel.card is None
        assert panel.state.text() == S.STATE_FAILED and not panel.button.isChecked()
        assert "remote: could not be switched on" in caplog.text
    finally:
        holder.close()


def test_the_panel_speaks_the_language_chosen_since(qtbot, gallery) -> None:
    """A visitor switched to French before the organiser opened the admin screen: the remote's
    panel is in French, and again in English after a switch back, the same switch behind it."""
    window, services = gallery
    panel = open_admin(qtbot, services)
    assert panel.button.text() == "Turn the phone remote on"
    services.admin.close_screen()
    window.choose_language("fr")
    panel = open_admin(qtbot, services)
    assert panel.button.text() == "Activer la télécommande"
    assert panel.state.text() == "Désactivée\u00a0: rien n’écoute sur le réseau."
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert services.remote.on
    assert panel.button.text() == "Désactiver la télécommande"
    assert panel.card is not None and panel.card.phones.text() == "0 téléphone connecté"
    assert len(services.admin.screen.findChildren(RemotePanel)) == 1
