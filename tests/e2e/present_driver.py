"""The real ``kiosk present`` in a process of its own, on the screens Qt's offscreen platform is
given (``QT_QPA_PLATFORM=offscreen:configfile=FILE.json``), for tests/e2e/test_present_screens.py.

    python -m tests.e2e.present_driver [kiosk present's options]

Once the gallery and (with two screens) the console are exposed, it presses PageDown into the
console's window, as a clicker would, and prints one JSON line: each window's geometry and
screen, the gallery's poster and whether the console is shown; then it quits."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import main as kiosk_main
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.present.console import ConsoleWindow

    state = {"pressed": False}

    def windows() -> tuple[MainWindow | None, ConsoleWindow | None]:
        found = QApplication.topLevelWidgets()
        gallery = next((w for w in found if isinstance(w, MainWindow)), None)
        console = next((w for w in found if isinstance(w, ConsoleWindow)), None)
        return gallery, console

    def place(widget) -> dict:  # noqa: ANN001
        handle = widget.windowHandle()
        g = widget.geometry()
        return {
            "geometry": [g.x(), g.y(), g.width(), g.height()],
            "screen": handle.screen().name() if handle is not None else None,
            "visible": widget.isVisible(),
        }

    def poll() -> None:
        gallery, console = windows()
        if gallery is None or console is None or not gallery.isVisible():
            return
        exposed = gallery.windowHandle() is not None and gallery.windowHandle().isExposed()
        if not exposed:
            return
        if console.isVisible() and not state["pressed"]:
            QTest.keyClick(console.windowHandle(), Qt.Key.Key_PageDown)
            state["pressed"] = True
            return
        import gc

        from kiosk.ui.remote.server import RemoteServer

        servers = [o for o in gc.get_objects() if isinstance(o, RemoteServer)]
        report = {
            "remote": [s.url for s in servers if s.listening],
            "gallery": place(gallery),
            "console": place(console),
            "screen": gallery.nav.state.screen.value,
            "index": gallery.nav.state.index,
            "hints_visible": bool(gallery.home.prompt and gallery.home.prompt.isVisible()),
        }
        print(json.dumps(report), flush=True)
        timer.stop()
        QApplication.instance().quit()

    from kiosk.startup import get_app

    get_app()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(poll)
    timer.start()
    return kiosk_main(["present", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
