"""kiosk stats: the analytics as CSV files or one offline HTML report; several databases
(copied from several kiosks) are merged first, each session counted once."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from pathlib import Path

from kiosk import paths
from kiosk.core.analytics.export import write_csv, write_html
from kiosk.core.analytics.merge import merge_into
from kiosk.core.analytics.names import names_of
from kiosk.core.analytics.report import figures
from kiosk.core.analytics.store import FILE_NAME, SCHEMA

EXIT_BAD_INPUT = 2


def names_from_content(folder: Path) -> dict[str, str]:
    from kiosk.content.loader import load_gallery

    return names_of(load_gallery(folder, paths.assets_dir()).gallery)


def run(args: argparse.Namespace) -> int:
    since = 0.0
    if args.since:
        try:
            day = dt.date.fromisoformat(args.since)
        except ValueError:
            print(
                f"kiosk stats: --since {args.since!r} is not a date (YYYY-MM-DD)", file=sys.stderr
            )
            return EXIT_BAD_INPUT
        since = time.mktime(day.timetuple())
    sources = [Path(p) for p in (args.db or [paths.data_dir() / FILE_NAME])]
    merged = sqlite3.connect(":memory:", isolation_level=None)
    merged.executescript(SCHEMA)
    for source in sources:
        if not source.is_file():
            print(f"kiosk stats: {source}: no such database", file=sys.stderr)
            return EXIT_BAD_INPUT
        try:
            sessions, events = merge_into(merged, source)
        except sqlite3.DatabaseError as exc:
            print(f"kiosk stats: {source}: not an analytics database ({exc})", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"{source}: {sessions} new sessions, {events} new events")
    found = figures(merged, time.time(), since)
    names = names_from_content(paths.content_dir(args.content))
    if args.csv:
        for path in write_csv(found, Path(args.csv), names):
            print(path)
    else:
        print(write_html(found, Path(args.html), names, args.since))
    return 0
