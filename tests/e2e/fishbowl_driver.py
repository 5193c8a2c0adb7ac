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

``screens`` runs the real ``kiosk fishbowl`` full screen (``--public-screen N`` if given) on the
screens Qt's offscreen platform is given (``QT_QPA_PLATFORM=offscreen:configfile=FILE.json``);
once its windows are exposed and painted it prints where each window is and on which screen,
saves a picture of each screen and of each window into ``--out``, and quits. ``--demo`` first
saves a session with names, turns and notes (restored paused, as after a crash); ``--resume``
runs it again before the pictures are taken. The fishbowl pictures in docs/screenshots came
from it, e.g. (the file declaring a laptop and a projector)::

    KIOSK_DATA_DIR=$(mktemp -d) QT_QPA_PLATFORM=offscreen:configfile=two-screens.json \
        python -m tests.e2e.fishbowl_driver screens --public-screen 1 --demo --resume \
        --content content --out shots --prefix fishbowl-two-screens-

and with one screen of 1920x1080, 1280x720 or 1080x1920 (named so) and no --public-screen,
``--prefix fishbowl-one-screen-``.

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


def save_demo_session(content: Path) -> None:
    """A discussion under way, saved where ``kiosk fishbowl`` restores it from: people in the
    circle (three of them named), three turns spoken, the next a minute in, two notes, someone
    from the audience waiting to speak, a message to the circle."""
    from kiosk import paths
    from kiosk.content.loader import load_gallery
    from kiosk.core.clock import FakeClock
    from kiosk.core.fishbowl.session import FishbowlSession
    from kiosk.core.fishbowl.store import SessionStore

    gallery = load_gallery(content, paths.assets_dir()).gallery
    clock = FakeClock(1000.0)
    session = FishbowlSession.from_preset(gallery.fishbowl, clock, wall=FakeClock(time.time()))
    session.start()
    for chair, name in zip(
        session.occupied_chairs(), ("Ana", "Jean-Marc", None, "Aminata Diallo"), strict=False
    ):
        if name:
            session.set_participant_name(chair, name)
    for spoken in (140, 190, 95):
        clock.advance(spoken)
        session.next_speaker()
    clock.advance(62)
    session.add_note("Local champions matter more than funding")
    session.add_note("Start with one district, then transfer")
    if session.config.is_open:
        session.enqueue_name("Bea from the audience")
    session.set_message("Two minutes each, please")
    SessionStore(paths.data_dir() / "fishbowl").save(session.snapshot())


def screens(
    out: Path, public_screen: int | None, content: Path, demo: bool, resume: bool, prefix: str
) -> int:
    """``kiosk fishbowl`` full screen on the offscreen platform's screens; see the module's
    docstring."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kiosk import startup
    from kiosk.cli import build_parser
    from kiosk.commands import fishbowl as fishbowl_cmd
    from kiosk.ui.fishbowl.window import FishbowlWindow, PublicWindow

    if demo:
        save_demo_session(content)
    out.mkdir(parents=True, exist_ok=True)
    app = startup.get_app()

    def rect(r) -> list[int]:  # noqa: ANN001
        return [r.x(), r.y(), r.width(), r.height()]

    def global_rect(w) -> list[int]:  # noqa: ANN001
        top_left = w.mapToGlobal(w.rect().topLeft())
        return [top_left.x(), top_left.y(), w.width(), w.height()]

    def windows() -> list:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, FishbowlWindow | PublicWindow) and w.isVisible()
        ]

    def report() -> None:
        shown = windows()
        if not shown or not all(w.windowHandle().isExposed() for w in shown):
            QTimer.singleShot(10, report)  # not all on screen yet: look again
            return
        controller = shown[0].controller
        if resume and controller.session.state.value == "paused":
            controller.toggle()
        for w in shown:
            w.repaint()  # painted now, into the screen's picture, not on a later pass
        QApplication.processEvents()
        found = []
        for w in shown:
            name = "public" if isinstance(w, PublicWindow) else "controls"
            w.grab().save(str(out / f"window-{name}.png"))
            found.append(
                {
                    "name": name,
                    "title": w.windowTitle(),
                    "rect": rect(w.geometry()),
                    "screen": w.screen().name(),
                    "window_screen": w.windowHandle().screen().name(),
                    "full_screen": w.isFullScreen(),
                    "view": global_rect(w.view),
                    "controls": global_rect(w.controls) if name == "controls" else None,
                    "public_elsewhere": getattr(w, "public_elsewhere", None),
                }
            )
        pictures = []
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            # the screen's own rectangle, in global coordinates: on the offscreen platform
            # grabWindow(0) with no rectangle composes the windows from the origin, so the
            # second screen's picture showed the first screen's window
            picture = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())
            path = out / f"{prefix}{screen.name()}.png"
            picture.save(str(path))
            pictures.append({"name": screen.name(), "rect": rect(g), "picture": str(path)})
        say(
            event="screens",
            state=controller.session.state.value,
            primary=QGuiApplication.primaryScreen().name(),
            screens=pictures,
            windows=found,
        )
        app.quit()

    QTimer.singleShot(0, report)  # once the command has built and shown its windows
    argv = ["fishbowl", "--content", str(content)]
    if public_screen is not None:
        argv += ["--public-screen", str(public_screen)]
    return fishbowl_cmd.run(build_parser().parse_args(argv))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["run", "restore", "shown", "screens"])
    parser.add_argument("--turn-at", type=float, default=6.5)
    parser.add_argument("--public-screen", type=int)
    parser.add_argument("--out", type=Path, default=Path("screens"))
    parser.add_argument("--content", type=Path, default=MINI)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--prefix", default="screen-")
    args = parser.parse_args()
    if args.mode == "shown":
        return shown(args.public_screen)
    if args.mode == "screens":
        return screens(
            args.out, args.public_screen, args.content, args.demo, args.resume, args.prefix
        )
    return run(args.turn_at) if args.mode == "run" else restore()


if __name__ == "__main__":
    sys.exit(main())
