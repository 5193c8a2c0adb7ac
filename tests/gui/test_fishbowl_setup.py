"""The fishbowl setup screen: steppers, the question, the participants and the fair-airtime
settings, the model's refusals, Start and Back, and a layout that fits at 1280×720, 1920×1080
and 1080×1920 with touch-sized controls."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry, parse_roster, roster_text
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import SessionStore
from kiosk.theme import FONT_FAMILY, stylesheet
from kiosk.ui.fishbowl.build import open_session
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.setup import (
    ROSTER_LINES,
    SetupPanel,
    Stepper,
    format_session,
    format_turn,
    format_warning,
    setup_stylesheet,
)

SIZES = [(1280, 720), (1920, 1080), (1080, 1920)]
LEFT = Qt.MouseButton.LeftButton


@lru_cache(maxsize=1)
def gallery():  # noqa: ANN201 - Gallery
    return load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery


def preset_config(ctx) -> FishbowlConfig:  # noqa: ANN001
    g = gallery()
    return FishbowlConfig.from_preset(g.fishbowl, ctx.lang, g.settings.default_language)


def material_css(ctx, folder: Path) -> str:  # noqa: ANN001
    """qt-material's stylesheet as the app builds it (theme.apply_base), without installing it
    on the application: the other tests keep their plain look."""
    qt_material = pytest.importorskip("qt_material")
    palette = QGuiApplication.palette()
    name = gallery().settings.theme.name
    try:
        css = qt_material.build_stylesheet(
            theme=name,
            invert_secondary=name.startswith("light"),
            extra={
                "font_family": FONT_FAMILY,
                "font_size": f"{ctx.scale.px('body')}px",
                "density_scale": "0",
            },
            parent=str(folder),
        )
    finally:
        QGuiApplication.setPalette(palette)  # it tints the application's palette
    assert css
    return css


@pytest.fixture
def make_panel(qtbot, tmp_path):  # noqa: ANN201
    """A SetupPanel filling a window styled like the app's, shown at a size."""
    hosts: list[QWidget] = []  # pytest-qt holds widgets weakly: keep the windows alive

    def factory(
        size: tuple[int, int] = (1920, 1080),
        config: FishbowlConfig | None = None,
        material: bool = False,
    ) -> SetupPanel:
        ctx = startup.make_context(gallery(), size, reduced_motion=True)
        host = QWidget()
        base = material_css(ctx, tmp_path / "qt_material") + "\n" if material else ""
        host.setStyleSheet(base + stylesheet(ctx.palette, ctx.scale))
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        panel = SetupPanel(ctx, config or preset_config(ctx))
        box.addWidget(panel)
        qtbot.addWidget(host)
        hosts.append(host)
        host.resize(*size)
        host.show()
        qtbot.waitExposed(host)
        QApplication.processEvents()
        return panel

    return factory


@pytest.fixture
def panel(make_panel) -> SetupPanel:  # noqa: ANN001
    return make_panel()


@pytest.fixture
def stepper(qtbot) -> Stepper:
    ctx = startup.make_context(gallery(), (1920, 1080))
    widget = Stepper(
        ctx, "Chairs in the circle", 2, 12, 1, value=5, less="Fewer chairs", more="More chairs"
    )
    widget.setStyleSheet(
        stylesheet(ctx.palette, ctx.scale) + "\n" + setup_stylesheet(ctx.palette, ctx.scale)
    )
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, button: QAbstractButton, times: int = 1) -> None:  # noqa: ANN001
    for _ in range(times):
        qtbot.mouseClick(button, LEFT)


# --- the stepper ------------------------------------------------------------------------------
def test_stepper_clamps_at_the_bounds_and_disables_its_buttons(qtbot, stepper) -> None:
    assert stepper.value == 5
    stepper.set_value(99)
    assert stepper.value == 12 and stepper.text() == "12"
    assert not stepper.increase_button.isEnabled() and stepper.decrease_button.isEnabled()
    click(qtbot, stepper.increase_button)  # disabled: nothing happens
    assert stepper.value == 12
    stepper.set_value(-3)
    assert stepper.value == 2
    assert not stepper.decrease_button.isEnabled() and stepper.increase_button.isEnabled()
    assert stepper.value_label.text() == "2"


