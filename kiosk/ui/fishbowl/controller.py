"""The facilitator's actions on a fishbowl session, shared by keys, buttons and both windows.

It owns the session's saving (on every change, crash-safe), the chime (at the warning and at the
end of a turn), the export, and turns refused actions into a message for the facilitator
instead of an exception.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kiosk.core.fishbowl.autosave import AutoSaver
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.export import ExportPaths, export_session
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import Event, FishbowlSession, Phase
from kiosk.core.fishbowl.store import SessionStore
from kiosk.ui.fishbowl.harvest_pdf import write_harvest_pdf

log = logging.getLogger("kiosk.fishbowl")

STEP_SECONDS = 30
RESET_CONFIRM_MS = 4000


class ChimePlayer(Protocol):
    """What the controller needs of a chime: ``sound.Chime`` in the app, a recorder in tests."""

    def play(self, kind: str) -> object: ...


class FishbowlController(QObject):
    message = Signal(str)  # a sentence for the facilitator (refusals, exports, restores)
    # "Not saved since 12:03: the disk is full" while saves fail, "" once one succeeds: a
    # state, not a passing message, so the views keep it on screen until it is over
    save_problem = Signal(str)
    changed = Signal()
    setup_requested = Signal()

    def __init__(
        self,
        session: FishbowlSession,
        store: SessionStore | None,
        export_dir: Path,
        chime: ChimePlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.store = store
        self.export_dir = Path(export_dir)
        self.chime = chime
        self.selected: int | None = None  # the chair the facilitator last touched
        self.last_export: ExportPaths | None = None
        self._reset_armed = False
        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.setInterval(RESET_CONFIRM_MS)
        self._reset_timer.timeout.connect(self._disarm_reset)
        self.saver = (
            AutoSaver(session, store, on_problem=self._save_problem_changed)
            if store is not None
            else None
        )
        self._phase = session.turn_phase()
        # one single-shot timer for the next chime, from the model's own phase schedule
        self._chime_timer = QTimer(self)
        self._chime_timer.setSingleShot(True)
        self._chime_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._chime_timer.timeout.connect(self._phase_check)
        # the periodic save while running, due 5 s after the last save (the saver also saves on
        # each change), so a crash loses at most 5 s
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._save_timer.timeout.connect(self._periodic_save)
        session.subscribe(self._on_event)
        self._arm()

    @property
    def save_problem_text(self) -> str:
        """The save problem now ("" when the last save worked), for a view built later."""
        return (self.saver.problem or "") if self.saver is not None else ""

    def _save_problem_changed(self, problem: str | None) -> None:
        if problem:
            log.warning("fishbowl: %s", problem)
        else:
            log.info("fishbowl: saving works again")
        self.save_problem.emit(problem or "")

    # --- model events ---------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        log.info("fishbowl %s", event.value)
        if event is Event.RESET:
            self._phase = Phase.NORMAL
        self._arm()
        self.changed.emit()

    def _arm(self) -> None:
        wait = self.session.phase_change_in()
        if wait is None:
            self._chime_timer.stop()
        else:
            self._chime_timer.start(max(1, round(wait * 1000) + 5))
        self._arm_save()
        self._phase_check(chime=False)

    def _arm_save(self) -> None:
        due = self.saver.due_in() if self.saver is not None else None
        if due is None:
            self._save_timer.stop()
        else:
            self._save_timer.start(max(1, math.ceil(due * 1000)))

    def _phase_check(self, chime: bool = True) -> None:
        phase = self.session.turn_phase()
        if phase != self._phase:
            old, self._phase = self._phase, phase
            if chime and self.session.config.chime and self.chime is not None:
                if phase is Phase.WARNING and old is Phase.NORMAL:
                    self.chime.play("warning")
                elif phase is Phase.OVERTIME:
                    self.chime.play("end")
            log.info("fishbowl turn phase %s", phase.value)
        if chime:
            self._arm_only_timer()

    def _arm_only_timer(self) -> None:
        wait = self.session.phase_change_in()
        if wait is not None:
            self._chime_timer.start(max(1, round(wait * 1000) + 5))

    def _periodic_save(self) -> None:
        if self.saver is not None:
            self.saver.tick()
        self._arm_save()

    # --- actions --------------------------------------------------------------------------------
    def _do(self, action: Callable[[], object], done: str | None = None) -> bool:
        try:
            action()
        except FishbowlError as exc:
            self.message.emit(str(exc))
            return False
        if done:
            self.message.emit(done)
        return True

    def start_with(self, config: FishbowlConfig) -> bool:
        if not self._do(lambda: self.session.configure(**_fields(config))):
            return False
        return self._do(self.session.start)

    def toggle(self) -> bool:
        return self._do(self.session.toggle)

    def next_speaker(self) -> bool:
        chair = (
            self.selected
            if self.selected is not None
            and self.selected != self.session.speaker_chair
            and self.session.occupant(self.selected) is not None
            else None
        )
        self.selected = None
        return self._do(lambda: self.session.next_speaker(chair))

    def join(self, name: str | None = None) -> bool:
        chair = (
            self.selected
            if self.selected is not None and self.session.occupant(self.selected) is None
            else None
        )
        ok = self._do(lambda: self.session.take_empty_chair(chair, name or None))
        if ok:
            self.selected = None
        return ok

    def leave(self) -> bool:
        chair = self.selected
        if chair is None or self.session.occupant(chair) is None:
            chair = self.session.speaker_chair
        if chair is None:
            self.message.emit("Touch the chair of the person who leaves first")
            return False
        self.selected = None
        return self._do(lambda: self.session.leave_chair(chair))

    def add_time(self, seconds: float = STEP_SECONDS) -> bool:
        return self._do(lambda: self.session.add_time(seconds, "turn"))

    def remove_time(self, seconds: float = STEP_SECONDS) -> bool:
        return self._do(lambda: self.session.remove_time(seconds, "turn"))

    def select(self, chair: int | None) -> None:
        self.selected = chair
        self.changed.emit()

    def queue_selected(self) -> bool:
        chair = self.selected
        if chair is None:
            self.message.emit("Touch a chair first")
            return False
        return self._do(lambda: self.session.enqueue(chair))

    def rename_selected(self, name: str) -> bool:
        chair = self.selected
        if chair is None:
            self.message.emit("Touch a chair first")
            return False
        return self._do(lambda: self.session.set_participant_name(chair, name or None))

    def add_note(self, text: str) -> bool:
        return bool(text.strip()) and self._do(lambda: self.session.add_note(text))

    def finish(self) -> bool:
        return self._do(self.session.finish)

    def request_reset(self) -> bool:
        """R once arms, R again within a few seconds resets: nothing is lost to a stray key."""
        if not self._reset_armed:
            self._reset_armed = True
            self._reset_timer.start()
            self.message.emit("Press R again to reset the session (export it first with E)")
            return False
        self._disarm_reset()
        ok = self._do(self.session.reset, "The session was reset")
        if ok:
            self.setup_requested.emit()
        return ok

    def _disarm_reset(self) -> None:
        self._reset_armed = False
        self._reset_timer.stop()

    @property
    def reset_armed(self) -> bool:
        return self._reset_armed

    def export(self, folder: Path | None = None) -> ExportPaths | None:
        """E: the harvest as CSV (turns, people), Markdown and a one-page PDF, one name."""
        target = Path(folder) if folder else self.export_dir
        try:
            paths = export_session(self.session, target, pdf=write_harvest_pdf)
        except OSError as exc:
            self.message.emit(f"Could not export to {target}: {exc.strerror or exc}")
            log.warning("fishbowl export to %s failed: %s", target, exc)
            return None
        self.last_export = paths
        names = ", ".join(p.name for p in paths.files())
        log.info("fishbowl exported to %s: %s", target, names)
        self.message.emit(f"Exported to {target}: {names}")
        return paths

    def toggle_mute(self) -> bool:
        muted = self.session.config.chime
        self._do(lambda: self.session.set_chime(not muted))
        self.message.emit("Chime off" if muted else "Chime on")
        return True

    def close(self) -> None:
        """Save one last time (the app is closing)."""
        if self.saver is not None:
            self.saver.save_now()
            self.saver.close()

    # --- keys -----------------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        k = Qt.Key
        if key == k.Key_Space:
            if self.session.state is State.SETUP:
                self.setup_requested.emit()
                return True
            self.toggle()
        elif key in (k.Key_N, k.Key_Right, k.Key_PageDown):
            self.next_speaker()
        elif key == k.Key_J:
            self.join()
        elif key == k.Key_L:
            self.leave()
        elif key in (k.Key_Plus, k.Key_Equal):
            self.add_time()
        elif key in (k.Key_Minus, k.Key_Underscore):
            self.remove_time()
        elif key == k.Key_R:
            self.request_reset()
        elif key == k.Key_E:
            self.export()
        elif key == k.Key_M:
            self.toggle_mute()
        elif k.Key_1 <= key <= k.Key_9:
            chair = key - k.Key_1
            if chair < self.session.config.chairs:
                self.select(chair)
        else:
            return False
        return True


def _fields(config: FishbowlConfig) -> dict[str, object]:
    return {
        name: getattr(config, name)
        for name in (
            "title",
            "questions",
            "chairs",
            "empty_chairs",
            "turn_seconds",
            "session_seconds",
            "warning_seconds",
            "session_warning_seconds",
            "chime",
            "roster",
            "airtime_public",
            "group_balance",
        )
    }
