"""Which language a text was written in, which texts are translations, and which are missing.

The schema (gallery.yaml's ``written_in``, a quote's own ``written_in``), ``is_translation``,
and the coverage the loader collects and ``kiosk validate`` prints, on small galleries written
to disk here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.commands import validate
from kiosk.content.languages import is_translation, original_language
from kiosk.content.loader import load_gallery
from kiosk.content.model import FishbowlPreset, Gallery, GallerySettings, Quote
from kiosk.content.text import LocalText

POSTER = """\
id: dock
kind: case
title: {en: Dock, fr: Quai, es: Muelle}
facts:
  - value: "23%"
    label: {en: boats, fr: bateaux, es: barcos}
  - value: more than 30
    label: {en: crews, fr: équipages, es: tripulaciones}
"""

GALLERY = """\
title: {en: Harbour, fr: Port, es: Puerto}
place: Pier 4
organisers: [Harbour Society]
credits:
  - role: {en: Text, fr: Texte}
    names: [Test Author]
languages: [en, fr, es]
"""

QUOTES = """\
quotes:
  - id: together
    text: {en: We sell together., fr: Nous vendons ensemble.}
    speaker: A. Skipper
    organisation: The Dock Cooperative
  - id: harbour
    text: Le port est à tous.
    speaker: B. Mayor
    written_in: fr
"""


def write(folder: Path, gallery: str = GALLERY, quotes: str = QUOTES) -> Path:
    (folder / "posters").mkdir(parents=True)
    (folder / "gallery.yaml").write_text(gallery, encoding="utf-8")
    (folder / "posters" / "dock.yaml").write_text(POSTER, encoding="utf-8")
    (folder / "quotes.yaml").write_text(quotes, encoding="utf-8")
    return folder


def gallery_of(
    *quotes: Quote, languages: tuple[str, ...] = ("en", "fr", "es"), **kw: str
) -> Gallery:
    settings = GallerySettings(title=LocalText.plain("G"), languages=languages, **kw)
    return Gallery(settings, (), quotes, FishbowlPreset(), Path("."))


def quote(text: dict[str, str] | str, **kw: str) -> Quote:
    return Quote.model_validate({"id": "q", "text": text, "speaker": "A. Speaker", **kw})


# --- the schema and is_translation ---------------------------------------------------------------


def test_the_gallery_is_written_in_its_first_language_unless_it_says_otherwise() -> None:
    assert gallery_of().settings.original_language == "en"
    assert gallery_of(written_in="fr").settings.original_language == "fr"
    assert gallery_of(languages=("es", "en")).settings.original_language == "es"


def test_a_quote_shown_in_another_language_than_it_was_said_in_is_a_translation() -> None:
    q = quote({"en": "We sell together.", "fr": "Nous vendons ensemble."})
    g = gallery_of(q)
    assert not is_translation(g, q, "en")
    assert is_translation(g, q, "fr")
    # no Spanish: the default language's words are shown, and they are the original
    assert not is_translation(g, q, "es")


def test_a_quotes_own_written_in_overrides_the_gallerys() -> None:
    q = quote({"en": "The harbour is everyone's.", "fr": "Le port est à tous."}, written_in="fr")
    g = gallery_of(q)
    assert original_language(g, q) == "fr"
    assert is_translation(g, q, "en")
    assert not is_translation(g, q, "fr")
    assert is_translation(g, q, "es")  # falls back to the English, a translation


def test_a_plain_quote_is_the_words_as_said_in_every_language() -> None:
    q = quote("Le port est à tous.")
    g = gallery_of(q, written_in="en")
    assert not any(is_translation(g, q, lang) for lang in ("en", "fr", "es"))


def test_a_gallery_written_in_french_shows_its_english_as_a_translation() -> None:
    q = quote({"en": "The harbour is everyone's.", "fr": "Le port est à tous."})
    g = gallery_of(q, written_in="fr")
    assert is_translation(g, q, "en")
    assert not is_translation(g, q, "fr")


def test_written_in_must_be_a_language_code(tmp_path: Path) -> None:
    folder = write(tmp_path / "content", GALLERY + "written_in: French\n")
    result = load_gallery(folder)
    assert [str(p) for p in result.errors] == [
        "gallery.yaml:8:1: written_in 'French' is not a language code like en or fr"
    ]
    # the rest of gallery.yaml still applies
    assert result.gallery.settings.languages == ("en", "fr", "es")


# --- coverage: what the loader finds missing ---------------------------------------------------


def test_the_loader_lists_each_text_missing_a_language_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    result = load_gallery(write(tmp_path / "content"))
    assert result.ok, result.problems
    missing = sorted((m.lang, str(m)) for m in result.missing_translations)
    # a plain text is in the gallery's language, a fact's value "more than 30" too; names and
    # "23%" need no translation; the plain quote is the mayor's French: no English, no Spanish
    assert missing == [
        ("en", "quotes.yaml:7: quotes[1].text"),
        ("es", "gallery.yaml:2: place"),
        ("es", "gallery.yaml:5: credits[0].role"),
        ("es", "posters/dock.yaml:7: facts[1].value"),
        ("es", "quotes.yaml:3: quotes[0].text"),
        ("es", "quotes.yaml:7: quotes[1].text"),
        ("fr", "gallery.yaml:2: place"),
        ("fr", "posters/dock.yaml:7: facts[1].value"),
    ]
    assert result.translation_coverage() == {"en": 1, "fr": 2, "es": 5}


def test_a_gallery_in_one_language_has_no_translations_to_miss(tmp_path: Path) -> None:
    folder = write(tmp_path / "content", GALLERY.replace("[en, fr, es]", "[en]"))
    result = load_gallery(folder)
    assert result.missing_translations == ()
    assert result.translation_coverage() == {}


def test_the_apps_own_default_texts_are_not_counted(tmp_path: Path) -> None:
    """No fishbowl.yaml and no attract prompt: the defaults are the interface's to translate;
    the same words written in the file are the author's, and are counted."""
    folder = write(tmp_path / "content", GALLERY.replace("place: Pier 4\n", ""))
    result = load_gallery(folder)
    assert not [m for m in result.missing_translations if m.file == "fishbowl.yaml"]
    assert not [m for m in result.missing_translations if "attract" in m.field]
    (folder / "gallery.yaml").write_text(
        GALLERY + "attract:\n  prompt: Touch to explore\n", encoding="utf-8"
    )
    result = load_gallery(folder)
    assert [str(m) for m in result.missing_translations if m.lang == "fr"] == [
        "gallery.yaml:2: place",
        "gallery.yaml:9: attract.prompt",
        "posters/dock.yaml:7: facts[1].value",
    ]


