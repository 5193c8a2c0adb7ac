"""The optional chime at the warning and at the end of a turn.

A chime is a courtesy, never a requirement: on a machine without QtMultimedia (its backend needs
system audio libraries a kiosk may lack), without an audio output, or without the sound files, the
timer runs exactly the same, silently. Nothing is imported or loaded until the first chime (or the
first question about ``available``), so a session that never chimes pays nothing; when the chime
cannot sound, one INFO line in the log says why, once.

``QSoundEffect`` is never created without an audio output: it warns when it has no device. And
while QtMultimedia loads and looks for devices, its own messages are sent to this module's DEBUG
log: on a machine with the PulseAudio library but no sound server, Qt 6.11 warns about every
optional library it does not find ("Couldn't load pipewire-0.3 library", "pa_context_connect()
failed"). Those are facts about the machine, not faults of the timer, and the one INFO line
already says the chime is silent.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk import paths
from kiosk.ui.qt_messages import qt_messages_to_debug_log as qt_messages

log = logging.getLogger(__name__)

SOUNDS: dict[str, str] = {"warning": "chime-warning.wav", "end": "chime-end.wav"}
VOLUME = 0.8


def sounds_dir() -> Path:
    return paths.assets_dir() / "sounds"


def load_multimedia() -> tuple[Any, Any]:
    """(QSoundEffect, QMediaDevices), or ImportError where QtMultimedia cannot load.

    A module-level function so tests can stand in for a machine with or without audio.
    """
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    return QSoundEffect, QMediaDevices


def qt_messages_to_debug_log() -> AbstractContextManager[None]:
    """Qt's messages to this module's DEBUG log while QtMultimedia loads and plays."""
    return qt_messages(log)


class Chime(QObject):
    """Plays the warning and end chimes; silent (without error) where it cannot play."""

    muted_changed = Signal(bool)

    def __init__(
        self, folder: Path | None = None, muted: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._muted = bool(muted)
        self._probed = False
        self._effects: dict[str, Any] = {}
        self._silent_reason: str | None = None

    # --- muting -------------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        muted = bool(muted)
        if muted != self._muted:
            self._muted = muted
            self.muted_changed.emit(muted)

    # --- state --------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether a chime can sound on this machine (asks the system the first time)."""
        self._ensure_loaded()
        return bool(self._effects)

    @property
    def silent_reason(self) -> str | None:
        """Why the chime cannot sound (None if it can, or before anyone asked)."""
        return self._silent_reason

    # --- playing ------------------------------------------------------------------------------
    def play(self, kind: str) -> bool:
        """Sound the ``"warning"`` or ``"end"`` chime; True if it was started.

        Muted, or silent on this machine: returns False and does nothing else.
        """
        if kind not in SOUNDS:
            raise ValueError(f"unknown chime {kind!r}; expected one of {sorted(SOUNDS)}")
        if self._muted:
            return False
        self._ensure_loaded()
        effect = self._effects.get(kind)
        if effect is None:
            return False
        with qt_messages_to_debug_log():
            effect.stop()  # a chime still ringing starts again from the top
            effect.play()
        return True

    # --- loading ------------------------------------------------------------------------------
    def _ensure_loaded(self) -> None:
        if self._probed:
            return
        self._probed = True
        try:
            with qt_messages_to_debug_log():
                reason = self._load()
        except Exception as exc:  # noqa: BLE001 - a chime must never take the timer down
            self._effects.clear()
            reason = f"the fishbowl chime is silent: the sound system failed ({exc!r})"
        if reason:
            self._silent_reason = reason
            log.info("%s", reason)

    def _load(self) -> str | None:
        """Create the sound effects; a sentence saying what stays silent and why, or None."""
        folder = self._folder or sounds_dir()
        files = {kind: folder / name for kind, name in SOUNDS.items()}
        missing = [path.name for path in files.values() if not path.is_file()]
        if len(missing) == len(files):
            return f"the fishbowl chime is silent: no sound files in {folder}"
        try:
            sound_effect, media_devices = load_multimedia()
        except ImportError as exc:
            return f"the fishbowl chime is silent: QtMultimedia is not available ({exc})"
        if not media_devices.audioOutputs():
            return "the fishbowl chime is silent: there is no audio output device"
        for kind, path in files.items():
            if path.is_file():
                effect = sound_effect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(VOLUME)
                effect.statusChanged.connect(lambda kind=kind: self._check_status(kind))
                self._effects[kind] = effect
        if missing:
            return (
                f"part of the fishbowl chime is silent: {', '.join(missing)} is missing in {folder}"
            )
        return None

    def _check_status(self, kind: str) -> None:
        """A file the backend cannot decode: drop that chime, say so once."""
        effect = self._effects.get(kind)
        if effect is not None and effect.status() == effect.Status.Error:
            del self._effects[kind]
            self._silent_reason = (
                f"the fishbowl {kind} chime is silent: {SOUNDS[kind]} could not be loaded"
            )
            log.info("%s", self._silent_reason)
