"""``kiosk fishbowl``: the fishbowl discussion timer on its own. On one screen, the public view
with the facilitator's strip below it; with ``--public-screen N``, the public view full screen on
screen N and the controls on another screen (``window.plan_screens`` decides which)."""

from __future__ import annotations

import argparse
import logging
from dataclasses import replace
from pathlib import Path

from kiosk import startup

logger = logging.getLogger("kiosk.fishbowl")


def run(args: argparse.Namespace) -> int:
    app = startup.start_gui()
    if app is None:
        return 1
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.fishbowl.build import build
    from kiosk.ui.fishbowl.window import PublicWindow, plan_screens, rect_of, show_full_screen_on

    result = startup.load(args.content)
    gallery = result.gallery
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    plan = plan_screens(
        [rect_of(s) for s in screens],
        screens.index(primary) if primary in screens else 0,
        args.public_screen,
    )
    if plan.note:
        logger.warning("%s", plan.note)
    controls_screen = screens[plan.controls]
    public_screen = screens[plan.public] if plan.public is not None else None
    logger.info(
        "fishbowl screens: controls on %s %s, public view %s",
        controls_screen.name(),
        rect_of(controls_screen),
        "with them"
        if public_screen is None
        else f"on {public_screen.name()} {rect_of(public_screen)}",
    )
    size = startup.window_size(controls_screen, args.windowed)
    ctx = startup.make_context(gallery, size, args.lang, args.reduced_motion)
    startup.apply_theme(app, gallery, ctx.scale)
    export_dir = Path(args.export_dir) if args.export_dir else None
    room_lang = args.room_lang or args.lang
    window, controller = build(
        ctx, gallery, export_dir, public_elsewhere=public_screen is not None, room_lang=room_lang
    )
    public = None
    if public_screen is not None:
        # the room's language, which may differ from the facilitator's (--room-lang)
        public = PublicWindow(replace(ctx, lang=room_lang or ctx.lang), controller)
        show_full_screen_on(public, public_screen)
    window.resize(*size)
    if args.windowed:
        window.setScreen(controls_screen)
        startup.show_on(window, controls_screen, windowed=True)
    else:
        show_full_screen_on(window, controls_screen)
        window.activateWindow()  # the facilitator's keys go to the controls
    remote = None
    offer = None
    if args.remote:
        from kiosk.ui.remote.links import FishbowlLink
        from kiosk.ui.remote.reopen import RemoteCardOffer
        from kiosk.ui.remote.switch import start_remote

        remote = start_remote(FishbowlLink(controller), args)
        if remote is not None:
            server, loopback = remote
            offer = RemoteCardOffer(window, server, loopback)
            place = controls_screen.availableGeometry()
            offer.window.move(place.right() - offer.window.width(), place.top())
            offer.show_card()
    from kiosk.ui.watchdog import start_heartbeat

    # the facilitator's session under a supervisor: a hung timer is restarted (and restored)
    heartbeats = []  # kept alive while the app runs

    def on_screen() -> None:
        logger.info("fishbowl timer on screen")
        heartbeats.append(start_heartbeat(window, "fishbowl"))

    startup.after_first_frame(window, on_screen)
    code = app.exec()
    if offer is not None:
        offer.close()
    if remote is not None:
        remote[0].close()
    controller.close()
    del public
    return code