def test_a_name_written_as_a_language_map_is_checked_like_any_text(tmp_path: Path) -> None:
    quotes = QUOTES.replace("speaker: A. Skipper", "speaker: {en: The skipper, fr: Le patron}")
    result = load_gallery(write(tmp_path / "content", quotes=quotes))
    assert "quotes.yaml:4: quotes[0].speaker" in [
        str(m) for m in result.missing_translations if m.lang == "es"
    ]


# --- kiosk validate ------------------------------------------------------------------------------


def run_validate(folder: Path, lang: str | None = None) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = validate.run(str(folder), out=out, err=err, lang=lang)
    return code, out.getvalue().splitlines(), err.getvalue()


def test_validate_counts_the_missing_translations_per_language(tmp_path: Path) -> None:
    code, lines, _ = run_validate(write(tmp_path / "content"))
    assert code == validate.EXIT_OK
    assert lines[-2:] == [
        "translations: en 1 missing, fr 2 missing, es 5 missing",
        "1 poster, 2 quotes: 0 errors, 0 warnings",
    ]


def test_validate_lang_lists_each_missing_text_as_file_line_field(tmp_path: Path) -> None:
    code, lines, _ = run_validate(write(tmp_path / "content"), "es")
    assert code == validate.EXIT_OK
    assert lines[1:-2] == [
        "gallery.yaml:2: place",
        "gallery.yaml:5: credits[0].role",
        "posters/dock.yaml:7: facts[1].value",
        "quotes.yaml:3: quotes[0].text",
        "quotes.yaml:7: quotes[1].text",
    ]


def test_validate_says_complete_when_nothing_is_missing(tmp_path: Path) -> None:
    gallery = GALLERY.replace("place: Pier 4", "place: {en: Pier 4, fr: Quai 4, es: Muelle 4}")
    gallery = gallery.replace("{en: Text, fr: Texte}", "{en: Text, fr: Texte, es: Texto}")
    folder = write(tmp_path / "content", gallery, "quotes: []\n")
    poster = folder / "posters" / "dock.yaml"
    poster.write_text(
        POSTER.replace("more than 30", "{en: more than 30, fr: plus de 30, es: más de 30}"),
        encoding="utf-8",
    )
    code, lines, _ = run_validate(folder, "fr")
    assert code == validate.EXIT_OK
    assert lines[1:] == [
        "translations: en complete, fr complete, es complete",
        "1 poster, 0 quotes: 0 errors, 0 warnings",
    ]


@pytest.mark.parametrize("lang", ["de", "French"])
def test_validate_lang_outside_the_gallerys_languages_is_a_usage_error(
    tmp_path: Path, lang: str
) -> None:
    code, lines, err = run_validate(write(tmp_path / "content"), lang)
    assert code == validate.EXIT_USAGE
    assert lines == []
    assert err == (
        f"kiosk validate: --lang {lang} is not one of the gallery's languages "
        "(en, fr, es, in gallery.yaml)\n"
    )


def test_the_gallery_of_one_language_prints_no_translations_line(tmp_path: Path) -> None:
    folder = write(tmp_path / "content", GALLERY.replace("[en, fr, es]", "[en]"))
    code, lines, _ = run_validate(folder)
    assert code == validate.EXIT_OK
    assert not [line for line in lines if line.startswith("translations:")]
