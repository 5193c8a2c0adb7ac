"""The phone remote's server over real sockets on 127.0.0.1: Python's http.client in a thread
for HTTP, Qt's QWebSocket for the socket; the presenter's real gallery window and a real
fishbowl controller behind it. The wrong-token limiter runs on a fake clock."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtNetwork import QAbstractSocket
from PySide6.QtWebSockets import QWebSocket

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.remote.links import FishbowlLink, PresenterLink
from kiosk.ui.remote.server import RemoteServer

ASSETS = paths.assets_dir() / "remote"
# Qt's WebSocket, releasing a closed socket's connection, disconnects everything from it and
# says so when one of those is the socket's own `destroyed` (Qt's code, not the app's)
pytestmark = pytest.mark.qt_log_ignore("QObject::disconnect: wildcard call disconnects")


class Reply:
    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.status, self.body, self.headers = status, body, headers

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(qtbot, server: RemoteServer, method: str, path: str, body: bytes | None = None,
          headers: dict[str, str] | None = None) -> Reply:  # fmt: skip
    """One request from another thread, as a phone's browser would make it; the GUI thread
    keeps serving meanwhile."""
    out: dict[str, Reply | BaseException] = {}

    def run() -> None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            out["r"] = Reply(r.status, r.read(), {k.lower(): v for k, v in r.getheaders()})
            conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["r"] = exc

    threading.Thread(target=run, daemon=True).start()
    qtbot.waitUntil(lambda: "r" in out, timeout=10000)
    result = out["r"]
    if isinstance(result, BaseException):
        raise result
    return result


class Phone:
    """A phone's socket: every state it was pushed, in order."""

    def __init__(self, qtbot, server: RemoteServer, token: str | None = None) -> None:
        self.socket = QWebSocket()
        self.states: list[dict] = []
        self.replies: list[dict] = []
        self.socket.textMessageReceived.connect(self._got)
        t = server.token if token is None else token
        self.socket.open(QUrl(f"ws://127.0.0.1:{server.port}/ws?t={t}"))
        self.qtbot = qtbot

    def _got(self, text: str) -> None:
        data = json.loads(text)
        (self.replies if data.get("kind") == "reply" else self.states).append(data)

    def send(self, action: dict) -> None:
        self.socket.sendTextMessage(json.dumps(action))

    def connected(self) -> bool:
        return self.socket.state() == QAbstractSocket.SocketState.ConnectedState

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def presenter_server(qtbot):
    result = load_gallery(paths.default_content_dir(), paths.assets_dir())
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = FakeClock(100.0)
    server = RemoteServer(PresenterLink(window), ASSETS, "127.0.0.1", 0, clock=clock)
    assert server.start()
    yield server, window, clock
    server.close()


@pytest.fixture
def fishbowl_server(qtbot, tmp_path: Path):
    clock = FakeClock(100.0)
    session = FishbowlSession(clock)
    controller = FishbowlController(session, None, tmp_path / "exports")
    server = RemoteServer(FishbowlLink(controller), ASSETS, "127.0.0.1", 0)
    assert server.start()
    yield server, controller, clock
    server.close()
    controller.close()


