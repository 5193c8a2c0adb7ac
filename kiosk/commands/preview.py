"""``kiosk preview DIR [--poster ID]``: a window beside the editor that shows the poster being
edited, whole, updated at each save, with the content's problems above it
(kiosk/ui/live/preview.py)."""

from __future__ import annotations

import argparse
import sys

from kiosk import paths, startup
from kiosk.commands.validate import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    folder = paths.content_dir(args.preview_dir)
    refused = paths.content_problem(folder)
    if refused is not None:
        print(f"kiosk preview: {refused}", file=sys.stderr)
        return EXIT_ERRORS if refused.unreadable else EXIT_USAGE
    app = startup.start_gui()
    if app is None:
        return EXIT_ERRORS
    from kiosk.content.loader import load_gallery
    from kiosk.ui.live.preview import PreviewWindow

    result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
    ids = [p.id for p in result.gallery.posters]
    if args.poster and args.poster not in ids:
        # it may be a poster with errors, to be fixed while looking: say so, and go on
        print(
            f"kiosk preview: poster '{paths.escape_path(args.poster)}' is not in the gallery "
            "now; it is shown as soon as it loads",
            file=sys.stderr,
        )
    ctx = startup.make_context(result.gallery, args.size, args.lang, reduced_motion=True)
    startup.apply_theme(app, result.gallery, ctx.scale)
    window = PreviewWindow(
        ctx, result, folder, paths.assets_dir(), args.size, poster_id=args.poster
    )
    screen = window.screen().availableGeometry()
    # beside the editor: a third of the screen's width, its whole height, at the right edge
    width = max(480, screen.width() // 3)
    window.setGeometry(screen.right() - width + 1, screen.top(), width, screen.height())
    window.show()
    print(f"kiosk preview: watching {paths.escape_path(str(folder))}; close the window to stop")
    code = app.exec()
    window.stop()
    return EXIT_OK if code == 0 else EXIT_ERRORS
