"""YAML syntax errors in plain words: what went wrong on the line, and what to type instead.

PyYAML words its errors for people who know its grammar ("mapping values are not allowed
here", "expected <block end>, but found '-'"). An organiser needs the line, the spot, and the
fix: "this title contains ': ': put the whole title in quotes, title: "Lisbon: a city"". Each
function here looks at the parser's error and the source line, and returns the position and
the sentence; a mistake it does not recognise keeps the parser's words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[^\s:#'\"][^:#]*?):(?:[ ]|$)")


class Explained(NamedTuple):
    line: int  # from 1
    col: int  # from 1
    message: str


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def quoted(text: str) -> str:
    """``text`` as a YAML value in quotes: double ones, or single ones when it has a " or \\."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _above(lines: list[str], line: int) -> int | None:
    """The index of the nearest line above ``line`` with something on it (not a comment)."""
    for i in range(line - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Explained | None:
    """The plain-word explanation of ``exc`` for a text of ``lines``, or None."""
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    line, col = mark.line, mark.column
    text = lines[line] if line < len(lines) else ""
    if problem == "mapping values are not allowed here":
        return _colon_in_value(lines, line, col, text)
    if problem.startswith("expected <block end>, but found"):
        return _bad_indent(exc, lines, line, col, text)
    if problem.startswith("found unknown escape character"):
        return _escape(exc, lines, line, col, problem)
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        return _no_colon(lines, exc.context_mark.line)
    flow = exc.context or ""
    if flow.startswith("while parsing a flow") and exc.context_mark is not None:
        start = exc.context_mark
        what, opening, closing = ("list", "[", "]") if "sequence" in flow else ("mapping", "{", "}")
        return Explained(
            start.line + 1,
            start.column + 1,
            f"the {what} that starts with {opening} here is not closed, or its entries are not "
            f"separated by commas: end it with {closing} on the same line, and put an entry "
            "that holds a comma, a colon or a bracket in quotes",
        )
    if problem == "found unexpected end of stream" and "quoted scalar" in (exc.context or ""):
        start = exc.context_mark or mark
        opened = (
            lines[start.line][start.column : start.column + 1] if start.line < len(lines) else ""
        )
        quote = "'" if opened == "'" else '"'
        return Explained(
            start.line + 1,
            start.column + 1,
            f"the text that starts with {quote} here has no closing {quote}: "
            f"add {quote} at the end of the text",
        )
    return None


def _colon_in_value(lines: list[str], line: int, col: int, text: str) -> Explained:
    m = _KEY.match(text)
    if m and m.end() <= col:
        # "title: Lisbon: a city": a ': ' inside the value
        key = m.group("key").strip()
        value = text[m.end() :].strip()
        return Explained(
            line + 1,
            col + 1,
            f"this {key} contains ': ', which YAML reads as the start of another key: "
            f"put the whole {key} in quotes, {key}: {quoted(value)}",
        )
    above = _above(lines, line)
    if m and above is not None and _indent(text) > _indent(lines[above]):
        prev = _KEY.match(lines[above])
        if prev and lines[above][prev.end() :].strip():
            column = _indent(lines[above]) + 1 + len(prev.group("dash") or "")
            return Explained(
                line + 1,
                _indent(text) + 1,
                f"this line is indented more than line {above + 1}, which already has its "
                f"value: start '{m.group('key').strip()}' in column {column}, under "
                f"'{prev.group('key').strip()}'",
            )
    return Explained(
        line + 1,
        col + 1,
        "a ': ' here cannot start a key: if it belongs to the text of the line above, "
        "put that whole text in quotes; if it is a new key, indent it like the keys above it",
    )


def _bad_indent(
    exc: yaml.MarkedYAMLError, lines: list[str], line: int, col: int, text: str
) -> Explained:
    problem = exc.problem or ""
    before = text[:col].rstrip()
    if problem.endswith("'<scalar>'") and before.endswith(('"', "'")):
        # text: "He said "hello" to me": the quotes end at the second "
        quote = before[-1]
        m = _KEY.match(text)
        value = text[m.end() :].strip() if m else text.strip()
        inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
        fix = f"{m.group('key').strip()}: " if m else ""
        if quote == '"':
            again, kind = "'" + inner.replace("'", "''") + "'", "single"
        else:
            again, kind = '"' + inner.replace('"', '\\"') + '"', "double"
        return Explained(
            line + 1,
            col + 1,
            f"the text in quotes ends at the {quote} before column {col + 1}, and more text "
            f"follows it: put the whole text in {kind} quotes, {fix}{again}",
        )
    if "'<block sequence start>'" in problem or problem.endswith("'-'"):
        # a '- ' entry out of line with the entries above it
        for i in range(line - 1, -1, -1):
            stripped = lines[i].lstrip(" ")
            if stripped.startswith("- ") or stripped == "-":
                return Explained(
                    line + 1,
                    col + 1,
                    f"this '-' is in column {col + 1}, but the entry on line {i + 1} starts "
                    f"in column {_indent(lines[i]) + 1}: start every '-' of a list in the "
                    "same column",
                )
    m, above = _KEY.match(text), _above(lines, line)
    prev = _KEY.match(lines[above]) if above is not None else None
    if m and prev and above is not None and not m.group("dash"):
        column = len(prev.group("indent")) + len(prev.group("dash") or "") + 1
        return Explained(
            line + 1,
            col + 1,
            f"this line is not indented like the lines above it: to go with "
            f"'{prev.group('key').strip()}' on line {above + 1}, start "
            f"'{m.group('key').strip()}' in column {column}",
        )
    if text.lstrip(" ").startswith("-"):
        return Explained(
            line + 1,
            col + 1,
            "this '- ' entry is not under a key: put it under the key of its list, indented "
            "more than that key",
        )
    start = exc.context_mark
    where = (
        f": start it in column {start.column + 1}, like line {start.line + 1}"
        if start is not None
        else ""
    )
    return Explained(
        line + 1,
        col + 1,
        f"this line is not indented like the lines above it{where}, or put a text that "
        "goes on over several lines in quotes",
    )


def _escape(
    exc: yaml.MarkedYAMLError, lines: list[str], line: int, col: int, problem: str
) -> Explained:
    char = problem.rsplit(" ", 1)[-1].strip("'")
    start = exc.context_mark
    fix = ""
    if start is not None and start.line < len(lines):
        rest = lines[start.line][start.column + 1 :]
        end = rest.find('"')
        value = rest[:end] if end >= 0 else rest
        if "\\" in value:
            fix = f' ("{value.replace(chr(92), "/")}")'
    return Explained(
        line + 1,
        col + 1,
        f"inside double quotes a backslash starts a special character, and \\{char} is not "
        f"one: in a file path write / instead of \\{fix}; for a real backslash, put the "
        "text in single quotes",
    )


def _no_colon(lines: list[str], line: int) -> Explained:
    text = lines[line] if line < len(lines) else ""
    m = re.match(r"^([ ]*(?:-[ ]+)?)([\w-]+):(\S.*)$", text)
    if m:
        return Explained(
            line + 1,
            len(m.group(1)) + len(m.group(2)) + 2,
            f"a key needs a space after its colon: write {m.group(2)}: {m.group(3).strip()}",
        )
    return Explained(
        line + 1,
        _indent(text) + 1,
        "this line is neither a 'key: value' nor a '- ' entry: if it goes on from the text "
        "above, indent it more than that text's key, or put the whole text in quotes",
    )