def test_stepper_buttons_step_and_signal(qtbot, stepper) -> None:
    seen: list[int] = []
    stepper.valueChanged.connect(seen.append)
    click(qtbot, stepper.increase_button, 3)
    click(qtbot, stepper.decrease_button)
    assert stepper.value == 7
    assert seen == [6, 7, 8, 7]
    click(qtbot, stepper.increase_button, 20)  # runs into the bound, then stops
    assert stepper.value == 12 and seen[-1] == 12 and seen.count(12) == 1


def test_stepper_is_touch_sized_named_and_repeats(stepper) -> None:
    touch = startup.make_context(gallery(), (1920, 1080)).scale.touch
    for button, name in (
        (stepper.decrease_button, "Fewer chairs"),
        (stepper.increase_button, "More chairs"),
    ):
        assert button.width() == button.height() >= max(48, touch)
        assert button.accessibleName() == name
        assert button.autoRepeat()
    assert stepper.value_label.property("role") == "h2"
    assert stepper.value_label.accessibleName() == "Chairs in the circle: 5"


def test_stepper_steps_along_its_grid_from_an_off_grid_value(qtbot) -> None:
    ctx = startup.make_context(gallery(), (1920, 1080))
    turn = Stepper(ctx, "Time per turn", 60, 1800, 30, value=200, fmt=format_turn)
    qtbot.addWidget(turn)
    assert turn.text() == "3 min 20 s"
    turn.step_up()
    assert turn.value == 210
    turn.set_value(200)
    turn.step_down()
    assert turn.value == 180


def test_stepper_set_range_clamps_the_value(stepper) -> None:
    seen: list[int] = []
    stepper.valueChanged.connect(seen.append)
    stepper.set_range(2, 4)
    assert stepper.value == 4 and seen == [4]
    assert not stepper.increase_button.isEnabled()


def test_formats() -> None:
    assert format_turn(180) == "3 min"
    assert format_turn(150) == "2 min 30 s"
    assert format_session(45 * 60) == "45 min"
    assert format_session(60 * 60) == "1 h"
    assert format_session(90 * 60) == "1 h 30 min"
    assert format_warning(0) == "Off"
    assert format_warning(30) == "30 s"


# --- the panel --------------------------------------------------------------------------------
def test_panel_shows_the_preset(panel) -> None:
    preset = gallery().fishbowl
    assert [c.question for c in panel.choices] == [q.get(None, "en") for q in preset.questions]
    assert panel.choices[0].isChecked()
    assert panel.chairs.value == preset.inner_chairs
    assert panel.empty_chairs.value == preset.empty_chairs
    assert panel.turn.value == preset.turn_seconds
    assert panel.session.value == preset.session_minutes * 60
    assert panel.warning.value == preset.warning_seconds
    assert panel.chime_button.isChecked() is preset.chime
    assert panel.config() == preset_config(panel.ctx)
    assert not panel.error_label.isVisible() and panel.start_button.isEnabled()
    assert not panel.findChildren(QSpinBox)


def test_empty_chairs_clamp_when_the_circle_shrinks(qtbot, panel) -> None:
    panel.chairs.set_value(6)
    click(qtbot, panel.empty_chairs.increase_button, 10)
    assert panel.empty_chairs.value == 5  # someone must sit in the circle
    assert not panel.empty_chairs.increase_button.isEnabled()
    click(qtbot, panel.chairs.decrease_button)
    assert panel.chairs.value == 5 and panel.empty_chairs.value == 4
    click(qtbot, panel.chairs.decrease_button, 10)
    assert panel.chairs.value == 2 and panel.empty_chairs.value == 1
    assert not panel.chairs.decrease_button.isEnabled()
    click(qtbot, panel.chairs.increase_button)
    assert panel.empty_chairs.maximum == 2 and panel.empty_chairs.value == 1
    config = panel.config()
    assert config is not None and (config.chairs, config.empty_chairs) == (3, 1)


