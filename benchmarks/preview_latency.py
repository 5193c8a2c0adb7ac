"""``python -m benchmarks.preview_latency [--saves N] [--content DIR]``: how long ``kiosk
preview`` takes from an author's save to the new poster on show.

A copy of the content folder (the default gallery's unless ``--content``) and the real
``PreviewWindow``, offscreen, in this process. Each save rewrites one poster file the way an
editor does (a temporary file renamed over it) with its title changed, and the time runs from
just before the rename to the window's ``updated`` signal, which follows the new poster's
drawing: the folder watcher's debounce (150 ms), the parse on the worker thread and the poster
laid out and grabbed whole. Saves are a second apart, as a person saves. Prints one JSON line
(milliseconds).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(content: Path, saves: int, size: tuple[int, int]) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("KIOSK_TTS_ENGINE", "none")
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk import paths, startup
    from kiosk.content.loader import load_gallery
    from kiosk.ui.live.preview import PreviewWindow

    work = Path(tempfile.mkdtemp(prefix="kiosk-preview-bench-"))
    try:
        folder = work / "content"
        shutil.copytree(content, folder)
        app = startup.get_app()
        result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
        ctx = startup.make_context(result.gallery, size, reduced_motion=True)
        startup.apply_theme(app, result.gallery, ctx.scale)
        poster = next(iter(sorted((folder / "posters").glob("*.yaml"))))
        window = PreviewWindow(ctx, result, folder, paths.assets_dir(), size)
        window.resize(640, 1000)
        window.show()
        app.processEvents()
        original = poster.read_text(encoding="utf-8")
        latencies: list[float] = []
        draws: list[float] = []
        for i in range(saves):
            loop = QEventLoop()
            QTimer.singleShot(1000, loop.quit)  # a person's pace between saves
            loop.exec()
            text = original.replace("\ntitle:", f"\n# save {i}\ntitle:", 1)
            tmp = poster.with_name(f".{poster.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            done: list[float] = []
            wait = QEventLoop()
            window.updated.connect(
                lambda _id, d=done, w=wait: (d.append(time.perf_counter()), w.quit())
            )
            QTimer.singleShot(10_000, wait.quit)
            started = time.perf_counter()
            os.replace(tmp, poster)
            wait.exec()
            window.updated.disconnect()
            if not done:
                print(f"save {i}: no update within 10 s", file=sys.stderr)
                continue
            latencies.append((done[0] - started) * 1000)
            status = window.status.text()
            draws.append(float(status.split("drawn in ")[1].split(" s")[0]) * 1000)
        window.stop()
        window.close()
        return {
            "saves": saves,
            "updated": len(latencies),
            "poster": poster.name,
            "size": f"{size[0]}x{size[1]}",
            "save_to_shown_ms": {
                "median": round(statistics.median(latencies), 1) if latencies else None,
                "p95": round(_pct(latencies, 0.95), 1) if latencies else None,
                "max": round(max(latencies), 1) if latencies else None,
            },
            "drawing_ms_median": round(statistics.median(draws), 1) if draws else None,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.preview_latency")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--content", default=None, help="the content folder (default: shipped)")
    parser.add_argument("--size", default="1920x1080", help="the kiosk's screen (WIDTHxHEIGHT)")
    args = parser.parse_args(argv)
    from kiosk import paths

    width, height = (int(v) for v in args.size.split("x"))
    content = Path(args.content) if args.content else paths.default_content_dir()
    print(json.dumps(measure(content, args.saves, (width, height))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
