"""Turning pydantic's validation errors into plain sentences at the right line.

Pydantic reports each error with a path (``('facts', 2, 'value')``) and a type; the document
knows where each path stands in the file. Unknown keys become warnings with a "did you mean".
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kiosk.content.errors import Severity
from kiosk.content.schema import errors_of, fields_of, is_schema_class
from kiosk.content.schema import validate as validate_as
from kiosk.content.syntax import quoted
from kiosk.content.text import COLOUR_RE, ID_RE, LANG_RE, kind_of, shown
from kiosk.content.yamlsafe import Document, Loc

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date like 2017-06-19",
    "date_parsing": "a date like 2017-06-19",
    "date_from_datetime_parsing": "a date like 2017-06-19",
    "date_from_datetime_inexact": "a date like 2017-06-19",
}
# error types of values that should have been text: the place for a YAML 1.1 hint
_TEXTUAL = {
    "string_type",
    "text_type",
    "Id_type",
    "LangCode_type",
    "Colour_type",
    "artwork_type",
    "literal_error",
}


def path_text(loc: Loc) -> str:
    """('facts', 2, 'value') -> 'facts[2].value' (the data path, for the tools' listings)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# the singular of each list's key, for "the 3rd fact"
_ONE_OF = {
    "posters": "poster",
    "quotes": "quote",
    "facts": "fact",
    "sections": "section",
    "paragraphs": "paragraph",
    "bullets": "bullet",
    "lessons": "lesson",
    "sources": "source",
    "organisers": "organiser",
    "partners": "partner",
    "credits": "credit",
    "names": "name",
    "languages": "language",
    "questions": "question",
    "settings": "setting",
}


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def place_text(loc: Loc) -> str:
    """Where a value stands, in words and counting from 1 as the author does:
    ('facts', 2, 'value') -> "the 3rd fact's value"; ('posters', 4) -> 'the 5th poster';
    ('theme', 'accent') -> 'theme.accent'."""
    out = ""
    keys: list[str] = []  # keys since the last list entry, joined by dots
    for part in loc:
        if isinstance(part, int):
            key = keys.pop() if keys else ""
            owner = ".".join(keys)
            if out and owner:
                owner = f"{out}'s {owner}"
            elif out:
                owner = out
            one = _ONE_OF.get(key)
            entry = f"{ordinal(part + 1)} {one}" if one else f"{ordinal(part + 1)} entry of {key}"
            out = f"{owner}'s {entry}" if owner else f"the {entry}"
            keys = []
        else:
            keys.append(str(part))
    if keys:
        rest = ".".join(keys)
        out = f"{out}'s {rest}" if out else rest
    return out


def _model_at(model: type[Any], loc: Loc) -> type[Any] | None:
    """The model class that the mapping at ``loc`` is validated against."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not is_schema_class(current):
            return None
        info = fields_of(current).get(part)
        if info is None:
            return None
        current = _find_model(info.annotation)
    return current if is_schema_class(current) else None


def _find_model(annotation: Any) -> Any:
    if is_schema_class(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _find_model(typing.get_args(annotation)[0])
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


_FITS = {
    "Id_type": ID_RE,
    "LangCode_type": LANG_RE,
    "Colour_type": COLOUR_RE,
    "artwork_type": re.compile(r"^.+\.(svg|png|jpe?g|webp)$", re.I),
}


def _read_as(value: Any) -> str:
    """What YAML made of an unquoted value: 'false', 'the number 1.1', 'a date'."""
    if isinstance(value, bool):
        return shown(value)
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    return kind_of(value)


def _yaml11_hint(
    doc: Document, loc: Loc, value: Any, path: str, kind: str, options: list[str]
) -> str | None:
    """ "put it in quotes" -- only where the quoted text would be a valid value."""
    raw = doc.plain_scalars.get(loc)
    if raw is None:
        return None
    if value is None:
        return None
    if kind == "literal_error" and raw not in options:
        return None
    if kind in _FITS and not _FITS[kind].match(raw):
        return None
    return (
        f"{path} must be text, but YAML reads the unquoted {raw} as {_read_as(value)}: "
        f'put it in quotes, "{raw}"'
    )


def _unit(loc: Loc) -> str:
    """' of seconds' for turn_seconds: what a number field counts."""
    key = str(loc[-1]) if loc else ""
    for suffix in ("seconds", "minutes"):
        if key.endswith("_" + suffix):
            return " of " + suffix
    return ""


def _not_a_number(path: str, loc: Loc, value: Any, whole: bool) -> str:
    """A number field given text: say what to write instead (not "put it in quotes")."""
    what = "a whole number" if whole else "a number"
    unit = _unit(loc)
    msg = f"{path} must be {what}{unit}, not the text {shown(value)}"
    clock = re.fullmatch(r"\s*(\d+):([0-5]\d)\s*", str(value))
    if clock and unit:
        a, b = int(clock.group(1)), int(clock.group(2))
        total = a * 60 + b
        msg += f": write {total} (without quotes) for {a}:{b:02d}"
    else:
        msg += ": write the number alone, without quotes or words"
    return msg


def sentence(doc: Document, model: type[Any], err: ErrorDetails, base: Loc) -> str:
    """One plain sentence for one pydantic error (without the file position)."""
    loc = (*base, *err["loc"])
    kind = err["type"]
    value = err.get("input")
    path = place_text(loc) or "the file"
    ctx = err.get("ctx") or {}
    if kind == "missing":
        parent = place_text(loc[:-1])
        where = f"{parent} needs" if parent else "the file needs"
        return f"{where} the key '{loc[-1]}'"
    expected = ctx.get("expected", "")
    options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
    if kind in _TEXTUAL:
        hint = _yaml11_hint(doc, loc, value, path, kind, options)
        if hint:
            return hint
    if kind == "literal_error":
        if len(options) > 8:
            expected = (
                ", ".join(options[:4]) + f" or another of the {len(options)} names "
                "listed in docs/content.md"
            )
        msg = f"{path} must be one of {expected}, not {shown(value)}"
        close = difflib.get_close_matches(str(value), options, n=1)
        if close:
            msg += f" (did you mean '{close[0]}'?)"
        return msg
    if kind == "text_colon":
        full = f"{ctx.get('key')}: {ctx.get('text')}"
        return (
            f"{path} contains ': ' ({full}), which YAML reads as a key and its value: "
            f"put the whole text in quotes, {quoted(full)}"
        )
    if kind == "rule":
        return str(err["msg"])
    if kind in ("int_parsing", "float_parsing") and isinstance(value, str):
        return _not_a_number(path, loc, value, whole=kind == "int_parsing")
    if kind == "int_from_float":
        return f"{path} must be a whole number{_unit(loc)}, not {shown(value)}"
    if kind in _EXPECTED:
        if value is None:
            return f"{path} is empty: give {_EXPECTED[kind]}"
        return f"{path} must be {_EXPECTED[kind]}, not {kind_of(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{path} must be at least {ctx.get('ge', ctx.get('gt'))}, not {shown(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"{path} must be at most {ctx.get('le', ctx.get('lt'))}, not {shown(value)}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{path} needs at least {n} {'entry' if n == 1 else 'entries'}"
    if kind == "too_long":
        return f"{path} may have at most {ctx.get('max_length')} entries"
    if kind == "finite_number":
        return f"{path} must be a finite number"
    if kind == "value_error":
        reason = str(ctx.get("error", err["msg"]))
        return f"{path}: {reason}" if loc[len(base) :] else reason
    if kind == "text_long":
        return f"{path}{err['msg']}"
    if kind.endswith(("_type", "_format", "_empty", "_lang", "_finite")):
        return f"{path} {err['msg']}"
    return f"{path}: {err['msg']}"


def _number_field(model: type[Any], loc: Loc) -> bool:
    """Whether the value at ``loc`` (inside ``model``) is a number field (int or float)."""
    *parents, last = loc or ("",)
    owner = _model_at(model, tuple(parents))
    info = fields_of(owner).get(str(last)) if owner is not None else None
    if info is None or isinstance(last, int):
        return False
    kinds = _plain_types(info.annotation)
    return bool(kinds) and kinds <= {int, float, type(None)}


def _plain_types(annotation: Any) -> set[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return {t for arg in typing.get_args(annotation) for t in _plain_types(arg)}
    return {annotation}


def _reword_surprises(doc: Document, model: type[Any], base: Loc) -> list[Loc]:
    """A number field given 2:00 or 01234 (YAML 1.1 reads 120 and 668): "put it in quotes"
    would make it text, which the field refuses; say which number to write. Returns the
    paths of the surprises inside ``base``: their values are not used."""
    found = []
    for loc in list(doc.surprises):
        if loc[: len(base)] != base:
            continue
        found.append(loc)
        if not _number_field(model, loc[len(base) :]):
            continue
        problem, value = doc.surprises[loc]
        raw = doc.plain_scalars.get(loc, "")
        if problem in doc.problems:
            why = (
                "it counts in sixties, as on a clock"
                if ":" in raw
                else "a number that starts with 0 is read in base 8"
                if raw.lstrip("+-").startswith("0")
                else "it is not a plain number"
            )
            better = replace(
                problem,
                message=(
                    f"{place_text(loc)} is a number{_unit(loc)}: YAML reads the unquoted {raw} "
                    f"as {value} ({why}): write the number you mean, as plain digits"
                ),
            )
            doc.problems[doc.problems.index(problem)] = better
            doc.surprises[loc] = (better, value)
    return found


def _droppable(model: type[Any], loc: Loc) -> Loc | None:
    """The innermost optional part of ``loc`` that can be left out so that the rest of the
    model still stands: an optional field (it falls back to its default) or an entry of a
    list; None when the error is in a required field of ``model`` itself."""
    found: Loc | None = None
    current: Any = model
    for i, part in enumerate(loc):
        if isinstance(part, int):
            found = tuple(loc[: i + 1])
            continue
        if not is_schema_class(current):
            break
        info = fields_of(current).get(part)
        if info is None:
            break
        if not info.is_required():
            found = tuple(loc[: i + 1])
        current = _find_model(info.annotation)
    return found


M = TypeVar("M")
MAX_ROUNDS = 8  # leaving out one field may break a rule that holds another: try again


def validate(
    doc: Document,
    model: type[M],
    data: Any,
    base: Loc = (),
    salvage: dict[str, Any] | None = None,
) -> M | None:
    """Validate ``data`` (found at ``base`` in ``doc``) as ``model``, degrading by field.

    Every problem goes onto the document. Unknown keys are warnings and are dropped. A field
    that is wrong but optional (a colour typo, a date in a tagline) is an error, and is left
    out (its default applies), as is a wrong entry of a list; the rest still loads. Returns the
    model, or None when a required key is missing or wrong (the whole thing cannot stand). With
    ``salvage`` (a file of settings), a required key that is wrong takes the value given there.
    """
    surprises = _reword_surprises(doc, model, base)
    try:
        valid = validate_as(model, data)
        if not surprises:
            return valid
        errors: list[ErrorDetails] = []
    except ValidationError as exc:
        errors = errors_of(exc)
    extra = [e for e in errors if e["type"] == "extra_forbidden"]
    real = [e for e in errors if e["type"] != "extra_forbidden"]
    for err in extra:
        if doc.warnings_full:  # counted without the "did you mean" search, the slow part
            doc.hidden_warnings += 1
            continue
        loc = (*base, *err["loc"])
        key = loc[-1]
        owner = _model_at(model, err["loc"][:-1])
        msg = f"unknown key '{key}'"
        parent = place_text(loc[:-1])
        if parent:
            msg += f" in {parent}"
        if owner is not None:
            close = difflib.get_close_matches(str(key), list(fields_of(owner)), n=1)
            if close:
                msg += f" (did you mean '{close[0]}'?)"
        doc.problem(loc, msg + "; it is ignored", Severity.WARNING)
    # a value the YAML layer refused (a tag) or misread (2:00) is already reported where it is
    said = [*doc.refused, *surprises]
    for err in real:
        loc = (*base, *err["loc"])
        if any(loc[: len(r)] == r for r in said):
            continue
        prefer_key = not (err["loc"] and isinstance(err["loc"][-1], int))
        if err["type"] == "missing":
            loc = loc[:-1]
        doc.problem(loc, sentence(doc, model, err, base), prefer_key=prefer_key)
    data = _without(data, [tuple(e["loc"]) for e in extra])
    bad = [tuple(e["loc"]) for e in real] + [
        loc[len(base) :] for loc in surprises if loc[len(base) :]
    ]
    for _round in range(MAX_ROUNDS):
        if not bad:
            break
        drops: list[Loc] = []
        for loc in bad:
            drop = _droppable(model, loc)
            if drop is None and salvage and loc and loc[0] in salvage and isinstance(data, dict):
                data = {**data, loc[0]: salvage[loc[0]]}
                continue
            if drop is None:
                return None
            drops.append(drop)
        data = _without(data, drops)
        try:
            return validate_as(model, data)
        except ValidationError as exc:  # what is left may break a rule: leave out more
            bad = [tuple(e["loc"]) for e in errors_of(exc) if e["type"] != "extra_forbidden"]
    try:
        return validate_as(model, data)
    except ValidationError:
        return None


def _without(data: Any, locs: list[Loc]) -> Any:
    """A copy of ``data`` with the entries at ``locs`` removed."""
    if not locs:
        return data
    # grouped by their first step once: 100,000 unknown keys cost one pass, not one per entry
    drop: set[str | int] = set()
    deeper: dict[str | int, list[Loc]] = {}
    for loc in locs:
        if len(loc) == 1:
            drop.add(loc[0])
        elif loc:
            deeper.setdefault(loc[0], []).append(loc[1:])
    if isinstance(data, dict):
        return {k: _without(v, deeper.get(k, [])) for k, v in data.items() if k not in drop}
    if isinstance(data, list):
        return [_without(v, deeper.get(i, [])) for i, v in enumerate(data) if i not in drop]
    return data
