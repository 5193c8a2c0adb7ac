"""`kiosk doctor`'s checks that need no Qt (kiosk.content.doctor): each finds its problem in a
copy of the default content with one edit, at the line of the YAML it concerns, and finds
nothing in the default content itself. The measured checks (first screen, targets) are judged
here from measures made up for the test; tests/unit/test_cli_doctor.py measures real screens."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.colour import contrast, palette_for
from kiosk.content import doctor
from kiosk.content.loader import load_gallery
from kiosk.content.model import Gallery

SEOUL = "posters/seoul-sse-special-districts.yaml"
ANGUS = "posters/montreal-technopole-angus.yaml"


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), content)
    return content


def edit(content: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (once, it must be there) in a content file; the line it starts on."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def top_block(text: str, key: str) -> tuple[int, int]:
    """Where the top-level ``key:`` of a YAML text starts and where its block ends (the next
    line that starts at the margin)."""
    start = text.index(f"\n{key}:") + 1
    end = start + text[start:].index("\n") + 1
    while end < len(text) and (text[end] in " \n"):
        end = text.index("\n", end) + 1 if "\n" in text[end:] else len(text)
    return start, end


def load(content: Path) -> tuple[Gallery, doctor.Where]:
    result = load_gallery(content, paths.assets_dir(), keep_documents=True)
    assert result.ok, [str(p) for p in result.errors]
    return result.gallery, doctor.Where(result.documents)


def lines(findings: list[doctor.Finding]) -> list[str]:
    return [str(f) for f in findings]


def test_the_default_content_has_nothing_to_fix() -> None:
    gallery, where = load(paths.default_content_dir())
    assert lines(doctor.check_all(gallery, where)) == []


def test_documents_are_kept_only_when_asked() -> None:
    folder = paths.default_content_dir()
    assert load_gallery(folder, paths.assets_dir()).documents == {}
    kept = load_gallery(folder, paths.assets_dir(), keep_documents=True).documents
    assert {"gallery.yaml", "quotes.yaml", SEOUL} <= set(kept)


# --- alt ----------------------------------------------------------------------------------------
def test_artwork_without_alt_is_named_at_its_artwork_line(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    text = (content / ANGUS).read_text(encoding="utf-8")
    start, end = top_block(text, "alt")  # the poster's own alt, right after its artwork line
    (content / ANGUS).write_text(text[:start] + text[end:], encoding="utf-8")
    line = text[:start].count("\n")  # the artwork line, just above
    gallery, where = load(content)
    found = doctor.check_alt(gallery, where)
    assert len(found) == 1
    assert str(found[0]).startswith(
        f"{ANGUS}:{line}: artwork 'art/montreal-technopole-angus.svg' has no text alternative: "
        "add 'alt' to the poster"
    )


def test_a_sections_artwork_without_alt_names_the_section_and_the_svgs_own_title(
    tmp_path: Path,
) -> None:
    content = copy_content(tmp_path)
    line = edit(
        content,
        SEOUL,
        "    artwork: charts/seoul-production.svg\n    alt:\n",
        "    artwork: charts/seoul-production.svg\n    caption_alt_removed:\n",
    )
    # the unknown key is a warning the loader ignores: the section has no alt now
    result = load_gallery(content, paths.assets_dir(), keep_documents=True)
    found = doctor.check_alt(result.gallery, doctor.Where(result.documents))
    (message,) = lines(found)
    assert message.startswith(
        f"{SEOUL}:{line}: the 2nd section's artwork 'charts/seoul-production.svg'"
    )
    assert "add 'alt' to the 2nd section" in message
    assert "the SVG's own title reads 'At their peak: 90% of all leather goods" in message


def test_alt_is_optional_and_a_language_map_like_any_text(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    text = (content / ANGUS).read_text(encoding="utf-8")
    start, end = top_block(text, "alt")
    alt = "alt:\n  fr: Illustration d'un atelier.\n  en: Illustration of a workshop.\n"
    (content / ANGUS).write_text(text[:start] + alt + text[end:], encoding="utf-8")
    result = load_gallery(content, paths.assets_dir())
    assert result.ok
    poster = result.gallery.poster("montreal-technopole-angus")
    assert poster is not None and poster.alt is not None
    assert poster.alt.get("fr") == "Illustration d'un atelier."
    assert poster.alt.get("en") == "Illustration of a workshop."
    intro = result.gallery.poster("introduction")
    assert intro is not None and intro.alt is not None  # the default content gives every one


# --- reading time -------------------------------------------------------------------------------
def test_a_quote_the_carousel_takes_away_before_it_is_read(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    long = " ".join(["word"] * 200)
    # the first quote's text (a map of languages) made a plain text of 200 words
    line = edit(
        content,
        "quotes.yaml",
        "    text:\n      en: >-\n",
        f"    text: {long}\n    old_text:\n      en: >-\n",
    )
    result = load_gallery(content, paths.assets_dir(), keep_documents=True)
    found = doctor.check_reading(result.gallery, doctor.Where(result.documents))
    (message,) = lines(found)
    assert message == (
        f"quotes.yaml:{line}: quote 'yaccarini-environment' has 200 words: at 4 words a second "
        "it takes 50 s to read, but the carousel moves on after 45 s (carousel.max_seconds): "
        "shorten it to 180 words, or raise carousel.max_seconds in gallery.yaml"
    )


def test_a_fixed_interval_is_named_when_it_is_the_limit(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    edit(content, "gallery.yaml", "carousel:\n", "carousel:\n  interval_seconds: 10\n")
    gallery, where = load(content)
    found = lines(doctor.check_reading(gallery, where))
    # 10 s is 40 words at 4 a second: the four longest quotes are cut short, in each of the
    # gallery's three languages
    assert len(found) == 4 * 3
    assert all("(carousel.interval_seconds)" in line for line in found)
    for lang in ("en", "fr", "es"):
        assert sum(f"(in '{lang}')" in line for line in found) == 4, lang


def test_a_paragraph_too_long_for_an_unattended_screen(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    long = " ".join(["word"] * 130)
    line = edit(
        content,
        "posters/johannesburg-hillbrow-ekhaya.yaml",
        "      - en: >-\n          eKhaya is",
        f"      - {long}\n      - en: >-\n          eKhaya is",
    )
    gallery, where = load(content)
    (message,) = lines(doctor.check_reading(gallery, where))
    assert message == (
        f"posters/johannesburg-hillbrow-ekhaya.yaml:{line}: the 1st section's 1st paragraph has "
        "130 words, 32 s of reading at 4 words a second: a paragraph should take at most 25 s "
        "(100 words) at an unattended screen; split or shorten it"
    )


def test_the_reading_limits_follow_the_gallerys_reading_speed(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    edit(content, "gallery.yaml", "words_per_second: 4", "words_per_second: 1")
    gallery, where = load(content)
    found = lines(doctor.check_reading(gallery, where))
    assert any("tagline" in line and "8 s (8 words)" in line for line in found)


# --- contrast -----------------------------------------------------------------------------------
@pytest.mark.parametrize("theme", ["dark_teal.xml", "light_blue.xml", "dark_amber.xml"])
def test_themes_that_pass_give_no_finding(theme: str) -> None:
    palette = palette_for(theme)
    assert all(contrast(p.colour, p.on) >= p.minimum for p in doctor.theme_pairs(palette))


def test_an_accent_too_faint_for_cards_is_named_at_theme_accent(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    line = (
        edit(
            content,
            "gallery.yaml",
            "  name: dark_teal.xml\n",
            '  name: dark_teal.xml\n  accent: "#ff1744"\n',
        )
        + 1
    )
    gallery, where = load(content)
    (message,) = lines(doctor.check_theme_contrast(gallery, where))
    assert message.startswith(f"gallery.yaml:{line}: the accent text colour ")
    assert "on the surface #1e2a2f" in message
    assert "under the 4.5:1 that the place on each poster card" in message
    assert "choose a theme.accent with more contrast, such as #" in message


def test_a_light_theme_with_a_pale_accent_fails_for_bars_and_rings(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    line = edit(content, "gallery.yaml", "  name: dark_teal.xml", "  name: light_yellow.xml")
    gallery, where = load(content)
    found = lines(doctor.check_theme_contrast(gallery, where))
    assert found and all(
        f.startswith(f"gallery.yaml:{line}: the accent colour #ffea00") for f in found
    )
    assert any("under the 3:1 that the accent's bars, rings and edges" in f for f in found)


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450" width="800" height="450">
  <title>A test chart</title>
  <rect x="0" y="0" width="800" height="450" fill="#263238"/>
  <text x="40" y="56" font-size="28" font-weight="bold" fill="#eceff1">Readable title</text>
  <text x="40" y="120" font-size="22" fill="#455a64">Faint note</text>
  <text x="40" y="180" font-size="30" fill="#546e7a">Large and faint</text>
  <rect x="40" y="200" width="300" height="60" fill="#1de9b6"/>
  <text x="60" y="240" font-size="22" fill="#263238">on the bar</text>
  <text x="360" y="240" font-size="22" fill="#1de9b6">beside the bar</text>
  <rect x="40" y="300" width="300" height="40" fill="#2f3f47"/>
  <g transform="translate(400, 0)"><rect x="0" y="300" width="200" height="40" fill="#ffb300"/>
    <text x="20" y="330" font-size="22" fill="#ffffff">white on amber</text></g>
</svg>"""


