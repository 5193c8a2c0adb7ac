"""What the presenter's console shows of the sequence: the poster on the audience's screen now,
and the one the next press of the clicker brings (pure, read from the navigation's state)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.navigation import NavState, Screen


@dataclass(frozen=True)
class Sequence:
    """``current``: the poster on the audience's screen (None on home, the overview or the
    quotes); ``upcoming``: the poster the next press shows (None after the last one, and on
    the quotes, whose own carousel takes next)."""

    current: int | None
    upcoming: int | None


def sequence(state: NavState, count: int) -> Sequence:
    if count <= 0:
        return Sequence(None, None)
    if state.screen is Screen.POSTER:
        following = state.index + 1
        return Sequence(state.index, following if following < count else None)
    if state.screen is Screen.HOME:
        return Sequence(None, 0)  # next on home opens the first poster
    if state.screen is Screen.OVERVIEW:
        return Sequence(None, min(state.index, count - 1))  # Enter opens the one selected
    return Sequence(None, None)
