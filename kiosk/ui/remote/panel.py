"""The phone remote's switch on the admin screen: a button that turns the remote on and off
while the app runs, and while it is on, the card with its QR code, address and one-time token.

The panel only renders the ``RemoteSwitch`` (kiosk.ui.remote.switch), which owns whether the
remote is on: a panel built again (the admin screen in another language) shows the same state,
and closing the admin screen leaves the remote as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.modes import Mode
from kiosk.ui.context import Ctx
from kiosk.ui.remote import strings as S
from kiosk.ui.remote.switch import RemoteSwitch
from kiosk.ui.widgets import label, nav_button

if TYPE_CHECKING:
    from kiosk.ui.kiosk.admin import AdminFlow
    from kiosk.ui.remote.qr import RemoteCard


class RemotePanel(QWidget):
    def __init__(self, ctx: Ctx, switch: RemoteSwitch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remotePanel")
        self.ctx = ctx
        self.switch = switch
        s = ctx.scale
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(s.space(3))
        column = QVBoxLayout()
        column.setSpacing(s.space(1))
        column.addWidget(label(ctx.tr(S.TITLE), "h3", wrap=False))
        self.state = label("", "small", "muted")
        column.addWidget(self.state)
        on = ctx.tr(S.SWITCH_ON)
        self.button = nav_button(on, None, ctx.palette.text, s.touch, on)
        self.button.setCheckable(True)
        self.button.clicked.connect(self._clicked)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self._row.addLayout(column, 1)
        self.card: RemoteCard | None = None
        switch.changed.connect(self._render)
        self._render()

    def _clicked(self) -> None:
        self.switch.set_on(not self.switch.on, "the admin screen's switch")

    def _render(self, *_args: object) -> None:
        on = self.switch.on
        words = self.ctx.tr(S.SWITCH_OFF if on else S.SWITCH_ON)
        self.button.setChecked(on)
        self.button.setText(words)
        self.button.setAccessibleName(words)
        if self.card is not None:
            self.card.hide()
            self.card.deleteLater()
            self.card = None
        server = self.switch.server
        if server is None:
            self.state.setText(self.ctx.tr(S.STATE_FAILED if self.switch.failed else S.STATE_OFF))
            self.state.show()
            return
        self.state.hide()
        from kiosk.ui.remote.qr import RemoteCard  # (segno: only once the remote is on)

        self.card = RemoteCard(
            self.ctx, server.url, self.switch.loopback, compact=True, titled=False
        )
        self.card.setFixedWidth(self.ctx.scale.space(56))
        self.card.set_phones(server.phones)
        server.clients_changed.connect(self.card.set_phones)
        self._row.addWidget(self.card)


def keep_on_admin_screen(admin: AdminFlow, switch: RemoteSwitch) -> None:
    """Each time the admin screen opens, it has the remote's panel, made anew in the screen's
    language (the visitor may have switched it since) and showing the same switch."""

    def opened(mode: Mode, entered: bool) -> None:
        screen = admin.screen
        if not (mode is Mode.ADMIN and entered):
            return
        old = screen.findChild(RemotePanel)
        if old is not None and old.ctx.lang == screen.ctx.lang:
            return
        if old is not None:
            old.setParent(None)  # out of the screen now, deleted later
            old.deleteLater()
        screen.add_panel(RemotePanel(screen.ctx, switch))

    admin.modes.subscribe(opened)
