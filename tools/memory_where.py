"""Where the soak's resident memory is, where the visitor happens to be and in one known
state, every N events.

    python -m tools.memory_where [--events 16000] [--every 2000] [--seed 20261206]
    python -m tools.memory_where --settings 3

The soak's random visitor (tools/soak.py, the same seed gives the same walk). Every ``--every``
events, two readings: "found", the soak's own (wherever the visitor is; deferred deletions
run, cycles collected, free heap pages returned), then "census", the soak's census state
(woken, upright, home, every screen built again so that only the home screen is, every
decode delivered, then settled the same way). Each splits RSS by where it lives: the blocks
glibc mapped on their own (the full-screen pixmaps), glibc's main heap (``[heap]``), Python's
object arenas (anonymous 1 MiB mappings), the other anonymous memory (thread stacks, Qt's own
mappings, glibc's second heap), glibc's bytes in use against its heaps' size, and how many
widgets and Python objects are alive. Memory kept grows the part it lives in, in the census
state; memory held by what is built grows the "found" readings alone.

With ``--settings N``, no random visitor: N rounds of every screen in each of a visitor's text
sizes and languages on both screens (what the soak's tour shows once), each followed by a
census reading. Caches filled on first sight are full after the tour; what still grows
round after round is kept.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
from pathlib import Path

from tools import soak

MB = 1024 * 1024
_RANGE = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) ")


def resident_by_kind() -> dict[str, float]:
    """Resident MB of the main heap, of Python's arenas (1 MiB anonymous mappings) and of the
    other anonymous mappings, from /proc/self/smaps."""
    out = {"heap": 0.0, "python": 0.0, "other": 0.0}
    kind = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        found = _RANGE.match(line)
        if found:
            size = int(found.group(2), 16) - int(found.group(1), 16)
            fields = line.split()
            name = fields[5] if len(fields) > 5 else ""
            kind = (
                "heap"
                if name == "[heap]"
                else ("python" if size == MB else "other")
                if not name
                else None
            )
        elif line.startswith("Rss:") and kind:
            out[kind] += int(line.split()[1]) / 1024
    return out


def _print_row(events: int, state: str, window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    kinds = resident_by_kind()
    mapped, in_use, heaps = soak.malloc_figures()
    print(
        f"{events:6d} {state} {soak.rss_bytes() / MB:6.1f} {mapped / MB:7.1f} "
        f"{kinds['heap']:7.1f} {kinds['python']:7.1f} {kinds['other'] - mapped / MB:11.1f} | "
        f"{in_use / MB:5.1f} / {heaps / MB:5.1f} | "
        f"{len(QApplication.allWidgets()):7d} {len(gc.get_objects()):7d}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.memory_where", description=__doc__)
    parser.add_argument("--events", type=int, default=16000)
    parser.add_argument("--every", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument(
        "--settings",
        type=int,
        metavar="N",
        help="instead of the random visitor: N rounds of every screen in each text size and "
        "language, on the turned screen and back, a census reading after each",
    )
    args = parser.parse_args(argv)
    soak.prepare_environment(1920, 1080)
    from PySide6.QtTest import QTest

    from kiosk import startup
    from kiosk.core.clock import FakeClock

    startup.get_app()
    device = QTest.createTouchDevice()
    clock = FakeClock(1000.0)
    window, parts = soak.build_kiosk(None, (1920, 1080), clock)
    monkey = soak.Monkey(window, parts, clock, random.Random(args.seed), device)
    monkey.tour()
    print(
        "events state     RSS  mapped  [heap]  Python  other anon | glibc in use / heaps (MB)"
        " | widgets objects"
    )
    if args.settings:
        monkey.census()
        _print_row(0, "census", window)
        for n in range(1, args.settings + 1):
            monkey.settings_round()
            monkey.census()
            _print_row(n, "census", window)
    for n in range(1, 0 if args.settings else args.events + 1):
        monkey.step()
        if n % args.every == 0:
            monkey.reload_done()
            soak.settle_memory()  # the soak's own readings: wherever the visitor is
            _print_row(n, "found ", window)
            monkey.census()  # the known state, settled
            _print_row(n, "census", window)
    parts.stop()
    window._allow_close = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
