"""The entry point: parse the command line and hand it to the command's module (one module per
command in ``kiosk.commands``; each is imported only when it runs)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kiosk.cli import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if (args.licenses or args.version) and args.command is None:
        from kiosk.commands import licences

        return licences.run(args.version, sys.stdout)
    if args.self_test and args.command is None:
        from kiosk.commands import selftest

        return selftest.run(args.content)
    if args.command == "validate":
        from kiosk.commands import validate

        return validate.run(args.content_dir, lang=args.missing_lang)
    if args.command == "doctor":
        from kiosk.commands import doctor

        return doctor.run(args.content_dir)
    if args.command == "set-pin":
        from kiosk import paths
        from kiosk.commands import set_pin

        try:  # a PIN saved in a temporary stand-in folder would be lost: say so instead
            folder = paths.data_dir(temporary_ok=False)
        except paths.DataDirError as exc:
            print(f"kiosk set-pin: {exc}: the PIN was not saved", file=sys.stderr)
            return set_pin.EXIT_NOT_SET
        return set_pin.run(args.pin, folder, sys.stdin, sys.stdout, sys.stderr)
    if args.command == "new":
        from kiosk.commands import new

        return new.run(args.new_dir, args.lang)
    if args.command == "preview":
        from kiosk.commands import preview

        return preview.run(args)
    if args.command == "import":
        from kiosk.commands import import_csv

        return import_csv.run(args.csv_file, args.kind, args.out)
    if args.command == "shot" and args.shot_all:
        from kiosk.commands import shot_all

        return shot_all.run(args)
    if args.command == "shot":
        from kiosk.commands import shot

        return shot.run(args)
    if args.command == "present":
        from kiosk.commands import present

        return present.run(args)
    if args.command == "print":
        from kiosk.commands import printing

        return printing.run(args)
    if args.command == "stats":
        from kiosk.commands import stats

        return stats.run(args)
    if args.command == "fishbowl":
        from kiosk.commands import fishbowl

        return fishbowl.run(args)
    from kiosk.commands import gallery

    return gallery.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
