"""Resolving artwork paths from YAML safely: inside the content or assets folder, or not at all.

Besides the path, the file itself is checked before the app ever decodes it (pure Python, no
Qt): its first bytes must match its type, a PNG, JPEG or WebP must be complete and its header's
size within a pixel budget (a 20000×20000 "decompression bomb" is refused from its header,
without decompressing anything), and an SVG must be self-contained, plain drawing: parsed by a
real XML parser and rebuilt from an allowlist (``svgsafe``: no DTD with entities, no script or
event handlers, no reference to anything outside the file, a bounded amount of drawing).
``clean_svg`` is shared with the decoder, which hands Qt the rebuilt document, never the file.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

from kiosk.content import svgsafe
from kiosk.content.headers import MAX_PIXELS, image_size

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}
_DRIVE = re.compile(r"^[A-Za-z]:")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # http:, file:, data: (one letter is a drive)

# Raster budget (MAX_PIXELS, in headers: embedded pictures in an SVG are held to it too). Above
# it the file is refused; above the warning size it still shows, scaled, but the author is told
# a smaller copy would do.
WARN_PIXELS = 25_000_000
MAX_SVG_BYTES = 5 * 1024 * 1024
HEADER_BYTES = 256 * 1024  # enough to find a JPEG's size after its EXIF block

Warn = Callable[[str], None]


class ArtworkError(ValueError):
    """Why an artwork path was refused, as a sentence fragment."""


def check_form(source: str) -> PurePosixPath:
    """Refuse paths that could reach outside the allowed folders, before touching the disk."""
    if "\x00" in source:
        raise ArtworkError("contains a NUL character")
    if len(source) > 1000:
        raise ArtworkError(
            f"is {len(source):,} characters long: give a short path inside the content folder"
        )
    if source.startswith(("\\\\", "//")):
        raise ArtworkError("is a network (UNC) path: give a path inside the content folder")
    if _DRIVE.match(source) or PureWindowsPath(source).drive:
        raise ArtworkError("is a Windows drive path: give a path inside the content folder")
    if _URL.match(source):
        raise ArtworkError(
            "is a web address or URL: the app shows only files inside the "
            "content folder (it runs offline)"
        )
    if source.startswith(("/", "\\")) or PurePosixPath(source).is_absolute():
        raise ArtworkError("is an absolute path: give a path relative to the content folder")
    parts = PurePosixPath(source.replace("\\", "/")).parts
    if ".." in parts:
        raise ArtworkError("uses '..': artwork must stay inside the content or assets folder")
    if not parts:
        raise ArtworkError("is empty")
    return PurePosixPath(*parts)


def resolve(source: str, roots: list[Path], warn: Warn | None = None) -> Path:
    """The file for ``source``, searched in ``roots`` in order; ArtworkError says why not.
    ``warn`` hears about files that show but should be changed (a huge picture)."""
    relative = check_form(source)
    if relative.suffix.lower() not in IMAGE_SUFFIXES:
        raise ArtworkError(
            f"'{source}' is not an image type the app shows ({', '.join(sorted(IMAGE_SUFFIXES))})"
        )
    for root in roots:
        candidate = root / relative
        try:
            present = candidate.exists() or candidate.is_symlink()
        except OSError as exc:  # a name too long for the file system, and the like
            raise ArtworkError(f"'{source}' cannot be looked up: {exc.strerror or exc}") from None
        if not present:
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
        _check_content(real, source, warn)
        return real
    names = " or ".join(f"{r.name}/" for r in roots)
    raise ArtworkError(f"file '{source}' not found in {names}")


class Lookup:
    """``resolve`` for one load of the content: each path is looked up and its file checked once,
    however many posters name it (six hundred posters may share a dozen pictures)."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self._found: dict[str, tuple[Path | ArtworkError, list[str]]] = {}

    def resolve(self, source: str, warn: Warn | None = None) -> Path:
        if source not in self._found:
            warnings: list[str] = []
            try:
                found: Path | ArtworkError = resolve(source, self.roots, warnings.append)
            except ArtworkError as exc:
                found = exc
            self._found[source] = (found, warnings)
        found, warnings = self._found[source]
        if warn is not None:
            for message in warnings:
                warn(message)
        if isinstance(found, ArtworkError):
            raise ArtworkError(str(found))
        return found


