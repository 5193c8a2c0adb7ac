"""A slip never hides a poster (issue 22, Builds 2 and 3): a wrong optional field is left out
with its error and the poster still shows; only a missing required key or an unreadable file
leaves a poster out; gallery.yaml keeps each valid setting; what names a poster (or quote) left
out is one follow-on line under its cause, printed after it. Real files, the real loader."""

from __future__ import annotations

import io
from pathlib import Path

from kiosk.commands import validate
from kiosk.content.loader import load_gallery

# one poster per slip an organiser makes in an optional field: each still shows
SLIPS = {
    "colour-typo": ("accent: '#12345'\n", "accent '#12345' is not a colour like #1de9b6"),
    "country-no": (
        "country: NO\n",
        'country must be text, but YAML reads the unquoted NO as false: put it in quotes, "NO"',
    ),
    "date-tagline": (
        "tagline: 2019-05-07\n",
        "tagline must be text, but YAML reads the unquoted 2019-05-07 as a date: put it in "
        'quotes, "2019-05-07"',
    ),
    "bad-section": (
        "sections:\n  - heading: Kept\n  - heading: [broken]\n",
        "the 2nd section's heading must be text, not a list",
    ),
    "bad-fact": (
        "facts:\n  - value: 12\n    label: Kept\n  - value: [1]\n    label: x\n",
        "the 2nd fact's value must be a number or text, not a list",
    ),
    "bad-link": (
        "link: ftp://example.org\n",
        "link: 'ftp://example.org' is not a web address: it must begin with https:// or http://",
    ),
    "syntax-in-tagline": (
        "tagline: Lisbon: a city\n",
        "this tagline contains ': ', which YAML reads as the start of another key: put the "
        'whole tagline in quotes, tagline: "Lisbon: a city"',
    ),
}


def slip_gallery(folder: Path) -> None:
    """The small gallery plus one poster per slip, named by it; quotes that name them."""
    for n, (pid, (yaml_text, _message)) in enumerate(SLIPS.items()):
        (folder / "posters" / f"{n:02d}-{pid}.yaml").write_text(
            f"id: {pid}\nkind: case\ntitle: Slip {n}\n" + yaml_text, encoding="utf-8"
        )
    gallery = folder / "gallery.yaml"
    gallery.write_text(
        gallery.read_text().replace(
            "posters: [harbour-intro, dock-cooperative]",
            "posters: [harbour-intro, dock-cooperative, " + ", ".join(SLIPS) + "]",
        )
    )


def test_each_field_level_slip_leaves_its_poster_on_screen(mini_gallery: Path) -> None:
    slip_gallery(mini_gallery)
    result = load_gallery(mini_gallery)
    shown = [p.id for p in result.gallery.posters]
    assert shown == ["harbour-intro", "dock-cooperative", *SLIPS]
    errors = {p.file: p.message for p in result.errors}
    for n, (pid, (_text, message)) in enumerate(SLIPS.items()):
        assert errors[f"posters/{n:02d}-{pid}.yaml"] == message
    assert len(result.errors) == len(SLIPS)
    # only the wrong part is gone; what was right around it stays
    g = result.gallery
    assert [str(s.heading) for s in g.poster("bad-section").sections] == ["Kept"]
    assert [str(f.label) for f in g.poster("bad-fact").facts] == ["Kept"]
    assert g.poster("colour-typo").accent is None
    assert str(g.poster("syntax-in-tagline").title) == "Slip 6"
    assert result.summary() == (
        "9 posters, 2 quotes: 7 errors, 0 warnings; posters with errors: 7 shown, 0 left out"
    )
    assert g.problems_note == "posters with errors: 7 shown, 0 left out"


def test_validate_still_fails_on_a_field_level_slip(mini_gallery: Path) -> None:
    slip_gallery(mini_gallery)
    out = io.StringIO()
    assert validate.run(str(mini_gallery), out=out, err=io.StringIO()) == validate.EXIT_ERRORS


def test_a_missing_required_key_or_an_unreadable_file_leaves_the_poster_out(
    mini_gallery: Path,
) -> None:
    (mini_gallery / "posters" / "a.yaml").write_text("id: untitled\nkind: case\n")
    (mini_gallery / "posters" / "b.yaml").write_bytes(b"PK\x03\x04 word/document.xml")
    result = load_gallery(mini_gallery)
    assert [p.id for p in result.gallery.posters] == ["harbour-intro", "dock-cooperative"]
    assert [str(p) for p in result.errors] == [
        "posters/a.yaml:1:1: the file needs the key 'title'",
        "posters/b.yaml: this looks like a Word document (.docx), not a text file: copy its text "
        "into a plain-text YAML file (in a text editor such as Notepad, saved as UTF-8)",
    ]
    assert result.summary().endswith("; posters with errors: 0 shown, 2 left out")


