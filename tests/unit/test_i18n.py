"""Issue 18: the interface's words in English, French and Spanish (kiosk.i18n, no Qt).

The catalogues are the committed assets/locale/*.po; every string the code marks must have a
translation in each, with the same placeholders, and the right plural form for each count."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest

from kiosk.core.visitor import VisitorPrefs, VisitorSettings, next_language
from kiosk.i18n import (
    PSEUDO,
    PoError,
    compile_mo,
    native_name,
    pseudo,
    read_po,
    translator,
)
from tools.i18n import LOCALE, extract, missing

LANGUAGES = ("fr", "es")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture(scope="module")
def marked():
    found, problems = extract()
    assert not problems, [f"{p.where}: {p.what}" for p in problems]
    return found


def entries(lang: str):
    path = LOCALE / f"{lang}.po"
    return read_po(path.read_text(encoding="utf-8"), str(path))


def test_the_code_marks_its_interface_strings(marked) -> None:
    # a few from each part: the gallery, the help, the settings card, the kiosk, the fishbowl
    for msgid in (
        "All posters",
        "Touch to explore",
        "Still there?",
        "Text size",
        "the next language",
        "Translation",
        "Fishbowl discussion",
        "Organised by",
    ):
        assert msgid in marked, msgid
    assert len(marked) > 140


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_interface_string_is_left_untranslated(marked, lang) -> None:
    gaps = missing(marked, entries(lang))
    assert not gaps, f"{lang}: {len(gaps)} untranslated, first: {gaps[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_its_placeholders(marked, lang) -> None:
    by_id = {e.msgid: e for e in entries(lang) if e.msgid}
    for msgid, m in marked.items():
        wanted = set(PLACEHOLDER.findall(msgid)) | set(PLACEHOLDER.findall(m.plural or ""))
        for text in by_id[msgid].msgstrs:
            found = set(PLACEHOLDER.findall(text))
            # a singular may say "une citation" for {n} == 1, never a placeholder of its own
            assert found <= wanted, (lang, msgid, text)
            if m.plural is None:
                assert found == wanted, (lang, msgid, text)
        if m.plural is not None:
            assert set(PLACEHOLDER.findall(by_id[msgid].msgstrs[-1])) == wanted, (lang, msgid)


def test_the_template_is_current(marked) -> None:
    """tools/i18n.py was run after the last change to a marked string."""
    pot = read_po((LOCALE / "kiosk.pot").read_text(encoding="utf-8"))
    assert [e.msgid for e in pot if e.msgid] == list(marked)


def test_plurals_follow_each_language() -> None:
    fr, es, en = (translator(LOCALE, code) for code in ("fr", "es", "en"))
    one, many = "Returning to the start in {n} second", "Returning to the start in {n} seconds"
    # French takes the singular for 0 and 1; Spanish and English only for 1
    assert fr.ngettext(one, many, 0) == fr.ngettext(one, many, 1)
    assert fr.ngettext(one, many, 1).endswith("seconde")
    assert fr.ngettext(one, many, 2).endswith("secondes")
    assert es.ngettext(one, many, 0).endswith("segundos")
    assert es.ngettext(one, many, 1).endswith("segundo")
    assert en.ngettext(one, many, 1) == one and en.ngettext(one, many, 5) == many


def test_the_three_languages_say_the_same_thing() -> None:
    assert translator(LOCALE, "fr").gettext("All posters") == "Toutes les affiches"
    assert translator(LOCALE, "es").gettext("All posters") == "Todos los carteles"
    assert translator(LOCALE, "en").gettext("All posters") == "All posters"
    # a language without a catalogue, and a region of one with a catalogue
    assert translator(LOCALE, "de").gettext("All posters") == "All posters"
    assert translator(LOCALE, "fr-CA").gettext("All posters") == "Toutes les affiches"


def test_native_names() -> None:
    assert [native_name(c) for c in ("en", "fr", "es")] == ["English", "Français", "Español"]
    assert native_name("xx") == "xx"


def test_a_po_file_round_trips_through_the_mo_format(tmp_path: Path) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#: somewhere.py:1\nmsgid "Close"\nmsgstr "Fermer"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "Ouvrir?"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} fichier"\n'
        'msgstr[1] "{n} fichiers"\n\n'
        'msgid "long"\nmsgstr ""\n"two "\n"lines"\n'
    )
    cat = gettext.GNUTranslations(io.BytesIO(compile_mo(read_po(po))))
    assert cat.gettext("Close") == "Fermer"
    assert cat.gettext("Open") == "Open"  # fuzzy: not trusted
    assert cat.gettext("Empty") == "Empty"  # untranslated: the source text
    assert cat.ngettext("{n} file", "{n} files", 1) == "{n} fichier"
    assert cat.ngettext("{n} file", "{n} files", 2) == "{n} fichiers"
    assert cat.gettext("long") == "two lines"


def test_a_broken_po_file_says_where(tmp_path: Path) -> None:
    with pytest.raises(PoError, match=r"fr\.po:3: "):
        read_po('msgid "a"\nmsgstr "b"\nnonsense here\n', "fr.po")
    with pytest.raises(PoError, match=r"fr\.po:2: "):
        read_po('msgid "a"\nmsgstr "unclosed\n', "fr.po")


def test_the_pseudo_language_is_accented_longer_and_keeps_placeholders() -> None:
    t = translator(LOCALE, PSEUDO)
    for text in ("Touch a poster to explore", "Open poster {number}: {title}", "Home"):
        shown = t.gettext(text)
        assert not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", shown)), shown
        words = PLACEHOLDER.sub("", text)
        assert len(PLACEHOLDER.sub("", shown)) >= 1.4 * len(words), shown
        assert PLACEHOLDER.findall(shown) == PLACEHOLDER.findall(text)
    assert pseudo("<b>x</b>").startswith("<b>")


def test_the_visitors_language_is_a_setting_the_reset_puts_back() -> None:
    prefs = VisitorPrefs(VisitorSettings(lang="en"))
    heard = []
    prefs.subscribe(lambda old, new: heard.append((old.lang, new.lang)))
    assert prefs.set(lang="fr") and prefs.changed
    assert prefs.settings.changed_from(prefs.defaults) == {"lang"}
    assert prefs.reset() and prefs.settings.lang == "en"
    assert heard == [("en", "fr"), ("fr", "en")]


def test_the_next_language_goes_round() -> None:
    langs = ("en", "fr", "es")
    assert [next_language(langs, c) for c in langs] == ["fr", "es", "en"]
    assert next_language(langs, None) == "fr"
    assert next_language(("en",), "en") is None
