"""The poll poster: its YAML (errors at their line) and the voting rules (one vote per visitor
session, which a second tap changes), with the session boundary on a fake clock."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock, FakeWallClock
from kiosk.core.poll import PollBook, percent
from kiosk.core.visit import Visits

POLL = """\
id: vote
kind: poll
title: Your turn
question: Which pier should open first?
options:
  - label: North pier
    artwork: images/wave.svg
  - label: South pier
show_results: false
"""


def write_poll(folder: Path, text: str) -> None:
    (folder / "posters" / "vote.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_a_poll_poster_loads(mini_gallery: Path) -> None:
    write_poll(mini_gallery, POLL)
    result = load_gallery(mini_gallery)
    poll = result.gallery.poster("vote")
    assert poll is not None, result.problems
    assert poll.kind == "poll"
    assert [o.label.get("en") for o in poll.options] == ["North pier", "South pier"]
    assert poll.options[0].artwork is not None and poll.options[1].artwork is None
    assert poll.show_results is False


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # one option: at the options' line
        (POLL.replace("  - label: South pier\n", ""), 5, "at least 2"),
        # nine options
        (
            POLL.replace("  - label: South pier\n", "  - label: South pier\n" * 8),
            5,
            "at most 8",
        ),
        # no question
        (POLL.replace("question: Which pier should open first?\n", ""), 1, "needs a question"),
        # a number where words belong (YAML 1.1 read it as an integer)
        (POLL.replace("label: South pier", "label: 1234"), 8, "label"),
        # options on a case
        (POLL.replace("kind: poll", "kind: case"), 1, "belong to a poll poster"),
        # show_results not a yes/no
        (POLL.replace("show_results: false", "show_results: maybe"), 9, "show_results"),
    ],
)
def test_bad_polls_are_reported_at_their_line(
    mini_gallery: Path, text: str, line: int, words: str
) -> None:
    write_poll(mini_gallery, text)
    result = load_gallery(mini_gallery)
    mine = [str(p) for p in result.problems if "vote.yaml" in str(p)]
    assert any(f"vote.yaml:{line}:" in p and words in p for p in mine), mine
    # the rest of the gallery still shows
    assert {"harbour-intro", "dock-cooperative"} <= {p.id for p in result.gallery.posters}


def test_the_default_poll_names_the_four_cases_as_their_posters_do() -> None:
    gallery = load_gallery(Path(__file__).parents[2] / "content").gallery
    poll = gallery.poster("poll")
    assert poll is not None and poll.question is not None
    assert poll.question.get("en") == "Which case would you most like to try in your city?"
    cases = [p for p in gallery.posters if p.kind == "case"]
    assert len(cases) == 4 and len(poll.options) == 4
    for option, case in zip(poll.options, cases, strict=True):
        for lang in ("en", "fr", "es"):
            assert option.label.get(lang).startswith(case.city.get(lang)), (lang, option)  # type: ignore[union-attr]
            assert case.title.get(lang) in option.label.get(lang)
        assert option.artwork == case.artwork
    ids = [p.id for p in gallery.posters]
    # after the four cases, before the discussion on transferring them
    assert ids.index("poll") == max(ids.index(c.id) for c in cases) + 1


def test_one_vote_per_session_and_a_second_tap_changes_it() -> None:
    book = PollBook()
    changes = []
    book.subscribe(changes.append)
    first = book.vote("p", 0, 4)
    assert first.previous is None and first.changed
    again = book.vote("p", 0, 4)  # the same tap twice: nothing counted twice
    assert not again.changed
    moved = book.vote("p", 2, 4)
    assert moved.previous == 0
    assert [r.count for r in book.results("p", 4)] == [0, 0, 1, 0]
    assert book.total("p") == 1
    assert len(changes) == 2
    book.new_session()  # the idle reset: the next visitor
    assert book.chosen("p") is None
    book.vote("p", 2, 4)
    book.vote("p", 1, 4)
    results = book.results("p", 4)
    assert [r.count for r in results] == [0, 1, 1, 0]
    assert [percent(r.share) for r in results] == ["0%", "50%", "50%", "0%"]


def test_polls_are_counted_apart_and_start_from_saved_tallies() -> None:
    book = PollBook({"p": {0: 3, 1: 1}})
    book.vote("q", 1, 2)
    assert [r.count for r in book.results("p", 2)] == [3, 1]
    assert [r.count for r in book.results("q", 2)] == [0, 1]
    assert book.results("empty", 3)[0].share == 0.0


def test_an_option_outside_the_poll_is_refused() -> None:
    book = PollBook()
    with pytest.raises(ValueError, match="not one of"):
        book.vote("p", 4, 4)
    assert book.total("p") == 0


def test_session_boundaries_on_a_fake_clock() -> None:
    clock, wall = FakeClock(100.0), FakeWallClock(1_767_225_600.0)
    ids = iter(["a", "b"])
    visits = Visits(clock, wall, lambda: next(ids))
    assert visits.end("idle") is None  # an idle reset of an empty kiosk is no session
    started = visits.activity()
    assert started is not None and started.id == "a"
    clock.advance(42.5)
    wall.advance(1000)  # the calendar jumped (NTP): the length does not
    assert visits.activity() is None  # the same visitor
    ended = visits.end("idle")
    assert ended is not None and ended.seconds == 42.5 and ended.reason == "idle"
    nxt = visits.activity()
    assert nxt is not None and nxt.id == "b"
    with pytest.raises(ValueError):
        visits.end("because")


def test_an_option_artwork_is_resolved_and_a_missing_one_reported(mini_gallery: Path) -> None:
    write_poll(
        mini_gallery,
        POLL.replace(
            "  - label: South pier\n", "  - label: South pier\n    artwork: images/gone.svg\n"
        ),
    )
    result = load_gallery(mini_gallery)
    poll = result.gallery.poster("vote")
    assert poll is not None
    first = poll.options[0].artwork
    assert first is not None and first.path == (mini_gallery / "images" / "wave.svg").resolve()
    assert any("vote.yaml:9:" in str(p) and "artwork" in str(p) for p in result.problems)