def test_the_page_needs_the_token(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    page = fetch(qtbot, server, "GET", f"/?t={server.token}")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    text = page.body.decode()
    assert f'content="{server.token}"' in text and "{{token}}" not in text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    script = fetch(qtbot, server, "GET", f"/remote.js?t={server.token}")
    assert script.status == 200 and b"WebSocket" in script.body
    for path in ("/", "/remote.css", "/api/state", "/?t=wrong"):  # (a fifth would be blocked)
        assert fetch(qtbot, server, "GET", path).status == 401, path


def test_a_token_in_a_header_works_too(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    reply = fetch(qtbot, server, "GET", "/api/state", headers={"X-Kiosk-Token": server.token})
    assert reply.status == 200 and reply.json()["kind"] == "present"


def test_every_start_has_a_new_token(qtbot, presenter_server) -> None:
    server, window, _ = presenter_server
    other = RemoteServer(PresenterLink(window), ASSETS, "127.0.0.1", 0)
    assert other.start()
    try:
        assert other.token != server.token
        assert fetch(qtbot, other, "GET", f"/api/state?t={server.token}").status == 401
    finally:
        other.close()


def test_wrong_tokens_are_rate_limited(qtbot, presenter_server) -> None:
    server, _, clock = presenter_server
    statuses = [fetch(qtbot, server, "GET", f"/api/state?t=guess{i}").status for i in range(5)]
    assert statuses == [401, 401, 401, 401, 429]
    # blocked: even the right token waits
    blocked = fetch(qtbot, server, "GET", f"/api/state?t={server.token}")
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) > 0
    clock.advance(61)
    assert fetch(qtbot, server, "GET", f"/api/state?t={server.token}").status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/index.html",
        "/../kiosk/app.py",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/remote/remote.js",
        "/content/notes.yaml",
        "/api/other",
    ],
)
def test_it_serves_only_its_own_files(qtbot, presenter_server, path: str) -> None:
    server, _, _ = presenter_server
    sep = "&" if "?" in path else "?"
    reply = fetch(qtbot, server, "GET", f"{path}{sep}t={server.token}")
    assert reply.status == 404, path


