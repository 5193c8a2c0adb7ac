"""Issue 17: the organisers and partners from gallery.yaml on the home screen and in the attract
loop, with logos where the content gives them; the home still holds every card and the quotes'
controls at every screen size, however many organisers there are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import paths
from kiosk.ui.credits import CreditsLine
from kiosk.ui.images import ArtworkView
from kiosk.ui.kiosk.attract import CreditsSlide
from tests.gui.test_layout import SIZES, assert_nothing_clipped

# logos drawn for these tests: an orange ring and a pink band (no real organisation's)
RING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
    '<circle cx="20" cy="20" r="18" fill="#ffb300"/><circle cx="20" cy="20" r="8" '
    'fill="#263238"/></svg>\n'
)
BAND = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect width="120" height="40" rx="6" fill="#e91e63"/></svg>\n'
)
LONG_NAMES = [
    f"The Regional Association of Cooperative Enterprises and Solidarity Finance No. {i}"
    for i in range(1, 31)
]


def content_with(tmp_path: Path, organisers: str) -> Path:
    """The default content with ``organisers`` (YAML) in place of its organisers."""
    content = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), content)
    gallery = content / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    start, end = text.index("organisers:\n"), text.index("credits:\n")
    gallery.write_text(text[:start] + organisers + "\n" + text[end:], encoding="utf-8")
    return content


def with_logos(tmp_path: Path) -> Path:
    content = content_with(
        tmp_path,
        "organisers:\n"
        "  - name: Ring Collective\n    short: RC\n    logo: logos/ring.svg\n"
        "    alt: An orange ring\n"
        "  - Plain Society\n"
        "partners:\n"
        "  - name: Band Trust\n    logo: logos/band.svg\n",
    )
    (content / "logos").mkdir()
    (content / "logos" / "ring.svg").write_text(RING, encoding="utf-8")
    (content / "logos" / "band.svg").write_text(BAND, encoding="utf-8")
    return content


def inside(widget: QWidget, viewport: QWidget) -> bool:
    return viewport.rect().contains(
        QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
    )


def count_colour(image: QImage, colour: str) -> int:
    want = QColor(colour)
    step = 2
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if abs(QColor(image.pixel(x, y)).red() - want.red()) < 12
        and abs(QColor(image.pixel(x, y)).green() - want.green()) < 12
        and abs(QColor(image.pixel(x, y)).blue() - want.blue()) < 12
    )


def test_home_names_the_organisers_and_partners(make_window) -> None:
    home = make_window(size=(1920, 1080)).home
    line = home.findChild(CreditsLine)
    assert line is not None and line.isVisible()
    shown = [lab.text() for lab in line.findChildren(QLabel) if lab.isVisibleTo(line)]
    assert shown == [
        "Organised by",
        "GSEF,",
        "C.I.T.I.E.S.,",
        "SACN,",
        "UCLG Learning Team",
        "In partnership with",
        "Metropolis",
    ]
    # the full names for a screen reader
    description = line.accessibleDescription()
    assert "Global Social Economy Forum (GSEF)" in description
    assert "South African Cities Network (SACN)" in description
    assert description.endswith("In partnership with: Metropolis")
    assert [lab.accessibleName() for lab in line.names()][0] == "Global Social Economy Forum (GSEF)"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("organisers", ["default", "long"])
def test_the_credits_keep_every_card_and_the_quotes_controls_on_screen(
    make_window, tmp_path, size, organisers
) -> None:
    content = None
    if organisers == "long":
        content = content_with(
            tmp_path, "organisers:\n" + "".join(f"  - {n}\n" for n in LONG_NAMES)
        )
    window = make_window(content=content, size=size)
    home = window.home
    viewport = home.viewport()
    line = home.credits
    assert line is not None and line.isVisible()
    assert_nothing_clipped(window, home)
    for card in home.cards:
        assert inside(card, viewport), card.accessibleName()
    assert inside(home.carousel.controls, viewport)
    assert inside(line, viewport)
    for child in line.findChildren(QWidget):
        if child.isVisibleTo(line):
            assert QRect(0, 0, line.width(), line.height()).contains(child.geometry())
    if organisers == "long":
        # what did not fit is counted, never dropped silently; every name is described
        assert line.more.isVisibleTo(line) and line.more.text().startswith("and ")
        hidden = int(line.more.text().split()[1])
        assert len(line.names()) + hidden == len(LONG_NAMES)
        assert all(n in line.accessibleDescription() for n in LONG_NAMES)
    else:
        assert not line.more.isVisibleTo(line)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_logos_show_on_home_at_the_texts_height(make_window, tmp_path, size) -> None:
    window = make_window(content=with_logos(tmp_path), size=size)
    window.ctx.images.wait()
    line = window.home.credits
    logos = [v for v in line.findChildren(ArtworkView) if v.isVisibleTo(line)]
    assert [v.accessibleName() for v in logos] == ["An orange ring", "Logo of Band Trust"]
    name = line.names()[0]
    assert name.text() == "RC,"
    assert name.accessibleName() == "Ring Collective (RC)"
    for view in logos:
        assert view.state() == "image"
        assert view.height() == name.fontMetrics().height()
    assert logos[1].width() == 3 * logos[1].height()  # the band's shape, 120 by 40
    grab = window.grab().toImage()
    assert count_colour(grab, "#ffb300") > 20 and count_colour(grab, "#e91e63") > 20


def test_a_hostile_logo_leaves_the_name_and_the_gallery(make_window, tmp_path) -> None:
    content = content_with(
        tmp_path,
        "organisers:\n  - name: Ring Collective\n    logo: ../../ring.svg\n"
        "  - name: Band Trust\n    logo: /etc/band.svg\n",
    )
    (tmp_path / "ring.svg").write_text(RING, encoding="utf-8")
    window = make_window(content=content, size=(1920, 1080))
    assert len(window.home.cards) == 7
    line = window.home.credits
    assert [lab.text() for lab in line.names()] == ["Ring Collective,", "Band Trust"]
    assert not line.findChildren(ArtworkView)


def attract_for(rig):  # noqa: ANN001, ANN201
    rig.kiosk.reset()
    attract = rig.kiosk.attract
    index = next(i for i, s in enumerate(attract.slides) if isinstance(s, CreditsSlide))
    return attract, index


def test_the_attract_loop_ends_its_round_with_the_credits(make_rig) -> None:
    attract, index = attract_for(make_rig())
    assert index == len(attract.slides) - 1
    slide = attract.slides[index]
    assert [g.heading for g in slide.organisations] == ["Organised by", "In partnership with"]
    assert [g.heading for g in slide.roles] == [
        "Coordination",
        "Write and Edit",
        "Source",
        "For more information",
    ]


def test_the_attract_credits_slide_shows_the_logos(make_rig, tmp_path) -> None:
    rig = make_rig(content=with_logos(tmp_path))
    attract, index = attract_for(rig)
    attract.index = index
    attract.grab()  # asks the image store for the logos
    rig.window.ctx.images.wait()
    attract._frame = None
    frame = attract.grab().toImage()
    assert count_colour(frame, "#ffb300") > 50 and count_colour(frame, "#e91e63") > 50
    attract.index = 0  # a poster: no logos
    attract._frame = None
    assert count_colour(attract.grab().toImage(), "#ffb300") == 0
