"""What the monkey soak found, pinned down as plain tests.

1. A key pressed while a poster slides in (Esc, Home, Q...) was undone when the slide ended:
   the deck reported where it had settled and the window went back to that poster. (The soak's
   check "Esc must change the navigation state" failed after 8,000 events.)
2. Right pressed three times quickly moved two posters: a slide cut short by the next key
   reported its target, which rolled the navigation back one poster.
3. An idle reset during a slide left the kiosk on a poster instead of home.
4, 5. Slow leaks of Python objects (the soak's diff of object types over 20,000 events): weak
   references to the navigation left by every rebuild, and image-decoding jobs outliving their
   run.
6. Old galleries kept alive (the soak's content texts grew by 1,560 over 40 minutes): every
   widget kept the Ctx it was built with, and with it the gallery of its time; a reload that
   rebuilt nothing, or some posters only, left each older widget holding an older gallery.
"""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from kiosk.core.navigation import Screen
from tools import soak


def _settle(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)


def test_esc_during_a_slide_stays_in_the_overview(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(1)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.deck.is_animating()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.nav.state.screen is Screen.OVERVIEW
    _settle(qtbot, window)
    assert window.nav.state.screen is Screen.OVERVIEW and window.nav.state.index == 2
    assert window.stack.currentWidget() is window.overview


def test_home_during_a_slide_stays_home(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(3)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    window.nav.home()  # the Home button, or the kiosk's idle reset
    _settle(qtbot, window)
    assert window.nav.state.screen is Screen.HOME
    assert window.stack.currentWidget() is window.home


def test_three_quick_presses_move_three_posters(qtbot, make_window) -> None:
    window = make_window(reduced_motion=False)
    window.nav.open(0)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    _settle(qtbot, window)
    assert window.nav.state.index == 3 and window.deck.index == 3
    assert window.poster_screen.progress.text() == window.nav.progress()


# --- slow leaks: objects the soak saw outlive their use -------------------------------------


def _visit_every_screen(qtbot, window) -> None:  # noqa: ANN001
    """Build every screen (each connects its buttons to the navigation)."""
    for key in (
        Qt.Key.Key_Return,
        Qt.Key.Key_Escape,
        Qt.Key.Key_Q,
        Qt.Key.Key_Home,
        Qt.Key.Key_H,
        Qt.Key.Key_H,
        Qt.Key.Key_B,
        Qt.Key.Key_B,
    ):
        qtbot.keyClick(window, key)
    window.nav.open(0)
    window.help  # noqa: B018 - built on first use
    assert {window.home, window.poster_screen, window.overview, window.quotes}


def test_rebuilding_the_screens_leaves_no_references_behind(qtbot, make_window) -> None:
    """4. PySide keeps a weak reference for each signal connected to a bound method of a plain
    Python object and left it behind when the sender was deleted: every live reload or rotated
    screen left a few references to the navigation (about one every 400 soak events)."""
    window = make_window()
    _visit_every_screen(qtbot, window)
    before = weakref.getweakrefcount(window.nav)
    gallery = window.ctx.gallery
    # a reload that changes a gallery-wide setting rebuilds every screen (an unchanged
    # gallery rebuilds nothing)
    edited = replace(gallery, settings=gallery.settings.model_copy(update={"kiosk": True}))
    for i in range(5):
        home = window.home
        window.set_gallery(edited if i % 2 == 0 else gallery)
        assert window.home is not home  # every screen rebuilt
        _visit_every_screen(qtbot, window)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    assert weakref.getweakrefcount(window.nav) <= before


def _decode_jobs() -> int:
    gc.collect()
    return soak.decode_jobs(soak.objects_by_type())


def test_decode_jobs_do_not_outlive_their_images(qtbot, make_window) -> None:
    """5. Image decodes queued behind the two worker threads while poster pages were dropped
    and rebuilt: a job (a Python ``QRunnable`` given to ``QThreadPool``) sometimes stayed alive
    after its run, with its size and path: one in every 140 soak events. This traffic alone
    did not make Qt's pool leak (the soak's did: tests/gui/test_soak.py counts them too); it
    holds the plain Python pool that replaced it to the same rule: once every decode is
    delivered, no job, future or work item is left."""
    window = make_window(reduced_motion=False)
    window.nav.open(0)
    store = window.ctx.images
    store.wait()
    sizes = [(1920, 1080), (1280, 720), (1080, 1920), (1600, 900)]
    for round_ in range(12):  # new sizes: every picture decoded again, pages rebuilt meanwhile
        window.resize(*sizes[round_ % len(sizes)])
        for key in (
            Qt.Key.Key_Right,
            Qt.Key.Key_Right,
            Qt.Key.Key_Left,
            Qt.Key.Key_End,
            Qt.Key.Key_Home,
            Qt.Key.Key_Return,
        ):
            qtbot.keyClick(window, key)
        QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: not window.deck.is_animating(), timeout=3000)
    store.wait()
    qtbot.waitUntil(lambda: not store.busy(), timeout=10000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert _decode_jobs() == 0


def test_after_reloads_and_browsing_no_old_gallery_is_kept(qtbot, make_window) -> None:
    """6. Reloads that rebuild nothing (an unchanged gallery) or one poster, with browsing
    between them (pages built lazily, with the Ctx of their time): once they are done, the
    gallery on screen is the only one alive."""
    window = make_window(reduced_motion=True)
    _visit_every_screen(qtbot, window)
    first = window.ctx.gallery
    olds = []
    for i in range(6):
        gallery = window.ctx.gallery
        posters = list(gallery.posters)
        if i % 2:  # one poster edited: its pages and cards rebuilt, nothing else
            posters[1] = posters[1].model_copy(update={"title": first.posters[1 + i % 3].title})
        olds.append(weakref.ref(gallery))
        window.set_gallery(replace(gallery, posters=tuple(posters)))
        assert window.ctx.gallery is not gallery
        for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Escape, Qt.Key.Key_Q):
            qtbot.keyClick(window, key)
        _visit_every_screen(qtbot, window)
    del first, gallery, posters
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    kept = [i for i, ref in enumerate(olds) if ref() is not None]
    assert kept == []
