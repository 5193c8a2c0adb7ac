"""The interface's words in the visitor's language: gettext catalogues, read from .po files.

Why stdlib gettext and not Qt's ``tr()``: much of the interface's text is decided in modules
that never import Qt (the hints, the visitor settings' names, the fishbowl's scene), and two
windows of one app may speak two languages at once (the fishbowl's public view follows the
room, the facilitator's window follows the facilitator). Qt's translators are installed on the
whole application; a ``Translator`` here is a plain object each screen carries in its context.

The catalogues are the committed ``assets/locale/<lang>.po`` files themselves: each is read
and compiled in memory the first time its language is asked for (a few milliseconds), so a
translator's edit shows at the next start with no build step, and the bundle ships what the
repository holds. Dates and numbers are not here: the UI formats them with ``QLocale``.

Marking: a string written in a call ``N_("...")`` (a module's constant), ``ctx.tr("...")`` /
``ctx.ntr("...", "...", n)`` (a widget's text) or ``t.gettext("...")`` / ``t.ngettext(...)``
(pure code handed a ``Translator``) is found by ``tools/i18n.py``, which writes the template
and merges it into every catalogue.
"""

from __future__ import annotations

import ast
import gettext
import io
import math
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE_LANGUAGE = "en"
"""The language the interface is written in (the msgids)."""

PSEUDO = "qps"
"""A pseudo-language for tests: every interface string accented and about 40 % longer, so a
screen rendered in it shows any string that was never marked (plain ASCII English) and any
layout too tight for a longer language."""

NATIVE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "de": "Deutsch",
    "it": "Italiano",
    "ca": "Català",
    "ar": "العربية",
    "zh": "中文",
    "ko": "한국어",
    "ja": "日本語",
    PSEUDO: "Ƥšéûðö",
}
"""Each language's name in itself: what the language buttons show."""


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Marks ``text`` as interface text to translate where it is shown (``ctx.tr(CONSTANT)``)."""
    return text


def native_name(lang: str) -> str:
    """'Français' for 'fr'; the code itself for a language without a known name."""
    return NATIVE_NAMES.get(lang, NATIVE_NAMES.get(lang.split("-")[0], lang))


# --- .po files -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PoEntry:
    msgid: str
    msgid_plural: str | None
    msgstrs: tuple[str, ...]  # one, or one per plural form
    line: int  # where its msgid is, for messages
    fuzzy: bool = False


class PoError(ValueError):
    """A .po file that cannot be read: file, line and what is wrong."""


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def _unquote(text: str, where: str) -> str:
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        raise PoError(f"{where}: {text} is not a quoted string") from exc
    if not isinstance(value, str):
        raise PoError(f"{where}: {text} is not a quoted string")
    return value


def read_po(text: str, name: str = "<po>") -> list[PoEntry]:
    """The entries of a .po file (the header is the entry with the empty msgid)."""
    entries: list[PoEntry] = []
    current: dict[str, str] = {}
    key: str | None = None
    start = 0
    fuzzy = False

    def flush() -> None:
        nonlocal current, key, fuzzy
        if "msgid" in current:
            plurals = sorted(k for k in current if k.startswith("msgstr["))
            strs = tuple(current[k] for k in plurals) if plurals else (current.get("msgstr", ""),)
            entries.append(
                PoEntry(current["msgid"], current.get("msgid_plural"), strs, start, fuzzy)
            )
        current, key, fuzzy = {}, None, False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if key is None:
                raise PoError(f"{where}: a continued string with no keyword before it")
            current[key] += _unquote(line, where)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise PoError(f"{where}: expected msgid, msgid_plural, msgstr or a quoted string")
        word, index, quoted = match.groups()
        key = f"msgstr[{int(index):02d}]" if index is not None else word
        if word == "msgid" and "msgid" in current:
            flush_fuzzy = fuzzy
            flush()
            fuzzy = flush_fuzzy
            key = "msgid"
        if word == "msgid":
            start = number
        current[key] = _unquote(quoted, where)
    flush()
    return entries


def compile_mo(entries: list[PoEntry]) -> bytes:
    """The .mo bytes of ``entries`` (GNU gettext's format), untranslated and fuzzy ones left
    out so that they fall back to the source text."""
    table: dict[bytes, bytes] = {}
    for e in entries:
        if e.fuzzy and e.msgid:
            continue
        if e.msgid and not all(e.msgstrs):
            continue
        key = e.msgid if e.msgid_plural is None else f"{e.msgid}\0{e.msgid_plural}"
        table[key.encode()] = "\0".join(e.msgstrs).encode()
    keys = sorted(table)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(table[k] + b"\0" for k in keys)
    n = len(keys)
    key_start = 7 * 4 + 16 * n
    value_start = key_start + len(ids)
    offsets: list[int] = []
    pos = 0
    for k in keys:
        offsets += [len(k), key_start + pos]
        pos += len(k) + 1
    pos = 0
    for k in keys:
        offsets += [len(table[k]), value_start + pos]
        pos += len(table[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return header + struct.pack(f"{len(offsets)}i", *offsets) + ids + strs


# --- translators -----------------------------------------------------------------------------
class Translator:
    """The interface's words in one language."""

    def __init__(self, lang: str, catalogue: gettext.NullTranslations | None = None) -> None:
        self.lang = lang
        self._catalogue = catalogue or gettext.NullTranslations()

    def gettext(self, text: str) -> str:
        return self._catalogue.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)


