"""The peer a user would pick instead: the same posters as a reveal.js deck in headless Chromium.

Setup (only when asked for, never in quick mode): Chromium from Debian's packages
(``apt-get install chromium``, as root) and reveal.js from the npm registry, into a cache folder
outside the repo. The deck is generated from the same content the app shows: each poster's
kicker, title, tagline, artwork, facts, sections, lessons and quotes, one slide each.

Chromium is driven over its DevTools pipe (``--remote-debugging-pipe``: no port, no network):
the time from starting the process to the first screenshot of the ready deck, then, after the
same settling time as the app, the PSS of every process of the browser.
"""

from __future__ import annotations

import base64
import html
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import procstat

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REVEAL = "reveal.js@5"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "kiosk-benchmarks" / "peer"
    path.mkdir(parents=True, exist_ok=True)
    return path


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def setup(log) -> tuple[str | None, Path | None, str]:  # noqa: ANN001
    """Chromium and reveal.js, installed if missing. (chromium, reveal dir, why not)."""
    chromium = find_chromium()
    if chromium is None and shutil.which("apt-get") and os.geteuid() == 0:
        log("peer: installing chromium from Debian's packages (apt-get)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            env=env,
            capture_output=True,
            check=False,
        )
        chromium = find_chromium()
    if chromium is None:
        return None, None, "Chromium is not installed and could not be installed here"
    reveal = cache_dir() / "node_modules" / "reveal.js"
    if not (reveal / "dist" / "reveal.js").is_file():
        npm = shutil.which("npm")
        if npm is None:
            return chromium, None, "npm is missing: reveal.js could not be installed"
        log(f"peer: installing {REVEAL} from the npm registry")
        subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(cache_dir()),
                REVEAL,
            ],
            capture_output=True,
            check=False,
        )
        if not (reveal / "dist" / "reveal.js").is_file():
            return chromium, None, "reveal.js could not be installed from the npm registry"
    return chromium, reveal, ""


def _t(gallery, text) -> str:  # noqa: ANN001
    return html.escape(gallery.text(text, None)) if text is not None else ""


