"""``kiosk shot --all``: every screen, every poster whole and every quote, per language, and
the contact sheet that shows them; on a starter gallery (``kiosk new``), which must render."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.commands import new
from kiosk.commands.shot_all import SCREENS
from tests.gui.test_scale_and_cli import run_kiosk


def _colours(image: QImage) -> int:
    step = 24
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, min(1000, image.height()), step)
        }
    )


def test_every_picture_in_every_language_and_the_contact_sheet(tmp_path: Path) -> None:
    content = tmp_path / "event"
    assert new.run(str(content), "en,fr", io.StringIO(), io.StringIO()) == 0
    out = tmp_path / "sheet"
    proc = run_kiosk("shot", "--all", "--content", str(content), "--size", "1280x720", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "pictures in en, fr at 1280x720" in proc.stdout
    posters = ["poster-01-introduction", "poster-02-first-case", "poster-03-second-case"]
    quotes = ["quote-01-first-quote", "quote-02-second-quote"]
    fishbowl = ["fishbowl-normal", "fishbowl-warning"]
    attract = ["attract-poster", "attract-quote", "attract-credits"]
    expected = [*SCREENS, *posters, *quotes, *fishbowl, *attract]
    for lang in ("en", "fr"):
        names = sorted(p.stem for p in (out / lang).glob("*.png"))
        assert names == sorted(expected), lang
        for name in expected:
            image = QImage(str(out / lang / f"{name}.png"))
            assert image.width() == 1280, name
            assert _colours(image) > 8, f"{lang}/{name} looks blank"
        # a case poster is whole: longer than one 720 px screen
        assert QImage(str(out / lang / "poster-02-first-case.png")).height() > 720
        # each quote is its own picture, and the languages differ
        first, second = (QImage(str(out / lang / f"{q}.png")) for q in quotes)
        assert first != second
    assert QImage(str(out / "en" / "home.png")) != QImage(str(out / "fr" / "home.png"))

    index = (out / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'<img src="([^"]+)"', index))
    on_disk = {str(p.relative_to(out)) for p in out.glob("*/*.png")}
    assert linked == on_disk
    assert "Your event&#x27;s title" in index  # the gallery's title, escaped
    assert "Le titre de votre cas" in index  # each poster captioned in its language
    # each quote by its speaker and first words, in its language
    assert "Le nom de la personne: “Les mots de la personne, exactement comme elle…”" in index


def test_a_png_name_for_all_is_refused(tmp_path: Path) -> None:
    proc = run_kiosk("shot", "--all", str(tmp_path / "x.png"))
    assert proc.returncode == 2 and "give a folder" in proc.stderr
    assert not (tmp_path / "x.png").exists()
