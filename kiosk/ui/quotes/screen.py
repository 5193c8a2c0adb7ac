"""The full-screen quotes (Q, or "All quotes" on the home screen): every quote of the gallery,
as large as the screen allows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.context import Ctx
from kiosk.ui.quotes.carousel import QuoteCarousel
from kiosk.ui.touch import TouchScreen
from kiosk.ui.visitor import reach_back_button, settings_button
from kiosk.ui.widgets import label, nav_button


class QuotesScreen(TouchScreen):
    home_requested = Signal()
    help_requested = Signal()
    settings_requested = Signal()
    reach_requested = Signal()  # the visitor's reach mode: the buttons back to the top

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        s = ctx.scale
        page = QWidget()
        page.setObjectName("screen")
        box = QVBoxLayout(page)
        margin = s.space(6)
        box.setContentsMargins(margin, s.space(3), margin, s.space(4))
        box.setSpacing(s.space(3))
        row = QHBoxLayout()
        row.setSpacing(s.space(3))
        self.home_button = nav_button(
            ctx.tr("Home"), "home", ctx.palette.text, s.touch, ctx.tr("Home: all posters")
        )
        self.home_button.clicked.connect(self.home_requested)
        row.addWidget(self.home_button)
        row.addWidget(label(ctx.tr("In their words"), "h2"), 1)
        self.settings_button = settings_button(ctx)
        self.settings_button.clicked.connect(self.settings_requested)
        row.addWidget(self.settings_button)
        self.help_button = nav_button(
            "", "help", ctx.palette.text, s.touch, ctx.tr("Help: how to use it")
        )
        self.help_button.clicked.connect(self.help_requested)
        row.addWidget(self.help_button)
        if not ctx.reach:
            box.addLayout(row)
        self.carousel = (
            QuoteCarousel(ctx, ctx.gallery.quotes, "screen") if ctx.gallery.quotes else None
        )
        if self.carousel is not None:
            box.addWidget(self.carousel, 1)
        else:
            box.addWidget(label(ctx.tr("This gallery has no quotes."), "lead", "muted"), 1)
        if ctx.reach:  # the visitor's reach mode: the buttons at the bottom, and a way back up
            back = reach_back_button(ctx)
            back.clicked.connect(self.reach_requested)
            row.insertWidget(0, back)
            box.addLayout(row)
        self.setWidget(page)
