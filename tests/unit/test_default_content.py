"""The shipped content: loads clean, and a broken copy of it is reported precisely."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kiosk import paths
from kiosk.content.loader import load_gallery
from tests.conftest import REPO

POSTER_IDS = [
    "introduction",
    "montreal-technopole-angus",
    "seoul-sse-special-districts",
    "johannesburg-hillbrow-ekhaya",
    "barcelona-growing-sse",
    "poll",
    "transferability",
]


def test_shipped_content_loads_with_no_errors_and_no_warnings() -> None:
    result = load_gallery(paths.default_content_dir(), paths.assets_dir())
    assert [str(p) for p in result.problems] == []
    g = result.gallery
    assert [p.id for p in g.posters] == POSTER_IDS
    assert all(p.artwork is not None and p.artwork.path is not None for p in g.posters)
    # the report's quotes: Montreal, Seoul, the discussion (and Barcelona's coordinator)
    for pid in (
        "montreal-technopole-angus",
        "seoul-sse-special-districts",
        "barcelona-growing-sse",
        "transferability",
    ):
        assert g.quotes_for(pid), pid
    speakers = {g.text(q.speaker) for q in g.quotes}
    assert {
        "Christian Yaccarini",
        "Laurence Kwark",
        "David Makhura",
        "Oriol Estela Barnet",
        "Jaemin Song",
    } <= speakers
    makhura = next(q for q in g.quotes if g.text(q.speaker) == "David Makhura")
    assert "Makhra" in g.text(makhura.source)  # the report's spelling is recorded


def test_validate_on_a_copy_with_one_broken_poster(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), content)
    seoul = content / "posters" / "seoul-sse-special-districts.yaml"
    text = seoul.read_text(encoding="utf-8")
    seoul.write_text(text.replace("kind: case", "kind: cases\ntitel: x", 1), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(content)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    seoul_file = "posters/seoul-sse-special-districts.yaml:"
    broken = [line for line in lines if line.startswith(seoul_file)]
    assert any(
        "kind must be one of 'introduction', 'case', 'discussion' or 'poll', not 'cases' "
        "(did you mean 'case'?)" in line
        for line in broken
    )
    assert any("warning: unknown key 'titel' (did you mean 'title'?)" in line for line in broken)
    assert lines[-1].startswith("6 posters, 7 quotes: ")
