"""The harvest on a fake clock: who spoke when (session times and times of day, honest across a
pause and a restart), talk time per person and per group, the voices not yet heard, the notes;
the CSV files and the Markdown summary written from it."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest

from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry
from kiosk.core.fishbowl.export import (
    PEOPLE_COLUMNS,
    TURN_COLUMNS,
    export_session,
    people_csv,
    session_csv,
    session_summary,
)
from kiosk.core.fishbowl.harvest import harvest
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.snapshot import MAX_ITEMS
from kiosk.core.fishbowl.store import SessionStore
from kiosk.i18n import Translator

WALL = 1_497_880_800.0  # 19 June 2017, in the afternoon in Montreal

ROSTER = (
    RosterEntry("Ana", "Barcelona"),
    RosterEntry("Bo", "Seoul"),
    RosterEntry("Cleo", "Barcelona"),
    RosterEntry("Dee"),
)


class Room:
    """The two clocks of a real room: the monotonic one and the wall clock move together."""

    def __init__(self) -> None:
        self.clock = FakeClock(1000.0)
        self.wall = FakeClock(WALL)

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds)

    def session(self, **config: object) -> FishbowlSession:
        defaults: dict[str, object] = {"chairs": 4, "empty_chairs": 1, "turn_seconds": 60}
        defaults.update(config)
        return FishbowlSession(self.clock, FishbowlConfig(**defaults), wall=self.wall)  # type: ignore[arg-type]


def at(epoch: float | None) -> str:
    return "" if epoch is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- times of day --------------------------------------------------------------------------------
def test_a_turn_across_a_pause_ends_at_its_true_time_of_day() -> None:
    room = Room()
    s = room.session()
    s.start(0)
    room.wait(40)
    s.pause()
    room.wait(600)  # ten minutes of pause: not talk time, but the clock on the wall moved
    s.resume()
    room.wait(20)
    s.next_speaker(1)
    room.wait(5)
    first, second = s.turns()
    assert first.duration == pytest.approx(60)  # 40 + 20: the pause is not talk time
    assert first.started_wall == WALL
    assert first.ended_wall == pytest.approx(WALL + 660)  # 40 + 600 + 20 by the wall clock
    assert second.started_wall == pytest.approx(WALL + 660) and second.ended_wall is None
    turns = rows(session_csv(s))
    assert (turns[0]["started_at"], turns[0]["ended_at"]) == (at(WALL), at(WALL + 660))
    assert (turns[1]["started_at"], turns[1]["ended_at"]) == (at(WALL + 660), "")


def test_what_ends_in_a_pause_ends_at_the_pause_and_what_starts_there_starts_on_resume() -> None:
    room = Room()
    s = room.session()
    s.start(0)
    room.wait(30)
    s.pause()
    room.wait(300)
    s.next_speaker(1)  # given during the pause: its time counts from the resume
    room.wait(120)
    s.resume()
    room.wait(10)
    first, second = s.turns()
    assert first.end == pytest.approx(30) and first.ended_wall == pytest.approx(WALL + 30)
    assert second.start == pytest.approx(30)
    assert second.started_wall == pytest.approx(WALL + 450)  # the resume, not the key press
    assert s.wall_time_at(30) == pytest.approx(WALL + 450)
    assert s.wall_time_at(30, ending=True) == pytest.approx(WALL + 30)
    h = harvest(s)
    assert h.ended_wall == pytest.approx(WALL + 460)
    assert h.paused == pytest.approx(420)  # the session stood 300 + 120 s


def test_times_of_day_survive_a_crash_and_the_restart(tmp_path: Path) -> None:
    """Saved while running, restored paused in a new process (another monotonic origin): the
    turn that spans the crash ends at the time of day its clock really reached."""
    room = Room()
    s = room.session()
    s.start(0)
    room.wait(50)
    store = SessionStore(tmp_path, wall=room.wall)
    store.save(s.snapshot())  # then the process dies
    room.wall.advance(240)  # four minutes to restart the laptop
    later = FakeClock(7.0)
    r = store.load(later, wall=room.wall).session
    assert r is not None and r.clock_runs == s.clock_runs
    r.resume()
    later.advance(25)
    room.wall.advance(25)
    r.next_speaker(1)
    first = r.turns()[0]
    assert first.duration == pytest.approx(75)
    assert first.started_wall == WALL
    assert first.ended_wall == pytest.approx(WALL + 50 + 240 + 25)


def test_a_save_without_runs_still_reads_and_leaves_unknown_times_blank() -> None:
    """A save from before the runs were kept: the turns keep the time they were given, the
    ends before the restore are unknown (blank, "–"), the later ones are known again."""
    room = Room()
    s = room.session()
    s.start(0)
    room.wait(50)
    s.next_speaker(1)
    room.wait(10)
    s.pause()
    old = s.snapshot()
    del old["runs"]
    r = FishbowlSession.from_snapshot(json.loads(json.dumps(old)), room.clock, wall=room.wall)
    assert r.clock_runs == ()
    room.wait(100)
    r.resume()
    room.wait(5)
    r.next_speaker(2)
    turns = rows(session_csv(r))
    assert turns[0]["started_at"] == at(WALL)  # as given, from the turn itself
    assert turns[0]["ended_at"] == ""  # unknown: not guessed
    assert turns[2]["started_at"] == at(WALL + 60 + 100 + 5)  # after the resume: known
    assert "| 1 | 1 | 1 | Chair 1 | " in session_summary(r)
    row = next(line for line in session_summary(r).splitlines() if line.startswith("| 1 | 1 |"))
    assert row.split(" | ")[5] == "–"


def test_the_runs_are_saved_checked_and_bounded() -> None:
    room = Room()
    s = room.session()
    assert s.clock_runs == ()
    s.start(0)
    for _ in range(3):
        room.wait(10)
        s.pause()
        room.wait(60)
        s.resume()
    assert [round(a) for a, _ in s.clock_runs] == [0, 10, 20, 30]
    assert [round(w - WALL) for _, w in s.clock_runs] == [0, 70, 140, 210]
    again = FishbowlSession.from_snapshot(s.snapshot(), FakeClock(), wall=room.wall)
    assert again.clock_runs == s.clock_runs
    for _ in range(MAX_ITEMS):  # more pauses than a save may hold runs: the oldest go
        room.wait(0.001)
        s.pause()
        s.resume()
    assert len(s.clock_runs) == MAX_ITEMS
    assert s.clock_runs[0][0] > 30  # the first runs went; their times of day are unknown now
    assert s.wall_time_at(5) is None and s.turns()[0].started_wall == WALL  # as it was given
    s.check_invariants()
    restored = FishbowlSession.from_snapshot(s.snapshot(), FakeClock(), wall=room.wall)
    assert restored.clock_runs == s.clock_runs  # what the session keeps, a save reads back


# --- people, groups, the voices not yet heard ----------------------------------------------------
def roster_session(room: Room) -> FishbowlSession:
    """Ana speaks, Bo, Ana leaves and comes back in chair 4 as "ana", then Chair 3 (unnamed)."""
    s = room.session(roster=ROSTER, turn_seconds=40)
    s.set_participant_name(0, "Ana")
    s.set_participant_name(1, "Bo")
    s.start(0)
    room.wait(50)  # 10 s over
    s.next_speaker(1)
    room.wait(30)
    s.add_note("Start from the buildings people already use")
    s.leave_chair(0)
    s.take_empty_chair(3, "ana")
    s.next_speaker(3)
    room.wait(25)
    s.add_note("Local champions | cooperatives")
    s.next_speaker(2)
    room.wait(15)
    s.finish()
    return s


def test_a_person_who_came_back_is_one_row_with_both_chairs() -> None:
    s = roster_session(Room())
    text = session_summary(s)
    table = text.split("## Talk time per person")[1].split("##")[0]
    assert table.count("| Ana |") == 1 and "| ana |" not in table
    # person | group | chairs | turns | talk time | share | over time
    assert "| Ana | Barcelona | 1, 4 | 2 | 1:15 | 63% | +0:10 |\n" in table
    assert "| Bo | Seoul | 2 | 1 | 0:30 | 25% | – |\n" in table
    assert "| Chair 3 | – | 3 | 1 | 0:15 | 13% | – |\n" in table  # 12.5%: halves round up
    assert "| Cleo | Barcelona | – | 0 | 0:00 | 0% | – |\n" in table  # listed, never sat
    assert "| Dee | – | – | 0 | 0:00 | 0% | – |\n" in table
    assert "not who was heard, interruptions, or what was said" in text


def test_the_balance_by_group_and_the_voices_not_yet_heard() -> None:
    text = session_summary(roster_session(Room()))
    groups = text.split("## Talk time per group")[1].split("##")[0]
    assert "| Barcelona | 1 | 1:15 | 63% |\n" in groups  # Cleo never sat: one person
    assert "| Seoul | 1 | 0:30 | 25% |\n" in groups
    assert "| No group | 1 | 0:15 | 13% |\n" in groups
    assert "## Not yet heard\n\n- Cleo\n- Dee\n" in text


def test_everyone_heard_is_said_and_no_list_means_no_such_section() -> None:
    room = Room()
    s = room.session(roster=(RosterEntry("Ana"),))
    s.set_participant_name(0, "Ana")
    s.start(0)
    room.wait(5)
    text = session_summary(s)
    assert "Everyone on the participants' list (1) had the word." in text
    assert "## Talk time per group" not in text  # no one listed has a group
    plain = session_summary(Room().session())
    assert "## Not yet heard" not in plain and "## Talk time per group" not in plain


def test_the_people_csv_has_one_row_per_person_and_is_spreadsheet_safe() -> None:
    room = Room()
    s = room.session(roster=(RosterEntry("+Ana", "=Barcelona"), RosterEntry("Dee")))
    s.set_participant_name(0, "+Ana")
    s.start(0)
    room.wait(30)
    s.leave_chair(0)
    s.take_empty_chair(3, "+ana")
    s.next_speaker(3)
    room.wait(10)
    s.next_speaker(1)
    room.wait(20)
    text = people_csv(s)
    assert text.splitlines()[0] == ",".join(PEOPLE_COLUMNS)
    assert rows(text) == [
        {
            "person": "'+Ana",
            "group": "'=Barcelona",
            "listed": "yes",
            "chairs": "1, 4",
            "turns": "2",
            "talk_time_s": "40.0",
            "share_percent": "66.7",
            "over_time_s": "0.0",
        },
        {
            "person": "Chair 2",
            "group": "",
            "listed": "no",
            "chairs": "2",
            "turns": "1",
            "talk_time_s": "20.0",
            "share_percent": "33.3",
            "over_time_s": "0.0",
        },
        {
            "person": "Chair 3",
            "group": "",
            "listed": "no",
            "chairs": "3",
            "turns": "0",
            "talk_time_s": "0.0",
            "share_percent": "0.0",
            "over_time_s": "0.0",
        },
        {
            "person": "Dee",
            "group": "",
            "listed": "yes",
            "chairs": "",
            "turns": "0",
            "talk_time_s": "0.0",
            "share_percent": "0.0",
            "over_time_s": "0.0",
        },
    ]
    turns = rows(session_csv(s))
    assert list(turns[0]) == list(TURN_COLUMNS)
    assert [(t["participant"], t["group"]) for t in turns] == [
        ("'+Ana", "'=Barcelona"),
        ("'+Ana", "'=Barcelona"),  # the name as first given, in the timeline too
        ("Chair 2", ""),
    ]


def test_notes_carry_their_session_time_time_of_day_and_the_speaker_as_named() -> None:
    s = roster_session(Room())
    h = harvest(s)
    assert [(n.at, n.wall, n.text, n.speaker) for n in h.notes] == [
        (pytest.approx(80), pytest.approx(WALL + 80), h.notes[0].text, "Bo"),
        (pytest.approx(105), pytest.approx(WALL + 105), h.notes[1].text, "Ana"),  # typed "ana"
    ]
    text = session_summary(s)
    clock = time.strftime("%H:%M:%S", time.localtime(WALL + 105))
    assert f"- 1:45 ({clock}) Local champions \\| cooperatives (Ana speaking)\n" in text


def test_the_timeline_gives_times_of_day_and_session_times_for_every_turn() -> None:
    s = roster_session(Room())
    text = session_summary(s)

    def hms(offset: float) -> str:
        return time.strftime("%H:%M:%S", time.localtime(WALL + offset))

    assert (
        f"| 3 | 1 | 4 | Ana | {hms(80)} | {hms(105)} | 1:20 | 1:45 | 0:25 | – |\n" in text
    )  # the person's name as first given, from the chair they came back to
    assert f"- Time: {hms(0)} to {hms(120)} by the clock\n" in text


# --- the files -----------------------------------------------------------------------------------
def test_the_export_writes_every_file_with_one_name_and_never_over_another(tmp_path: Path) -> None:
    s = roster_session(Room())
    written: list[Path] = []

    def pdf(session: FishbowlSession, path: Path, t: Translator) -> None:
        assert session is s
        path.write_bytes(b"%PDF-1.4 stand-in")  # the real one is drawn by Qt (GUI tests)
        written.append(path)

    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(WALL))
    (tmp_path / f"fishbowl-{stamp}.pdf").write_bytes(b"an earlier PDF alone")
    paths = export_session(s, tmp_path, pdf=pdf)
    name = f"fishbowl-{stamp}-2"  # the earlier PDF alone takes the first name
    assert [p.name for p in paths.files()] == [
        f"{name}.csv",
        f"{name}-people.csv",
        f"{name}.md",
        f"{name}.pdf",
    ]
    assert written == [paths.pdf]
    assert (tmp_path / f"fishbowl-{stamp}.pdf").read_bytes() == b"an earlier PDF alone"
    for path in (paths.csv, paths.people):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    assert paths.summary.read_text(encoding="utf-8") == session_summary(s)
    assert paths.people.read_text(encoding="utf-8-sig") == people_csv(s).replace("\r\n", "\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
