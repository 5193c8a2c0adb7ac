"""kiosk.content.edited: which poster file was saved last, and its problems first."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.edited import latest_poster_file, problems_first
from kiosk.content.errors import Problem, Severity


def _write(path: Path, seconds_ago: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("id: x\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds_ago * 10**9))


def test_the_poster_file_saved_last_and_not_an_editors_backup(tmp_path: Path) -> None:
    _write(tmp_path / "posters" / "a.yaml", 30)
    _write(tmp_path / "posters" / "b.yml", 20)
    _write(tmp_path / "posters" / ".b.yml.swp", 0)  # an editor's swap file, newer
    _write(tmp_path / "posters" / "c.yaml~", 0)
    _write(tmp_path / "posters" / "notes.txt", 0)
    _write(tmp_path / "gallery.yaml", 0)  # not a poster
    assert latest_poster_file(tmp_path) == "posters/b.yml"


def test_no_posters_folder(tmp_path: Path) -> None:
    assert latest_poster_file(tmp_path) is None


def test_the_edited_files_problems_first_each_part_in_the_loaders_order() -> None:
    cause = Problem("posters/a.yaml", 9, 1, "cause")
    follow = Problem("gallery.yaml", 3, 5, "follows from it")
    mine_late = Problem("posters/b.yaml", 20, 1, "late", Severity.WARNING)
    mine_early = Problem("posters/b.yaml", 2, 1, "early")
    ordered = problems_first([cause, follow, mine_late, mine_early], "posters/b.yaml")
    assert ordered == [mine_late, mine_early, cause, follow]
