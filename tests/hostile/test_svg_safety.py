"""SVG artwork that tries to read outside the content folder or to freeze the kiosk (issue 15).

- Markup hidden from a text check (CDATA and comment tricks, a processing instruction), an
  entity, ``xlink:href`` as well as ``href``, ``url(...)`` in a style, an ``<image>`` in
  ``<defs>`` drawn later by ``<use>``: the loader (and ``kiosk validate``) refuses each with the
  file and the SVG's line, and neither the loader nor the renderer, handed the file directly
  (as if it changed after the check), opens anything outside the content folder.
- ``<use>`` nested 8 deep (100 million copies in 3 kB): refused; and a drawing that does reach
  Qt and takes too long leaves the GUI thread answering, shows "Image unavailable" after the
  store's deadline, is not tried again, and ``ImageStore.wait`` returns.
"""

from __future__ import annotations

import base64
import logging
import shutil
import subprocess
import sys
import time
from concurrent import futures
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer

from kiosk import paths, startup
from kiosk.content import svgsafe
from kiosk.content.loader import load_gallery
from kiosk.ui.images import ArtworkView, ImageStore, decode
from tests.conftest import FIXTURES, REPO
from tests.hostile import pictures
from tests.hostile.watch import OpenWatch

PLACES = pictures.SVG_HIDING_PLACES
POSTER = "id: extra\nkind: case\ntitle: Extra\nartwork: images/art.svg\n"


def _gallery(root: Path, svg: bytes) -> tuple[Path, Path]:
    """The small test gallery with a poster 'extra' showing images/art.svg; an outside folder
    beside it holding the picture the SVGs point at."""
    content, outside = root / "content", root / "outside"
    shutil.copytree(FIXTURES / "mini", content)
    outside.mkdir()
    (outside / "secret.png").write_bytes(pictures.png(8, 8, (250, 0, 250)))
    (outside / "#secret.png").write_bytes(pictures.png(8, 8, (250, 0, 250)))
    (content / "images" / "art.svg").write_bytes(svg)
    (content / "posters" / "extra.yaml").write_text(POSTER, encoding="utf-8")
    return content, outside


def _hostile(text: str, outside: Path) -> bytes:
    return text.replace("{outside}", str(outside / "secret.png")).encode("utf-8")


def _expected(reason: str, line: int, outside: Path) -> str:
    return (
        "posters/extra.yaml:4:1: artwork 'images/art.svg' "
        + reason.replace("{outside}", str(outside / "secret.png"))[:200]
    ), f"(line {line} of the SVG)"


@pytest.mark.parametrize(("name", "text", "line", "reason"), PLACES, ids=[p[0] for p in PLACES])
def test_the_loader_refuses_each_hiding_place_and_opens_nothing_outside(
    tmp_path: Path, name: str, text: str, line: int, reason: str
) -> None:
    content, outside = _gallery(tmp_path, b"")
    (content / "images" / "art.svg").write_bytes(_hostile(text, outside))
    with OpenWatch(outside) as watch:
        result = load_gallery(content, paths.assets_dir())
    start, where = _expected(reason, line, outside)
    errors = [str(p) for p in result.problems if p.is_error]
    assert [e for e in errors if e.startswith(start[:120]) and where in e], errors
    assert result.gallery.poster("extra").artwork.path is None  # shown as the placeholder
    assert watch.opened() == []


@pytest.mark.parametrize(("name", "text", "line", "reason"), PLACES, ids=[p[0] for p in PLACES])
def test_the_renderer_handed_the_file_opens_nothing_outside(
    tmp_path: Path,
    qapp,
    caplog,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    line: int,
    reason: str,
) -> None:
    """The file changed after the loader checked it: the decoder's own check, on the bytes it
    hands Qt, is what stands between the file and the renderer."""
    caplog.set_level(logging.WARNING)
    content, outside = _gallery(tmp_path, b"")
    path = content / "images" / "art.svg"
    path.write_bytes(_hostile(text, outside))
    monkeypatch.chdir(outside)  # where Qt would look for a relative file name
    with OpenWatch(outside) as watch:
        kernel = watch.kernel
        image = decode(path, QSize(200, 200))
    assert kernel or not sys.platform.startswith("linux")  # Qt's own opens are seen here
    assert watch.opened() == []
    assert image.isNull()
    assert [
        r for r in caplog.records if "refused" in r.getMessage() and str(path) in r.getMessage()
    ]


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [p for p in PLACES if p[0] in ("cdata-comment", "image-in-defs-used-later", "entity")],
    ids=["cdata-comment", "image-in-defs-used-later", "entity"],
)
def test_kiosk_validate_names_the_file_and_the_line(
    tmp_path: Path, name: str, text: str, line: int, reason: str
) -> None:
    content, outside = _gallery(tmp_path, b"")
    (content / "images" / "art.svg").write_bytes(_hostile(text, outside))
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(content)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    start, where = _expected(reason, line, outside)
    assert [x for x in proc.stdout.splitlines() if x.startswith(start[:120]) and where in x], (
        proc.stdout
    )


