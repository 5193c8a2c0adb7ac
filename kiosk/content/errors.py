"""Problems found in content files: one line each, ``file:line:col: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

MAX_MESSAGE = 400  # characters: a message quotes the author's value, which may be huge
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` safe to print on one line of a terminal or a log: control characters (newlines,
    escape sequences) and bidi overrides written as escapes, and a long middle cut out."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI for c in text):
        text = "".join(
            c.encode("unicode_escape").decode("ascii")
            if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI
            else c
            for c in text
        )
    if len(text) > limit:
        keep = (limit - 1) // 2
        text = text[:keep] + "…" + text[-keep:]
    return text


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, with the position of the YAML node at fault.

    ``file`` is relative to the content folder (``posters/seoul.yaml``); ``line`` and ``col``
    count from 1, and are 0 when the problem concerns the file as a whole.
    """

    file: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # one problem, one line: a value quoted from the file may hold newlines or be 1 MB long
        clean = one_line(self.message)
        if clean != self.message:
            object.__setattr__(self, "message", clean)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col}"
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.message}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
