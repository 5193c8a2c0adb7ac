"""notes.yaml: the presenter's speaker notes, one text per poster, by poster id.

The notes live in a file of their own (not in the poster files) so that the console's notes can
be written, translated and reviewed apart from what the audience sees. Each value is a
``LocalText`` (plain text, or one text per language). A key that names no poster is an error at
its line, and that note is left out; the rest still load.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kiosk.content.errors import Severity
from kiosk.content.text import ID_RE, LocalText, kind_of
from kiosk.content.yamlsafe import Document

NOTES_FILE = "notes.yaml"
_TEXT = TypeAdapter(LocalText)


def notes_from(doc: Document, poster_ids: Collection[str]) -> dict[str, LocalText]:
    """The valid notes of a parsed notes.yaml; every problem goes onto ``doc`` with its line."""
    data: Any = doc.data
    if data is None:  # an empty file: no notes
        return {}
    if not isinstance(data, dict):
        doc.problem(
            (),
            "notes.yaml must be a mapping of poster ids to notes, not " + kind_of(data),
        )
        return {}
    notes: dict[str, LocalText] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not ID_RE.match(key):
            doc.problem((key,), f"'{key}' is not a poster id (lower-case letters, digits, hyphens)")
            continue
        if key not in poster_ids:
            doc.problem((key,), f"'{key}' names no poster: these notes are not shown")
            continue
        if value is None:
            doc.problem((key,), f"the notes of '{key}' are empty", Severity.WARNING)
            continue
        try:
            notes[key] = _TEXT.validate_python(value)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            doc.problem((key,), f"the notes of '{key}' {err['msg'].strip()}", prefer_key=False)
    return notes


def points(text: str) -> list[str]:
    """A note's talking points: its paragraphs (a blank line starts a new one), each on one
    line."""
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in paragraphs if p]
