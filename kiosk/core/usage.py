"""What a visitor did with a control, told to whoever listens (analytics): a zoom, a swipe
through quotes. Plain Python, so widgets tell it without knowing who listens."""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, "str | None"], None]


class Usage:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def note(self, kind: str, subject: str | None = None) -> None:
        """``kind`` happened (on ``subject``, or wherever the visitor is when None)."""
        for listener in list(self._listeners):
            listener(kind, subject)