class Probe:
    """Ticks on the GUI thread every 10 ms and keeps the longest gap between two ticks: a GUI
    thread held up (by a lock a worker holds) shows as a long gap."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = time.monotonic()
        self.worst = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def _answers_within(qtbot, seconds: float) -> float:  # noqa: ANN001
    """How long the GUI thread takes to run a zero-delay single shot (fails past ``seconds``)."""
    asked = time.monotonic()
    answered: list[float] = []
    QTimer.singleShot(0, lambda: answered.append(time.monotonic() - asked))
    qtbot.waitUntil(lambda: bool(answered), timeout=round(seconds * 1000))
    return answered[0]


def test_the_use_bomb_dropped_in_after_the_check_leaves_the_window_responsive(
    tmp_path: Path, qtbot, caplog
) -> None:
    """A real gallery window; the poster's SVG is replaced by the nested-use bomb after the
    load (the renderer's own check is all there is): the GUI thread keeps answering, and the
    poster shows "Image unavailable"."""
    caplog.set_level(logging.WARNING)
    content, _outside = _gallery(tmp_path, pictures.SVG_OK)
    result = load_gallery(content, paths.assets_dir())
    assert result.ok, result.summary()
    (content / "images" / "art.svg").write_bytes(pictures.svg_use_bomb(8))
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    probe = Probe()
    window.nav.open(result.gallery.index_of("extra"))
    art: ArtworkView = window.deck.current().widget().artworks()[0]
    assert _answers_within(qtbot, 1.0) < 1.0
    qtbot.waitUntil(lambda: art.state() != "loading", timeout=10000)
    assert _answers_within(qtbot, 1.0) < 1.0
    assert probe.stop() < 0.5
    assert art.state() == "unavailable"
    assert [r for r in caplog.records if "draws more than 50,000 elements" in r.getMessage()]


@pytest.fixture
def slow_svg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A drawing the checks let through that Qt takes long over: the expansion cap lifted,
    a million copies of a rectangle (about 0.6 s here; the store's deadline is set far below)."""
    monkeypatch.setattr(svgsafe, "MAX_EXPANDED", 10**9)
    path = tmp_path / "slow.svg"
    path.write_bytes(pictures.svg_use_bomb(6))
    return path


def test_a_drawing_past_the_deadline_shows_the_placeholder_and_is_not_retried(
    qtbot, caplog, slow_svg: Path
) -> None:
    caplog.set_level(logging.WARNING)
    store = ImageStore()
    store.deadline = 0.05
    view = ArtworkView(store, slow_svg, "slow")
    qtbot.addWidget(view)
    view.resize(640, 360)
    probe = Probe()
    view.show()
    jobs = list(store._jobs)
    assert jobs, "the decode was asked for"
    qtbot.waitUntil(lambda: view.state() != "loading", timeout=5000)
    assert view.state() == "unavailable"
    assert probe.stop() < 0.5
    given_up = [r for r in caplog.records if "took more than" in r.getMessage()]
    assert len(given_up) == 1 and str(slow_svg) in given_up[0].getMessage()
    # other sizes of the same file, later page turns: answered at once, nothing asked again
    assert store.get(slow_svg, QSize(300, 300)) is not None
    assert not store.busy() and not store._jobs
    view.resize(500, 300)
    view.repaint()
    assert not store.busy()
    assert len([r for r in caplog.records if "took more than" in r.getMessage()]) == 1
    # the abandoned drawing still finishes in its worker; what it sends is dropped
    futures.wait(jobs, timeout=60)
    qtbot.waitUntil(lambda: all(j.done() for j in jobs), timeout=1000)
    assert view.state() == "unavailable"
    # once the file changes it is tried again
    store.invalidate([slow_svg])
    assert store.get(slow_svg, QSize(300, 300)) is None
    store.cancel()


def test_wait_returns_when_a_drawing_runs_past_its_deadline(qtbot, slow_svg: Path) -> None:
    """``kiosk shot`` and the self-test wait for the pictures: they must not wait for ever."""
    store = ImageStore()
    store.deadline = 0.05
    assert store.get(slow_svg, QSize(640, 360)) is None
    jobs = list(store._jobs)
    began = time.monotonic()
    store.wait(20000)
    assert time.monotonic() - began < 5.0
    image = store.get(slow_svg, QSize(640, 360))
    assert image is not None and image.isNull()
    futures.wait(jobs, timeout=60)


def test_a_damaged_embedded_picture_is_refused_not_looked_up_as_a_file(
    tmp_path: Path, qapp, caplog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data: picture with a sound header and damaged data passes every header check; Qt,
    failing to decode it, took the whole URI for a file name in the working folder (seen
    with strace). The renderer decodes embedded pictures first and refuses the SVG."""
    caplog.set_level(logging.WARNING)
    png = pictures.png(8, 8)
    damaged = base64.b64encode(png[:40] + bytes(20) + png[60:]).decode()
    assert "/" not in damaged  # the file below can be made
    outside = tmp_path / "outside"
    (outside / "data:image").mkdir(parents=True)
    (outside / "data:image" / f"png;base64,{damaged}").write_bytes(pictures.png(8, 8))
    path = tmp_path / "art.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 10 10"><image width="10" height="10" '
        f'xlink:href="data:image/png;base64,{damaged}"/></svg>',
        encoding="utf-8",
    )
    monkeypatch.chdir(outside)
    with OpenWatch(outside) as watch:
        image = decode(path, QSize(100, 100))
    assert watch.opened() == []
    assert image.isNull()
    assert [r for r in caplog.records if "embedded in it cannot be decoded" in r.getMessage()]


def test_a_big_plain_drawing_is_checked_in_linear_time() -> None:
    """2 MB of plain shapes (20,000 elements, each with a gradient fill): the check counted
    newlines from the top of the file for every attribute, and took minutes on 4 MB."""
    rows = "".join(
        f'<rect x="{i}" y="2" width="3" height="4" fill="url(#g)" style="opacity:0.5"/>\n'
        for i in range(20000)
    )
    data = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<linearGradient id="g"/>\n' + rows + "</svg>"
    ).encode()
    began = time.monotonic()
    assert svgsafe.clean(data).elements == 20002
    assert time.monotonic() - began < 10.0