def test_choosing_a_question_puts_it_first(qtbot, panel) -> None:
    listed = [c.question for c in panel.choices]
    click(qtbot, panel.choices[1])
    assert panel.choices[1].isChecked() and not panel.choices[0].isChecked()
    assert panel.choices[1].mark.text() == "●" and panel.choices[0].mark.text() == "○"
    config = panel.config()
    assert config is not None
    assert config.questions == (listed[1], listed[0], listed[2])


def test_typing_a_new_question_chooses_it(qtbot, panel) -> None:
    listed = [c.question for c in panel.choices]
    click(qtbot, panel.choices[2])
    qtbot.mouseClick(panel.question_edit, LEFT)
    qtbot.keyClicks(panel.question_edit, "Who  decides   what gets transferred?")
    assert not any(c.isChecked() for c in panel.choices)
    assert panel.question_edit.property("selected") is True
    config = panel.config()
    assert config is not None
    assert config.questions == ("Who decides what gets transferred?", *listed)
    # emptying the field goes back to the question chosen before
    panel.question_edit.selectAll()
    qtbot.keyClick(panel.question_edit, Qt.Key.Key_Backspace)
    assert panel.choices[2].isChecked()
    assert panel.config().questions[0] == listed[2]
    # a typed question loses to a tapped one, and wins again when typed into
    qtbot.keyClicks(panel.question_edit, "Typed?")
    click(qtbot, panel.choices[0])
    assert panel.config().questions[0] == listed[0]
    assert panel.question_edit.property("selected") is False
    qtbot.keyClicks(panel.question_edit, "!")
    assert panel.config().questions[0] == "Typed?!"


def test_an_invalid_combination_shows_the_models_sentence_and_does_not_start(qtbot, panel) -> None:
    click(qtbot, panel.turn.decrease_button, 10)  # down to 1 min
    assert panel.turn.value == 60
    click(qtbot, panel.warning.increase_button, 6)  # 30 s → 60 s: not before the turn ends
    assert panel.warning.value == 60
    with pytest.raises(FishbowlError) as refused:
        FishbowlConfig(turn_seconds=60, warning_seconds=60)
    assert panel.config() is None
    assert panel.error == str(refused.value)
    assert panel.error_label.isVisible()
    assert panel.error_label.property("role") == "label"
    assert panel.error_label.property("tone") == "accent"
    assert not panel.start_button.isEnabled()
    with qtbot.assertNotEmitted(panel.start_requested):
        click(qtbot, panel.start_button)
        panel._start_clicked()  # even if something called it directly
    click(qtbot, panel.warning.decrease_button)  # 55 s: fine again
    assert panel.error == "" and not panel.error_label.isVisible()
    assert panel.start_button.isEnabled()


def test_start_emits_the_configuration(qtbot, panel) -> None:
    listed = [c.question for c in panel.choices]
    click(qtbot, panel.choices[1])
    click(qtbot, panel.chairs.increase_button, 2)  # 7
    click(qtbot, panel.empty_chairs.increase_button)  # 2
    click(qtbot, panel.turn.increase_button)  # 3 min 30 s
    click(qtbot, panel.warning.decrease_button, 2)  # 20 s
    click(qtbot, panel.session.increase_button, 3)  # 60 min
    click(qtbot, panel.chime_button)  # off
    assert panel.chime_button.text() == "Off"
    with qtbot.waitSignal(panel.start_requested, timeout=1000) as blocker:
        click(qtbot, panel.start_button)
    expected = FishbowlConfig(
        title=preset_config(panel.ctx).title,
        questions=(listed[1], listed[0], listed[2]),
        chairs=7,
        empty_chairs=2,
        turn_seconds=210.0,
        session_seconds=3600.0,
        warning_seconds=20.0,
        chime=False,
    )
    assert blocker.args == [expected]


def test_back_asks_to_cancel(qtbot, panel) -> None:
    with qtbot.waitSignal(panel.cancel_requested, timeout=1000):
        click(qtbot, panel.back_button)


