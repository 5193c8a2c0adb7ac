"""No widget is ever shown as a window of its own but the gallery's window.

A widget shown before it has a parent (``setVisible(True)`` in its constructor, or on a label
not yet in a laid-out widget) is a top-level window for that moment: on X a window is made and
mapped, its frame repaints what is under it (the poster on show: the deck's rest picture was
let go each time a page was made), and a real screen may flash it. Found in the read-aloud
button, the language buttons, the credits line, the home's prompt and the poster bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.modes import Mode


class WindowsShown(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            self.shown.append(f"{type(obj).__name__} {obj.objectName()!r}")
        return False


def test_start_and_every_screen_show_no_other_window(qtbot, make_window) -> None:
    watch = WindowsShown()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        window = make_window()
        assert watch.shown == ["MainWindow ''"]  # the gallery's window, once
        watch.shown.clear()
        for i in range(len(window.ctx.gallery.posters)):
            window.nav.open(i)
            qtbot.waitUntil(lambda i=i: window.deck.index == i)
        window.ctx.images.wait()
        window.nav.overview()
        window.nav.quotes()
        window.nav.home()
        for mode in (Mode.HELP, Mode.SETTINGS):
            window.modes.toggle(mode)
            window.modes.toggle(mode)
        qtbot.waitUntil(lambda: not window.deck._steps)  # the neighbours' pages made too
        assert watch.shown == []
    finally:
        app.removeEventFilter(watch)
