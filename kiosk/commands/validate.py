"""``kiosk validate``: every problem of a content folder, one line each, then a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kiosk import paths
from kiosk.content.loader import load_gallery

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def run(content_dir: str | None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    folder = paths.content_dir(content_dir)
    refused = paths.content_problem(folder)
    if refused is not None:
        # missing or not a folder: the command line is wrong; there but unreadable: the content
        print(f"kiosk validate: {refused}", file=err)
        return EXIT_ERRORS if refused.unreadable else EXIT_USAGE
    result = load_gallery(folder, paths.assets_dir())
    origin = "the folder given" if content_dir else paths.content_origin(None)
    print(f"content: {paths.escape_path(_shown(folder))} ({origin})", file=out)
    for problem in result.problems:
        print(problem, file=out)
    print(result.summary(), file=out)
    return EXIT_OK if result.ok else EXIT_ERRORS


def _shown(folder: Path) -> str:
    try:
        return str(folder.relative_to(Path.cwd()))
    except ValueError:
        return str(folder)
