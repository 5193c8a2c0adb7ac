"""Where the visitor or presenter is: which screen and which poster.

The one owner of the current poster: keys, clicker, taps, the edge arrows and swipes all end in
a call here, and the window renders ``state`` when a listener is told it changed (a swipe only
reports the visitor's intent; the deck animates what this decides). Plain Python, so every key
and swipe rule is tested without widgets. What lies over the screen (help, blackout, the
kiosk's layers) is ``kiosk.core.modes``'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Screen(StrEnum):
    HOME = "home"
    POSTER = "poster"
    OVERVIEW = "overview"
    QUOTES = "quotes"


@dataclass(frozen=True)
class NavState:
    screen: Screen = Screen.HOME
    index: int = 0  # the current poster (also the overview's selection)


Listener = Callable[[NavState, NavState], None]


class Navigation:
    """The navigation model: a poster count, a state, and the moves between states."""

    def __init__(self, count: int, ids: list[str] | None = None) -> None:
        self._count = max(0, count)
        self._ids = list(ids or [])
        self._state = NavState()
        self._before_quotes: NavState | None = None  # where Q (or Esc) on the quotes returns
        self._listeners: list[Listener] = []

    # --- reading -----------------------------------------------------------------------------
    @property
    def state(self) -> NavState:
        return self._state

    @property
    def count(self) -> int:
        return self._count

    def can_next(self) -> bool:
        return self._state.index < self._count - 1

    def can_previous(self) -> bool:
        return self._state.index > 0

    def progress(self) -> str:
        """'3 of 6' for the poster indicator."""
        return f"{self._state.index + 1} of {self._count}" if self._count else ""

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # --- moving ------------------------------------------------------------------------------
    def _set(self, screen: Screen | None = None, index: int | None = None) -> bool:
        new = NavState(
            self._state.screen if screen is None else screen,
            self._state.index if index is None else index,
        )
        if new == self._state:
            return False
        old, self._state = self._state, new
        for listener in list(self._listeners):
            listener(old, new)
        return True

    def reset(self, count: int | None = None, ids: list[str] | None = None) -> None:
        """Back to the home screen (content reloaded, or the kiosk reset after idle)."""
        if count is not None:
            self._count = max(0, count)
        if ids is not None:
            self._ids = list(ids)
        self._before_quotes = None
        self._set(screen=Screen.HOME, index=0)

    def replace_posters(self, ids: list[str]) -> bool:
        """New content (a reload): the same screen and the same poster (found by id) when it
        is still there, so nothing over the screen closes; else the home screen. True when the
        visitor stays where they were."""
        s = self._state
        current = self._ids[s.index] if s.index < len(self._ids) else None
        self._ids, self._count = list(ids), len(ids)
        self._before_quotes = None
        if s.screen is Screen.HOME:
            return self._set(index=0) or True
        if current is not None and current in self._ids:
            self._set(index=self._ids.index(current))
            return True
        if s.screen is Screen.QUOTES:
            return self._set(index=0) or True
        self._set(screen=Screen.HOME, index=0)
        return False

    def open(self, index: int) -> bool:
        if not 0 <= index < self._count:
            return False
        return self._set(screen=Screen.POSTER, index=index)

    def open_id(self, poster_id: str) -> bool:
        return poster_id in self._ids and self.open(self._ids.index(poster_id))

    def next(self) -> bool:
        """Next poster; from the home screen, the first one. Stays put on the last."""
        s = self._state
        if s.screen is Screen.HOME:
            return self.open(0)
        if s.screen is Screen.OVERVIEW:
            return self.select(s.index + 1)
        if s.screen is Screen.QUOTES:
            return False  # the quotes screen's own carousel takes next and previous
        return self.can_next() and self._set(index=s.index + 1)

    def swipe(self, step: int) -> bool:
        """A swipe or an edge arrow asks for the poster ``step`` away: granted only on a poster
        and within the posters (a swipe that ends after the visitor left the posters, by Esc,
        Home or an idle reset, moves nothing)."""
        s = self._state
        if s.screen is not Screen.POSTER or step not in (-1, 1):
            return False
        return 0 <= s.index + step < self._count and self._set(index=s.index + step)

    def previous(self) -> bool:
        s = self._state
        if s.screen is Screen.OVERVIEW:
            return self.select(s.index - 1)
        if s.screen is Screen.POSTER and s.index == 0:
            return self.home()
        return s.screen is Screen.POSTER and self._set(index=s.index - 1)

    def first(self) -> bool:
        return self.select(0) if self._state.screen is Screen.OVERVIEW else self.open(0)

    def last(self) -> bool:
        i = self._count - 1
        return self.select(i) if self._state.screen is Screen.OVERVIEW else self.open(i)

    def jump(self, number: int) -> bool:
        """Number keys: 1 opens the first poster."""
        return self.open(number - 1)

    def home(self) -> bool:
        return self._set(screen=Screen.HOME)

    def overview(self) -> bool:
        return self._set(screen=Screen.OVERVIEW)

    def quotes(self) -> bool:
        """The full-screen quotes; Q again (or Esc) returns to where they were opened from."""
        if self._state.screen is not Screen.QUOTES:
            self._before_quotes = self._state
        return self._set(screen=Screen.QUOTES)

    def back_from_quotes(self) -> bool:
        """Back to the screen and poster the quotes were opened from (home if none)."""
        if self._state.screen is not Screen.QUOTES:
            return False
        before, self._before_quotes = self._before_quotes, None
        if before is None or before.index >= self._count:
            return self.home()
        return self._set(screen=before.screen, index=before.index)

    def toggle_quotes(self) -> bool:
        if self._state.screen is Screen.QUOTES:
            return self.back_from_quotes()
        return self.quotes()

    def select(self, index: int) -> bool:
        """Move the overview's selection (clamped)."""
        if not self._count:
            return False
        return self._set(index=max(0, min(self._count - 1, index)))

    def activate(self) -> bool:
        """Enter: open the selected poster in the overview."""
        if self._state.screen is Screen.OVERVIEW:
            return self.open(self._state.index)
        return False

    def escape(self) -> bool:
        """Esc on a poster opens the overview; in the overview it goes back to the selected
        poster; on the quotes, back to where they were opened from. (An open help card or
        blackout takes Esc first: ``Modes.escape``.)"""
        s = self._state
        if s.screen is Screen.POSTER:
            return self.overview()
        if s.screen is Screen.OVERVIEW:
            return self.open(s.index)
        if s.screen is Screen.QUOTES:
            return self.back_from_quotes()
        return self.overview() if self._count else False
