"""The phone remote's pure parts: tokens, the wrong-token limiter (on a fake clock), HTTP heads
read and answers written, actions checked, and the state a phone is sent."""

from __future__ import annotations

import json

import pytest

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.navigation import Navigation
from kiosk.core.remote.access import FailureLimiter, new_token, token_matches
from kiosk.core.remote.actions import Action, ActionError, parse_action
from kiosk.core.remote.http import (
    MAX_BODY,
    HttpError,
    body_length,
    head_end,
    parse_head,
    response,
)
from kiosk.core.remote.state import fishbowl_state, presenter_state


def test_tokens_are_new_each_time_and_compared_exactly() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    token = next(iter(tokens))
    assert len(token) >= 22 and token.replace("-", "").replace("_", "").isalnum()
    assert token_matches(token, token)
    assert not token_matches(token[:-1], token)
    assert not token_matches(None, token) and not token_matches("", token)
    assert not token_matches("é" * 22, token)


def test_wrong_tokens_block_an_address_for_a_while() -> None:
    clock = FakeClock()
    limiter = FailureLimiter(clock, max_failures=3, window=60, block=30)
    assert not limiter.failed("a") and not limiter.failed("a")
    assert limiter.failed("a")  # the third within a minute
    assert limiter.blocked("a") and not limiter.blocked("b")
    assert limiter.retry_after("a") == 30
    limiter.succeeded("a")  # a right token while blocked does not lift the block
    assert limiter.blocked("a")
    clock.advance(20)
    assert limiter.failed("a")  # trying while blocked starts the block again
    clock.advance(29)
    assert limiter.blocked("a")
    clock.advance(2)
    assert not limiter.blocked("a")


def test_failures_spread_out_are_forgiven_and_a_right_token_clears_them() -> None:
    clock = FakeClock()
    limiter = FailureLimiter(clock, max_failures=3, window=60, block=30)
    limiter.failed("a")
    limiter.failed("a")
    clock.advance(61)
    assert not limiter.failed("a")  # the window started again
    limiter.failed("a")
    limiter.succeeded("a")
    assert not limiter.failed("a") and not limiter.failed("a")


def test_the_limiter_remembers_a_bounded_number_of_addresses() -> None:
    limiter = FailureLimiter(FakeClock(), max_failures=1, block=30, max_addresses=10)
    for i in range(100):
        limiter.failed(f"10.0.0.{i}")
    assert limiter.blocked("10.0.0.99") and not limiter.blocked("10.0.0.0")


def test_a_request_head_is_read() -> None:
    raw = b"GET /api/state?t=abc%2Bd&x=1 HTTP/1.1\r\nHost: h:1\r\nX-Kiosk-Token: tok\r\n\r\n"
    end = head_end(raw)
    assert end == len(raw)
    request = parse_head(raw[:end])
    assert (request.method, request.path) == ("GET", "/api/state")
    assert request.query == {"t": "abc+d", "x": "1"}
    assert request.header("x-kiosk-token") == "tok" and not request.wants_websocket
    assert body_length(request) == 0
    assert head_end(b"GET / HTTP/1.1\r\nHost: x\r\n") is None  # not all there yet


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"DELETE / HTTP/1.1\r\n\r\n", 405),
        (b"GET http://evil/ HTTP/1.1\r\n\r\n", 400),
        (b"GET / SPDY\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
        (b"GET /\xff HTTP/1.1\r\n\r\n", 400),
    ],
)
def test_bad_heads_are_refused_with_their_status(raw: bytes, status: int) -> None:
    with pytest.raises(HttpError) as caught:
        parse_head(raw[: head_end(raw)])
    assert caught.value.status == status


