"""What Qt keeps for each widget made, painted and deleted under a style sheet
(docs/reliability.md, finding 14: the soak's last steady native rise).

Makes ``--count`` widgets of one ``--kind`` in a window, each shown, grabbed (painted) and
deleted, and prints glibc's bytes in use kept per widget (deletions delivered, cycles
collected, free pages handed back), after 200 made first so that caches filled once are not
counted. ``--kind area`` is a QScrollArea, ``plain`` a QWidget, each holding a label;
``area-viewport-sheet`` a scroll area whose viewport has a style sheet of its own;
``area-own-viewport`` a scroll area with the viewport the app's own areas have
(kiosk.ui.touch.own_viewport: it leaves its background to the area's rule). ``--no-sheet``: the
window without a style sheet.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.stylesheet_areas --kind area
"""

from __future__ import annotations

import argparse
import sys

KINDS = ("area", "plain", "area-viewport-sheet", "area-own-viewport")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.stylesheet_areas", description=__doc__
    )
    parser.add_argument("--kind", choices=KINDS, default="area")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--no-sheet", action="store_true")
    args = parser.parse_args(argv)
    from tools import soak

    soak.prepare_environment(800, 600)
    from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

    from kiosk import startup
    from kiosk.ui.touch import own_viewport

    startup.get_app()
    window = QWidget()
    window.resize(400, 300)
    if not args.no_sheet:
        window.setStyleSheet("QWidget { background: #123; color: white; }")
    window.show()

    def one() -> None:
        if args.kind == "plain":
            widget = QWidget(window)
            QLabel("x", widget)
        else:
            area = QScrollArea(window)
            if args.kind == "area-own-viewport":
                own_viewport(area)
            area.setWidget(QLabel("x"))
            if args.kind == "area-viewport-sheet":
                area.viewport().setStyleSheet("QWidget {}")
            widget = area
        widget.resize(200, 100)
        widget.show()
        widget.grab()
        widget.deleteLater()

    def in_use() -> int:
        soak.settle_memory()
        return soak.malloc_figures()[1]

    for _ in range(200):
        one()
    before = in_use()
    for _ in range(args.count):
        one()
    kept = (in_use() - before) / args.count
    sheet = "no style sheet" if args.no_sheet else "a style sheet"
    print(f"{args.kind} under {sheet}: {kept:.0f} bytes kept per widget made and deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