def test_set_config_round_trips(panel) -> None:
    config = FishbowlConfig(
        title="Harvest",
        questions=("What did we learn?", "What next?"),
        chairs=8,
        empty_chairs=3,
        turn_seconds=150.0,
        session_seconds=95 * 60.0,
        warning_seconds=15.0,
        session_warning_seconds=120.0,
        chime=False,
    )
    panel.set_config(config)
    assert [c.question for c in panel.choices] == list(config.questions)
    assert panel.title_label.text() == "Harvest"
    assert panel.turn.text() == "2 min 30 s" and panel.session.text() == "1 h 35 min"
    assert panel.chime_button.text() == "Off"
    assert panel.config() == config
    panel.set_config(preset_config(panel.ctx))
    assert len(panel.choices) == 3 and panel.config() == preset_config(panel.ctx)


def test_set_config_beyond_the_usual_ranges_widens_them(panel) -> None:
    config = FishbowlConfig(
        chairs=16,
        empty_chairs=12,
        turn_seconds=45.0,
        session_seconds=300 * 60.0,
        warning_seconds=40.0,
    )
    panel.set_config(config)
    assert panel.config() == config
    assert (panel.chairs.maximum, panel.turn.minimum, panel.session.maximum) == (16, 45, 18000)
    panel.set_config(preset_config(panel.ctx))  # and back to the usual ranges
    assert (panel.chairs.maximum, panel.turn.minimum, panel.session.maximum) == (12, 60, 14400)


# --- layout -----------------------------------------------------------------------------------
def assert_fits(panel: SetupPanel) -> None:
    QApplication.processEvents()  # posted layout requests run, as before a paint
    window = panel.window()
    for lb in panel.findChildren(QLabel):
        if not lb.isVisibleTo(panel) or not lb.text():
            continue
        where = f"{lb.text()[:40]!r} ({lb.property('role')})"
        if lb.wordWrap():
            assert lb.height() >= lb.heightForWidth(lb.width()) - 1, f"clipped: {where}"
        else:
            assert lb.width() >= lb.sizeHint().width() - 1, f"elided: {where}"
            assert lb.height() >= lb.sizeHint().height() - 1, f"clipped: {where}"
        left = lb.mapTo(window, lb.rect().topLeft()).x()
        right = lb.mapTo(window, lb.rect().topRight()).x()
        assert 0 <= left and right <= window.width(), f"outside the window: {where}"
    for button in panel.findChildren(QAbstractButton):
        if button.isVisibleTo(panel):
            name = button.accessibleName()
            assert button.width() >= 48 and button.height() >= 48, name
            assert button.width() >= button.sizeHint().width() - 1, name
            assert (
                button.height() >= button.heightForWidth(button.width()) - 1
                if button.hasHeightForWidth()
                else True
            ), name
            # wholly inside its parent: a button taller than its row is cut off
            assert button.parentWidget().rect().contains(button.geometry()), name
    body = panel.scroll_area.widget()
    assert body.width() <= panel.scroll_area.viewport().width()  # never a sideways scroll


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_layout_fits_at_three_sizes(make_panel, size) -> None:
    panel = make_panel(size)
    assert_fits(panel)
    touch = panel.ctx.scale.touch
    for stepper in (panel.chairs, panel.empty_chairs, panel.turn, panel.warning, panel.session):
        for button in (stepper.decrease_button, stepper.increase_button):
            assert button.width() >= touch and button.height() >= touch
    # the preset's setup is seen at a glance: nothing below the fold
    assert panel.scroll_area.verticalScrollBar().maximum() == 0
    # big type through the stylesheet (qt-material ignores setFont)
    assert panel.chairs.value_label.font().pixelSize() == panel.ctx.scale.px("h2")
    assert panel.question_edit.font().pixelSize() == panel.ctx.scale.px("label")
    assert panel.question_edit.height() >= touch
    # with the longest values and the model's complaint showing, still nothing clipped
    panel.session.set_value(235 * 60)
    panel.turn.set_value(60)
    panel.warning.set_value(65)
    assert panel.error
    assert_fits(panel)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_layout_fits_under_qt_material(make_panel, size) -> None:
    """The app's real look: qt-material gives every QToolButton a margin and a 36 px height,
    which once squeezed the steppers' buttons out of their row."""
    panel = make_panel(size, material=True)
    assert_fits(panel)
    touch = panel.ctx.scale.touch
    for button in (panel.chairs.decrease_button, panel.session.increase_button):
        assert button.width() == button.height() == touch
    assert panel.chairs.value_label.font().pixelSize() == panel.ctx.scale.px("h2")
    assert panel.question_edit.font().pixelSize() == panel.ctx.scale.px("label")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_two_columns_when_wide(make_panel, size) -> None:
    panel = make_panel(size)
    q = panel.question_box.mapTo(panel, panel.question_box.rect().topLeft())
    s = panel.settings_box.mapTo(panel, panel.settings_box.rect().topLeft())
    if size[0] > size[1]:
        assert s.x() > q.x() and s.y() == q.y()
    else:
        assert s.x() == q.x() and s.y() > q.y() + panel.question_box.height() - 1


