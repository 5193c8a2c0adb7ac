"""Issue 18, the rest of the interface: the pseudo-language (every interface string accented and
40 % longer) leaves no English word in the fishbowl's setup panel, its strip and public view,
the facilitator's sentences and the model's refusals, the harvest's Markdown and PDF, and the
printed handout; and French and Spanish say those things in their own words."""

from __future__ import annotations

import dataclasses
import enum
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.core.fishbowl.config import FishbowlConfig, RosterEntry
from kiosk.core.fishbowl.errors import FishbowlError
from kiosk.core.fishbowl.export import session_summary
from kiosk.i18n import NATIVE_NAMES, PSEUDO
from kiosk.ui.printout.handout import print_handout
from tests.gui.languages import WORD, content_words, shown_texts
from tests.gui.test_fishbowl_harvest import pdf_text
from tests.gui.test_fishbowl_window import Rig

NAMES = ("Aminata", "Bruno")


def english_calendar_words() -> set[str]:
    """The pseudo-language writes dates as English (QLocale has no pseudo-locale)."""
    en = QLocale(QLocale.Language.English)
    words = {en.dayName(d) for d in range(1, 8)} | {en.monthName(m) for m in range(1, 13)}
    return {w for name in words for w in WORD.findall(name)}


class EnglishLeft:
    """Collects the English words found in texts, with where they were seen."""

    def __init__(self, allowed: set[str], *paths_shown: Path) -> None:
        self.allowed = allowed
        self.paths = [str(p) for p in paths_shown]
        self.found: dict[str, str] = {}

    def check(self, where: str, texts: list[str] | str) -> None:
        for text in [texts] if isinstance(texts, str) else texts:
            for path in self.paths:
                text = text.replace(path, " ")
            text = re.sub(r"fishbowl-[\w.-]+", " ", text)  # the export's file names
            for word in WORD.findall(text):
                if word not in self.allowed:
                    self.found.setdefault(word, f"{where}: {text[:70]!r}")

    def assert_none(self) -> None:
        assert not self.found, "\n".join(f"{w}  <- {where}" for w, where in self.found.items())


