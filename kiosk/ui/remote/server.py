"""The phone remote's server, inside the app: HTTP for the page and the actions, a WebSocket for
the state pushed to each phone, on one port.

Nothing listens unless the remote is switched on (``--remote``). It listens on one address (the
machine's LAN address, 127.0.0.1 in tests; every interface only when asked), answers only with
its own three files and its two API paths, and wants the one-time token on every request and
socket: ``?t=`` or the ``X-Kiosk-Token`` header. An address that sends wrong tokens is refused
for a while (``kiosk.core.remote.access.FailureLimiter``). Every action a phone asks for is
logged with its address.

Why not QHttpServer: in PySide6 6.11 a route's Python callback cannot answer (a returned string,
bytes or status comes out as an empty 200), and the responder-taking handlers and the missing
handler are not bound. The HTTP here is small and read by ``kiosk.core.remote.http`` (pure,
tested on its own); the WebSocket is Qt's own (``QWebSocketServer.handleConnection``), handed
the connection once its head has been checked.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance, Slot
from PySide6.QtNetwork import (
    QAbstractSocket,
    QHostAddress,
    QNetworkInterface,
    QTcpServer,
    QTcpSocket,
)
from PySide6.QtWebSockets import QWebSocket, QWebSocketProtocol, QWebSocketServer

from kiosk.core.clock import Clock, MonotonicClock
from kiosk.core.remote.access import FailureLimiter, new_token, token_matches
from kiosk.core.remote.actions import Action, ActionError, RemoteKind, parse_action
from kiosk.core.remote.http import (
    MAX_BODY,
    MAX_HEAD,
    HttpError,
    Request,
    body_length,
    head_end,
    parse_head,
    response,
)

log = logging.getLogger("kiosk.remote")

FILES = {  # path -> (file in assets/remote, content type): all it serves
    "/": ("index.html", "text/html; charset=utf-8"),
    "/remote.js": ("remote.js", "text/javascript; charset=utf-8"),
    "/remote.css": ("remote.css", "text/css; charset=utf-8"),
}
API_PATHS = ("/api/state", "/api/action")
TOKEN_MARK = "{{token}}"  # where index.html and remote.js receive the token
KIND_MARK = "{{kind}}"
MAX_CONNECTIONS = 32
REQUEST_TIMEOUT_MS = 10_000  # a connection that has not sent its request by then is dropped
PUSH_DELAY_MS = 0  # changes in one event-loop turn are pushed as one state
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class RemoteLink(Protocol):
    """What a remote drives: the presenter's gallery or the fishbowl (kiosk.ui.remote.links)."""

    kind: RemoteKind
    changed: SignalInstance  # the state changed: push it

    def state(self) -> dict[str, Any]: ...

    def act(self, action: Action) -> str:
        """Do ``action``; '' when done, else the sentence that says why not."""
        ...


def lan_address() -> str | None:
    """The machine's address on the local network (the first IPv4 address of an interface that
    is up and not a loopback), or None without one."""
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not (flags & QNetworkInterface.InterfaceFlag.IsUp) or (
            flags & QNetworkInterface.InterfaceFlag.IsLoopBack
        ):
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if (
                ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol
                and not ip.isLinkLocal()
            ):
                return ip.toString()
    return None


