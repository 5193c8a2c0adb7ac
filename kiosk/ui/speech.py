"""Read aloud: a poster or a quote spoken a sentence at a time, the sentence highlighted.

Qt's TextToSpeech speaks (speech-dispatcher on Linux, the system's voice on Windows and macOS).
Where no engine exists (no plugin, the library cannot load, the engine reports an error), the
Read aloud buttons stay hidden and one INFO line in the log says why: the gallery is the same
without them. Qt's "mock" engine (it "speaks" a word every 100 ms and makes no sound) is never
chosen by itself; tests ask for it with KIOSK_TTS_ENGINE=mock. KIOSK_TTS_ENGINE=none turns
reading off; a name (speechd, sapi, winrt, darwin...) asks for that engine.

The engine is made after the first frame (``prepare``), never at start-up; the buttons appear
when it is ready. One sentence is said at a time: the next goes when the engine is ready again,
so the highlight follows the voice with any engine, word events or not. Reading stops when the
visitor leaves the poster or the quote, at the idle reset, on blackout, and when a layer opens
over the screen (the window calls ``stop``).
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from kiosk.core.sentences import sentence_spans
from kiosk.ui.qt_messages import qt_messages_to_debug_log
from kiosk.ui.widgets import icon

log = logging.getLogger(__name__)

ENV = "KIOSK_TTS_ENGINE"
PREFERRED = ("speechd", "winrt", "sapi", "darwin", "android", "flite")
START_AFTER_MS = 1500  # after the first frame: start-up pays nothing for a voice

Span = tuple[int, int]


@dataclass
class Passage:
    """One text to read: ``text`` is what the voice says; ``show`` highlights the span of it
    being read (None: no highlight)."""

    text: str
    show: Callable[[Span | None], None]


def engine_choice() -> tuple[str | None, str]:
    """(the engine to use or None, why): from KIOSK_TTS_ENGINE, else the system's own."""
    wanted = os.environ.get(ENV, "").strip()
    if wanted.lower() in ("none", "off", "0"):
        return None, f"{ENV}={wanted}"
    try:
        with qt_messages_to_debug_log(log):
            from PySide6.QtTextToSpeech import QTextToSpeech

            engines = list(QTextToSpeech.availableEngines())
    except ImportError as exc:  # e.g. libpulse missing: QtTextToSpeech links QtMultimedia
        return None, f"Qt's text-to-speech cannot load here ({exc})"
    if wanted:
        if wanted in engines:
            return wanted, f"{ENV}={wanted}"
        return None, f"{ENV}={wanted}, but the engines here are {engines or 'none'}"
    real = [e for e in engines if e != "mock"]
    if not real:
        return None, "no text-to-speech engine on this machine"
    real.sort(key=lambda e: PREFERRED.index(e) if e in PREFERRED else len(PREFERRED))
    return real[0], "the system's engine"


