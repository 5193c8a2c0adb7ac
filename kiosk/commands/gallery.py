"""``kiosk``: the gallery window, full screen or in a window, for a presenter or (``--kiosk``)
for unattended visitors."""

from __future__ import annotations

import argparse
import gc
import logging

from kiosk import startup

logger = logging.getLogger("kiosk")


def run(args: argparse.Namespace) -> int:
    """Open the gallery window and run until it is closed."""
    # Start-up makes ~56,000 objects that live as long as the app (Qt's enum types, the content
    # model, the home screen): the collector's passes over them found nothing and cost ~60 ms
    # before the first frame. It is off until the first frame is on screen, and then leaves
    # them out of its passes for good (gc.freeze), so that no full pass over them lands in a
    # visitor's first swipe either.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    app = startup.start_gui()  # (the allocator tuned first: startup.get_app)
    if app is None:
        return 1
    screen = startup.pick_screen(args.screen)
    result = startup.load(args.content, defer_cache=True)
    kiosk_on = bool(args.kiosk or result.gallery.settings.kiosk)
    windowed = args.windowed and not kiosk_on  # a kiosk is always the whole screen
    size = startup.window_size(screen, windowed)
    window = startup.gallery_window(
        result, size, lang=args.lang, reduced_motion=args.reduced_motion, kiosk=kiosk_on
    )
    if args.poster and not window.nav.open_id(args.poster):
        logger.warning("poster %s not found", args.poster)
    if kiosk_on:
        window.lock_for_kiosk()
    startup.show_on(window, screen, windowed)
    logger.info("window shown on %s (%dx%d)", screen.name(), *size)

    def services() -> None:
        startup.attach_services(window, result, args.content)
        startup.keep_content_cache()  # after a full load: for the next start
        logger.info("on screen: live reload and the admin gesture are running")
        gc.freeze()  # (collections then run on the GUI thread: kiosk.ui.collector)

    # live reload, the admin gesture, recovery and kiosk mode are not part of the first frame
    startup.after_first_frame(window, services)
    return app.exec()
