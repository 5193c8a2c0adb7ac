"""The loader and validator: every class of error gets its file, line, column and sentence,
and the valid rest of the gallery still loads."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from kiosk.content.loader import load_gallery
from kiosk.content.text import LocalText
from kiosk.content.yamlsafe import MAX_FILE_BYTES

POSTER = "posters/extra.yaml"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = textwrap.dedent(text).encode("utf-8")
    path.write_bytes(text)
    return path


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_gallery(folder).problems]


def test_mini_gallery_loads_clean(mini_gallery: Path) -> None:
    result = load_gallery(mini_gallery)
    assert result.problems == []
    g = result.gallery
    assert [p.id for p in g.posters] == ["harbour-intro", "dock-cooperative"]
    assert g.text(g.settings.title) == "Harbour Futures"
    assert g.text(g.settings.title, "fr") == "Avenir du port"
    assert g.text(g.posters[1].title, "fr") == "The Dock Cooperative"  # no fr: falls back
    assert g.posters[1].facts[0].value_text() == "42"
    assert g.posters[1].facts[1].value_text() == "1,200"
    assert g.posters[0].artwork.path == (mini_gallery / "images/wave.svg").resolve()
    assert [q.id for q in g.quotes_for("dock-cooperative")] == ["skipper"]
    assert [q.id for q in g.quotes_for("harbour-intro")] == ["mayor"]
    assert g.fishbowl.inner_chairs == 4 and g.fishbowl.chime is False
    assert str(g.settings.date) == "2024-05-04"


# (file, content, the exact line expected among the problems)
BAD_POSTERS = [
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 1
            label: fine
          - label: broken
            value: [1, 2]
        """,
        "posters/extra.yaml:8:5: the 2nd fact's value must be a number or text, not a list",
        id="fact-value-list",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        """,
        "posters/extra.yaml:1:1: the file needs the key 'title'",
        id="missing-required",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 3
        """,
        "posters/extra.yaml:5:5: the 1st fact needs the key 'label'",
        id="missing-nested",
    ),
    pytest.param(
        """\
        id: extra
        kind: cas
        title: Extra
        """,
        "posters/extra.yaml:2:1: kind must be one of 'introduction', 'case', 'discussion' or "
        "'poll', not 'cas' (did you mean 'case'?)",
        id="bad-enum",
    ),
    pytest.param(
        """\
        id: Extra Poster
        kind: case
        title: Extra
        """,
        "posters/extra.yaml:1:1: id 'Extra Poster' is not an id of lower-case letters, digits and "
        "hyphens",
        id="bad-id",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        tagline: NO
        """,
        "posters/extra.yaml:4:1: tagline must be text, but YAML reads the unquoted NO as false: "
        'put it in quotes, "NO"',
        id="yaml11-no",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 5
            label: 1.10
        """,
        "posters/extra.yaml:6:5: the 1st fact's label must be text, but YAML reads the unquoted "
        '1.10 as the number 1.1: put it in quotes, "1.10"',
        id="yaml11-float",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 12:30
            label: start
        """,
        "posters/extra.yaml:5:12: the unquoted 12:30 is read by YAML as the number 750: "
        'put it in quotes, "12:30"',
        id="yaml11-sexagesimal",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 01234
            label: code
        """,
        "posters/extra.yaml:5:12: the unquoted 01234 is read by YAML as the number 668: "
        'put it in quotes, "01234"',
        id="yaml11-octal",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title:
          en: Extra
          xx-!: Bad
        """,
        "posters/extra.yaml:3:1: title has 'xx-!', which is not a language code like en or fr",
        id="bad-language-code",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: ""
        """,
        "posters/extra.yaml:3:1: title is empty",
        id="empty-text",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        sections: {heading: x}
        """,
        "posters/extra.yaml:4:1: sections must be a list, not a mapping of keys to values",
        id="mapping-for-list",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        title: Again
        """,
        "posters/extra.yaml:4:1: the key 'title' appears twice (first on line 3)",
        id="duplicate-key",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: [unclosed
        """,
        "posters/extra.yaml:3:8: the list that starts with [ here is not closed, or its entries "
        "are not separated by commas: end it with ] on the same line, and put an entry that "
        "holds a comma, a colon or a bracket in quotes",
        id="syntax",
    ),
    pytest.param(
        "id: extra\nkind: case\ntitle: Extra\nsections:\n\t- heading: x\n",
        "posters/extra.yaml:5:1: a tab is used for indentation: indent with spaces",
        id="tab",
    ),
    pytest.param(
        b"id: extra\nkind: case\ntitle: Caf\xe9\n",
        "posters/extra.yaml:3:11: byte 0xe9 is not UTF-8: the file was saved in another encoding; "
        "it was read as Windows-1252, which may show wrong letters: save it as UTF-8 (in Notepad: "
        "File, Save as, Encoding: UTF-8)",
        id="not-utf8",
    ),
    pytest.param(b"", "posters/extra.yaml: the file is empty", id="empty-file"),
    pytest.param(
        b"# only a comment\n",
        "posters/extra.yaml: the file holds no content (only comments)",
        id="only-comments",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: &t Extra
        tagline: *t
        """,
        "posters/extra.yaml:4:10: aliases (*t) are not allowed: write the value out in full",
        id="alias",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: !!python/object:os.system echo
        """,
        "posters/extra.yaml:3:8: the tag tag:yaml.org,2002:python/object:os.system is not "
        "allowed: content files hold plain data",
        id="python-tag",
    ),
    pytest.param(
        "- a list\n- not a mapping\n",
        "posters/extra.yaml:1:1: a poster file must be a mapping of keys to values, not a list",
        id="top-level-list",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        artwork: /etc/passwd.png
        """,
        "posters/extra.yaml:4:1: artwork is an absolute path: give a path relative to the "
        "content folder",
        id="artwork-absolute",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        artwork: ../../outside.png
        """,
        "posters/extra.yaml:4:1: artwork uses '..': artwork must stay inside the content or "
        "assets folder",
        id="artwork-dotdot",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        artwork: 'C:\\Users\\x.png'
        """,
        "posters/extra.yaml:4:1: artwork is a Windows drive path: give a path inside the "
        "content folder",
        id="artwork-drive",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        artwork: '\\\\server\\share\\x.png'
        """,
        "posters/extra.yaml:4:1: artwork is a network (UNC) path: give a path inside the "
        "content folder",
        id="artwork-unc",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        artwork: images/missing.svg
        """,
        "posters/extra.yaml:4:1: artwork file 'images/missing.svg' not found in content/",
        id="artwork-missing",
    ),
    pytest.param(
        """\
        id: extra
        kind: case
        title: Extra
        quotes: [skipper, nobody]
        """,
        "posters/extra.yaml:4:19: the 2nd quote names the quote 'nobody', which does not exist",
        id="dangling-quote",
    ),
    pytest.param(
        """\
        id: dock-cooperative
        kind: case
        title: Twin
        """,
        "posters/extra.yaml:1:1: the poster id 'dock-cooperative' is already used by "
        "posters/dock.yaml",
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BAD_POSTERS)
def test_bad_poster_is_reported_precisely(
    mini_gallery: Path, content: str | bytes, expected: str
) -> None:
    write(mini_gallery, POSTER, content)
    result = load_gallery(mini_gallery)
    assert expected in [str(p) for p in result.problems]
    # the other posters still load
    assert {"harbour-intro", "dock-cooperative"} <= {p.id for p in result.gallery.posters}


def test_poster_with_errors_is_left_out_and_rest_loads(mini_gallery: Path) -> None:
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: [1, 2]\n")
    result = load_gallery(mini_gallery)
    assert not result.ok
    assert "extra" not in [p.id for p in result.gallery.posters]
    assert len(result.gallery.posters) == 2


def test_all_errors_of_a_file_in_one_pass(mini_gallery: Path) -> None:
    write(
        mini_gallery,
        POSTER,
        """\
        id: extra
        kind: nope
        title: Extra
        titel: typo
        facts:
          - value: [1]
            label: a
          - value: 12:30
            label: NO
        """,
    )
    lines = problems_of(mini_gallery)
    mine = [line for line in lines if line.startswith(POSTER)]
    assert [line.split(": ")[0] for line in mine] == [
        "posters/extra.yaml:2:1",
        "posters/extra.yaml:4:1",
        "posters/extra.yaml:6:5",
        "posters/extra.yaml:8:12",
        "posters/extra.yaml:9:5",
    ]
    assert "posters/extra.yaml:4:1: warning: unknown key 'titel' in the file" not in mine
    assert (
        "posters/extra.yaml:4:1: warning: unknown key 'titel' (did you mean 'title'?); "
        "it is ignored" in mine
    )


def test_unknown_key_is_a_warning_and_the_poster_still_loads(mini_gallery: Path) -> None:
    write(
        mini_gallery,
        POSTER,
        """\
        id: extra
        kind: case
        title: Extra
        facts:
          - value: 1
            lable: typo
            label: ok
        """,
    )
    result = load_gallery(mini_gallery)
    assert result.ok
    assert [str(p) for p in result.problems if p.file == POSTER] == [
        "posters/extra.yaml:6:5: warning: unknown key 'lable' in the 1st fact (did you mean "
        "'label'?); it is ignored",
        "posters/extra.yaml:1:1: warning: the poster 'extra' is not in gallery.yaml's posters "
        "list; it is shown at the end",
    ][::-1]
    assert [p.id for p in result.gallery.posters][-1] == "extra"


def test_artwork_link_pointing_outside_is_refused(mini_gallery: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    os.symlink(outside, mini_gallery / "images" / "link.svg")
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: Extra\nartwork: images/link.svg\n")
    assert (
        "posters/extra.yaml:4:1: artwork 'images/link.svg' points outside the content folder"
        in problems_of(mini_gallery)
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.png", b"", "'images/empty.png' is an empty file"),
        ("fake.png", b"GIF89a not a png at all", "'images/fake.png' is not a PNG image"),
        ("fake.svg", b"just words", "'images/fake.svg' is not an SVG file"),
        ("notes.txt", b"hello", "'images/notes.txt' is not an image type the app shows"),
    ],
)
def test_bad_artwork_files(mini_gallery: Path, name: str, data: bytes, message: str) -> None:
    (mini_gallery / "images" / name).write_bytes(data)
    write(mini_gallery, POSTER, f"id: extra\nkind: case\ntitle: Extra\nartwork: images/{name}\n")
    result = load_gallery(mini_gallery)
    found = [str(p) for p in result.problems if p.file == POSTER and p.is_error]
    assert len(found) == 1 and found[0].startswith(f"posters/extra.yaml:4:1: artwork {message}")
    # a broken image drops only the image: the poster still shows, with a placeholder
    extra = result.gallery.poster("extra")
    assert extra is not None and extra.artwork.path is None


def test_artwork_found_in_assets_folder(mini_gallery: Path, tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "art").mkdir(parents=True)
    (assets / "art" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: Extra\nartwork: art/a.svg\n")
    result = load_gallery(mini_gallery, assets)
    assert result.gallery.poster("extra").artwork.path == (assets / "art" / "a.svg").resolve()


def test_file_over_size_cap_is_refused_without_reading_it(mini_gallery: Path) -> None:
    big = mini_gallery / POSTER
    with big.open("wb") as fh:
        fh.write(b"id: extra\n")
        fh.truncate(20 * 1024 * 1024)
    lines = problems_of(mini_gallery)
    assert (
        f"posters/extra.yaml: the file is 20,971,520 bytes, over the limit of "
        f"{MAX_FILE_BYTES:,} bytes for one content file"
    ) in lines


def test_alias_bomb_is_refused(mini_gallery: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    write(mini_gallery, POSTER, bomb)
    assert (
        "posters/extra.yaml:2:8: aliases (*a) are not allowed: write the value out in full"
        in problems_of(mini_gallery)
    )


def test_deep_nesting_is_refused(mini_gallery: Path) -> None:
    write(mini_gallery, POSTER, "x: " + "[" * 10000 + "]" * 10000 + "\n")
    lines = [line for line in problems_of(mini_gallery) if line.startswith(POSTER)]
    assert len(lines) == 1
    assert "nested more than 40 levels deep" in lines[0]


def test_byte_order_mark_is_a_warning(mini_gallery: Path) -> None:
    write(mini_gallery, POSTER, b"\xef\xbb\xbfid: extra\nkind: case\ntitle: Extra\n")
    result = load_gallery(mini_gallery)
    assert (
        "posters/extra.yaml:1:1: warning: the file starts with a byte-order mark; it was "
        "ignored" in [str(p) for p in result.problems]
    )
    assert result.gallery.poster("extra") is not None


def test_gallery_order_names_missing_poster(mini_gallery: Path) -> None:
    text = (mini_gallery / "gallery.yaml").read_text()
    (mini_gallery / "gallery.yaml").write_text(
        text.replace(
            "posters: [harbour-intro, dock-cooperative]",
            "posters: [harbour-intro, ghost, dock-cooperative]",
        )
    )
    lines = problems_of(mini_gallery)
    assert (
        "gallery.yaml:16:26: the 2nd poster names the poster 'ghost', which does not exist"
    ) in lines


def test_broken_setting_falls_back_and_rest_of_gallery_yaml_applies(mini_gallery: Path) -> None:
    text = (mini_gallery / "gallery.yaml").read_text()
    (mini_gallery / "gallery.yaml").write_text(
        text.replace("timeout_seconds: 30", "timeout_seconds: soon")
    )
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.problems] == [
        "gallery.yaml:18:3: idle.timeout_seconds must be a whole number of seconds, not the "
        "text 'soon': write the number alone, without quotes or words"
    ]
    s = result.gallery.settings
    assert s.idle.timeout_seconds == 90  # the default
    assert s.theme.name == "light_blue.xml"  # the rest still applies
    assert result.gallery.text(s.title) == "Harbour Futures"


def test_missing_gallery_yaml_still_shows_posters(mini_gallery: Path) -> None:
    (mini_gallery / "gallery.yaml").unlink()
    result = load_gallery(mini_gallery)
    assert "gallery.yaml: the file is missing" in [str(p) for p in result.problems]
    assert len(result.gallery.posters) == 2


def test_quote_problems(mini_gallery: Path) -> None:
    write(
        mini_gallery,
        "quotes.yaml",
        """\
        quotes:
          - id: one
            text: Hello.
            speaker: A
            posters: [ghost]
          - id: one
            text: Again.
            speaker: B
          - id: two
            speaker: C
        """,
    )
    result = load_gallery(mini_gallery)
    lines = [str(p) for p in result.problems]
    assert (
        "quotes.yaml:5:15: the 1st quote's 1st poster names the poster 'ghost', which does not "
        "exist" in lines
    )
    assert "quotes.yaml:6:5: the quote id 'one' is already used (line 2)" in lines
    assert "quotes.yaml:9:5: the 3rd quote needs the key 'text'" in lines
    assert [q.id for q in result.gallery.quotes] == ["one"]
    # the dock poster lists 'skipper', which is gone now
    assert (
        "posters/dock.yaml:26:10: the 1st quote names the quote 'skipper', which does not "
        "exist" in lines
    )


def test_fishbowl_rules_across_fields(mini_gallery: Path) -> None:
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\ninner_chairs: 3\nempty_chairs: 3\n')
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.problems] == [
        "fishbowl.yaml:3:1: empty_chairs (3) must be fewer than inner_chairs (3)"
    ]
    # the field at fault falls back to its default; the rest of the preset applies
    assert result.gallery.fishbowl.inner_chairs == 3
    assert result.gallery.fishbowl.empty_chairs == 1


def test_fishbowl_general_guidance_loads(mini_gallery: Path) -> None:
    write(
        mini_gallery,
        "fishbowl.yaml",
        """\
        questions: ["Why?"]
        inner_chairs: 4
        rules: The source's own rule.
        general_guidance:
          heading: {en: Our guidance, fr: Nos conseils}
          rules: Take the empty chair to speak.
          settings: [inner_chairs, chime]
        """,
    )
    result = load_gallery(mini_gallery)
    assert result.problems == []
    preset = result.gallery.fishbowl
    guidance = preset.general_guidance
    assert guidance is not None
    assert guidance.heading.get("fr") == "Nos conseils"
    assert str(guidance.rules) == "Take the empty chair to speak."
    assert guidance.settings == ("inner_chairs", "chime")
    assert str(preset.rules) == "The source's own rule."  # kept apart from the guidance


def test_fishbowl_general_guidance_defaults_to_none_and_to_a_plain_heading(
    mini_gallery: Path,
) -> None:
    assert load_gallery(mini_gallery).gallery.fishbowl.general_guidance is None
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\ngeneral_guidance: {}\n')
    guidance = load_gallery(mini_gallery).gallery.fishbowl.general_guidance
    assert guidance is not None and guidance.settings == () and guidance.rules is None
    assert str(guidance.heading) == "General guidance (not from the source)"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "general_guidance: true\n",
            "fishbowl.yaml:3:1: general_guidance must be a mapping of keys to values, not "
            "true/false",
            id="flag",
        ),
        pytest.param(
            "general_guidance:\n  settings: [chairs]\n",
            "fishbowl.yaml:4:14: general_guidance's 1st setting must be one of 'inner_chairs', "
            "'empty_chairs', 'turn_seconds', 'session_minutes', 'warning_seconds' or 'chime', "
            "not 'chairs' (did you mean 'inner_chairs'?)",
            id="unknown-setting",
        ),
        pytest.param(
            "general_guidance:\n  settings: [chime, turn_seconds, chime]\n",
            "fishbowl.yaml:4:3: general_guidance.settings: 'chime' is listed more than once",
            id="twice",
        ),
        pytest.param(
            "general_guidance:\n  settings: chime\n",
            "fishbowl.yaml:4:3: general_guidance.settings must be a list, not text",
            id="not-a-list",
        ),
        pytest.param(
            "general_guidance:\n  rules: ''\n",
            "fishbowl.yaml:4:3: general_guidance.rules is empty",
            id="empty-rules",
        ),
    ],
)
def test_fishbowl_general_guidance_errors(mini_gallery: Path, body: str, expected: str) -> None:
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\ninner_chairs: 4\n' + body)
    result = load_gallery(mini_gallery)
    assert [str(p) for p in result.problems] == [expected]
    # only the broken key (or list entry) falls back: the rest of the preset still applies
    assert result.gallery.fishbowl.inner_chairs == 4
    guidance = result.gallery.fishbowl.general_guidance
    if "general_guidance must be" in expected:
        assert guidance is None
    else:
        assert guidance is not None and guidance.settings == () and guidance.rules is None


