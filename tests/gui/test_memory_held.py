"""What the posters keep in memory: the pages, the pre-rendered pixmaps and the artwork of the
current poster and its neighbours only."""

from __future__ import annotations

from PySide6.QtCore import QSize

from kiosk import paths
from kiosk.ui.images import ArtworkView, ImageStore


def test_the_store_forgets_the_artwork_of_views_let_go(qtbot) -> None:
    store = ImageStore()
    art = paths.assets_dir() / "art"
    files = sorted(p for p in art.iterdir() if p.suffix.lower() in (".svg", ".png", ".jpg"))[:2]
    kept, dropped = (ArtworkView(store, f) for f in files)
    for view in (kept, dropped):
        qtbot.addWidget(view)
        view.resize(320, 200)
        view.show()
    qtbot.waitUntil(lambda: kept.state() == "image" and dropped.state() == "image", timeout=10000)
    stale = QSize(123, 45)  # an earlier size of a view: no view shows it any more
    store._finished(ImageStore.key(files[0], stale), store.get(files[0], kept._target()))
    assert len(store._cache) == 3
    dropped.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dropped))
    store.trim()
    assert list(store._cache) == [kept.key()]
    assert store.cached_bytes() == store._cache[kept.key()].sizeInBytes()


def _alive(view: ArtworkView) -> bool:
    from shiboken6 import isValid

    return isValid(view)


def test_the_current_poster_and_its_neighbours_only(qtbot, window) -> None:
    deck = window.deck
    window.nav.open(2)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {1, 3})  # pre-rendered for a swipe
    assert set(deck.built()) == {1, 2, 3}
    window.nav.open(4)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {3, 5})
    assert set(deck.built()) == {3, 4, 5}


def test_a_slide_holds_the_target_not_the_other_neighbour(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    deck = window.deck
    window.nav.open(2)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {1, 3})
    window.nav.next()
    assert deck.is_animating()
    assert set(deck._snapshots) == {3}  # and the slide's own picture of poster 2
    qtbot.waitUntil(lambda: not deck.is_animating(), timeout=3000)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {2, 4})


def test_no_pictures_of_neighbours_while_the_posters_are_not_on_show(qtbot, window) -> None:
    """Home, the overview, the quotes or the attract loop over them: nothing slides, so the
    deck lets its full-screen pictures go (16 MB at 1080p), and makes them again when shown."""
    deck = window.deck
    window.nav.open(2)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {1, 3})
    window.nav.home()
    assert not deck.isVisible()
    assert deck._snapshots == {}
    assert deck.rest.get(deck.current()) is None
    window.nav.open(2)
    qtbot.waitUntil(lambda: set(deck._snapshots) == {1, 3})


def test_a_swipe_held_when_the_posters_go_keeps_no_pictures(qtbot, make_window) -> None:
    """A finger dragging a poster when Home (or an idle reset) takes the posters away: the
    swipe ends there. (Its release found the slide layer hidden and was ignored, and the layer
    kept its three full-screen pictures for good: the soak's home screen, 25 MB more.)"""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window = make_window(reduced_motion=False)
    deck = window.deck
    window.nav.open(1)
    vp = deck.current().viewport()
    press, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(vp, press, none, QPoint(1200, 500))
    QTest.mouseMove(vp, QPoint(1100, 500))
    QTest.mouseMove(vp, QPoint(900, 500))
    assert deck.slide.isVisible() and deck.slide.current is not None
    window.nav.home()
    QTest.mouseRelease(vp, press, none, QPoint(900, 500))
    assert (deck.slide.current, deck.slide.before, deck.slide.after) == (None, None, None)
    assert not deck.slide.isVisibleTo(deck)
    window.nav.open(1)  # back: the poster itself, no picture of a move over it
    assert deck.index == 1 and not deck.is_animating()
    qtbot.waitUntil(lambda: set(deck._snapshots) == {0, 2})


