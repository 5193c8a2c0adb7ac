"""The phone remote end to end in a real browser: the real ``kiosk present --remote`` and
``kiosk fishbowl --remote`` in processes of their own (tests/e2e/remote_driver.py), the phone
page in Debian's headless Chromium at a phone's size driven over its DevTools pipe
(benchmarks/phone.py). Taps on the page move the gallery and advance the fishbowl in the app;
the app's changes reach the page; a wrong token is refused; two phones stay consistent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.peer import find_chromium
from benchmarks.phone import AppProcess, PhoneBrowser
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    find_chromium() is None, reason="no Chromium here (apt-get install chromium; .ci/run does)"
)


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator:
    apps: list[AppProcess] = []

    def start(*args: str) -> tuple[AppProcess, str]:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_DATA_DIR": str(tmp_path / f"data{len(apps)}"),
        }
        env.pop("DISPLAY", None)
        app = AppProcess(list(args), REPO, env)
        apps.append(app)
        ready = app.wait_event(lambda e: e["event"] == "ready", timeout=60)
        return app, ready["url"]

    yield start
    for app in apps:
        assert app.close() == 0, "".join(app.stderr[-20:])
        assert not any("Traceback" in line for line in app.stderr), "".join(app.stderr)


@pytest.fixture
def open_phone() -> Iterator:
    phones: list[PhoneBrowser] = []

    def open_(url: str) -> PhoneBrowser:
        phone = PhoneBrowser(url)
        phones.append(phone)
        return phone

    yield open_
    for phone in phones:
        phone.close()


def connected(phone: PhoneBrowser) -> None:
    phone.wait_for("document.body.dataset.connected === 'yes' && document.body.dataset.updates")


def test_taps_on_the_phone_move_the_presenters_gallery(start_app, open_phone) -> None:
    app, url = start_app("present", "--reduced-motion")
    phone = open_phone(url)
    connected(phone)
    assert phone.eval("document.getElementById('p-where').textContent") == "Home screen"
    phone.tap("p-next-button")
    app.wait_event(lambda e: e["event"] == "nav" and e["screen"] == "poster" and e["index"] == 0)
    phone.tap("p-next-button")
    app.wait_event(lambda e: e["event"] == "nav" and e["index"] == 1)
    phone.wait_for("document.body.dataset.poster === '1'")
    assert phone.eval("document.getElementById('p-title').textContent") == "Technopole Angus"
    notes = phone.eval("document.getElementById('p-notes').textContent")
    assert isinstance(notes, str) and notes.startswith("Shops Angus")
    phone.tap("p-blackout-button")
    app.wait_event(lambda e: e["event"] == "nav" and e["blackout"])
    phone.wait_for("!document.getElementById('p-blackout').hidden")
    phone.tap("p-previous")  # a clicker's back wakes the screen first, as on the laptop
    app.wait_event(lambda e: e["event"] == "nav" and not e["blackout"] and e["index"] == 1)
    phone.tap("p-overview")
    app.wait_event(lambda e: e["event"] == "nav" and e["screen"] == "overview")
    phone.wait_for("document.getElementById('p-where').textContent === 'Overview'")


def test_a_wrong_token_is_refused(start_app, open_phone) -> None:
    app, url = start_app("present", "--reduced-motion")
    phone = open_phone(url.split("?t=")[0] + "?t=not-the-token")
    text = phone.wait_for("document.body && document.body.innerText")
    assert isinstance(text, str) and "needs the token" in text
    assert phone.eval("typeof WebSocket") == "function"
    assert phone.eval("document.getElementById('p-next-button')") is None  # no page at all
    assert all(e["event"] != "nav" for e in app.seen)


def test_the_page_asks_for_nothing_without_its_token(start_app, open_phone) -> None:
    """A browser asks for a favicon on its own: the page names an empty one, so no request
    goes out without the token (each would count as a wrong token)."""
    app, url = start_app("present", "--reduced-motion")
    connected(open_phone(url))
    assert not any("wrong or missing token" in line for line in app.stderr)


def test_two_phones_stay_consistent(start_app, open_phone) -> None:
    app, url = start_app("present", "--reduced-motion")
    a, b = open_phone(url), open_phone(url)
    connected(a)
    connected(b)
    a.tap("p-next-button")
    b.tap("p-next-button")
    app.wait_event(lambda e: e["event"] == "nav" and e["index"] == 1)
    for phone in (a, b):
        phone.wait_for("document.body.dataset.poster === '1'")
    assert a.eval("document.getElementById('p-title').textContent") == b.eval(
        "document.getElementById('p-title').textContent"
    )


def test_taps_on_the_phone_advance_the_fishbowl(start_app, open_phone) -> None:
    app, url = start_app("fishbowl")
    first = app.wait_event(lambda e: e["event"] == "fishbowl" and e["state"] == "running")
    phone = open_phone(url)
    connected(phone)
    phone.wait_for("document.body.dataset.speaker")
    assert phone.eval("document.body.dataset.speaker") == first["speaker"]
    clock = phone.eval("document.getElementById('f-clock').textContent")
    assert isinstance(clock, str) and ":" in clock
    phone.tap("f-next-speaker")
    moved = app.wait_event(lambda e: e["event"] == "fishbowl" and e["speaker"] != first["speaker"])
    phone.wait_for(f"document.body.dataset.speaker === {moved['speaker']!r}")
    phone.type_into("f-name", "Ana")
    phone.tap("f-queue-add")
    app.wait_event(lambda e: e["event"] == "fishbowl" and "Ana" in e["queue"])
    phone.wait_for("document.getElementById('f-queue').textContent.includes('Ana')")
    phone.type_into("f-text", "Please wrap up")
    phone.tap("f-send")
    app.wait_event(lambda e: e["event"] == "fishbowl" and e["message"] == "Please wrap up")
    phone.wait_for("document.getElementById('f-message').textContent === 'Please wrap up'")
    phone.tap("f-pause")
    app.wait_event(lambda e: e["event"] == "fishbowl" and e["state"] == "paused")
    phone.wait_for("document.getElementById('f-state').textContent === 'paused'")
