"""The theme rendered at build time (tools.render_theme) is qt-material's own look: the
same stylesheet text at any font size, and the app falls back to live qt-material without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from kiosk import paths, theme
from tools import render_theme

qt_material = pytest.importorskip("qt_material")


def live_css(name: str, px: int, folder: Path) -> str:
    palette = QGuiApplication.palette()
    try:
        return qt_material.build_stylesheet(
            theme=name,
            invert_secondary=name.startswith("light"),
            extra=theme.material_extra(theme.FONT_FAMILY, px),
            parent=str(folder),
        )
    finally:
        QGuiApplication.setPalette(palette)  # it tints the application's palette


@pytest.mark.parametrize("name", ["dark_teal.xml", "light_cyan_500.xml"])
def test_prerendered_stylesheet_is_qt_materials_at_every_size(qapp, tmp_path, name) -> None:
    palette = QGuiApplication.palette()
    try:
        folder = render_theme.render(name, tmp_path / "theme")
    finally:
        QGuiApplication.setPalette(palette)
    icons = {p.relative_to(folder / "icons").as_posix() for p in (folder / "icons").rglob("*.svg")}
    for px in (14, 28, 56):
        css, _manifest = theme.prerendered_stylesheet(folder, name, px)
        assert css == live_css(name, px, tmp_path / f"live-{px}")
        used = set(render_theme.ICON_URL.findall(css))
        assert used and {f"{kind}/{file}" for kind, file in used} <= icons


def test_no_rendering_or_another_platform_means_live(tmp_path) -> None:
    assert theme.prerendered_stylesheet(tmp_path / "missing", "dark_teal.xml", 28) is None
    folder = tmp_path / "dark_teal"
    folder.mkdir()
    (folder / "stylesheet.qss").write_text("QWidget {}")
    (folder / "theme.json").write_text(
        json.dumps({"theme": "dark_teal.xml", "platform": "Plan9", "sentinel": 7777})
    )
    assert theme.prerendered_stylesheet(folder, "dark_teal.xml", 28) is None


def test_the_shipped_rendering_is_up_to_date(qapp, tmp_path) -> None:
    """assets/theme, when present, matches what the installed qt-material renders now."""
    shipped = paths.assets_dir() / "theme"
    if not (shipped / "dark_teal" / "theme.json").is_file():
        pytest.skip("assets/theme not rendered (python -m tools.render_theme)")
    palette = QGuiApplication.palette()
    try:
        fresh = render_theme.render("dark_teal.xml", tmp_path)
    finally:
        QGuiApplication.setPalette(palette)
    assert (shipped / "dark_teal" / "stylesheet.qss").read_text() == (
        fresh / "stylesheet.qss"
    ).read_text()
