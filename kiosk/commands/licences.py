"""``kiosk --licenses`` and ``kiosk --version``: what the app ships, under which licence."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk import licensing


def run(version_only: bool, out: TextIO, folder: Path | None = None) -> int:
    """``folder``: a bundle's licenses/ folder (default: beside the frozen executable)."""
    if version_only:
        print(f"kiosk {licensing.app_version()}", file=out)
        return 0
    parts, where = licensing.current_parts(folder)
    if not parts:
        print(f"kiosk: the licence list is missing: {where}", file=out)
        return 1
    print(
        f"kiosk {licensing.app_version()}: this app is under the MIT licence; it ships:", file=out
    )
    for line in licensing.listing(parts):
        print(f"  {line}", file=out)
    print(f"Full texts: {where}", file=out)
    print(licensing.QT_NOTICE, file=out)
    return 0
