"""Warnings for what loads without an error but is not what the author meant: files never read
because of their names, language codes outside the gallery's languages, SVG drawing the app
leaves out, picture names that differ only in capital letters. Each on a real folder on disk,
through the loader, as ``kiosk validate`` prints it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kiosk.content.loader import load_gallery
from kiosk.content.svgsafe import clean
from kiosk.content.text import Artwork
from kiosk.content.warnings import Pictures


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def warnings_of(folder: Path) -> list[str]:
    return [str(p) for p in load_gallery(folder).warnings]


def test_the_mini_gallery_has_no_warnings(mini_gallery: Path) -> None:
    assert warnings_of(mini_gallery) == []


# --- files never read ---------------------------------------------------------------------------
def test_a_poster_saved_as_yaml_txt_is_named(mini_gallery: Path) -> None:
    (mini_gallery / "posters/dock.yaml").rename(mini_gallery / "posters/dock.yaml.txt")
    assert (
        "posters/dock.yaml.txt: warning: is not read: only files ending in .yaml are posters: "
        "rename it to dock.yaml"
    ) in warnings_of(mini_gallery)


def test_a_poster_with_a_capital_suffix_is_named(mini_gallery: Path) -> None:
    (mini_gallery / "posters/dock.yaml").rename(mini_gallery / "posters/Dock.YAML")
    result = load_gallery(mini_gallery)
    assert [p.id for p in result.gallery.posters] == ["harbour-intro"]  # really not read
    assert (
        "posters/Dock.YAML: warning: is not read: only files ending in .yaml are posters: "
        "rename it to Dock.yaml"
    ) in [str(p) for p in result.warnings]


def test_top_level_files_not_read_are_named_and_others_are_left_alone(mini_gallery: Path) -> None:
    (mini_gallery / "quotes.yaml").rename(mini_gallery / "quotes.yaml.txt")
    write(mini_gallery, "lisbon.yaml", "id: lisbon\n")
    write(mini_gallery, "README.md", "notes for the team\n")
    write(mini_gallery, "posters/.dock.yaml.swp", "x")
    write(mini_gallery, "posters/dock.yaml~", "x")
    write(mini_gallery, "posters/photo.png", "x")  # a picture may live beside the posters
    found = warnings_of(mini_gallery)
    assert (
        "quotes.yaml.txt: warning: is not read because of how its name ends: rename it to "
        "quotes.yaml" in found
    )
    assert (
        "lisbon.yaml: warning: is not read: the app reads gallery.yaml, quotes.yaml, "
        "fishbowl.yaml, notes.yaml here, and a poster goes in the posters/ folder"
    ) in found
    assert not [w for w in found if "README" in w or "swp" in w or "~" in w or "photo" in w]


def test_a_top_file_or_the_posters_folder_named_otherwise_is_named(mini_gallery: Path) -> None:
    (mini_gallery / "fishbowl.yaml").rename(mini_gallery / "fishbowl.yml")
    (mini_gallery / "quotes.yaml").rename(mini_gallery / "Quotes.yaml")
    (mini_gallery / "posters").rename(mini_gallery / "Posters")
    if (mini_gallery / "quotes.yaml").exists():
        pytest.skip("this file system ignores capital letters")
    found = warnings_of(mini_gallery)
    capitals = (
        "the name differs from the one the app reads in capital letters only: this works on "
        "Windows and fails on Linux"
    )
    assert (
        "fishbowl.yml: warning: is not read: the app reads fishbowl.yaml: rename it to "
        "fishbowl.yaml" in found
    )
    assert f"Quotes.yaml: warning: {capitals}: rename it to quotes.yaml" in found
    assert f"Posters/: warning: {capitals}: rename it to posters" in found


# --- language codes -----------------------------------------------------------------------------
def test_a_language_code_outside_the_gallery_languages_is_named_once_per_file(
    mini_gallery: Path,
) -> None:
    write(
        mini_gallery,
        "posters/dock.yaml",
        """\
        id: dock-cooperative
        kind: case
        title:
          en: The Dock Cooperative
          sp: La cooperativa del muelle
        tagline:
          en: Fishers who sell together.
          sp: Pescadores que venden juntos.
        """,
    )
    write(
        mini_gallery,
        "gallery.yaml",
        (mini_gallery / "gallery.yaml")
        .read_text()
        .replace("languages: [en, fr]", "languages: [en, fr, es]"),
    )
    found = [w for w in warnings_of(mini_gallery) if "'sp'" in w]
    assert found == [
        "posters/dock.yaml:5:3: warning: 'sp' is not one of the gallery's languages (en, fr, es, "
        "in gallery.yaml): did you mean 'es'? no visitor sees this text (and 1 more text in "
        "this file)"
    ]


def test_a_language_of_the_gallery_is_not_warned_about(mini_gallery: Path) -> None:
    # the mini gallery's intro has en and fr titles, both in languages: [en, fr]
    assert not [w for w in warnings_of(mini_gallery) if "languages" in w]


# --- SVG drawing left out ----------------------------------------------------------------------
CLIPPED = """\
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
  <defs>
    <clipPath id="c"><circle cx="50" cy="50" r="40"/></clipPath>
  </defs>
  <rect width="100" height="100" fill="#0d47a1"
        clip-path="url(#c)"/>
  <filter id="blur"><feGaussianBlur stdDeviation="3"/></filter>
