"""The About card: the app's version, where the content comes from and who made it, and the
licences of everything the app ships. Reached from the help card (and the A key) by anyone, and
from the admin screen, whose body shows the same sections."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import licensing
from kiosk.content.credits import organisation_groups, role_groups
from kiosk.i18n import N_
from kiosk.ui.context import Ctx
from kiosk.ui.overlays import Veil
from kiosk.ui.widgets import label

SOFTWARE = N_(
    "This app is free software under the MIT licence. Qt and PySide6 are used under the LGPL v3: "
    "they are separate libraries in the bundle that anyone may replace. The full texts of every "
    "licence are in: {where}"
)


def about_sections(ctx: Ctx, wide: bool = True) -> QWidget:
    """Version, content source and credits, and the licence list, as one widget: side by side
    when ``wide`` (a landscape screen), one above the other otherwise."""
    s = ctx.scale
    body = QWidget()
    body.setStyleSheet("background: transparent")  # the card's colour shows through
    outer = QHBoxLayout(body) if wide else QVBoxLayout(body)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(s.space(4 if wide else 1.5))
    credits, software = QVBoxLayout(), QVBoxLayout()
    for column in (credits, software):
        column.setSpacing(s.space(1))
        outer.addLayout(column, 1)
    settings = ctx.gallery.settings
    version = ctx.tr("Kiosk {version}").format(version=licensing.app_version())
    credits.addWidget(label(version, "label", "accent", wrap=False))
    credits.addWidget(label(ctx.t(settings.title), "h3"))
    for group in organisation_groups(settings, ctx.t, ctx.tr) + role_groups(settings, ctx.t):
        credits.addWidget(label(group.described(), "small"))
    credits.addStretch(1)
    parts, where = licensing.current_parts()
    software.addWidget(label(ctx.tr("Software and licences"), "h3"))
    software.addWidget(label(ctx.tr(SOFTWARE).format(where=where), "small", "muted"))
    for text in licensing.grouped(parts):
        software.addWidget(label(text, "small"))
    software.addStretch(1)
    return body


class AboutOverlay(Veil):
    """The About card over the gallery; any tap closes it."""

    dismissed = Signal()

    def __init__(self, ctx: Ctx, parent: QWidget) -> None:
        super().__init__(ctx, parent)
        s = ctx.scale
        card, box = self.centred_card(side=4, bottom=ctx.reach)
        box.setSpacing(s.space(1.5))
        box.addWidget(label(ctx.tr("About this gallery"), "h2"))
        box.addWidget(about_sections(ctx, wide=parent.width() >= parent.height()))
        box.addWidget(label(ctx.tr("Tap anywhere to close."), "small", "muted"))
        card.setMaximumWidth(s.space(170))
        self.setAccessibleName(ctx.tr("About: version, credits and licences"))

    def mouseReleaseEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        self.dismissed.emit()
