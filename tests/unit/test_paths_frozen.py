"""Where the app finds its content and assets inside a frozen (PyInstaller one-folder) bundle.

The layout is PyInstaller 6's: ``dist/kiosk/kiosk`` is the executable, ``dist/kiosk/_internal``
is ``sys._MEIPASS`` and holds the bundled default ``content/`` and ``assets/``; an organiser's
``content/`` folder sits beside the executable. The order: ``--content DIR``; else that
``content/`` folder (if it has a gallery.yaml); else the bundled default.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.commands import validate

GALLERY = "title: {title}\n"


def _gallery(folder: Path, title: str) -> Path:
    (folder / "posters").mkdir(parents=True)
    (folder / "gallery.yaml").write_text(GALLERY.format(title=title), encoding="utf-8")
    return folder


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen-like one-folder bundle: the executable, _internal/ with content/ and assets/."""
    top = tmp_path / "dist" / "kiosk"
    internal = top / "_internal"
    _gallery(internal / "content", "Bundled default")
    (internal / "assets" / "fonts").mkdir(parents=True)
    exe = top / "kiosk"
    exe.write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    return top


def test_the_bundled_default_when_nothing_is_beside(bundle: Path) -> None:
    assert paths.is_frozen()
    assert paths.bundle_root() == bundle / "_internal"
    assert paths.content_dir() == bundle / "_internal" / "content"
    assert paths.assets_dir() == bundle / "_internal" / "assets"
    assert paths.content_origin() == "the default shipped with the app"


def test_a_content_folder_beside_the_executable_comes_next(bundle: Path) -> None:
    beside = _gallery(bundle / "content", "Edited by the organiser")
    assert paths.content_dir() == beside
    assert paths.content_origin() == "beside the executable"
    # the app's own assets stay the bundled ones
    assert paths.assets_dir() == bundle / "_internal" / "assets"


def test_a_content_folder_without_gallery_yaml_is_not_used(bundle: Path) -> None:
    (bundle / "content" / "posters").mkdir(parents=True)  # half-copied, or emptied
    assert paths.content_dir() == bundle / "_internal" / "content"


def test_explicit_content_wins_over_both(bundle: Path, tmp_path: Path) -> None:
    _gallery(bundle / "content", "Beside")
    mine = _gallery(tmp_path / "elsewhere", "Given")
    assert paths.content_dir(str(mine)) == mine.resolve()
    assert paths.content_origin(str(mine)) == "given with --content"


def test_the_executable_may_be_reached_through_a_link(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = _gallery(bundle / "content", "Beside")
    link = tmp_path / "bin" / "kiosk"
    link.parent.mkdir()
    link.symlink_to(bundle / "kiosk")
    monkeypatch.setattr(sys, "executable", str(link))
    assert paths.content_dir() == beside


def test_without_meipass_the_executable_folder_is_the_root(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "_MEIPASS")
    assert paths.bundle_root() == bundle


def test_from_source_a_content_folder_beside_python_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    exe = tmp_path / "venv" / "bin" / "python"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    _gallery(exe.parent / "content", "Not this one")
    monkeypatch.setattr(sys, "executable", str(exe))
    repo = Path(paths.__file__).resolve().parent.parent
    assert paths.content_dir() == repo / "content"
    assert paths.content_origin() == "the default shipped with the app"


def test_validate_says_which_folder_is_in_use(bundle: Path) -> None:
    _gallery(bundle / "content", "Edited by the organiser")
    out, err = io.StringIO(), io.StringIO()
    validate.run(None, out, err)
    first = out.getvalue().splitlines()[0]
    assert first == f"content: {bundle / 'content'} (beside the executable)"
    (bundle / "content" / "gallery.yaml").unlink()
    out = io.StringIO()
    validate.run(None, out, err)
    assert (
        out.getvalue().splitlines()[0]
        == f"content: {bundle / '_internal' / 'content'} (the default shipped with the app)"
    )
