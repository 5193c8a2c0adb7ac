"""Issue 17: the chart in the Montreal poster was drawn in another font. The charts ask for
"Roboto, DejaVu Sans, sans-serif"; Qt's SVG renderer took the list for one family name, found
none and drew in its default font. The cleaned document names the first family, so the charts
are drawn in the app's Roboto."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from kiosk import paths
from kiosk.content import svgsafe
from kiosk.theme import load_fonts
from kiosk.ui.images import _render_svg


def test_a_font_list_is_given_to_qt_as_its_first_family() -> None:
    cleaned = svgsafe.clean(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b"<text font-family=\"'Roboto Slab', Georgia, serif\">a</text>"
        b'<text font-family="Roboto, DejaVu Sans, sans-serif">b</text>'
        b'<text font-family=" , DejaVu Sans">c</text></svg>'
    )
    text = cleaned.data.decode()
    assert 'font-family="Roboto Slab"' in text
    assert 'font-family="Roboto"' in text and 'font-family="DejaVu Sans"' in text
    assert "sans-serif" not in text


def test_the_montreal_chart_is_drawn_in_roboto(qtbot, tmp_path: Path) -> None:
    """The app's drawing of the chart equals a drawing of the same chart naming Roboto alone,
    and differs from one naming DejaVu Sans (the font Qt fell back to)."""
    assert "Roboto" in load_fonts(paths.assets_dir() / "fonts")  # as the app does at start
    chart = paths.assets_dir() / "charts" / "angus-site.svg"
    source = chart.read_text(encoding="utf-8")
    assert 'font-family="Roboto, DejaVu Sans, sans-serif"' in source
    target = QSize(800, 450)
    drawn = _render_svg(chart, target)
    variants = {}
    for family in ("Roboto", "DejaVu Sans"):
        copy = tmp_path / f"{family}.svg"
        copy.write_text(source.replace("Roboto, DejaVu Sans, sans-serif", family), encoding="utf-8")
        variants[family] = _render_svg(copy, target)
    assert not drawn.isNull()
    assert drawn == variants["Roboto"]
    assert drawn != variants["DejaVu Sans"]
