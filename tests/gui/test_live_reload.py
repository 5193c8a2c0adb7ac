"""Live reload applies what changed, on real files and a real window: an image edited in place
shows its new pixels (on the poster, on its card, in the attract loop), an edited poster is
rebuilt alone with the visitor's place kept, and the content is parsed off the GUI thread."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.navigation import Screen
from kiosk.ui.live.reload import ContentReloader
from kiosk.ui.main_window import MainWindow

TIMEOUT = 5000  # ms: the watcher's debounce, a parse in the worker and a decode, on a busy CI
RED = QColor(220, 0, 0)
BLUE = QColor(0, 0, 220)


def write_png(path: Path, colour: QColor, size: tuple[int, int] = (320, 200)) -> None:
    """A solid picture, written over the file in place (QImage.save truncates the same file:
    same path, same inode, and for a solid fill the same byte size as the previous colour)."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path), "PNG")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def near(actual: QColor, wanted: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in (
            (actual.red(), wanted.red()),
            (actual.green(), wanted.green()),
            (actual.blue(), wanted.blue()),
        )
    )


def sample(window: QWidget, widget: QWidget) -> QColor:
    """The colour at the middle of ``widget`` in a grab of the whole live window: what a
    visitor sees, not what a cache holds."""
    point: QPoint = widget.mapTo(window, widget.rect().center())
    return window.grab().toImage().pixelColor(point)


@pytest.fixture
def picture_gallery(mini_gallery: Path) -> Path:
    """The mini gallery with the dock poster illustrated by a red PNG of its own."""
    write_png(mini_gallery / "images" / "dock.png", RED)
    dock = mini_gallery / "posters" / "dock.yaml"
    text = dock.read_text(encoding="utf-8")
    dock.write_text(text.replace("artwork: images/wave.svg", "artwork: images/dock.png"), "utf-8")
    return mini_gallery


