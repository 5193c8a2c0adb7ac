"""Hostile and huge pictures, made at test time (small on disk, nothing big is committed).

``png_bomb`` writes a genuine, complete PNG of 20000×20000 pixels in about 400 kB: its
compressed stream is one deflate block of zeros repeated (each block ends in a full flush, so
the copies are independent), with the checksum computed for all-zero data. ``big_png`` writes a
genuine 9000×9000 picture (bands of colour, each a row followed by "same as above" rows).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _ihdr(width: int, height: int, colour_type: int) -> bytes:
    return _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))


def png(width: int, height: int, rgb: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """A small plain PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    data = zlib.compress(row * height)
    return _PNG_SIGNATURE + _ihdr(width, height, 2) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def png_bomb(path: Path, side: int = 20000) -> Path:
    """A complete, valid grey-scale PNG of side×side zero pixels, a few hundred kB on disk."""
    row = side + 1  # the filter byte (0) and one byte a pixel, all zero
    rows_per_block = 100
    assert side % rows_per_block == 0
    block_len = row * rows_per_block
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(block_len)) + packer.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty last block
    total = row * side
    adler = ((total % 65521) << 16) | 1  # Adler-32 of all-zero data: A = 1, B = n mod 65521
    body = b"\x78\xda" + block * (side // rows_per_block) + final + struct.pack(">I", adler)
    path.write_bytes(
        _PNG_SIGNATURE + _ihdr(side, side, 0) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    )
    return path


def big_png(path: Path, side: int = 9000, bands: int = 9) -> Path:
    """A genuine side×side RGB picture: horizontal bands of colour (red rising band by band,
    blue falling), so that a scaled copy can be checked pixel by pixel."""
    packer = zlib.compressobj(6)
    parts = []
    band_rows = side // bands
    same_as_above = b"\x02" + bytes(3 * side)  # filter "Up" with zero differences
    for b in range(bands):
        rows = band_rows if b < bands - 1 else side - band_rows * (bands - 1)
        colour = band_colour(b, bands)
        parts.append(packer.compress(b"\x00" + bytes(colour) * side))
        for _ in range(rows - 1):
            parts.append(packer.compress(same_as_above))
    parts.append(packer.flush())
    path.write_bytes(
        _PNG_SIGNATURE
        + _ihdr(side, side, 2)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )
    return path


def band_colour(band: int, bands: int = 9) -> tuple[int, int, int]:
    return (round(255 * band / (bands - 1)), 128, round(255 * (bands - 1 - band) / (bands - 1)))


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: max(16, int(len(data) * keep))]


def jpeg_header_only(width: int, height: int) -> bytes:
    """The start of a baseline JPEG that declares width×height, and nothing after it."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes(9)
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + sof


SVG_OK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 100">'
    b'<rect width="160" height="100" fill="#2a6"/></svg>\n'
)

SVG_ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&f;</text></svg>
"""

SVG_EXTERNAL_HTTP = b"""<svg xmlns="http://www.w3.org/2000/svg"
     xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <image xlink:href="http://example.com/tracker.png" width="10" height="10"/>
</svg>
"""

SVG_EXTERNAL_FILE = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <rect width="10" height="10" fill="#123456"/>
  <image href="file:///etc/passwd" width="10" height="10"/>
</svg>
"""

SVG_EXTERNAL_ABSOLUTE = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <image href="/etc/hostname" width="10" height="10"/>
</svg>
"""

SVG_EXTERNAL_CSS = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <style>rect { fill: url(http://example.com/paint.svg#p); }</style>
  <rect width="10" height="10"/>
</svg>
"""

SVG_SCRIPT = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <rect width="10" height="10"/>
  <script>alert(document.cookie)</script>
</svg>
"""

SVG_ONLOAD = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"
     onload="fetch('http://example.com')">
  <rect width="10" height="10"/>
</svg>
"""


def svg_use_bomb(depth: int = 8, fan_out: int = 10) -> bytes:
    """``<use>`` elements nested ``depth`` deep, ``fan_out`` a level: fan_out**depth copies of
    one rectangle in about 3 kB (8 deep: 100 million; Qt drew 7 deep in 1.5 s, each level
    ten times longer, holding Python's lock the while)."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 100 100">\n<defs><rect id="l0" width="1" height="1" fill="#c33"/>\n'
    ]
    for level in range(1, depth + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(fan_out))
        parts.append(f'<g id="l{level}">{uses}</g>\n')
    parts.append(f'</defs><use xlink:href="#l{depth}"/>\n</svg>\n')
    return "".join(parts).encode()


# Markup an old text check could not see (a regular expression blanked "comments" that were
# not comments), and other places to put a reference to ``{outside}``, an absolute path
# outside the content folder filled in at test time. Each entry: (id, SVG text, the line of the
# SVG the loader must name, the start of the reason it must give).
_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
_HEAD += 'viewBox="0 0 10 10">\n<rect width="10" height="10" fill="#2a6"/>\n'
OUTSIDE_REF = "refers to something outside the file, '{outside}"
SVG_HIDING_PLACES = [
    (
        "cdata-comment",
        _HEAD + '<g><![CDATA[<!--]]></g>\n<image href="{outside}" width="10" height="10"/>\n'
        "<g><![CDATA[-->]]></g>\n</svg>\n",
        4,
        OUTSIDE_REF,
    ),
    (
        "processing-instruction",
        _HEAD + '<?hide <!-- ?>\n<image href="{outside}" width="10" height="10"/>\n'
        "<?hide --> ?>\n</svg>\n",
        4,
        OUTSIDE_REF,
    ),
    (
        "xlink-href-hidden",
        _HEAD + '<g><![CDATA[<!--]]></g>\n<image xlink:href="{outside}" width="10" '
        'height="10"/>\n<g><![CDATA[-->]]></g>\n</svg>\n',
        4,
        OUTSIDE_REF,
    ),
    (
        "image-in-defs-used-later",
        _HEAD + '<defs><g><![CDATA[<!--]]></g>\n<image id="i" href="{outside}" width="10" '
        'height="10"/>\n<g><![CDATA[-->]]></g></defs>\n<use xlink:href="#i"/>\n</svg>\n',
        4,
        OUTSIDE_REF,
    ),
    (
        "style-url",
        _HEAD + '<rect width="5" height="5" style="fill:url({outside})"/>\n</svg>\n',
        3,
        OUTSIDE_REF,
    ),
    (
        "style-sheet-url-hidden",
        _HEAD + "<style><![CDATA[/*]]></style>\n<style>rect { fill: url({outside}) }</style>\n"
        "<style><![CDATA[*/]]></style>\n</svg>\n",
        4,
        OUTSIDE_REF,
    ),
    (
        "image-linking-a-fragment",
        # Qt takes an <image> link that is not data: for a file name, relative to the working
        # folder: this one names '#secret.png' there (the tests run from the outside folder)
        _HEAD + '<image href="#secret.png" width="10" height="10"/>\n</svg>\n',
        3,
        "has an <image> linking to '#secret.png', which is not a picture",
    ),
    (
        "entity",
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY out "{outside}">\n]>\n'
        + _HEAD
        + '<image href="&out;" width="10" height="10"/>\n</svg>\n',
        3,
        "declares an entity",
    ),
    (
        "undeclared-entity-with-external-dtd",
        '<?xml version="1.0"?>\n<!DOCTYPE svg SYSTEM "{outside}">\n'
        + _HEAD
        + '<image href="&out;" width="10" height="10"/>\n</svg>\n',
        5,
        "uses the entity &out; that it does not declare",
    ),
]
