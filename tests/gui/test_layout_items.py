"""Layout items taken out of a layout are deleted, not leaked (kiosk/ui/layouts.py).

PySide6 does not own the item ``takeAt`` or ``replaceWidget`` hands back: dropped in Python,
it stays alive in C++. heaptrack found them growing in the soak (the help card built again on
each opening, the admin screen's body on each refresh). Each test keeps the Python wrappers of
a layout's items, has the screen build again, and asks whether the C++ items are gone: with
the items only dropped they are all still valid."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk import startup
from kiosk.core.modes import Mode
from kiosk.ui.hints import InputKind
from kiosk.ui.layouts import empty

from .test_fishbowl_setup import make_panel  # noqa: F401 - the fixture


def items(layout: QLayout) -> list[QLayoutItem]:
    return [layout.itemAt(i) for i in range(layout.count())]


def test_emptying_a_layout_deletes_its_items_and_keeps_what_it_is_asked_to(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    kept, gone = QLabel("kept"), QLabel("gone")
    row = QHBoxLayout()
    inner = QLabel("in the row")
    row.addWidget(inner)
    box.addWidget(kept)
    box.addWidget(gone)
    box.addLayout(row)
    box.addStretch(1)
    before = items(box)
    assert len(before) == 4
    empty(box, keep=lambda widget: widget is kept)
    assert box.count() == 0
    assert not any(isValid(item) for item in before)  # the items, the row and the stretch
    assert isValid(kept) and not kept.isHidden()  # the kept widget lives on, out of the layout
    assert gone.isHidden() and inner.isHidden()  # the others are hidden now, deleted later


def test_the_help_card_built_again_deletes_the_items_it_took_out(qtbot, make_window) -> None:
    window = make_window()
    help_card = window.help
    help_card.set_kind(InputKind.TOUCH)
    before = items(help_card.box)
    assert len(before) > 3
    help_card.set_kind(InputKind.KEYS)  # every other opening by the other input
    assert help_card.box.count() > 3
    assert not any(isValid(item) for item in before)
    assert help_card.about_button.parent() is not None  # kept, and in the new card
    assert help_card.box.indexOf(help_card.about_button) >= 0


def test_the_admin_screen_refreshed_deletes_the_items_it_took_out(qtbot) -> None:
    result = startup.load(None)
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, None, watch=False)
    try:
        window.modes.enter(Mode.ADMIN)
        screen = services.admin.screen
        screen.refresh()
        before = items(screen.body_box)
        assert len(before) > 3
        screen.refresh()
        assert screen.body_box.count() == len(before)  # the same body again
        assert not any(isValid(item) for item in before)
    finally:
        services.stop()
        window._allow_close = True


def test_a_card_rebuilt_by_a_reload_deletes_the_item_it_replaced(qtbot, make_window) -> None:
    window = make_window()
    home = window.home
    (grid,) = [g for g in home.widget().findChildren(QGridLayout) if g.indexOf(home.cards[1]) >= 0]
    old_item = grid.itemAt(grid.indexOf(home.cards[1]))
    home.replace_cards(window.ctx, [1])
    assert grid.indexOf(home.cards[1]) >= 0  # the new card, in the old one's place
    assert not isValid(old_item)


def test_the_fishbowl_setup_rearranged_deletes_the_items_it_took_out(make_panel) -> None:  # noqa: F811
    panel = make_panel((1920, 1080))
    before = [item for column in panel._columns for item in items(column)]
    assert len(before) >= 4
    panel._arrange(not panel._wide)
    assert not any(isValid(item) for item in before)
    assert panel.question_box.isVisible()  # the widgets stay, in their new places