def test_an_image_edited_in_place_shows_its_new_pixels_on_the_poster_and_its_card(
    make_rig, qtbot, picture_gallery: Path
) -> None:
    """The same file, new pixels: the poster on show and its home card show the new picture
    after the reload (the store's cached decode of the old file is not reused)."""
    rig = make_rig(content=picture_gallery, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.open(1)
    art = window.deck.current().widget().artworks()[0]
    qtbot.waitUntil(lambda: near(sample(window, art), RED), timeout=TIMEOUT)

    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        write_png(picture_gallery / "images" / "dock.png", BLUE)
    art = window.deck.current().widget().artworks()[0]
    qtbot.waitUntil(lambda: near(sample(window, art), BLUE), timeout=TIMEOUT)
    assert window.deck.current().poster.id == "dock-cooperative"

    window.nav.home()
    card = window.home.cards[1]
    card_art = card.findChildren(type(art))[0]
    qtbot.waitUntil(lambda: near(sample(window, card_art), BLUE), timeout=TIMEOUT)


def test_a_picture_edit_held_back_by_an_error_shows_with_the_fix(
    make_rig, qtbot, picture_gallery: Path
) -> None:
    """The picture changes in the same save as a YAML mistake: nothing on screen changes;
    when the mistake is fixed, the new picture shows (the files are compared with what is on
    screen, not with the last parse)."""
    rig = make_rig(content=picture_gallery, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.open(1)
    art = window.deck.current().widget().artworks()[0]
    qtbot.waitUntil(lambda: near(sample(window, art), RED), timeout=TIMEOUT)
    dock = picture_gallery / "posters" / "dock.yaml"
    with qtbot.waitSignal(rig.reloader.rejected, timeout=TIMEOUT):
        edit(dock, "kind: case", "kind: [broken")
        write_png(picture_gallery / "images" / "dock.png", BLUE)
    assert window.deck.current().widget().artworks()[0] is art
    assert near(sample(window, art), RED)
    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        edit(dock, "kind: [broken", "kind: case")
    art = window.deck.current().widget().artworks()[0]
    qtbot.waitUntil(lambda: near(sample(window, art), BLUE), timeout=TIMEOUT)


def test_the_poster_on_show_removed_goes_home(make_rig, qtbot, mini_gallery: Path) -> None:
    rig = make_rig(content=mini_gallery, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.open(1)
    edit(
        mini_gallery / "gallery.yaml",
        "posters: [harbour-intro, dock-cooperative]",
        "posters: [harbour-intro]",
    )
    edit(mini_gallery / "quotes.yaml", "posters: [dock-cooperative]", "posters: []")
    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        (mini_gallery / "posters" / "dock.yaml").unlink()
    assert window.nav.state.screen is Screen.HOME
    assert window.stack.currentWidget() is window.home
    assert len(window.home.cards) == 1
    window.nav.open(0)
    assert window.deck.current().poster.id == "harbour-intro"


def test_the_attract_loop_shows_the_new_pixels(make_rig, qtbot, mini_gallery: Path) -> None:
    """The attract loop paints its slide once into a frame: after the reload that frame is
    painted again from the new decode, not kept."""
    write_png(mini_gallery / "images" / "intro.png", RED)
    edit(mini_gallery / "posters" / "intro.yaml", "images/wave.svg", "images/intro.png")
    rig = make_rig(content=mini_gallery, watch=True, kiosk_on=True)
    window = rig.window
    rig.kiosk.reset()  # the idle reset: the attract loop plays, the introduction first

    def art_colour() -> QColor:
        attract = rig.kiosk.attract
        assert attract.isVisible() and attract.index == 0
        # the first slide's picture sits in the right half of a landscape screen
        point = attract.mapTo(window, QPoint(round(attract.width() * 0.7), attract.height() // 2))
        return window.grab().toImage().pixelColor(point)

    qtbot.waitUntil(lambda: near(art_colour(), RED), timeout=TIMEOUT)
    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        write_png(mini_gallery / "images" / "intro.png", BLUE)
    qtbot.waitUntil(lambda: near(art_colour(), BLUE), timeout=TIMEOUT)


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    """The shipped content, copied: its posters are long enough to scroll."""
    target = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), target)
    return target


def poster_title(view) -> str:  # noqa: ANN001
    return view.widget().findChild(QLabel, "posterTitle").text()


def test_an_edited_poster_is_rebuilt_alone_and_the_visitor_keeps_their_place(
    make_rig, qtbot, default_copy: Path
) -> None:
    """Editing the poster on show rebuilds its page (the new title is on screen) at the
    same scroll position; its neighbours' pages, the other cards and every screen are the
    same widgets as before."""
    rig = make_rig(content=default_copy, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.overview()
    window.nav.open(1)
    deck = window.deck
    qtbot.waitUntil(lambda: set(deck.built()) == {0, 1, 2}, timeout=TIMEOUT)  # neighbours ready
    before_views = {i: deck.view(i) for i in (0, 1, 2)}
    deck.show_index(1)  # (view() above touched the others; the current one stays on show)
    current = deck.current()
    bar = current.verticalScrollBar()
    assert bar.maximum() > 600, "the poster must be long enough to scroll"
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    screens = (window.home, window.overview, window.poster_screen)
    cards = {
        name: list(screen.cards)
        for name, screen in zip(("home", "overview"), screens[:2], strict=True)
    }

    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        edit(
            default_copy / "posters" / "montreal-technopole-angus.yaml",
            "title:\n  en: Technopole Angus\n",
            "title:\n  en: Technopole Angus, renewed\n",
        )

    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 1
    assert (window.home, window.overview, window.poster_screen) == screens
    assert window.deck is deck
    view = deck.current()
    assert view is not current  # the edited poster was built again...
    assert poster_title(view) == "Technopole Angus, renewed"
    assert view.isVisible() and view.verticalScrollBar().value() == position  # ...in place
    assert deck.view(0) is before_views[0] and deck.view(2) is before_views[2]
    for name, screen in zip(("home", "overview"), screens[:2], strict=True):
        assert screen.cards[0] is cards[name][0] and screen.cards[2:] == cards[name][2:]
        assert screen.cards[1] is not cards[name][1]
        assert "Technopole Angus, renewed" in screen.cards[1].accessibleName()


def test_editing_another_poster_leaves_the_one_on_show_untouched(
    make_rig, qtbot, default_copy: Path
) -> None:
    rig = make_rig(content=default_copy, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.open(1)
    deck = window.deck
    qtbot.waitUntil(lambda: 2 in deck.built(), timeout=TIMEOUT)
    current = deck.current()
    current.verticalScrollBar().setValue(400)
    neighbour = deck.view(2)
    deck.show_index(1)

    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        edit(
            default_copy / "posters" / "seoul-sse-special-districts.yaml",
            "title:\n  en: SSE Special Districts\n",
            "title:\n  en: SSE Special Districts of Seoul\n",
        )

    assert window.deck is deck  # (not a new poster screen)
    assert deck.current() is current and current.verticalScrollBar().value() == 400
    assert window.nav.state.index == 1
    window.nav.next()  # the edited neighbour, built from the new content when it is needed
    assert deck.current() is not neighbour
    assert poster_title(deck.current()) == "SSE Special Districts of Seoul"


def test_a_poster_edited_while_the_visitor_is_home_opens_as_it_would_have(
    make_rig, qtbot, default_copy: Path
) -> None:
    """The poster page rebuilt while the deck is hidden learns its scroll range only when it
    is shown: it opens at the same place as it opens with no reload in between."""
    rig = make_rig(content=default_copy, watch=True, kiosk_on=False)
    window = rig.window
    window.nav.open(1)
    old = window.deck.current()
    old.verticalScrollBar().setValue(500)
    window.nav.home()
    window.nav.open(1)
    expected = old.verticalScrollBar().value()  # where it opens with no reload: 500 today
    window.nav.home()
    with qtbot.waitSignal(rig.reloader.applied, timeout=TIMEOUT):
        edit(
            default_copy / "posters" / "montreal-technopole-angus.yaml",
            "title:\n  en: Technopole Angus\n",
            "title:\n  en: Angus\n",
        )
    window.nav.open(1)
    view = window.deck.current()
    assert view is not old and poster_title(view) == "Angus"
    assert view.verticalScrollBar().value() == expected


def test_a_reload_during_a_swipe_ends_it_and_the_next_swipe_works(
    qtbot, make_window, default_copy: Path
) -> None:
    """The finger is down and the slide layer shows pictures of the old page when the poster
    is rebuilt: the swipe is let go (nothing is left half-way), and the rebuilt page swipes."""
    window = make_window(default_copy, reduced_motion=False)
    window.nav.open(1)
    vp = window.deck.current().viewport()
    press, move = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(vp, press, move, QPoint(1200, 500))
    QTest.mouseMove(vp, QPoint(1100, 500))
    QTest.mouseMove(vp, QPoint(900, 500))
    assert window.deck.slide.isVisible()
    edit(
        default_copy / "posters" / "montreal-technopole-angus.yaml",
        "title:\n  en: Technopole Angus\n",
        "title:\n  en: Angus\n",
    )
    window.set_gallery(load_gallery(default_copy, paths.assets_dir()).gallery)
    assert not window.deck.slide.isVisible() and not window.deck.is_animating()
    assert window.deck.index == 1 and window.nav.state.index == 1
    QTest.mouseRelease(vp, press, move, QPoint(900, 500))  # (on the page let go)
    view = window.deck.current()
    assert poster_title(view) == "Angus"
    clock = FakeClock(100.0)
    view.gestures.clock = clock
    new_vp = view.viewport()
    QTest.mousePress(new_vp, press, move, QPoint(1500, 500))
    for x in (1300, 1000, 700):
        clock.advance(0.05)
        QTest.mouseMove(new_vp, QPoint(x, 500))
    QTest.mouseRelease(new_vp, press, move, QPoint(700, 500))
    qtbot.waitUntil(lambda: window.deck.index == 2 and not window.deck.is_animating())
    assert window.nav.state.index == 2


def test_parsing_runs_off_the_gui_thread_and_a_change_meanwhile_is_parsed_again(
    qtbot, mini_gallery: Path
) -> None:
    """The loader runs in a worker while the GUI thread goes on; the author saves again while
    the first parse (of the old text) is held; that result is not applied as if it were the
    newest: the content is parsed again and the second save is what shows."""
    result = load_gallery(mini_gallery, paths.assets_dir())
    ctx = startup.make_context(result.gallery, (1280, 720), reduced_motion=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    threads: list[threading.Thread] = []
    held = threading.Event()
    release = threading.Event()

    def loader(content: Path, assets: Path):  # noqa: ANN202
        threads.append(threading.current_thread())
        parsed = load_gallery(content, assets)
        if len(threads) == 1:  # the first parse has read the files: hold it there
            held.set()
            release.wait(TIMEOUT / 1000)
        return parsed

    dock = mini_gallery / "posters" / "dock.yaml"
    edit(dock, "title: The Dock Cooperative", "title: First save")  # (before the watch starts)
    reloader = ContentReloader(
        window, mini_gallery, paths.assets_dir(), result, watch=True, loader=loader
    )
    applied: list[tuple[str, threading.Thread]] = []
    reloader.applied.connect(
        lambda gallery: applied.append((gallery.posters[1].title.get(), threading.current_thread()))
    )
    try:
        reloader.reload()  # (as the admin screen's button does)
        qtbot.waitUntil(held.is_set, timeout=TIMEOUT)  # the GUI thread runs while it parses
        assert reloader.busy()
        # the watcher (on the GUI thread) sees the second save while the parse is held
        with qtbot.waitSignal(reloader.watcher.rescanned, timeout=TIMEOUT):
            edit(dock, "title: First save", "title: Second save")
        assert applied == []
        with qtbot.waitSignal(reloader.applied, timeout=TIMEOUT):
            release.set()
    finally:
        release.set()
        reloader.watcher.stop()
    assert len(threads) == 2
    assert all(t is not threading.main_thread() for t in threads)
    assert applied == [("Second save", threading.main_thread())]
    assert window.ctx.gallery.posters[1].title.get() == "Second save"
