"""The QR code that hands a phone the remote's address and token, and the card around it.

segno makes the code's matrix (offline, pure Python); it is painted here, black on white with
its quiet zone, crisp at any size (whole pixels per module)."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.context import Ctx
from kiosk.ui.remote import strings as S
from kiosk.ui.widgets import label, nav_button

QUIET = 4  # modules of white around the code, as the standard asks


class QrCode(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.set_text(text)
        self.setAccessibleName(S.QR_ACCESSIBLE)

    def set_text(self, text: str) -> None:
        code = segno.make(text, error="m", micro=False)
        self._matrix = [[bool(cell) for cell in row] for row in code.matrix]
        self.text = text
        self.update()

    @property
    def modules(self) -> int:
        return len(self._matrix) + 2 * QUIET

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        side = self.modules * 6
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        side = min(self.width(), self.height())
        unit = max(1, side // self.modules)
        total = unit * self.modules
        x0 = (self.width() - total) // 2
        y0 = (self.height() - total) // 2
        painter.fillRect(QRect(x0, y0, total, total), QColor("#ffffff"))
        black = QColor("#000000")
        for r, row in enumerate(self._matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        x0 + (c + QUIET) * unit, y0 + (r + QUIET) * unit, unit, unit, black
                    )
        painter.end()


class RemoteCard(QFrame):
    """The QR code, the address under it, and what holding it means."""

    close_requested = Signal()

    def __init__(
        self,
        ctx: Ctx,
        url: str,
        loopback: bool = False,
        closable: bool = False,
        compact: bool = False,
        titled: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("panel", "card")
        s = ctx.scale
        box = QVBoxLayout(self)
        pad = s.space(2)
        box.setContentsMargins(pad, pad, pad, pad)
        box.setSpacing(s.space(1))
        if titled or closable:  # (untitled: beside a title of its own, the admin screen's)
            head = QHBoxLayout()
            head.addWidget(label(ctx.tr(S.TITLE) if titled else "", "h3", wrap=False), 1)
            if closable:
                close = nav_button(
                    ctx.tr(S.CLOSE), None, ctx.palette.text, s.touch, ctx.tr(S.CLOSE)
                )
                close.clicked.connect(self.close_requested)
                head.addWidget(close)
            box.addLayout(head)
        if not compact:
            box.addWidget(label(ctx.tr(S.SCAN), "small", "muted"))
        self.ctx = ctx
        self.qr = QrCode(url)
        self.qr.setAccessibleName(ctx.tr(S.QR_ACCESSIBLE))
        self.qr.setMinimumSize(self.qr.modules * 4, self.qr.modules * 4)
        if compact:  # beside the presenter's poster list: a code a phone reads from 30 cm
            side = s.space(27)
            self.qr.setFixedSize(side, side)
            box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            box.addWidget(self.qr, 1)
        self.address = QLabel(url)
        self.address.setProperty("role", "small")
        self.address.setWordWrap(True)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        # the token is long: break it anywhere rather than overflow the card
        self.address.setText("\u200b".join(url))
        self.address.setAccessibleName(url)
        box.addWidget(self.address)
        self.phones = label(self.phones_text(0), "small", "accent", wrap=False)
        box.addWidget(self.phones)
        note = S.LOOPBACK_NOTE if loopback else (S.TOKEN_SHORT if compact else S.TOKEN_NOTE)
        box.addWidget(label(ctx.tr(note), "small", "muted"))

    def phones_text(self, count: int) -> str:
        words = self.ctx.ntr("{n} phone connected", "{n} phones connected", count)
        return words.format(n=self.ctx.number(count))

    def set_phones(self, count: int) -> None:
        self.phones.setText(self.phones_text(count))


class RemoteWindow(QWidget):
    """The card in a small window of its own (the fishbowl's controls have no room for it),
    until the facilitator closes it (kiosk.ui.remote.reopen shows it again)."""

    closed = Signal()

    def __init__(self, ctx: Ctx, url: str, loopback: bool) -> None:
        super().__init__()
        from kiosk.theme import stylesheet

        self.setWindowTitle(ctx.tr(S.TITLE))
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(stylesheet(ctx.palette, ctx.scale))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.card = RemoteCard(ctx, url, loopback, closable=True)
        self.card.close_requested.connect(self.close)
        box.addWidget(self.card)
        side = ctx.scale.space(60)
        self.resize(side, round(side * 1.45))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
