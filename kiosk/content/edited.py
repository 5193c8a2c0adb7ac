"""Which poster an author is editing (``kiosk preview``): the poster file saved last, its id,
and the problems that concern it first. No Qt."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from kiosk.content.errors import Problem
from kiosk.content.files import POSTERS_DIR
from kiosk.content.yamlsafe import Document

POSTER_SUFFIXES = (".yaml", ".yml")


def latest_poster_file(content_dir: Path) -> str | None:
    """The poster file (``posters/name.yaml``, relative to the folder) modified last; None when
    there is none. Hidden files and editors' backups are skipped, as the loader skips them."""
    best: tuple[int, str] | None = None
    try:
        entries = list(os.scandir(content_dir / POSTERS_DIR))
    except OSError:
        return None
    for entry in entries:
        name = entry.name
        if name.startswith((".", "~", "#")) or not name.lower().endswith(POSTER_SUFFIXES):
            continue
        try:
            if not entry.is_file():
                continue
            stamp = entry.stat().st_mtime_ns
        except OSError:
            continue
        key = (stamp, name)
        if best is None or key > best:
            best = key
    return f"{POSTERS_DIR}/{best[1]}" if best else None


def poster_files(documents: Mapping[str, Document]) -> dict[str, str]:
    """Poster file -> the id written in it (files whose id cannot be read are left out)."""
    found: dict[str, str] = {}
    for name, doc in documents.items():
        data = doc.data
        if name.startswith(f"{POSTERS_DIR}/") and isinstance(data, dict):
            if isinstance(data.get("id"), str):
                found[name] = data["id"]
    return found


def problems_first(problems: Iterable[Problem], file: str | None) -> list[Problem]:
    """``file``'s problems first, then the others, each part in the loader's own order (which
    puts a root cause before what follows from it)."""
    listed = list(problems)
    return [p for p in listed if p.file == file] + [p for p in listed if p.file != file]