def _check_content(path: Path, source: str, warn: Warn | None) -> None:
    if path.suffix.lower() == ".svg":
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                head = fh.read(MAX_SVG_BYTES + 1)
        except OSError as exc:
            raise ArtworkError(f"'{source}' cannot be read: {exc.strerror or exc}") from None
        if size == 0:
            raise ArtworkError(f"'{source}' is an empty file")
        if b"<svg" not in head[:4096] and b"<?xml" not in head[:512]:
            raise ArtworkError(f"'{source}' is not an SVG file")
        clean_svg(head, source)
        return
    check_pixels(check_raster(path, source), source, warn)


def check_raster(path: Path, source: str) -> tuple[int, int]:
    """A PNG, JPEG or WebP file's width and height, once it is known to be one, complete, with a
    readable header (reads its first and last bytes only); ArtworkError says what is wrong."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEADER_BYTES)
            fh.seek(max(0, size - 1024))
            tail = fh.read(1024)
    except OSError as exc:
        raise ArtworkError(f"'{source}' cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise ArtworkError(f"'{source}' is an empty file")
    if suffix not in _MAGIC:
        raise ArtworkError(f"'{source}' is not an image type the app shows")
    if not any(head.startswith(m) for m in _MAGIC[suffix]):
        raise ArtworkError(f"'{source}' is not a {suffix[1:].upper()} image")
    if suffix == ".webp" and head[8:12] != b"WEBP":
        raise ArtworkError(f"'{source}' is not a WEBP image")
    kind = "PNG" if suffix == ".png" else "WEBP" if suffix == ".webp" else "JPEG"
    if not _complete(kind, head, tail, size):
        raise ArtworkError(
            f"'{source}' is cut short or damaged (the {kind} file does not end "
            "where it should): export or copy it again"
        )
    dims = image_size(kind, head)
    if dims is None:
        raise ArtworkError(f"'{source}' is damaged: its {kind} header gives no picture size")
    return dims


def check_pixels(dims: tuple[int, int], source: str, warn: Warn | None = None) -> None:
    """Refuse a picture over the pixel budget; warn about a very large one."""
    width, height = dims
    if width <= 0 or height <= 0:
        raise ArtworkError(
            f"'{source}' is damaged: its header gives a size of {width}×{height} pixels"
        )
    pixels = width * height
    if pixels > MAX_PIXELS:
        raise ArtworkError(
            f"'{source}' is {width}×{height} pixels ({pixels / 1e6:,.0f} megapixels), over the "
            f"limit of {MAX_PIXELS / 1e6:,.0f} megapixels: save a smaller copy (3840 pixels wide "
            "is plenty for a 4K screen)"
        )
    if pixels > WARN_PIXELS and warn is not None:
        warn(
            f"'{source}' is {width}×{height} pixels ({pixels / 1e6:,.0f} megapixels): it is "
            f"scaled down each time it is shown, which is slow and takes up to "
            f"{pixels * 4 / 1e6:,.0f} MB for a moment; a copy 3840 pixels wide looks the same"
        )


def _complete(kind: str, head: bytes, tail: bytes, size: int) -> bool:
    """Whether the file reaches its format's end (a cut-short copy or download does not)."""
    if kind == "PNG":
        return b"IEND\xaeB`\x82" in tail
    if kind == "JPEG":
        return b"\xff\xd9" in tail
    declared = struct.unpack("<I", head[4:8])[0] + 8 if len(head) >= 8 else 0
    return 12 <= declared <= size


# --- SVG ---------------------------------------------------------------------------------------
_SAFE_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)[\"']", re.I)


def clean_svg(data: bytes, source: str) -> svgsafe.Clean:
    """The SVG rebuilt from what may be drawn (``svgsafe``): its ``data`` are the bytes to hand
    to Qt, in the loader's check and the renderer alike, so what is shown is what was checked.
    ArtworkError says what is wrong and where (the line in the SVG). ``data`` must be all of
    the file."""
    if len(data) > MAX_SVG_BYTES:
        raise ArtworkError(
            f"'{source}' is over {MAX_SVG_BYTES // (1024 * 1024)} MB, the limit "
            "for an SVG: simplify it or save it as a PNG"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:1024]:
        raise ArtworkError(f"'{source}' is not UTF-8 text: save the SVG as UTF-8")
    declared = _XML_DECL.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _SAFE_ENCODINGS:
        raise ArtworkError(
            f"'{source}' declares the encoding "
            f"{declared.group(1).decode('ascii', 'replace')}: save it as UTF-8"
        )
    try:
        return svgsafe.clean(data)
    except svgsafe.SvgError as exc:
        where = f" (line {exc.line} of the SVG)" if exc.line else ""
        advice = f": {exc.advice}" if exc.advice else ""
        raise ArtworkError(f"'{source}' {exc.why}{where}{advice}") from None
