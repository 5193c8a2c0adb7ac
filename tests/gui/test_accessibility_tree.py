"""Issue 17: every control named for screen readers. For each screen and layer, the test walks
Qt's accessibility tree (what an assistive technology reads, through AT-SPI on Linux) and finds
every actionable element (a button, a field, a check box, anything with an action) and every
tap target with its accessible name."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.core.modes import Mode
from kiosk.core.pin import PinStore
from kiosk.ui.widgets import TapFrame
from tests.gui.kiosk_rig import hold_corner, type_pin

ROLES = QAccessible.Role
ACTIONABLE = {
    ROLES.PushButton,
    ROLES.Button,
    ROLES.CheckBox,
    ROLES.RadioButton,
    ROLES.Link,
    ROLES.MenuItem,
    ROLES.ButtonDropDown,
    ROLES.ComboBox,
    ROLES.EditableText,
    ROLES.Slider,
    ROLES.SpinBox,
}
POSTERS = [
    p.id for p in load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery.posters
]


def unnamed_controls(top: QWidget) -> list[str]:
    """Each visible element of ``top``'s accessibility tree that a person can act on but that
    has no name, described by its role and its widget; and each visible tap target (a card)
    without a name."""
    problems: list[str] = []
    seen = 0

    def walk(iface) -> None:  # noqa: ANN001
        nonlocal seen
        if iface is None or not iface.isValid() or iface.state().invisible:
            return
        seen += 1
        actions = iface.actionInterface()
        acts = bool(actions and actions.actionNames())
        if (iface.role() in ACTIONABLE or acts) and iface.role() is not ROLES.Window:
            if not iface.text(QAccessible.Text.Name).strip():
                problems.append(f"{iface.role().name} {iface.object()!r}")
        for i in range(iface.childCount()):
            walk(iface.child(i))

    walk(QAccessible.queryAccessibleInterface(top))
    assert seen > 3, "the accessibility tree is empty: nothing was checked"
    for frame in top.findChildren(TapFrame):
        if frame.isVisibleTo(top) and not frame.accessibleName().strip():
            problems.append(f"tap target {frame!r}")
    return problems


def settle(qtbot) -> None:  # noqa: ANN001
    qtbot.wait(5)


@pytest.mark.parametrize("screen", ["home", "overview", "quotes", *POSTERS])
def test_every_control_of_each_screen_is_named(qtbot, make_window, screen) -> None:
    window = make_window()
    if screen == "overview":
        window.nav.overview()
    elif screen == "quotes":
        window.nav.quotes()
    elif screen != "home":
        window.nav.open_id(screen)
    settle(qtbot)
    assert unnamed_controls(window) == []


@pytest.mark.parametrize("screen", ["home", "overview", "quotes", "poster"])
def test_every_control_in_reach_mode_on_a_portrait_screen_is_named(
    qtbot, make_window, screen
) -> None:
    """The visitor's reach mode moves the buttons and adds a way back up: named too."""
    window = make_window(size=(1080, 1920))
    window.visitor.set(reach=True, text_step=2, high_contrast=True)
    if screen == "overview":
        window.nav.overview()
    elif screen == "quotes":
        window.nav.quotes()
    elif screen == "poster":
        window.nav.open(1)
    settle(qtbot)
    assert unnamed_controls(window) == []


@pytest.mark.parametrize("layer", [Mode.HELP, Mode.ABOUT, Mode.SETTINGS, Mode.BLACKOUT])
def test_every_control_of_each_layer_is_named(qtbot, make_window, layer) -> None:
    window = make_window()
    window.nav.open(1)
    window.modes.enter(layer)
    settle(qtbot)
    assert window.modes.top is layer
    assert unnamed_controls(window) == []


def test_the_kiosk_layers_are_named_pin_pad_admin_notice_attract(make_rig, qtbot) -> None:
    from kiosk.core.idle import IdleState
    from tests.gui.kiosk_rig import idle_until

    PinStore.in_folder(paths.data_dir()).set_pin("2468")
    rig = make_rig()
    hold_corner(rig, qtbot)
    settle(qtbot)
    assert rig.window.modes.top is Mode.PIN
    assert unnamed_controls(rig.window) == []
    type_pin(rig.parts.admin.pad, "2468")
    settle(qtbot)
    assert rig.window.modes.top is Mode.ADMIN
    assert unnamed_controls(rig.window) == []
    rig.window.modes.leave(Mode.ADMIN)
    idle_until(rig, IdleState.WARNING)
    settle(qtbot)
    assert rig.window.modes.top is Mode.STILL_THERE
    assert unnamed_controls(rig.window) == []
    idle_until(rig, IdleState.IDLE)
    settle(qtbot)
    assert rig.window.modes.top is Mode.ATTRACT
    assert unnamed_controls(rig.window) == []


def test_every_control_of_the_fishbowl_timer_is_named(qtbot, tmp_path) -> None:
    """The facilitator's setup page and the timer with its strip of controls."""
    from PySide6.QtCore import Qt

    from tests.gui.test_fishbowl_window import Rig

    rig = Rig(qtbot, tmp_path)
    assert rig.window.showing_setup()
    assert unnamed_controls(rig.window) == []
    rig.key(Qt.Key.Key_Return)
    settle(qtbot)
    assert not rig.window.showing_setup()
    assert unnamed_controls(rig.window) == []