def test_long_heads_and_bodies_are_refused() -> None:
    with pytest.raises(HttpError) as caught:
        head_end(b"GET / HTTP/1.1\r\nX: " + b"a" * 9000)
    assert caught.value.status == 431
    big = parse_head(f"POST / HTTP/1.1\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n".encode())
    with pytest.raises(HttpError) as caught:
        body_length(big)
    assert caught.value.status == 413
    chunked = parse_head(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
    with pytest.raises(HttpError):
        body_length(chunked)


def test_an_answer_is_never_cached_and_closes() -> None:
    raw = response(200, b"{}", "application/json")
    head, _, body = raw.partition(b"\r\n\r\n")
    assert body == b"{}"
    assert b"HTTP/1.1 200 OK" in head and b"Content-Length: 2" in head
    for header in (b"Cache-Control: no-store", b"Connection: close", b"X-Frame-Options: DENY"):
        assert header in head


@pytest.mark.parametrize(
    ("raw", "kind", "action"),
    [
        ('{"do": "next"}', "present", Action("next")),
        ('{"do": "goto", "index": 3}', "present", Action("goto", index=3)),
        ('{"do": "join", "name": "  Ana   María "}', "fishbowl", Action("join", text="Ana María")),
        ('{"do": "join"}', "fishbowl", Action("join")),
        ('{"do": "leave", "chair": 2}', "fishbowl", Action("leave", index=2)),
        (
            '{"do": "message", "text": "Please wrap up"}',
            "fishbowl",
            Action("message", text="Please wrap up"),
        ),
        ('{"do": "more"}', "fishbowl", Action("more")),
    ],
)
def test_actions_are_read(raw: str, kind, action: Action) -> None:  # noqa: ANN001
    assert parse_action(raw, kind) == action


@pytest.mark.parametrize(
    ("raw", "kind", "why"),
    [
        ("not json", "present", "not JSON"),
        ("[1]", "present", '"do"'),
        ('{"do": "next_speaker"}', "present", "not an action of this remote"),
        ('{"do": "next"}', "fishbowl", "not an action of this remote"),
        ('{"do": "goto"}', "present", "whole number"),
        ('{"do": "goto", "index": true}', "present", "whole number"),
        ('{"do": "goto", "index": -1}', "present", "whole number"),
        ('{"do": "queue", "name": ""}', "fishbowl", "empty"),
        ('{"do": "message", "text": 5}', "fishbowl", "must be text"),
        (json.dumps({"do": "message", "text": "x" * 201}), "fishbowl", "longer than"),
        (json.dumps({"do": "message", "text": "x" * 3000}), "fishbowl", "too long"),
    ],
)
def test_bad_actions_are_refused_with_a_reason(raw: str, kind, why: str) -> None:  # noqa: ANN001
    with pytest.raises(ActionError, match=why):
        parse_action(raw, kind)


def test_the_presenters_state() -> None:
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    nav = Navigation(len(gallery.posters), [p.id for p in gallery.posters])
    home = presenter_state(gallery, nav.state, blackout=False)
    assert home["screen"] == "home" and home["index"] is None and home["notes"] == []
    assert home["next_title"] == str(gallery.posters[0].title)
    nav.open(1)
    state = presenter_state(gallery, nav.state, blackout=True)
    assert state["title"] == "Technopole Angus" and state["city"] == "Montreal"
    assert state["next_title"] == str(gallery.posters[2].title)
    assert state["notes"][0].startswith("Shops Angus")
    assert state["blackout"] and len(state["posters"]) == len(gallery.posters)
    json.dumps(state)  # all plain data


def test_the_fishbowls_state() -> None:
    clock = FakeClock()
    session = FishbowlSession(clock)
    assert fishbowl_state(session, None)["state"] == "setup"
    session.start()
    clock.advance(10)
    state = fishbowl_state(session, session.next_in_line(), "said")
    assert state["running"] and state["speaker"] is not None
    assert state["turn_remaining"] == pytest.approx(session.turn_remaining())
    assert state["next"] == session.next_in_line() and state["said"] == "said"
    assert len(state["chairs"]) == session.config.chairs
    json.dumps(state)
