"""`kiosk doctor`, run as a real process: clean on the default content (exit 0); on a copy of it
with one deliberate problem per check, each problem named at its file and line (exit 1). The
first screen and the touch targets are measured on the app's real screens, offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk import paths
from tests.conftest import REPO
from tests.unit.test_doctor import top_block

SEOUL = "posters/seoul-sse-special-districts.yaml"
ANGUS = "posters/montreal-technopole-angus.yaml"
EKHAYA = "posters/johannesburg-hillbrow-ekhaya.yaml"


def run_doctor(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk doctor ARGS``; or ``code`` run first in the same process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if code is None:
        command = [sys.executable, "-m", "kiosk", "doctor", *args]
    else:
        main = (
            f"import sys\nfrom kiosk.app import main\nsys.exit(main(['doctor', *{list(args)!r}]))"
        )
        command = [sys.executable, "-c", textwrap.dedent(code) + "\n" + main]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, env=env)


def edit(content: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` once in a content file; the line it started on."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def findings_at(lines: list[str], where: str) -> list[str]:
    return [line for line in lines if line.startswith(where + " ")]


def test_the_default_content_is_clean() -> None:
    proc = run_doctor("content")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines == ["content: content (the folder given)", "7 posters, 7 quotes: no findings"]


def test_a_copy_with_one_problem_per_check_names_each_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), content)
    # contrast: an accent whose text is too faint on the cards of the dark theme
    accent = 1 + edit(
        content,
        "gallery.yaml",
        "  name: dark_teal.xml\n",
        '  name: dark_teal.xml\n  accent: "#ff1744"\n',
    )
    # contrast: a chart whose footnote is drawn too faint on its card
    chart = (paths.assets_dir() / "charts" / "gauteng-procurement.svg").read_text("utf-8")
    (content / "images").mkdir()
    (content / "images" / "faint.svg").write_text(
        chart.replace('fill="#b0bec5">Striped', 'fill="#455a64">Striped'), encoding="utf-8"
    )
    faint = edit(
        content,
        "posters/transferability.yaml",
        "artwork: charts/gauteng-procurement.svg",
        "artwork: images/faint.svg",
    )
    # alt: a poster's artwork without its text alternative
    text = (content / ANGUS).read_text(encoding="utf-8")
    start, end = top_block(text, "alt")
    (content / ANGUS).write_text(text[:start] + text[end:], encoding="utf-8")
    no_alt = text[:start].count("\n")
    # reading: a quote longer than the carousel shows it, a paragraph too long to read
    quote = edit(
        content,
        "quotes.yaml",
        "    text:\n      en: >-\n",
        "    text: " + " ".join(["word"] * 200) + "\n    old_text:\n      en: >-\n",
    )
    paragraph = edit(
        content,
        EKHAYA,
        "      - en: >-\n          eKhaya is",
        "      - " + " ".join(["word"] * 130) + "\n      - en: >-\n          eKhaya is",
    )
    # first screen: a tagline so long that the key figures fall below the fold
    long_tagline = " ".join(["A very long tagline that pushes the figures down."] * 16)
    tagline = edit(
        content, SEOUL, "tagline:\n  en: >-\n", f"tagline: {long_tagline}\nold_tagline:\n  en: >-\n"
    )

    proc = run_doctor(str(content))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    (line,) = findings_at(lines, f"gallery.yaml:{accent}:")
    assert "the accent text colour" in line and "contrast of 3.82:1, under the 4.5:1" in line
    (line,) = findings_at(lines, f"posters/transferability.yaml:{faint}:")
    assert "the text 'Striped: planned' is drawn in #455a64 on #263238" in line
    (line,) = findings_at(lines, f"{ANGUS}:{no_alt}:")
    assert "artwork 'art/montreal-technopole-angus.svg' has no text alternative" in line
    (line,) = findings_at(lines, f"quotes.yaml:{quote}:")
    assert "has 200 words: at 4 words a second it takes 50 s to read" in line
    (line,) = findings_at(lines, f"{EKHAYA}:{paragraph}:")
    assert "the 1st section's 1st paragraph has 130 words" in line
    at_tagline = findings_at(lines, f"{SEOUL}:{tagline}:")
    assert any("a tagline should take at most 8 s (32 words)" in line for line in at_tagline)
    overflow = [line for line in at_tagline if "first screen overflows" in line]
    assert any("at 1920×1080" in line for line in overflow), at_tagline
    assert all("shorten the tagline (144 words)" in line for line in overflow)
    assert lines[-1].startswith("7 posters, 7 quotes: ")
    assert "2 contrast, 1 alt, 3 reading, " in lines[-1]


def test_controls_too_small_for_a_finger_are_named() -> None:
    """No content can shrink a control today: the test shrinks the quotes' dots in the app
    itself, and the doctor names each at its quote in quotes.yaml."""
    shrink = """
        import kiosk.ui.quotes.carousel as carousel
        carousel.dot_side = lambda ctx: 30
    """
    proc = run_doctor("content", code=shrink)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    dots = [line for line in lines if "px a finger needs" in line]
    assert dots and all(line.startswith("quotes.yaml:") for line in dots)
    assert any(
        ": on the home screen at 1920×1080, 'Quote 1 of 7' is 30×30 px, under the 44×44 px" in line
        for line in dots
    )
    assert lines[-1].endswith(f"({len(dots)} target)")


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_doctor(str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "is not a folder" in proc.stderr
