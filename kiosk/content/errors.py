"""Problems found in content files: one line each, ``file:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
