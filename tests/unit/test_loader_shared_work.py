"""Work the loader does once per load, not once per poster: artwork that several posters name is
looked up and checked once, yet each poster still gets its own errors and warnings; and the
cycle collector, paused while loading, runs again afterwards."""

from __future__ import annotations

import gc
import struct
import zlib
from pathlib import Path

import pytest

from kiosk.content import artwork
from kiosk.content.loader import load_gallery


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _big_png_header(width: int, height: int) -> bytes:
    """A PNG that declares width×height (over the warning size) and ends properly."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IEND", b"")


def _poster(pid: str, art: str) -> str:
    return f"id: {pid}\nkind: case\ntitle: Poster {pid}\nartwork: {art}\n"


@pytest.fixture
def shared_art(mini_gallery: Path) -> Path:
    (mini_gallery / "images" / "big.png").write_bytes(_big_png_header(6000, 5000))
    for n in (1, 2, 3):
        (mini_gallery / "posters" / f"big-{n}.yaml").write_text(
            _poster(f"big-{n}", "images/big.png")
        )
        (mini_gallery / "posters" / f"gone-{n}.yaml").write_text(
            _poster(f"gone-{n}", "images/gone.png")
        )
    return mini_gallery


def test_each_poster_reports_shared_artwork(shared_art: Path) -> None:
    problems = [str(p) for p in load_gallery(shared_art).problems]
    for n in (1, 2, 3):
        assert (
            f"posters/big-{n}.yaml:4:1: warning: artwork 'images/big.png' is 6000×5000 "
            "pixels (30 megapixels): it is scaled down each time it is shown, which is slow and "
            "takes up to 120 MB for a moment; a copy 3840 pixels wide looks the same" in problems
        )
        assert (
            f"posters/gone-{n}.yaml:4:1: artwork file 'images/gone.png' not found in "
            f"{shared_art.name}/" in problems
        )


def test_shared_artwork_is_checked_once(shared_art: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[Path] = []
    check = artwork._check_content
    monkeypatch.setattr(
        artwork,
        "_check_content",
        lambda path, source, warn: checked.append(path) or check(path, source, warn),
    )
    result = load_gallery(shared_art)
    assert sorted(p.name for p in checked) == ["big.png", "wave.svg"]
    shown = {p.id: p for p in result.gallery.posters}
    assert all(
        shown[f"big-{n}"].artwork.path == shared_art / "images" / "big.png" for n in (1, 2, 3)
    )
    assert all(shown[f"gone-{n}"].artwork.path is None for n in (1, 2, 3))


def test_garbage_collector_is_left_as_it_was(mini_gallery: Path) -> None:
    assert gc.isenabled()
    load_gallery(mini_gallery)
    assert gc.isenabled()
    gc.disable()
    try:
        load_gallery(mini_gallery)
        assert not gc.isenabled()
    finally:
        gc.enable()
