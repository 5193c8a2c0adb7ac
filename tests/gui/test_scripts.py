"""Issue 18: Arabic, Korean and Chinese in a gallery (tests/fixtures/scripts). Their letters are
drawn by the bundled fallback fonts (assets/fonts/fallback), never as boxes: every glyph of the
font Qt actually uses for a label's text exists (not glyph 0, the "tofu" box) in a font the app
ships, so a bare kiosk machine with no such fonts of its own shows them too. Arabic runs right
to left: its poster texts and its quote start at the right edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QTextLayout
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import paths
from kiosk.theme import load_fonts
from tests.gui.languages import window_in

SCRIPTS = Path(__file__).resolve().parent.parent / "fixtures" / "scripts"
TEXTS = {
    "ar": "الاقتصاد الاجتماعي والتضامني",
    "ko": "사회연대경제",
    "zh": "社会团结经济",
}
POSTER = {"ar": 0, "ko": 1, "zh": 2}


def fonts_used(text: str, font: QFont) -> list[tuple[str, str, list[int], bool]]:
    """For each letter of ``text`` laid out in ``font`` as a label lays it out: the family of
    the font actually used, its glyphs and whether that font has the letter."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    used = []  # (PySide: supportsCharacter takes the code point; a str gives False)
    for i, char in enumerate(text):
        if char.isspace():
            continue
        for run in layout.glyphRuns(i, 1):
            raw = run.rawFont()
            used.append(
                (char, raw.familyName(), list(run.glyphIndexes()), raw.supportsCharacter(ord(char)))
            )
    return used


def labels_with(root: QWidget, text: str) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if w.text() == text and w.isVisibleTo(root)]


def ink_box(image: QImage, background: QColor) -> tuple[int, int]:
    """The leftmost and rightmost columns with a pixel clearly unlike ``background`` (text)."""
    left, right = image.width(), -1
    bg = background.getRgb()
    for y in range(0, image.height(), 2):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y).getRgb()
            if max(abs(a - b) for a, b in zip(pixel, bg, strict=True)) > 64:
                left, right = min(left, x), max(right, x)
    return left, right


@pytest.mark.parametrize("lang", ["ar", "ko", "zh"])
def test_the_posters_letters_are_drawn_by_a_bundled_font_never_as_boxes(qtbot, lang) -> None:
    window = window_in(qtbot, SCRIPTS, (1920, 1080), lang)
    bundled = {f for f in load_fonts(paths.assets_dir() / "fonts") if f != "Roboto"}
    assert {"Noto Sans Arabic", "Kiosk CJK Fallback", "Kiosk Korean Fallback"} <= bundled
    window.nav.open(POSTER[lang])
    page = window.deck.current()
    shown = labels_with(page, TEXTS[lang])
    assert len(shown) >= 3, [w.text() for w in page.findChildren(QLabel)]  # title, heading, text
    for widget in shown:
        used = fonts_used(widget.text(), widget.font())
        assert len(used) >= len(widget.text().replace(" ", "")), used
        for char, family, glyphs, covered in used:
            assert glyphs and 0 not in glyphs, (char, family, glyphs)  # glyph 0: the "no" box
            assert covered and family in bundled, (char, family)


def test_arabic_runs_right_to_left_and_korean_left_to_right(qtbot) -> None:
    from PySide6.QtCore import Qt

    window = window_in(qtbot, SCRIPTS, (1920, 1080), "ar")
    window.nav.open(POSTER["ar"])
    page = window.deck.current()
    qtbot.waitUntil(lambda: page.isVisible())
    for widget in labels_with(page, TEXTS["ar"]):
        assert widget.layoutDirection() is Qt.LayoutDirection.RightToLeft
    paragraph = [w for w in labels_with(page, TEXTS["ar"]) if w.property("role") == "body"][0]
    assert paragraph.width() > 600, paragraph.width()
    image = paragraph.grab().toImage()
    left, right = ink_box(image, image.pixelColor(0, 0))
    # the short paragraph hugs the right edge of its wide label, far from the left one
    assert paragraph.width() - right < 0.1 * paragraph.width(), (left, right, paragraph.width())
    assert left > 0.3 * paragraph.width(), (left, right, paragraph.width())
    english = window_in(qtbot, SCRIPTS, (1920, 1080), "ko")
    english.nav.open(POSTER["ko"])
    for widget in labels_with(english.deck.current(), TEXTS["ko"]):
        assert widget.layoutDirection() is Qt.LayoutDirection.LeftToRight


def test_an_arabic_quote_starts_at_the_right_edge(qtbot) -> None:
    window = window_in(qtbot, SCRIPTS, (1920, 1080), "ar")
    window.nav.quotes()
    canvas = window.quotes.carousel.canvas
    qtbot.waitUntil(lambda: canvas.width() > 0 and canvas.isVisible())
    index = next(i for i, q in enumerate(canvas.quotes) if TEXTS["ar"] in canvas.text_of(i))
    image = canvas.pixmap(index).toImage()
    left, right = ink_box(image, QColor(0, 0, 0, 0))
    assert right > 0.8 * canvas.width() and left > 0.2 * canvas.width(), (left, right)
    korean = next(i for i, q in enumerate(canvas.quotes) if TEXTS["ar"] not in canvas.text_of(i))
    k_left, _k_right = ink_box(canvas.pixmap(korean).toImage(), QColor(0, 0, 0, 0))
    assert k_left < 0.2 * canvas.width(), k_left
