"""Every screen at 1280×720, 1920×1080, 3840×2160 and portrait 1080×1920: nothing clipped,
nothing outside the window, type large enough, touch targets large enough."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.core.modes import Mode
from kiosk.theme import contrast

SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]


def visible_labels(root: QWidget) -> list[QLabel]:
    return [lb for lb in root.findChildren(QLabel) if lb.isVisibleTo(root) and lb.text()]


def assert_nothing_clipped(window, root: QWidget) -> None:
    QApplication.processEvents()  # let posted layout requests run, as before any paint
    win = window.rect()
    for lb in visible_labels(root):
        where = f"{lb.text()[:40]!r} ({lb.property('role')})"
        if lb.wordWrap():
            assert lb.height() >= lb.heightForWidth(lb.width()) - 1, f"clipped: {where}"
        else:
            assert lb.width() >= lb.sizeHint().width() - 1, f"elided: {where}"
            # squeezed from above or below: a table too tall for its card cut the letters'
            # tails (the help's keys at 1080p)
            assert lb.height() >= lb.sizeHint().height() - 1, f"squeezed: {where}"
        left = lb.mapTo(window, lb.rect().topLeft()).x()
        right = lb.mapTo(window, lb.rect().topRight()).x()
        assert left >= 0 and right <= win.width(), f"outside the window: {where}"
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            assert button.width() >= button.sizeHint().width() - 1, button.accessibleName()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_layout(make_window, size) -> None:
    window = make_window(size=size)
    assert_nothing_clipped(window, window.home)
    assert len(window.home.cards) == 7
    # six posters at a glance: on a landscape screen every card is fully on screen
    if size[0] > size[1]:
        for card in window.home.cards:
            bottom = card.mapTo(window, card.rect().bottomLeft()).y()
            assert bottom <= size[1], card.accessibleName()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "poster", ["montreal-technopole-angus", "barcelona-growing-sse", "transferability"]
)
def test_poster_layout(make_window, size, poster) -> None:
    window = make_window(size=size)
    window.nav.open_id(poster)
    view = window.deck.current()
    assert_nothing_clipped(window, view.widget())
    assert_nothing_clipped(window, window.poster_screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview_and_help_layout(make_window, size) -> None:
    window = make_window(size=size)
    window.nav.overview()
    assert_nothing_clipped(window, window.overview)
    window.modes.enter(Mode.HELP)
    assert_nothing_clipped(window, window.help)


def test_type_scale_readable_at_two_metres(make_window) -> None:
    window = make_window(size=(1920, 1080))
    window.nav.open(1)
    page = window.deck.current().widget()
    body = [lb for lb in visible_labels(page) if lb.property("role") == "body"]
    assert body and all(lb.font().pixelSize() >= 28 for lb in body)
    smallest = min(lb.font().pixelSize() for lb in visible_labels(page))
    assert smallest >= 24


def test_type_scales_with_the_screen(make_window) -> None:
    window = make_window(size=(3840, 2160))
    window.nav.open(1)
    body = [
        lb for lb in visible_labels(window.deck.current().widget()) if lb.property("role") == "body"
    ]
    assert body[0].font().pixelSize() == 56


def test_touch_targets_are_large_enough(make_window) -> None:
    window = make_window(size=(1920, 1080))
    window.nav.open(2)
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            assert button.width() >= 48 and button.height() >= 48, button.accessibleName()


@pytest.mark.parametrize(
    "theme", ["dark_teal.xml", "light_blue.xml", "dark_amber.xml", "light_orange.xml"]
)
def test_text_contrast(theme) -> None:
    from kiosk.theme import palette_for

    p = palette_for(theme)
    for fg in (p.text, p.muted, p.accent_text):
        for bg in (p.background, p.surface):
            assert contrast(fg, bg) >= 4.5, (theme, fg, bg)
    assert contrast(p.text, p.surface_alt) >= 4.5
    assert contrast(p.on_accent, p.accent) >= 4.5


def test_light_theme_gallery_renders(make_window, mini_gallery: Path) -> None:
    """The small fixture gallery (light theme, two languages) works the same way."""
    window = make_window(content=mini_gallery, size=(1920, 1080))
    assert len(window.home.cards) == 2
    assert not window.ctx.palette.dark
    window.nav.open(1)
    assert_nothing_clipped(window, window.deck.current().widget())


LONG = "Vital Neighborhoods in Metropolitan Cities — Power of Urban Transformation"
LONGER = LONG + " through the Social and Solidarity Economy"


@pytest.mark.parametrize(("long_title", "role"), [(LONG, "h1"), (LONGER, "h2")])
def test_a_long_event_title_keeps_the_whole_home_on_a_1080p_screen(
    qtbot, make_window, tmp_path, long_title, role
) -> None:
    """Issue 17: a title of two lines at display size pushed the last row of cards and the
    quotes' controls off a 1080p home. A title too long for one line is set one size down;
    one that size would set on three lines, two sizes down."""
    import shutil

    from PySide6.QtCore import QRect

    from kiosk import paths

    content = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), content)
    gallery = content / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    gallery.write_text(
        text.replace(  # the English title (gallery.yaml's title is a map of languages)
            "title:\n  en: Vital Neighborhoods in Metropolitan Cities\n",
            f"title:\n  en: {long_title}\n",
        ),
        encoding="utf-8",
    )
    window = make_window(content=content, size=(1920, 1080))
    home = window.home
    assert home.title.text() == long_title and home.title.property("role") == role
    viewport = home.viewport()

    def inside(widget) -> bool:  # noqa: ANN001
        return viewport.rect().contains(
            QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
        )

    # every card's title and place, and the quotes' controls, on the first screen
    from PySide6.QtWidgets import QLabel

    for card in home.cards:
        assert all(inside(lab) for lab in card.findChildren(QLabel)), card.accessibleName()
    assert inside(home.carousel.controls)
    # the default title fits one line and keeps the display size
    assert make_window(size=(1920, 1080)).home.title.property("role") == "display"
