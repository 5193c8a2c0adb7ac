"""Problems found in content files: one line each, ``file:line:col: message``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

MAX_MESSAGE = 400  # characters: a message quotes the author's value, which may be huge
EXCERPT = 100  # characters of a source line shown under a problem
MAX_WARNINGS = 20  # per file: the first ones show where the trouble is; the rest are counted
# explicit embeddings, overrides and isolates (they reorder what follows them on the line) and the
# invisible direction marks: written as escapes so a line reads as the bytes it holds
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# a data: URI with a long payload (an SVG's embedded picture, quoted back by Qt): the payload says
# nothing to a reader and can be megabytes, written into the log at every decode
_DATA_URI = re.compile(
    r"(data:[\w.+-]*/?[\w.+-]*(?:;[\w.+-]+(?:=[\w.+-]+)?)*),([A-Za-z0-9+/=%_-]{48,})"
)


def _unsafe(c: str) -> bool:
    """C0 and C1 controls, DEL, line and paragraph separators, bidi controls."""
    return unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI


def size_text(n: int) -> str:
    """1234567 -> '1.2 MB' (decimal units, as file managers show them)."""
    for unit, step in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} bytes"


def _data_summary(m: re.Match[str]) -> str:
    payload = m.group(2)
    base64 = ";base64" in m.group(1).lower()
    size = len(payload) * 3 // 4 if base64 else len(payload)
    return f"{m.group(1)},… ({size_text(size)})"


def escape(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``,
    ``\\u202e``) and long ``data:`` URIs summarised: what a content file names (a file name, a
    key, a value) then cannot clear or recolour a terminal, nor start a forged line in a log."""
    if "data:" in text:
        text = _DATA_URI.sub(_data_summary, text)
    if any(_unsafe(c) for c in text):
        text = "".join(
            c.encode("unicode_escape").decode("ascii") if _unsafe(c) else c for c in text
        )
    return text


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` safe to print on one line of a terminal or a log (see :func:`escape`), with a long
    middle cut out."""
    text = escape(text)
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
    # "and N more warnings in this file": the line stands for N warnings left unsaid
    hidden: int = 0
    # a follow-on: the file whose errors caused it; it is listed right after that file's own
    after: str = ""
    # the source line the problem is on, shown under it with a caret at the column (YAML
    # syntax errors: the spot matters more than the words)
    excerpt: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # one problem, one line: a value quoted from the file may hold newlines or be 1 MB long
        clean = one_line(self.message)
        if clean != self.message:
            object.__setattr__(self, "message", clean)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def pointed(self, indent: str = "    ") -> str:
        """The source line and a caret under the column, or '' without an excerpt."""
        if not self.excerpt or not self.col:
            return ""
        text, at = escape(self.excerpt.replace("\t", " ")), self.col - 1
        if len(text) > EXCERPT:  # a long line: the part around the column
            start = max(0, min(at - EXCERPT // 2, len(text) - EXCERPT))
            text, at = text[start : start + EXCERPT], at - start
        return f"{indent}{text}\n{indent}{' ' * min(at, len(text))}^"

    def __str__(self) -> str:
        where = one_line(self.file)  # a file name is the author's text too
        if self.line:
            where += f":{self.line}:{self.col}"
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.message}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
