"""Laying a row of words out on a few lines of a given width, the rest summed up as "and N
more" (pure arithmetic, no Qt): the home screen's credits line, which must never grow past the
lines it is given, however many organisers the content names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    width: int
    gap: int = 0  # the space before it, when it is not first on its line
    heading: bool = False  # kept on the line of the item after it; not counted as a name


@dataclass(frozen=True)
class Flow:
    lines: tuple[tuple[int, ...], ...]  # the indexes of the items on each line, in order
    hidden: int = 0  # names (items that are not headings) left out

    @property
    def shown(self) -> tuple[int, ...]:
        return tuple(i for line in self.lines for i in line)


def _lines(items: Sequence[Item], room: int) -> list[list[int]]:
    lines: list[list[int]] = [[]]
    x = 0
    for i, item in enumerate(items):
        need = item.width
        if item.heading and i + 1 < len(items):  # a heading never ends a line
            need += items[i + 1].gap + items[i + 1].width
        if lines[-1] and x + item.gap + need > room:
            lines.append([])
            x = 0
        x += (item.gap if lines[-1] else 0) + item.width
        lines[-1].append(i)
    return [line for line in lines if line]


def flow(
    items: Sequence[Item], room: int, max_lines: int, more_width: Callable[[int], int]
) -> Flow:
    """``items`` on lines ``room`` wide, at most ``max_lines`` of them. When they take more, the
    last line ends with the note ``more_width(n)`` wide ("and n more", its gap included) and
    the names that no longer fit are counted in ``hidden``. An item wider than ``room`` has a
    line of its own (the caller shortens its text)."""
    lines = _lines(items, room)
    if len(lines) <= max_lines:
        return Flow(tuple(tuple(line) for line in lines))
    kept = [list(line) for line in lines[: max(1, max_lines)]]
    last = kept[-1]
    names = sum(1 for item in items if not item.heading)

    def hidden() -> int:
        return names - sum(1 for line in kept for i in line if not items[i].heading)

    def width(line: list[int]) -> int:
        return sum(items[i].width + (items[i].gap if n else 0) for n, i in enumerate(line))

    while last and (items[last[-1]].heading or width(last) + more_width(hidden()) > room):
        last.pop()
    kept = [line for line in kept if line]
    return Flow(tuple(tuple(line) for line in kept), hidden())