def test_gallery_yaml_keeps_each_valid_setting(mini_gallery: Path) -> None:
    path = mini_gallery / "gallery.yaml"
    text = path.read_text()
    # a bad accent keeps the theme's name; a wrong number keeps the other idle setting
    path.write_text(
        text.replace('accent: "#ff7043"', 'accent: "#ff70"').replace(
            "warning_seconds: 5", "warning_seconds: 0"
        )
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "gallery.yaml:15:3: theme.accent '#ff70' is not a colour like #1de9b6",
        "gallery.yaml:19:3: idle.warning_seconds must be at least 1, not 0",
    ]
    s = result.gallery.settings
    assert s.theme.name == "light_blue.xml" and s.theme.accent is None
    assert (s.idle.timeout_seconds, s.idle.warning_seconds) == (30, 10)
    assert result.gallery.text(s.title) == "Harbour Futures"


def test_a_syntax_error_in_one_setting_keeps_the_rest_of_gallery_yaml(mini_gallery: Path) -> None:
    path = mini_gallery / "gallery.yaml"
    path.write_text(path.read_text().replace("place: Pier 4", "place: Pier 4: the old quay"))
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "gallery.yaml:7:14: this place contains ': ', which YAML reads as the start of another "
        'key: put the whole place in quotes, place: "Pier 4: the old quay"'
    ]
    s = result.gallery.settings
    assert result.gallery.text(s.title) == "Harbour Futures"  # not "Poster gallery"
    assert s.theme.name == "light_blue.xml"  # not the default theme
    assert s.place is None
    assert [p.id for p in result.gallery.posters] == ["harbour-intro", "dock-cooperative"]


def test_every_broken_entry_of_a_file_is_reported_in_one_run(mini_gallery: Path) -> None:
    (mini_gallery / "posters" / "x.yaml").write_text(
        "id: x\nkind: case\ntitle: X\ncity:Lisboa\ntagline: Old: new\ncountry: Portugal\n"
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "posters/x.yaml:4:6: a key needs a space after its colon: write city: Lisboa",
        "posters/x.yaml:5:13: this tagline contains ': ', which YAML reads as the start of "
        'another key: put the whole tagline in quotes, tagline: "Old: new"',
    ]
    poster = result.gallery.poster("x")
    assert poster is not None and str(poster.country) == "Portugal"


def test_a_stray_latin1_byte_in_gallery_yaml_keeps_the_event(mini_gallery: Path) -> None:
    path = mini_gallery / "gallery.yaml"
    path.write_bytes(path.read_bytes().replace(b"Pier 4", b"Quai n\xb04"))
    result = load_gallery(mini_gallery)
    assert [p.line for p in result.errors] == [7]
    s = result.gallery.settings
    assert result.gallery.text(s.title) == "Harbour Futures"
    assert s.theme.name == "light_blue.xml"
    assert result.gallery.text(s.place) == "Quai n°4"


def test_follow_on_errors_are_one_line_under_their_cause(mini_gallery: Path) -> None:
    """Quotes that name a poster left out for its own errors: one line, after the cause."""
    quotes = "quotes:\n" + "".join(
        f"  - id: q{i}\n    text: Quote {i}.\n    speaker: S\n    posters: [lisbon]\n"
        for i in range(10)
    )
    (mini_gallery / "quotes.yaml").write_text(quotes)
    (mini_gallery / "posters" / "40-lisbon.yaml").write_text(
        "id: lisbon\nkind: case\ntitle: [Lisbon\n"
    )
    out = io.StringIO()
    validate.run(str(mini_gallery), out=out, err=io.StringIO())
    lines = [line for line in out.getvalue().splitlines() if not line.startswith(" ")]
    cause = lines.index(
        "posters/40-lisbon.yaml:3:8: the list that starts with [ here is not closed, or its "
        "entries are not separated by commas: end it with ] on the same line, and put an entry "
        "that holds a comma, a colon or a bracket in quotes"
    )
    assert lines[cause + 1] == (
        "quotes.yaml:5:15: warning: because posters/40-lisbon.yaml has errors, 10 quotes that "
        "name it are left out (lines 5, 9, 13, 17, 21, 25, …)"
    )
    # no line of its own per mention, and none printed before the cause
    assert sum("lisbon" in line for line in lines) == 2
    # the dock poster lists 'skipper', no longer in quotes.yaml: a real dangling reference
    assert any("names the quote 'skipper', which does not exist" in line for line in lines)


