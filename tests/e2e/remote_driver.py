"""The real ``kiosk present --remote`` or ``kiosk fishbowl --remote`` in a process of its own
(offscreen), for the browser test (tests/e2e/test_remote_browser.py) and the latency benchmark
(benchmarks/remote_latency.py).

    python -m tests.e2e.remote_driver present|fishbowl [the command's options]

The remote listens on 127.0.0.1 at a free port. Once it listens, the driver prints one JSON line
``{"event": "ready", "url": ...}`` (the page's address with its token). Then one line per change:
``{"event": "nav", "screen", "index", "blackout", "wall"}`` for the presenter's gallery, and
``{"event": "fishbowl", "state", "speaker", "queue", "wall"}`` for the fishbowl (the fishbowl's
session is started from the preset first, as a facilitator would). After a presenter's change,
``{"event": "frame", "mono"}`` when the gallery window paints it. ``wall`` is ``time.time()``,
``mono`` ``time.monotonic()`` (CLOCK_MONOTONIC: the same clock in every process of the machine).
It runs until its standard input closes.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(**data: object) -> None:
    print(json.dumps(data), flush=True)


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import main as kiosk_main
    from kiosk.core.modes import Mode
    from kiosk.startup import get_app
    from kiosk.ui.remote.server import RemoteServer

    command, rest = argv[0], argv[1:]
    _app = get_app()  # held here: the application lives as long as the driver runs
    state: dict = {"server": None, "pending": False}

    class Frames(QObject):
        """The first repaint of the gallery's window after a change: the frame that shows it.
        Its moment is the end of that repaint (every widget painted and the window's image
        flushed): the window's update request is handled here, once, and timed. (Timing it
        from a zero-delay timer after the first paint event counted whatever else the event
        loop ran before that timer.)"""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if state["pending"] and event.type() == QEvent.Type.UpdateRequest:
                state["pending"] = False
                obj.event(event)
                say(event="frame", mono=time.monotonic())
                return True
            return False

    frames = Frames()

    def hook_present(link) -> None:  # noqa: ANN001
        window = link.window

        def changed() -> None:
            nav = window.nav.state
            state["pending"] = True
            say(
                event="nav",
                screen=nav.screen.value,
                index=nav.index,
                blackout=window.modes.is_open(Mode.BLACKOUT),
                wall=time.time(),
                mono=time.monotonic(),
            )

        window.nav.subscribe(lambda _old, _new: changed())
        window.mode_changed.connect(lambda _m, _on: changed())
        window.installEventFilter(frames)

    def hook_fishbowl(link) -> None:  # noqa: ANN001
        controller = link.controller
        session = controller.session

        def changed() -> None:
            speaker = session.speaker
            say(
                event="fishbowl",
                state=session.state.value,
                speaker=speaker.label if speaker is not None else None,
                queue=list(session.queue_names()),
                message=session.message,
                wall=time.time(),
            )

        controller.changed.connect(changed)
        if session.state.value == "setup":
            session.start()

    def poll() -> None:
        if state["server"] is not None:
            return
        import gc

        found = [o for o in gc.get_objects() if isinstance(o, RemoteServer) and o.listening]
        if not found:
            return
        server = found[0]
        state["server"] = server
        timer.stop()
        say(event="ready", url=server.url)
        (hook_present if command == "present" else hook_fishbowl)(server.link)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def stdin_ready() -> None:
        if not os.read(sys.stdin.fileno(), 1024):  # closed: the test is done
            stdin.setEnabled(False)
            QApplication.quit()

    stdin.activated.connect(stdin_ready)
    remote = ["--remote", "--remote-bind", "127.0.0.1", "--remote-port", "0"]
    windowed = ["--windowed"]
    return kiosk_main([command, *windowed, *remote, *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
