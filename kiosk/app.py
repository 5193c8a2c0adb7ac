"""The entry point: parse the command line, then validate, self-test, render a shot, or run the
gallery."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kiosk.cli import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test and args.command is None:
        from kiosk import selftest

        return selftest.run(args.content)
    if args.command == "validate":
        from kiosk import validate

        return validate.run(args.content_dir)
    if args.command == "set-pin":
        from kiosk import paths, pin_cmd

        return pin_cmd.run(args.pin, paths.data_dir(), sys.stdin, sys.stdout, sys.stderr)
    from kiosk.ui import run as ui_run

    if args.command == "shot":
        return ui_run.shot(args)
    if args.command == "fishbowl":
        from kiosk.ui.fishbowl import run as fishbowl_run

        return fishbowl_run.fishbowl(args)
    return ui_run.gallery(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