def test_bad_requests_get_their_status(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    t = server.token
    assert fetch(qtbot, server, "PUT", f"/?t={t}").status == 405
    assert fetch(qtbot, server, "POST", f"/?t={t}", b"x").status == 405
    reply = fetch(qtbot, server, "POST", f"/api/action?t={t}", b'{"do":"next"}',
                  {"Content-Type": "text/plain"})  # fmt: skip
    assert reply.status == 415
    big = b"{" + b" " * 5000 + b"}"
    reply = fetch(qtbot, server, "POST", f"/api/action?t={t}", big,
                  {"Content-Type": "application/json"})  # fmt: skip
    assert reply.status == 413
    reply = fetch(
        qtbot, server, "GET", f"/api/state?t={t}", headers={"Origin": "http://evil.example"}
    )
    assert reply.status == 403


def test_an_action_by_post_moves_the_gallery_and_is_logged(qtbot, presenter_server, caplog) -> None:
    server, window, _ = presenter_server
    caplog.set_level(logging.INFO, logger="kiosk.remote")
    headers = {"Content-Type": "application/json", "X-Kiosk-Token": server.token}
    reply = fetch(qtbot, server, "POST", "/api/action", b'{"do": "next"}', headers)
    assert reply.status == 200 and reply.json() == {"ok": True, "said": ""}
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 0
    assert "remote: next (from 127.0.0.1)" in caplog.text
    assert server.token not in caplog.text  # the token is never written to the log
    fetch(qtbot, server, "POST", "/api/action", b'{"do": "goto", "index": 4}', headers)
    assert window.nav.state.index == 4
    fetch(qtbot, server, "POST", "/api/action", b'{"do": "blackout"}', headers)
    assert window.modes.is_open(Mode.BLACKOUT)
    fetch(qtbot, server, "POST", "/api/action", b'{"do": "next"}', headers)
    assert not window.modes.is_open(Mode.BLACKOUT) and window.nav.state.index == 4  # woke first
    fetch(qtbot, server, "POST", "/api/action", b'{"do": "overview"}', headers)
    assert window.nav.state.screen is Screen.OVERVIEW
    bad = fetch(qtbot, server, "POST", "/api/action", b'{"do": "goto", "index": 99}', headers)
    assert bad.json() == {"ok": False, "said": "There is no such poster"}
    bad = fetch(qtbot, server, "POST", "/api/action", b'{"do": "rm -rf"}', headers)
    assert bad.json()["ok"] is False and "not an action" in bad.json()["said"]


def test_the_socket_pushes_the_state_and_takes_actions(qtbot, presenter_server) -> None:
    server, window, _ = presenter_server
    phone = Phone(qtbot, server)
    qtbot.waitUntil(lambda: len(phone.states) == 1)  # the state at once on connecting
    assert phone.states[0]["screen"] == "home"
    assert server.phones == 1
    phone.send({"do": "goto", "index": 1})
    qtbot.waitUntil(lambda: phone.states[-1]["index"] == 1)
    state = phone.states[-1]
    assert state["title"] == "Technopole Angus" and state["notes"][0].startswith("Shops Angus")
    assert window.nav.state.index == 1
    window.nav.next()  # a move made on the laptop reaches the phone too
    qtbot.waitUntil(lambda: phone.states[-1]["index"] == 2)
    phone.close()
    qtbot.waitUntil(lambda: server.phones == 0)


def test_two_phones_stay_consistent(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    a, b = Phone(qtbot, server), Phone(qtbot, server)
    qtbot.waitUntil(lambda: bool(a.states and b.states))
    a.send({"do": "next"})
    b.send({"do": "next"})
    qtbot.waitUntil(lambda: a.states[-1].get("index") == 1 and b.states[-1].get("index") == 1)
    assert a.states[-1] == b.states[-1]
    a.close()
    b.close()


def test_a_socket_with_a_wrong_token_is_refused(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    phone = Phone(qtbot, server, token="wrong")
    unconnected = QAbstractSocket.SocketState.UnconnectedState
    qtbot.waitUntil(lambda: phone.socket.state() == unconnected)
    assert not phone.connected() and phone.states == []
    assert server.phones == 0


def test_it_listens_on_the_address_given_only(qtbot, presenter_server) -> None:
    server, _, _ = presenter_server
    assert server.listening
    assert server._tcp.serverAddress().toString() == "127.0.0.1"  # noqa: SLF001
    assert server.url == f"http://127.0.0.1:{server.port}/?t={server.token}"
    server.close()
    assert not server.listening


def test_the_fishbowl_remote_drives_the_session(qtbot, fishbowl_server) -> None:
    server, controller, clock = fishbowl_server
    session = controller.session
    phone = Phone(qtbot, server)
    qtbot.waitUntil(lambda: len(phone.states) == 1)
    assert phone.states[0]["kind"] == "fishbowl" and phone.states[0]["state"] == "setup"
    phone.send({"do": "next_speaker"})  # before the start: the session says no, and why
    qtbot.waitUntil(lambda: bool(phone.replies))
    assert phone.replies[-1]["ok"] is False and phone.replies[-1]["said"]
    session.start()
    qtbot.waitUntil(lambda: phone.states[-1]["state"] == "running")
    first = phone.states[-1]["speaker"]
    clock.advance(20)
    phone.send({"do": "more"})
    expected = session.config.turn_seconds - 20 + 30  # the controller's step: 30 s
    qtbot.waitUntil(lambda: phone.states[-1]["turn_remaining"] == pytest.approx(expected))
    assert session.turn_remaining() == pytest.approx(expected)
    phone.send({"do": "less"})
    qtbot.waitUntil(lambda: phone.states[-1]["turn_remaining"] == pytest.approx(expected - 30))
    phone.send({"do": "next_speaker"})
    qtbot.waitUntil(lambda: phone.states[-1]["speaker"] not in (None, first))
    phone.send({"do": "queue", "name": "Ana"})
    qtbot.waitUntil(lambda: "Ana" in phone.states[-1]["queue"])
    assert phone.states[-1]["next"] == "Ana"
    phone.send({"do": "message", "text": "Please wrap up"})
    qtbot.waitUntil(lambda: phone.states[-1]["message"] == "Please wrap up")
    assert session.message == "Please wrap up"
    phone.send({"do": "pause"})
    qtbot.waitUntil(lambda: phone.states[-1]["state"] == "paused")
    phone.send({"do": "join", "name": "Bo"})
    qtbot.waitUntil(lambda: any(c["label"] == "Bo" for c in phone.states[-1]["chairs"]))
    phone.close()


def test_a_connection_that_never_sends_its_request_is_dropped(qtbot, presenter_server) -> None:
    server, _, clock = presenter_server
    slow = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the rest
        qtbot.waitUntil(lambda: len(server._waiting) == 1)  # noqa: SLF001
        clock.advance(11)
        qtbot.waitUntil(lambda: not server._waiting, timeout=5000)  # noqa: SLF001
        assert slow.recv(100) == b""  # closed by the server, with no answer
    finally:
        slow.close()
