"""Text the app's fonts cannot show is named, file and line, by ``kiosk validate`` and
``--self-test``; text they can show is not. Checked with Qt's own text layout in the app's font
(fallback fonts included), so the expectation here comes from the machine's fonts: a script no
installed font covers (fontconfig says so) must be warned about."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from kiosk import paths, theme
from kiosk.content.loader import load_gallery
from kiosk.ui.glyphs import GlyphCheck, gallery_glyph_warnings, script_of
from tests.gui.test_selftest import self_test
from tests.unit.test_cli_validate import run_validate

# (script as the warning names it, a word in it, a character fontconfig is asked about)
CANDIDATES = [
    ("Khmer", "ភាសាខ្មែរ", "1780"),
    ("Ethiopic", "ሰላም", "1230"),
    ("Tibetan", "བོད་ཡིག", "0f56"),
    # scripts of Unicode 14 (2021), which few machines have fonts for yet
    ("Toto", "\U0001e290\U0001e291\U0001e292", "1e290"),
    ("Vithkuqi", "\U00010570\U00010571\U00010572", "10570"),
    ("Tangsa", "\U00016a70\U00016a71\U00016a72", "16a70"),
    ("Old Uyghur", "\U00010f70\U00010f71\U00010f72", "10f70"),
]


def uncovered() -> tuple[str, str]:
    """A script that no font on this machine has (the fonts the app could fall back to)."""
    assert shutil.which("fc-list"), "fontconfig's fc-list is needed (.ci/run installs it)"
    for script, word, char in CANDIDATES:
        found = subprocess.run(
            ["fc-list", f":charset={char}", "family"], capture_output=True, text=True, check=True
        )
        if not found.stdout.strip():
            return script, word
    pytest.skip("every candidate script has a font on this machine")


@pytest.fixture
def fonts(qapp) -> None:  # noqa: ANN001
    theme.load_fonts(paths.assets_dir() / "fonts")


def dock_with_bullet(folder: Path, text: str) -> None:
    poster = folder / "posters/dock.yaml"
    poster.write_text(
        poster.read_text().replace(
            "  - Selling together costs less.", f"  - Selling together costs less.\n  - {text}"
        ),
        encoding="utf-8",
    )


def test_scripts_are_named_as_an_author_knows_them() -> None:
    assert [script_of(c) for c in "안你ភሰ\U00010f70\U00012f90a\U0001f642"] == [
        "Korean",
        "Chinese or Japanese",
        "Khmer",
        "Ethiopic",
        "Old Uyghur",
        "Cypro-Minoan",
        "Latin",
        "symbol",
    ]


def test_latin_greek_and_cyrillic_are_drawable(fonts: None) -> None:
    check = GlyphCheck(QFont(theme.FONT_FAMILY))
    assert check.missing("Économie sociale — «solidaire» 23 % Ελληνικά Привет") == []


def test_a_script_without_a_font_is_missing(fonts: None) -> None:
    script, word = uncovered()
    check = GlyphCheck(QFont(theme.FONT_FAMILY))
    assert check.missing(word), f"{script} has no font here, yet no box was found"
    assert script_of(word[0]) == script


def test_what_is_called_missing_really_draws_as_boxes(fonts: None) -> None:
    """The oracle for the check itself: a character called missing draws the same pixels as a
    character of a script no font has; one called drawable does not."""
    _script, word = uncovered()

    def drawn(text: str) -> bytes:
        image = QImage(120, 120, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(80)
        painter.setFont(font)
        painter.drawText(10, 100, text)
        painter.end()
        return bytes(image.constBits())

    check = GlyphCheck(QFont(theme.FONT_FAMILY))
    assert drawn("a") != drawn(word[0])
    assert not check.missing("a") and check.missing(word[0])


def test_validate_names_the_file_and_line_of_text_the_fonts_cannot_show(
    mini_gallery: Path, fonts: None
) -> None:
    script, word = uncovered()
    dock_with_bullet(mini_gallery, word)
    result = load_gallery(mini_gallery, keep_documents=True)
    assert [str(p) for p in gallery_glyph_warnings(result)] == [
        f"posters/dock.yaml:26:5: warning: the fonts have no glyphs for this {script} text "
        f"('{word}'): it shows as boxes; install a font that has {script} on the computer "
        "that runs the kiosk"
    ]
    # and the command itself prints it, then counts it in the summary
    proc = run_validate(str(mini_gallery))
    assert f"posters/dock.yaml:26:5: warning: the fonts have no glyphs for this {script}" in (
        proc.stdout
    )
    assert proc.stdout.splitlines()[-1] == "2 posters, 2 quotes: 0 errors, 1 warning"
    assert "OpenType" not in proc.stderr  # Qt's search for a fallback stays in the debug log


def test_the_mini_gallery_has_no_glyph_warnings(mini_gallery: Path, fonts: None) -> None:
    assert gallery_glyph_warnings(load_gallery(mini_gallery, keep_documents=True)) == []


def test_self_test_fails_on_text_the_fonts_cannot_show(mini_gallery: Path) -> None:
    script, word = uncovered()
    dock_with_bullet(mini_gallery, word)
    proc = self_test("--content", str(mini_gallery))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (
        f"fonts: posters/dock.yaml:26:5: warning: the fonts have no glyphs for this {script} text"
    ) in proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1])["ok"] is False
