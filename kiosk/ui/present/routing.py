"""The presenter's input, whichever window has the focus: a clicker's PageDown, PageUp, B and
'.' pressed while the console is in front still drive the audience's gallery; and the pointer
is hidden while it is over the audience's window.

The filter sits on the application and looks only at events delivered to the two windows
themselves (``QWindow``): a keyboard's and a clicker's keys always arrive there first, before Qt
hands them to the focused widget, so nothing inside either window can swallow them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QWindow

if TYPE_CHECKING:
    from kiosk.ui.present.presenter import Presenter


class PresenterInput(QObject):
    def __init__(self, presenter: Presenter) -> None:
        super().__init__(presenter)
        self._presenter = presenter

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if not isinstance(obj, QWindow) or kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.Enter,
            QEvent.Type.Leave,
        ):
            return False
        presenter = self._presenter
        audience = obj is presenter.window.windowHandle()
        if kind != QEvent.Type.KeyPress:
            if audience:
                presenter.pointer_over_audience(kind == QEvent.Type.Enter)
            return False
        assert isinstance(event, QKeyEvent)
        if obj is presenter.console.windowHandle():
            return presenter.console_key(event)
        if audience:
            return presenter.audience_key(event)
        return False
