"""Text in one or several languages, and the small value types of the schema."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import PydanticCustomError

MAX_TEXT = 5000  # characters in one text (the longest quote of the default gallery has 859)
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _error(kind: str, message: str, ctx: dict[str, Any] | None = None) -> PydanticCustomError:
    """A validation error of the schema (pydantic is loaded only when something is validated)."""
    from pydantic_core import PydanticCustomError  # noqa: PLC0415

    return PydanticCustomError(kind, message, ctx)


def _plain_validator(fn: Any) -> Any:
    from pydantic_core import core_schema  # noqa: PLC0415

    return core_schema.no_info_plain_validator_function(fn)


def kind_of(value: Any) -> str:
    """How a YAML value reads to an author: 'a list', 'true/false', 'a number'..."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys to values"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    return "a " + type(value).__name__


def shown(value: Any) -> str:
    """A value from a YAML file as the author would write it, never Python's own spelling:
    False -> 'false', a date -> 2019-05-07, None -> 'nothing', text -> 'text' in quotes."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value}"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value}'"
    return kind_of(value)


@dataclass(frozen=True)
class LocalText:
    """A text with one value per language, or one language-neutral value (key '')."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls((("", text),))

    def get(self, lang: str | None = None, default_lang: str | None = None) -> str:
        """The text in ``lang``, else in the default language, else the first one given."""
        table = dict(self.values)
        for key in ("", lang, default_lang):
            if key is not None and key in table:
                return table[key]
        return self.values[0][1]

    def language_shown(
        self, lang: str | None = None, default_lang: str | None = None
    ) -> str | None:
        """The language of the value ``get`` returns for the same arguments; None for a
        language-neutral (plain) text."""
        keys = [k for k, _ in self.values]
        for key in ("", lang, default_lang):
            if key is not None and key in keys:
                return key or None
        return keys[0] or None

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages given (none for a plain text); kept, as every load asks each text."""
        return tuple(k for k, _ in self.values if k)

    def __str__(self) -> str:
        return self.values[0][1]

    def __iter__(self) -> Iterator[str]:
        return (v for _, v in self.values)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return _plain_validator(cls._validate)

    @classmethod
    def _validate(cls, value: Any) -> LocalText:
        if isinstance(value, LocalText):
            return value
        if isinstance(value, str):
            if not value.strip():
                raise _error("text_empty", "is empty")
            _check_length(value.strip())
            return cls.plain(value.strip())
        if isinstance(value, dict):
            if not value:
                raise _error("text_empty", "is an empty language map")
            if len(value) == 1:
                ((key, text),) = value.items()
                # (a lower-case word alone, `english:` or `sp:`, or a code in capitals, `EN:`, is
                # a language code gone wrong)
                if (
                    isinstance(key, str)
                    and isinstance(text, str)
                    and not re.fullmatch(r"[a-z_-]+", key)
                    and not LANG_RE.match(key.lower())
                ):
                    # `- Lesson: ask first`: text with ': ' in it, read as a key and its value
                    raise _error(
                        "text_colon",
                        "contains ': ' ({key}: {text}), which YAML reads as a key and its value",
                        {"key": key, "text": text},
                    )
            items = []
            for lang, text in value.items():
                if not isinstance(lang, str) or not LANG_RE.match(lang):
                    raise _error(
                        "text_lang",
                        "has '{lang}', which is not a language code like en or fr",
                        {"lang": lang},
                    )
                if not isinstance(text, str):
                    raise _error(
                        "text_type",
                        "in '{lang}' must be text, not {kind}",
                        {"lang": lang, "kind": kind_of(text)},
                    )
                if not text.strip():
                    raise _error("text_empty", "in '{lang}' is empty", {"lang": lang})
                _check_length(text.strip(), lang)
                items.append((lang, text.strip()))
            return cls(tuple(items))
        raise _error("text_type", "must be text, not {kind}", {"kind": kind_of(value)})


def _check_length(text: str, lang: str | None = None) -> None:
    if len(text) > MAX_TEXT:
        where = f" in '{lang}'" if lang else ""
        raise _error(
            "text_long",
            "{where} is {n} characters long, over the limit of {limit} for one text",
            {"where": where, "n": f"{len(text):,}", "limit": f"{MAX_TEXT:,}"},
        )


def _pattern_type(name: str, regex: re.Pattern[str], what: str) -> Any:
    def validate(value: Any) -> str:
        if not isinstance(value, str):
            raise _error(
                f"{name}_type", "must be " + what + ", not {kind}", {"kind": kind_of(value)}
            )
        if not regex.match(value):
            raise _error(f"{name}_format", "'{value}' is not " + what, {"value": value})
        return value

    class _T(str):
        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
            return _plain_validator(validate)

    _T.__name__ = name
    return _T


Id = _pattern_type("Id", ID_RE, "an id of lower-case letters, digits and hyphens")
LangCode = _pattern_type("LangCode", LANG_RE, "a language code like en or fr")
Colour = _pattern_type("Colour", COLOUR_RE, "a colour like #1de9b6")


MAX_LINK = 300  # characters: a longer address makes a QR code too dense to scan from a poster


class Link(str):
    """A web address a visitor may take home (shown as a QR code): http or https only, with
    a host, no spaces, no user name or password in it."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return _plain_validator(cls._validate)

    @classmethod
    def _validate(cls, value: Any) -> Link:
        if not isinstance(value, str):
            raise _error("link_type", "must be a web address, not {kind}", {"kind": kind_of(value)})
        text = value.strip()
        if not text:
            raise _error("link_empty", "is empty")
        if len(text) > MAX_LINK:
            raise _error(
                "link_long",
                "is {n} characters long, over the limit of {limit}: a QR code that long is too "
                "dense to scan from a poster; use a shorter address",
                {"n": f"{len(text):,}", "limit": MAX_LINK},
            )
        if any(c.isspace() or ord(c) < 32 for c in text):
            raise _error(
                "link_space", "'{value}' has a space in it: a web address has none", {"value": text}
            )
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if parts is None or parts.scheme.lower() not in ("http", "https"):
            raise _error(
                "link_scheme",
                "'{value}' is not a web address: it must begin with https:// or http://",
                {"value": text},
            )
        if not host:
            raise _error(
                "link_host",
                "'{value}' has no site name after {scheme}://",
                {"value": text, "scheme": parts.scheme},
            )
        if parts.username is not None or parts.password is not None:
            raise _error(
                "link_credentials",
                "'{value}' has a user name or password in it: give the public address",
                {"value": text},
            )
        return cls(text)


@dataclass(frozen=True)
class Artwork:
    """An artwork path as the author wrote it, and the file it was found at (None: not found)."""

    source: str
    path: Any = None  # pathlib.Path once resolved by the loader

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return _plain_validator(cls._validate)

    @classmethod
    def _validate(cls, value: Any) -> Artwork:
        if isinstance(value, Artwork):
            return value
        if not isinstance(value, str):
            raise _error(
                "artwork_type", "must be a file path, not {kind}", {"kind": kind_of(value)}
            )
        if not value.strip():
            raise _error("artwork_empty", "is empty")
        return cls(value.strip())


class FactValue:
    """A fact's big value: a number, or text (``"2,500"``, ``77 million``, ``20%``)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return _plain_validator(cls._validate)

    @staticmethod
    def _validate(value: Any) -> int | float | LocalText:
        if isinstance(value, bool) or not isinstance(value, int | float | str | dict):
            raise _error(
                "fact_value_type", "must be a number or text, not {kind}", {"kind": kind_of(value)}
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise _error("fact_value_finite", "must be a finite number")
        if isinstance(value, int | float):
            return value
        return LocalText._validate(value)