def test_stepper_buttons_stay_put_as_the_value_changes(make_panel) -> None:
    panel = make_panel((1920, 1080))
    session = panel.session
    session.set_value(session.minimum)
    QApplication.processEvents()
    where = session.increase_button.mapTo(panel, session.increase_button.rect().topLeft())
    for value in (session.maximum, 95 * 60, 60 * 60):
        session.set_value(value)
        QApplication.processEvents()
        assert (
            session.increase_button.mapTo(panel, session.increase_button.rect().topLeft()) == where
        ), session.text()


def test_many_long_questions_scroll_without_clipping(make_panel) -> None:
    questions = tuple(
        f"Question {i}: " + "how would the neighbourhood's own organisations "
        "carry this on once the city's support ends, and who decides? " * 2
        for i in range(1, 9)
    )
    config = FishbowlConfig(questions=questions)
    panel = make_panel((1280, 720), config)
    assert_fits(panel)
    assert panel.scroll_area.verticalScrollBar().maximum() > 0  # it scrolls rather than squeezes
    assert [c.text_label.text() for c in panel.choices] == list(config.questions)
    assert panel.config() == config


# --- the participants and fair airtime ----------------------------------------------------------
# people and places from the workshop's report
ROSTER = (
    "Christian Yaccarini; Montreal\n"
    "Jaemin Song; Seoul\n"
    "Oriol Estela Barnet;   Barcelona\n"
    "Laurence Kwark"
)
ENTRIES = (
    RosterEntry("Christian Yaccarini", "Montreal"),
    RosterEntry("Jaemin Song", "Seoul"),
    RosterEntry("Oriol Estela Barnet", "Barcelona"),
    RosterEntry("Laurence Kwark", None),
)


