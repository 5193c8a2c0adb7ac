"""Issue 17: fact tiles and the lessons panel drew small hooks at their corners, where a rounded
corner met a border on one side only. The accent edge now runs straight to square corners on its
side, and nothing but the panel's own colour lies along the other edges."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.theme import stylesheet
from kiosk.ui.widgets import panel


@pytest.mark.parametrize(("kind", "edge"), [("tile", "top"), ("lessons", "left")])
def test_the_accent_edge_has_no_hooks(qtbot, kind, edge) -> None:
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    ctx = startup.make_context(gallery, (1920, 1080), reduced_motion=True)
    host = QWidget()
    host.setStyleSheet(stylesheet(ctx.palette, ctx.scale))
    qtbot.addWidget(host)
    frame = panel(kind, host)
    frame.setGeometry(10, 10, 300, 160)
    host.resize(320, 180)
    host.show()
    qtbot.waitExposed(host)
    image = frame.grab().toImage()
    accent = QColor(ctx.palette.accent)
    fill = QColor(ctx.palette.surface if kind == "tile" else ctx.palette.surface_alt)
    bar = ctx.scale.space(0.75 if kind == "tile" else 1.25)

    def colour(x: int, y: int) -> QColor:
        return QColor(image.pixel(x, y))

    def near(a: QColor, b: QColor) -> bool:
        return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 24

    if edge == "top":
        # the bar is whole from the first column to the last, square at both ends
        assert all(near(colour(x, 1), accent) for x in (0, 1, image.width() - 1))
        # just below it, along the side edges: the tile's own colour, no curl of accent
        for y in range(bar + 1, bar + 12):
            assert near(colour(0, y), fill) and near(colour(image.width() - 1, y), fill), y
    else:
        assert all(near(colour(1, y), accent) for y in (0, 1, image.height() - 1))
        for x in range(bar + 1, bar + 12):
            assert near(colour(x, 0), fill) and near(colour(x, image.height() - 1), fill), x