def test_a_poster_naming_quotes_left_out_gets_one_follow_on(mini_gallery: Path) -> None:
    (mini_gallery / "quotes.yaml").write_text(
        "quotes:\n  - id: skipper\n    text: Fine.\n    speaker: A\n  - id: mayor\n    speaker: B\n"
    )
    (mini_gallery / "posters" / "x.yaml").write_text(
        "id: x\nkind: case\ntitle: X\nquotes: [mayor, skipper]\n"
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.problems if p.file == "posters/x.yaml"] == [
        "posters/x.yaml:1:1: warning: the poster 'x' is not in gallery.yaml's posters list; it "
        "is shown at the end",
        "posters/x.yaml:4:10: warning: because quotes.yaml has errors, 1 quote this poster "
        "names is left out",
    ]
    assert result.gallery.poster("x").quotes == ("skipper",)


def test_what_names_a_broken_poster_follows_its_cause(mini_gallery: Path) -> None:
    """gallery.yaml's list and quotes.yaml both name the dock poster, whose file is broken:
    one follow-on line each, listed right after the dock file's own error."""
    (mini_gallery / "posters" / "dock.yaml").write_text(
        "id: dock-cooperative\nkind: [case\ntitle: The Dock\n"
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.problems] == [
        "posters/dock.yaml:2:7: the list that starts with [ here is not closed, or its entries "
        "are not separated by commas: end it with ] on the same line, and put an entry that "
        "holds a comma, a colon or a bracket in quotes",
        "gallery.yaml:16:26: warning: because posters/dock.yaml has errors, 1 poster in this "
        "list is left out",
        "quotes.yaml:8:15: warning: because posters/dock.yaml has errors, 1 quote that names it "
        "is left out",
    ]
    assert [p.id for p in result.gallery.posters] == ["harbour-intro"]


def test_a_syntax_error_in_one_quote_keeps_the_other_quotes(mini_gallery: Path) -> None:
    (mini_gallery / "quotes.yaml").write_text(
        "quotes:\n"
        "  - id: skipper\n"
        '    text: "We said "together" twice"\n'
        "    speaker: A. Skipper\n"
        "    posters: [dock-cooperative]\n"
        "  - id: mayor\n"
        "    text: The harbour belongs to everyone.\n"
        "    speaker: B. Mayor\n"
        "  - id: third\n"
        "    text: Ours: all of it\n"
        "    speaker: C\n"
        "  - id: fourth\n"
        "    text: Fine.\n"
        "    speaker: [D]\n"
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        'quotes.yaml:3:21: the text in quotes ends at the " before column 21, and more text '
        "follows it: put the whole text in single quotes, text: 'We said \"together\" twice'",
        "quotes.yaml:10:15: this text contains ': ', which YAML reads as the start of another "
        'key: put the whole text in quotes, text: "Ours: all of it"',
        # the entries after a broken one keep their numbers
        "quotes.yaml:14:5: the 4th quote's speaker must be text, not a list",
    ]
    assert [q.id for q in result.gallery.quotes] == ["mayor"]
    # the dock poster lists 'skipper', left out with its broken entry: a follow-on
    assert [str(p) for p in result.warnings if p.file == "posters/dock.yaml"] == [
        "posters/dock.yaml:26:10: warning: because quotes.yaml has errors, 1 quote this poster "
        "names is left out"
    ]


def test_a_syntax_error_in_one_section_keeps_the_poster_and_its_other_sections(
    mini_gallery: Path,
) -> None:
    (mini_gallery / "posters" / "x.yaml").write_text(
        "id: x\nkind: case\ntitle: X\nsections:\n"
        "  - heading: First\n    paragraphs: [One.]\n"
        "  - heading: Second: broken\n"
        "  - heading: Third\n"
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "posters/x.yaml:7:20: this heading contains ': ', which YAML reads as the start of "
        'another key: put the whole heading in quotes, heading: "Second: broken"'
    ]
    poster = result.gallery.poster("x")
    assert poster is not None
    assert [str(s.heading) for s in poster.sections] == ["First", "Third"]
