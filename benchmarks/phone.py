"""A phone's browser for the remote: Debian's headless Chromium at a phone's size (390x844,
touch, mobile), driven over its DevTools pipe (``benchmarks.peer.Pipe``: no port, no network
but the page's own). Used by the browser test (tests/e2e/test_remote_browser.py) and the
remote's latency benchmark (benchmarks/remote_latency.py)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.peer import find_chromium, launch

WIDTH, HEIGHT = 390, 844


class PhoneBrowser:
    """One Chromium with one page open at ``url``."""

    def __init__(self, url: str, chromium: str | None = None) -> None:
        chromium = chromium or find_chromium()
        if chromium is None:
            raise RuntimeError("no Chromium here (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="phone-chromium-")
        self.proc, self.pipe = launch(chromium, self.profile, (WIDTH, HEIGHT), "about:blank")
        targets = self.pipe.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.pipe.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}
        )["sessionId"]
        metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": True}
        self.call("Emulation.setDeviceMetricsOverride", metrics)
        self.call("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
        self.call("Page.enable")
        self.call("Page.navigate", {"url": url})

    def call(self, method: str, params: dict | None = None, timeout: float = 30.0) -> dict:
        return self.pipe.call(method, params, self.session, timeout)

    def eval(self, expression: str) -> object:
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails'].get('text')}")
        return reply.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> object:
        """Until ``expression`` is truthy in the page (checked each animation frame, in the
        page itself: no polling from here)."""
        js = f"""new Promise((done, fail) => {{
          const end = performance.now() + {timeout * 1000};
          const check = () => {{
            let v; try {{ v = ({expression}); }} catch (e) {{ v = undefined; }}
            if (v) done(v); else if (performance.now() > end) fail(new Error("timed out"));
            else requestAnimationFrame(check);
          }};
          check();
        }})"""
        for _ in range(50):
            try:
                return self.eval(js)
            except RuntimeError as exc:
                if "timed out" in str(exc):
                    raise TimeoutError(expression) from exc
                time.sleep(0.05)  # the page navigated under the evaluation: once more
        raise TimeoutError(expression)

    def tap(self, element_id: str) -> float:
        """A finger's tap on the element: touch start and end at its centre. Returns
        ``time.monotonic()`` just before the finger lifts (the tap's moment)."""
        box = self.eval(
            f"(() => {{ const r = document.getElementById({json.dumps(element_id)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        assert isinstance(box, list)
        x, y = box
        point = [{"x": x, "y": y}]
        self.call("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
        moment = time.monotonic()
        self.call("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        return moment

    def type_into(self, element_id: str, text: str) -> None:
        self.eval(f"document.getElementById({json.dumps(element_id)}).focus()")
        self.call("Input.insertText", {"text": text})

    def screenshot(self, path: Path) -> None:
        image = self.call("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(image["data"]))

    def close(self) -> None:
        try:
            self.pipe.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.pipe.send_fd)
        os.close(self.pipe.recv_fd)
        shutil.rmtree(self.profile, ignore_errors=True)


class AppProcess:
    """The app in a process of its own that prints one JSON line per event
    (tests/e2e/remote_driver.py); its lines are read by a thread and kept in order."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        import queue
        import sys
        import threading

        self.events: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.remote_driver", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stderr: list[str] = []

        def read_out() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                if line.startswith("{"):
                    self.events.put(json.loads(line))

        def read_err() -> None:
            assert self.proc.stderr is not None
            for line in self.proc.stderr:
                self.stderr.append(line)

        threading.Thread(target=read_out, daemon=True).start()
        threading.Thread(target=read_err, daemon=True).start()

    def wait_event(self, test, timeout: float = 20.0) -> dict:  # noqa: ANN001
        """The first event from now on for which ``test(event)`` is true."""
        import queue

        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("".join(self.stderr[-30:]))
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(event)
            if test(event):
                return event

    def close(self) -> int:
        if self.proc.stdin is not None:
            self.proc.stdin.close()  # the driver quits when its input closes
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()
