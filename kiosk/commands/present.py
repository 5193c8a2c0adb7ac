"""``kiosk present``: the gallery for the room, and the presenter's console on the laptop.

With two screens, the gallery is full screen on the audience's screen (``--audience-screen N``,
else the first screen that is not the primary one), without key hints or pointer, and the
console full screen on another one. With one screen, the gallery alone, and C peeks at the
console (``kiosk.ui.present.presenter``)."""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING

from kiosk import startup

if TYPE_CHECKING:
    from kiosk.ui.present.presenter import Presenter
    from kiosk.ui.remote.switch import RemoteSwitch

logger = logging.getLogger("kiosk.present")


def audience_index(count: int, primary: int, asked: int | None) -> int | None:
    """The audience's screen: the one asked for, else the first that is not the primary one
    (None: one screen)."""
    if asked is not None:
        return asked
    others = [i for i in range(count) if i != primary]
    return others[0] if others else None


def show_remote_card(presenter: Presenter, remote: RemoteSwitch) -> None:
    """The console's card of the phone remote, while it is on (its address and token are the
    server's of now)."""
    from kiosk.ui.remote.qr import RemoteCard

    console = presenter.console
    server = remote.server
    card = None
    if server is not None:
        card = RemoteCard(console.ctx, server.url, remote.loopback, compact=True)
        card.set_phones(server.phones)
        server.clients_changed.connect(card.set_phones)
    console.set_remote(card)


def run(args: argparse.Namespace) -> int:
    app = startup.start_gui()
    if app is None:
        return 1
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.fishbowl.window import plan_screens, rect_of, show_full_screen_on
    from kiosk.ui.present.presenter import Presenter

    result = startup.load(args.content)
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    primary_index = screens.index(primary) if primary in screens else 0
    asked = audience_index(len(screens), primary_index, args.audience_screen)
    plan = plan_screens([rect_of(s) for s in screens], primary_index, asked)
    if plan.note:
        logger.warning("%s", plan.note)
    peek = plan.public is None
    audience_screen = screens[plan.controls if plan.public is None else plan.public]
    console_screen = screens[plan.controls]
    size = startup.window_size(audience_screen, args.windowed)
    window = startup.gallery_window(
        result, size, lang=args.lang, reduced_motion=args.reduced_motion, hints=False
    )
    if args.poster and not window.nav.open_id(args.poster):
        logger.warning("poster %s not found", args.poster)
    presenter = Presenter(
        window,
        startup.window_size(console_screen, args.windowed),
        peek=peek,
        talk_minutes=args.talk_minutes,
    )
    from kiosk.ui.remote.links import PresenterLink
    from kiosk.ui.remote.switch import RemoteSwitch

    # the one switch of the phone remote: --remote turns it on now, the admin screen later
    remote = RemoteSwitch(
        lambda: PresenterLink(window), args.remote_bind, args.remote_port, parent=window
    )
    remote.changed.connect(lambda _on: show_remote_card(presenter, remote))
    if args.remote:
        remote.turn_on("--remote")
    if args.windowed:
        startup.show_on(window, audience_screen, windowed=True)
    else:
        show_full_screen_on(window, audience_screen)
    if not peek:
        console = presenter.console
        if args.windowed:
            console.resize(*startup.window_size(console_screen, True))
            startup.show_on(console, console_screen, windowed=True)
        else:
            show_full_screen_on(console, console_screen)
        presenter.show_console()
        console.activateWindow()  # the presenter's keys start on the laptop
    logger.info(
        "presenting: the gallery on %s%s",
        audience_screen.name(),
        ", the console on C (one screen)" if peek else f", the console on {console_screen.name()}",
    )

    def services() -> None:
        startup.attach_services(window, result, args.content, remote=remote)
        logger.info("on screen: live reload and the admin gesture are running")

    startup.after_first_frame(window, services)
    code = app.exec()
    remote.turn_off("the app quits")
    presenter.stop()
    return code
