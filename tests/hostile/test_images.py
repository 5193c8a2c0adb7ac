"""The decoder on its own, for files that reach it whatever the loader said (a file replaced after
it was checked, or a new picture dropped in while the kiosk runs): bombs are refused from their
header with one log line, a genuine 9000×9000 picture is shown scaled, hostile SVGs are refused,
broken files give the "Image unavailable" card, never a blank and never an exception."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.content import artwork
from kiosk.ui.images import ArtworkView, ImageStore, decode
from tests.hostile import pictures


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return pictures.big_png(tmp_path_factory.mktemp("big") / "big.png")


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return pictures.png_bomb(tmp_path_factory.mktemp("bomb") / "bomb.png")


def test_the_bomb_is_a_genuine_png_of_20000_by_20000(bomb: Path) -> None:
    """What the corpus calls a bomb really is one: complete, valid, 400 million pixels."""
    import struct
    import zlib

    data = bomb.read_bytes()
    assert len(data) < 500_000
    assert struct.unpack(">II", data[16:24]) == (20000, 20000)
    idat_len = struct.unpack(">I", data[33:37])[0]
    stream = zlib.decompressobj()
    total, pos, body = 0, 0, data[41 : 41 + idat_len]
    while pos < len(body):
        total += len(stream.decompress(body[pos : pos + 65536], 1 << 24))
        while stream.unconsumed_tail:
            total += len(stream.decompress(stream.unconsumed_tail, 1 << 24))
        pos += 65536
    total += len(stream.flush())
    assert stream.eof and total == 20000 * 20001  # the checksum held, every row is there


def test_a_decompression_bomb_is_refused_from_its_header(bomb: Path, qapp, caplog) -> None:
    caplog.set_level(logging.WARNING)
    image = decode(bomb, QSize(1920, 1080))
    assert image.isNull()
    assert any(
        "is 20000x20000 pixels, over the limit of 100 megapixels: not decoded" in r.getMessage()
        for r in caplog.records
    )


def test_a_genuine_9000_picture_shows_scaled(big: Path, qapp) -> None:
    image = decode(big, QSize(1920, 1080))
    assert (image.width(), image.height()) == (1080, 1080)
    # the bands of colour are where they should be: the first at the top, the last at the bottom
    for band, y in ((0, 40), (4, 540), (8, 1040)):
        colour = image.pixelColor(540, y)
        assert (colour.red(), colour.green(), colour.blue()) == pytest.approx(
            pictures.band_colour(band), abs=2
        )


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("bomb.svg", pictures.SVG_ENTITY_BOMB, "declares an entity"),
        ("web.svg", pictures.SVG_EXTERNAL_HTTP, "refers to something outside the file"),
        ("file.svg", pictures.SVG_EXTERNAL_FILE, "refers to something outside the file"),
        ("abs.svg", pictures.SVG_EXTERNAL_ABSOLUTE, "refers to something outside the file"),
        ("css.svg", pictures.SVG_EXTERNAL_CSS, "refers to something outside the file"),
        ("script.svg", pictures.SVG_SCRIPT, "contains a script"),
        ("onload.svg", pictures.SVG_ONLOAD, "has an event handler"),
        ("cut.png", pictures.truncated(pictures.png(300, 200)), "is cut short or damaged"),
        ("cut.jpg", pictures.jpeg_header_only(800, 600), "is cut short or damaged"),
        ("empty.png", b"", "is an empty file"),
        ("text.png", b"not a picture at all", "is not a PNG image"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_a_log_line(
    tmp_path: Path, qapp, caplog, name: str, data: bytes, why: str
) -> None:
    caplog.set_level(logging.WARNING)
    path = tmp_path / name
    path.write_bytes(data)
    assert decode(path, QSize(800, 600)).isNull()
    assert [r.getMessage() for r in caplog.records if why in r.getMessage()]


def test_safe_svg_features_still_render(tmp_path: Path, qapp) -> None:
    """Gradients referenced in the file, a plain DOCTYPE, an embedded PNG: all fine."""
    import base64

    embedded = base64.b64encode(pictures.png(4, 4)).decode()
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 100 50"><!-- href="http://example.com" in a comment is harmless -->'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient>'
        '</defs><rect width="100" height="50" fill="url(#g)"/>'
        f'<image xlink:href="data:image/png;base64,{embedded}" width="4" height="4"/></svg>'
    )
    path = tmp_path / "ok.svg"
    path.write_text(svg, encoding="utf-8")
    artwork.clean_svg(path.read_bytes(), "ok.svg")  # no ArtworkError
    image = decode(path, QSize(200, 100))
    assert (image.width(), image.height()) == (200, 100)
    assert image.pixelColor(150, 50).red() > 200


def test_the_view_shows_the_card_for_a_bomb_and_the_picture_for_the_big_one(
    qtbot, bomb: Path, big: Path
) -> None:
    store = ImageStore()
    views = {}
    for name, path in (("bomb", bomb), ("big", big)):
        view = ArtworkView(store, path, name)
        qtbot.addWidget(view)
        view.resize(640, 360)
        view.show()
        views[name] = view
    qtbot.waitUntil(lambda: all(v.state() != "loading" for v in views.values()), timeout=20000)
    assert views["bomb"].state() == "unavailable"
    assert views["big"].state() == "image"
    shot = views["big"].grab().toImage()
    centre = shot.pixelColor(shot.width() // 2, shot.height() // 2)
    assert (centre.red(), centre.green(), centre.blue()) == pytest.approx(
        pictures.band_colour(4), abs=2
    )


def test_the_cache_is_bounded_in_bytes(qtbot) -> None:
    store = ImageStore()
    store.BUDGET_BYTES = 3 * 400 * 400 * 4
    for i in range(10):
        image = QImage(400, 400, QImage.Format.Format_ARGB32)
        store._finished(f"k{i}", image)  # what a finished decode hands over
    assert store.cached_bytes() <= store.BUDGET_BYTES
    assert list(store._cache) == ["k7", "k8", "k9"]  # the newest are kept


def test_a_store_deleted_while_decoding_is_no_error(qapp, big: Path) -> None:
    """A window closed (its image store with it) while a picture decodes in a worker."""
    import gc

    store = ImageStore()
    assert store.get(big, QSize(800, 800)) is None  # a decode starts
    del store
    gc.collect()  # the pool waits for the worker, whose result then has nowhere to go
