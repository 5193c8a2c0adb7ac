"""The harvest's PDF, as a facilitator gets it: a real session driven through the fishbowl window
(setup, keys, the controls' fields) on fake clocks, E pressed, and the PDF opened by a second
reader: poppler's ``pdftoppm`` must render it and ``pdftotext`` must read the session back.

CI installs poppler-utils (.ci/run); without it these tests fail and say so, they never skip.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import SessionStore
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.harvest_pdf import MARGIN_MM, PAGE_MM, write_harvest_pdf
from kiosk.ui.fishbowl.window import FishbowlWindow

WALL = 1_497_880_800.0  # 19 June 2017, in the afternoon in Montreal
# people and places from the workshop's report
ROSTER = (
    "Christian Yaccarini; Montreal\n"
    "Jaemin Song; Seoul\n"
    "Oriol Estela Barnet; Barcelona\n"
    "Laurence Kwark"
)


def poppler(tool: str) -> str:
    """The poppler tool's path; a clear failure (not a skip) when it is not installed."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(
            f"{tool} is not installed: the harvest's PDF is checked with poppler "
            "(Debian/Ubuntu: apt-get install poppler-utils; .ci/run installs it)",
            pytrace=False,
        )
    return found


def pdf_text(pdf: Path, *args: str) -> str:
    run = subprocess.run(
        [poppler("pdftotext"), *args, str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def pdf_pages(pdf: Path) -> int:
    run = subprocess.run(
        [poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    return int(re.search(r"^Pages:\s+(\d+)", run.stdout, re.M).group(1))  # type: ignore[union-attr]


def render(pdf: Path, out: Path, dpi: int = 50) -> QImage:
    """The first page as poppler draws it."""
    run = subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", str(dpi), "-singlefile", str(pdf), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    image = QImage(str(out) + ".png")
    assert not image.isNull(), "pdftoppm wrote no readable PNG"
    return image


def inked(image: QImage) -> int:
    """Pixels that are not paper white."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(0, image.height())
        for x in range(0, image.width())
        if QColor(image.pixel(x, y)).lightness() < 235
    )


class Room:
    """The fishbowl window on a fake monotonic clock and a fake wall clock that move together."""

    def __init__(self, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
        gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
        ctx = startup.make_context(gallery, (1920, 1080), reduced_motion=True)
        self.clock = FakeClock(100.0)
        self.wall = FakeClock(WALL)
        session = FishbowlSession.from_preset(gallery.fishbowl, self.clock, wall=self.wall)
        self.export_dir = tmp_path / "exports"
        store = SessionStore(tmp_path / "fishbowl", wall=self.wall)
        self.controller = FishbowlController(session, store, self.export_dir)
        self.window = FishbowlWindow(
            ctx, self.controller, FishbowlConfig.from_preset(gallery.fishbowl)
        )
        qtbot.addWidget(self.window)
        self.window.resize(1920, 1080)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.qtbot = qtbot
        self.controls = self.window.controls

    @property
    def session(self) -> FishbowlSession:
        return self.controller.session

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds)

    def key(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.window, key)

    def name_chair(self, chair: int, name: str) -> None:
        """Touch a chair's button, type the name, press Name, touch the chair again to let it go
        (a chair left touched would be given the word by the next N)."""
        self.controls.chair_buttons[chair].click()
        assert self.controller.selected == chair
        self.controls.name_edit.clear()
        self.qtbot.keyClicks(self.controls.name_edit, name)
        self.controls.name_button.click()
        self.controls.chair_buttons[chair].click()
        assert self.controller.selected is None

    def note(self, text: str) -> None:
        self.qtbot.keyClicks(self.controls.note_edit, text)
        self.qtbot.keyClick(self.controls.note_edit, Qt.Key.Key_Return)


def run_session(room: Room) -> None:
    """Four people of the report's cities; Christian steps out and comes back in the empty
    chair; a pause of five minutes in Oriol's turn; two notes."""
    panel = room.window.setup
    room.qtbot.mouseClick(panel.roster_edit.viewport(), Qt.MouseButton.LeftButton)
    for i, line in enumerate(ROSTER.split("\n")):
        if i:
            room.qtbot.keyClick(panel.roster_edit, Qt.Key.Key_Return)
        room.qtbot.keyClicks(panel.roster_edit, line)
    panel.start_button.click()
    assert room.session.state is State.RUNNING
    room.name_chair(0, "Christian Yaccarini")
    room.name_chair(1, "Jaemin Song")
    room.name_chair(2, "Oriol Estela Barnet")
    room.wait(200)  # Christian, 20 s over his 3 minutes
    room.key(Qt.Key.Key_N)  # Jaemin
    room.wait(90)
    room.note("Start with the vacant buildings")
    room.key(Qt.Key.Key_N)  # Oriol
    room.wait(60)
    room.key(Qt.Key.Key_Space)  # paused five minutes
    room.wait(300)
    room.key(Qt.Key.Key_Space)
    room.wait(30)
    room.key(Qt.Key.Key_N)  # Chair 4, unnamed
    room.wait(45)
    room.key(Qt.Key.Key_1)
    room.key(Qt.Key.Key_L)  # Christian steps out of chair 1 ...
    room.key(Qt.Key.Key_5)
    room.controls.name_edit.clear()
    room.qtbot.keyClicks(room.controls.name_edit, "Christian Yaccarini")
    room.controls.join_button.click()  # ... and comes back into the empty chair 5
    room.key(Qt.Key.Key_5)
    room.key(Qt.Key.Key_N)
    assert room.session.speaker is not None and room.session.speaker.chair == 4
    room.wait(70)
    room.note("Local champions matter")


def test_e_writes_a_pdf_that_a_second_reader_renders_and_reads(qtbot, tmp_path) -> None:
    room = Room(qtbot, tmp_path)
    run_session(room)
    room.key(Qt.Key.Key_E)
    exported = room.controller.last_export
    assert exported is not None and exported.pdf is not None
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(WALL))
    names = [f"fishbowl-{stamp}{end}" for end in (".csv", "-people.csv", ".md", ".pdf")]
    assert exported.pdf.stem in pdf_text(exported.pdf)  # the footer names the files (no "ﬁ")
    assert [p.name for p in exported.files()] == names
    assert sorted(p.name for p in room.export_dir.iterdir()) == sorted(names)  # no temporaries
    # the facilitator is told every file
    assert room.controls.message_label.text() == f"Exported to {room.export_dir}: " + ", ".join(
        names
    )
    pdf = exported.pdf
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(pdf) == 1

    image = render(pdf, tmp_path / "page")
    assert image.width() > 300 and image.height() > 400
    assert inked(image) > 2000  # text and bars, not a blank page

    text = pdf_text(pdf, "-layout")
    assert "Transferability – insights on applying SSE" in text
    assert "How can social and solidarity economy be a key driver of urban renewal?" in text
    lines = text.splitlines()

    def line_with(*parts: str) -> str:
        found = [line for line in lines if all(part in line for part in parts)]
        assert len(found) == 1, (parts, found)
        return found[0]

    # talk time by person: Christian once (200 + 70 s in two chairs), of 495 s in all
    line_with("Christian Yaccarini", "4:30 · 55%")
    line_with("Jaemin Song", "1:30 · 18%")
    line_with("Oriol Estela Barnet", "1:30 · 18%")  # the pause is not talk time
    line_with("Chair 4", "0:45 · 9%")
    # by group; and the one listed who never spoke
    line_with("Montreal", "4:30 · 55%")
    line_with("No group", "0:45 · 9%")
    assert "Not yet heard" in text and "Laurence Kwark" in text
    # the notes, with the speaker then
    assert "Start with the vacant buildings" in text and "Jaemin Song speaking" in text
    assert "Local champions matter" in text
    # 495 s spoken; Christian back in the circle is someone new to the round
    assert "8:15 of 45:00 planned" in text and "5 turns in 1 round" in text
    assert "(5:00 paused)" in text  # the clock span says the pause

    # the other files agree; Oriol's turn spans the pause and ends at its true time of day
    with exported.csv.open(encoding="utf-8-sig", newline="") as f:
        turns = list(csv.DictReader(f))
    oriol = turns[2]
    assert oriol["participant"] == "Oriol Estela Barnet" and oriol["duration_s"] == "90.0"
    ended = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(WALL + 290 + 60 + 300 + 30))
    assert oriol["ended_at"] == ended
    summary = exported.summary.read_text(encoding="utf-8")
    assert "| Christian Yaccarini | Montreal | 1, 5 | 2 | 4:30 | 55% | +0:20 |" in summary


def crowded_session(
    people: int = 30, groups: int = 6, notes: int = 20, questions: int = 4
) -> FishbowlSession:
    """Everything at once: a 200-character title, long questions, ``people`` people with long
    names (and ten more listed who never sit), long notes (one of 2000 characters)."""
    clock, wall = FakeClock(), FakeClock(WALL)
    roster = tuple(
        RosterEntry(
            f"Participant with a long name number {i:02d}",
            f"A city with a long name, number {i % groups}" if groups else None,
        )
        for i in range(people + 10)
    )
    s = FishbowlSession(
        clock,
        FishbowlConfig(
            title="A very long title " * 11,
            questions=tuple(
                f"Question {i}: " + "how would this work in a city like yours? " * 5
                for i in range(questions)
            ),
            chairs=6,
            empty_chairs=1,
            turn_seconds=60,
            roster=roster,
        ),
        wall=wall,
    )
    s.start(0)
    for i in range(people):
        s.leave_chair(i % 5)
        s.take_empty_chair(i % 5, roster[i].name)
        s.next_speaker(i % 5)
        clock.advance(20 + i)
        if i < notes:
            s.add_note(("Long note " + "with many words to wrap " * 12) if i % 2 else f"Short {i}")
        s.set_question(i % questions)
    if notes:
        s.add_note("W" * 2000)
    s.finish()
    return s


def words_inside_and_apart(pdf: Path) -> int:
    """Every line of text inside the page's margins (nothing clipped) and no two lines over
    each other; returns how many lines there are."""
    bbox = pdf_text(pdf, "-bbox-layout")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', bbox)
    assert page is not None
    width, height = float(page.group(1)), float(page.group(2))
    a4 = (round(PAGE_MM[0] / 25.4 * 72), round(PAGE_MM[1] / 25.4 * 72))
    assert (round(width), round(height)) == a4
    margin = (MARGIN_MM - 1) / 25.4 * 72
    boxes = [
        tuple(float(v) for v in m.groups())
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', bbox
        )
    ]
    for x0, y0, x1, y1 in boxes:
        assert margin <= x0 and x1 <= width - margin, (x0, x1)
        assert margin <= y0 and y1 <= height - margin, (y0, y1)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, ("lines overlap", a, b)
    return len(boxes)


def test_a_crowded_session_stays_on_one_page_inside_the_margins(qapp, tmp_path) -> None:
    pdf = tmp_path / "crowded.pdf"
    write_harvest_pdf(crowded_session(), pdf)
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf, "-layout")
    assert re.search(r"and \d+ more people in crowded\.md", text)
    assert re.search(r"\d+ more notes in crowded\.md", text)
    assert "Not yet heard (10 of 40 listed)" in text
    assert words_inside_and_apart(pdf) > 40


