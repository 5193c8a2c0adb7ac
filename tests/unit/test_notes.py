"""notes.yaml, the presenter's speaker notes: loaded from real files, every mistake reported at
its line, the valid notes kept; and the shipped notes drawn from the report."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.content.notes import points
from tests.unit.test_default_content_figures import REPORT


def write_notes(folder: Path, text: str) -> None:
    (folder / "notes.yaml").write_text(text, encoding="utf-8")


def test_no_notes_file_means_no_notes_and_no_problem(mini_gallery: Path) -> None:
    result = load_gallery(mini_gallery)
    assert result.problems == [] and dict(result.gallery.notes) == {}
    assert result.gallery.notes_for("dock-cooperative") == ""


def test_notes_load_per_poster_and_per_language(mini_gallery: Path) -> None:
    write_notes(
        mini_gallery,
        "dock-cooperative: |\n  First point.\n\n  Second point.\n"
        "harbour-intro:\n  en: In English.\n  fr: En français.\n",
    )
    result = load_gallery(mini_gallery)
    assert result.problems == []
    gallery = result.gallery
    assert points(gallery.notes_for("dock-cooperative")) == ["First point.", "Second point."]
    assert gallery.notes_for("harbour-intro", "fr") == "En français."
    assert gallery.notes_for("harbour-intro", "es") == "In English."  # the default language


def test_an_unknown_poster_id_is_an_error_at_its_line_and_the_rest_loads(
    mini_gallery: Path,
) -> None:
    write_notes(mini_gallery, "dock-cooperative: Kept.\n\nno-such-poster: Lost.\n")
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "notes.yaml:3:1: 'no-such-poster' names no poster: these notes are not shown"
    ]
    assert dict(result.gallery.notes).keys() == {"dock-cooperative"}
    assert len(result.gallery.posters) == 2  # the gallery itself is untouched


def test_bad_values_are_errors_at_their_line(mini_gallery: Path) -> None:
    write_notes(
        mini_gallery,
        "dock-cooperative: [a, list]\nharbour-intro:\n  english: wrong key\nBad_Id: x\n",
    )
    found = [str(p) for p in load_gallery(mini_gallery).problems]
    assert found == [
        "notes.yaml:1:19: the notes of 'dock-cooperative' must be text, not a list",
        "notes.yaml:3:3: the notes of 'harbour-intro' has 'english', which is not a language "
        "code like en or fr",
        "notes.yaml:4:1: 'Bad_Id' is not a poster id (lower-case letters, digits, hyphens)",
    ]


def test_a_file_that_is_not_a_mapping_is_an_error(mini_gallery: Path) -> None:
    write_notes(mini_gallery, "- one\n- two\n")
    found = [str(p) for p in load_gallery(mini_gallery).problems]
    assert found == [
        "notes.yaml:1:1: notes.yaml must be a mapping of poster ids to notes, not a list"
    ]


def test_a_note_without_the_default_language_is_a_warning(mini_gallery: Path) -> None:
    write_notes(mini_gallery, "dock-cooperative:\n  fr: Seulement en français.\n")
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.warnings] == [
        "notes.yaml:1:1: warning: the notes of 'dock-cooperative' have no 'en' text, the gallery's "
        "default language"
    ]
    assert result.gallery.notes_for("dock-cooperative") == "Seulement en français."


def test_every_shipped_poster_has_notes() -> None:
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    for poster in gallery.posters:
        assert len(points(gallery.notes_for(poster.id))) >= 4, poster.id


def test_every_figure_in_the_shipped_notes_is_in_the_report() -> None:
    """Nothing invented: each number the notes give (1,200; 35.6%; 2016; ZAR 6400...) is printed
    in the report."""
    report = REPORT.read_text(encoding="utf-8")
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    numbers = {
        n for note in gallery.notes.values() for n in re.findall(r"\d[\d,.]*\d|\d", note.get())
    }
    missing = sorted(n for n in numbers if n.rstrip(".,") not in report)
    assert not missing, missing
    assert len(numbers) > 50


def test_the_talks_length_comes_from_gallery_yaml(mini_gallery: Path) -> None:
    gallery_file = mini_gallery / "gallery.yaml"
    text = gallery_file.read_text(encoding="utf-8")
    gallery_file.write_text(text + "presenter:\n  talk_minutes: 25\n", encoding="utf-8")
    result = load_gallery(mini_gallery)
    assert result.problems == []
    settings = result.gallery.settings.presenter
    assert (settings.talk_minutes, settings.warning_minutes) == (25, 2)


def test_a_bad_talk_length_is_an_error_at_its_line(mini_gallery: Path) -> None:
    gallery_file = mini_gallery / "gallery.yaml"
    text = gallery_file.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2
    gallery_file.write_text(text + "presenter:\n  talk_minutes: 0\n", encoding="utf-8")
    result = load_gallery(mini_gallery)
    errors = [str(p) for p in result.errors]
    assert errors == [f"gallery.yaml:{line}:3: presenter.talk_minutes must be at least 1, not 0"]
    assert result.gallery.settings.presenter.talk_minutes is None  # the rest of the file applies
