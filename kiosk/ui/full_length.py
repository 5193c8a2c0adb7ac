"""A poster top to bottom as one picture: what ``kiosk preview`` and ``kiosk shot --all`` show.

The poster is the app's own (the deck's ``PosterView`` and its ``PosterPage``), laid out for a
kiosk screen of the size given, and grabbed whole rather than one screenful at a time. It is
never shown on a screen (``WA_DontShowOnScreen``): on an author's desktop no kiosk-sized window
flashes up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.theme import stylesheet
from kiosk.ui.gallery.deck import PosterView

if TYPE_CHECKING:
    from kiosk.ui.context import Ctx

MAX_HEIGHT = 30_000  # pixels: a poster longer than this is cut there (an image that size is 230 MB)


def render_poster(ctx: Ctx, index: int, size: tuple[int, int]) -> QImage:
    """The poster at ``index`` of ``ctx.gallery``, laid out for a screen of ``size``, whole."""
    app = QApplication.instance()
    view = PosterView(ctx, index)
    view.setStyleSheet(stylesheet(ctx.palette, ctx.scale))  # the gallery window's own look
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*size)
    view.show()
    try:
        page = view.ensure_page()
        for _ in range(3):  # layouts, then the pictures decoded off the GUI thread
            if app is not None:
                app.processEvents()
            ctx.images.wait()
        # the height its text needs at this width (wrapped labels): no empty screen at the end
        layout = page.layout()
        wanted = 0
        if layout is not None and layout.hasHeightForWidth():
            wanted = layout.totalHeightForWidth(page.width())
        height = min(max(wanted, size[1]), MAX_HEIGHT)
        return page.grab(QRect(0, 0, page.width(), min(height, page.height()))).toImage()
    finally:
        view.close()
        view.deleteLater()