class RemoteServer(QObject):
    """Serves one remote (``link``) at ``host``:``port`` (0: any free port)."""

    action_done = Signal(str, str)  # the action, the address: after it was done
    clients_changed = Signal(int)  # phones connected by socket

    def __init__(
        self,
        link: RemoteLink,
        assets: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.host = host
        self.token = new_token()  # a new one at every start
        self.limiter = FailureLimiter(clock or MonotonicClock())
        self._files = {path: (assets / name).read_bytes() for path, (name, _) in FILES.items()}
        self._asked_port = port
        self._tcp = QTcpServer(self)
        self._tcp.setMaxPendingConnections(MAX_CONNECTIONS)
        self._tcp.newConnection.connect(self._accept)
        self._ws = QWebSocketServer("kiosk-remote", QWebSocketServer.SslMode.NonSecureMode, self)
        self._ws.newConnection.connect(self._ws_accept)
        self._phones: list[QWebSocket] = []
        self._clock = clock or MonotonicClock()
        self._waiting: dict[QTcpSocket, float] = {}  # connections and their request's deadline
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(1000)
        self._sweeper.timeout.connect(self._sweep)
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(PUSH_DELAY_MS)
        self._push_timer.timeout.connect(self.push)
        link.changed.connect(self._push_timer.start)

    # --- starting and stopping ------------------------------------------------------------------
    def start(self) -> bool:
        if not self._tcp.listen(QHostAddress(self.host), self._asked_port):
            log.error(
                "remote: cannot listen on %s:%s: %s",
                self.host,
                self._asked_port,
                self._tcp.errorString(),
            )
            return False
        log.info("remote: listening on %s:%d (%s remote)", self.host, self.port, self.link.kind)
        return True

    def close(self) -> None:
        for phone in list(self._phones):
            phone.close(QWebSocketProtocol.CloseCode.CloseCodeGoingAway, "the app is closing")
        self._phones.clear()
        for socket in list(self._waiting):
            socket.abort()
        self._waiting.clear()
        self._sweeper.stop()
        self._tcp.close()
        self._ws.close()
        log.info("remote: closed")

    @property
    def port(self) -> int:
        return self._tcp.serverPort()

    @property
    def listening(self) -> bool:
        return self._tcp.isListening()

    @property
    def url(self) -> str:
        """The page's address with the token: what the QR code holds."""
        host = self.host if self.host not in ("0.0.0.0", "::") else (lan_address() or self.host)
        return f"http://{host}:{self.port}/?t={self.token}"

    @property
    def phones(self) -> int:
        return len(self._phones)

    # --- HTTP -----------------------------------------------------------------------------------
    # Each connection's signals reach methods of the server (the socket found by ``sender()``),
    # never lambdas holding the socket: a closure that owns a socket's Python wrapper, freed
    # while Qt deletes the socket, made PySide delete it a second time (a crash in the tests).
    def _accept(self) -> None:
        while (socket := self._tcp.nextPendingConnection()) is not None:
            if len(self._waiting) >= MAX_CONNECTIONS:
                socket.abort()
                socket.deleteLater()
                continue
            self._waiting[socket] = self._clock.now() + REQUEST_TIMEOUT_MS / 1000
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if not self._sweeper.isActive():
                self._sweeper.start()

    def _sweep(self) -> None:
        """Connections that have not sent their request in time are dropped."""
        now = self._clock.now()
        for socket, deadline in list(self._waiting.items()):
            if now >= deadline:
                self._waiting.pop(socket, None)
                socket.abort()
        if not self._waiting:
            self._sweeper.stop()

    @Slot()
    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QTcpSocket):
            self._waiting.pop(socket, None)
            socket.deleteLater()

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QTcpSocket) and socket in self._waiting:
            self._read(socket)

    def _read(self, socket: QTcpSocket) -> None:
        # peek, do not consume: a WebSocket's head must still be there for Qt's handshake
        data = bytes(socket.peek(MAX_HEAD + MAX_BODY).data())
        try:
            end = head_end(data)
            if end is None:
                return
            request = parse_head(data[:end])
            length = body_length(request)
            if len(data) < end + length:
                return
            request = Request(
                request.method,
                request.path,
                request.query,
                request.headers,
                data[end : end + length],
            )
        except HttpError as exc:
            self._waiting.pop(socket, None)
            self._answer(socket, exc.status, str(exc).encode())
            return
        self._waiting.pop(socket, None)  # one request per connection: no more reading
        socket.readyRead.disconnect(self._on_ready_read)
        address = socket.peerAddress().toString()
        refused = self._refuse(request, address)
        if refused is not None:
            self._answer(socket, *refused)
            return
        if request.path == "/ws" and request.wants_websocket:
            # Qt's handshake reads the head that was only peeked at; the socket is its own now
            socket.disconnected.disconnect(self._on_disconnected)
            self._ws.handleConnection(socket)
            return
        socket.read(end + len(request.body))
        self._answer(socket, *self._route(request, address))

    def _refuse(self, request: Request, address: str) -> tuple[int, bytes, str, dict] | None:
        """The answer for a request without the right to an answer, or None."""
        if self.limiter.blocked(address):
            wait = str(max(1, round(self.limiter.retry_after(address))))
            return 429, b"too many wrong tokens: wait", "text/plain", {"Retry-After": wait}
        token = request.query.get("t") or request.header("x-kiosk-token")
        if not token_matches(token, self.token):
            blocked = self.limiter.failed(address)
            log.warning("remote: wrong or missing token from %s (%s)", address, request.path[:64])
            if blocked:
                return 429, b"too many wrong tokens: wait", "text/plain", {}
            return 401, b"this remote needs the token from the QR code", "text/plain", {}
        self.limiter.succeeded(address)
        origin = request.header("origin")
        host = request.header("host")
        if origin and origin not in (f"http://{host}", f"https://{host}"):
            log.warning("remote: refused a request from the page of %s", origin[:80])
            return 403, b"another site's page may not use this remote", "text/plain", {}
        return None

    def _route(self, request: Request, address: str) -> tuple[int, bytes, str, dict]:
        if request.path in FILES and request.method == "GET":
            body = self._files[request.path]
            if request.path in ("/", "/remote.js"):
                text = body.decode("utf-8").replace(TOKEN_MARK, self.token)
                body = text.replace(KIND_MARK, self.link.kind).encode("utf-8")
            headers = {"Content-Security-Policy": CSP} if request.path == "/" else {}
            return 200, body, FILES[request.path][1], headers
        if request.path == "/api/state" and request.method == "GET":
            return 200, self._state_json(), "application/json", {}
        if request.path == "/api/action" and request.method == "POST":
            if "json" not in request.header("content-type"):
                return 415, b"send the action as JSON", "text/plain", {}
            reply = self._act(request.body, address)
            return 200, json.dumps(reply).encode(), "application/json", {}
        if request.path in FILES or request.path in API_PATHS:
            return 405, b"not with this method", "text/plain", {}
        return 404, b"not found", "text/plain", {}

    def _answer(
        self,
        socket: QTcpSocket,
        status: int,
        body: bytes,
        content_type: str = "text/plain; charset=utf-8",
        headers: dict | None = None,
    ) -> None:
        socket.write(response(status, body, content_type, headers))
        socket.disconnectFromHost()

    # --- actions and state ----------------------------------------------------------------------
    def _act(self, raw: bytes | str, address: str) -> dict[str, Any]:
        try:
            action = parse_action(raw, self.link.kind)
        except ActionError as exc:
            log.warning("remote: refused from %s: %s", address, exc)
            return {"ok": False, "said": str(exc)}
        log.info("remote: %s (from %s)", action.describe(), address)
        said = self.link.act(action)
        self.action_done.emit(action.name, address)
        return {"ok": not said, "said": said}

    def _state_json(self) -> bytes:
        return json.dumps(self.link.state(), ensure_ascii=False).encode("utf-8")

    def push(self) -> None:
        """The state to every phone connected by socket."""
        if not self._phones:
            return
        text = self._state_json().decode("utf-8")
        for phone in self._phones:
            phone.sendTextMessage(text)

    # --- WebSocket ------------------------------------------------------------------------------
    def _ws_accept(self) -> None:
        while (phone := self._ws.nextPendingConnection()) is not None:
            self._phones.append(phone)
            address = phone.peerAddress().toString()
            log.info("remote: a phone connected (%s); %d connected", address, len(self._phones))
            phone.textMessageReceived.connect(self._on_phone_message)
            phone.disconnected.connect(self._on_phone_gone)
            phone.sendTextMessage(self._state_json().decode("utf-8"))
            self.clients_changed.emit(len(self._phones))

    @Slot(str)
    def _on_phone_message(self, text: str) -> None:
        phone = self.sender()
        if not isinstance(phone, QWebSocket):
            return
        reply = self._act(text, phone.peerAddress().toString())
        if reply["said"] or not reply["ok"]:
            phone.sendTextMessage(json.dumps({"kind": "reply", **reply}))

    @Slot()
    def _on_phone_gone(self) -> None:
        phone = self.sender()
        if not isinstance(phone, QWebSocket):
            return
        if phone in self._phones:
            self._phones.remove(phone)
            address = phone.peerAddress().toString()
            log.info("remote: a phone left (%s); %d connected", address, len(self._phones))
            self.clients_changed.emit(len(self._phones))
        phone.deleteLater()
