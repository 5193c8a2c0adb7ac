"""Everything with three keys: next, previous, select.

A visitor who can't use touch, with a keyboard or a three-button keypad (EZ Access style; the
keypad is set to send Tab, Shift+Tab and Enter, as switch interfaces do), walks through what is
on screen: Tab moves a bold ring to the next button, card or block of a poster (scrolling it
into view), Shift+Tab to the one before, Enter or Space chooses it. The walk covers the card on
top when one is open (help, About, display settings), else the screen; a poster's blocks are
stops too, so a long poster is read to its end with the same keys.

The ring is a view of the walk's position only: any tap or click hides it, and a rebuilt screen
(a new text size, a reload) finds the same control again by its accessible name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from kiosk.core.modes import Mode
from kiosk.ui.widgets import TapFrame

WalkedWindow = Any
"""The gallery window (kiosk.ui.main_window.MainWindow: its modes, stack, layers, context and
reach button); named loosely here because the window imports this module."""

CARDS = (Mode.SETTINGS, Mode.ABOUT, Mode.HELP)
"""The layers the walk enters (the kiosk's own layers take their own keys)."""

BLOCK_PANELS = {"tile", "lessons", "quote"}
"""Parts of a poster that are stops of the walk besides its buttons: the figures, the
lessons, the quotes, and every section (objectName ``section``)."""


def is_stop(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractButton):
        return widget.isEnabled()
    if isinstance(widget, TapFrame):
        return True
    return widget.objectName() in ("section", "posterTitle") or (
        widget.property("panel") in BLOCK_PANELS
    )


class FocusRing(QWidget):
    """A thick ring around the control the walk is on, over everything, never in the way of a
    tap; drawn in the accent colour with a dark edge so it shows on any background."""

    def __init__(self, window: QWidget, colour: str, width: int) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.colour, self.line = colour, width
        self.hide()

    def around(self, rect: QRect) -> None:
        pad = self.line * 2
        self.setGeometry(rect.adjusted(-pad, -pad, pad, pad))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        inner = self.rect().adjusted(self.line, self.line, -self.line, -self.line)
        p.setPen(QPen(QColor("#000000"), self.line * 2))
        p.drawRoundedRect(inner, self.line * 2, self.line * 2)
        p.setPen(QPen(QColor(self.colour), self.line))
        p.drawRoundedRect(inner, self.line * 2, self.line * 2)


class KeyWalk:
    """The walk's position on the window's screen or top card, and the three moves."""

    def __init__(self, window: WalkedWindow) -> None:
        self.window = window
        self.current: QWidget | None = None
        self._name = ""  # the accessible name of the current stop, to find it after a rebuild
        self.ring: FocusRing | None = None

    @property
    def active(self) -> bool:
        """True while the ring shows: Enter and Space then choose instead of moving posters."""
        return self.ring is not None and self.ring.isVisible() and self.current is not None

    def root(self) -> QWidget:
        w = self.window
        for mode in CARDS:
            if w.modes.is_open(mode) and (layer := w.layer(mode)) is not None:
                return layer
        return w.stack.currentWidget() or w.stack

    def stops(self) -> list[QWidget]:
        """What the walk visits, in reading order: the controls that stay first, then what
        scrolls, top to bottom and left to right, then the edge arrows."""
        w = self.window
        root = self.root()
        found = [x for x in root.findChildren(QWidget) if is_stop(x) and x.isVisibleTo(w)]
        if root is w.stack.currentWidget() and w.reach_button is not None:
            if w.reach_button.isVisibleTo(w):
                found.append(w.reach_button)
        # a block inside another block is read with it; a button is always a stop of its own
        found = [
            x
            for x in found
            if isinstance(x, QAbstractButton)
            or not any(x is not y and y.isAncestorOf(x) for y in found)
        ]

        def order(x: QWidget) -> tuple[int, int, int]:
            # the buttons that stay, then what scrolls in page order, then the edge arrows
            # (after a poster is read, the next one)
            page = _scroll_page(x)
            at = x.mapTo(page or w, QPoint(0, x.height() // 2))  # rows by their middle
            group = 1 if page is not None else 2 if x.property("role") == "edge" else 0
            return (group, at.y(), at.x())

        return sorted(found, key=order)

    def step(self, direction: int) -> None:
        stops = self.stops()
        if not stops:
            return
        here = self._find(stops)
        if here is not None and self._read_on(here, direction):
            return
        if here is None:
            index = 0 if direction > 0 else len(stops) - 1
        else:
            index = (stops.index(here) + direction) % len(stops)
        self._focus(stops[index])

    def _read_on(self, block: QWidget, direction: int) -> bool:
        """A part of a poster taller than the screen is read in screenfuls: the next Tab
        scrolls on through it (Shift+Tab back) before moving to the next part. False when
        the part is in view to its end (or start), or is a control."""
        area = _scroll_area(block)
        if area is None or isinstance(block, QAbstractButton | TapFrame):
            return False
        view = area.viewport()
        top = block.mapTo(view, QPoint(0, 0)).y()
        bottom = top + block.height()
        bar = area.verticalScrollBar()
        page = round(view.height() * 0.8)
        if direction > 0 and bottom > view.height() and bar.value() < bar.maximum():
            bar.setValue(bar.value() + min(page, bottom - view.height() + self._margin()))
        elif direction < 0 and top < 0 and bar.value() > 0:
            bar.setValue(bar.value() - min(page, -top + self._margin()))
        else:
            return False
        self._ring_on(block)
        return True

    def _margin(self) -> int:
        return self.window.ctx.scale.space(6)

    def select(self) -> bool:
        """Choose the stop the ring is on; False when there is none (the key then does what
        it always does)."""
        target = self._find(self.stops()) if self.active else None
        if target is None:
            return False
        if isinstance(target, QAbstractButton):
            target.click()
        elif isinstance(target, TapFrame):
            target.tapped.emit()
        self.refresh()
        return True

    def refresh(self) -> None:
        """After the screen changed under the ring: on the same control if it is still there
        (or built again with the same name), else on the first stop of what is on show now,
        as a keypad user expects after choosing."""
        if self.ring is None or not self.ring.isVisible():
            return
        stops = self.stops()
        target = self._find(stops) or (stops[0] if stops else None)
        if target is None:
            self.clear()
        else:
            self._focus(target)

    def clear(self) -> None:
        self.current = None
        if self.ring is not None:
            self.ring.hide()

    def _find(self, stops: list[QWidget]) -> QWidget | None:
        if self.current is not None and self.current in stops:
            return self.current
        named = [x for x in stops if self._name and x.accessibleName() == self._name]
        return named[0] if named else None

    def _focus(self, target: QWidget) -> None:
        w = self.window
        area = _scroll_area(target)
        if area is not None and not isinstance(target, QAbstractButton | TapFrame):
            # a block of a poster: its top in view, with a little of what came before
            area.ensureWidgetVisible(target, 0, w.ctx.scale.space(6))
        elif area is not None:
            area.ensureWidgetVisible(target, 0, w.ctx.scale.space(2))
        self.current, self._name = target, target.accessibleName()
        self._ring_on(target)
        # screen readers hear where the walk is, as if it had the keyboard focus
        QAccessible.updateAccessibility(QAccessibleEvent(target, QAccessible.Event.Focus))

    def _ring_on(self, target: QWidget) -> None:
        """The ring around the part of ``target`` that shows (all of a button; the visible
        part of a tall block, inside its scroll area)."""
        w = self.window
        if self.ring is None or self.ring.parent() is not w:
            self.ring = FocusRing(w, w.ctx.palette.accent, max(3, w.ctx.scale.space(0.75)))
        self.ring.colour = w.ctx.palette.accent
        shown = QRect(target.mapTo(w, QPoint(0, 0)), target.size())
        area = _scroll_area(target)
        if area is not None:
            view = area.viewport()
            shown = shown.intersected(QRect(view.mapTo(w, QPoint(0, 0)), view.size()))
        self.ring.around(shown.intersected(w.rect()))


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _scroll_page(widget: QWidget) -> QWidget | None:
    area = _scroll_area(widget)
    return area.widget() if area is not None else None
