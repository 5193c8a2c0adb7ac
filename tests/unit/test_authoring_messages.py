"""Messages an organiser can act on (issue 22, "Found 1"): each common mistake in plain words,
at its line, with what to type; counted from 1; no Python spellings; a file that is not text
said so; advice that works when followed. Real files in a copy of the small test gallery,
loaded by the real loader; `kiosk validate` run in-process for its printed form."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from kiosk.commands import validate
from kiosk.content.loader import load_gallery
from kiosk.content.model import THEMES
from tests.conftest import REPO

POSTER = "posters/extra.yaml"


def write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def errors_of(folder: Path) -> list[str]:
    return [str(p) for p in load_gallery(folder).problems if p.is_error]


def printed(folder: Path) -> list[str]:
    out = io.StringIO()
    validate.run(str(folder), out=out, err=io.StringIO())
    return out.getvalue().splitlines()


# (the poster file, the exact line printed, the line as the advice says to type it)
SYNTAX = [
    pytest.param(
        "id: extra\nkind: case\ntitle: Lisbon: a city of squares\n",
        "posters/extra.yaml:3:14: this title contains ': ', which YAML reads as the start of "
        'another key: put the whole title in quotes, title: "Lisbon: a city of squares"',
        ('title: "Lisbon: a city of squares"', 3),
        id="colon-in-title",
    ),
    pytest.param(
        "id: extra\nkind: case\ntitle: Extra\ncity: Lisbon\n  country: Portugal\n",
        "posters/extra.yaml:5:3: this line is indented more than line 4, which already has its "
        "value: start 'country' in column 1, under 'city'",
        ("country: Portugal", 5),
        id="indented-key",
    ),
    pytest.param(
        "id: extra\nkind: case\ntitle: Extra\nlessons:\n  - Ask first.\n - Listen.\n",
        "posters/extra.yaml:6:2: this '-' is in column 2, but the entry on line 5 starts in "
        "column 3: start every '-' of a list in the same column",
        ("  - Listen.", 6),
        id="bullet-under-indented",
    ),
    pytest.param(
        'id: extra\nkind: case\ntitle: Extra\nartwork: "images\\warwick-market.png"\n',
        "posters/extra.yaml:4:18: inside double quotes a backslash starts a special character, "
        "and \\w is not one: in a file path write / instead of \\ "
        '("images/warwick-market.png"); for a real backslash, put the text in single quotes',
        ('artwork: "images/wave.svg"', 4),
        id="backslash-in-path",
    ),
    pytest.param(
        "id: extra\nkind: case\ntitle: Extra\ncity:Lisboa\n",
        "posters/extra.yaml:4:6: a key needs a space after its colon: write city: Lisboa",
        ("city: Lisboa", 4),
        id="no-space-after-colon",
    ),
    pytest.param(
        'id: extra\nkind: case\ntitle: Extra\ntagline: "We said "yes" together"\n',
        'posters/extra.yaml:4:20: the text in quotes ends at the " before column 20, and more '
        "text follows it: put the whole text in single quotes, "
        "tagline: 'We said \"yes\" together'",
        ("tagline: 'We said \"yes\" together'", 4),
        id="quote-inside-quotes",
    ),
    pytest.param(
        "id: extra\nkind: case\ntitle: Extra\nlessons:\n  - Lesson: ask first\n",
        "posters/extra.yaml:5:5: the 1st lesson contains ': ' (Lesson: ask first), which YAML "
        'reads as a key and its value: put the whole text in quotes, "Lesson: ask first"',
        ('  - "Lesson: ask first"', 5),
        id="colon-in-a-bullet",
    ),
]


@pytest.mark.parametrize(("text", "message", "fix"), SYNTAX)
def test_each_common_yaml_mistake_is_said_in_plain_words_and_the_advice_works(
    mini_gallery: Path, text: str, message: str, fix: tuple[str, int]
) -> None:
    write(mini_gallery, POSTER, text)
    assert errors_of(mini_gallery) == [message]
    # typed as the message says, the line is right
    line, number = fix
    lines = text.splitlines()
    lines[number - 1] = line
    write(mini_gallery, POSTER, "\n".join(lines) + "\n")
    assert errors_of(mini_gallery) == []


def test_a_syntax_error_is_printed_with_its_line_and_a_caret_under_the_column(
    mini_gallery: Path,
) -> None:
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: Lisbon: a city\n")
    out = printed(mini_gallery)
    at = next(i for i, line in enumerate(out) if line.startswith(f"{POSTER}:3:14: "))
    assert out[at + 1 : at + 3] == ["    title: Lisbon: a city", "                 ^"]
    # the caret stands under the second colon, the column the message names
    assert out[at + 1][4:][14 - 1] == ":"


def test_places_are_counted_from_1_in_words(mini_gallery: Path) -> None:
    text = (mini_gallery / "gallery.yaml").read_text()
    write(
        mini_gallery,
        "gallery.yaml",
        text.replace(
            "posters: [harbour-intro, dock-cooperative]",
            "posters: [harbour-intro, dock-cooperative, harbour-intro, dock-cooperative, ghost]",
        ),
    )
    assert "gallery.yaml:16:77: the 5th poster names the poster 'ghost', which does not exist" in (
        errors_of(mini_gallery)
    )
    write(
        mini_gallery,
        POSTER,
        "id: extra\nkind: case\ntitle: Extra\nfacts:\n  - value: 1\n    label: one\n"
        "  - value: 2\n    label: [two]\n",
    )
    assert "posters/extra.yaml:8:5: the 2nd fact's label must be text, not a list" in (
        errors_of(mini_gallery)
    )


def test_no_python_spelling_reaches_a_message(mini_gallery: Path) -> None:
    write(
        mini_gallery,
        POSTER,
        "id: extra\nkind: case\ntitle: Extra\ntagline: 2019-05-07\ncountry: NO\n"
        "sections:\n  - heading: Work\n    kind: no\n",
    )
    errors = errors_of(mini_gallery)
    assert errors == [
        "posters/extra.yaml:4:1: tagline must be text, but YAML reads the unquoted 2019-05-07 "
        'as a date: put it in quotes, "2019-05-07"',
        "posters/extra.yaml:5:1: country must be text, but YAML reads the unquoted NO as false: "
        'put it in quotes, "NO"',
        "posters/extra.yaml:8:5: the 1st section's kind must be one of 'background', 'history', "
        "'approach', 'measures', 'outcomes', 'future', 'discussion' or 'other', not false",
    ]
    for line in errors:
        assert not re.search(r"datetime|\bFalse\b|\bTrue\b|\bNone\b", line), line


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml word/document.xml" * 4,
            "posters/extra.yaml: this looks like a Word document (.docx), not a text file: copy "
            "its text into a plain-text YAML file (in a text editor such as Notepad, saved as "
            "UTF-8)",
            id="docx",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "posters/extra.yaml: this looks like a Word document (.doc), not a text file: copy "
            "its text into a plain-text YAML file (in a text editor such as Notepad, saved as "
            "UTF-8)",
            id="doc",
        ),
        pytest.param(
            bytes(range(256)) * 8,
            "posters/extra.yaml: this is a binary file, not text: a content file is plain YAML "
            "text",
            id="binary",
        ),
        pytest.param(
            "id: extra\nkind: case\ntitle: Extra\n".encode("utf-16"),
            "posters/extra.yaml: the file is saved as UTF-16: save it as UTF-8 (in Notepad: "
            "File, Save as, Encoding: UTF-8)",
            id="utf16",
        ),
    ],
)
def test_a_file_that_is_not_text_is_said_so(mini_gallery: Path, data: bytes, message: str) -> None:
    write(mini_gallery, POSTER, data)
    assert errors_of(mini_gallery) == [message]


def test_a_stray_byte_that_is_not_utf8_is_pointed_at_and_the_rest_still_loads(
    mini_gallery: Path,
) -> None:
    write(mini_gallery, POSTER, b"id: extra\nkind: case\ntitle: Montr\xe9al\n")
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "posters/extra.yaml:3:13: byte 0xe9 is not UTF-8: the file was saved in another "
        "encoding; it was read as Windows-1252, which may show wrong letters: save it as UTF-8 "
        "(in Notepad: File, Save as, Encoding: UTF-8)"
    ]
    poster = result.gallery.poster("extra")
    assert poster is not None and str(poster.title) == "Montréal"


def test_a_clock_time_in_a_number_field_gets_advice_that_works(mini_gallery: Path) -> None:
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\nturn_seconds: 2:00\n')
    assert errors_of(mini_gallery) == [
        "fishbowl.yaml:2:15: turn_seconds is a number of seconds: YAML reads the unquoted 2:00 "
        "as 120 (it counts in sixties, as on a clock): write the number you mean, as plain digits"
    ]
    # quoting it (the advice for text fields) is not the way: the message says what to write
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\nturn_seconds: "2:00"\n')
    assert errors_of(mini_gallery) == [
        "fishbowl.yaml:2:1: turn_seconds must be a whole number of seconds, not the text '2:00': "
        "write 120 (without quotes) for 2:00"
    ]
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\nturn_seconds: 120\n')
    result = load_gallery(mini_gallery)
    assert result.errors == [] and result.gallery.fishbowl.turn_seconds == 120


def test_every_theme_name_the_message_points_to_is_in_the_docs(mini_gallery: Path) -> None:
    text = (mini_gallery / "gallery.yaml").read_text()
    write(mini_gallery, "gallery.yaml", text.replace("light_blue.xml", "light_bleu.xml"))
    assert errors_of(mini_gallery) == [
        "gallery.yaml:14:3: theme.name must be one of dark_amber.xml, dark_blue.xml, "
        "dark_cyan.xml, dark_lightgreen.xml or another of the 26 names listed in "
        "docs/content.md, not 'light_bleu.xml' (did you mean 'light_blue.xml'?)"
    ]
    docs = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    assert len(THEMES) == 26
    assert [t for t in THEMES if f"`{t}`" not in docs] == []


def test_fishbowl_rule_errors_are_each_at_their_own_line_all_in_one_run(
    mini_gallery: Path,
) -> None:
    write(
        mini_gallery,
        "fishbowl.yaml",
        'questions: ["Why?"]\ninner_chairs: 4\nempty_chairs: 4\nturn_seconds: 60\n'
        "warning_seconds: 90\n",
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.errors] == [
        "fishbowl.yaml:3:1: empty_chairs (4) must be fewer than inner_chairs (4)",
        "fishbowl.yaml:5:1: warning_seconds (90) must be less than turn_seconds (60)",
    ]
    # each wrong setting falls back alone; the rest of the preset applies
    preset = result.gallery.fishbowl
    assert (preset.inner_chairs, preset.empty_chairs) == (4, 1)
    assert (preset.turn_seconds, preset.warning_seconds) == (60, 30)


def test_a_rule_broken_by_a_default_points_at_the_setting_that_is_written(
    mini_gallery: Path,
) -> None:
    # warning_seconds is left at its default (30): the turn of 20 s is what the author wrote
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\nturn_seconds: 20\n')
    assert errors_of(mini_gallery) == [
        "fishbowl.yaml:2:1: warning_seconds (30) must be less than turn_seconds (20)"
    ]


def test_a_language_code_gone_wrong_is_not_taken_for_text_with_a_colon(
    mini_gallery: Path,
) -> None:
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: Extra\ntagline:\n  EN: Hello\n")
    assert errors_of(mini_gallery) == [
        "posters/extra.yaml:4:1: tagline has 'EN', which is not a language code like en or fr"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "id: extra\nkind: case\ntitle: Extra\nsections:\n  - heading: A\n   kind: other\n",
            "posters/extra.yaml:6:4: this line is not indented like the lines above it: to go "
            "with 'heading' on line 5, start 'kind' in column 5",
            id="key-between-two-levels",
        ),
        pytest.param(
            "id: extra\nkind: case\ntitle: Extra\n- A lesson\n",
            "posters/extra.yaml:4:1: this '- ' entry is not under a key: put it under the key "
            "of its list, indented more than that key",
            id="entry-without-its-key",
        ),
    ],
)
def test_indentation_slips_say_which_column(mini_gallery: Path, text: str, message: str) -> None:
    write(mini_gallery, POSTER, text)
    assert errors_of(mini_gallery) == [message]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_never_closed_names_the_quote_mark_used(mini_gallery: Path, quote: str) -> None:
    write(mini_gallery, POSTER, f"id: extra\nkind: case\ntitle: Extra\ntagline: {quote}open\n")
    assert errors_of(mini_gallery) == [
        f"posters/extra.yaml:4:10: the text that starts with {quote} here has no closing "
        f"{quote}: add {quote} at the end of the text"
    ]