def test_svg_text_is_measured_against_what_is_drawn_behind_it() -> None:
    drawn = {d.label: d for d in doctor.svg_drawn(ET.fromstring(SVG)) if d.kind == "text"}
    assert drawn["Readable title"].behind == "#263238"
    assert drawn["on the bar"].behind == "#1de9b6"  # the bar, not the card
    assert drawn["beside the bar"].behind == "#263238"
    assert drawn["white on amber"].behind == "#ffb300"  # inside a translated group
    assert drawn["Readable title"].bold and drawn["Readable title"].size == 28


def test_svg_contrast_finds_faint_text_and_faint_shapes() -> None:
    page = [("background", "#12191c")]
    low = doctor.svg_contrast(ET.fromstring(SVG), page, shapes=False)
    names = {d.label: (round(ratio, 1), minimum) for d, _c, _g, ratio, minimum in low}
    # small text needs 4.5:1, large text 3:1; white on amber is 1.9:1
    assert set(names) == {"Faint note", "Large and faint", "white on amber"}
    assert names["Faint note"][1] == 4.5 and names["Large and faint"][1] == 3.0
    shapes = doctor.svg_contrast(ET.fromstring(SVG), page, shapes=True)
    assert [d.label for d, *_ in shapes if d.kind == "shape"] == ["rect"]  # the faint #2f3f47


