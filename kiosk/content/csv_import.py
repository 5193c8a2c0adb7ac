"""``kiosk import``: quotes or a poster's facts kept in a spreadsheet, from its CSV export to
the YAML the loader reads. No Qt.

The first row names the columns (in any order, any case): for quotes ``id``, ``text``,
``speaker``, ``role``, ``organisation``, ``city``, ``posters``, ``source``, ``written_in``; for
facts ``value``, ``unit``, ``label``, ``note``, ``group``. A text in several languages has one
column per language, the code after an underscore: ``text_en``, ``text_fr``. A quote's
``posters`` lists poster ids separated by commas or spaces. Spreadsheets save CSV as UTF-8 with
or without a byte-order mark, with commas or semicolons (a French or Spanish Excel uses
semicolons): both are read. Every problem names the row as the spreadsheet numbers it (the
column names are row 1).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,4})?$")

# the columns of each kind: (name, a text that may have one column per language, required)
COLUMNS: dict[str, tuple[tuple[str, bool, bool], ...]] = {
    "quotes": (
        ("id", False, False),
        ("text", True, True),
        ("speaker", True, True),
        ("role", True, False),
        ("organisation", True, False),
        ("city", True, False),
        ("posters", False, False),
        ("source", True, False),
        ("written_in", False, False),
    ),
    "facts": (
        ("value", True, True),
        ("unit", True, False),
        ("label", True, True),
        ("note", True, False),
        ("group", True, False),
    ),
}
ALIASES = {"organization": "organisation", "quote": "text", "words": "text", "poster": "posters"}


@dataclass
class Imported:
    """What a CSV gave: the YAML text (when there were no errors) and every problem."""

    kind: str
    rows: int = 0
    yaml_text: str = ""
    errors: list[str] = field(default_factory=list)


def guess_kind(file_name: str, header: list[str]) -> str | None:
    """quotes or facts, from the file's name, else from its columns."""
    stem = file_name.lower()
    for kind in COLUMNS:
        if kind in stem or kind.rstrip("s") in stem:
            return kind
    names = {_column_name(h)[0] for h in header}
    if "speaker" in names:
        return "quotes"
    if "value" in names or "label" in names:
        return "facts"
    return None


def decode(data: bytes) -> str:
    """The file's text; ValueError with a sentence when it is not UTF-8 text."""
    if data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise ValueError(
            "this is a spreadsheet file (.xlsx, .xls or .ods), not CSV: in the spreadsheet "
            "choose Save as (or Download as) 'CSV UTF-8' and import that file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"row {line} is not UTF-8 text: save the spreadsheet again as 'CSV UTF-8' "
            "(in Excel: Save as, CSV UTF-8 (comma delimited))"
        ) from None


def read_rows(text: str) -> list[list[str]]:
    """The CSV's rows; the delimiter (comma, semicolon or tab) found by csv.Sniffer."""
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or too little to tell: commas
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _column_name(header: str) -> tuple[str, str | None]:
    """``"Text_FR"`` -> ``("text", "fr")``; ``"Speaker"`` -> ``("speaker", None)``."""
    name = re.sub(r"[\s-]+", "_", header.strip().lower())
    name = ALIASES.get(name, name)
    base, _, lang = name.rpartition("_")
    if base and LANG_RE.match(lang) and base != "written":
        return ALIASES.get(base, base), lang
    return name, None


