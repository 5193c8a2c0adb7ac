"""The credits line on the home screen: "Organised by" and the organisers' short names, each
after its logo (scaled to the text's height) where the content gives one, then the partners.

Its children are laid out by hand on at most ``max_lines`` lines (``kiosk.core.flow``): a long
list of organisers ends in "and N more" instead of pushing the cards off the screen. The full
names are the line's accessible description, and every name is in the About card.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.content.credits import CreditGroup, CreditName, described, organisation_groups
from kiosk.core.flow import Flow, Item, flow
from kiosk.ui.context import Ctx
from kiosk.ui.images import ArtworkView, aspect_of
from kiosk.ui.widgets import label

MAX_LOGO_ASPECT = 4.0  # a wide logo is fitted into a box four times as wide as the text is high


def logo_aspect(name: CreditName) -> float:
    """Width / height of the box a logo is fitted into."""
    return min(MAX_LOGO_ASPECT, max(0.5, aspect_of(name.logo)))


def logo_view(ctx: Ctx, name: CreditName, height: int) -> ArtworkView | None:
    """The organisation's logo, ``height`` pixels high and as wide as its shape (None: none)."""
    if name.logo is None:
        return None
    view = ArtworkView(ctx.images, name.logo, name.alt, ctx.colours)
    view.setFixedSize(max(1, round(height * logo_aspect(name))), height)
    return view


class _Name(QWidget):
    """One organisation: its logo (if any) and its shown name."""

    def __init__(self, ctx: Ctx, name: CreditName, text: str) -> None:
        super().__init__()
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(ctx.scale.space(1))
        self.gap = box.spacing()
        self.aspect = logo_aspect(name) if name.logo is not None else 0.0
        self.logo = logo_view(ctx, name, 1)  # sized to the text once the text's font is known
        if self.logo is not None:
            box.addWidget(self.logo)
        self.text = text
        self.label = label(text, "small", wrap=False)
        self.label.setAccessibleName(name.full)
        box.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def fit_logo(self) -> None:
        """The logo as high as a line of the name's text."""
        if self.logo is not None:
            height = max(8, QFontMetrics(self.label.font()).height())
            size = QSize(max(1, round(height * self.aspect)), height)
            if self.logo.size() != size:
                self.logo.setFixedSize(size)

    def _around(self) -> int:
        """What the name takes besides its text: the label's padding, the logo and its gap."""
        fm = QFontMetrics(self.label.font())
        padding = self.label.sizeHint().width() - fm.horizontalAdvance(self.label.text())
        logo = self.logo.width() + self.gap if self.logo is not None else 0
        return padding + logo

    def full_width(self) -> int:
        """The width of the whole name (whatever it shows now)."""
        return QFontMetrics(self.label.font()).horizontalAdvance(self.text) + self._around()

    def fit(self, width: int) -> None:
        """The whole name, or the name cut to ``width`` with an ellipsis."""
        fm = QFontMetrics(self.label.font())
        room = max(1, width - self._around())
        shown = (
            self.text
            if fm.horizontalAdvance(self.text) <= room
            else (fm.elidedText(self.text, Qt.TextElideMode.ElideRight, room))
        )
        if self.label.text() != shown:
            self.label.setText(shown)


