"""The fishbowl window and its controller, restored from the last save if there is one: for
``kiosk fishbowl`` and for the gallery's admin screen."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from kiosk import paths
from kiosk.core.clock import MonotonicClock, SystemWallClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import Loaded, SessionStore

logger = logging.getLogger("kiosk.fishbowl")


def open_session(
    store: SessionStore,
    preset,
    lang: str | None,  # noqa: ANN001
    default_lang: str | None,
) -> tuple[FishbowlSession, str]:
    """The saved session if there is one (paused, nothing lost), else a new one from the preset."""
    session, loaded = restore_or_new(store, preset, lang, default_lang)
    return session, loaded.message


def restore_or_new(
    store: SessionStore,
    preset,
    lang: str | None,  # noqa: ANN001
    default_lang: str | None,
) -> tuple[FishbowlSession, Loaded]:
    """``open_session`` with what the store found, so the caller can tell whether the
    facilitator must read the sentence (a restore, or a damaged file moved aside)."""
    loaded = store.load(MonotonicClock(), wall=SystemWallClock())
    if loaded.session is not None:
        return loaded.session, loaded
    session = FishbowlSession.from_preset(
        preset, MonotonicClock(), wall=SystemWallClock(), lang=lang, default_lang=default_lang
    )
    return session, loaded


def build(
    ctx,
    gallery,
    export_dir: Path | None = None,  # noqa: ANN001, ANN201
    public_elsewhere: bool = False,
    room_lang: str | None = None,
):
    """The fishbowl window and its controller for a context: from ``kiosk fishbowl`` and from
    the gallery's admin screen."""
    from kiosk.ui.fishbowl.controller import FishbowlController
    from kiosk.ui.fishbowl.sound import Chime
    from kiosk.ui.fishbowl.window import FishbowlWindow

    store = SessionStore(paths.data_dir() / "fishbowl", wall=SystemWallClock())
    session, loaded = restore_or_new(store, gallery.fishbowl, ctx.lang, gallery.default_language)
    message = loaded.message
    if message:
        logger.info("fishbowl: %s", message)
    controller = FishbowlController(
        session,
        store,
        export_dir or paths.data_dir() / "exports",
        Chime(),
        translator=ctx.translator,
    )
    setup = FishbowlConfig.from_preset(gallery.fishbowl, ctx.lang, gallery.default_language)
    window = FishbowlWindow(
        ctx,
        controller,
        setup if session.state.value == "setup" else session.config,
        public_elsewhere=public_elsewhere,
        room=replace(ctx, lang=room_lang).translator if room_lang else None,
    )
    if message and (session.recovery is not None or loaded.trouble):
        # on screen, not only in the log: a restored session waits for the facilitator, and a
        # damaged save was moved aside (the facilitator would otherwise wonder where it went)
        controller.message.emit(loaded.in_language(ctx.translator))
    return window, controller