def scene_texts(scene: object) -> list[str]:
    """Every string of the public view's scene (the parts it paints)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, enum.Enum):
            return  # a style ("muted"), not words
        if isinstance(value, str):
            out.append(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(scene)
    return out


def refusals(rig: Rig) -> list[str]:
    """What the controller says to a few refused or confirmed actions."""
    c = rig.controller
    said = []
    for action in (
        lambda: c.queue(""),  # no name, no chair touched
        lambda: c.show_to_circle(" "),
        lambda: c.rename_selected("x"),  # no chair touched
        lambda: c.join(),  # the empty chair
        lambda: c.join(),  # now every chair is taken: the model refuses
        lambda: c.request_reset(),
        lambda: c.toggle_mute(),
        lambda: c.request_finish(),
        lambda: c.request_finish(),
    ):
        action()
        said.append(c.last_message)
    return said


def test_the_fishbowl_in_the_pseudo_language_shows_no_english(qtbot, tmp_path) -> None:
    rig = Rig(qtbot, tmp_path, lang=PSEUDO)
    gallery = rig.ctx.gallery
    allowed = content_words(gallery, gallery.fishbowl) | set(NAMES) | english_calendar_words()
    allowed |= set(WORD.findall(" ".join(NATIVE_NAMES.values())))
    left = EnglishLeft(allowed, rig.export_dir, tmp_path)
    setup = rig.window.setup
    left.check("setup", shown_texts(setup))
    left.check("the window's title", rig.window.windowTitle())
    setup.rules_button.click()
    left.check("setup, the rules open", shown_texts(setup))
    setup.roster_edit.setPlainText("Aminata\nAminata")  # the model refuses: listed twice
    assert setup.error
    left.check("setup, a refused list", [setup.error, *shown_texts(setup)])
    setup.roster_edit.setPlainText("\n".join(NAMES))
    assert not setup.error
    rig.start()
    QApplication.processEvents()
    left.check("strip", shown_texts(rig.window.controls))
    left.check(
        "public view", [rig.window.view.accessibleName(), *scene_texts(rig.window.view.scene())]
    )
    rig.clock.advance(75)
    rig.key(Qt.Key.Key_N)
    rig.controller.add_note("Aminata")
    said = refusals(rig)
    assert sum(1 for x in said if x) >= 7, said  # the first join is granted, saying nothing
    left.check("the controller's sentences", said)
    left.check("public view, finished", scene_texts(rig.window.view.scene()))
    left.check("strip, finished", shown_texts(rig.window.controls))
    exported = rig.controller.export()
    assert exported is not None and exported.pdf is not None
    left.check("export message", rig.controller.last_message)
    left.check("harvest Markdown", exported.summary.read_text(encoding="utf-8"))
    left.check("harvest PDF", pdf_text(exported.pdf))
    left.assert_none()


def test_the_printed_handout_in_the_pseudo_language_shows_no_english(qapp, tmp_path) -> None:
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    out = tmp_path / "handout.pdf"
    print_handout(gallery, out, lang=PSEUDO)
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"\S+\.\S+/\S*", " ", text)  # the QR codes' short addresses
    text = re.sub(r"-\n", "-", text)  # a compound cut at a line's end
    # the words drawn in the content's own artwork (a chart's legend) are the author's too
    drawn = " ".join(
        re.sub(r"<[^>]*>", " ", svg.read_text(encoding="utf-8"))
        for folder in (paths.default_content_dir(), paths.assets_dir())
        for svg in folder.rglob("*.svg")
    )
    allowed = content_words(gallery) | english_calendar_words() | set(WORD.findall(drawn))
    left = EnglishLeft(allowed)
    left.check("handout", text.splitlines())
    left.assert_none()


@pytest.mark.parametrize(
    ("lang", "heading", "refusal", "page"),
    [
        ("fr", "Préparer l’aquarium", "Chaise\u00a02 est prise", "Page 1 sur"),
        ("es", "Preparar la pecera", "Silla 2 está ocupada", "Página 1 de"),
    ],
)
def test_french_and_spanish_say_it_in_their_own_words(
    qtbot, tmp_path, lang, heading, refusal, page
) -> None:
    rig = Rig(qtbot, tmp_path, lang=lang)
    assert rig.window.setup.heading.text() == heading
    try:
        FishbowlConfig(questions=("Q",), roster=(RosterEntry("Ana"), RosterEntry("ana")))
    except FishbowlError as exc:
        listed_twice = exc.in_language(rig.ctx.translator)
    assert listed_twice != "ana is listed twice" and listed_twice.startswith("ana ")
    rig.start()
    occupied = rig.session.occupied_chairs()[1]
    with pytest.raises(FishbowlError) as caught:
        rig.session.take_empty_chair(occupied)
    assert caught.value.in_language(rig.ctx.translator) == refusal.replace("\u00a0", " ")
    assert str(caught.value) == "Chair 2 is taken"  # the log's English
    summary = session_summary(rig.session, t=rig.ctx.translator)
    assert "Chaise 1" in summary or "Silla 1" in summary
    out = tmp_path / "poster.pdf"
    print_handout(rig.ctx.gallery, out, lang=lang)
    assert (
        page
        in subprocess.run(
            ["pdftotext", "-raw", "-l", "1", str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_a_damaged_save_is_reported_in_the_facilitators_language(qapp, tmp_path) -> None:
    from kiosk.core.clock import FakeClock
    from kiosk.core.fishbowl.store import SessionStore
    from kiosk.i18n import translator
    from kiosk.ui.context import locale_dir

    store = SessionStore(tmp_path / "fishbowl", wall=FakeClock(1_700_000_000.0))
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{not json", encoding="utf-8")
    loaded = store.load(FakeClock(0.0))
    assert loaded.session is None and loaded.trouble
    assert loaded.message.startswith("The save was damaged")  # the log's English
    french = loaded.in_language(translator(locale_dir(), "fr"))
    assert french.startswith("La sauvegarde était endommagée"), french
    assert french.endswith("Une nouvelle séance commence."), french