def test_fishbowl_general_guidance_unknown_key_is_a_warning(mini_gallery: Path) -> None:
    write(mini_gallery, "fishbowl.yaml", 'questions: ["Why?"]\ngeneral_guidance:\n  rule: x\n')
    assert problems_of(mini_gallery) == [
        "fishbowl.yaml:3:3: warning: unknown key 'rule' in general_guidance (did you mean "
        "'rules'?); it is ignored"
    ]


def test_language_map_without_default_language_warns(mini_gallery: Path) -> None:
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle:\n  fr: Seulement\n")
    lines = problems_of(mini_gallery)
    assert (
        "posters/extra.yaml:3:1: warning: title has no 'en' text, the gallery's default "
        "language" in lines
    )


def test_local_text_resolution() -> None:
    text = LocalText((("en", "Hello"), ("fr", "Bonjour")))
    assert text.get("fr") == "Bonjour"
    assert text.get("de", "en") == "Hello"
    assert text.get("de", "es") == "Hello"  # first given
    assert LocalText.plain("Same").get("fr", "en") == "Same"


def test_every_error_of_a_long_file_is_reported(mini_gallery: Path) -> None:
    """Thousands of errors in one file all come back (the time it takes is a benchmark's)."""
    facts = "".join(f"  - value: [{i}]\n    label: x{i}\n" for i in range(2000))
    write(mini_gallery, POSTER, "id: extra\nkind: case\ntitle: Extra\nfacts:\n" + facts)
    result = load_gallery(mini_gallery)
    mine = [p for p in result.problems if p.file == POSTER and p.is_error]
    assert len(mine) == 2000
    assert str(mine[-1]) == (
        "posters/extra.yaml:4003:5: the 2000th fact's value must be a number or text, not a list"
    )
