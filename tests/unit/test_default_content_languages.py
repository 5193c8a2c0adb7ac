"""The shipped content in English, French and Spanish: complete, and translations that translate.

The gallery is written in English (the report's language); French and Spanish are translations.
A translation keeps every number of the English and every person's and organisation's name.
The completeness test covers every shipped file (TRANSLATED); ``kiosk validate --lang fr`` lists
what a gallery still misses. The number and name checks run on every language map of every
shipped file.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator

import pytest

from kiosk.commands import validate
from kiosk.content.languages import is_translation
from kiosk.content.loader import load_gallery
from tests.unit.test_default_content_figures import CONTENT, is_language_map, load

LANGUAGES = ("en", "fr", "es")
TRANSLATED = (
    "gallery.yaml",
    "fishbowl.yaml",
    "quotes.yaml",
    "posters/introduction.yaml",
    "posters/transferability.yaml",
    "posters/montreal-technopole-angus.yaml",
    "posters/seoul-sse-special-districts.yaml",
    "posters/johannesburg-hillbrow-ekhaya.yaml",
    "posters/barcelona-growing-sse.yaml",
    "posters/poll.yaml",
)
# organisations' names and acronyms, kept as written in every language (with the speakers')
KEPT = ("GSEF", "C.I.T.I.E.S.", "SACN", "SDA", "UCLG", "Metropolis", "LEED", "Technopole Angus")


def shipped_files() -> list[str]:
    files = sorted(CONTENT.glob("*.yaml")) + sorted(CONTENT.glob("posters/*.yaml"))
    return [p.relative_to(CONTENT).as_posix() for p in files]


def language_maps(node: object, where: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every text in several languages in a loaded YAML document, with its path."""
    if is_language_map(node):
        assert isinstance(node, dict)
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from language_maps(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from language_maps(value, f"{where}[{i}]")


def maps_of(name: str) -> list[tuple[str, dict[str, str]]]:
    return list(language_maps(load(CONTENT / name)))


# --- complete -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result():  # noqa: ANN201 - a LoadResult
    return load_gallery(CONTENT, CONTENT.parent / "assets")


def test_the_gallery_offers_english_french_and_spanish_written_in_english(result) -> None:  # noqa: ANN001
    settings = result.gallery.settings
    assert settings.languages == LANGUAGES
    assert settings.written_in == "en"
    assert settings.original_language == "en"


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_text_of_the_translated_files_is_in_all_three_languages(result, name: str) -> None:  # noqa: ANN001
    """Through the loader (what kiosk validate reports) ..."""
    assert [str(m) + f" ({m.lang})" for m in result.missing_translations if m.file == name] == []


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_language_map_of_the_translated_files_has_en_fr_and_es(name: str) -> None:
    """... and read independently of it: no map lacks a language, and the files hold maps."""
    maps = maps_of(name)
    assert maps
    assert [where for where, m in maps if set(m) != set(LANGUAGES)] == []


def test_the_coverage_of_the_translated_files_shows_in_the_count(result) -> None:  # noqa: ANN001
    counts = result.translation_coverage()
    assert set(counts) == set(LANGUAGES)
    assert counts["en"] == 0
    others = {m.file for m in result.missing_translations}
    assert not others & set(TRANSLATED)


# --- numbers ------------------------------------------------------------------------------------


def roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, char in enumerate(numeral):
        value = values[char]
        later = values[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < later else value
    return total


def numbers(text: str, lang: str) -> Counter[str]:
    """The numbers in a text, as digits with a decimal point: English writes 4,718 and 4.7;
    French and Spanish write 4 718 (or 4.718) and 4,7."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    # a century in Spanish is written in Roman numerals ("siglo XIX" for "19th century")
    text = re.sub(r"siglo ([IVXL]+)\b", lambda m: f"siglo {roman(m.group(1))}", text)
    if lang == "en":
        text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    else:
        text = re.sub(r"(?<=\d)[ .](?=\d{3}(?!\d))", "", text)
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    return Counter(re.findall(r"\d+(?:\.\d+)?", text))


def test_the_number_reading_handles_each_languages_separators() -> None:
    assert numbers("4,718 people on 4.7 hectare", "en") == Counter({"4718": 1, "4.7": 1})
    assert numbers("4\u00a0718 personnes sur 4,7 hectares", "fr") == numbers("4,718 4.7", "en")
    assert numbers("4.718 personas en 4,7 hectáreas", "es") == numbers("4,718 4.7", "en")
    assert numbers("23 %", "fr") != numbers("25%", "en")
    assert numbers("a finales del siglo XIX", "es") == numbers("the late 19th century", "en")
    assert numbers("siglo XIV", "es") != numbers("19th century", "en")


@pytest.mark.parametrize("name", shipped_files())
def test_every_translation_has_exactly_the_numbers_of_the_english(name: str) -> None:
    wrong = [
        f"{where} ({lang}): {dict(numbers(m[lang], lang))} != {dict(numbers(m['en'], 'en'))}"
        for where, m in maps_of(name)
        for lang in m
        if lang != "en" and numbers(m[lang], lang) != numbers(m["en"], "en")
    ]
    assert wrong == []


# --- names --------------------------------------------------------------------------------------


def speakers() -> list[object]:
    return [q["speaker"] for q in load(CONTENT / "quotes.yaml")["quotes"]]


def test_speakers_names_are_the_same_in_every_language() -> None:
    for speaker in speakers():
        if isinstance(speaker, dict):
            assert len(set(speaker.values())) == 1, speaker
        else:
            assert isinstance(speaker, str) and speaker.strip()


def kept_names() -> set[str]:
    names = {s for s in speakers() if isinstance(s, str)} | set(KEPT)
    for q in load(CONTENT / "quotes.yaml")["quotes"]:
        if isinstance(q.get("organisation"), str):
            names.add(q["organisation"])
    return names


@pytest.mark.parametrize("name", shipped_files())
def test_a_name_in_the_english_is_in_every_translation(name: str) -> None:
    names = kept_names()
    dropped = [
        f"{where} ({lang}): {person}"
        for where, m in maps_of(name)
        for person in sorted(names)
        if person in m["en"]
        for lang in m
        if person not in m[lang]
    ]
    assert dropped == []


# --- quotes shown as translations ---------------------------------------------------------------


def test_each_quote_is_the_original_in_english_and_a_translation_in_french_and_spanish(
    result,  # noqa: ANN001
) -> None:
    gallery = result.gallery
    assert gallery.quotes
    for quote in gallery.quotes:
        assert not is_translation(gallery, quote, "en"), quote.id
        assert is_translation(gallery, quote, "fr"), quote.id
        assert is_translation(gallery, quote, "es"), quote.id
        assert quote.text.get("fr") != quote.text.get("en")


def test_validate_lang_lists_only_the_city_posters_still_to_translate() -> None:
    """What ``kiosk validate --lang fr`` and ``--lang es`` list on the shipped content: texts of
    the files not translated yet, never of the translated ones. Once the city posters are
    translated, both lists are empty."""
    for lang in ("fr", "es"):
        out, err = io.StringIO(), io.StringIO()
        assert validate.run(str(CONTENT), out=out, err=err, lang=lang) == validate.EXIT_OK
        lines = out.getvalue().splitlines()
        listed = {line.split(":", 1)[0] for line in lines[1:-2]}
        assert not listed & set(TRANSLATED), lang
        assert listed <= set(shipped_files()) - set(TRANSLATED), lang
        assert lines[-2].startswith("translations: en complete, fr ")


def test_a_city_is_named_alike_on_its_poster_and_under_its_quotes(result) -> None:  # noqa: ANN001
    """Barcelone under a quote and Barcelona on the poster's card would read as two places."""
    cities = {p.city.get("en"): p.city for p in result.gallery.posters if p.city is not None}
    assert len(cities) == 4
    for quote in result.gallery.quotes:
        if quote.city is None or quote.city.get("en") not in cities:
            continue
        poster_city = cities[quote.city.get("en")]
        for lang in LANGUAGES:
            assert quote.city.get(lang) == poster_city.get(lang), (quote.id, lang)
