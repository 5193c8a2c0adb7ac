"""``kiosk new DIR [--lang en,fr,es]``: a commented starter gallery to copy from.

It writes gallery.yaml, three posters, quotes.yaml, fishbowl.yaml and a placeholder picture
(``kiosk.content.starter``) into a new or empty folder, never over an author's files, then says
what to do next."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kiosk import paths
from kiosk.content.starter import StarterError, parse_languages, starter_files, starter_pictures

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run(
    folder_name: str, lang_text: str, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout  # looked up now: a caller may have replaced them
    err = err or sys.stderr
    try:
        languages = parse_languages(lang_text)
    except StarterError as exc:
        print(f"kiosk new: {exc}", file=err)
        return EXIT_USAGE
    folder = Path(folder_name)
    shown = paths.escape_path(str(folder))
    if folder.exists() and not folder.is_dir():
        print(f"kiosk new: {shown} is a file, not a folder: give a new folder's name", file=err)
        return EXIT_USAGE
    if folder.is_dir() and any(folder.iterdir()):
        print(
            f"kiosk new: {shown} is not empty: give a new folder's name (nothing was written, "
            "so no file of yours was replaced)",
            file=err,
        )
        return EXIT_USAGE
    files = {**starter_files(languages), **starter_pictures()}
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"kiosk new: could not write into {shown}: {exc.strerror or exc}", file=err)
        return EXIT_FAILED
    print(f"{shown}: a starter gallery in {', '.join(languages)} ({len(files)} files)", file=out)
    for name in files:
        print(f"  {name}", file=out)
    print(
        "Next: replace each placeholder with your own text, then\n"
        f"  kiosk validate {shown}      every mistake, with its file and line\n"
        f"  kiosk preview {shown}       the poster you are editing, updated at each save\n"
        f"  kiosk --content {shown} --windowed\n"
        "A guide for organisers: docs/authoring.md",
        file=out,
    )
    return EXIT_OK
