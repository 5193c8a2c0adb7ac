"""Items taken out of Qt layouts, deleted rather than leaked.

``QLayout.takeAt`` hands the caller the layout item it took out, for the caller to delete
(Qt's documentation says so). PySide6 does not take ownership of it: the Python wrapper goes
and the C++ item stays, for good. Each screen rebuilt that way
(the help card on every opening, the admin screen's body on every refresh) left one item for
each widget it had held: heaptrack found them growing in the soak's census state, 360 KB over
7,000 of its events (docs/reliability.md, "The native rise found").

``QLayout.replaceWidget`` hands one back too, but do not delete that one: when Python had
met the item before (``itemAt``), PySide6 still counts it as the layout's child, and the
layout's end then touches the deleted item (a crash, seen in the live-reload tests).
``replace_in_grid`` takes the item out with ``takeAt``, which ends that bond first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLayout, QLayoutItem, QWidget
from shiboken6 import delete, isValid


def discard(item: QLayoutItem | None) -> None:
    """Delete a layout item that was taken out of its layout: only the item (a widget it held
    stays as it is; a layout it is goes, with the items still in it)."""
    if item is not None and isValid(item):
        delete(item)


def delete_item(item: QLayoutItem) -> None:
    """Delete a layout item taken out of its layout and what it holds: a widget (hidden at
    once, deleted at the next turn of the event loop), or a layout and everything in it."""
    widget, layout = item.widget(), item.layout()
    if widget is not None:
        widget.hide()  # gone at once, not at the next turn of the event loop
        widget.deleteLater()
    elif layout is not None:
        empty(layout)
    discard(item)


def empty(layout: QLayout, keep: Callable[[QWidget], bool] = lambda _widget: False) -> None:
    """Every item taken out of ``layout`` and deleted with what it holds, except the widgets
    ``keep`` names: those stay alive, out of the layout (their items go)."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None and keep(widget):
            discard(item)
        else:
            delete_item(item)


def replace_in_grid(grid: QGridLayout, old: QWidget, new: QWidget) -> bool:
    """``new`` in ``old``'s cell of ``grid`` (the same span and alignment); ``old`` out of the
    grid, left to the caller, its item deleted. False when ``old`` is not in ``grid``."""
    index = grid.indexOf(old)
    if index < 0:
        return False
    position = cast(tuple[int, int, int, int], grid.getItemPosition(index))
    row, column, rows, columns = position
    item = grid.takeAt(index)
    alignment = item.alignment() if item is not None else Qt.AlignmentFlag(0)
    discard(item)
    grid.addWidget(new, row, column, rows, columns, alignment)
    return True
