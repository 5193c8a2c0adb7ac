"""Every part the bundle ships has its licence text: the packages the app runs on (followed from
its requirements), Qt, Python and the fonts. ``make bundle`` collects them with the same code
(.ci/bundle-check then checks dist/kiosk/licenses)."""

from __future__ import annotations

import io
import json

import pytest

from kiosk import licensing, paths
from kiosk.app import main
from kiosk.commands import licences

REPO = paths.bundle_root()
ASSETS = paths.assets_dir()


@pytest.fixture(scope="module")
def parts() -> list[licensing.Part]:
    return licensing.shipped_parts(REPO, ASSETS)


def test_every_shipped_part_has_its_licence_text(parts) -> None:
    assert licensing.missing_texts(parts) == []


def test_the_parts_follow_the_requirements_not_the_test_tools(parts) -> None:
    names = {licensing._normal(p.name) for p in parts}
    # direct requirements, and what they need in turn
    assert {"pyside6", "shiboken6", "pyyaml", "pydantic", "pydantic-core", "qt-material"} <= names
    assert {"jinja2", "markupsafe", "typing-extensions"} <= names  # qt-material's and pydantic's
    assert not names & {"pytest", "pytest-qt", "hypothesis", "mypy", "ruff", "pyinstaller"}
    assert {"kiosk", "qt", "python", "roboto fonts"} <= names


def test_qt_is_under_the_lgpl_v3_with_both_texts_and_the_notice(parts) -> None:
    qt = next(p for p in parts if p.name == "Qt")
    assert qt.licence == "LGPL-3.0-only" and qt.files == ("LGPL-3.0.txt", "GPL-3.0.txt")
    lgpl = qt.sources[0].read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3, 29 June 2007" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in qt.sources[1].read_text(encoding="utf-8")
    assert "replace" in qt.note and "_internal/PySide6/Qt/lib" in qt.note


def test_every_font_declares_the_licence_whose_text_ships(parts) -> None:
    fonts = sorted((ASSETS / "fonts").glob("*.ttf"))
    assert fonts
    roboto = next(p for p in parts if p.name == "Roboto fonts")
    texts = " ".join(path.read_text(encoding="utf-8") for path in roboto.sources)
    for font in fonts:
        _version, declared = licensing.font_licence(font)
        assert declared == "Licensed under the Apache License, Version 2.0", font.name
    assert roboto.licence == "Apache-2.0" and "Apache License" in texts and "Version 2.0" in texts


def test_a_part_without_its_text_is_named_and_stops_the_collection(tmp_path) -> None:
    lost = licensing._part("Lost", "1.0", "MIT", ())
    gone = licensing._part("Gone", "2.0", "MIT", (tmp_path / "LICENSE",))
    assert licensing.missing_texts([lost, gone]) == [
        "Lost 1.0 (MIT): no licence text",
        f"Gone: the licence text {tmp_path / 'LICENSE'} is missing or empty",
    ]
    with pytest.raises(FileNotFoundError, match="Lost 1.0"):
        licensing.collect(tmp_path / "licenses", [lost])
    assert not (tmp_path / "licenses").exists()


def test_the_collected_folder_holds_every_text_and_an_index(tmp_path, parts) -> None:
    dest = tmp_path / "licenses"
    licensing.collect(dest, parts)
    listed = licensing.read_index(dest)
    assert listed == parts  # the index reads back as the same parts
    for part in listed:
        for name, source in zip(
            part.files, next(p for p in parts if p == part).sources, strict=True
        ):
            assert (dest / part.folder / name).read_bytes() == source.read_bytes()
    readme = (dest / "README.txt").read_text(encoding="utf-8")
    assert "Qt 6" in readme and "LGPL-3.0-only" in readme and licensing.QT_NOTICE in readme
    assert json.loads((dest / "index.json").read_text(encoding="utf-8"))[0]["name"] == "kiosk"


def test_kiosk_licenses_lists_each_part_and_says_where_the_texts_are(capsys) -> None:
    assert main(["--licenses"]) == 0
    out = capsys.readouterr().out
    assert "this app is under the MIT licence" in out
    qt_line = next(line for line in out.splitlines() if line.strip().startswith("Qt "))
    assert "LGPL-3.0-only" in qt_line
    assert "PyYAML" in out and "Roboto fonts" in out and "Full texts:" in out


def test_kiosk_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kiosk {licensing.app_version()}\n"
    assert licensing.app_version() not in ("", "unknown")


def test_a_bundle_reads_its_own_index(tmp_path, parts) -> None:
    """Frozen, the list comes from licenses/ beside the executable (no package metadata)."""
    folder = licensing.collect(tmp_path / "licenses", parts) and tmp_path / "licenses"
    out = io.StringIO()
    assert licences.run(False, out, folder) == 0
    assert out.getvalue().count("LGPL-3.0-only") >= 1
    assert f"Full texts: {tmp_path / 'licenses'}" in out.getvalue()
    (tmp_path / "licenses" / "index.json").write_text("{broken", encoding="utf-8")
    out = io.StringIO()
    assert licences.run(False, out, folder) == 1
    assert "cannot be read" in out.getvalue()


def test_the_repository_carries_its_licence_and_notices() -> None:
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    notices = (REPO / "NOTICES.md").read_text(encoding="utf-8")
    for needed in ("LGPL", "PSF-2.0", "Apache-2.0", "UCLG", "learning@uclg.org"):
        assert needed in notices
