"""The figures, the merge of databases from several kiosks (a session copied twice counts once)
and ``kiosk stats`` writing CSV and an offline HTML report."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import time
from pathlib import Path

from kiosk.app import main
from kiosk.core.analytics.events import Event, SessionEnd, SessionStart
from kiosk.core.analytics.merge import merge_into
from kiosk.core.analytics.report import figures, poll_tallies
from kiosk.core.analytics.store import SCHEMA, Writer, connect

NOW = time.mktime((2026, 12, 5, 15, 0, 0, 0, 0, -1))  # local 15:00


def visit(
    writer: Writer,
    sid: str,
    start: float,
    seconds: float,
    posters: dict[str, float],
    vote: list[int],
) -> None:
    records: list = [SessionStart(sid, start)]
    for poster, dwell in posters.items():
        records.append(Event(sid, start + 1, "poster", poster, dwell))
    for option in vote:
        records.append(Event(sid, start + 2, "vote", "poll", float(option)))
    records.append(SessionEnd(sid, start + seconds, seconds, "idle"))
    writer.write(records)


def kiosk_db(path: Path, sessions: list[tuple]) -> Path:
    db = connect(path)
    writer = Writer(db)
    for s in sessions:
        visit(writer, *s)
    db.close()
    return path


def test_figures(tmp_path: Path) -> None:
    path = kiosk_db(
        tmp_path / "a.sqlite",
        [
            ("a" * 16, NOW - 86400, 60, {"montreal": 20}, [0]),
            ("b" * 16, NOW - 3600, 120, {"montreal": 40, "seoul": 10}, [1, 3]),  # changed vote
            ("c" * 16, NOW - 60, 30, {"seoul": 5}, []),
        ],
    )
    db = connect(path)
    found = figures(db, NOW)
    assert found.sessions == 3 and found.sessions_today == 2
    assert found.median_session_seconds == 60
    assert [(p.poster, p.views, p.median_seconds) for p in found.posters] == [
        ("montreal", 2, 30.0),
        ("seoul", 2, 7.5),
    ]
    assert found.polls == {"poll": {0: 1, 3: 1}}  # the changed vote counts once, as its last
    assert found.hours[14] == 2 and found.hours[13] == 0  # 14:00 yesterday and 14:59 today
    assert figures(db, NOW, since=NOW - 7200).sessions == 2


def test_merging_counts_a_session_copied_twice_once(tmp_path: Path) -> None:
    first = kiosk_db(tmp_path / "k1.sqlite", [("a" * 16, NOW, 60, {"montreal": 20}, [0])])
    second = kiosk_db(tmp_path / "k2.sqlite", [("b" * 16, NOW, 90, {"seoul": 30}, [2])])
    again = tmp_path / "k1-copied-again.sqlite"
    shutil.copy(first, again)
    merged = sqlite3.connect(":memory:", isolation_level=None)
    merged.executescript(SCHEMA)
    assert merge_into(merged, first) == (1, 2)  # a poster seen, a vote
    assert merge_into(merged, second) == (1, 2)
    assert merge_into(merged, again) == (0, 0)
    found = figures(merged, NOW)
    assert found.sessions == 2
    assert [p.views for p in found.posters] == [1, 1]
    assert poll_tallies(merged) == {"poll": {0: 1, 2: 1}}


def test_an_open_session_merged_with_its_ended_copy(tmp_path: Path) -> None:
    sid = "d" * 16
    early = connect(tmp_path / "early.sqlite")
    Writer(early).write([SessionStart(sid, NOW)])
    early.close()
    late = kiosk_db(tmp_path / "late.sqlite", [(sid, NOW, 45, {}, [])])
    merged = sqlite3.connect(":memory:", isolation_level=None)
    merged.executescript(SCHEMA)
    merge_into(merged, tmp_path / "early.sqlite")
    merge_into(merged, late)
    assert merged.execute("SELECT COUNT(*), MAX(seconds) FROM sessions").fetchone() == (1, 45)


def test_kiosk_stats_writes_csv_and_one_offline_html(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    one = kiosk_db(
        tmp_path / "k1.sqlite", [("a" * 16, NOW, 60, {"montreal-technopole-angus": 20}, [0])]
    )
    two = kiosk_db(
        tmp_path / "k2.sqlite", [("b" * 16, NOW, 90, {"seoul-sse-special-districts": 30}, [3])]
    )
    out = tmp_path / "csv"
    assert (
        main(["stats", "--db", str(one), "--db", str(two), "--db", str(one), "--csv", str(out)])
        == 0
    )
    with (out / "poll.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["option"], r["name"], r["votes"]) for r in rows] == [
        ("0", "Montreal: Technopole Angus", "1"),
        ("3", "Barcelona: Growing SSE to regenerate the neighborhood", "1"),
    ]
    with (out / "summary.csv").open(encoding="utf-8") as f:
        assert {r["figure"]: r["value"] for r in csv.DictReader(f)}["sessions"] == "2"
    page = tmp_path / "report.html"
    assert main(["stats", "--db", str(one), "--db", str(two), "--html", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "Technopole Angus" in text
    assert "Which case would you most like to try in your city?" in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch
    assert main(["stats", "--since", "5 December", "--html", str(page)]) == 2
    assert "not a date" in capsys.readouterr().err
