"""Qt's own messages sent to a module's DEBUG log for a while: what QtMultimedia and
QtTextToSpeech say about the machine while they load ("Couldn't load pipewire-0.3 library") are
facts about the machine, not faults of the app; the module that loads them logs one INFO line of
its own instead."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler


@contextmanager
def qt_messages_to_debug_log(log: logging.Logger) -> Iterator[None]:
    """Route Qt's messages to ``log`` at DEBUG for the duration (then restore)."""

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        log.debug(
            "qt %s (%s): %s",
            getattr(mode, "name", mode),
            getattr(context, "category", None) or "default",
            message,
        )

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
