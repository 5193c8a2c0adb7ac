"""What a load of the content folder gives: the gallery, every problem found, the texts that lack
a translation. Light on purpose (no pydantic, no YAML): the start-up's content cache
(:mod:`kiosk.content.cache`) rebuilds a result without loading the schema's validator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from kiosk.content.errors import Problem, one_line, plural

if TYPE_CHECKING:
    from kiosk.content.model import Gallery
    from kiosk.content.yamlsafe import Document


class MissingTranslation(NamedTuple):
    """One text without a translation into one language, where the author finds it; sorted
    by file, line, field and language."""

    file: str
    line: int
    field: str
    lang: str

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}: {self.field}"


def coverage(
    missing: tuple[MissingTranslation, ...] | list[MissingTranslation], languages: tuple[str, ...]
) -> dict[str, int]:
    """How many texts lack each language, for every language of the gallery (0 when none)."""
    counts = Counter(m.lang for m in missing)
    return {lang: counts[lang] for lang in languages}


def trouble_text(shown: int, left_out: int) -> str:
    """'posters with errors: 1 shown, 1 left out', or '' when none has errors."""
    if not shown + left_out:
        return ""
    return f"posters with errors: {shown} shown, {left_out} left out"


@dataclass
class LoadResult:
    """The gallery that could be loaded, and every problem found."""

    gallery: Gallery
    problems: list[Problem] = field(default_factory=list)
    # every file read, by name, with its map from data path to line (``keep_documents``): what
    # ``kiosk doctor`` points its findings with; empty otherwise (the app keeps no marks alive)
    documents: dict[str, Document] = field(default_factory=dict)
    # each text without a translation into one of the gallery's languages (none when it has one)
    missing_translations: tuple[MissingTranslation, ...] = ()
    # poster files with errors: shown all the same (without their wrong fields), and left out
    posters_shown_with_errors: int = 0
    posters_left_out: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def translation_coverage(self) -> dict[str, int]:
        """Texts missing per language of the gallery; empty for a gallery in one language."""
        languages = self.gallery.settings.languages
        return coverage(self.missing_translations, languages) if len(languages) > 1 else {}

    def summary(self) -> str:
        g = self.gallery
        # the "and N more warnings" line of a file stands for the N warnings it did not list
        warnings = sum(p.hidden or 1 for p in self.warnings)
        return (
            f"{plural(len(g.posters), 'poster')}, {plural(len(g.quotes), 'quote')}: "
            f"{plural(len(self.errors), 'error')}, {plural(warnings, 'warning')}"
            + self.poster_trouble()
        )

    def poster_trouble(self) -> str:
        """'; posters with errors: 1 shown, 1 left out', or '' when none has errors."""
        text = trouble_text(self.posters_shown_with_errors, self.posters_left_out)
        return f"; {text}" if text else ""
