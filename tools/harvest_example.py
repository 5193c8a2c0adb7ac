"""The harvest's PDF for the docs: an example session (invented names; the title, questions and
notes from the report's fishbowl) on fake clocks, written by the app's own PDF writer, then
drawn by poppler's ``pdftoppm`` (apt-get install poppler-utils).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.harvest_example docs/screenshots
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig, parse_roster
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.ui.fishbowl.harvest_pdf import write_harvest_pdf

WALL = 1_497_880_800.0  # 19 June 2017, 14:00 in Montreal
ROSTER = """Ana; Montreal
Bo; Seoul
Cleo; Johannesburg
Dev; Barcelona
Eli; Montreal
Fay; Seoul
Gus; Barcelona"""


def example_session() -> FishbowlSession:
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    preset = FishbowlConfig.from_preset(gallery.fishbowl)
    clock, wall = FakeClock(), FakeClock(WALL)

    def wait(seconds: float) -> None:
        clock.advance(seconds)
        wall.advance(seconds)

    config = dataclasses.replace(preset, roster=parse_roster(ROSTER))
    s = FishbowlSession(clock, config, wall=wall)
    for chair, name in enumerate(("Ana", "Bo", "Cleo", "Dev")):
        s.set_participant_name(chair, name)
    s.start(0)
    wait(205)
    s.add_note("Identify the local champions: they mediate between government and community")
    s.next_speaker()
    wait(150)
    s.next_speaker()
    wait(170)
    s.add_note("A city is as rich as its poorest neighborhood")
    s.next_speaker()
    wait(95)
    s.pause()
    wall.advance(240)
    s.resume()
    wait(40)
    s.take_empty_chair(name="Eli")
    s.leave_chair(1)
    s.next_speaker(4)
    wait(120)
    s.add_note("Local governments can use procurement to support SSE")
    s.set_question(1)
    s.next_speaker(0)
    wait(140)
    s.add_note("No one-size-fits-all solution: rely on local resources and the local community")
    s.next_speaker(2)
    wait(190)
    s.add_note("The social economy is still an economy")
    s.next_speaker(3)
    wait(100)
    s.finish()
    return s


def main(out: str = "docs/screenshots") -> int:
    startup.get_app()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "fishbowl-20170619-140000.pdf"
        write_harvest_pdf(example_session(), pdf)
        target = folder / "fishbowl-harvest-pdf"
        cmd = ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(target)]
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
