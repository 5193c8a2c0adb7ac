"""Small building blocks shared by the screens: styled labels, icons, buttons, tappable cards."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from kiosk import paths
from kiosk.core.direction import is_right_to_left

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def rich(text: str) -> tuple[str, bool]:
    """Author text with **bold** marks → (label text, is rich text)."""
    if "**" not in text:
        return text, False
    escaped = html.escape(text)
    return _BOLD.sub(r"<b>\1</b>", escaped).replace("\n", "<br>"), True


def text_direction(text: str) -> Qt.LayoutDirection:
    """Right to left for a text whose first strong letter is Arabic or Hebrew, else left to
    right (kiosk.core.direction)."""
    rtl = is_right_to_left(text)
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def set_direction(widget: QWidget, text: str) -> None:
    """A label runs the way its own text does: an Arabic paragraph starts at the right (its
    leading alignment is then the right edge), whatever the interface's language."""
    direction = text_direction(text)
    if direction != widget.layoutDirection():
        widget.setLayoutDirection(direction)


def label(
    text: str,
    role: str = "body",
    tone: str | None = None,
    wrap: bool = True,
    parent: QWidget | None = None,
) -> QLabel:
    """A label styled by role (see theme.ROLES); never selectable, never a link."""
    shown, is_rich = rich(text)
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.RichText if is_rich else Qt.TextFormat.PlainText)
    widget.setText(shown)
    widget.setProperty("role", role)
    if tone:
        widget.setProperty("tone", tone)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setOpenExternalLinks(False)
    widget.setAccessibleName(re.sub(r"\*\*", "", text))
    set_direction(widget, text)
    if wrap:
        widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def icon_path(name: str) -> Path:
    return paths.assets_dir() / "icons" / f"{name}.svg"


@lru_cache(maxsize=256)
def _icon_svg(name: str, colour: str) -> bytes:
    path = icon_path(name)
    try:
        data = path.read_bytes()
    except OSError:
        return b""
    return data.replace(b"#eceff1", colour.encode("ascii"))


def icon_pixmap(name: str, colour: str, side: int, ratio: float = 1.0) -> QPixmap:
    """A line icon from assets/icons, recoloured, at ``side`` logical pixels."""
    data = _icon_svg(name, colour)
    device = max(1, round(side * ratio))
    image = QImage(device, device, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    if data:
        renderer = QSvgRenderer(QByteArray(data))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@lru_cache(maxsize=256)
def icon(name: str, colour: str, side: int) -> QIcon:
    """One icon per name, colour and size for the whole app. A QIcon made anew each time (the
    carousel's pause and play, every poster's buttons) gets a new key in Qt's pixmap cache for
    each size it is drawn at, and those entries piled up as a visitor browsed; one shared icon
    draws from the same entries."""
    return QIcon(icon_pixmap(name, colour, side))


def nav_button(
    text: str,
    icon_name: str | None,
    colour: str,
    side: int,
    accessible: str,
    role: str = "nav",
    parent: QWidget | None = None,
) -> QToolButton:
    """A touch-sized button with an icon and (optionally) a word; never hover-only."""
    button = QToolButton(parent)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window, not the button
    button.setAccessibleName(accessible)
    button.setToolTip("")
    if icon_name:
        button.setIcon(icon(icon_name, colour, side))
        button.setIconSize(QSize(round(side * 0.55), round(side * 0.55)))
    if text:
        button.setText(text)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if icon_name
            else Qt.ToolButtonStyle.ToolButtonTextOnly
        )
    else:
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setMinimumSize(side, side)
    return button


def set_icon_only(button: QToolButton, icon_only: bool) -> None:
    """A button with an icon and a word shows the icon alone (a row too narrow for its words,
    in a longer language or at a larger text size); its accessible name still says it all."""
    if button.icon().isNull() or not button.text():
        return
    style = (
        Qt.ToolButtonStyle.ToolButtonIconOnly
        if icon_only
        else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    if button.toolButtonStyle() != style:
        button.setToolButtonStyle(style)


def row_width(row: QHBoxLayout, leave_out: QWidget | None = None) -> int:
    """What a row of widgets needs across: their widths as the style sheet sizes them, the
    spacing between them and the row's margins (stretches count nothing)."""
    widgets = []
    for i in range(row.count()):
        item = row.itemAt(i)
        widget = item.widget() if item is not None else None
        if widget is not None and widget is not leave_out and not widget.isHidden():
            # sized by the stylesheet's fonts, not the default's (a row of buttons in a widget
            # of its own too: the language buttons)
            children = widget.findChildren(QWidget)
            for part in (*children, widget):
                part.ensurePolished()
            inner = widget.layout()
            if children and inner is not None:
                inner.invalidate()
            widgets.append(widget)
    margins = row.contentsMargins()
    spacing = row.spacing() * max(0, len(widgets) - 1)
    return sum(w.sizeHint().width() for w in widgets) + spacing + margins.left() + margins.right()


class TapFrame(QFrame):
    """A panel that can be tapped (cards on the home and overview screens).

    It takes no mouse or touch events itself: they reach the GestureFilter of the scroll area
    it sits in, which tells a tap from a drag and emits ``tapped`` on the frame under a tap.
    """

    tapped = Signal()
    # a finger (or the mouse) went down on it: a tap may follow (what it opens can be made
    # ready while the finger is still down)
    pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu:
            return True  # no context menus anywhere
        return super().event(event)


def panel(kind: str, parent: QWidget | None = None) -> QFrame:
    """A frame the stylesheet draws as a panel of ``kind`` (card, tile, help, banner...)."""
    frame = QFrame(parent)
    frame.setProperty("panel", kind)
    return frame
