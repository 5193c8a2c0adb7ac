"""Kiosk mode as an unattended touchscreen lives it: idle reset, attract loop, the wake touch,
no way out for visitors, the admin gesture and PIN, recovery from errors, live reload."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.core.idle import IdleState
from kiosk.core.navigation import Screen
from kiosk.core.pin import PinStore
from tests.fifo_guard import FifoGuard
from tests.gui.kiosk_rig import hold_corner, idle_until, tap, type_pin


def test_idle_notice_then_reset_then_attract_then_a_touch_goes_home(make_rig) -> None:
    rig = make_rig()
    rig.window.nav.open(2)
    rig.kiosk.activity()
    idle_until(rig, IdleState.WARNING)
    assert rig.kiosk.notice.isVisible()
    assert "Returning to the start in 10 s" in rig.kiosk.notice.countdown.text()
    rig.clock.advance(3.5)
    rig.fire_idle_timer()
    assert "in 7 s" in rig.kiosk.notice.countdown.text()  # the count goes down each second
    idle_until(rig, IdleState.IDLE)
    assert not rig.kiosk.notice.isVisible()
    assert rig.window.nav.state.screen is Screen.HOME
    assert rig.kiosk.attract.isVisible() and rig.kiosk.attract.timers_active()
    QTest.mouseClick(rig.kiosk.attract, Qt.MouseButton.LeftButton, pos=QPoint(960, 540))
    assert not rig.kiosk.attract.isVisible()
    assert rig.window.nav.state.screen is Screen.HOME
    assert rig.kiosk.tracker.state() is IdleState.ACTIVE


def test_a_tap_during_the_notice_keeps_the_visitor(make_rig, qtbot) -> None:
    rig = make_rig()
    rig.window.nav.open(1)
    idle_until(rig, IdleState.WARNING)
    tap(rig, QPoint(960, 540))
    assert not rig.kiosk.notice.isVisible()
    assert rig.window.nav.state.screen is Screen.POSTER and rig.window.deck.index == 1


def test_the_wake_touch_does_not_open_what_lies_under_it(make_rig) -> None:
    rig = make_rig()
    rig.kiosk.reset()
    card = rig.window.home.cards[1]
    under = card.mapTo(rig.window, card.rect().center())
    QTest.mouseClick(rig.kiosk.attract, Qt.MouseButton.LeftButton, pos=under)
    assert rig.window.nav.state.screen is Screen.HOME  # not the poster under the finger


def test_attract_loop_cycles_and_shifts(make_rig) -> None:
    rig = make_rig()
    rig.kiosk.reset()
    attract = rig.kiosk.attract
    kinds = set()
    for _ in range(len(attract.slides)):
        kinds.add(type(attract.slides[attract.index]).__name__)
        attract.advance()
    assert kinds == {"Poster", "Quote", "CreditsSlide"}
    assert attract.offset() != (0, 0) or attract.shifts == 0


@pytest.mark.parametrize("kiosk_on", [True, False])
def test_close_and_ctrl_q(make_rig, qtbot, kiosk_on) -> None:
    rig = make_rig(kiosk_on=kiosk_on)
    qtbot.keyClick(rig.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert rig.window.isVisible() is kiosk_on
    if kiosk_on:
        assert not rig.window.close()  # Alt+F4 or the window manager's close: refused
        assert rig.window.isVisible()
        qtbot.keyClick(rig.window, Qt.Key.Key_Escape)  # Esc only moves inside the gallery
        qtbot.keyClick(rig.window, Qt.Key.Key_F11)
        assert rig.window.isVisible() and not rig.window.isFullScreen()


def test_the_pointer_hides_after_three_seconds(make_rig) -> None:
    rig = make_rig()
    rig.kiosk._pointer_timer.timeout.emit()
    assert rig.kiosk.pointer_hidden()
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    rig.kiosk._pointer_moved()
    assert not rig.kiosk.pointer_hidden()


def test_admin_needs_a_pin_in_kiosk_mode(make_rig, qtbot) -> None:
    rig = make_rig()
    hold_corner(rig, qtbot)
    pad = rig.parts.admin.pad
    assert pad.isVisible()
    assert "No admin PIN is set" in pad.message.text() and "set-pin" in pad.message.text()
    type_pin(pad, "1234")
    assert not rig.parts.admin.screen.isVisible()


def test_wrong_pins_lock_the_pad_then_the_right_pin_opens_admin(make_rig, qtbot) -> None:
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    hold_corner(rig, qtbot)
    pad, screen = rig.parts.admin.pad, rig.parts.admin.screen
    for _ in range(5):
        type_pin(pad, "1111")
    assert "too many wrong pins: try again in 60 s" in pad.message.text().lower()
    type_pin(pad, "2468")  # even the right PIN waits out the lockout
    assert not screen.isVisible()
    rig.clock.advance(61)
    type_pin(pad, "2468")
    assert screen.isVisible() and not pad.isVisible()
    labels = " ".join(lb.text() for lb in screen.body.findChildren(type(pad.message)))
    assert "7 posters, 7 quotes" in labels and "Screens" in labels
    qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert not screen.isVisible()


@pytest.mark.skipif(os.name != "posix", reason="POSIX FIFOs")
def test_a_fifo_as_pin_file_shows_unusable_and_does_not_freeze(make_rig, qtbot, caplog) -> None:
    """Reading a FIFO blocks until someone writes to it: on the GUI thread that froze the
    kiosk at the admin gesture. The guard unblocks a regressed read after 5 s so the suite
    goes on, and the test fails."""
    fifo = PinStore.in_folder(paths.data_dir()).path
    os.mkfifo(fifo)
    rig = make_rig()
    caplog.set_level(logging.WARNING, logger="kiosk.core.pin")
    with FifoGuard(fifo) as guard:
        hold_corner(rig, qtbot)
        type_pin(rig.parts.admin.pad, "2468")
    assert not guard.fired, "the admin gesture blocked on the FIFO"
    pad = rig.parts.admin.pad
    assert pad.isVisible() and not rig.parts.admin.screen.isVisible()
    assert "PIN file is unusable" in pad.message.text() and "FIFO" in pad.message.text()
    why = [r.getMessage() for r in caplog.records if r.name == "kiosk.core.pin"]
    assert len(why) == 1 and "FIFO" in why[0] and str(fifo) in why[0]


def test_a_restart_does_not_undo_the_lockout(make_rig, qtbot) -> None:
    """A visitor who pulls the plug after five wrong PINs meets the same lockout."""
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    hold_corner(rig, qtbot)
    for _ in range(5):
        type_pin(rig.parts.admin.pad, "1111")
    rig.close()  # the app stops
    again = make_rig()  # a new app on the same app-data folder
    hold_corner(again, qtbot)
    pad = again.parts.admin.pad
    assert "too many wrong pins: try again in 60 s" in pad.message.text().lower()
    type_pin(pad, "2468")
    assert not again.parts.admin.screen.isVisible()


def test_admin_quit_is_the_way_out(make_rig, qtbot) -> None:
    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    rig.parts.admin.request()
    type_pin(rig.parts.admin.pad, "2468")
    qtbot.mouseClick(rig.parts.admin.screen.quit_button, Qt.MouseButton.LeftButton)
    assert not rig.window.isVisible()


def test_presenter_laptop_without_a_pin_opens_admin_directly(make_rig, qtbot) -> None:
    rig = make_rig(kiosk_on=False)
    hold_corner(rig, qtbot)
    assert rig.parts.admin.screen.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_goes_back_home_with_a_log_line(make_rig, qtbot, caplog) -> None:
    caplog.set_level(logging.INFO)
    rig = make_rig()
    rig.window.nav.open(3)

    def broken() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: rig.window.nav.state.screen is Screen.HOME)
    messages = [r.getMessage() for r in caplog.records]
    assert any("uncaught RuntimeError: a bug in a slot" in m for m in messages)
    assert any("recovered: back to the home screen" in m for m in messages)
    assert rig.window.isVisible()


def edit(path: Path, old: str, new: str, by_rename: bool = False) -> None:
    text = path.read_text(encoding="utf-8").replace(old, new)
    if by_rename:  # how many editors save: a new file, renamed over the old one
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("by_rename", [False, True], ids=["in-place", "by-rename"])
def test_live_reload_applies_an_edit_and_keeps_the_poster(
    make_rig, qtbot, mini_gallery, by_rename
) -> None:
    rig = make_rig(kiosk_on=False, watch=True, content=mini_gallery)
    reloader = rig.parts.reloader
    rig.window.nav.open(1)
    with qtbot.waitSignal(reloader.applied, timeout=5000):
        edit(
            mini_gallery / "posters" / "dock.yaml",
            "title: The Dock Cooperative",
            "title: The Dock Co-op",
            by_rename,
        )
    assert rig.window.ctx.gallery.posters[1].title.get() == "The Dock Co-op"
    assert rig.window.nav.state.screen is Screen.POSTER and rig.window.deck.index == 1
    with qtbot.waitSignal(reloader.applied, timeout=5000):  # a second edit is seen too
        edit(mini_gallery / "posters" / "dock.yaml", "The Dock Co-op", "The Dock", by_rename)
    assert rig.window.ctx.gallery.posters[1].title.get() == "The Dock"


def test_live_reload_keeps_the_last_good_gallery_when_content_breaks(
    make_rig, qtbot, mini_gallery
) -> None:
    rig = make_rig(kiosk_on=False, watch=True, content=mini_gallery)
    reloader = rig.parts.reloader
    with qtbot.waitSignal(reloader.rejected, timeout=5000):
        edit(mini_gallery / "posters" / "dock.yaml", "kind: case", "kind: [broken")
    assert [p.id for p in rig.window.ctx.gallery.posters] == ["harbour-intro", "dock-cooperative"]
    assert not reloader.last.ok  # the admin screen lists these errors
    assert any(p.file == "posters/dock.yaml" for p in reloader.last.errors)


def test_live_reload_when_a_poster_is_deleted(make_rig, qtbot, mini_gallery) -> None:
    rig = make_rig(kiosk_on=False, watch=True, content=mini_gallery)
    rig.window.nav.open(1)
    # the author removes the poster and every reference to it
    edit(
        mini_gallery / "gallery.yaml",
        "posters: [harbour-intro, dock-cooperative]",
        "posters: [dock-cooperative]",
    )
    edit(mini_gallery / "quotes.yaml", "posters: [harbour-intro]", "posters: []")
    (mini_gallery / "posters" / "intro.yaml").unlink()
    qtbot.waitUntil(
        lambda: [p.id for p in rig.window.ctx.gallery.posters] == ["dock-cooperative"], timeout=5000
    )
    assert rig.window.deck.index == 0  # still on the dock poster, now the first


def test_deleting_a_poster_still_listed_is_an_error_and_changes_nothing(
    make_rig, qtbot, mini_gallery
) -> None:
    rig = make_rig(kiosk_on=False, watch=True, content=mini_gallery)
    with qtbot.waitSignal(rig.parts.reloader.rejected, timeout=5000):
        (mini_gallery / "posters" / "intro.yaml").unlink()
    assert len(rig.window.ctx.gallery.posters) == 2
    assert "names the poster 'harbour-intro', which does not exist" in " ".join(
        str(p) for p in rig.parts.reloader.last.errors
    )
