"""Resolving artwork paths from YAML safely: inside the content or assets folder, or not at all."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArtworkError(ValueError):
    """Why an artwork path was refused, as a sentence fragment."""


def check_form(source: str) -> PurePosixPath:
    """Refuse paths that could reach outside the allowed folders, before touching the disk."""
    if "\x00" in source:
        raise ArtworkError("contains a NUL character")
    if source.startswith(("\\\\", "//")):
        raise ArtworkError("is a network (UNC) path: give a path inside the content folder")
    if _DRIVE.match(source) or PureWindowsPath(source).drive:
        raise ArtworkError("is a Windows drive path: give a path inside the content folder")
    if source.startswith(("/", "\\")) or PurePosixPath(source).is_absolute():
        raise ArtworkError("is an absolute path: give a path relative to the content folder")
    parts = PurePosixPath(source.replace("\\", "/")).parts
    if ".." in parts:
        raise ArtworkError("uses '..': artwork must stay inside the content or assets folder")
    if not parts:
        raise ArtworkError("is empty")
    return PurePosixPath(*parts)


def resolve(source: str, roots: list[Path]) -> Path:
    """The file for ``source``, searched in ``roots`` in order; ArtworkError says why not."""
    relative = check_form(source)
    if relative.suffix.lower() not in IMAGE_SUFFIXES:
        raise ArtworkError(f"'{source}' is not an image type the app shows "
                           f"({', '.join(sorted(IMAGE_SUFFIXES))})")
    for root in roots:
        candidate = root / relative
        if not (candidate.exists() or candidate.is_symlink()):
            continue
        try:
            real = candidate.resolve(strict=True)
            real_root = root.resolve(strict=True)
        except (OSError, RuntimeError):
            raise ArtworkError(f"'{source}' is a broken link") from None
        if not real.is_relative_to(real_root):
            raise ArtworkError(f"'{source}' points outside the {root.name} folder")
        if not real.is_file():
            raise ArtworkError(f"'{source}' is not a file")
        _check_content(real, source)
        return real
    names = " or ".join(f"{r.name}/" for r in roots)
    raise ArtworkError(f"file '{source}' not found in {names}")


def _check_content(path: Path, source: str) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise ArtworkError(f"'{source}' cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise ArtworkError(f"'{source}' is an empty file")
    suffix = path.suffix.lower()
    if suffix == ".svg":
        if b"<svg" not in head and b"<?xml" not in head:
            raise ArtworkError(f"'{source}' is not an SVG file")
        return
    if not any(head.startswith(m) for m in _MAGIC[suffix]):
        raise ArtworkError(f"'{source}' is not a {suffix[1:].upper()} image")
    if suffix == ".webp" and head[8:12] != b"WEBP":
        raise ArtworkError(f"'{source}' is not a WEBP image")
