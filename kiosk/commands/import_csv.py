"""``kiosk import FILE.csv [--kind quotes|facts] [--out FILE.yaml]``: a spreadsheet's CSV of
quotes, or of a poster's facts, written as YAML the loader reads (kiosk/content/csv_import.py).
Every problem is one line with the CSV's row number; nothing is written unless all rows are
right, and never over an existing file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kiosk import paths
from kiosk.content.csv_import import convert, decode, guess_kind, read_rows
from kiosk.content.errors import plural

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
MAX_CSV_BYTES = 4 * 1024 * 1024


def run(
    csv_name: str,
    kind: str | None,
    out_name: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout  # looked up now: a caller may have replaced them
    err = err or sys.stderr
    source = Path(csv_name)
    shown = paths.escape_path(source.name)
    try:
        if source.stat().st_size > MAX_CSV_BYTES:
            print(f"kiosk import: {shown} is larger than 4 MB: is it the right file?", file=err)
            return EXIT_ERRORS
        data = source.read_bytes()
    except OSError as exc:
        print(f"kiosk import: {paths.escape_path(csv_name)}: {exc.strerror or exc}", file=err)
        return EXIT_USAGE
    try:
        text = decode(data)
    except ValueError as exc:
        print(f"{shown}: {exc}", file=err)
        return EXIT_ERRORS
    rows = read_rows(text)
    kind = kind or guess_kind(source.stem, rows[0] if rows else [])
    if kind is None:
        print(
            f"kiosk import: {shown}: quotes or facts? Say it with --kind quotes or --kind facts",
            file=err,
        )
        return EXIT_USAGE
    target = Path(out_name) if out_name else source.with_suffix(".yaml")
    if target.exists():
        print(
            f"kiosk import: {paths.escape_path(str(target))} exists; it is not replaced: "
            "give another name with --out",
            file=err,
        )
        return EXIT_USAGE
    result = convert(kind, text)
    for problem in result.errors:
        print(f"{shown}: {problem}", file=err)
    if result.errors:
        print(f"{shown}: nothing was written ({len(result.errors)} to fix)", file=err)
        return EXIT_ERRORS
    try:
        target.write_text(result.yaml_text, encoding="utf-8")
    except OSError as exc:
        print(f"kiosk import: could not write {target}: {exc.strerror or exc}", file=err)
        return EXIT_ERRORS
    what = plural(result.rows, kind.rstrip("s"))
    print(f"{paths.escape_path(str(target))}: {what} from {shown}", file=out)
    return EXIT_OK
