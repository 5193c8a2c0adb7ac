"""What a picture's first bytes say, read without decoding anything: its type and its size.

Shared by ``artwork`` (picture files named by the content) and ``svgsafe`` (pictures embedded
in an SVG as ``data:`` URIs), so that both hold a picture to the same pixel budget, measured the
same way, before Qt ever decompresses it.
"""

from __future__ import annotations

import struct

# Raster budget. A picture is decoded whole before it is scaled to the screen, at 4 bytes a
# pixel: 100 megapixels is 400 MB for a moment. Above it a picture is refused.
MAX_PIXELS = 100_000_000


def sniff(data: bytes) -> str | None:
    """The picture type its first bytes announce ("PNG", "JPEG", "WEBP", "GIF"), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WEBP"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    return None


def image_size(kind: str, head: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, JPEG, WebP or GIF header (None when it is damaged)."""
    try:
        if kind == "PNG":
            if head[12:16] != b"IHDR":
                return None
            return struct.unpack(">II", head[16:24])
        if kind == "JPEG":
            return _jpeg_size(head)
        if kind == "GIF":
            return struct.unpack("<HH", head[6:10]) if len(head) >= 10 else None
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
