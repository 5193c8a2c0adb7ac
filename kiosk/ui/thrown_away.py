"""Widgets thrown away whole (a screen or a layer a rebuild replaces): hidden at once,
deleted at the next turn of the event loop, and their Python side let go when Qt deletes them.

Qt deletes the C++ widgets; their Python wrappers go when nothing refers to them any more. A
screen's wrapper holds its parts' wrappers in its attributes (the carousel, the cards, the
gesture filter, which holds the screen again), so one reference left to the screen keeps
the whole tree of wrappers. The hour soak found such references that Python cannot see (not
held by any Python object: inside the bindings), rarely (twice in 30,000 events, after an
idle reset that rebuilt every screen in the default language): each kept a home screen and
a poster screen, about a hundred dead wrappers with their attribute dicts, for good
(docs/reliability.md, finding 12). Emptying a thrown-away widget's attributes when it is
deleted lets its parts go whatever holds the shell."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


def _emptier(attributes: dict) -> Callable[..., None]:
    # a closure over the attributes only: the connection must not hold the widget itself
    def empty(*_args: object) -> None:
        attributes.clear()

    return empty


def throw_away(widget: QWidget) -> None:
    """Hide ``widget`` now, delete it at the next turn of the event loop, and let go of the
    Python objects its attributes hold when it is deleted (not before: an event already
    posted to it may still read them)."""
    widget.hide()
    widget.destroyed.connect(_emptier(vars(widget)))
    widget.deleteLater()
