"""Where the resident memory of a start goes: RSS after each step of the gallery's start.

    python -m benchmarks.startup_rss [--size 1920x1080]

Run in a fresh process (offscreen unless DISPLAY is set) with the content cache warm (a first
load writes it, then this process reads it back, as a start with unchanged content does). The
steps are those of ``kiosk`` (kiosk/commands/gallery.py): the application, the content, the
main window's imports, the context (fonts), the theme, the window built, then shown and one
second of its events (its first frames). Each line gives RSS and what it added, split into
anonymous memory (the heap, Python's objects, pixmaps) and file-backed pages (the libraries
mapped). Issue 25's target is 80 MB at the first home frame; the bare PySide6 window of the
cold-start benchmark is the floor.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time

from benchmarks.procstat import status_mb


def measure(size: tuple[int, int]) -> list[tuple[str, float, float, float]]:
    """(step, RSS, anonymous, file-backed) in MB after each step of a start in this process."""
    gc.disable()  # as the gallery's start (kiosk/commands/gallery.py)
    steps: list[tuple[str, float, float, float]] = []

    def mark(name: str) -> None:
        steps.append((name, status_mb("VmRSS"), status_mb("RssAnon"), status_mb("RssFile")))

    mark("Python")
    from kiosk import startup

    mark("kiosk.startup imported")
    app = startup.get_app()
    mark("QApplication")
    result = startup.load(None)
    mark("content (cache)")
    from kiosk.ui.main_window import MainWindow

    mark("main window's modules")
    ctx = startup.make_context(result.gallery, size)
    mark("context (fonts)")
    startup.apply_theme(app, result.gallery, ctx.scale)
    mark("theme")
    window = MainWindow(ctx, size=size)
    mark("window built")
    window.show()
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    mark("shown, its first second")
    gc.enable()
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup_rss", description=__doc__)
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (1920x1080)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    if args.child:
        previous = 0.0
        for name, rss, anon, file in measure((width, height)):
            print(
                f"{name:26s} {rss:6.1f} MB (+{rss - previous:5.1f})   anonymous {anon:5.1f}, "
                f"files {file:5.1f}"
            )
            previous = rss
        return 0
    # a first process writes the content cache; the measured one reads it, as a second start
    warm = "from kiosk import startup; startup.get_app(); startup.load(None)"
    subprocess.run([sys.executable, "-c", warm], check=True, capture_output=True)
    child = [sys.executable, "-m", "benchmarks.startup_rss", "--child", "--size", args.size]
    return subprocess.run(child, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
