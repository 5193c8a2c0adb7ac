"""A web address as a QR code's modules (segno: pure Python, no network, no Qt).

The matrix is what the screen and the print both draw, dark modules as True, without the quiet
zone (``QUIET`` modules of white that every drawing keeps around it, as the standard asks).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

QUIET = 4  # modules of white around the code (ISO/IEC 18004)


@dataclass(frozen=True)
class QrCode:
    text: str
    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules on a side, without the quiet zone."""
        return len(self.rows)

    @property
    def side(self) -> int:
        """Modules on a side with the quiet zone."""
        return self.size + 2 * QUIET


@lru_cache(maxsize=64)
def qr_code(text: str) -> QrCode:
    """``text`` as a QR code with medium error correction (15% of it may be smudged or
    covered), raised when the code's size allows it; never a Micro QR (phones' cameras read
    only full codes)."""
    # imported at the first code drawn: segno's writers bring in urllib and the email package,
    # ~40 ms that the gallery's first frame (the home screen, no QR code) does not need
    import segno

    code = segno.make_qr(text, error="m", boost_error=True)
    return QrCode(text, tuple(tuple(bool(v) for v in row) for row in code.matrix))


def short_address(url: str) -> str:
    """The address as a caption reads it: without the scheme and a trailing slash."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.rstrip("/")
