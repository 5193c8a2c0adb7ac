"""The fishbowl timer as a facilitator drives it: every key, the controls, the public view's
states, saving and restoring, export and the chime, on a fake clock."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QToolButton

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession, Phase
from kiosk.core.fishbowl.store import SessionStore
from kiosk.ui.fishbowl.build import open_session
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.window import FishbowlWindow


class RecordingChime:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, kind: str) -> bool:
        self.played.append(kind)
        return True


class Rig:
    """A window, its controller and session on a fake clock, saving into a tmp folder."""

    def __init__(self, qtbot, tmp_path: Path, size=(1920, 1080), lang: str | None = None) -> None:
        gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
        self.ctx = startup.make_context(gallery, size, lang, reduced_motion=True)
        self.clock = FakeClock(100.0)
        self.wall = FakeClock(1_700_000_000.0)
        self.store = SessionStore(tmp_path / "fishbowl", wall=self.wall)
        self.session = FishbowlSession.from_preset(gallery.fishbowl, self.clock, wall=self.wall)
        self.chime = RecordingChime()
        self.export_dir = tmp_path / "exports"
        self.controller = FishbowlController(
            self.session, self.store, self.export_dir, self.chime, translator=self.ctx.translator
        )
        self.config = FishbowlConfig.from_preset(gallery.fishbowl)
        self.window = FishbowlWindow(self.ctx, self.controller, self.config, wall=self.wall)
        qtbot.addWidget(self.window)
        self.window.resize(*size)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.qtbot = qtbot

    def key(self, key, text: str = "") -> None:
        self.qtbot.keyClick(self.window, key)

    def start(self) -> None:
        self.key(Qt.Key.Key_Return)
        assert self.session.state is State.RUNNING


@pytest.fixture
def rig(qtbot, tmp_path) -> Rig:
    return Rig(qtbot, tmp_path)


def test_opens_on_setup_and_enter_starts(rig) -> None:
    assert rig.window.showing_setup()
    rig.start()
    assert not rig.window.showing_setup()
    assert rig.session.speaker is not None
    assert rig.window.view.timer_active()


def test_the_widgets_keep_qwidgets_own_palette_and_scroll(rig) -> None:
    """Attributes named ``palette`` or ``scroll`` once hid these QWidget methods."""
    assert isinstance(rig.window.view.palette(), QPalette)
    assert isinstance(rig.window.setup.palette(), QPalette)
    assert callable(rig.window.setup.scroll)
    assert rig.window.view.colours is rig.ctx.palette


def test_space_pauses_and_resumes_and_paused_time_does_not_count(rig) -> None:
    rig.start()
    rig.clock.advance(10)
    rig.key(Qt.Key.Key_Space)
    assert rig.session.state is State.PAUSED and not rig.window.view.timer_active()
    rig.clock.advance(500)
    rig.key(Qt.Key.Key_Space)
    assert rig.session.state is State.RUNNING
    assert rig.session.turn_elapsed() == pytest.approx(10)


@pytest.mark.parametrize("key", [Qt.Key.Key_N, Qt.Key.Key_Right, Qt.Key.Key_PageDown])
def test_next_speaker_keys_and_clicker(rig, key) -> None:
    rig.start()
    first = rig.session.speaker_chair
    rig.clock.advance(20)
    rig.key(key)
    assert rig.session.speaker_chair != first
    assert len(rig.session.turns()) == 2


def test_join_and_leave(rig) -> None:
    rig.start()
    assert rig.session.empty_chairs() and not rig.session.circle_full
    rig.key(Qt.Key.Key_J)
    assert not rig.session.empty_chairs() and rig.session.circle_full
    rig.key(Qt.Key.Key_J)  # refused: the facilitator sees why
    assert "All chairs are taken" in rig.window.controls.message_label.text()
    speaker = rig.session.speaker_chair
    rig.key(Qt.Key.Key_L)  # with no chair touched, the speaker leaves
    assert rig.session.occupant(speaker) is None and rig.session.speaker is None


def test_number_key_selects_a_chair_for_leave(rig) -> None:
    rig.start()
    rig.key(Qt.Key.Key_3)
    assert rig.controller.selected == 2
    assert rig.window.controls.chair_buttons[2].isChecked()
    rig.key(Qt.Key.Key_L)
    assert rig.session.occupant(2) is None


def test_plus_minus_change_the_turn_by_30_seconds(rig) -> None:
    rig.start()
    before = rig.session.turn_remaining()
    rig.key(Qt.Key.Key_Plus)
    assert rig.session.turn_remaining() == pytest.approx(before + 30)
    rig.key(Qt.Key.Key_Minus)
    rig.key(Qt.Key.Key_Minus)
    assert rig.session.turn_remaining() == pytest.approx(before - 30)


def test_reset_needs_a_second_r(rig) -> None:
    rig.start()
    rig.key(Qt.Key.Key_R)
    assert rig.session.state is State.RUNNING and rig.controller.reset_armed
    assert rig.window.controls.message_label.text().startswith("Press R again")
    rig.key(Qt.Key.Key_R)
    assert rig.session.state is State.SETUP and rig.window.showing_setup()


def test_export_writes_csv_and_markdown(rig) -> None:
    rig.start()
    rig.clock.advance(40)
    rig.key(Qt.Key.Key_N)
    rig.clock.advance(25)
    rig.controller.add_note("Local champions matter")
    rig.key(Qt.Key.Key_E)
    csv_path, people_path, md_path, pdf_path = rig.controller.last_export
    assert csv_path.parent == rig.export_dir
    assert people_path.exists() and pdf_path.read_bytes().startswith(b"%PDF-")
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 3  # header and two turns
    summary = md_path.read_text(encoding="utf-8")
    assert "How can social and solidarity economy be a key driver of urban renewal?" in summary
    assert "Local champions matter" in summary
    rig.key(Qt.Key.Key_E)  # a second export does not overwrite the first
    assert rig.controller.last_export[0] != csv_path and csv_path.exists()


def test_mute_key(rig) -> None:
    rig.start()
    assert rig.session.config.chime
    rig.key(Qt.Key.Key_M)
    assert not rig.session.config.chime


def test_chime_at_warning_and_end(rig) -> None:
    rig.start()
    turn, warning = rig.session.config.turn_seconds, rig.session.config.warning_seconds
    rig.clock.advance(turn - warning + 0.5)
    rig.controller._chime_timer.timeout.emit()  # the single-shot timer, fired by hand
    assert rig.chime.played == ["warning"]
    rig.clock.advance(warning)
    rig.controller._chime_timer.timeout.emit()
    assert rig.chime.played == ["warning", "end"]
    assert rig.session.turn_phase() is Phase.OVERTIME


def test_muted_chime_stays_silent(rig) -> None:
    rig.start()
    rig.key(Qt.Key.Key_M)
    rig.clock.advance(rig.session.config.turn_seconds + 1)
    rig.controller._chime_timer.timeout.emit()
    assert rig.chime.played == []


def test_text_fields_do_not_take_the_keys(rig, qtbot) -> None:
    """Letters reach the timer unless the facilitator chose to type into a field."""
    rig.start()
    assert (
        rig.window.focusWidget() in (None, rig.window)
        or rig.window.focusWidget().focusPolicy() != Qt.FocusPolicy.StrongFocus
    )
    for edit in (rig.window.controls.name_edit, rig.window.controls.note_edit):
        assert edit.focusPolicy() == Qt.FocusPolicy.ClickFocus
    qtbot.mouseClick(rig.window.controls.note_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(rig.window.controls.note_edit, "Mobilise locally")
    qtbot.keyClick(rig.window.controls.note_edit, Qt.Key.Key_Return)
    assert rig.session.notes[-1][1] == "Mobilise locally"
    assert not rig.window.controls.note_edit.hasFocus()  # back to the timer's keys


def test_buttons_work_like_keys(rig, qtbot) -> None:
    rig.start()
    qtbot.mouseClick(rig.window.controls.toggle_button, Qt.MouseButton.LeftButton)
    assert rig.session.state is State.PAUSED
    qtbot.mouseClick(rig.window.controls.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rig.window.controls.next_button, Qt.MouseButton.LeftButton)
    assert len(rig.session.turns()) == 2
    for button in rig.window.controls.findChildren(type(rig.window.controls.toggle_button)):
        if button.isVisibleTo(rig.window):
            assert button.height() >= 48 and button.width() >= 48


def test_public_view_states(rig) -> None:
    view = rig.window.view
    rig.start()
    assert view.labels()[0] == "3:00"
    rig.clock.advance(65)
    view.refresh()
    assert view.labels() == ("1:55", "43:55", "normal")
    assert view.scene().who.text == "Chair 1"
    rig.clock.advance(100)  # 15 s left
    view.refresh()
    assert view.labels()[2] == "warning" and view.scene().who.text == "Chair 1  ·  15 s left"
    rig.clock.advance(27)
    view.refresh()
    assert view.labels()[0] == "+0:12" and view.scene().who.text == "Chair 1  ·  Over time"
    assert view.scene().clock.label == "+0:12" and view.scene().border


def test_turn_digits_are_at_least_a_quarter_of_the_screen(rig) -> None:
    """With the strip folded (C) or the view on its own screen, the figures are a quarter of
    the screen high; with the strip open below, a quarter of the screen less the strip."""
    rig.start()
    view = rig.window.view
    assert (
        view.clock_font("2:59").pixelSize()
        >= (rig.window.height() - rig.window.controls.height()) * 0.28
    )
    rig.window.toggle_controls()
    rig.qtbot.waitUntil(lambda: view.height() > rig.window.height() * 0.9)
    assert view.clock_font("2:59").pixelSize() >= rig.window.height() * 0.25


def test_the_display_timer_waits_for_the_next_label(rig) -> None:
    rig.start()
    rig.clock.advance(0.25)
    rig.window.view.refresh()
    # "2:59" was shown at 0.001 s; the next label is due 0.75 s later, not a tick every frame
    assert 700 <= rig.window.view._timer.remainingTime() <= 760


def test_restore_after_a_crash(qtbot, tmp_path) -> None:
    first = Rig(qtbot, tmp_path)
    first.start()
    first.clock.advance(42)
    first.key(Qt.Key.Key_N)
    first.clock.advance(6)
    first.controller._periodic_save()  # the 5-second save while running
    first.clock.advance(2)  # ... then the power goes: these 2 s are not saved
    turns = len(first.session.turns())
    # a crash: nothing is closed, nothing more is saved
    store = SessionStore(tmp_path / "fishbowl", wall=first.wall)
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    session, message = open_session(store, gallery.fishbowl, None, "en")
    assert session.state is State.PAUSED and "paused" in message.lower()
    assert len(session.turns()) == turns
    assert session.session_elapsed() == pytest.approx(48, abs=0.01)


def test_setup_screen_touch_start(rig, qtbot) -> None:
    start = rig.window.setup.findChild(QToolButton, "startButton") or next(
        b for b in rig.window.setup.findChildren(QToolButton) if "Start" in b.text()
    )
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert rig.session.state is State.RUNNING and not rig.window.showing_setup()
