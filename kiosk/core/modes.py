"""What is on top: the one owner of the gallery window's layers.

The window shows one screen (home, a poster, the overview, the quotes: ``Navigation`` owns which)
and over it at most a few layers: the help card, the About card, the blackout, the "Still
there?" notice, the admin PIN pad, the admin screen, the attract loop. Before this module each
layer was a flag on a widget and the rules were spread over five files; an admin screen could
outlive an idle reset and greet the next visitor with Quit. Here the rules are one table,
tested without widgets:

- layers have a fixed stacking order (``LAYERS``, bottom to top); the window raises their widgets
  in that order and shows exactly the layers that are active;
- entering a layer closes the layers it replaces (``CLOSES``) and is refused while a layer that
  forbids it is open (``REFUSED_UNDER``): no help card behind the admin screen, no "Still
  there?" over the attract loop;
- a change of screen closes the help card and the blackout, as a presenter expects;
- ``reset()`` (the idle reset) closes every layer, the admin screen and PIN pad included, and
  sends navigation home; ``wake()`` leaves the attract loop for the home screen as a visitor;
- a content reload keeps the modes: the window rebuilds its widgets and renders these again.

Listeners hear ``(mode, entered)`` for every layer entered or left and every screen change.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from kiosk.core.navigation import Navigation, NavState, Screen


class Mode(StrEnum):
    # the screens (exactly one at a time; Navigation decides which)
    HOME = "home"
    POSTER = "poster"
    OVERVIEW = "overview"
    QUOTES = "quotes"
    # the layers (their stacking order is LAYERS)
    HELP = "help"
    ABOUT = "about"
    SETTINGS = "settings"  # the visitor's display settings: text size, contrast, reach, motion
    BLACKOUT = "blackout"
    STILL_THERE = "still-there"
    PIN = "pin"
    ADMIN = "admin"
    ATTRACT = "attract"


SCREENS = {
    Screen.HOME: Mode.HOME,
    Screen.POSTER: Mode.POSTER,
    Screen.OVERVIEW: Mode.OVERVIEW,
    Screen.QUOTES: Mode.QUOTES,
}

LAYERS: tuple[Mode, ...] = (
    Mode.HELP,
    Mode.ABOUT,
    Mode.SETTINGS,
    Mode.BLACKOUT,
    Mode.PIN,
    Mode.STILL_THERE,
    Mode.ADMIN,
    Mode.ATTRACT,
)
"""Bottom to top. The "Still there?" notice covers the PIN pad (a visitor who found the corner
must still see the countdown); nothing covers the admin screen but the attract loop, which
only opens after a reset has closed it."""

CLOSES: dict[Mode, frozenset[Mode]] = {
    Mode.HELP: frozenset({Mode.ABOUT, Mode.SETTINGS}),
    Mode.ABOUT: frozenset({Mode.HELP, Mode.SETTINGS}),  # opened from the help card, in its place
    Mode.SETTINGS: frozenset({Mode.HELP, Mode.ABOUT}),
    Mode.BLACKOUT: frozenset(),
    Mode.STILL_THERE: frozenset(),
    Mode.PIN: frozenset({Mode.HELP, Mode.ABOUT, Mode.SETTINGS, Mode.BLACKOUT}),
    Mode.ADMIN: frozenset(
        {Mode.HELP, Mode.ABOUT, Mode.SETTINGS, Mode.BLACKOUT, Mode.STILL_THERE, Mode.PIN}
    ),
    Mode.ATTRACT: frozenset(LAYERS) - {Mode.ATTRACT},
}
"""Entering a layer closes these."""

REFUSED_UNDER: dict[Mode, frozenset[Mode]] = {
    Mode.HELP: frozenset({Mode.PIN, Mode.ADMIN, Mode.ATTRACT}),
    Mode.ABOUT: frozenset({Mode.PIN, Mode.ADMIN, Mode.ATTRACT}),
    Mode.SETTINGS: frozenset({Mode.PIN, Mode.ADMIN, Mode.ATTRACT}),
    Mode.BLACKOUT: frozenset({Mode.PIN, Mode.ADMIN, Mode.ATTRACT}),
    Mode.STILL_THERE: frozenset({Mode.ADMIN, Mode.ATTRACT}),
    Mode.PIN: frozenset({Mode.ADMIN, Mode.ATTRACT}),
    Mode.ADMIN: frozenset({Mode.ATTRACT}),
    Mode.ATTRACT: frozenset(),
}
"""A layer cannot be entered while one of these is open."""

ORGANISER = frozenset({Mode.PIN, Mode.ADMIN})
"""Layers that only an organiser may see: the first to go on any reset."""

CAPTURING = frozenset({Mode.STILL_THERE, Mode.PIN, Mode.ADMIN, Mode.ATTRACT})
"""While one of these is open, the gallery beneath takes no keys."""

ModeListener = Callable[[Mode, bool], None]
"""Called as ``listener(mode, entered)``."""


class Modes:
    """The layers over the gallery's screen, and the moves between them."""

    def __init__(self, nav: Navigation) -> None:
        self._nav = nav
        self._layers: set[Mode] = set()
        self._listeners: list[ModeListener] = []
        nav.subscribe(self._screen_changed)

    # --- reading -------------------------------------------------------------------------------
    @property
    def nav(self) -> Navigation:
        return self._nav

    @property
    def screen(self) -> Mode:
        return SCREENS[self._nav.state.screen]

    @property
    def layers(self) -> tuple[Mode, ...]:
        """The open layers, bottom to top."""
        return tuple(m for m in LAYERS if m in self._layers)

    @property
    def top(self) -> Mode:
        """What a person sees on top: the highest open layer, else the screen."""
        layers = self.layers
        return layers[-1] if layers else self.screen

    def is_open(self, mode: Mode) -> bool:
        return mode in self._layers or mode is self.screen

    def takes_gallery_keys(self) -> bool:
        """True when keys may move the gallery (no notice, PIN pad, admin or attract open)."""
        return not self._layers & CAPTURING

    def subscribe(self, listener: ModeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ModeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # --- moving --------------------------------------------------------------------------------
    def enter(self, mode: Mode) -> bool:
        """Open a layer; False when it is open already or refused by one above."""
        if mode not in LAYERS:
            raise ValueError(f"{mode} is a screen: Navigation changes screens")
        if mode in self._layers or self._layers & REFUSED_UNDER[mode]:
            return False
        for closed in self.layers:
            if closed in CLOSES[mode]:
                self._leave(closed)
        self._layers.add(mode)
        self._tell(mode, True)
        return True

    def leave(self, mode: Mode) -> bool:
        """Close a layer; False when it was not open."""
        if mode not in self._layers:
            return False
        self._leave(mode)
        return True

    def toggle(self, mode: Mode) -> bool:
        return self.leave(mode) if mode in self._layers else self.enter(mode)

    def escape(self) -> bool:
        """Esc closes the help, About or settings card or the blackout before it moves in the
        gallery."""
        for mode in (Mode.BLACKOUT, Mode.SETTINGS, Mode.ABOUT, Mode.HELP):
            if mode in self._layers:
                return self.leave(mode)
        return False

    def reset(self) -> None:
        """The idle reset: the organiser's layers first, then every other, then home."""
        for mode in sorted(self._layers, key=lambda m: (m not in ORGANISER, LAYERS.index(m))):
            self._leave(mode)
        self._nav.reset()

    def wake(self) -> None:
        """A visitor woke the attract loop: the home screen, nothing over it."""
        for mode in self.layers:
            self._leave(mode)
        self._nav.home()

    # --- inside --------------------------------------------------------------------------------
    def _leave(self, mode: Mode) -> None:
        self._layers.discard(mode)
        self._tell(mode, False)

    def _screen_changed(self, old: NavState, new: NavState) -> None:
        if old.screen is new.screen and old.index == new.index:
            return
        # a new screen or poster closes these
        for mode in (Mode.HELP, Mode.ABOUT, Mode.SETTINGS, Mode.BLACKOUT):
            if mode in self._layers:
                self._leave(mode)
        if old.screen is not new.screen:
            self._tell(SCREENS[old.screen], False)
            self._tell(SCREENS[new.screen], True)

    def _tell(self, mode: Mode, entered: bool) -> None:
        for listener in list(self._listeners):
            listener(mode, entered)
