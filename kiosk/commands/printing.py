"""``kiosk print``: the posters as print pages (A0 to A4) or the A4 handout, in one PDF.

The content is loaded and checked as the gallery loads it; a poster that cannot load is left
out and a wrong field of a poster is left out of it (the errors are listed, as ``kiosk
validate`` lists them), and the rest still prints. Each
warning of the print (a picture too coarse for its printed size, a poster that needs a second
page) names what it is about. Exit 0 when the file was written, 1 when it could not be (or
nothing was left to print), 2 on a usage error (an unknown size, poster or folder).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from kiosk import log as klog
from kiosk import paths, startup

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    klog.setup(None, logging.ERROR)
    folder = paths.content_dir(args.content)
    refused = paths.content_problem(folder)
    if refused is not None:
        print(f"kiosk print: {refused}", file=err)
        return EXIT_FAILED if refused.unreadable else EXIT_USAGE
    from kiosk.content.loader import load_gallery

    result = load_gallery(folder, paths.assets_dir())
    for problem in result.errors:
        print(f"kiosk print: {problem}", file=err)
    gallery = result.gallery
    lang = args.lang or gallery.default_language
    if lang not in gallery.settings.languages:
        print(
            f"kiosk print: '{lang}' is not one of the gallery's languages "
            f"({', '.join(gallery.settings.languages)}); texts fall back to "
            f"'{gallery.default_language}'",
            file=err,
        )
    target = Path(args.out)
    if not target.parent.is_dir():
        print(f"kiosk print: the folder {target.parent} does not exist", file=err)
        return EXIT_USAGE
    posters = gallery.posters
    if args.poster:
        poster = gallery.poster(args.poster)
        if poster is None:
            known = ", ".join(p.id for p in gallery.posters)
            print(f"kiosk print: no poster '{args.poster}' (posters: {known})", file=err)
            return EXIT_USAGE
        posters = (poster,)
    if not posters:
        print("kiosk print: the content has no poster to print", file=err)
        return EXIT_FAILED
    startup.get_app()
    from kiosk.ui.printout.document import print_posters
    from kiosk.ui.printout.handout import print_handout

    try:
        if args.handout:
            printed = print_handout(gallery, target, lang)
            what = f"the A4 handout ({len(posters)} posters)"
        else:
            printed = print_posters(gallery, target, args.size, posters, lang)
            what = f"{len(posters)} poster{'s' if len(posters) != 1 else ''} at {args.size}"
    except OSError as exc:
        print(f"kiosk print: {target} could not be written: {exc}", file=err)
        return EXIT_FAILED
    for warning in printed.warnings:
        print(f"kiosk print: warning: {warning}", file=err)
    size = target.stat().st_size
    shown = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"
    pages = f"{printed.pages} page{'s' if printed.pages != 1 else ''}"
    print(f"{target}: {what}, {pages}, {shown}", file=out)
    return EXIT_OK
