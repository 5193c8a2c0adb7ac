"""Which language each text was written in, which are translations, and which are missing.

A gallery is written in one language (gallery.yaml's ``written_in``, else the first of
``languages``); a quote may say its speaker's words were in another (its own ``written_in``).
A text in any other language is a translation. Pure functions over the content model, no Qt.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, NamedTuple

from kiosk.content.model import Credit, Gallery, Organisation, Quote, Strict
from kiosk.content.result import MissingTranslation, coverage
from kiosk.content.text import LocalText

__all__ = ["MissingTranslation", "coverage"]  # (their home is kiosk.content.result)

# Fields that hold names: a plain name (a person, an organisation, an acronym, a document's
# title in a credit) reads the same in every language and needs no translation. Written as a
# language map, a name is checked like any other text.
NAME_FIELDS: frozenset[tuple[type, str]] = frozenset(
    {
        (Quote, "speaker"),
        (Quote, "organisation"),
        (Organisation, "name"),
        (Organisation, "short"),
        (Credit, "names"),
    }
)


LETTER = re.compile(r"[^\W\d_]")  # a letter of any script


def original_language(gallery: Gallery, quote: Quote | None = None) -> str:
    """The language ``quote`` (or, without one, the gallery's texts) was written in."""
    if quote is not None and quote.written_in:
        return quote.written_in
    return gallery.settings.original_language


def is_translation(gallery: Gallery, quote: Quote, lang: str) -> bool:
    """Whether the quote's words, shown for a visitor who chose ``lang``, are a translation:
    the text on screen (``lang``'s, else the default language's) is not in the language the
    words were said in. A plain text is the words as said."""
    shown = quote.text.language_shown(lang, gallery.default_language)
    return shown is not None and shown != original_language(gallery, quote)


class TextAt(NamedTuple):
    """A text of the content, where it stands in its model, and whether it is a name.
    (Named tuples, not dataclasses: a gallery has thousands of texts, walked at every load.)"""

    loc: tuple[str | int, ...]
    text: LocalText
    name: bool = False


def texts_of(obj: Any, loc: tuple[str | int, ...] = (), name: bool = False) -> list[TextAt]:
    """Every text inside a validated model, with its path; texts left to a default of the
    schema (the app's own words, translated with the interface, not written in the file)
    are left out."""
    if isinstance(obj, LocalText):
        return [TextAt(loc, obj, name)]
    if isinstance(obj, Strict):
        found: list[TextAt] = []
        for info in dataclasses.fields(obj):  # type: ignore[arg-type]
            field_name = info.name
            value = getattr(obj, field_name)
            if value is None or value is info.default:
                continue
            is_name = (type(obj), field_name) in NAME_FIELDS
            found += texts_of(value, (*loc, field_name), is_name)
        return found
    if isinstance(obj, tuple):
        return [t for i, v in enumerate(obj) for t in texts_of(v, (*loc, i), name)]
    return []


def needs_translation(item: TextAt) -> bool:
    """False for a plain name and for a text with no letters (``23%``, ``2017``): they read the
    same in every language."""
    if item.text.languages:
        return True
    return not item.name and LETTER.search(str(item.text)) is not None


def missing_languages(item: TextAt, languages: tuple[str, ...], written_in: str) -> list[str]:
    """The languages of ``languages`` that ``item`` has no text for. A plain text is in
    ``written_in``, the language of what it belongs to."""
    if not languages or not needs_translation(item):
        return []
    have = item.text.languages or (written_in,)
    return [lang for lang in languages if lang not in have]


def coverage_text(counts: dict[str, int]) -> str:
    """'translations: en complete, fr 12 missing, es 3 missing'."""
    parts = [f"{lang} {'complete' if n == 0 else f'{n:,} missing'}" for lang, n in counts.items()]
    return "translations: " + ", ".join(parts)
