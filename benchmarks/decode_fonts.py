"""What the decode threads keep after drawing SVG text at many sizes (docs/reliability.md,
finding 13).

Draws every bundled chart (SVGs with text) at ``--sizes`` widths through the real image store
and its decode threads, emptying the store's cache after each width, and prints glibc's bytes
in use before and after (deletions delivered, cycles collected, free pages handed back). With
``--jobs-per-pool 0`` the decode threads live for good, as they did before finding 13.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.decode_fonts --sizes 150
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.decode_fonts --sizes 150 \\
        --jobs-per-pool 0
"""

from __future__ import annotations

import argparse
import sys
import threading

MB = 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.decode_fonts", description=__doc__)
    parser.add_argument("--sizes", type=int, default=150)
    parser.add_argument("--jobs-per-pool", type=int, default=None, help="0: one pool for good")
    args = parser.parse_args(argv)
    from tools import soak

    soak.prepare_environment(1920, 1080)
    from PySide6.QtCore import QSize

    from kiosk import paths, startup
    from kiosk.ui import images

    startup.get_app()
    if args.jobs_per_pool is not None:
        images.JOBS_PER_POOL = args.jobs_per_pool or sys.maxsize
    charts = sorted((paths.assets_dir() / "charts").glob("*.svg"))
    store = images.ImageStore()

    def draw(width: int) -> None:
        for chart in charts:
            store.get(chart, QSize(width, width))
        store.wait()
        store.invalidate(charts)  # drawn again at the next size, not kept

    def in_use() -> float:
        pool = images._EXECUTOR
        current = set(getattr(pool, "_threads", ()))
        for thread in threading.enumerate():  # the retired pools' threads, ending
            if thread.name.startswith("kiosk-decode") and thread not in current:
                thread.join(10)
        soak.settle_memory()
        return soak.malloc_figures()[1] / MB

    draw(500)
    before = in_use()
    for width in range(501, 501 + args.sizes):
        draw(width)
    after = in_use()
    print(
        f"jobs per pool {images.JOBS_PER_POOL if images.JOBS_PER_POOL < sys.maxsize else 'all'}: "
        f"glibc in use {before:.2f} -> {after:.2f} MB (+{after - before:.2f}) after "
        f"{len(charts)} charts x {args.sizes} sizes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
