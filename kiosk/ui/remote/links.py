"""What the phone remote drives, through the same calls as the keyboard and the controls.

``PresenterLink``: the presenter's gallery. Next, previous, blackout and overview go through the
window's own key handling (``MainWindow.handle_key`` with the clicker's keys), so a phone obeys
every rule a clicker does (a blackout wakes first, the layers that take the keys refuse). A jump
is the console list's ``Navigation.open``.

``FishbowlLink``: the fishbowl, through its controller (``FishbowlController``): the session's
own operations and its sentences when it refuses; nothing here decides what is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kiosk.core.fishbowl.session import State
from kiosk.core.modes import Mode
from kiosk.core.remote.actions import Action, RemoteKind
from kiosk.core.remote.state import fishbowl_state, presenter_state
from kiosk.ui.remote import strings as S

if TYPE_CHECKING:
    from kiosk.ui.fishbowl.controller import FishbowlController
    from kiosk.ui.main_window import MainWindow

PRESENTER_KEYS = {
    "next": (Qt.Key.Key_PageDown, ""),
    "previous": (Qt.Key.Key_PageUp, ""),
    "blackout": (Qt.Key.Key_B, "b"),
    "overview": (Qt.Key.Key_Escape, ""),
}
RESYNC_MS = 5000  # while a fishbowl runs, the phones' countdowns are set right this often


class PresenterLink(QObject):
    kind: RemoteKind = "present"
    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.nav.subscribe(lambda _old, _new: self.changed.emit())
        window.mode_changed.connect(lambda _mode, _on: self.changed.emit())
        window.gallery_changed.connect(lambda _gallery: self.changed.emit())

    def state(self) -> dict[str, Any]:
        w = self.window
        return presenter_state(
            w.ctx.gallery, w.nav.state, w.modes.is_open(Mode.BLACKOUT), w.ctx.lang
        )

    def act(self, action: Action) -> str:
        window = self.window
        if not window.modes.takes_gallery_keys():
            return S.GALLERY_BUSY
        if action.name == "goto":
            index = action.index if action.index is not None else -1
            if not 0 <= index < len(window.ctx.gallery.posters):
                return S.NO_SUCH_POSTER
            window.modes.leave(Mode.BLACKOUT)
            window.nav.open(index)
            return ""
        key, text = PRESENTER_KEYS[action.name]
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        window.handle_key(event)
        return ""


class FishbowlLink(QObject):
    kind: RemoteKind = "fishbowl"
    changed = Signal()

    def __init__(self, controller: FishbowlController) -> None:
        super().__init__(controller)
        self.controller = controller
        controller.changed.connect(self.changed)
        controller.message.connect(lambda _text: self.changed.emit())
        self._resync = QTimer(self)
        self._resync.setInterval(RESYNC_MS)
        self._resync.timeout.connect(self.changed)
        controller.changed.connect(self._run_resync)
        self._run_resync()

    def _run_resync(self) -> None:
        if self.controller.session.state is State.RUNNING:
            if not self._resync.isActive():
                self._resync.start()
        else:
            self._resync.stop()

    def state(self) -> dict[str, Any]:
        c = self.controller
        return fishbowl_state(c.session, c.offered_next(), c.last_message)

    def act(self, action: Action) -> str:
        c = self.controller
        name = action.name
        if name == "next_speaker":
            done = c.next_speaker()
        elif name == "pause":
            done = c.toggle()
        elif name == "join":
            done = c.join(action.text or None)
        elif name == "leave":
            if action.index is not None:
                c.select(action.index)
            done = c.leave()
        elif name == "queue":
            done = c.queue(action.text)
        elif name == "more":
            done = c.add_time()
        elif name == "less":
            done = c.remove_time()
        elif name == "message":
            done = c.show_to_circle(action.text)
        else:  # clear_message
            done = c.clear_circle_message()
        return "" if done else (c.last_message or S.NOT_DONE)