</svg>
"""


def test_svg_features_the_app_does_not_draw_are_listed_with_their_lines() -> None:
    result = clean(CLIPPED.encode())
    assert result.not_drawn == (("<clipPath>", 3), ("clip-path=", 6), ("<filter>", 7))
    assert b"clipPath" not in result.data  # still left out of what Qt is given


def test_an_svg_artwork_with_a_clip_path_is_warned_about(mini_gallery: Path) -> None:
    write(mini_gallery, "images/wave.svg", CLIPPED)
    found = [w for w in warnings_of(mini_gallery) if "does not draw" in w]
    message = (
        "warning: artwork 'images/wave.svg' uses <clipPath> (line 3 of the SVG), clip-path= "
        "(line 6 of the SVG), <filter> (line 7 of the SVG), which the app does not draw: the "
        "picture shows without it (unclipped, unmasked, without the effect); flatten it in "
        "the drawing program or export a PNG"
    )
    # both posters use the picture: each is told, at its own artwork line
    assert found == [f"posters/dock.yaml:7:1: {message}", f"posters/intro.yaml:7:1: {message}"]


def test_a_plain_svg_gets_no_such_warning(mini_gallery: Path) -> None:
    assert clean((mini_gallery / "images/wave.svg").read_bytes()).not_drawn == ()


# --- capital letters in picture names ----------------------------------------------------------
def test_a_picture_name_wrong_only_in_capitals_says_did_you_mean(mini_gallery: Path) -> None:
    (mini_gallery / "images").rename(mini_gallery / "Images")
    (mini_gallery / "Images/wave.svg").rename(mini_gallery / "Images/Wave.svg")
    if (mini_gallery / "images/wave.svg").exists():
        pytest.skip("this file system ignores capital letters")
    result = load_gallery(mini_gallery)
    lines = [str(p) for p in result.problems if p.file == "posters/dock.yaml"]
    # the error stays (the kiosk cannot show it) and the warning says what to write
    assert any(
        line.startswith("posters/dock.yaml:7:1: artwork") and "not found" in line for line in lines
    )
    assert (
        "posters/dock.yaml:7:1: warning: artwork 'images/wave.svg': did you mean "
        "'Images/Wave.svg'? The names differ only in capital letters: this works on Windows "
        "and fails on Linux"
    ) in lines


def test_a_picture_found_only_because_the_disk_ignores_capitals_is_warned_about(
    mini_gallery: Path,
) -> None:
    # On the author's Windows or macOS disk 'images/WAVE.svg' is found, as the file
    # 'images/wave.svg': the loader hands over the artwork with that path. This disk tells
    # capitals apart, so that is what is given here; the kiosk's Linux disk would not find it.
    found = (mini_gallery / "images/wave.svg").resolve()
    art = Artwork("images/WAVE.svg", found)
    assert [
        str(p)
        for p in Pictures([mini_gallery]).warnings("posters/dock.yaml", (7, 1), ("artwork",), art)
    ] == [
        "posters/dock.yaml:7:1: warning: artwork 'images/WAVE.svg': the file is named "
        "'images/wave.svg'. The names differ only in capital letters: this works on Windows "
        "and fails on Linux; write 'images/wave.svg'"
    ]
    exact = Artwork("images/wave.svg", found)
    assert Pictures([mini_gallery]).warnings("posters/dock.yaml", (7, 1), ("artwork",), exact) == []


def test_the_capitals_check_never_looks_into_a_folder_linked_outside(
    tmp_path: Path, mini_gallery: Path
) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"x")
    try:
        (mini_gallery / "images/linked").symlink_to(outside, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    set_art = (mini_gallery / "posters/dock.yaml").read_text()
    (mini_gallery / "posters/dock.yaml").write_text(
        set_art.replace("images/wave.svg", "images/linked/SECRET.png"), encoding="utf-8"
    )
    assert not [w for w in warnings_of(mini_gallery) if "secret" in w.lower()]


def test_a_logo_wrong_only_in_capitals_says_did_you_mean(mini_gallery: Path) -> None:
    gallery = mini_gallery / "gallery.yaml"
    gallery.write_text(
        gallery.read_text().replace(
            "organisers: [Harbour Society]",
            "organisers:\n  - name: Harbour Society\n    logo: images/WAVE.svg",
        ),
        encoding="utf-8",
    )
    if (mini_gallery / "images/WAVE.svg").exists():
        pytest.skip("this file system ignores capital letters")
    assert (
        "gallery.yaml:10:5: warning: the 1st organiser's logo 'images/WAVE.svg': did you mean "
        "'images/wave.svg'? The names differ only in capital letters: this works on Windows "
        "and fails on Linux"
    ) in warnings_of(mini_gallery)


# --- a poster's accent colour --------------------------------------------------------------------
def test_a_pale_accent_says_the_theme_accent_is_shown_and_a_colour_that_would_do(
    mini_gallery: Path,
) -> None:
    poster = mini_gallery / "posters/dock.yaml"
    poster.write_text(poster.read_text() + 'accent: "#fff59d"\n', encoding="utf-8")
    assert (
        "posters/dock.yaml:28:1: warning: accent '#fff59d' stands out only 1.0:1 from the "
        "light_blue.xml theme's page (text needs 4.5:1): the theme's accent is shown instead; "
        "a colour like '#736e47' would be used"
    ) in warnings_of(mini_gallery)


def test_a_readable_accent_gets_no_warning(mini_gallery: Path) -> None:
    poster = mini_gallery / "posters/dock.yaml"
    poster.write_text(poster.read_text() + 'accent: "#6a1b9a"\n', encoding="utf-8")
    assert warnings_of(mini_gallery) == []
