"""The facilitator's strip on one screen: below the public view, never over it, at every screen
size; C folds it; keys never make it jump. Finish and reset ask twice and take their question
away when it lapses; the toggle's icon follows its text; the chair buttons use the view's words;
the time of day; which screen shows what with --public-screen."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import startup
from kiosk.core.fishbowl.records import State
from kiosk.ui.fishbowl import controller as controller_module
from kiosk.ui.fishbowl.controller import FINISH_PROMPT, FINISHED_OFFER, RESET_PROMPT
from kiosk.ui.fishbowl.controls import chair_text, until_next_minute
from kiosk.ui.fishbowl.window import ScreenPlan, plan_screens
from kiosk.ui.widgets import icon
from tests.gui.pictures import differing_pixels
from tests.gui.test_fishbowl_window import Rig


@pytest.fixture
def rig(qtbot, tmp_path) -> Rig:
    return Rig(qtbot, tmp_path)


@pytest.fixture
def app_theme(qapp):  # noqa: ANN201
    """The app's own look (the pre-rendered qt-material stylesheet) for one test, then the
    suite's plain style again: its paddings and heights made buttons squeeze that fit
    without it."""
    old = qapp.styleSheet(), qapp.style().name(), QGuiApplication.palette()

    def apply(ctx) -> None:  # noqa: ANN001
        assert startup.apply_theme(qapp, ctx.gallery, ctx.scale)

    yield apply
    qapp.setStyleSheet(old[0])
    qapp.setStyle(old[1])
    QGuiApplication.setPalette(old[2])


SIZES = [(1280, 720), (1920, 1080), (1080, 1920), (1366, 768), (1024, 768)]


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def settle(rig: Rig) -> None:
    """Let the layouts run (they are posted), as a shown window does before it paints."""
    QApplication.processEvents()
    rig.window.live.layout().activate()
    QApplication.processEvents()


def busy_session(rig: Rig) -> None:
    """Names, a long one too, a note and a message: the texts that made the strip grow."""
    rig.start()
    rig.clock.advance(70)
    rig.controller.select(1)
    rig.controller.rename_selected("Aminata Diallo-Nkemelu")
    rig.key(Qt.Key.Key_N)
    rig.controller.add_note("Local champions matter more than money in every city we saw")
    rig.controller.say("Exported to /home/facilitator/kiosk/exports: fishbowl-1.csv, fishbowl-1.md")
    settle(rig)


def image(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("themed", [False, True], ids=["plain", "themed"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_strip_never_covers_the_view_and_the_view_is_the_size_it_says(
    qtbot, tmp_path, size, themed, app_theme
) -> None:
    rig = Rig(qtbot, tmp_path, size)
    if themed:
        app_theme(rig.ctx)
    busy_session(rig)
    w = rig.window
    assert w.size().toTuple() == size
    view, strip = rect_in(w, w.view), rect_in(w, w.controls)
    assert not view.intersects(strip), (view, strip)
    # the view above across the whole width, the strip below it: together the whole window
    assert view.topLeft() == QPoint(0, 0) and view.width() == size[0]
    assert strip.top() == view.bottom() + 1 and strip.bottom() == size[1] - 1
    assert strip.left() == 0 and strip.width() == size[0]
    # compact: with the app's look the room keeps more than three quarters of the screen
    # (two rows of buttons at 1280x720 and 1920x1080); without it (the suite's default font,
    # wider than the app's) a row more may be needed
    assert view.height() >= (0.75 if themed else 0.70) * size[1], (view, strip)
    # every control is whole inside what holds it (a second row of buttons once stuck out
    # 9 px below its box, cut off)
    for child in w.controls.findChildren(QWidget):
        if child.isVisibleTo(w) and child.width() > 0:
            holder = child.parentWidget()
            assert holder.rect().contains(child.geometry()), (child, child.geometry(), holder)
            assert strip.contains(rect_in(w, child)), (child, rect_in(w, child), strip)
    # no button's words are cut short ("N…e" for Name)
    for button in w.controls.findChildren(type(w.controls.toggle_button)):
        if button.isVisibleTo(w) and button.text():
            assert button.width() >= button.sizeHint().width(), button.text()
    # what the window shows in the view's rectangle is the view's own, whole picture: nothing
    # is drawn over it and nothing of it is cut off
    shown = image(w).copy(view)
    assert shown == image(w.view)


def test_touch_targets_stay_touchable_in_the_strip(rig) -> None:
    busy_session(rig)
    for button in rig.window.controls.findChildren(type(rig.window.controls.toggle_button)):
        if button.isVisibleTo(rig.window):
            assert button.height() >= 48 and button.width() >= 48, button.text()


def test_keys_never_make_the_strip_pop_up_or_move(rig) -> None:
    busy_session(rig)
    w = rig.window
    before = (rect_in(w, w.view), rect_in(w, w.controls))
    for key in (Qt.Key.Key_N, Qt.Key.Key_J, Qt.Key.Key_L, Qt.Key.Key_Space, Qt.Key.Key_Space):
        rig.key(key)
        settle(rig)
        assert (rect_in(w, w.view), rect_in(w, w.controls)) == before, key


def test_c_folds_the_strip_and_the_view_takes_the_space(rig) -> None:
    busy_session(rig)
    w = rig.window
    open_height = w.view.height()
    rig.key(Qt.Key.Key_C)
    settle(rig)
    assert w.controls_folded()
    assert not w.controls.toggle_button.isVisibleTo(w)
    assert w.controls.clock_label.isVisibleTo(w)  # the status line stays
    view, strip = rect_in(w, w.view), rect_in(w, w.controls)
    assert not view.intersects(strip)
    assert view.height() > open_height and view.height() + strip.height() == w.height()
    assert strip.height() < 0.06 * w.height()
    rig.key(Qt.Key.Key_C)
    settle(rig)
    assert not w.controls_folded() and w.view.height() == open_height


def test_finish_needs_a_second_press_then_offers_the_export(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    qtbot.mouseClick(controls.finish_button, Qt.MouseButton.LeftButton)
    assert rig.session.state is State.RUNNING  # a stray touch does not end the discussion
    assert controls.message_label.text() == FINISH_PROMPT
    assert controls.finish_button.text() == "Finish?"
    qtbot.mouseClick(controls.finish_button, Qt.MouseButton.LeftButton)
    assert rig.session.state is State.FINISHED
    assert controls.message_label.text() == FINISHED_OFFER
    assert controls.export_button.isEnabled()
    assert controls.export_button.property("offer")  # it stands out (the accent colour)
    assert controls.export_button.accessibleName() == "Export the session (E)"
    qtbot.mouseClick(controls.export_button, Qt.MouseButton.LeftButton)
    assert rig.controller.last_export is not None
    assert rig.controller.last_export[0].exists()


def test_a_lapsed_finish_asks_again(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    qtbot.mouseClick(controls.finish_button, Qt.MouseButton.LeftButton)
    rig.controller._finish_timer.timeout.emit()  # the few seconds pass (fired by hand)
    assert not rig.controller.finish_armed
    assert not controls.message_label.isVisible()
    assert controls.finish_button.text() == "Finish"
    qtbot.mouseClick(controls.finish_button, Qt.MouseButton.LeftButton)
    assert rig.session.state is State.RUNNING  # the lapsed press does not count


def test_the_reset_prompt_leaves_the_screen_when_it_lapses(qtbot, tmp_path, monkeypatch) -> None:
    """A real timer this time, shortened: the prompt goes by itself."""
    monkeypatch.setattr(controller_module, "RESET_CONFIRM_MS", 50)
    rig = Rig(qtbot, tmp_path)
    rig.start()
    controls = rig.window.controls
    rig.key(Qt.Key.Key_R)
    assert controls.message_label.text() == RESET_PROMPT and controls.message_label.isVisible()
    assert controls.reset_button.text() == "Reset? R"
    qtbot.waitUntil(lambda: not controls.message_label.isVisible(), timeout=2000)
    assert not rig.controller.reset_armed and controls.reset_button.text() == "Reset  R"
    rig.key(Qt.Key.Key_R)  # asks again: one press after the lapse does not reset
    assert rig.session.state is State.RUNNING


def test_a_newer_message_is_not_taken_away_by_the_lapse(rig) -> None:
    rig.start()
    rig.key(Qt.Key.Key_R)
    rig.key(Qt.Key.Key_M)  # "Chime off" replaces the question
    rig.controller._reset_timer.timeout.emit()
    assert rig.window.controls.message_label.text() == "Chime off"


def test_the_next_action_takes_an_old_sentence_away(rig) -> None:
    """A sentence is about its moment: "Paused now: resume when..." must not stay on screen
    while the discussion runs, nor a reset question once the facilitator moved on."""
    rig.start()
    rig.key(Qt.Key.Key_Space)
    rig.controller.say("Paused now: resume when the room is ready")
    rig.key(Qt.Key.Key_Space)  # resumed
    assert not rig.window.controls.message_label.isVisible()
    rig.key(Qt.Key.Key_R)
    rig.key(Qt.Key.Key_N)  # something else: the question is dropped, not left armed
    assert not rig.controller.reset_armed
    assert not rig.window.controls.message_label.isVisible()
    rig.key(Qt.Key.Key_R)
    assert rig.session.state is State.RUNNING  # asked again, not reset
    rig.key(Qt.Key.Key_J)
    rig.key(Qt.Key.Key_J)  # refused: the refusal stays on screen
    assert "All chairs are taken" in rig.window.controls.message_label.text()


def test_the_toggle_icon_follows_its_text(rig) -> None:
    controls = rig.window.controls
    colour, side = rig.ctx.palette.text, controls.side

    def shows(name: str) -> bool:
        want = icon(name, colour, side).pixmap(32).toImage()
        return controls.toggle_button.icon().pixmap(32).toImage() == want

    assert not shows("pause") or not shows("play")  # the two icons differ
    assert shows("play") and controls.toggle_button.text().startswith("Start")
    rig.start()
    assert shows("pause") and controls.toggle_button.text().startswith("Pause")
    rig.key(Qt.Key.Key_Space)
    assert shows("play") and controls.toggle_button.text().startswith("Resume")


def test_reset_clears_what_was_typed(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    qtbot.mouseClick(controls.name_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(controls.name_edit, "Ana")
    qtbot.mouseClick(controls.note_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(controls.note_edit, "half a thought")
    rig.controller.select(2)
    rig.window.setFocus()
    rig.key(Qt.Key.Key_R)
    rig.key(Qt.Key.Key_R)
    assert rig.window.showing_setup()
    assert controls.name_edit.text() == "" and controls.note_edit.text() == ""
    assert rig.controller.selected is None


def test_a_used_name_is_not_used_twice(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    rig.controller.select(2)
    qtbot.mouseClick(controls.name_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(controls.name_edit, "Ana")
    qtbot.mouseClick(controls.name_button, Qt.MouseButton.LeftButton)
    assert rig.session.occupant(2).name == "Ana"
    assert controls.name_edit.text() == ""


def test_chair_buttons_use_the_words_of_the_public_view(rig) -> None:
    rig.start()
    controls = rig.window.controls
    empty = rig.session.empty_chairs()[0]
    chair = rig.session.chairs()[empty]
    assert controls.chair_buttons[empty].text() == f"{chair.label} (open)"
    assert chair.label == f"Chair {empty + 1}"  # what the talk-time list calls it
    # the circle on the public view calls a free chair "open" too (issue 16: "open" there,
    # "Chair 5" in the list, for the same chair)
    from kiosk.core.fishbowl.scene import build_scene

    circle = build_scene(rig.session).circle
    assert circle is not None
    seat = circle.seats[empty]
    assert seat.label == "open"
    rig.key(Qt.Key.Key_J)  # someone takes it
    assert controls.chair_buttons[empty].text() == f"Chair {empty + 1}"
    rig.controller.select(empty)
    rig.controller.rename_selected("Ana")
    assert controls.chair_buttons[empty].text() == "Ana"
    assert controls.chair_buttons[empty].accessibleName() == f"Chair {empty + 1}: Ana"


def test_chair_text_marks_the_speaker_and_shortens_long_names() -> None:
    assert chair_text("Ana", True, True) == "▶ Ana"
    assert chair_text("Chair 12", False, False) == "Chair 12 (open)"
    long = chair_text("Maria Fernanda de los Angeles Ortiz", True, False)
    assert long.endswith("…") and len(long) <= 14


def test_a_circle_of_another_size_gets_its_chair_buttons(rig) -> None:
    """Setup may change the number of chairs: the strip follows (it raised before)."""
    rig.window._start(dataclasses.replace(rig.config, chairs=9))
    assert rig.session.state is State.RUNNING
    assert len(rig.window.controls.chair_buttons) == 9
    rig.key(Qt.Key.Key_9)
    assert rig.window.controls.chair_buttons[8].isChecked()
    rig.key(Qt.Key.Key_R)
    rig.key(Qt.Key.Key_R)
    rig.window._start(dataclasses.replace(rig.config, chairs=3))
    assert len(rig.window.controls.chair_buttons) == 3
    assert [b.text() for b in rig.window.controls.chair_buttons][0].startswith("▶")


def test_the_time_of_day_turns_with_the_minute_and_only_while_shown(rig) -> None:
    clock = rig.window.controls.clock_label
    rig.start()
    assert clock.isVisible()
    assert clock.text() == time.strftime("%H:%M", time.localtime(rig.wall.now()))
    due = until_next_minute(rig.wall.now())
    assert 0 < due <= 60
    # one wake-up, at the minute (less the real time the test took since the label was shown)
    assert due * 1000 - 1500 < clock.timer.remainingTime() <= due * 1000 + 20
    rig.wall.advance(due + 0.02)
    clock.timer.timeout.emit()  # the single-shot timer, fired by hand
    assert clock.text() == time.strftime("%H:%M", time.localtime(rig.wall.now()))
    assert clock.text().endswith(f"{time.localtime(rig.wall.now()).tm_min:02d}")
    assert 59_000 < clock.timer.remainingTime() <= 60_100  # the next minute, not a tick a second
    rig.key(Qt.Key.Key_R)
    rig.key(Qt.Key.Key_R)  # the setup page: the clock is not on screen
    assert rig.window.showing_setup() and not clock.isVisible()
    assert not clock.timer.isActive()


def test_until_next_minute() -> None:
    assert until_next_minute(120.0) == 60.0
    assert until_next_minute(125.5) == pytest.approx(54.5)
    assert until_next_minute(179.999) == pytest.approx(0.001)


def test_the_setup_page_shows_a_save_problem_in_its_corner(rig) -> None:
    rig.controller.save_problem.emit("Not saved since 12:00: the disk is full")
    assert rig.window.showing_setup()
    assert rig.window.save_notice_text() == "Not saved since 12:00: the disk is full"
    rig.start()
    assert rig.window.save_notice_text() == ""  # the strip's status line says it instead
    assert rig.window.controls.save_banner.isVisible()


# --- which screen shows what -------------------------------------------------------------------
LAPTOP = (0, 0, 1280, 800)
PROJECTOR = (1280, 0, 1920, 1080)


@pytest.mark.parametrize(
    ("screens", "primary", "public", "plan"),
    [
        ([LAPTOP, PROJECTOR], 0, None, ScreenPlan(0, None)),
        ([LAPTOP, PROJECTOR], 0, 1, ScreenPlan(0, 1)),
        # the projector is the primary screen: the controls go to the laptop, not under it
        ([LAPTOP, PROJECTOR], 1, 1, ScreenPlan(0, 1)),
        ([LAPTOP, PROJECTOR], 0, 0, ScreenPlan(1, 0)),
        ([LAPTOP, PROJECTOR, (3200, 0, 1920, 1080)], 2, 1, ScreenPlan(2, 1)),
    ],
)
def test_the_public_view_and_the_controls_get_different_screens(
    screens, primary, public, plan
) -> None:
    assert plan_screens(screens, primary, public) == plan


@pytest.mark.parametrize(
    ("screens", "public", "says"),
    [
        ([LAPTOP], 0, "only one screen"),
        ([LAPTOP, PROJECTOR], 2, "screen 2 not found"),
        ([LAPTOP, PROJECTOR], -1, "screen -1 not found"),
        ([(0, 0, 1920, 1080), (0, 0, 1920, 1080)], 1, "overlap"),  # mirrored, or Xvfb's heads
    ],
)
def test_without_a_second_screen_it_is_the_one_screen_layout(screens, public, says) -> None:
    plan = plan_screens(screens, 0, public)
    assert plan.public is None and plan.controls in range(len(screens))
    assert says in plan.note


def on_screen(widget: QWidget) -> QImage:
    """What the screen shows of ``widget`` (the window's backing store as the screen composes
    it, not a fresh render), cut to the part of it on the screen (the offscreen platform's
    screen is 800x800 unless told otherwise)."""
    screen = widget.screen().geometry()
    shot = widget.screen().grabWindow(0, screen.x(), screen.y(), screen.width(), screen.height())
    seen = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size()).intersected(screen)
    return (
        shot.toImage()
        .convertToFormat(QImage.Format.Format_RGB32)
        .copy(seen.translated(-screen.topLeft()))
    )


def test_after_next_the_room_sees_the_new_speaker(rig) -> None:
    """What the screen shows after N is what a full repaint shows (PITFALLS: a long-lived
    window can keep stale text that a fresh render does not have)."""
    rig.start()
    settle(rig)
    rig.clock.advance(3)
    rig.key(Qt.Key.Key_N)
    for _ in range(3):
        QApplication.processEvents()  # the posted repaints
    shown = on_screen(rig.window.view)
    assert shown.width() > 100 and shown.height() > 100
    rig.window.view.repaint()  # everything painted anew
    assert differing_pixels(shown, on_screen(rig.window.view)) == 0


# --- the queue, the message to the circle, whom Next offers -------------------------------------
def type_into(qtbot, edit, text: str) -> None:
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit, text)


def test_queue_takes_a_typed_name_from_the_audience(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    type_into(qtbot, controls.name_edit, "Bea")
    qtbot.mouseClick(controls.queue_button, Qt.MouseButton.LeftButton)
    assert rig.session.queue_names() == ("Bea",)
    assert controls.name_edit.text() == ""  # said; not typed again for the next one
    assert controls.queue_label.isVisible() and controls.queue_label.text() == "Waiting: Bea"
    assert controls.next_button.text() == "Next: Bea  N"
    rig.key(Qt.Key.Key_N)  # Bea takes the free chair and speaks
    assert rig.session.speaker.label == "Bea"
    assert not controls.queue_label.isVisible()


def test_a_long_name_on_next_keeps_its_key(rig) -> None:
    rig.start()
    long = "Maria Fernanda de los Angeles Ortiz"
    rig.controller.queue(long)
    button = rig.window.controls.next_button
    assert button.text() == f"Next: {long}  N"  # the whole, for the accessible name too
    assert "…" in button.shown_text() and button.shown_text().endswith("  N")
    assert button.shown_text().startswith("Next: Ma")


def test_queue_takes_the_touched_chair_when_no_name_is_typed(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    waiting = next(c for c in rig.session.occupied_chairs() if c != rig.session.speaker_chair)
    label = rig.session.occupant(waiting).label
    qtbot.mouseClick(controls.chair_buttons[waiting], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controls.queue_button, Qt.MouseButton.LeftButton)
    assert rig.session.queue_names() == (label,)
    assert rig.controller.selected is None and not controls.chair_buttons[waiting].isChecked()
    qtbot.mouseClick(controls.queue_button, Qt.MouseButton.LeftButton)  # nothing typed or touched
    assert "Type the name" in controls.message_label.text()


def test_a_message_to_the_circle_is_shown_until_cleared(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    assert not controls.clear_button.isEnabled()  # nothing to clear
    type_into(qtbot, controls.note_edit, "Please wrap up")
    qtbot.mouseClick(controls.show_button, Qt.MouseButton.LeftButton)
    assert rig.session.message == "Please wrap up"
    assert rig.session.notes == ()  # shown, not harvested
    assert controls.note_edit.text() == "" and not controls.note_edit.hasFocus()
    assert controls.circle_label.text() == "To the circle: Please wrap up"
    rig.key(Qt.Key.Key_N)  # stays through turns
    assert rig.session.message == "Please wrap up" and controls.circle_label.isVisible()
    qtbot.mouseClick(controls.clear_button, Qt.MouseButton.LeftButton)
    assert rig.session.message is None and not controls.circle_label.isVisible()
    qtbot.mouseClick(controls.show_button, Qt.MouseButton.LeftButton)  # an empty field
    assert rig.session.message is None
    assert "Type the message" in controls.message_label.text()


def test_the_same_field_harvests_a_note_with_enter(rig, qtbot) -> None:
    rig.start()
    controls = rig.window.controls
    type_into(qtbot, controls.note_edit, "Trust takes years")
    qtbot.keyClick(controls.note_edit, Qt.Key.Key_Return)
    assert rig.session.notes[-1].text == "Trust takes years"
    assert rig.session.message is None
    speaker = rig.session.speaker.label
    assert controls.notes_label.text() == f"1 note; last ({speaker}): Trust takes years"


def test_the_strip_stays_put_while_the_queue_and_the_message_change(rig, qtbot) -> None:
    busy_session(rig)
    w = rig.window
    before = (rect_in(w, w.view), rect_in(w, w.controls))
    rig.controller.queue("Someone with a very long name indeed from the back row")
    rig.controller.show_to_circle("Please keep to two minutes each, and let the newcomers in")
    settle(rig)
    assert (rect_in(w, w.view), rect_in(w, w.controls)) == before


def test_next_offers_whom_n_gives_the_word_to(rig) -> None:
    """Whatever the circle and the queue, the Next button names the person N then seats or
    gives the word to (the rule is the model's; the button must never promise another)."""
    import random

    rng = random.Random(16)
    rig.start()
    names = iter(f"Guest {i}" for i in range(1000))
    checked = 0
    for _ in range(600):
        action = rng.choice(["next", "next", "join", "leave", "select", "queue", "queue-name"])
        chairs = rig.session.config.chairs
        if action == "join":
            rig.controller.join(next(names) if rng.random() < 0.5 else "")
        elif action == "leave" and len(rig.session.occupied_chairs()) > 2:
            rig.controller.select(rng.choice(rig.session.occupied_chairs()))
            rig.controller.leave()
        elif action == "select":
            rig.controller.select(rng.randrange(chairs))
        elif action == "queue":
            rig.controller.select(rng.randrange(chairs))
            rig.controller.queue("")
        elif action == "queue-name":
            rig.controller.queue(next(names))
        elif action == "next":
            offered = rig.controller.offered_next()
            shown = rig.window.controls.next_button.text()
            assert shown == (f"Next: {offered}  N" if offered else "Next  N")
            if rig.controller.next_speaker():
                assert rig.session.speaker is not None
                assert rig.session.speaker.label == offered, (offered, rig.session.queue_names())
                checked += 1
        rig.clock.advance(rng.uniform(1, 90))
    assert checked > 60  # Nexts given, not refused (a full circle refuses the audience)
