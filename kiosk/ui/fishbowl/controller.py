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
from kiosk.i18n import ENGLISH, N_, Translator
from kiosk.ui.fishbowl.harvest_pdf import write_harvest_pdf

log = logging.getLogger("kiosk.fishbowl")

STEP_SECONDS = 30
RESET_CONFIRM_MS = 4000
FINISH_CONFIRM_MS = 4000
RESET_PROMPT = N_("Press R again to reset the session (export it first with E)")
FINISH_PROMPT = N_("Press Finish again to end the session")
FINISHED_OFFER = N_("The session is finished. Export the session (E)")
RESET_DONE = N_("The session was reset")
TOUCH_A_CHAIR = N_("Touch a chair first")


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
    was_reset = Signal()  # the session went back to setup: the views forget what was typed

    def __init__(
        self,
        session: FishbowlSession,
        store: SessionStore | None,
        export_dir: Path,
        chime: ChimePlayer | None = None,
        parent: QObject | None = None,
        translator: Translator = ENGLISH,
    ) -> None:
        super().__init__(parent)
        self.t = translator  # the facilitator's language: every sentence said is in it
        self.session = session
        self.store = store
        self.export_dir = Path(export_dir)
        self.chime = chime
        self.selected: int | None = None  # the chair the facilitator last touched
        self.last_export: ExportPaths | None = None
        self.last_message = ""  # the sentence the views show now ("" when none)
        # reset and finish each need a second press within a few seconds: one single-shot
        # timer each, which takes the prompt off the screen when the chance has passed
        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.setInterval(RESET_CONFIRM_MS)
        self._reset_timer.timeout.connect(lambda: self._lapse(self._reset_timer, RESET_PROMPT))
        self._finish_timer = QTimer(self)
        self._finish_timer.setSingleShot(True)
        self._finish_timer.setInterval(FINISH_CONFIRM_MS)
        self._finish_timer.timeout.connect(lambda: self._lapse(self._finish_timer, FINISH_PROMPT))
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
        said = self.saver.problem_said if self.saver is not None else None
        return said.in_language(self.t) if said is not None else ""

    def _save_problem_changed(self, problem: str | None) -> None:
        if problem:
            log.warning("fishbowl: %s", problem)
        else:
            log.info("fishbowl: saving works again")
        self.save_problem.emit(self.save_problem_text if problem else "")

    # --- model events ---------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        log.info("fishbowl %s", event.value)
        if event is Event.RESET:
            self._phase = Phase.NORMAL
            self.selected = None
        self._arm()
        self.changed.emit()
        if event is Event.RESET:
            self.was_reset.emit()

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
    def say(self, text: str) -> None:
        """A sentence for the facilitator, shown until the next one ("" clears it)."""
        self.last_message = text
        self.message.emit(text)

    def say_marked(self, msgid: str) -> None:
        """Say an interface sentence (marked with ``N_``) in the facilitator's language."""
        self.say(self.t.gettext(msgid))

    def _do(self, action: Callable[[], object], done: str | None = None) -> bool:
        """Run a facilitator's action on the session. A refusal is said; a done action says
        ``done`` or clears the last sentence, which is about an earlier moment ("Press R
        again", "Paused now: resume when..."), and drops a pending reset or finish question."""
        try:
            action()
        except FishbowlError as exc:
            self.say(exc.in_language(self.t))
            return False
        self._disarm()
        self.say(self.t.gettext(done) if done else "")
        return True

    def start_with(self, config: FishbowlConfig) -> bool:
        if not self._do(lambda: self.session.configure(**_fields(config))):
            return False
        return self._do(self.session.start)

    def toggle(self) -> bool:
        return self._do(self.session.toggle)

    def next_speaker(self) -> bool:
        chair = self._chosen_chair()
        self.select(None)  # used (or not usable): the views stop showing it touched
        return self._do(lambda: self.session.next_speaker(chair))

    def join(self, name: str | None = None) -> bool:
        chair = (
            self.selected
            if self.selected is not None and self.session.occupant(self.selected) is None
            else None
        )
        ok = self._do(lambda: self.session.take_empty_chair(chair, name or None))
        if ok:
            self.select(None)
        return ok

    def leave(self) -> bool:
        chair = self.selected
        if chair is None or self.session.occupant(chair) is None:
            chair = self.session.speaker_chair
        if chair is None:
            self.say_marked(N_("Touch the chair of the person who leaves first"))
            return False
        self.select(None)
        return self._do(lambda: self.session.leave_chair(chair))

    def add_time(self, seconds: float = STEP_SECONDS) -> bool:
        return self._do(lambda: self.session.add_time(seconds, "turn"))

    def remove_time(self, seconds: float = STEP_SECONDS) -> bool:
        return self._do(lambda: self.session.remove_time(seconds, "turn"))

    def select(self, chair: int | None) -> None:
        """The chair the facilitator touched (None: none); the views hear every change."""
        if chair == self.selected:
            return
        self.selected = chair
        self.changed.emit()

    def queue_selected(self) -> bool:
        chair = self.selected
        if chair is None:
            self.say_marked(TOUCH_A_CHAIR)
            return False
        return self._do(lambda: self.session.enqueue(chair))

    def queue(self, name: str = "") -> bool:
        """Someone asks to speak: by the typed name (from the circle or the audience), else
        the person in the touched chair."""
        chair = self.selected
        if name.strip():
            ok = self._do(lambda: self.session.enqueue_name(name))
        elif chair is not None:
            ok = self._do(lambda: self.session.enqueue(chair))
        else:
            self.say_marked(N_("Type the name of who asks to speak, or touch their chair"))
            return False
        if ok and chair is not None:
            self.select(None)  # done with that chair
        return ok

    def show_to_circle(self, text: str) -> bool:
        """A message on the public view ("Please wrap up") until it is cleared."""
        if not text.strip():
            self.say_marked(N_("Type the message for the circle first"))
            return False
        return self._do(lambda: self.session.set_message(text))

    def clear_circle_message(self) -> bool:
        return self._do(lambda: self.session.set_message(None))

    def _chosen_chair(self) -> int | None:
        """The touched chair, when Next would give it the word (occupied, not speaking)."""
        chair = self.selected
        s = self.session
        if chair is None or chair == s.speaker_chair or s.occupant(chair) is None:
            return None
        return chair

    def offered_next(self) -> str | None:
        """Who N would give the word to now, for the Next button: the touched chair's person,
        else the session's rule (``FishbowlSession.next_in_line``); None before the start,
        after the end, or with nobody to offer."""
        s = self.session
        if s.state not in (State.RUNNING, State.PAUSED):
            return None
        chair = self._chosen_chair()
        if chair is None:
            return s.next_in_line(self.t)  # the session's own rule, not a copy of it
        person = s.occupant(chair)
        return person.said(self.t) if person is not None else None

    def rename_selected(self, name: str) -> bool:
        chair = self.selected
        if chair is None:
            self.say_marked(TOUCH_A_CHAIR)
            return False
        return self._do(lambda: self.session.set_participant_name(chair, name or None))

    def add_note(self, text: str) -> bool:
        return bool(text.strip()) and self._do(lambda: self.session.add_note(text))

    def finish(self) -> bool:
        """End the session at once (``request_finish`` is what the button calls)."""
        return self._do(self.session.finish, FINISHED_OFFER)

    def request_finish(self) -> bool:
        """Finish once arms, Finish again within a few seconds ends the session: a discussion
        is not stopped by a stray touch. Refused at once when there is nothing to finish."""
        if self.session.state not in (State.RUNNING, State.PAUSED):
            return self._do(self.session.finish)  # the model says why not
        if not self.finish_armed:
            self._arm_confirm(self._finish_timer, FINISH_PROMPT)
            return False
        return self.finish()

    def request_reset(self) -> bool:
        """R once arms, R again within a few seconds resets: nothing is lost to a stray key."""
        if not self.reset_armed:
            self._arm_confirm(self._reset_timer, RESET_PROMPT)
            return False
        self._disarm()
        ok = self._do(self.session.reset, RESET_DONE)
        if ok:
            self.setup_requested.emit()
        return ok

    def _arm_confirm(self, timer: QTimer, prompt: str) -> None:
        self._disarm()  # one question at a time: R then Finish asks about finishing only
        timer.start()
        self.say_marked(prompt)
        self.changed.emit()  # the button says "again?"

    def _disarm(self) -> None:
        armed = self.reset_armed or self.finish_armed
        self._reset_timer.stop()
        self._finish_timer.stop()
        if armed:
            self.changed.emit()

    def _lapse(self, timer: QTimer, prompt: str) -> None:
        """The second press did not come: the question is off the screen, and the next press
        asks again."""
        timer.stop()
        if self.last_message == self.t.gettext(prompt):
            self.say("")
        self.changed.emit()

    @property
    def reset_armed(self) -> bool:
        return self._reset_timer.isActive()

    @property
    def finish_armed(self) -> bool:
        return self._finish_timer.isActive()

    def export(self, folder: Path | None = None) -> ExportPaths | None:
        """E: the harvest as CSV (turns, people), Markdown and a one-page PDF, one name."""
        target = Path(folder) if folder else self.export_dir
        try:
            paths = export_session(self.session, target, pdf=write_harvest_pdf, t=self.t)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            self.say(
                self.t.gettext("Could not export to {folder}: {problem}").format(
                    folder=target, problem=problem
                )
            )
            log.warning("fishbowl export to %s failed: %s", target, exc)
            return None
        self.last_export = paths
        names = ", ".join(p.name for p in paths.files())
        log.info("fishbowl exported to %s: %s", target, names)
        self.say(self.t.gettext("Exported to {folder}: {names}").format(folder=target, names=names))
        return paths

    def toggle_mute(self) -> bool:
        muted = self.session.config.chime
        self._do(lambda: self.session.set_chime(not muted))
        self.say_marked(N_("Chime off") if muted else N_("Chime on"))
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
