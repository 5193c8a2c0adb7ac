"""Where the soak's resident memory is, in one known state, every N events.

    python -m tools.memory_where [--events 16000] [--every 2000] [--seed 20261206]

The soak's random visitor (tools/soak.py, the same seed gives the same walk), and every
``--every`` events the soak's census state (woken, home, every decode delivered, deferred
deletions run, cycles collected, free heap pages returned). There it prints RSS split by where
it lives: the blocks glibc mapped on their own (the full-screen pixmaps), glibc's main heap
(``[heap]``), Python's object arenas (anonymous 1 MiB mappings), the other anonymous memory
(thread stacks, Qt's own mappings, glibc's second heap), and glibc's bytes in use against its
heaps' size. Memory kept grows the part it lives in at the same state; the soak's own check
reads RSS wherever the visitor happens to be.
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.memory_where", description=__doc__)
    parser.add_argument("--events", type=int, default=16000)
    parser.add_argument("--every", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261206)
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
    print("events    RSS  mapped  [heap]  Python  other anon | glibc in use / heaps (MB)")
    for n in range(1, args.events + 1):
        monkey.step()
        if n % args.every == 0:
            monkey.census()  # the known state, settled
            kinds = resident_by_kind()
            mapped, in_use, heaps = soak.malloc_figures()
            print(
                f"{n:6d} {soak.rss_bytes() / MB:6.1f} {mapped / MB:7.1f} {kinds['heap']:7.1f} "
                f"{kinds['python']:7.1f} {kinds['other'] - mapped / MB:11.1f} | "
                f"{in_use / MB:5.1f} / {heaps / MB:5.1f}",
                flush=True,
            )
    parts.stop()
    window._allow_close = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