class Reader(QObject):
    """One voice for the whole window; reads one list of passages at a time."""

    availability_changed = Signal(bool)
    reading_changed = Signal(object)  # who asked for the reading now under way, or None
    progressed = Signal()  # a sentence begins: a visitor listening is a visitor still there

    def __init__(self, lang: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine: Any = None
        self._engine_name: str | None = None
        self._lang = lang or "en"
        self.available = False
        self.owner: object | None = None
        self._queue: list[tuple[Passage, Span]] = []
        self._current: Passage | None = None
        self._spoke = False
        self.states: list[str] = []  # every state the engine went through (the closing note's)
        self._prepared = False

    @property
    def engine_name(self) -> str | None:
        return self._engine_name

    def prepare_later(self) -> None:
        # (with the reader as the call's context: a reader deleted in the meantime is not called)
        QTimer.singleShot(START_AFTER_MS, self, self.prepare)

    def prepare(self) -> None:
        """Make the engine (once): the buttons show when it is ready."""
        if self._prepared:
            return
        self._prepared = True
        name, why = engine_choice()
        if name is None:
            log.info("read aloud off: %s", why)
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        with qt_messages_to_debug_log(log):
            engine = QTextToSpeech(name, self)
        self._engine, self._engine_name = engine, name
        engine.stateChanged.connect(self._on_state)
        engine.errorOccurred.connect(self._on_error)
        self._set_locale()
        self._on_state(engine.state())

    # --- the language -------------------------------------------------------------------------
    def set_language(self, lang: str | None) -> None:
        if (lang or "en") != self._lang:
            self._lang = lang or "en"
            self.stop()
            self._set_locale()

    def _set_locale(self) -> None:
        if self._engine is None:
            return
        wanted = QLocale(self._lang)
        same = [
            loc for loc in self._engine.availableLocales() if loc.language() == wanted.language()
        ]
        if same:
            exact = [loc for loc in same if loc.territory() == wanted.territory()]
            self._engine.setLocale((exact or same)[0])
        else:
            log.info("read aloud: no %s voice in %s", self._lang, self._engine_name)

    # --- reading ------------------------------------------------------------------------------
    @property
    def reading(self) -> bool:
        return self.owner is not None

    def read(self, passages: list[Passage], owner: object) -> None:
        """Read ``passages`` in order, a sentence at a time (what was being read stops)."""
        self.stop()
        if not self.available:
            return
        self._queue = [
            (passage, span) for passage in passages for span in sentence_spans(passage.text)
        ]
        if not self._queue:
            return
        self.owner = owner
        log.info("read aloud: %s sentences (%s)", len(self._queue), self._engine_name)
        self.reading_changed.emit(owner)
        self._next()

    def stop(self) -> None:
        """Silence, no highlight; nothing more is read."""
        if self.owner is None:
            return
        self.owner = None
        log.info("read aloud: stopped, %s sentences left", len(self._queue))
        self._queue.clear()
        self._clear_highlight()
        if self._engine is not None:
            self._engine.stop()
        self.reading_changed.emit(None)

    def toggle(self, passages: Callable[[], list[Passage]], owner: object) -> None:
        """Start reading for ``owner``, or stop if it is the one being read."""
        if self.owner is owner:
            self.stop()
        else:
            self.read(passages(), owner)

    def _clear_highlight(self) -> None:
        if self._current is not None:
            current, self._current = self._current, None
            try:
                current.show(None)
            except RuntimeError:  # its widget was deleted (a rebuild): nothing to clear
                pass

    def _next(self) -> None:
        if self.owner is None:
            return
        if not self._queue:
            self._clear_highlight()
            self.owner = None
            log.info(
                "read aloud: done (engine states seen: %s)", ", ".join(dict.fromkeys(self.states))
            )
            self.reading_changed.emit(None)
            return
        passage, (a, b) = self._queue.pop(0)
        if passage is not self._current:
            self._clear_highlight()
        self._current = passage
        try:
            passage.show((a, b))
        except RuntimeError:  # the widget went with a rebuild: stop rather than read blind
            self._current = None
            self.stop()
            return
        self._spoke = False
        self.progressed.emit()
        self._engine.say(passage.text[a:b])

    def _on_state(self, state: Any) -> None:
        name = getattr(state, "name", str(state))
        if not self.states or self.states[-1] != name:
            self.states.append(name)
            log.debug("read aloud: engine %s", name)
        if name == "Error":
            self._on_error(None, self._engine.errorString() if self._engine else "")
            return
        if not self.available and name == "Ready":
            self.available = True
            log.info("read aloud on: %s engine", self._engine_name)
            self.availability_changed.emit(True)
        if name == "Speaking":
            self._spoke = True
        elif name == "Ready" and self._spoke and self.owner is not None:
            self._spoke = False
            # out of the engine's own signal; not at all if the reader goes first (its window
            # closed: a bound method alone would still be called, on a deleted reader)
            QTimer.singleShot(0, self, self._next)

    def _on_error(self, _reason: Any, text: str) -> None:
        log.info("read aloud off: the %s engine reports an error: %s", self._engine_name, text)
        was = self.available
        self.available = False
        self.stop()
        if was:
            self.availability_changed.emit(False)


# --- highlighting a label's sentence ------------------------------------------------------------
_BOLD_MARK = re.compile(r"\*\*")


def plain_runs(source: str) -> list[tuple[str, bool]]:
    """Author text with **bold** marks as (text, bold) runs; marks without a pair stay text."""
    parts = _BOLD_MARK.split(source)
    if len(parts) % 2 == 0:  # an odd number of marks: shown as written (widgets.rich)
        return [(source, False)]
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def plain_text(source: str) -> str:
    return "".join(text for text, _ in plain_runs(source))


def highlighted_html(source: str, span: Span, background: str, colour: str) -> str:
    """``source`` as rich text with the plain-text ``span`` marked (its bold kept)."""
    a, b = span
    out: list[str] = []
    pos = 0
    for text, bold in plain_runs(source):
        cuts = sorted({0, len(text), *(x - pos for x in (a, b) if pos < x < pos + len(text))})
        for start, end in zip(cuts, cuts[1:], strict=False):
            piece = html.escape(text[start:end]).replace("\n", "<br>")
            if a <= pos + start and pos + end <= b:
                piece = (
                    f'<span style="background-color:{background}; color:{colour}">{piece}</span>'
                )
            out.append(f"<b>{piece}</b>" if bold else piece)
        pos += len(text)
    return "".join(out)


def readable(widget: QLabel, source: str, spoken: str | None = None) -> QLabel:
    """Mark ``widget`` as a part of its page that Read aloud reads (``source``: the author's
    text it shows, bold marks and all; ``spoken``: what to say instead)."""
    widget.setProperty("readSource", source)
    if spoken is not None:
        widget.setProperty("readSpoken", spoken)
    return widget


def page_passages(
    page: QWidget,
    colours: tuple[str, str],
    reveal: Callable[[QWidget], None] | None = None,
    from_y: int = 0,
) -> list[Passage]:
    """The marked labels of ``page`` in reading order (the order they were made in), from the
    first that reaches below ``from_y`` (the top of what the visitor sees)."""
    out: list[Passage] = []
    for widget in page.findChildren(QLabel):
        source = widget.property("readSource")
        if not source:
            continue
        if not out and widget.mapTo(page, widget.rect().bottomLeft()).y() < from_y:
            continue  # above the screen: the visitor has read on from there
        out.append(label_passage(widget, source, colours, widget.property("readSpoken"), reveal))
    return out


def label_passage(
    widget: QLabel,
    source: str,
    colours: tuple[str, str],
    spoken: str | None = None,
    reveal: Callable[[QWidget], None] | None = None,
) -> Passage:
    """A label read aloud: its text (``source``, with bold marks) highlighted a sentence at a
    time (``colours``: the highlight's background and text), then shown as it was. ``spoken``:
    what to say instead of the label's own text (the highlight then marks the whole label).
    ``reveal``: scrolls the label into view as its reading starts."""
    background, colour = colours
    shown, fmt = widget.text(), widget.textFormat()
    text = plain_text(source)

    def show(span: Span | None) -> None:
        if span is None:
            widget.setTextFormat(fmt)
            widget.setText(shown)
            return
        widget.setTextFormat(Qt.TextFormat.RichText)
        widget.setText(
            highlighted_html(source, span if spoken is None else (0, len(text)), background, colour)
        )
        if reveal is not None:
            reveal(widget)

    return Passage(spoken if spoken is not None else text, show)


# --- the button -----------------------------------------------------------------------------------
class ReadAloudButton(QToolButton):
    """Read aloud / Stop reading, for ``owner`` (a poster page, a quote carousel): shown only
    while the window's voice is available; checked while it reads for ``owner``."""

    def __init__(
        self,
        speech: Reader | None,
        owner: QObject,
        passages: Callable[[], list[Passage]],
        colour: str,
        side: int,
        words: bool = True,
    ) -> None:
        super().__init__()
        self.speech, self.owner, self.passages, self.words = speech, owner, passages, words
        self.setProperty("role", "nav")
        self.setProperty("choice", "true")  # checked: the accent fill of a chosen setting
        self.setObjectName("readAloud")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window
        self.setCheckable(True)
        self.setIcon(icon("speaker", colour, side))
        self.setIconSize(QSize(round(side * 0.55), round(side * 0.55)))
        self.setMinimumSize(side, side)
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if words
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        self.clicked.connect(self._clicked)
        if speech is None or not speech.available:
            # (only ever hidden here: shown before it has a parent, a button is a window of its
            # own for a moment, and its frame repainted the poster on show each time a page was
            # made; it shows with the page it is put on)
            self.hide()
        if speech is not None:
            speech.availability_changed.connect(self._available)
            speech.reading_changed.connect(self._reading)
        self._reading(speech.owner if speech is not None else None)

    def _clicked(self) -> None:
        if self.speech is not None:
            self.speech.toggle(self.passages, self.owner)
            self._reading(self.speech.owner)

    def _available(self, available: bool) -> None:
        self.setVisible(available)

    def _reading(self, owner: object) -> None:
        mine = owner is not None and owner is self.owner
        self.setChecked(mine)
        words = "Stop reading" if mine else "Read aloud"
        if self.words:
            self.setText(words)
        self.setAccessibleName(words if self.words else f"{words}: this quote")
