"""``kiosk new``: the starter gallery validates clean in each language set; all placeholder."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from kiosk import paths
from kiosk.commands import new
from kiosk.content.loader import load_gallery
from kiosk.content.starter import PHRASES, parse_languages, starter_files


def _new(folder: Path, langs: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = new.run(str(folder), langs, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("langs", ["en", "fr", "en,fr,es", "es,en"])
def test_the_starter_validates_clean(tmp_path: Path, langs: str) -> None:
    folder = tmp_path / "event"
    code, out, err = _new(folder, langs)
    assert code == 0, err
    result = load_gallery(folder, paths.assets_dir())
    assert result.problems == [], [str(p) for p in result.problems]
    gallery = result.gallery
    assert [p.id for p in gallery.posters] == ["introduction", "first-case", "second-case"]
    assert [q.id for q in gallery.quotes] == ["first-quote", "second-quote"]
    assert gallery.settings.languages == tuple(langs.split(","))
    assert result.missing_translations == ()  # every text in every language asked for
    assert "kiosk validate" in out


def test_the_texts_are_the_placeholders_in_each_language(tmp_path: Path) -> None:
    folder = tmp_path / "event"
    _new(folder, "en,fr,es")
    gallery = load_gallery(folder, paths.assets_dir()).gallery
    case = gallery.posters[1]
    assert case.title.get("fr", "en") == "Le titre de votre cas"
    assert case.title.get("es", "en") == "El título de su caso"
    assert case.facts[0].value_text("en", "en") == "Your figure"
    assert case.artwork is not None and case.alt is not None
    # the fishbowl's rules are the default content's sentence, word for word
    shipped = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    assert gallery.fishbowl.rules == shipped.fishbowl.rules


def _leaves(data: object) -> list[str]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data] if isinstance(data, str) else []


def test_every_visible_text_is_a_placeholder_or_the_default_contents() -> None:
    """No invented fact, figure, name or quote: each text of the starter is one of its
    placeholder phrases (or the default content's sentence), or a key's
    value (an id, a kind, a language, the theme, the picture's path)."""
    known = {text for phrases in PHRASES.values() for text in phrases}
    for name, text in starter_files(("en", "fr", "es")).items():
        for leaf in _leaves(yaml.safe_load(text)):
            structural = re.fullmatch(r"[a-z0-9-]+|[a-z_]+\.xml|images/[a-z]+\.svg", leaf)
            assert leaf in known or structural, (name, leaf)


def test_a_folder_with_files_is_never_written_into(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "gallery.yaml").write_text("title: Mine\n", encoding="utf-8")
    code, _out, err = _new(folder)
    assert code == 2 and "is not empty" in err
    assert (folder / "gallery.yaml").read_text(encoding="utf-8") == "title: Mine\n"
    assert sorted(p.name for p in folder.iterdir()) == ["gallery.yaml"]


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    assert _new(tmp_path)[0] == 0
    assert (tmp_path / "posters" / "first-case.yaml").is_file()
    assert (tmp_path / "images" / "placeholder.svg").is_file()


@pytest.mark.parametrize(
    ("langs", "says"),
    [("pt", "has no text in 'pt'"), ("en,en", "more than once"), (" , ", "at least one")],
)
def test_a_bad_language_list_is_a_usage_error(tmp_path: Path, langs: str, says: str) -> None:
    code, _out, err = _new(tmp_path / "x", langs)
    assert code == 2 and says in err
    assert not (tmp_path / "x").exists()


def test_languages_are_read_in_order() -> None:
    assert parse_languages("FR, en") == ("fr", "en")


def test_the_command_line_reaches_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.app import main

    assert main(["new", str(tmp_path / "event"), "--lang", "es,en"]) == 0
    assert "a starter gallery in es, en (7 files)" in capsys.readouterr().out
    gallery = load_gallery(tmp_path / "event", paths.assets_dir()).gallery
    assert gallery.settings.languages == ("es", "en")