class CreditsLine(QWidget):
    """The organisers and partners on at most ``max_lines`` lines; empty when there are none."""

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        s = ctx.scale
        self.groups: tuple[CreditGroup, ...] = organisation_groups(
            ctx.gallery.settings, ctx.t, ctx.tr
        )
        self.max_lines = 1
        self.align_right = False
        self._gap = s.space(1)  # between two names
        self._group_gap = s.space(4)  # before a group's heading
        self._line = 1
        self._items: list[QWidget] = []
        self._flow_items: list[Item] = []
        for g, group in enumerate(self.groups):
            heading = label(group.heading, "small", "muted", wrap=False, parent=self)
            self._add(heading, Item(0, self._group_gap if g else 0, heading=True))
            for n, name in enumerate(group.names):
                last = n == len(group.names) - 1
                widget = _Name(ctx, name, name.shown + ("" if last else ","))
                widget.setParent(self)
                self._add(widget, Item(0, s.space(1) if n == 0 else self._gap))
        self.more = label("", "small", "muted", wrap=False, parent=self)
        self.more.hide()
        self.setAccessibleName(ctx.tr("Credits") if self.groups else "")
        self.setAccessibleDescription(described(self.groups))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if not self.groups:
            self.hide()  # (never shown here: without a parent yet it would be a window)

    def _add(self, widget: QWidget, item: Item) -> None:
        self._items.append(widget)
        self._flow_items.append(item)

    def names(self) -> list[QLabel]:
        """The labels of the names on screen."""
        return [w.label for w in self._items if isinstance(w, _Name) and w.isVisibleTo(self)]

    def _more_text(self, n: int) -> str:
        return self.ctx.ntr("and {n} more", "and {n} more", n).format(n=self.ctx.number(n))

    def _more_width(self, n: int) -> int:
        """The note's width for ``n`` names, with its gap (and the label's padding)."""
        fm = QFontMetrics(self.more.font())
        padding = self.more.sizeHint().width() - fm.horizontalAdvance(self.more.text())
        return fm.horizontalAdvance(self._more_text(n)) + padding + self._gap

    def _measure(self) -> None:
        """Line height and logo sizes from the text's font, which the window's style sheet
        sets: known only once the line is in the window."""
        self.ensurePolished()
        heights = [self.more.sizeHint().height()]
        for widget in self._items:
            if isinstance(widget, _Name):
                widget.fit_logo()
            heights.append(widget.sizeHint().height())
        self._line = max(heights)

    def _flow(self, width: int) -> tuple[Flow, list[int]]:
        """The lines, and each item's width: a name too long to stand beside its heading and
        the "and N more" note is given what is left (and shortened to it)."""
        self._measure()
        hints = [
            w.full_width() if isinstance(w, _Name) else w.sizeHint().width() for w in self._items
        ]
        headings = [h for h, it in zip(hints, self._flow_items, strict=True) if it.heading]
        names = len(self._items) - len(headings)
        cap = max(1, width - max(headings, default=0) - self._gap - self._more_width(names))
        widths = [
            min(h, width if it.heading else cap)
            for h, it in zip(hints, self._flow_items, strict=True)
        ]
        items = [
            Item(w, it.gap, it.heading) for w, it in zip(widths, self._flow_items, strict=True)
        ]
        return flow(items, max(1, width), self.max_lines, self._more_width), widths

    def set_lines(self, max_lines: int, align_right: bool) -> None:
        if (max_lines, align_right) != (self.max_lines, self.align_right):
            self.max_lines, self.align_right = max_lines, align_right
            self.updateGeometry()
            self._arrange()

    def one_line_width(self) -> int:
        """How wide the whole line is with nothing left out."""
        return sum(
            (w.full_width() if isinstance(w, _Name) else w.sizeHint().width())
            + (it.gap if i else 0)
            for i, (w, it) in enumerate(zip(self._items, self._flow_items, strict=True))
        )

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if not self.groups:
            return 0
        lines = max(1, len(self._flow(width)[0].lines))
        return lines * self._line + (lines - 1) * self.ctx.scale.space(0.5)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        self._measure()
        return QSize(self.one_line_width(), self._line)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        self._measure()
        return QSize(0, self._line if self.groups else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        width = self.width()
        if width <= 1 or not self.groups:
            return
        laid, widths = self._flow(width)
        shown = set(laid.shown)
        step = self._line + self.ctx.scale.space(0.5)
        lines = laid.lines or ((),)  # nothing fits but the note
        for row, line in enumerate(lines):
            parts: list[tuple[QWidget, int, int]] = []
            for i in line:
                widget = self._items[i]
                if isinstance(widget, _Name):
                    widget.fit(widths[i])
                parts.append((widget, widths[i], self._flow_items[i].gap))
            if row == len(lines) - 1 and laid.hidden:
                self.more.setText(self._more_text(laid.hidden))
                parts.append((self.more, self.more.sizeHint().width(), self._gap))
            used = sum(w + (gap if n else 0) for n, (_, w, gap) in enumerate(parts))
            x = max(0, width - used) if self.align_right else 0
            for n, (widget, w, gap) in enumerate(parts):
                x += gap if n else 0
                height = widget.sizeHint().height()
                widget.setGeometry(x, row * step + (self._line - height) // 2, w, height)
                widget.show()
                x += w
        for i, widget in enumerate(self._items):
            if i not in shown:
                widget.hide()
        self.more.setVisible(laid.hidden > 0)
