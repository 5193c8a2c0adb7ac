"""``kiosk validate``: every problem of a content folder, one line each, the translations
missing per language, then a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from kiosk import paths
from kiosk.content.errors import Problem
from kiosk.content.languages import coverage_text
from kiosk.content.loader import LoadResult, load_gallery

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_qt: list[object] = []  # the Qt application the glyph check started, if it started one


def run(
    content_dir: str | None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    lang: str | None = None,
) -> int:
    """Check the folder; with ``lang``, list each text with no translation into it."""
    folder = paths.content_dir(content_dir)
    refused = paths.content_problem(folder)
    if refused is not None:
        # missing or not a folder: the command line is wrong; there but unreadable: the content
        print(f"kiosk validate: {refused}", file=err)
        return EXIT_ERRORS if refused.unreadable else EXIT_USAGE
    result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
    result.problems += _glyph_warnings(result)
    languages = result.gallery.settings.languages
    if lang is not None and lang not in languages:
        print(
            f"kiosk validate: --lang {paths.escape_path(lang)} is not one of the gallery's "
            f"languages ({', '.join(languages)}, in gallery.yaml)",
            file=err,
        )
        return EXIT_USAGE
    origin = "the folder given" if content_dir else paths.content_origin(None)
    print(f"content: {paths.escape_path(_shown(folder))} ({origin})", file=out)
    for problem in result.problems:
        print(problem, file=out)
        if pointed := problem.pointed():  # a syntax error: the line, a caret at the spot
            print(pointed, file=out)
    for missing in result.missing_translations:
        if missing.lang == lang:
            print(missing, file=out)
    counts = result.translation_coverage()
    if counts:
        print(coverage_text(counts), file=out)
    print(result.summary(), file=out)
    return EXIT_OK if result.ok else EXIT_ERRORS


def _glyph_warnings(result: LoadResult) -> list[Problem]:
    """Text the app's fonts cannot show: measured with Qt's own text layout, in a Qt application
    started here (offscreen on Linux; no window opens) unless one is running already."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        if sys.platform.startswith("linux"):
            # offscreen: the same fonts and fallbacks as a display (fontconfig's), and no
            # display needed (a platform set for a display that is not there aborts)
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # a plain application: nothing runs on another thread here, so the gallery's
        # arrangements for the garbage collector (startup.get_app) are not needed
        _qt.append(QApplication([sys.argv[0]]))  # kept: dropped, it would be deleted
    from kiosk import theme
    from kiosk.ui.glyphs import gallery_glyph_warnings

    theme.load_fonts(paths.assets_dir() / "fonts")
    return gallery_glyph_warnings(result)


def _shown(folder: Path) -> str:
    try:
        return str(folder.relative_to(Path.cwd()))
    except ValueError:
        return str(folder)