@pytest.mark.parametrize(
    ("people", "groups", "notes", "questions"),
    [(40, 12, 30, 5), (24, 8, 3, 1), (2, 0, 0, 1), (6, 3, 40, 2)],
)
def test_any_mix_fits_one_page(qapp, tmp_path, people, groups, notes, questions) -> None:
    pdf = tmp_path / "mix.pdf"
    write_harvest_pdf(crowded_session(people, groups, notes, questions), pdf)
    assert pdf_pages(pdf) == 1
    words_inside_and_apart(pdf)
    text = pdf_text(pdf, "-layout")
    if notes:
        assert "Notes" in text or re.search(r"\d+ notes? in mix\.md", text)


def test_the_pdf_is_written_whole_or_not_at_all(qapp, tmp_path) -> None:
    s = crowded_session()
    target = tmp_path / "taken.pdf"
    target.mkdir()  # a folder holds the name: the rename must fail
    with pytest.raises(OSError):
        write_harvest_pdf(s, target)
    assert [p.name for p in tmp_path.iterdir()] == ["taken.pdf"]  # no temporary left behind
    good = tmp_path / "good.pdf"
    good.write_bytes(b"the previous export")
    write_harvest_pdf(s, good)  # replaced in one step
    assert good.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.pdf", "taken.pdf"]


def test_the_pdf_uses_the_apps_font(qapp, tmp_path) -> None:
    pdf = tmp_path / "fonts.pdf"
    write_harvest_pdf(crowded_session(), pdf)
    run = subprocess.run(
        [poppler("pdffonts"), str(pdf)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    fonts = [line.split()[0] for line in run.stdout.splitlines()[2:]]
    assert fonts and all(name.split("+")[-1].startswith("Roboto") for name in fonts), fonts