def test_a_screen_rebuilt_lets_go_of_its_parts_even_when_it_is_held(qtbot, window) -> None:
    """Finding 12 of docs/reliability.md: a reference the soak could not see (inside the
    bindings) kept old screens' wrappers after an idle reset's rebuild, and with them every
    part's wrapper. Held here by the test: the parts go all the same."""
    import gc
    import weakref

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window.nav.home()
    held = window.home  # what the unseen reference did
    parts = [weakref.ref(held.carousel), weakref.ref(held.gestures)]
    window.rebuild()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not _alive(held)
    gc.collect()
    assert [part() for part in parts] == [None, None]
    assert window.home is not held and _alive(window.home)


def test_rebuilds_leave_no_wrappers_of_deleted_widgets(qtbot, window) -> None:
    """The hour soak's dead viewport and scroll-bar wrappers (docs/reliability.md, finding
    12): every screen visited, then built again a few times, as idle resets in another
    language do; no Python wrapper may outlive its widget."""
    import gc

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from tools.soak import dead_widget_wrappers

    def dead() -> list[QWidget]:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        return dead_widget_wrappers()

    before = dead()  # (earlier tests' windows may have left some: held, so no id is reused)
    known = {id(o) for o in before}
    for _ in range(3):
        window.nav.open(1)
        window.deck.current().scroll_to_fraction(0.5)
        window.nav.overview()
        window.nav.quotes()
        window.nav.home()
        window.choose_language("fr")
        window.nav.open(0)
        window.reset_for_next_visitor()
        assert [type(o).__name__ for o in dead() if id(o) not in known] == []


def test_decode_threads_end_after_their_share_of_jobs(qtbot, monkeypatch) -> None:
    """A decode thread keeps a font engine for every size it drew SVG text at (Qt cleans the
    GUI thread's font cache only), for as long as it lives: the threads are replaced after
    ``JOBS_PER_POOL`` jobs and the old ones end (docs/reliability.md, finding 13)."""
    import threading

    from PySide6.QtCore import QSize

    from kiosk.ui import images

    ran: list[threading.Thread] = []
    real = images.decode

    def recording(path, size):  # noqa: ANN001, ANN202
        ran.append(threading.current_thread())
        return real(path, size)

    monkeypatch.setattr(images, "decode", recording)
    monkeypatch.setattr(images, "JOBS_PER_POOL", 4, raising=False)
    monkeypatch.setattr(images, "_JOBS", 4, raising=False)  # the next job starts a pool of its own
    chart = sorted((paths.assets_dir() / "charts").glob("*.svg"))[0]
    store = images.ImageStore()
    for n in range(12):
        assert store.get(chart, QSize(200 + n, 120 + n)) is None
        qtbot.waitUntil(lambda: not store.busy(), timeout=10000)
    first, last = set(ran[:4]), set(ran[8:])
    assert len(ran) == 12 and first.isdisjoint(last)
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in first), timeout=5000)
    assert any(t.is_alive() for t in last)  # the pool in use waits for the next job


def test_scroll_areas_leave_their_background_to_the_style_sheet(qtbot, window) -> None:
    """docs/reliability.md, finding 14: a viewport that fills its own background is painted
    through Qt's style-sheet style, which keeps a rule under the viewport's address after it is
    deleted (~1 KB for each poster view a kiosk's day makes and lets go:
    ``python -m benchmarks.stylesheet_areas --kind area-own-viewport``). The areas' rules paint
    the background instead, in the same colour."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    background = QColor(window.ctx.palette.background)

    def check(area) -> None:  # noqa: ANN001
        viewport = area.viewport()
        assert not viewport.autoFillBackground()
        assert not viewport.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        picture = area.grab().toImage()
        corner = picture.pixelColor(picture.width() - 2, picture.height() - 2)
        assert corner == background, (type(area).__name__, corner.name(), background.name())

    window.nav.open(2)
    qtbot.waitUntil(lambda: 2 in window.deck.built())
    view = window.deck.view(2)
    qtbot.waitUntil(view.isVisible)
    check(view)
    window.nav.home()
    home = window._home
    assert home is not None
    qtbot.waitUntil(home.isVisible)
    check(home)
