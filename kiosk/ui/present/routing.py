"""The presenter's input, whichever window has the focus: a clicker's PageDown, PageUp, B and
'.' pressed while the console is in front still drive the audience's gallery; and the pointer
is hidden while it is over the audience's window.

The filter sits on the application and looks only at events delivered to the two windows
themselves (``QWindow``): a keyboard's and a clicker's keys always arrive there first, before Qt
hands them to the focused widget, so nothing inside either window can swallow them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QWidget

KeyHandler = Callable[[QKeyEvent], bool]


class PresenterInput(QObject):
    """Key presses entering the ``console``'s window go to ``console_key``, those entering the
    ``audience``'s window to ``audience_key`` (each says whether it took the key); the pointer
    entering and leaving the audience's window to ``pointer_over``."""

    def __init__(
        self,
        parent: QObject,
        audience: QWidget,
        console: QWidget,
        console_key: KeyHandler,
        audience_key: KeyHandler,
        pointer_over: Callable[[bool], None],
    ) -> None:
        super().__init__(parent)
        self._audience, self._console = audience, console
        self._console_key, self._audience_key = console_key, audience_key
        self._pointer_over = pointer_over

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if not isinstance(obj, QWindow) or kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.Enter,
            QEvent.Type.Leave,
        ):
            return False
        audience = obj is self._audience.windowHandle()
        if kind != QEvent.Type.KeyPress:
            if audience:
                self._pointer_over(kind == QEvent.Type.Enter)
            return False
        assert isinstance(event, QKeyEvent)
        if obj is self._console.windowHandle():
            return self._console_key(event)
        if audience:
            return self._audience_key(event)
        return False
