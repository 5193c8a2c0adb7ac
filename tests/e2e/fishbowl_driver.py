"""A real process running a fishbowl session, for the kill -9 test (tests/e2e/test_crash.py).

    python -m tests.e2e.fishbowl_driver run      # start a session and keep it running
    python -m tests.e2e.fishbowl_driver restore  # `kiosk fishbowl` as after a crash; print it

Both use the app-data folder in KIOSK_DATA_DIR and the small test gallery, offscreen.

``run`` builds the fishbowl window and controller as the app does (``kiosk.ui.fishbowl.build
.build``: the same store, autosave and timers), starts the session with the gallery's preset,
makes a few turns (someone from the audience joins too), and prints one JSON line per step:
``{"event": "started", "monotonic": ...}`` when the session clock starts (CLOCK_MONOTONIC is
the same clock in every process, so the test can tell the session's elapsed time at any
instant), then ``{"event": "turn", ...}`` for each turn, with all turns so far. After
``--turn-at`` seconds of session time it makes one more turn, then it runs until it is killed.

``shown`` runs the real ``kiosk fishbowl`` full screen (for the bare-X test) and prints where its
windows and the timer page's parts are once the window is exposed.

``restore`` runs the real ``kiosk fishbowl --windowed`` entry point, which restores the saved
session; as soon as its event loop runs, it prints the restored session (state, elapsed time,
turns, the recovery note) and quits; the log (stderr) has the sentence for the facilitator.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


def say(**data: object) -> None:
    print(json.dumps(data), flush=True)


def turns_of(session) -> list[dict]:  # noqa: ANN001
    return [
        {
            "number": t.number,
            "round": t.round,
            "chair": t.chair,
            "participant": t.participant_id,
            "start": round(t.start, 3),
            "end": None if t.end is None else round(t.end, 3),
        }
        for t in session.turns()
    ]


def run(turn_at: float) -> int:
    from PySide6.QtCore import QTimer

    from kiosk import paths, startup
    from kiosk.content.loader import load_gallery
    from kiosk.core.fishbowl.config import FishbowlConfig
    from kiosk.ui.fishbowl.build import build

    app = startup.get_app()
    gallery = load_gallery(MINI, paths.assets_dir()).gallery
    ctx = startup.make_context(gallery, (1280, 720), reduced_motion=True)
    window, controller = build(ctx, gallery)
    window.resize(1280, 720)
    window.show()
    session = controller.session
    config = FishbowlConfig.from_preset(gallery.fishbowl, ctx.lang, gallery.default_language)
    assert controller.start_with(config), "the session did not start"
    start = time.monotonic() - session.session_elapsed()
    say(event="started", monotonic=start, pid=os.getpid())
    assert controller.next_speaker()
    assert controller.join("Ana from the audience")
    assert controller.next_speaker()
    say(event="turn", elapsed=session.session_elapsed(), turns=turns_of(session))

    def later_turn() -> None:
        controller.next_speaker()
        say(event="turn", elapsed=session.session_elapsed(), turns=turns_of(session))

    QTimer.singleShot(round(turn_at * 1000), later_turn)
    return app.exec()  # until kill -9


def restore() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import startup
    from kiosk.cli import build_parser
    from kiosk.commands import fishbowl as fishbowl_cmd
    from kiosk.ui.fishbowl.window import FishbowlWindow

    app = startup.get_app()

    def report() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FishbowlWindow))
        session = window.controller.session
        rec = session.recovery
        say(
            event="restored",
            state=session.state.value,
            elapsed=session.session_elapsed(),
            turns=turns_of(session),
            speaker_chair=session.speaker_chair,
            recovery=None
            if rec is None
            else {"was_running": rec.was_running, "elapsed": rec.elapsed},
        )
        app.quit()

    QTimer.singleShot(0, report)  # as soon as the restarted app's event loop runs
    args = build_parser().parse_args(["fishbowl", "--windowed", "--content", str(MINI)])
    return fishbowl_cmd.run(args)


def shown(public_screen: int | None) -> int:
    """``kiosk fishbowl`` full screen (not windowed), as a kiosk starts it after a crash; once
    the X server has exposed the fishbowl window, print where Qt placed each window and the
    timer page's parts, then run until terminated (the test reads the X windows meanwhile)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import startup
    from kiosk.cli import build_parser
    from kiosk.commands import fishbowl as fishbowl_cmd
    from kiosk.ui.fishbowl.window import FishbowlWindow, PublicWindow

    startup.get_app()  # the timers below need the application; the command reuses it
    done: list[bool] = []

    def rect(w) -> list[int]:  # noqa: ANN001
        g = w.geometry()
        return [g.x(), g.y(), g.width(), g.height()]

    def report() -> None:
        if done:
            return
        done.append(True)
        tops = QApplication.topLevelWidgets()
        window = next(w for w in tops if isinstance(w, FishbowlWindow))
        public = next((w for w in tops if isinstance(w, PublicWindow) and w.isVisible()), None)
        screen = window.screen().geometry()
        say(
            event="shown",
            screen=[screen.x(), screen.y(), screen.width(), screen.height()],
            state=window.controller.session.state.value,
            setup=window.showing_setup(),
            window=rect(window),
            live=rect(window.live),
            view=rect(window.view),
            view_in_window=[*window.view.mapTo(window, window.view.rect().topLeft()).toTuple()],
            controls=rect(window.controls),
            controls_visible=window.controls.isVisible(),
            public=None if public is None else rect(public),
            public_view=None if public is None else rect(public.view),
        )

    class ExposeWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Expose and watched.isExposed():  # type: ignore[attr-defined]
                QTimer.singleShot(0, report)  # after the expose has been handled
            return False

    watch = ExposeWatch()

    def hook() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FishbowlWindow))
        handle = window.windowHandle()
        handle.installEventFilter(watch)
        if handle.isExposed():
            QTimer.singleShot(0, report)

    QTimer.singleShot(0, hook)  # once the command has built and shown its windows
    argv = ["fishbowl", "--content", str(MINI)]
    if public_screen is not None:
        argv += ["--public-screen", str(public_screen)]
    return fishbowl_cmd.run(build_parser().parse_args(argv))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["run", "restore", "shown"])
    parser.add_argument("--turn-at", type=float, default=6.5)
    parser.add_argument("--public-screen", type=int)
    args = parser.parse_args()
    if args.mode == "shown":
        return shown(args.public_screen)
    return run(args.turn_at) if args.mode == "run" else restore()


if __name__ == "__main__":
    sys.exit(main())
