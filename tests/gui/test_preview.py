"""``kiosk preview``: the poster saved last, whole, updated after a real write to the file on
disk, with the problems listed above it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from kiosk import paths, startup
from kiosk.commands import new
from kiosk.content.loader import load_gallery
from kiosk.ui.live.preview import PreviewWindow

SIZE = (1080, 1920)


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    assert new.run(str(folder), "en", io.StringIO(), io.StringIO()) == 0
    return folder


def _touch_older(folder: Path) -> None:
    """Every poster file a minute old: the next one written is the one saved last."""
    for path in (folder / "posters").iterdir():
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))


def _preview(qtbot, folder: Path, poster: str | None = None) -> PreviewWindow:
    result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
    ctx = startup.make_context(result.gallery, SIZE, reduced_motion=True)
    window = PreviewWindow(ctx, result, folder, paths.assets_dir(), SIZE, poster_id=poster)
    qtbot.addWidget(window)
    window.resize(600, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def _save(path: Path, text: str) -> None:
    """As an editor saves: a temporary file renamed over the original."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_it_shows_the_poster_saved_last_and_follows_a_save(qtbot, starter: Path) -> None:
    _touch_older(starter)
    second = starter / "posters" / "second-case.yaml"
    st = second.stat()
    os.utime(second, ns=(st.st_atime_ns, st.st_mtime_ns + 30 * 10**9))  # 30 s ago
    window = _preview(qtbot, starter)
    assert window.poster_id == "second-case"
    assert window.edited_file == "posters/second-case.yaml"
    # the whole poster: taller than one kiosk screen's width allows, at the kiosk's width
    assert window.image.width() == SIZE[0] and window.image.height() >= SIZE[1]
    before = window.image.copy()
    assert window.problem_lines() == []

    first = starter / "posters" / "first-case.yaml"
    text = first.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.updated, timeout=5000) as signal:
        _save(first, text.replace('"Your case\'s title"', '"The Harbour Market"'))
    assert signal.args == ["first-case"]
    assert window.edited_file == "posters/first-case.yaml"
    assert window.ctx.gallery.posters[1].title.get("en", "en") == "The Harbour Market"
    assert window.image != before
    assert "posters/first-case.yaml" in window.status.text()


def test_errors_are_listed_and_the_last_picture_stays_until_fixed(qtbot, starter: Path) -> None:
    window = _preview(qtbot, starter, poster="first-case")
    assert window.poster_id == "first-case"
    good = window.image.copy()
    first = starter / "posters" / "first-case.yaml"
    text = first.read_text(encoding="utf-8")
    broken = text.replace("\nkind: case\n", "\n")  # a required key left out: no poster
    _save(first, broken)
    qtbot.waitUntil(lambda: any("first-case.yaml" in line for line in window.problem_lines()))
    lines = window.problem_lines()
    assert lines[0].startswith("posters/first-case.yaml:"), lines
    assert "kind" in lines[0]
    assert window.problems.isVisible()
    assert window.image == good  # the last picture of it, under the errors
    assert "last picture" in window.status.text()

    _save(first, text)
    qtbot.waitUntil(lambda: window.problem_lines() == [])
    assert not window.problems.isVisible()
    assert window.poster_id == "first-case"


def test_the_command_refuses_a_missing_folder(tmp_path: Path, capsys) -> None:
    from kiosk.app import main

    assert main(["preview", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_z_shows_the_poster_at_the_kiosks_own_size(qtbot, starter: Path) -> None:
    from PySide6.QtCore import Qt

    window = _preview(qtbot, starter, poster="introduction")
    assert window.picture.width() < SIZE[0]  # fitted to the 600 px window
    qtbot.keyClick(window, Qt.Key.Key_Z)
    assert window.picture.width() == SIZE[0]
    qtbot.keyClick(window, Qt.Key.Key_Z)
    assert window.picture.width() < SIZE[0]


def test_a_picture_saved_again_shows_its_new_pixels(qtbot, starter: Path) -> None:
    window = _preview(qtbot, starter, poster="first-case")
    before = window.image.copy()
    svg = starter / "images" / "placeholder.svg"
    _save(svg, svg.read_text(encoding="utf-8").replace("#26a69a", "#e53935"))
    qtbot.waitUntil(lambda: window.renders >= 2 and window.image != before)
    assert window.poster_id == "first-case"


def test_a_syntax_error_is_shown_with_its_line_and_a_caret(qtbot, starter: Path) -> None:
    """The preview lists a YAML slip as validate prints it: the message, the line from the
    file and a caret under the column, in a fixed-pitch font so the caret stands under it."""
    window = _preview(qtbot, starter, poster="first-case")
    first = starter / "posters" / "first-case.yaml"
    text = first.read_text(encoding="utf-8")
    _save(first, text.replace("\nkind: case\n", "\nkind:case\n"))
    qtbot.waitUntil(lambda: any("first-case.yaml" in line for line in window.problem_lines()))
    lines = window.problem_lines()
    at = next(i for i, line in enumerate(lines) if "first-case.yaml" in line)
    assert "write kind: case" in lines[at], lines
    assert lines[at + 1].strip() == "kind:case"
    assert lines[at + 2].strip() == "^"
    assert lines[at + 2].index("^") == lines[at + 1].index("kind:case") + len("kind:")
    metrics = window.problems.fontMetrics()  # fixed pitch: the caret stands under its column
    assert metrics.horizontalAdvance("i" * 10) == metrics.horizontalAdvance("M" * 10)