def convert(kind: str, text: str) -> Imported:
    """The CSV ``text`` of ``kind`` (quotes or facts) as YAML, or the errors that stop it."""
    result = Imported(kind)
    rows = read_rows(text)
    if not rows or not any(cell.strip() for cell in rows[0]):
        result.errors.append("row 1: the first row must name the columns (text, speaker, ...)")
        return result
    spec = {name: (local, required) for name, local, required in COLUMNS[kind]}
    columns: list[tuple[str, str | None] | None] = []
    seen: dict[tuple[str, str | None], int] = {}
    for i, header in enumerate(rows[0]):
        if not header.strip():
            columns.append(None)  # an unnamed column (a spreadsheet's empty margin)
            continue
        name, lang = _column_name(header)
        if name not in spec:
            hint = difflib.get_close_matches(name, list(spec), n=1)
            also = f" (did you mean '{hint[0]}'?)" if hint else ""
            result.errors.append(
                f"row 1, column {i + 1}: '{header.strip()}' is not a column of {kind}{also}; "
                f"the columns are {', '.join(spec)}"
            )
            columns.append(None)
            continue
        if lang is not None and not spec[name][0]:
            result.errors.append(
                f"row 1, column {i + 1}: '{header.strip()}': {name} is the same in every "
                f"language; name the column '{name}'"
            )
        if (name, lang) in seen:
            result.errors.append(
                f"row 1, column {i + 1}: '{header.strip()}' is there twice (columns "
                f"{seen[(name, lang)] + 1} and {i + 1})"
            )
        seen[(name, lang)] = i
        columns.append((name, lang))
    found = {c[0] for c in columns if c is not None}
    for name, (_local, required) in spec.items():
        plain = (name, None) in seen
        languages = [lang for (n, lang) in seen if n == name and lang is not None]
        if plain and languages:
            result.errors.append(
                f"row 1: both '{name}' and '{name}_{languages[0]}': give every language its own "
                f"column ('{name}_en', '{name}_{languages[0]}', ...)"
            )
        if required and name not in found:
            result.errors.append(f"row 1: there is no '{name}' column; {kind} need one")
    if result.errors:
        return result
    entries: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # an empty row between blocks
        if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
            result.errors.append(
                f"row {number}: {len(row)} cells but {len(columns)} named columns: a cell "
                "holds the delimiter? Put the text in quotes, or name the extra column"
            )
            continue
        entry = _entry(kind, row, columns, number, result.errors)
        if entry is None:
            continue
        if kind == "quotes":
            _quote_id(entry, number, ids, result.errors)
        entries.append(entry)
    result.rows = len(entries)
    if not entries and not result.errors:
        result.errors.append("the file has column names but no rows")
    if result.errors:
        return result
    result.yaml_text = _yaml(kind, entries)
    return result


def _entry(
    kind: str,
    row: list[str],
    columns: list[tuple[str, str | None] | None],
    number: int,
    errors: list[str],
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for cell, column in zip(row, columns, strict=False):
        if column is None or not cell.strip():
            continue
        name, lang = column
        value = cell.strip().replace("\r\n", "\n")
        if lang is None:
            values[name] = value
        else:
            values.setdefault(name, {})[lang] = value
    missing = [name for name, _local, required in COLUMNS[kind] if required and name not in values]
    if missing:
        what = "a quote" if kind == "quotes" else "a fact"
        errors.append(
            f"row {number}: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
            f"empty; {what} needs {'it' if len(missing) == 1 else 'them'}"
        )
        return None
    if kind == "quotes" and "posters" in values:
        posters = [p for p in re.split(r"[\s,;]+", values["posters"]) if p]
        bad = [p for p in posters if not ID_RE.match(p)]
        if bad:
            errors.append(
                f"row {number}: posters: '{bad[0]}' is not a poster id (lower-case letters, "
                "digits and hyphens, as in the poster's file: id: ...)"
            )
            return None
        values["posters"] = posters
    if kind == "quotes" and "written_in" in values:
        code = values["written_in"].lower()
        if not LANG_RE.match(code):
            errors.append(
                f"row {number}: written_in: '{values['written_in']}' is not a language code "
                "like en or fr"
            )
            return None
        values["written_in"] = code
    order = [name for name, _local, _required in COLUMNS[kind]]
    return {name: values[name] for name in order if name in values}


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-") or "quote"


def _quote_id(entry: dict[str, Any], number: int, ids: dict[str, int], errors: list[str]) -> None:
    """The row's id as written (checked), or one made from the speaker's name."""
    given = entry.get("id")
    if given is not None:
        if not ID_RE.match(given):
            errors.append(
                f"row {number}: id '{given}' may hold only lower-case letters, digits and "
                f"hyphens (for example '{_slug(given)}')"
            )
            return
        if given in ids:
            errors.append(f"row {number}: id '{given}' is already the id of row {ids[given]}")
            return
    else:
        speaker = entry["speaker"]
        name = speaker if isinstance(speaker, str) else next(iter(speaker.values()))
        base = _slug(name)
        n = 1
        while f"{base}-{n}" in ids:
            n += 1
        given = f"{base}-{n}"
    ids[given] = number
    entry["id"] = given
    entry_order = ["id", *[k for k in entry if k != "id"]]
    items = {k: entry[k] for k in entry_order}
    entry.clear()
    entry.update(items)


def _yaml(kind: str, entries: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump(
        {kind: entries}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    if kind == "quotes":
        head = (
            "# Quotes imported from a spreadsheet by `kiosk import`. Save this as quotes.yaml in\n"
            "# the content folder (or add its entries to the one there), then run kiosk validate.\n"
        )
    else:
        head = (
            "# Facts imported from a spreadsheet by `kiosk import`. Copy the facts: block below\n"
            "# into a poster's file (posters/NAME.yaml), then run kiosk validate.\n"
        )
    return head + body
