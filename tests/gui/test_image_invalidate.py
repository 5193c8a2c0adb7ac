"""ImageStore.invalidate on real files: a picture edited in place is decoded again, a decode of
the old file that arrives after the edit is dropped (not cached over the new one), and a view
that shows the file repaints with the new pixels without being rebuilt."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.ui import images
from kiosk.ui.images import ArtworkView, ImageStore

TIMEOUT = 5000
RED = QColor(220, 0, 0)
BLUE = QColor(0, 0, 220)


def write_png(path: Path, colour: QColor) -> None:
    image = QImage(160, 100, QImage.Format.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path), "PNG")


def colour_of(image: QImage | None) -> QColor | None:
    return None if image is None or image.isNull() else image.pixelColor(10, 10)


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "picture.png"
    write_png(path, RED)
    return path


def test_an_invalidated_file_is_decoded_again(qtbot, picture: Path) -> None:
    store = ImageStore()
    size = QSize(160, 100)
    store.get(picture, size)
    store.wait()
    assert colour_of(store.get(picture, size)) == RED
    write_png(picture, BLUE)
    assert colour_of(store.get(picture, size)) == RED  # nothing tells the store by itself
    with qtbot.waitSignal(store.invalidated) as signal:
        store.invalidate([picture])
    assert signal.args == [{str(picture)}]
    assert store.get(picture, size) is None  # decoding the new file
    store.wait()
    assert colour_of(store.get(picture, size)) == BLUE


def test_a_decode_of_the_old_file_arriving_late_is_dropped(
    qtbot, picture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first decode reads the red file and is held back; the file turns blue and is
    invalidated; the new decode is delivered; then the held one arrives: it must not replace
    the blue picture in the cache."""
    store = ImageStore()
    size = QSize(160, 100)
    real = images.decode
    calls: list[QColor | None] = []
    held, release = threading.Event(), threading.Event()

    def gated(path: Path, target: QSize) -> QImage:
        image = real(path, target)
        calls.append(colour_of(image))
        if len(calls) == 1:
            held.set()
            release.wait(TIMEOUT / 1000)
        return image

    monkeypatch.setattr(images, "decode", gated)
    try:
        assert store.get(picture, size) is None
        qtbot.waitUntil(held.is_set, timeout=TIMEOUT)
        write_png(picture, BLUE)
        store.invalidate([picture])
        with qtbot.waitSignal(store.ready, timeout=TIMEOUT):
            assert store.get(picture, size) is None  # a second decode, of the blue file
        assert colour_of(store.get(picture, size)) == BLUE
    finally:
        release.set()
    store.wait()  # the held decode of the red file is delivered now
    assert calls == [RED, BLUE]
    assert colour_of(store.get(picture, size)) == BLUE


def test_a_view_of_the_file_repaints_with_the_new_pixels(qtbot, picture: Path) -> None:
    """Nobody rebuilds the view or grabs it: it repaints on its own, and that paint asks the
    store for the new decode (a grab would paint it anyway, so the decode is waited for
    first)."""
    store = ImageStore()
    view = ArtworkView(store, picture, "picture")
    qtbot.addWidget(view)
    view.resize(320, 200)
    view.show()
    qtbot.waitExposed(view)
    store.wait()

    def middle() -> QColor:
        return view.grab().toImage().pixelColor(160, 100)

    qtbot.waitUntil(lambda: middle() == RED, timeout=TIMEOUT)
    write_png(picture, BLUE)
    with qtbot.waitSignal(store.ready, timeout=TIMEOUT):
        store.invalidate([picture])
    assert middle() == BLUE
