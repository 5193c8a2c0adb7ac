"""Every SVG the app ships renders in Qt's SVG Tiny 1.2 renderer, without warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk import paths

# our own artwork (assets/theme holds qt-material's generated icons, rendered by the theme step)
SVGS = sorted(
    p for kind in ("art", "charts", "icons") for p in (paths.assets_dir() / kind).rglob("*.svg")
)
# constructs Qt's SVG Tiny renderer ignores or that could reach outside the file
FORBIDDEN = re.compile(
    r"<\s*(clipPath|mask|filter|pattern|style|foreignObject|image|script|"
    r"use|textPath)\b|\bhref\s*=|<!ENTITY|clip-path=|mask=|filter=",
    re.I,
)


def test_assets_exist() -> None:
    kinds = {p.parent.name for p in SVGS}
    assert {"art", "charts", "icons"} <= kinds


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_svg_renders_in_qt(qapp, svg: Path) -> None:
    source = svg.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(source)
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    image = QImage(160, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 160, 100))
    painter.end()
    # something was drawn: not every pixel is still transparent
    opaque = sum(
        1 for x in range(0, 160, 4) for y in range(0, 100, 4) if image.pixelColor(x, y).alpha() > 0
    )
    assert opaque > 0
