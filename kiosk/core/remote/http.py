"""The little HTTP/1.1 the remote speaks, read and written without Qt: one request per
connection (the answer closes it), a head of at most ``MAX_HEAD`` bytes, a body of at most
``MAX_BODY``, GET and POST only. Anything else is an ``HttpError`` with its status.

(The app's server reads bytes from a Qt socket and hands them here: ``kiosk.ui.remote.server``.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

MAX_HEAD = 8 * 1024
MAX_BODY = 4 * 1024
MAX_HEADERS = 50
REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
}


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # decoded, always starting with "/"
    query: dict[str, str]  # the first value of each key
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def wants_websocket(self) -> bool:
        return (
            self.method == "GET"
            and self.header("upgrade").lower() == "websocket"
            and "upgrade" in self.header("connection").lower()
        )


def head_end(data: bytes) -> int | None:
    """Where the head ends (the index after its blank line), or None if not yet; an
    ``HttpError`` when it is already too long."""
    end = data.find(b"\r\n\r\n")
    if end == -1:
        if len(data) > MAX_HEAD:
            raise HttpError(431, "the request's head is too long")
        return None
    if end + 4 > MAX_HEAD:
        raise HttpError(431, "the request's head is too long")
    return end + 4


def parse_head(head: bytes) -> Request:
    """A request's method, path, query and headers (its body comes after: ``body_length``)."""
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError as exc:
        raise HttpError(400, "the request's head is not ASCII") from exc
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise HttpError(400, "not an HTTP/1.x request line")
    method, target, _version = parts
    if method not in ("GET", "POST"):
        raise HttpError(405, f"method {method[:16]} is not allowed")
    if not target.startswith("/"):
        raise HttpError(400, "the target must be a path")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise HttpError(400, "a malformed header line")
        headers[name.lower()] = value.strip()
        if len(headers) > MAX_HEADERS:
            raise HttpError(431, "too many headers")
    split = urlsplit(target)
    path = unquote(split.path)
    query = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
    return Request(method, path, query, headers)


def body_length(request: Request) -> int:
    """How many body bytes follow the head (0 for GET); refuses chunked and large bodies."""
    if request.header("transfer-encoding"):
        raise HttpError(400, "chunked bodies are not accepted")
    raw = request.header("content-length") or "0"
    if not raw.isdigit():
        raise HttpError(400, "a malformed Content-Length")
    length = int(raw)
    if length > MAX_BODY:
        raise HttpError(413, f"a body over {MAX_BODY} bytes")
    return length


def response(
    status: int,
    body: bytes = b"",
    content_type: str = "text/plain; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> bytes:
    """A whole answer, closing the connection, never cached, never sniffed or framed."""
    lines = [
        f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}",
        f"Date: {formatdate(usegmt=True)}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        "Cache-Control: no-store",
        "X-Content-Type-Options: nosniff",
        "X-Frame-Options: DENY",
        "Referrer-Policy: no-referrer",
    ]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
