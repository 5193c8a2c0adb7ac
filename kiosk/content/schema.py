"""Validating YAML data into the content model with pydantic (the model itself, in
kiosk.content.model, is plain frozen dataclasses and never imports pydantic).

Only ``kiosk validate``, ``kiosk doctor``, live reload and a start-up whose content changed load
this module (and pydantic with it): a start with unchanged content reads its cache instead.

pydantic validates a dataclass as it would a model of the same fields, with two names of its own
for two errors; :func:`errors_of` gives them the model's names (``extra_forbidden`` for an
unknown key, ``model_type`` for a value that is not a mapping), so every message reads the same.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, core_schema

if TYPE_CHECKING:
    # (the model's classes are never imported here: the model imports this module to validate)
    Rule = tuple[bool, tuple[str, ...], str]

S = TypeVar("S")

# pydantic's names for errors of a dataclass -> its names for the same errors of a model
_RENAMED = {
    "unexpected_keyword_argument": "extra_forbidden",
    "dataclass_type": "model_type",
    "dataclass_exact_type": "model_type",
}


def schema_of(cls: type[Any], source: Any, handler: Any) -> Any:
    """The dataclass's own schema, with its ``_before`` and ``_rules`` around it."""
    schema = handler(source)
    before = cls.__dict__.get("_before")
    rules = cls.__dict__.get("_rules")
    if before is None and rules is None:
        return schema
    # the class's definition (its "ref", which pydantic uses again wherever the class appears,
    # a tuple of sections say) must be the checked schema, not the bare one inside it
    ref = schema.pop("ref", None)
    if rules is not None:
        names = frozenset(f.name for f in dataclasses.fields(cls))

        def checked(value: Any, inner: Any) -> Any:
            obj = inner(value)
            given = names & set(value) if isinstance(value, dict) else names
            check_rules(obj, given, obj._rules())
            return obj

        schema = core_schema.no_info_wrap_validator_function(checked, schema)
    if before is not None:
        schema = core_schema.no_info_before_validator_function(cls._before, schema)
    if ref is not None:
        schema["ref"] = ref
    return schema


def check_rules(obj: Any, given: typing.AbstractSet[str], rules: list[Rule]) -> None:
    """Rules across fields, all checked at once: each broken rule is an error of its own, at
    the first of its fields that the file gives (else the first), so that the author sees
    every one at its line in one run. ``rules``: (broken, fields, message)."""
    errors = [
        InitErrorDetails(
            type=PydanticCustomError("rule", message),
            loc=(field := next((f for f in fields if f in given), fields[0]),),
            input=getattr(obj, field),
        )
        for broken, fields, message in rules
        if broken
    ]
    if errors:
        raise ValidationError.from_exception_data(type(obj).__name__, errors)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def validate(cls: type[S], data: Any) -> S:
    """``data`` validated into ``cls``; pydantic's ValidationError when it is not valid."""
    found = _ADAPTERS.get(cls)
    if found is None:
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    result: S = found.validate_python(data)
    return result


def errors_of(exc: ValidationError) -> list[ErrorDetails]:
    """The errors of ``exc``, with the names a model would give them."""
    errors = exc.errors(include_url=False)
    for err in errors:
        if err["type"] in _RENAMED:
            err["type"] = _RENAMED[err["type"]]
    return errors


class FieldInfo(NamedTuple):
    """One field of a schema class: its type (with its constraints) and whether it is required."""

    annotation: Any
    required: bool

    def is_required(self) -> bool:
        return self.required


def is_schema_class(obj: Any) -> bool:
    """Whether ``obj`` is a class of the content model (kiosk.content.model's ``Strict``)."""
    return (
        isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and hasattr(obj, "__get_pydantic_core_schema__")
    )


_FIELDS: dict[type, dict[str, FieldInfo]] = {}


def fields_of(cls: type[Any]) -> dict[str, FieldInfo]:
    """The fields of a schema class, by name, in order."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        found = _FIELDS[cls] = {
            f.name: FieldInfo(
                hints[f.name],
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(cls)
        }
    return found
