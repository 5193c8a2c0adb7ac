"""Turning pydantic's validation errors into plain sentences at the right line.

Pydantic reports each error with a path (``('facts', 2, 'value')``) and a type; the document
knows where each path stands in the file. Unknown keys become warnings with a "did you mean".
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kiosk.content.errors import Severity
from kiosk.content.text import COLOUR_RE, ID_RE, LANG_RE, kind_of
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
    """('facts', 2, 'value') -> 'facts[2].value'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at ``loc`` is validated against."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _find_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _find_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
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
        f"{path} must be text, but the unquoted {raw} was read as {kind_of(value)} "
        f'({value!r}): put it in quotes, "{raw}"'
    )


def sentence(doc: Document, model: type[BaseModel], err: ErrorDetails, base: Loc) -> str:
    """One plain sentence for one pydantic error (without the file position)."""
    loc = (*base, *err["loc"])
    kind = err["type"]
    value = err.get("input")
    path = path_text(loc) or "the file"
    ctx = err.get("ctx") or {}
    if kind == "missing":
        parent = path_text(loc[:-1])
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
                ", ".join(options[:4]) + f" or another of the {len(options)} values "
                "listed in docs/content.md"
            )
        msg = f"{path} must be one of {expected}, not {value!r}"
        close = difflib.get_close_matches(str(value), options, n=1)
        if close:
            msg += f" (did you mean '{close[0]}'?)"
        return msg
    if kind in _EXPECTED:
        if value is None:
            return f"{path} is empty: give {_EXPECTED[kind]}"
        return f"{path} must be {_EXPECTED[kind]}, not {kind_of(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{path} must be at least {ctx.get('ge', ctx.get('gt'))}, not {value!r}"
    if kind in ("less_than_equal", "less_than"):
        return f"{path} must be at most {ctx.get('le', ctx.get('lt'))}, not {value!r}"
    if kind == "too_short":
        return f"{path} needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"{path} may have at most {ctx.get('max_length')} items"
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


M = TypeVar("M", bound=BaseModel)


def validate(
    doc: Document,
    model: type[M],
    data: Any,
    base: Loc = (),
    salvage: dict[str, Any] | None = None,
) -> M | None:
    """Validate ``data`` (found at ``base`` in ``doc``) as ``model``.

    Every problem goes onto the document. Unknown keys are warnings and are dropped, so a typo
    in an optional key does not cost the author the whole poster. Returns the model instance, or
    None when there were errors. With ``salvage`` (a file of settings), the top-level keys with
    errors fall back to their defaults (``salvage`` gives values for required ones) and the
    rest still applies.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
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
        parent = path_text(loc[:-1])
        if parent:
            msg += f" in {parent}"
        if owner is not None:
            close = difflib.get_close_matches(str(key), list(owner.model_fields), n=1)
            if close:
                msg += f" (did you mean '{close[0]}'?)"
        doc.problem(loc, msg + "; it is ignored", Severity.WARNING)
    # a value the YAML layer refused (a tag) is already reported where it stands
    real = [e for e in real if not any((*base, *e["loc"])[: len(r)] == r for r in doc.refused)]
    for err in real:
        loc = (*base, *err["loc"])
        prefer_key = not (err["loc"] and isinstance(err["loc"][-1], int))
        if err["type"] == "missing":
            loc = loc[:-1]
        doc.problem(loc, sentence(doc, model, err, base), prefer_key=prefer_key)
    data = _without(data, [tuple(e["loc"]) for e in extra])
    if real:
        if salvage is None or not isinstance(data, dict):
            return None
        bad = {e["loc"][0] for e in real if e["loc"]}
        data = {**salvage, **{k: v for k, v in data.items() if k not in bad}}
    try:
        return model.model_validate(data)
    except ValidationError:  # salvage failed too (a rule across fields): the caller's default
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
        return [_without(v, deeper.get(i, [])) for i, v in enumerate(data)]
    return data
