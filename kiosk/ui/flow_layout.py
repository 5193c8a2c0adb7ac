"""A layout that wraps: items left to right, a new row when the width runs out (the
fishbowl's control strip, the admin screen's buttons on a narrow screen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the width runs out; in each row, items
    that expand horizontally (the text fields) share the width left over. Its height follows
    its width (``heightForWidth``), so a box layout gives it the rows it needs."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.row_starts: list[QWidget] = []  # widgets that begin a new row (see ``rows``)
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As wide as one row of everything (a window may be narrower: then rows wrap)."""
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest single item: anything wider wraps."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    @staticmethod
    def _grows(item: QLayoutItem) -> bool:
        return bool(item.expandingDirections() & Qt.Orientation.Horizontal)

    def _packed_width(self, item: QLayoutItem, width: int) -> int:
        """The width an item needs in a row: a growing one (a text field) its minimum, since
        it takes the row's spare width anyway."""
        size = item.minimumSize() if self._grows(item) else item.sizeHint()
        return min(width, size.width())

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The visible items, in the rows they take at ``width``."""
        gap = self.spacing()
        rows: list[list[QLayoutItem]] = []
        row: list[QLayoutItem] = []
        used = 0
        for item in self._items:
            if item.isEmpty():  # a hidden widget
                continue
            w = self._packed_width(item, width)
            # a group (the circle) starts a row of its own, unless the group before it already
            # wrapped: then it carries on where that one ended, and the strip stays low
            starts = item.widget() in self.row_starts and not rows
            if row and (used + gap + w > width or starts):
                rows.append(row)
                row, used = [], 0
            used += (gap if row else 0) + w
            row.append(item)
        if row:
            rows.append(row)
        return rows

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, area.width())
        gap = self.spacing()
        y = area.y()
        for row in self.rows(width):
            hints = [self._packed_width(i, width) for i in row]
            height = max(i.sizeHint().height() for i in row)
            spare = width - sum(hints) - gap * (len(row) - 1)
            growing = [n for n, i in enumerate(row) if self._grows(i)]
            x = area.x()
            for n, item in enumerate(row):
                w = hints[n]
                if growing and n in growing:
                    w += spare // len(growing) + (
                        1 if growing.index(n) < spare % len(growing) else 0
                    )
                h = min(height, max(item.minimumSize().height(), item.sizeHint().height()))
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + gap
            y += height + gap
        total = y - area.y() - (gap if y > area.y() else 0)
        return total + m.top() + m.bottom()