def type_roster(qtbot, panel: SetupPanel, text: str) -> None:  # noqa: ANN001
    """Tap the participants field and type ``text`` into it, Return between the lines."""
    qtbot.mouseClick(panel.roster_edit.viewport(), LEFT)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(panel.roster_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(panel.roster_edit, line)


def make_window(qtbot, tmp_path: Path, session: FishbowlSession | None = None):  # noqa: ANN001, ANN201
    """The real fishbowl window on a fake clock, saving into ``tmp_path``."""
    from kiosk.ui.fishbowl.window import FishbowlWindow

    ctx = startup.make_context(gallery(), (1920, 1080), reduced_motion=True)
    wall = FakeClock(1_700_000_000.0)
    if session is None:
        session = FishbowlSession.from_preset(gallery().fishbowl, FakeClock(100.0), wall=wall)
    store = SessionStore(tmp_path / "fishbowl", wall=wall)
    controller = FishbowlController(session, store, tmp_path / "exports")
    window = FishbowlWindow(ctx, controller, preset_config(ctx))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def test_participants_and_airtime_defaults(panel) -> None:
    """No one listed; the room sees talk time; no balance by group, and it says why."""
    assert panel.roster_edit.toPlainText() == ""
    assert panel.roster_edit.isVisible() and panel.roster_hint.isVisible()
    assert panel.airtime_public_button.isChecked()
    assert panel.airtime_public_button.text() == "On"
    assert panel.airtime_public_button.accessibleName() == "The room sees talk time: on"
    balance = panel.group_balance_button
    assert not balance.isChecked() and balance.text() == "Off"
    assert not balance.isEnabled()  # no one listed has a group
    assert panel.group_note.isVisible()
    config = panel.config()
    assert config is not None
    assert (config.roster, config.airtime_public, config.group_balance) == ((), True, False)
    default = FishbowlConfig()
    assert (default.airtime_public, default.group_balance) == (True, False)  # the model agrees


def test_a_typed_roster_with_groups_reaches_the_session(qtbot, tmp_path) -> None:
    window, controller = make_window(qtbot, tmp_path)
    panel = window.setup
    assert window.showing_setup()
    type_roster(qtbot, panel, ROSTER)
    # Return in the participants field is a new line, not the window's "Enter starts"
    assert controller.session.state is State.SETUP and window.showing_setup()
    assert panel.roster_edit.toPlainText() == ROSTER
    assert panel.group_balance_button.isEnabled() and not panel.group_note.isVisible()
    click(qtbot, panel.group_balance_button)  # on
    click(qtbot, panel.airtime_public_button)  # off: the room does not see talk time
    assert panel.group_balance_button.text() == "On"
    assert panel.airtime_public_button.text() == "Off"
    click(qtbot, panel.start_button)
    session = controller.session
    assert session.state is State.RUNNING and not window.showing_setup()
    assert session.config.roster == ENTRIES
    assert session.config.airtime_public is False
    assert session.config.group_balance is True
    assert session.config.group_of("jaemin song") == "Seoul"


def test_a_reset_session_shows_its_roster_in_the_setup(qtbot, tmp_path) -> None:
    window, controller = make_window(qtbot, tmp_path)
    panel = window.setup
    type_roster(qtbot, panel, ROSTER)
    click(qtbot, panel.group_balance_button)
    click(qtbot, panel.start_button)
    assert controller.session.state is State.RUNNING
    panel.set_config(preset_config(panel.ctx))  # the panel forgets what was typed ...
    assert panel.roster_edit.toPlainText() == ""
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.keyClick(window, Qt.Key.Key_R)  # ... and a reset shows the session's list again
    assert controller.session.state is State.SETUP and window.showing_setup()
    assert parse_roster(panel.roster_edit.toPlainText()) == ENTRIES
    assert panel.group_balance_button.isChecked()
    assert panel.config() == controller.session.config


def test_a_restored_session_shows_its_roster_in_the_setup(qtbot, tmp_path) -> None:
    clock, wall = FakeClock(100.0), FakeClock(1_700_000_000.0)
    session = FishbowlSession.from_preset(gallery().fishbowl, clock, wall=wall)
    store = SessionStore(tmp_path / "fishbowl", wall=wall)
    session.configure(roster=ENTRIES, airtime_public=False, group_balance=True)
    store.save(session.snapshot())
    restored, _message = open_session(store, gallery().fishbowl, None, "en")
    assert restored.state is State.SETUP
    window, _controller = make_window(qtbot, tmp_path, restored)
    panel = window.setup
    assert window.showing_setup()
    assert panel.roster_edit.toPlainText() == roster_text(ENTRIES)
    assert not panel.airtime_public_button.isChecked()
    assert panel.group_balance_button.isChecked() and panel.group_balance_button.isEnabled()
    assert panel.config() == restored.config


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Christian Yaccarini; Montreal\n; Seoul", 2),  # a group with no name
        ("Jaemin Song\n\nOriol Estela Barnet; " + "B" * 61, 3),  # a group too long
        ("J" * 61, 1),  # a name too long
    ],
    ids=["group-without-name", "long-group", "long-name"],
)
def test_a_bad_roster_line_blocks_start_with_the_lines_message(qtbot, panel, text, line) -> None:
    with pytest.raises(FishbowlError) as refused:
        parse_roster(text)
    assert f"line {line}:" in str(refused.value)
    type_roster(qtbot, panel, text)
    assert panel.config() is None
    assert panel.error == str(refused.value)  # the model's sentence, naming the line
    assert panel.error_label.isVisible() and panel.error_label.property("tone") == "accent"
    assert panel.roster_edit.property("invalid") is True
    assert not panel.start_button.isEnabled()
    with qtbot.assertNotEmitted(panel.start_requested):
        click(qtbot, panel.start_button)
        panel._start_clicked()
    # the line taken out: fine again
    panel.roster_edit.selectAll()
    qtbot.keyClick(panel.roster_edit, Qt.Key.Key_Backspace)
    assert panel.roster_edit.toPlainText() == ""
    assert panel.error == "" and panel.start_button.isEnabled()
    assert panel.roster_edit.property("invalid") is False


