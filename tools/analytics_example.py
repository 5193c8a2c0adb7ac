"""An example analytics database and its HTML report, for docs/analytics.md's screenshot.

The visits are made up (a fixed random seed), clearly not a record of real visitors: they only
show what the report looks like. ``python -m tools.analytics_example OUT_DIR`` writes
``example.sqlite`` and ``example-report.html`` there; the screenshot is taken with headless
Chromium (``--screenshot``)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from kiosk.app import main
from kiosk.core.analytics.events import Event, Record, SessionEnd, SessionStart
from kiosk.core.analytics.store import Writer, connect

POSTERS = [
    "introduction",
    "montreal-technopole-angus",
    "seoul-sse-special-districts",
    "johannesburg-hillbrow-ekhaya",
    "barcelona-growing-sse",
    "poll",
    "transferability",
]


def example_database(path: Path, visits: int = 240, seed: int = 2017) -> Path:
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    db = connect(path)
    writer = Writer(db)
    day = time.mktime((2026, 12, 5, 0, 0, 0, 0, 0, -1))
    for _ in range(visits):
        sid = f"{rng.getrandbits(64):016x}"
        start = day + rng.triangular(9, 18, 13) * 3600
        at = start
        records: list[Record] = [SessionStart(sid, start)]
        for poster in rng.sample(POSTERS, rng.randint(1, 5)):
            dwell = rng.expovariate(1 / 35)
            records.append(Event(sid, at, "poster", poster, dwell))
            at += dwell
            if poster == "poll" and rng.random() < 0.7:
                records.append(
                    Event(sid, at, "vote", "poll", float(rng.choice([0, 1, 1, 2, 3, 3])))
                )
        records.append(SessionEnd(sid, at, at - start, "idle"))
        writer.write(records)
    db.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    db = example_database(out / "example.sqlite")
    sys.exit(main(["stats", "--db", str(db), "--html", str(out / "example-report.html")]))
