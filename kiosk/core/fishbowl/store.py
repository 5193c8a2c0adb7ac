"""The fishbowl session on disk: crash-safe saves and the restore after a crash.

Saves must survive a kill or a power cut at any instant, so a save never writes over the file it
replaces: it writes a temporary file in the same folder, fsyncs it, keeps the previous save as
``.bak`` and renames the new one into place (``os.replace`` is atomic). At every instant a
complete save exists under the main name or the backup name. Loading never raises for a damaged
file: the file is moved aside (``.corrupt-<time>``) for a human to look at, the backup is tried,
and the caller gets a sentence for the log and the facilitator either way. "Damaged" is anything
a restore raises, not only the errors the reader foresees: a file left in place that breaks the
restore in an unforeseen way would stop every later start the same way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.atomic import write_atomically
from kiosk.core.clock import Clock, SystemWallClock, WallClock
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.records import STATE_WORDS
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.text import format_duration
from kiosk.i18n import ENGLISH, N_, Said, Translator

log = logging.getLogger(__name__)

SESSION_FILE = "fishbowl-session.json"
MAX_BYTES = 5_000_000  # a real session is a few kB; anything this big is not ours


WHAT = {"save": N_("save"), "backup": N_("backup")}  # the file a problem is about


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


class Writer(Protocol):
    """How a save reaches the disk: ``write_atomically`` in the app; a test may hand the store
    one whose system call fails (a full disk cannot be made on demand in a test)."""

    def __call__(self, path: Path, text: str, *, keep_backup: Path | None = None) -> None: ...


@dataclass(frozen=True)
class Loaded:
    """What ``SessionStore.load`` found: a session (or None) and a sentence for the log.
    ``trouble`` is True when a file had to be moved aside or could not be read: the facilitator
    must then be told on screen, not only the log."""

    session: FishbowlSession | None
    message: str
    source: Path | None = None
    trouble: bool = False
    problems: tuple[Said, ...] = ()  # the message's parts, to say in another language
    outcome: Said | None = None

    def in_language(self, t: Translator) -> str:
        """The message in ``t``'s language: what went wrong with which file, then the outcome."""
        if not self.problems and self.outcome is None:
            return t.gettext(self.message)
        parts = [_sentence([p.in_language(t) for p in self.problems])] if self.problems else []
        if self.outcome is not None:
            parts.append(self.outcome.in_language(t))
        return " ".join(parts)


class SessionStore:
    """The saved session in ``folder`` (the app-data folder in the app, a tmp folder in tests)."""

    def __init__(
        self,
        folder: Path | str,
        *,
        wall: WallClock | None = None,
        name: str = SESSION_FILE,
        writer: Writer = write_atomically,
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / name
        self.backup_path = self.folder / f"{name}.bak"
        self.wall: WallClock = wall or SystemWallClock()
        self._write = writer

    def save(self, snapshot: dict[str, Any]) -> None:
        """Write ``snapshot`` crash-safely; the previous save becomes the backup.
        Raises OSError (disk full, read-only folder): the caller decides how loud to be."""
        text = json.dumps(snapshot, ensure_ascii=False, allow_nan=False, indent=1)
        self._write(self.path, text, keep_backup=self.backup_path)

    def load(self, clock: Clock, *, wall: WallClock | None = None) -> Loaded:
        """Restore the saved session (paused if it was running), else the backup; never raises
        for damaged files: they are moved aside and the message says so."""
        self._remove_stale_temporaries()
        problems: list[Said] = []
        for path, what in ((self.path, "save"), (self.backup_path, "backup")):
            if not path.exists():
                continue
            try:
                data = self._read(path)
            except OSError as exc:
                # unreadable is not damaged (a permission, a failing disk): left where it is
                problems.append(
                    Said(
                        N_("the {what} {path} could not be read ({reason})"),
                        what=Said(WHAT[what]),
                        path=path,
                        reason=exc.strerror or exc,
                    )
                )
                continue
            except Exception as exc:  # noqa: BLE001 - not JSON, too big: damaged, moved aside
                problems.append(self._damaged(path, what, exc))
                continue
            try:
                session = FishbowlSession.from_snapshot(data, clock, wall=wall or self.wall)
                description = self._describe(session)
            except Exception as exc:  # noqa: BLE001 - whatever a restore raises: see the module
                if not isinstance(exc, ValueError | FishbowlError):
                    log.warning("unforeseen error restoring %s", path, exc_info=True)
                problems.append(self._damaged(path, what, exc))
                continue
            intro = (
                N_("Restored the fishbowl session {description}")
                if what == "save"
                else N_("Restored the fishbowl session from the backup {description}")
            )
            loaded = _loaded(session, path, problems, Said(intro, description=description))
            log.info(loaded.message)
            return loaded
        if problems:
            loaded = _loaded(None, None, problems, Said(N_("Starting a new session.")))
            log.warning(loaded.message)
            return loaded
        return Loaded(None, N_("No saved fishbowl session."))

    def _damaged(self, path: Path, what: str, exc: BaseException) -> Said:
        """Move a file that cannot be restored aside; the clause that says so."""
        moved = self._move_aside(path)
        where = (
            Said(N_("moved to {path}"), path=moved)
            if moved
            else Said(N_("could not be moved aside"))
        )
        reason = str(exc) or type(exc).__name__
        if len(reason) > 200:  # the sentence is shown on screen: a reason, not a dump
            reason = reason[:199] + "…"
        return Said(
            N_("the {what} was damaged ({reason}; {where})"),
            what=Said(WHAT[what]),
            reason=reason,
            where=where,
        )

    # --- helpers -------------------------------------------------------------------------------
    def _read(self, path: Path) -> Any:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES} bytes")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise ValueError(f"not valid JSON: {exc}") from exc

    def _move_aside(self, path: Path) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.wall.now()))
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 2
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(path, target)
        except OSError:
            log.exception("could not move the damaged %s aside", path)
            return None
        return target

    def _remove_stale_temporaries(self) -> None:
        """A crash in the middle of a save leaves a temporary file; the save it belonged to was
        not (or was already) renamed into place, so it is of no use."""
        for tmp in self.folder.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _describe(self, session: FishbowlSession) -> Said:
        rec = session.recovery
        if rec is None:
            return Said("")
        saved = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(rec.saved_wall))
        into = format_duration(rec.elapsed)
        if rec.was_running:
            return Said(
                N_(
                    "saved at {saved}, {into} into the session; it was running and is paused "
                    "now: resume when the room is ready."
                ),
                saved=saved,
                into=into,
            )
        return Said(
            N_("saved at {saved}, {into} into the session; it was {state}."),
            saved=saved,
            into=into,
            state=Said(STATE_WORDS[session.state.value]),
        )


def _loaded(
    session: FishbowlSession | None, path: Path | None, problems: list[Said], outcome: Said
) -> Loaded:
    parts = Loaded(None, "", problems=tuple(problems), outcome=outcome)
    return Loaded(
        session,
        parts.in_language(ENGLISH),
        path,
        trouble=bool(problems),
        problems=tuple(problems),
        outcome=outcome,
    )