def test_a_name_listed_twice_is_refused_with_the_models_sentence(qtbot, panel) -> None:
    type_roster(qtbot, panel, "Jaemin Song; Seoul\njaemin song")
    with pytest.raises(FishbowlError) as refused:
        parse_roster("Jaemin Song; Seoul\njaemin song")
    assert panel.error == str(refused.value) and not panel.start_button.isEnabled()


def test_balance_by_group_is_offered_only_while_someone_has_a_group(qtbot, panel) -> None:
    balance = panel.group_balance_button
    type_roster(qtbot, panel, "Jaemin Song")
    assert not balance.isEnabled() and panel.group_note.isVisible()
    click(qtbot, balance)  # unavailable: nothing happens
    assert not balance.isChecked() and panel.config().group_balance is False
    qtbot.keyClicks(panel.roster_edit, "; Seoul")
    assert balance.isEnabled() and not panel.group_note.isVisible()
    click(qtbot, balance)
    assert balance.isChecked() and panel.config().group_balance is True
    assert balance.accessibleName() == "Balance by group: on"
    # the group taken away: off while there is nothing to balance ...
    for _ in "; Seoul":
        qtbot.keyClick(panel.roster_edit, Qt.Key.Key_Backspace)
    assert panel.roster_edit.toPlainText() == "Jaemin Song"
    assert not balance.isEnabled() and not balance.isChecked()
    assert balance.text() == "Off" and panel.config().group_balance is False
    assert "no one listed has a group" in balance.accessibleName()
    # ... and the facilitator's choice comes back with a group
    qtbot.keyClicks(panel.roster_edit, "; Seoul")
    assert balance.isChecked() and panel.config().group_balance is True
    click(qtbot, balance)
    assert panel.config().group_balance is False


def test_set_config_shows_a_roster_back(panel) -> None:
    config = FishbowlConfig(roster=ENTRIES, airtime_public=False, group_balance=True)
    panel.set_config(config)
    assert panel.roster_edit.toPlainText() == roster_text(ENTRIES)
    assert not panel.airtime_public_button.isChecked()
    assert panel.airtime_public_button.text() == "Off"
    assert panel.group_balance_button.isChecked() and panel.group_balance_button.isEnabled()
    assert panel.config() == config
    panel.set_config(preset_config(panel.ctx))  # and a setup with no one listed clears it
    assert panel.roster_edit.toPlainText() == ""
    assert panel.airtime_public_button.isChecked()
    assert not panel.group_balance_button.isChecked()
    assert panel.config() == preset_config(panel.ctx)


def test_toggles_keep_their_size_when_unavailable(panel) -> None:
    """A dashed frame marks "Balance by group" unavailable; it must not change the size."""
    assert not panel.group_balance_button.isEnabled()
    assert panel.group_balance_button.size() == panel.airtime_public_button.size()
    assert panel.group_balance_button.size() == panel.chime_button.size()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("material", [False, True], ids=["plain", "qt-material"])
def test_a_long_roster_fits_at_three_sizes(make_panel, size, material) -> None:
    entries = tuple(
        RosterEntry(f"Participant number {i}", ("Montreal", "Seoul", "Barcelona")[i % 3])
        for i in range(1, 41)
    )
    panel = make_panel(size, FishbowlConfig(roster=entries), material=material)
    assert_fits(panel)
    edit = panel.roster_edit
    lines = ROSTER_LINES * edit.fontMetrics().lineSpacing()
    assert edit.viewport().height() >= lines  # at least three names in view
    assert edit.verticalScrollBar().maximum() > 0  # the rest scroll inside the field
    assert edit.font().pixelSize() == panel.ctx.scale.px("label")
    field = edit.mapTo(panel, edit.rect().bottomRight())
    assert panel.rect().contains(field) or panel.scroll_area.verticalScrollBar().maximum() > 0
    assert panel.config() == FishbowlConfig(roster=entries)
    # the model's complaint about a line, shown beside Start, clips nothing either
    edit.setPlainText(roster_text(entries) + "\n; " + "a group with no name " * 2)
    assert "line 41" in panel.error
    assert_fits(panel)
