"""The fishbowl's phone remote card, and the way back to it: the card has a window of its own
(the strip has no room for a QR code) that the facilitator closes once the phone is connected
or when the room should not see the token. P on the timer's window, or the strip's button
"Phone  P" (there while the card is closed), shows it again, with the same address and token."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from kiosk.ui.fishbowl.controls import strip_button
from kiosk.ui.fishbowl.window import FishbowlWindow
from kiosk.ui.remote import strings as S
from kiosk.ui.remote.qr import RemoteWindow
from kiosk.ui.remote.server import RemoteServer

log = logging.getLogger("kiosk.remote")


class RemoteCardOffer(QObject):
    def __init__(self, fish: FishbowlWindow, server: RemoteServer, loopback: bool) -> None:
        super().__init__(fish)
        self.fish = fish
        self.window = RemoteWindow(fish.ctx, server.url, loopback)
        server.clients_changed.connect(self.window.card.set_phones)
        self.window.closed.connect(self._closed)
        self.button = strip_button(
            fish.ctx,
            fish.ctx.tr(S.SHOW_CARD),
            None,
            fish.ctx.tr(S.SHOW_CARD_ACCESSIBLE),
            (fish.ctx.tr(S.SHOW_CARD),),
        )
        self.button.clicked.connect(self.show_card)
        self.button.hide()
        fish.controls.add_button(self.button)
        fish.remote_requested.connect(self.show_card)

    def show_card(self) -> None:
        """The card's window, shown and in front (again)."""
        was_hidden = not self.window.isVisible()
        self.window.show()
        if QGuiApplication.platformName() != "offscreen":  # (it has no stacking to change)
            self.window.raise_()
        self.window.activateWindow()
        self.button.hide()
        if was_hidden:
            log.info("remote: the card with the code is shown")

    def _closed(self) -> None:
        self.button.show()
        log.info("remote: the card with the code was closed (P shows it again)")

    def close(self) -> None:
        """The app ends: the card's window goes with it."""
        self.window.closed.disconnect(self._closed)
        self.window.close()
        self.window.deleteLater()
