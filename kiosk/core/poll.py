"""The poll's voting rules (no Qt): one vote per visitor session, which the visitor may change.

``PollBook`` is the one owner of every poll's tally on this kiosk. A visitor session (from the
first touch to the idle reset, kiosk.core.visit) holds at most one vote per poll: a second tap
within the session moves that vote to the new option (the tally never counts a visitor twice);
after ``new_session()`` the next tap is a new visitor's vote.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Vote:
    """What a tap did: the poll, the option chosen, and the option it replaced (None: a first
    vote in this session; equal to ``option``: the same tap again, nothing changed)."""

    poll: str
    option: int
    previous: int | None

    @property
    def changed(self) -> bool:
        return self.previous != self.option


@dataclass(frozen=True)
class Share:
    """One option's line of the results: its count and its share of all votes (0 to 1)."""

    option: int
    count: int
    share: float


class PollBook:
    """The tallies of every poll, and this visitor session's choices."""

    def __init__(self, tallies: Mapping[str, Mapping[int, int]] | None = None) -> None:
        self._tallies: dict[str, dict[int, int]] = {
            poll: {int(k): int(v) for k, v in counts.items() if v > 0}
            for poll, counts in (tallies or {}).items()
        }
        self._chosen: dict[str, int] = {}
        self._listeners: list[Callable[[Vote], None]] = []

    def add_tallies(self, tallies: Mapping[str, Mapping[int, int]]) -> None:
        """Votes counted before (this kiosk's analytics, read at start) added to the tallies."""
        for poll, counts in tallies.items():
            tally = self._tallies.setdefault(poll, {})
            for option, count in counts.items():
                if count > 0:
                    tally[int(option)] = tally.get(int(option), 0) + int(count)

    def subscribe(self, listener: Callable[[Vote], None]) -> None:
        """``listener(vote)`` after every tap that changed a tally."""
        self._listeners.append(listener)

    def vote(self, poll: str, option: int, options: int) -> Vote:
        """A tap on ``option`` (0-based) of a poll with ``options`` answers."""
        if not 0 <= option < options:
            raise ValueError(f"option {option} is not one of the poll's {options} options")
        previous = self._chosen.get(poll)
        vote = Vote(poll, option, previous)
        if not vote.changed:
            return vote
        tally = self._tallies.setdefault(poll, {})
        if previous is not None:
            tally[previous] -= 1
            if tally[previous] <= 0:
                del tally[previous]
        tally[option] = tally.get(option, 0) + 1
        self._chosen[poll] = option
        for listener in list(self._listeners):
            listener(vote)
        return vote

    def chosen(self, poll: str) -> int | None:
        """This session's choice in ``poll``, if the visitor voted."""
        return self._chosen.get(poll)

    def new_session(self) -> None:
        """The visitor left (the idle reset): their votes stay counted, the next tap is a new
        visitor's."""
        self._chosen.clear()

    def total(self, poll: str) -> int:
        return sum(self._tallies.get(poll, {}).values())

    def results(self, poll: str, options: int) -> tuple[Share, ...]:
        """Every option's count and share, in the poll's order (shares 0 when nobody voted)."""
        tally = self._tallies.get(poll, {})
        total = sum(tally.get(i, 0) for i in range(options))
        return tuple(
            Share(i, tally.get(i, 0), tally.get(i, 0) / total if total else 0.0)
            for i in range(options)
        )


def percent(share: float) -> str:
    """A share as a whole percentage, as the results show it."""
    return f"{round(share * 100)}%"
