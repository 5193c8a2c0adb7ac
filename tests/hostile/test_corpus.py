"""The hostile-content corpus (tests/hostile/corpus.py), case by case:

- the loader reports exactly the case's errors (file, line, column, sentence) and the rest of
  the gallery still loads;
- ``kiosk validate``, run as a real process on a representative subset, prints them and exits 1;
- the main window starts on it, shows every poster that loaded (an unusable picture as the
  "Image unavailable" card, never a blank), and live reload goes through the same checks;
- nothing in the folder beside the content, which the case's links point into, is ever opened,
  by Python or by Qt (an inotify watch on it sees every open).

Time and memory per case are a benchmark's business: tests/hostile/measure.py records them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.ui.images import ArtworkView
from kiosk.ui.live.reload import ContentReloader
from kiosk.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.hostile.corpus import CASES, Case
from tests.hostile.watch import OpenWatch

CLI_CASES = [c for c in CASES if c.cli]


def _ids(cases: list[Case]) -> list[str]:
    return [c.id for c in cases]


def check_result(case: Case, result) -> None:  # noqa: ANN001 - LoadResult
    errors = sorted(str(p) for p in result.problems if p.is_error)
    warnings = {str(p) for p in result.problems if not p.is_error}
    assert errors == sorted(case.errors)
    assert set(case.warnings) <= warnings, sorted(warnings)
    assert {p.id for p in result.gallery.posters} == set(case.shows)
    for pid in case.placeholder:
        art = result.gallery.poster(pid).artwork
        assert art is not None and art.path is None, f"{pid}: the refused picture is dropped"


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_the_loader_reports_exactly_and_reads_nothing_outside(case: Case, tmp_path: Path) -> None:
    content, outside = case.build(tmp_path)
    with OpenWatch(outside) as watch:
        result = load_gallery(content, paths.assets_dir())
    check_result(case, result)
    assert watch.opened() == []


@pytest.mark.parametrize("case", CLI_CASES, ids=_ids(CLI_CASES))
def test_kiosk_validate_reports_it(case: Case, tmp_path: Path) -> None:
    content, _outside = case.build(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(content)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = proc.stdout.splitlines()
    assert proc.returncode == (1 if case.errors else 0), proc.stdout + proc.stderr
    assert set(case.errors) <= set(lines)
    assert set(case.warnings) <= set(lines)
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout


def _settle(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.ctx.images.wait()
    qtbot.waitUntil(lambda: not window.ctx.images.busy(), timeout=10000)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_the_window_shows_the_rest(case: Case, tmp_path: Path, qtbot, caplog) -> None:
    content, outside = case.build(tmp_path)
    with OpenWatch(outside) as watch:
        result = load_gallery(content, paths.assets_dir())
        window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
        qtbot.addWidget(window)
        reloader = ContentReloader(window, content, paths.assets_dir(), result, watch=True)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        _settle(qtbot, window)
        assert len(window.home.cards) == len(result.gallery.posters)
        for i, poster in enumerate(result.gallery.posters):
            window.nav.open(i)
            view = window.deck.current()
            assert view is not None and view.poster.id == poster.id
            _settle(qtbot, window)
            arts = view.widget().artworks()
            states = [a.state() for a in arts]
            assert "loading" not in states
            if poster.id in case.placeholder:
                assert states[0] == "unavailable"
            if poster.artwork is not None and poster.artwork.path is not None:
                assert states[0] == "image", poster.id
            assert not window.grab().toImage().isNull()
        window.nav.home()
        # live reload: the same checks, the same refusals (the parse runs in a worker: it is
        # waited for inside the watch, so what it opens is seen)
        with qtbot.waitSignal(reloader.finished, timeout=10000):
            reloader.reload()
        reloader.watcher.stop()
        _settle(qtbot, window)
    assert watch.opened() == []
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_a_placeholder_is_drawn_not_a_blank(qtbot, tmp_path: Path) -> None:
    """ "Image unavailable" is painted on the card: the view holds more than one colour."""
    from kiosk.content.loader import load_gallery as load

    case = next(c for c in CASES if c.id == "art-png-bomb-20000")
    content, _outside = case.build(tmp_path)
    result = load(content, paths.assets_dir())
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.nav.open(result.gallery.index_of("extra"))
    art: ArtworkView = window.deck.current().widget().artworks()[0]
    assert art.state() == "unavailable"
    image = art.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    }
    assert len(colours) > 2  # the card, its edge and the words on it


def test_the_open_watch_sees_python_and_qt_opens(tmp_path: Path, qapp) -> None:
    """The watch above would catch a read: by Python, by Qt's image decoder, through a link."""
    from PySide6.QtCore import QSize

    from kiosk.ui.images import decode
    from tests.hostile import pictures

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.png").write_bytes(pictures.png(4, 4))
    (tmp_path / "link.png").symlink_to(outside / "a.png")
    with OpenWatch(outside) as watch:
        (tmp_path / "link.png").resolve(strict=True)  # looking is not reading
        assert watch.opened() == []
        (tmp_path / "link.png").read_bytes()
        assert watch.opened()
    with OpenWatch(outside) as watch:
        assert not decode(tmp_path / "link.png", QSize(4, 4)).isNull()
        if watch.kernel:
            assert any(line.startswith("file ") for line in watch.opened())
