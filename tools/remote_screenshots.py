"""The phone remote's page in docs/screenshots: the real app with ``--remote`` (offscreen, in a
process of its own) and the page in headless Chromium at 390x844 (benchmarks/phone.py).

    python -m tools.remote_screenshots [docs/screenshots]

The presenter's page on the Montreal poster; the fishbowl's after a turn, with someone waiting
and a message to the circle."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.phone import AppProcess, PhoneBrowser

REPO = Path(__file__).resolve().parent.parent


def shoot(command: list[str], steps, out: Path) -> None:  # noqa: ANN001
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": tempfile.mkdtemp()}
    env.pop("DISPLAY", None)
    app = AppProcess(command, REPO, env)
    try:
        url = app.wait_event(lambda e: e["event"] == "ready", timeout=60)["url"]
        phone = PhoneBrowser(url)
        try:
            phone.wait_for("document.body.dataset.connected === 'yes'")
            steps(app, phone)
            phone.screenshot(out)
            print(out)
        finally:
            phone.close()
    finally:
        app.close()


def present(app: AppProcess, phone: PhoneBrowser) -> None:
    for index in (0, 1):
        phone.tap("p-next-button")
        phone.wait_for(f"document.body.dataset.poster === '{index}'")


def fishbowl(app: AppProcess, phone: PhoneBrowser) -> None:
    phone.wait_for("document.body.dataset.speaker")
    phone.tap("f-next-speaker")
    app.wait_event(lambda e: e["event"] == "fishbowl" and e["speaker"])
    phone.type_into("f-name", "Ana")
    phone.tap("f-queue-add")
    phone.wait_for("document.getElementById('f-queue').textContent.includes('Ana')")
    phone.type_into("f-text", "Please wrap up")
    phone.tap("f-send")
    phone.wait_for("!document.getElementById('f-message').hidden")
    phone.eval("window.scrollTo(0, 0)")


def main(out: str = "docs/screenshots") -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shoot(["present", "--reduced-motion"], present, folder / "remote-present-390x844.png")
    shoot(["fishbowl"], fishbowl, folder / "remote-fishbowl-390x844.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