ENGLISH = Translator(SOURCE_LANGUAGE)
"""The source text: what code without a language on hand says."""


class Said:
    """A sentence decided where no language is on hand (pure code, a refusal of the model) and
    said later in the language on screen: a marked msgid (``N_``) and the values of its
    placeholders, each of which may be a ``Said`` too ("Chair 3" inside "Chair 3 is taken").
    ``str()`` of it is the English sentence (logs, tests, code without a language)."""

    __slots__ = ("msgid", "values")

    def __init__(self, msgid: str, **values: object) -> None:
        self.msgid = msgid
        self.values = values

    def in_language(self, t: Translator) -> str:
        text = t.gettext(self.msgid)
        if not self.values:
            return text  # a plain sentence: braces in it (a repr) are not placeholders
        said = {k: v.in_language(t) if isinstance(v, Said) else v for k, v in self.values.items()}
        return text.format(**said)

    def __str__(self) -> str:
        return self.in_language(ENGLISH)

    def __repr__(self) -> str:
        return f"Said({self.msgid!r}, {self.values!r})"


class PseudoTranslator(Translator):
    """Every string accented and about 40 % longer (vowels doubled), placeholders kept."""

    def gettext(self, text: str) -> str:
        return pseudo(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)


_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
)
_VOWELS = re.compile(r"([aeiouAEIOU])")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]|<[^<>]+>|&[a-z]+;)")


PSEUDO_GROWTH = 1.4
"""How much longer the pseudo-language's text is than the English (French and Spanish run
15-30 % longer; German and Finnish more)."""


def pseudo(text: str) -> str:
    """'Home' → 'Ĥöömé ŵ'-like: accented, vowels doubled, padded to 40 % longer; ``{n}`` and
    markup left alone (and not counted)."""
    parts = _PLACEHOLDER.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a placeholder
            out.append(part)
        else:
            out.append(_VOWELS.sub(r"\1\1", part).translate(_ACCENTS))
    plain = sum(len(p) for p in parts[::2])
    shown = sum(len(p) for p in out[::2])
    short = math.ceil(plain * PSEUDO_GROWTH) - shown
    if plain and short > 0:
        out.append(" " + "ŵ" * max(1, short - 1))
    return "".join(out)


def catalogue_path(folder: Path, lang: str) -> Path:
    return folder / f"{lang}.po"


@lru_cache(maxsize=16)
def _load(folder: Path, lang: str) -> Translator:
    if lang == PSEUDO:
        return PseudoTranslator(lang)
    path = catalogue_path(folder, lang)
    for candidate in (path, catalogue_path(folder, lang.split("-")[0])):
        if candidate.is_file():
            entries = read_po(candidate.read_text(encoding="utf-8"), str(candidate))
            return Translator(lang, gettext.GNUTranslations(io.BytesIO(compile_mo(entries))))
    return Translator(lang)  # English, or a language with no catalogue: the source text


def translator(folder: Path, lang: str | None) -> Translator:
    """The translator for ``lang`` from the catalogues in ``folder`` (cached); the source
    text for English, None or a language without a catalogue."""
    return _load(folder, lang or SOURCE_LANGUAGE)


def languages_with_catalogues(folder: Path) -> tuple[str, ...]:
    """The source language and every language with a catalogue in ``folder``."""
    found = sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []
    return (SOURCE_LANGUAGE, *found)