def test_text_with_nothing_behind_it_is_measured_on_the_screen() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
        '<text x="0" y="20" font-size="12" fill="#263238">dark</text></svg>'
    )
    (low,) = doctor.svg_contrast(ET.fromstring(svg), [("background", "#12191c")], shapes=False)
    assert low[0].behind == doctor.PAGE and low[2] == "#12191c"


@pytest.mark.parametrize(
    ("value", "colour"),
    [
        ("#ABC", "#aabbcc"),
        ("#1de9b6", "#1de9b6"),
        ("rgb(255, 0, 16)", "#ff0010"),
        ("white", "#ffffff"),
        ("none", None),
        ("url(#gradient)", None),
        (None, None),
    ],
)
def test_svg_colours(value: str | None, colour: str | None) -> None:
    assert doctor.parse_colour(value) == colour


def test_a_faint_text_in_a_charts_svg_is_named_at_the_sections_artwork(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    chart = (paths.assets_dir() / "charts" / "seoul-production.svg").read_text(encoding="utf-8")
    (content / "images").mkdir()
    (content / "images" / "faint.svg").write_text(
        chart.replace('fill="#b0bec5">full bar', 'fill="#37474f">full bar'), encoding="utf-8"
    )
    line = edit(content, SEOUL, "artwork: charts/seoul-production.svg", "artwork: images/faint.svg")
    gallery, where = load(content)
    (message,) = lines(doctor.check_artwork_contrast(gallery, where))
    assert message.startswith(
        f"{SEOUL}:{line}: the 2nd section's artwork 'images/faint.svg': the text "
        "'full bar = 100%' is drawn in #37474f on #263238 (the colour behind it), a contrast of 1.3"
    )
    assert "under the 4.5:1 it needs: change the colour in the SVG (such as #" in message


# --- measured on the screens: judged and worded here --------------------------------------------
def test_a_first_screen_that_overflows_is_named_at_the_tagline() -> None:
    gallery, where = load(paths.default_content_dir())
    poster = "seoul-sse-special-districts"
    fits = doctor.FirstScreen(poster, (1920, 1080), 979, (("the title", 300), ("the artwork", 900)))
    over = doctor.FirstScreen(
        poster,
        (1080, 1920),
        1800,
        (("the title", 900), ("the first key figure", 1850), ("the quotes button", 1900)),
    )
    found = lines(doctor.first_screen_findings([fits, over], gallery, where))
    line = where.line(SEOUL, ("tagline",))
    assert found == [
        f"{SEOUL}:{line}: at 1080×1920 the poster's first screen overflows: the first key "
        "figure and the quotes button end 100 px below it (the screen shows 1800 px): shorten "
        "the tagline (16 words) or the title (3 words)"
    ]


def test_small_targets_are_named_where_they_come_from() -> None:
    gallery, where = load(paths.default_content_dir())
    targets = [
        doctor.Target("home screen", "Open poster 1", 400, 300, SEOUL, ("id",)),
        doctor.Target("home screen", "Quote 2 of 7", 30, 30, "quotes.yaml", ("quotes", 1)),
        doctor.Target("overview", "Quote 2 of 7", 30, 30, "quotes.yaml", ("quotes", 1)),
        doctor.Target("help card", "About", 120, 40),
    ]
    found = lines(doctor.target_findings(targets, where))
    quote_line = where.line("quotes.yaml", ("quotes", 1))
    top = where.line("gallery.yaml", ())  # a control of the app's own: the file's first key
    assert found == [
        f"quotes.yaml:{quote_line}: on the home screen at 1920×1080, 'Quote 2 of 7' is 30×30 "
        "px, under the 44×44 px a finger needs",
        f"gallery.yaml:{top}: on the help card at 1920×1080, 'About' is 120×40 px, under the 44×44 "
        "px a finger needs (a control of the app itself, not of the content)",
    ]


def test_the_summary_counts_each_check() -> None:
    gallery, _ = load(paths.default_content_dir())
    assert doctor.summary([], gallery) == "7 posters, 7 quotes: no findings"
    found = [
        doctor.Finding("a.yaml", 1, "x", "alt"),
        doctor.Finding("a.yaml", 2, "y", "alt"),
        doctor.Finding("b.yaml", 3, "z", "contrast"),
    ]
    assert doctor.summary(found, gallery) == "7 posters, 7 quotes: 3 findings (1 contrast, 2 alt)"


def test_a_finding_is_one_line_whatever_the_file_holds() -> None:
    assert str(doctor.Finding("posters/\x1b[31m.yaml", 3, "a\nb")) == (
        "posters/\\x1b[31m.yaml:3: a\\nb"
    )
