"""Resolving artwork paths from YAML safely: inside the content or assets folder, or not at all.

Besides the path, the file itself is checked before the app ever decodes it (pure Python, no
Qt): its first bytes must match its type, a PNG, JPEG or WebP must be complete and its header's
size within a pixel budget (a 20000×20000 "decompression bomb" is refused from its header,
without decompressing anything), and an SVG must be self-contained, plain drawing: no DTD with
entities (the "billion laughs"), no script or event handlers, no reference to anything outside
the file (web addresses, files, absolute paths). ``check_svg`` is shared with the decoder, which
renders exactly the bytes it checked.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}
_DRIVE = re.compile(r"^[A-Za-z]:")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # http:, file:, data: (one letter is a drive)

# Raster budget. A picture is decoded whole before it is scaled to the screen, at 4 bytes a
# pixel: 100 megapixels is 400 MB for a moment. Above it the file is refused; above the warning
# size it still shows, scaled, but the author is told a smaller copy would do.
MAX_PIXELS = 100_000_000
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
        check_svg(head, source)
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


def image_size(kind: str, head: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, JPEG or WebP header (None when the header is damaged)."""
    try:
        if kind == "PNG":
            if head[12:16] != b"IHDR":
                return None
            return struct.unpack(">II", head[16:24])
        if kind == "JPEG":
            return _jpeg_size(head)
        return _webp_size(head)
    except (struct.error, IndexError):
        return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        if length < 2:
            return None
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            return None
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L":
        b = data[21:25]
        bits = int.from_bytes(b, "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    return None


# --- SVG ---------------------------------------------------------------------------------------
_SAFE_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)[\"']", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DOCTYPE = re.compile(r"<!\s*DOCTYPE\b[^\[>]*(\[)?", re.I)
_ENTITY = re.compile(r"<!\s*ENTITY\b", re.I)
_SCRIPT = re.compile(r"<\s*(?:[\w.-]+:)?script\b", re.I)
_TAG = re.compile(r"<\s*[A-Za-z][^<>]*>", re.S)
_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.I)
_REF_ATTR = re.compile(r"(?<![\w.-])(?:[\w.-]+:)?(href|src)\s*=\s*([\"'])(.*?)\2", re.S | re.I)
_CSS_URL = re.compile(r"url\(\s*([\"']?)(.*?)\1\s*\)", re.S | re.I)
_IMPORT = re.compile(r"@import\b", re.I)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|webp|gif);base64,", re.I)


def check_svg(data: bytes, source: str) -> None:
    """Refuse an SVG that is not self-contained plain drawing; ArtworkError says what and where
    (the line in the SVG). The whole file is checked, so ``data`` must be all of it."""
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
    text = data.decode("utf-8", errors="replace")
    # comments say nothing to the renderer; blank them, keeping line numbers
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)

    def line(index: int) -> str:
        return f"line {text.count(chr(10), 0, index) + 1} of the SVG"

    if m := _ENTITY.search(text):
        raise ArtworkError(
            f"'{source}' declares an entity ({line(m.start())}): SVG artwork may "
            "not declare entities; remove the <!DOCTYPE ...> block"
        )
    for m in _DOCTYPE.finditer(text):
        if m.group(1):
            raise ArtworkError(
                f"'{source}' has a DOCTYPE with declarations ({line(m.start())}): "
                "remove the <!DOCTYPE ...> block"
            )
    if m := _SCRIPT.search(text):
        raise ArtworkError(
            f"'{source}' contains a script ({line(m.start())}): the app does not "
            "run scripts in artwork; remove it"
        )
    for tag in _TAG.finditer(text):
        if h := _HANDLER.search(tag.group(0)):
            raise ArtworkError(
                f"'{source}' has an event handler, {h.group(1)}= "
                f"({line(tag.start() + h.start(1))}): the app does not run "
                "scripts in artwork; remove it"
            )
    for m in _REF_ATTR.finditer(text):
        _check_reference(m.group(3), source, line(m.start()))
    for m in _CSS_URL.finditer(text):
        _check_reference(m.group(2), source, line(m.start()))
    if m := _IMPORT.search(text):
        raise ArtworkError(
            f"'{source}' imports a style sheet ({line(m.start())}): SVG artwork "
            "must be self-contained"
        )
    if "<svg" not in text:
        raise ArtworkError(f"'{source}' is not an SVG file")


def _check_reference(value: str, source: str, where: str) -> None:
    value = value.strip()
    if value.startswith("#") or _DATA_IMAGE.match(value):
        return  # a part of the same file, or a picture embedded in it
    shown = value if len(value) <= 60 else value[:57] + "..."
    raise ArtworkError(
        f"'{source}' refers to something outside the file, '{shown}' ({where}): "
        "SVG artwork must be self-contained (embed pictures, no links to files "
        "or web addresses)"
    )