def deck_html(gallery, reveal: Path) -> str:  # noqa: ANN001
    """The gallery's posters as one reveal.js slide each (the same words and artwork)."""
    slides = []
    for poster in gallery.posters:
        place = ", ".join(x for x in (_t(gallery, poster.city), _t(gallery, poster.country)) if x)
        parts = [
            f'<p class="kicker">{html.escape(poster.kind.title())}'
            f"{' · ' + place if place else ''}</p>",
            f"<h1>{_t(gallery, poster.title)}</h1>",
        ]
        if poster.tagline:
            parts.append(f'<p class="lead">{_t(gallery, poster.tagline)}</p>')
        if poster.artwork:
            parts.append(f'<img class="art" src="{poster.artwork.path.as_uri()}" alt="">')
        if poster.facts:
            tiles = "".join(
                f'<div class="tile"><b>{html.escape(f.value_text(None))}</b>'
                f"<span>{_t(gallery, f.unit)} {_t(gallery, f.label)}</span></div>"
                for f in poster.facts
            )
            parts.append(f'<div class="facts">{tiles}</div>')
        for section in poster.sections:
            body = "".join(f"<p>{_t(gallery, p)}</p>" for p in section.paragraphs)
            body += "".join(f"<li>{_t(gallery, b)}</li>" for b in section.bullets)
            art = f'<img src="{section.artwork.path.as_uri()}" alt="">' if section.artwork else ""
            parts.append(
                f'<section class="part"><h2>{_t(gallery, section.heading)}</h2>'
                f"{body}{art}</section>"
            )
        if poster.lessons:
            parts.append(
                "<h2>Lessons learnt</h2><ul>"
                + "".join(f"<li>{_t(gallery, x)}</li>" for x in poster.lessons)
                + "</ul>"
            )
        for quote in gallery.quotes_for(poster.id):
            parts.append(
                f"<blockquote>{_t(gallery, quote.text)}<cite>"
                f"{_t(gallery, quote.speaker)}</cite></blockquote>"
            )
        slides.append(
            '<section data-auto-animate><div class="poster">' + "".join(parts) + "</div></section>"
        )
    dist = reveal / "dist"
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{_t(gallery, gallery.settings.title)}</title>
<link rel="stylesheet" href="{(dist / "reveal.css").as_uri()}">
<link rel="stylesheet" href="{(dist / "theme" / "black.css").as_uri()}">
<style>
.reveal .poster {{ text-align: left; font-size: 22px; height: 1080px; overflow: hidden; }}
.reveal h1 {{ font-size: 64px; }} .reveal h2 {{ font-size: 38px; }}
.reveal .kicker {{ color: #1de9b6; }} .reveal .art {{ float: right; width: 40%; }}
.reveal .facts {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; }}
.reveal .tile b {{ display: block; font-size: 60px; color: #1de9b6; }}
.reveal .part {{ columns: 2; }}
</style></head>
<body><div class="reveal"><div class="slides">
{"".join(slides)}
</div></div>
<script src="{(dist / "reveal.js").as_uri()}"></script>
<script>Reveal.initialize({{ width: 1920, height: 1080, margin: 0, hash: true }});</script>
</body></html>"""


class Pipe:
    """Chromium's DevTools protocol over ``--remote-debugging-pipe`` (fds 3 and 4, NUL-framed)."""

    def __init__(self, send_fd: int, recv_fd: int) -> None:
        self.send_fd, self.recv_fd = send_fd, recv_fd
        self.buffer = b""
        self.next_id = 0

    def call(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 30.0,
    ) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.send_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
            import select

            ready, _, _ = select.select([self.recv_fd], [], [], 0.5)
            if ready:
                chunk = os.read(self.recv_fd, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed its DevTools pipe")
                self.buffer += chunk
        raise TimeoutError(method)


READY_JS = """new Promise(done => {
  const check = () => (window.Reveal && Reveal.isReady && Reveal.isReady())
      ? requestAnimationFrame(() => requestAnimationFrame(() => done(true)))
      : setTimeout(check, 10);
  check();
})"""


def launch(
    chromium: str, profile: str, size: tuple[int, int], url: str
) -> tuple[subprocess.Popen[bytes], Pipe]:
    """Chromium on ``url`` in a window of ``size``, driven over the DevTools pipe (fds 3 and 4):
    its process and the pipe (whose two file descriptors the caller closes at the end)."""
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()

    def child_fds() -> None:
        a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
        os.dup2(a, 3)
        os.dup2(b, 4)

    cmd = [
        chromium,
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
        "--hide-scrollbars",
        "--remote-debugging-pipe",
        url,
    ]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=child_fds,  # noqa: PLW1509
        close_fds=False,
    )
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    return proc, Pipe(to_chrome_w, from_chrome_r)


def run_once(chromium: str, deck: Path, settle_s: float, shot: Path | None) -> dict:
    """One cold start of the browser on the deck: time to the first screenshot, then PSS."""
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    t0 = time.monotonic()
    proc, pipe = launch(chromium, profile, (1920, 1080), deck.as_uri() + "#/0")
    try:
        targets = pipe.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        session = pipe.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}
        )["sessionId"]
        for _ in range(50):
            try:
                pipe.call(
                    "Runtime.evaluate", {"expression": READY_JS, "awaitPromise": True}, session
                )
                break
            except RuntimeError:  # the page navigated under the evaluation: try again
                time.sleep(0.02)
        image = pipe.call("Page.captureScreenshot", {"format": "png"}, session)
        first = time.monotonic() - t0
        if shot is not None:
            shot.write_bytes(base64.b64decode(image["data"]))
        time.sleep(settle_s)
        pss, count = procstat.tree_pss_mb(proc.pid)
        rss = sum(procstat.rss_mb(p) for p in procstat.descendants(proc.pid))
        try:
            pipe.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError):
            pass
        return {"first_screenshot_s": first, "pss_mb": pss, "rss_mb": rss, "processes": count}
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(pipe.send_fd)
        os.close(pipe.recv_fd)
        shutil.rmtree(profile, ignore_errors=True)


def measure(runs: int, settle_s: float, log) -> dict:  # noqa: ANN001
    chromium, reveal, why = setup(log)
    if why or chromium is None or reveal is None:
        return {"error": why or "no Chromium or reveal.js"}
    from kiosk import paths
    from kiosk.content.loader import load_gallery

    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    deck = cache_dir() / "deck.html"
    deck.write_text(deck_html(gallery, reveal), encoding="utf-8")
    version = subprocess.run(
        [chromium, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    package = json.loads((reveal / "package.json").read_text())
    out: dict = {"chromium": version, "reveal": package.get("version", "?"), "runs": []}
    for i in range(runs):
        try:
            out["runs"].append(
                run_once(chromium, deck, settle_s, cache_dir() / "first.png" if i == 0 else None)
            )
        except Exception as error:  # noqa: BLE001 - reported in the table, not raised
            out["error"] = f"Chromium did not run: {error}"
            break
    return out
