"""The hostile-content corpus: each case is a change to the small test gallery (tests/fixtures/mini)
and the exact problems it must produce, as ``kiosk validate`` prints them (file:line:col: message).

A case writes its files into a copy of the gallery at test time (big files are made then, never
committed). Files outside the content folder that a case links to live in ``outside/`` beside
it: the tests check that nothing there is ever opened. Used by tests/hostile/test_corpus.py
(loader, ``kiosk validate``, the main window) and tests/hostile/measure.py (time and memory).
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.artwork import MAX_PIXELS
from kiosk.content.errors import one_line
from kiosk.content.yamlsafe import MAX_FILE_BYTES
from tests.conftest import FIXTURES
from tests.hostile import pictures

MINI = ("harbour-intro", "dock-cooperative")
EXTRA = "posters/extra.yaml"
Maker = Callable[[Path, Path], None]  # (content folder, outside folder)


@dataclass(frozen=True)
class Case:
    id: str
    make: Maker
    errors: tuple[str, ...]  # every error the loader must report: exactly these
    warnings: tuple[str, ...] = ()  # warnings that must be among the problems
    shows: tuple[str, ...] = MINI  # posters that must still show
    placeholder: tuple[str, ...] = ()  # posters that show with "Image unavailable"
    cli: bool = False  # in the representative subset run through `kiosk validate`
    tags: frozenset[str] = field(default_factory=frozenset)

    def build(self, root: Path) -> tuple[Path, Path]:
        """The case's gallery in ``root/content``; ``root/outside`` holds what it links to."""
        content, outside = root / "content", root / "outside"
        shutil.copytree(FIXTURES / "mini", content)
        outside.mkdir()
        (outside / "secret.yaml").write_text("id: secret\nkind: case\ntitle: Secret\n")
        (outside / "secret.png").write_bytes(pictures.png(8, 8))
        (outside / "secret.svg").write_bytes(pictures.SVG_OK)
        self.make(content, outside)
        return content, outside


def write(name: str, data: str | bytes) -> Maker:
    def make(content: Path, _outside: Path) -> None:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else textwrap.dedent(data).encode("utf-8"))

    return make


def both(*makers: Maker) -> Maker:
    def make(content: Path, outside: Path) -> None:
        for m in makers:
            m(content, outside)

    return make


def poster(art: str, extra: str = "") -> str:
    """A valid poster 'extra' whose artwork (line 4) is ``art``."""
    return f"id: extra\nkind: case\ntitle: Extra\nartwork: {art}\n{extra}"


def art_file(name: str, data: bytes | Callable[[Path], None], art: str | None = None) -> Maker:
    """images/<name> holding ``data`` (or made by a function), and the poster showing it."""

    def make(content: Path, outside: Path) -> None:
        path = content / "images" / name
        if callable(data):
            data(path)
        else:
            path.write_bytes(data)
        write(EXTRA, poster(art or f"images/{name}"))(content, outside)

    return make


def link(name: str, target: Callable[[Path, Path], Path]) -> Maker:
    def make(content: Path, outside: Path) -> None:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target(content, outside), path)

    return make


def fifo(name: str) -> Maker:
    def make(content: Path, _outside: Path) -> None:
        os.mkfifo(content / name)

    return make


def sparse(name: str, size: int, head: bytes) -> Maker:
    def make(content: Path, _outside: Path) -> None:
        with (content / name).open("wb") as fh:
            fh.write(head)
            fh.truncate(size)

    return make


def edit(name: str, old: str, new: str) -> Maker:
    def make(content: Path, _outside: Path) -> None:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    return make


def P(line: int, col: int, message: str, file: str = EXTRA) -> str:  # noqa: N802 - a table cell
    return f"{file}:{line}:{col}: {message}"


def W(line: int, col: int, message: str, file: str = EXTRA) -> str:  # noqa: N802
    return f"{file}:{line}:{col}: warning: {message}"


UNCLOSED = (
    "the list that starts with [ here is not closed, or its entries are not separated by commas: "
    "end it with ] on the same line, and put an entry that holds a comma, a colon or a bracket "
    "in quotes"
)
NOT_LISTED = W(
    1, 1, "the poster 'extra' is not in gallery.yaml's posters list; it is shown at the end"
)
WITH_EXTRA = (*MINI, "extra")


def alias_bomb() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# --- every field with the wrong type -------------------------------------------------------------
POSTER_TEMPLATE = """\
id: wrong-{n}
kind: case
title: Wrong {n}
city: A city
country: A country
tagline: A tagline
artwork: images/wave.svg
accent: "#123456"
sections:
  - heading: A heading
    kind: measures
    paragraphs: [A paragraph]
    bullets: [A bullet]
    artwork: images/wave.svg
    caption: A caption
facts:
  - value: 42
    unit: boats
    label: a label
    note: a note
    group: a group
lessons: [A lesson]
quotes: [skipper]
sources: [A source]
"""

# (line of the template, new value, column of the problem, message after "path ")
POSTER_FIELDS = [
    (1, "[a, b]", 1, "id must be an id of lower-case letters, digits and hyphens, not a list"),
    (2, "7", 1, "kind must be one of 'introduction', 'case', 'discussion' or 'poll', not 7"),
    (3, "[1, 2]", 1, "title must be text, not a list"),
    (4, "{a: b}", 1, "city has 'a', which is not a language code like en or fr"),
    (5, "[x]", 1, "country must be text, not a list"),
    (6, "{}", 1, "tagline is an empty language map"),
    (7, "[a.png]", 1, "artwork must be a file path, not a list"),
    (8, "123456", 1, "accent must be a colour like #1de9b6, not a whole number"),
    (9, "just text", 1, "sections must be a list, not text"),
    (10, "[h]", 5, "the 1st section's heading must be text, not a list"),
    (
        11,
        "true",
        5,
        "the 1st section's kind must be one of 'background', 'history', 'approach', "
        "'measures', 'outcomes', 'future', 'discussion' or 'other', not true",
    ),
    (12, "A paragraph", 5, "the 1st section's paragraphs must be a list, not text"),
    (
        13,
        "{x: y}",
        5,
        "the 1st section's bullets must be a list, not a mapping of keys to values",
    ),
    (14, "3", 5, "the 1st section's artwork must be a file path, not a whole number"),
    (15, "[c]", 5, "the 1st section's caption must be text, not a list"),
    (16, "{value: 1}", 1, "facts must be a list, not a mapping of keys to values"),
    (17, "true", 5, "the 1st fact's value must be a number or text, not true/false"),
    (18, "[kg]", 5, "the 1st fact's unit must be text, not a list"),
    (19, "{}", 5, "the 1st fact's label is an empty language map"),
    (20, "[n]", 5, "the 1st fact's note must be text, not a list"),
    (
        21,
        "2.5",
        5,
        "the 1st fact's group must be text, but YAML reads the unquoted 2.5 as the number "
        '2.5: put it in quotes, "2.5"',
    ),
    (22, "A lesson", 1, "lessons must be a list, not text"),
    (23, "skipper", 1, "quotes must be a list, not text"),
    (24, "{a: b}", 1, "sources must be a list, not a mapping of keys to values"),
]


def _wrong_posters(content: Path, _outside: Path) -> None:
    template = POSTER_TEMPLATE.splitlines()
    for n, (line, value, _col, _msg) in enumerate(POSTER_FIELDS):
        lines = template.copy()
        key, _, old = lines[line - 1].partition(":")
        lines[line - 1] = f"{key}: {value}"
        if not old.strip():  # a block below: the wrong value replaces all of it
            indent = len(key) - len(key.lstrip(" -"))
            while line < len(lines) and len(lines[line]) - len(lines[line].lstrip(" -")) > indent:
                del lines[line]
        text = "\n".join(lines).replace("{n}", str(n)) + "\n"
        (content / "posters" / f"wrong-{n:02d}.yaml").write_text(text, encoding="utf-8")


WRONG_POSTERS = tuple(
    P(line, col, msg, f"posters/wrong-{n:02d}.yaml")
    for n, (line, _v, col, msg) in enumerate(POSTER_FIELDS)
)

GALLERY_WRONG = """\
title: [Harbour, Futures]
subtitle: [x]
date: tomorrow
place: {x: y}
organisers: Harbour Society
credits: [Text]
languages: en
theme: light_blue.xml
posters: harbour-intro
idle: [30, 5]
attract:
  enabled: sometimes
  prompt: [Touch]
  seconds_per_slide: slow
carousel:
  words_per_second: fast
kiosk: "yes please"
reduced_motion: 2
"""
GALLERY_ERRORS = tuple(
    P(line, col, msg, "gallery.yaml")
    for line, col, msg in [
        (1, 1, "title must be text, not a list"),
        (2, 1, "subtitle must be text, not a list"),
        (3, 1, "date must be a date like 2017-06-19, not text"),
        (4, 1, "place has 'x', which is not a language code like en or fr"),
        (5, 1, "organisers must be a list, not text"),
        (6, 11, "the 1st credit must be a mapping of keys to values, not text"),
        (7, 1, "languages must be a list, not text"),
        (8, 1, "theme must be a mapping of keys to values, not text"),
        (9, 1, "posters must be a list, not text"),
        (10, 1, "idle must be a mapping of keys to values, not a list"),
        (12, 3, "attract.enabled must be true or false, not text"),
        (13, 3, "attract.prompt must be text, not a list"),
        (
            14,
            3,
            "attract.seconds_per_slide must be a number, not the text 'slow': write the number "
            "alone, without quotes or words",
        ),
        (
            16,
            3,
            "carousel.words_per_second must be a number, not the text 'fast': write the number "
            "alone, without quotes or words",
        ),
        (17, 1, "kiosk must be true or false, not text"),
        (18, 1, "reduced_motion must be true or false, not a whole number"),
    ]
)

QUOTES_WRONG = """\
quotes:
  - id: [one]
    text: Hello.
    speaker: A
  - id: two
    text: [Hello]
    speaker: B
  - id: three
    text: Hello.
    speaker: {}
  - id: four
    text: Hello.
    speaker: D
    role: [r]
  - id: five
    text: Hello.
    speaker: E
    organisation: [o]
  - id: six
    text: Hello.
    speaker: F
    city: [c]
  - id: seven
    text: Hello.
    speaker: G
    posters: dock-cooperative
  - id: eight
    text: Hello.
    speaker: H
    source: [s]
  - just a line of text
  - id: skipper
    text: We sell more when we sell together.
    speaker: A. Skipper
"""
QUOTES_ERRORS = tuple(
    P(line, col, msg, "quotes.yaml")
    for line, col, msg in [
        (
            2,
            5,
            "the 1st quote's id must be an id of lower-case letters, digits and hyphens, not a "
            "list",
        ),
        (6, 5, "the 2nd quote's text must be text, not a list"),
        (10, 5, "the 3rd quote's speaker is an empty language map"),
        (14, 5, "the 4th quote's role must be text, not a list"),
        (18, 5, "the 5th quote's organisation must be text, not a list"),
        (22, 5, "the 6th quote's city must be text, not a list"),
        (26, 5, "the 7th quote's posters must be a list, not text"),
        (30, 5, "the 8th quote's source must be text, not a list"),
        (31, 5, "the 9th quote must be a mapping of keys to values, not text"),
    ]
)

FISHBOWL_WRONG = """\
title: [t]
questions: What now?
inner_chairs: five
empty_chairs: 1.5
turn_seconds: [180]
session_minutes: {m: 45}
warning_seconds: "thirty"
chime: loud
rules: [r]
"""
FISHBOWL_ERRORS = tuple(
    P(line, 1, msg, "fishbowl.yaml")
    for line, msg in [
        (1, "title must be text, not a list"),
        (2, "questions must be a list, not text"),
        (
            3,
            "inner_chairs must be a whole number, not the text 'five': write the number alone, "
            "without quotes or words",
        ),
        (4, "empty_chairs must be a whole number, not 1.5"),
        (5, "turn_seconds must be a whole number, not a list"),
        (6, "session_minutes must be a whole number, not a mapping of keys to values"),
        (
            7,
            "warning_seconds must be a whole number of seconds, not the text 'thirty': write the "
            "number alone, without quotes or words",
        ),
        (8, "chime must be true or false, not text"),
        (9, "rules must be text, not a list"),
    ]
)


# --- SVG messages --------------------------------------------------------------------------------
def svg_refused(name: str, why: str) -> str:
    return P(4, 1, f"artwork '{name}' {why}")


SELF_CONTAINED = (
    "SVG artwork must be self-contained (embed pictures, no links to files or web addresses)"
)

# --- the corpus ----------------------------------------------------------------------------------
CASES: list[Case] = [
    # YAML that does not parse, or is not text
    Case(
        "syntax-unclosed",
        write(EXTRA, "id: extra\nkind: case\ntitle: [unclosed\n"),
        (
            P(
                3,
                8,
                UNCLOSED,
            ),
        ),
        cli=True,
    ),
    Case(
        "syntax-indent",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\n  tagline: x\n"),
        (
            P(
                4,
                3,
                "this line is indented more than line 3, which already has its value: start "
                "'tagline' in column 1, under 'title'",
            ),
        ),
    ),
    Case(
        "syntax-gallery-yaml",
        write("gallery.yaml", "title: Harbour\nposters: [a, b\n"),
        (
            P(
                2,
                10,
                UNCLOSED,
                "gallery.yaml",
            ),
        ),
    ),
    Case(
        "syntax-quotes-yaml",
        write("quotes.yaml", 'quotes:\n  - id: a\n    text: "open\n'),
        (
            P(
                3,
                11,
                'the text that starts with " here has no closing ": add " at the end of the text',
                "quotes.yaml",
            ),
            P(
                26,
                10,
                "the 1st quote names the quote 'skipper', which does not exist",
                "posters/dock.yaml",
            ),
        ),
    ),
    Case(
        "tab-indent",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\nsections:\n\t- heading: x\n"),
        (P(5, 1, "a tab is used for indentation: indent with spaces"),),
        cli=True,
    ),
    Case(
        "not-utf8",
        write(EXTRA, b"id: extra\nkind: case\ntitle: Caf\xe9\n"),
        (
            P(
                3,
                11,
                "byte 0xe9 is not UTF-8: the file was saved in another encoding; it was read as "
                "Windows-1252, which may show wrong letters: save it as UTF-8 (in Notepad: File, "
                "Save as, Encoding: UTF-8)",
            ),
        ),
        shows=WITH_EXTRA,  # the rest of the file still reads
        cli=True,
    ),
    Case(
        "utf16",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\n".encode("utf-16")),
        (
            "posters/extra.yaml: the file is saved as UTF-16: save it as UTF-8 (in Notepad: "
            "File, Save as, Encoding: UTF-8)",
        ),
    ),
    Case(
        "nul-character",
        write(EXTRA, b"id: extra\nkind: case\ntitle: Ex\x00tra\n"),
        (P(3, 10, "the character '\\x00' is not allowed in YAML"),),
    ),
    Case(
        "bom",
        write(EXTRA, b"\xef\xbb\xbfid: extra\nkind: case\ntitle: Extra\n"),
        (),
        warnings=(W(1, 1, "the file starts with a byte-order mark; it was ignored"), NOT_LISTED),
        shows=WITH_EXTRA,
    ),
    Case(
        "unusual-line-break",
        write(EXTRA, "id: extra\nkind: case\u2028title: Extra\n"),
        (),
        warnings=(
            "posters/extra.yaml: warning: line 2 ends with an unusual line break (U+2028) "
            "that YAML counts as a new line but many editors do not: the line numbers "
            "after it may not match your editor's; replace it with a plain line break",
            NOT_LISTED,
        ),
        shows=WITH_EXTRA,
    ),
    Case("empty-file", write(EXTRA, b""), ("posters/extra.yaml: the file is empty",), cli=True),
    Case("blank-file", write(EXTRA, b"\n   \n\n"), ("posters/extra.yaml: the file is empty",)),
    Case(
        "only-comments",
        write(EXTRA, b"# nothing here\n"),
        ("posters/extra.yaml: the file holds no content (only comments)",),
    ),
    Case(
        "empty-gallery-yaml",
        write("gallery.yaml", b""),
        ("gallery.yaml: the file is empty",),
        shows=("dock-cooperative", "harbour-intro"),
    ),
    Case(
        "20MB-file",
        sparse(EXTRA, 20 * 1024 * 1024, b"id: extra\n"),
        (
            f"posters/extra.yaml: the file is 20,971,520 bytes, over the limit of "
            f"{MAX_FILE_BYTES:,} bytes for one content file",
        ),
        cli=True,
    ),
    Case(
        "20MB-quotes-yaml",
        sparse("quotes.yaml", 20 * 1024 * 1024, b"quotes:\n"),
        (
            f"quotes.yaml: the file is 20,971,520 bytes, over the limit of {MAX_FILE_BYTES:,} "
            "bytes for one content file",
            P(
                26,
                10,
                "the 1st quote names the quote 'skipper', which does not exist",
                "posters/dock.yaml",
            ),
        ),
    ),
    # constructs that explode or run code
    Case(
        "alias-bomb",
        write(EXTRA, alias_bomb()),
        (P(2, 8, "aliases (*a) are not allowed: write the value out in full"),),
        cli=True,
    ),
    Case(
        "merge-key-alias",
        write(EXTRA, "base: &b {kind: case}\nid: extra\n<<: *b\ntitle: Extra\n"),
        (P(3, 5, "aliases (*b) are not allowed: write the value out in full"),),
    ),
    Case(
        "nesting-flow-10000",
        write(EXTRA, "x: " + "[" * 10000 + "]" * 10000 + "\n"),
        (P(1, 43, "the structure is nested more than 40 levels deep"),),
        cli=True,
    ),
    Case(
        "nesting-mapping-10000",
        write(EXTRA, "x: " + "{a: " * 10000 + "1" + "}" * 10000 + "\n"),
        (P(1, 157, "the structure is nested more than 40 levels deep"),),
    ),
    Case(
        "nesting-block-10000",
        write(EXTRA, "x:\n" + "- " * 10000 + "deep\n"),
        (P(2, 79, "the structure is nested more than 40 levels deep"),),
    ),
    Case(
        "python-object-apply",
        write(
            EXTRA,
            'id: extra\nkind: case\ntitle: !!python/object/apply:os.system ["touch /tmp/pwned"]\n',
        ),
        (
            P(
                3,
                8,
                "the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: "
                "content files hold plain data",
            ),
        ),
        cli=True,
    ),
    Case(
        "python-name",
        write(EXTRA, "id: extra\nkind: case\ntitle: !!python/name:os.system\n"),
        (
            P(
                3,
                8,
                "the tag tag:yaml.org,2002:python/name:os.system is not allowed: content "
                "files hold plain data",
            ),
        ),
    ),
    Case(
        "python-object-new",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\n"
            "sections: !!python/object/new:subprocess.Popen "
            "{args: [ls]}\n",
        ),
        (
            P(
                4,
                11,
                "the tag tag:yaml.org,2002:python/object/new:subprocess.Popen is not allowed: "
                "content files hold plain data",
            ),
        ),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "binary-set-local-tags",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: !!binary aGk=\n"
            "lessons: !!set {a, b}\ntagline: !mine x\n",
        ),
        (
            P(
                3,
                8,
                "the tag tag:yaml.org,2002:binary is not allowed: content files hold plain data",
            ),
            P(4, 10, "the tag tag:yaml.org,2002:set is not allowed: content files hold plain data"),
            P(5, 10, "the tag !mine is not allowed: content files hold plain data"),
        ),
    ),
    # every field with the wrong type
    # a slip in any optional field leaves its poster on screen, without that field; only a
    # wrong id, kind or title (required, lines 1 to 3) leaves the poster out
    Case(
        "wrong-type-every-poster-field",
        _wrong_posters,
        WRONG_POSTERS,
        shows=(*MINI, *(f"wrong-{n}" for n, row in enumerate(POSTER_FIELDS) if row[0] > 3)),
        cli=True,
    ),
    Case(
        "wrong-type-every-gallery-field",
        write("gallery.yaml", GALLERY_WRONG),
        GALLERY_ERRORS,
        shows=("dock-cooperative", "harbour-intro"),
    ),
    Case("wrong-type-every-quote-field", write("quotes.yaml", QUOTES_WRONG), QUOTES_ERRORS),
    Case(
        "wrong-type-every-fishbowl-field", write("fishbowl.yaml", FISHBOWL_WRONG), FISHBOWL_ERRORS
    ),
    Case(
        "top-level-list",
        write(EXTRA, "- a list\n- not a mapping\n"),
        (P(1, 1, "a poster file must be a mapping of keys to values, not a list"),),
    ),
    Case(
        "top-level-scalar-gallery",
        write("gallery.yaml", "just a title\n"),
        (P(1, 1, "gallery.yaml must be a mapping of keys to values, not text", "gallery.yaml"),),
        shows=("dock-cooperative", "harbour-intro"),
    ),
    Case(
        "number-too-long",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nfacts:\n"
            f"  - value: {'9' * 5000}\n    label: big\n",
        ),
        (
            P(
                5,
                12,
                one_line(
                    f"the value '{'9' * 5000}' cannot be read: Exceeds the limit (4300 "
                    "digits) for integer string conversion: value has 5000 digits; use "
                    "sys.set_int_max_str_digits() to increase the limit"
                ),
            ),
        ),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "number-infinite",
        write(
            EXTRA, "id: extra\nkind: case\ntitle: Extra\nfacts:\n  - value: .inf\n    label: big\n"
        ),
        (P(5, 5, "the 1st fact's value must be a finite number"),),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    # sizes that would freeze the kiosk while a poster page is built
    Case(
        "text-too-long",
        write(EXTRA, "id: extra\nkind: case\ntitle: " + "word " * 1200 + "\n"),
        (P(3, 1, "title is 5,999 characters long, over the limit of 5,000 for one text"),),
    ),
    Case(
        "text-too-long-in-a-language",
        write(EXTRA, "id: extra\nkind: case\ntitle:\n  en: Extra\n  fr: " + "mot " * 1500 + "\n"),
        (P(3, 1, "title in 'fr' is 5,999 characters long, over the limit of 5,000 for one text"),),
    ),
    Case(
        "too-many-facts",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nfacts:\n"
            + "".join(f"  - value: {i}\n    label: fact {i}\n" for i in range(1500)),
        ),
        (P(4, 1, "facts may have at most 60 entries"),),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "too-many-sections",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nsections:\n"
            + "".join(f"  - heading: Section {i}\n" for i in range(300)),
        ),
        (P(4, 1, "sections may have at most 40 entries"),),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "too-many-quotes",
        write(
            "quotes.yaml",
            "quotes:\n"
            + "".join(
                f"  - id: q{i}\n    text: Quote {i}.\n    speaker: Someone\n" for i in range(600)
            )
            + "  - id: skipper\n    text: Last.\n    speaker: A. Skipper\n",
        ),
        (
            P(
                1,
                1,
                "quotes has 601 entries, over the limit of 500: only the first 500 are read",
                "quotes.yaml",
            ),
        ),
        # 'skipper' is past the limit: the dock poster's mention of it follows that error
        warnings=(
            W(
                26,
                10,
                "because quotes.yaml has errors, 1 quote this poster names is left out",
                "posters/dock.yaml",
            ),
        ),
    ),
    # YAML 1.1 surprises
    Case(
        "yaml11-no",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\ntagline: NO\n"),
        (
            P(
                4,
                1,
                "tagline must be text, but YAML reads the unquoted NO as false: "
                'put it in quotes, "NO"',
            ),
        ),
        cli=True,
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "yaml11-norway",
        edit("gallery.yaml", "languages: [en, fr]", "languages: [en, no]"),
        (
            P(
                12,
                17,
                "the 2nd language must be text, but YAML reads the unquoted no as false: "
                'put it in quotes, "no"',
                "gallery.yaml",
            ),
        ),
    ),
    Case(
        "yaml11-float",
        write(
            EXTRA, "id: extra\nkind: case\ntitle: Extra\nfacts:\n  - value: 5\n    label: 1.10\n"
        ),
        (
            P(
                6,
                5,
                "the 1st fact's label must be text, but YAML reads the unquoted 1.10 as the "
                "number 1.1:"
                ' put it in quotes, "1.10"',
            ),
        ),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "yaml11-sexagesimal",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nfacts:\n  - value: 12:30\n    label: start\n",
        ),
        (
            P(
                5,
                12,
                'the unquoted 12:30 is read by YAML as the number 750: put it in quotes, "12:30"',
            ),
        ),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "yaml11-octal",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nfacts:\n  - value: 01234\n    label: code\n",
        ),
        (
            P(
                5,
                12,
                'the unquoted 01234 is read by YAML as the number 668: put it in quotes, "01234"',
            ),
        ),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "yaml11-id-number",
        write(EXTRA, "id: 2017\nkind: case\ntitle: Extra\n"),
        (
            P(
                1,
                1,
                "id must be text, but YAML reads the unquoted 2017 as the number 2017: "
                'put it in quotes, "2017"',
            ),
        ),
    ),
    Case(
        "yaml11-colour-comment",
        edit("gallery.yaml", 'accent: "#ff7043"', "accent: #ff7043"),
        (),
        warnings=(
            W(
                15,
                10,
                "this value is empty: YAML reads #ff7043 as a comment; put the "
                'colour in quotes, "#ff7043"',
                "gallery.yaml",
            ),
        ),
    ),
    # ids: duplicated, dangling
    Case(
        "duplicate-key",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\ntitle: Again\n"),
        (P(4, 1, "the key 'title' appears twice (first on line 3)"),),
        shows=WITH_EXTRA,  # the wrong field is left out; the poster shows
    ),
    Case(
        "duplicate-poster-id",
        write(EXTRA, "id: dock-cooperative\nkind: case\ntitle: Twin\n"),
        (P(1, 1, "the poster id 'dock-cooperative' is already used by posters/dock.yaml"),),
        cli=True,
    ),
    Case(
        "duplicate-quote-id",
        edit("quotes.yaml", "id: mayor", "id: skipper"),
        (P(9, 5, "the quote id 'skipper' is already used (line 2)", "quotes.yaml"),),
    ),
    Case(
        "duplicate-in-poster-order",
        edit(
            "gallery.yaml",
            "posters: [harbour-intro, dock-cooperative]",
            "posters: [harbour-intro, dock-cooperative, harbour-intro]",
        ),
        (P(16, 44, "the 3rd poster lists 'harbour-intro' a second time", "gallery.yaml"),),
    ),
    Case(
        "dangling-poster-in-order",
        edit(
            "gallery.yaml",
            "posters: [harbour-intro, dock-cooperative]",
            "posters: [harbour-intro, ghost, dock-cooperative]",
        ),
        (
            P(
                16,
                26,
                "the 2nd poster names the poster 'ghost', which does not exist",
                "gallery.yaml",
            ),
        ),
        cli=True,
    ),
    Case(
        "dangling-quote-in-poster",
        write(EXTRA, "id: extra\nkind: case\ntitle: Extra\nquotes: [skipper, nobody]\n"),
        (P(4, 19, "the 2nd quote names the quote 'nobody', which does not exist"),),
        warnings=(NOT_LISTED,),
        shows=WITH_EXTRA,
    ),
    Case(
        "dangling-poster-in-quote",
        edit("quotes.yaml", "posters: [harbour-intro]", "posters: [harbour-intro, ghost]"),
        (
            P(
                13,
                30,
                "the 2nd quote's 2nd poster names the poster 'ghost', which does not exist",
                "quotes.yaml",
            ),
        ),
    ),
    # files that are not plain files inside the folder
    Case(
        "poster-links-outside",
        link("posters/secret.yaml", lambda c, o: o / "secret.yaml"),
        ("posters/secret.yaml: is a link pointing outside the content folder: it was not read",),
        cli=True,
        tags=frozenset({"outside"}),
    ),
    Case(
        "gallery-yaml-links-outside",
        both(
            lambda c, o: (c / "gallery.yaml").unlink(),
            link("gallery.yaml", lambda c, o: o / "secret.yaml"),
        ),
        ("gallery.yaml: is a link pointing outside the content folder: it was not read",),
        shows=("dock-cooperative", "harbour-intro"),
        tags=frozenset({"outside"}),
    ),
    Case(
        "posters-folder-links-outside",
        both(
            lambda c, o: (o / "posters").mkdir(),
            lambda c, o: (o / "posters" / "secret.yaml").write_text(
                "id: s\nkind: case\ntitle: S\n"
            ),
            lambda c, o: shutil.rmtree(c / "posters"),
            link("posters", lambda c, o: o / "posters"),
        ),
        (
            "posters/: is a link pointing outside the content folder: it was not read",
            P(
                16,
                11,
                "the 1st poster names the poster 'harbour-intro', which does not exist",
                "gallery.yaml",
            ),
            P(
                16,
                26,
                "the 2nd poster names the poster 'dock-cooperative', which does not exist",
                "gallery.yaml",
            ),
            P(
                8,
                15,
                "the 1st quote's 1st poster names the poster 'dock-cooperative', which does not "
                "exist",
                "quotes.yaml",
            ),
            P(
                13,
                15,
                "the 2nd quote's 1st poster names the poster 'harbour-intro', which does not exist",
                "quotes.yaml",
            ),
        ),
        shows=(),
        tags=frozenset({"outside"}),
    ),
    Case(
        "poster-broken-link",
        link(EXTRA, lambda c, o: o / "nowhere.yaml"),
        ("posters/extra.yaml: is a broken link or cannot be looked up: it was not read",),
    ),
    Case(
        "poster-is-a-fifo",
        fifo(EXTRA),
        ("posters/extra.yaml: is not a regular file: it was not read",),
    ),
    Case(
        "poster-is-a-folder",
        lambda c, o: (c / EXTRA).mkdir(),
        ("posters/extra.yaml: is not a regular file: it was not read",),
    ),
    # artwork files
    Case(
        "art-missing",
        write(EXTRA, poster("images/missing.png")),
        (P(4, 1, "artwork file 'images/missing.png' not found in content/ or assets/"),),
        warnings=(NOT_LISTED,),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "art-zero-bytes",
        art_file("empty.png", b""),
        (P(4, 1, "artwork 'images/empty.png' is an empty file"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-truncated-png",
        art_file("cut.png", pictures.truncated(pictures.png(300, 200))),
        (
            P(
                4,
                1,
                "artwork 'images/cut.png' is cut short or damaged (the PNG file does not end "
                "where it should): export or copy it again",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "art-truncated-jpeg",
        art_file("cut.jpg", pictures.jpeg_header_only(800, 600)),
        (
            P(
                4,
                1,
                "artwork 'images/cut.jpg' is cut short or damaged (the JPEG file does not end "
                "where it should): export or copy it again",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-not-an-image",
        art_file("notes.png", b"These are my notes, not a picture.\n"),
        (P(4, 1, "artwork 'images/notes.png' is not a PNG image"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-gif-named-jpg",
        art_file("anim.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        (P(4, 1, "artwork 'images/anim.jpg' is not a JPG image"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-wrong-type",
        art_file("notes.txt", b"hello"),
        (
            P(
                4,
                1,
                "artwork 'images/notes.txt' is not an image type the app shows (.jpeg, .jpg, "
                ".png, .svg, .webp)",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-png-bomb-20000",
        art_file("bomb.png", pictures.png_bomb),
        (
            P(
                4,
                1,
                f"artwork 'images/bomb.png' is 20000×20000 pixels (400 megapixels), over the "
                f"limit of {MAX_PIXELS // 1_000_000} megapixels: save a smaller copy (3840 pixels "
                "wide is plenty for a 4K screen)",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
        tags=frozenset({"big"}),
    ),
    Case(
        "art-jpeg-bomb-header",
        art_file("huge.jpg", pictures.jpeg_header_only(30000, 30000) + b"\xff\xd9"),
        (
            P(
                4,
                1,
                f"artwork 'images/huge.jpg' is 30000×30000 pixels (900 megapixels), over the "
                f"limit of {MAX_PIXELS // 1_000_000} megapixels: save a smaller copy (3840 pixels "
                "wide is plenty for a 4K screen)",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "art-genuine-9000",
        art_file("big.png", pictures.big_png),
        (),
        warnings=(
            W(
                4,
                1,
                "artwork 'images/big.png' is 9000×9000 pixels (81 megapixels): it is "
                "scaled down each time it is shown, which is slow and takes up to 324 MB for "
                "a moment; a copy 3840 pixels wide looks the same",
            ),
        ),
        shows=WITH_EXTRA,
        tags=frozenset({"big"}),
    ),
    Case(
        "svg-entity-bomb",
        art_file("bomb.svg", pictures.SVG_ENTITY_BOMB),
        (
            svg_refused(
                "images/bomb.svg",
                "declares an entity (line 3 of the SVG): SVG artwork "
                "may not declare entities; remove the <!DOCTYPE ...> block",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "svg-external-http",
        art_file("web.svg", pictures.SVG_EXTERNAL_HTTP),
        (
            svg_refused(
                "images/web.svg",
                "refers to something outside the file, "
                "'http://example.com/tracker.png' (line 3 of the SVG): " + SELF_CONTAINED,
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "svg-external-file",
        art_file("file.svg", pictures.SVG_EXTERNAL_FILE),
        (
            svg_refused(
                "images/file.svg",
                "refers to something outside the file, "
                "'file:///etc/passwd' (line 3 of the SVG): " + SELF_CONTAINED,
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-external-absolute",
        art_file("abs.svg", pictures.SVG_EXTERNAL_ABSOLUTE),
        (
            svg_refused(
                "images/abs.svg",
                "refers to something outside the file, "
                "'/etc/hostname' (line 2 of the SVG): " + SELF_CONTAINED,
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-external-css",
        art_file("css.svg", pictures.SVG_EXTERNAL_CSS),
        (
            svg_refused(
                "images/css.svg",
                "refers to something outside the file, "
                "'http://example.com/paint.svg#p' (line 2 of the SVG): " + SELF_CONTAINED,
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-script",
        art_file("script.svg", pictures.SVG_SCRIPT),
        (
            svg_refused(
                "images/script.svg",
                "contains a script (line 3 of the SVG): the app does "
                "not run scripts in artwork; remove it",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "svg-onload",
        art_file("onload.svg", pictures.SVG_ONLOAD),
        (
            svg_refused(
                "images/onload.svg",
                "has an event handler, onload= (line 2 of the SVG): "
                "the app does not run scripts in artwork; remove it",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-use-bomb",
        art_file("uses.svg", pictures.svg_use_bomb(8)),
        (
            svg_refused(
                "images/uses.svg",
                "draws more than 50,000 elements once its <use> copies are counted: "
                "simplify it or save it as a PNG",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "svg-use-cycle",
        art_file(
            "cycle.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            b' viewBox="0 0 10 10">\n<g id="a">\n<use xlink:href="#b"/></g>\n'
            b'<g id="b"><use xlink:href="#a"/></g>\n</svg>\n',
        ),
        (
            svg_refused(
                "images/cycle.svg",
                "refers to itself in a loop, through the <g> on line 4 (line 3 of the SVG): "
                "remove the reference",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-not-svg",
        art_file("plain.svg", b"just some words\n"),
        (P(4, 1, "artwork 'images/plain.svg' is not an SVG file"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-utf16",
        art_file("wide.svg", pictures.SVG_OK.decode().encode("utf-16")),
        (P(4, 1, "artwork 'images/wide.svg' is not an SVG file"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "svg-too-big",
        art_file("huge.svg", pictures.SVG_OK[:-7] + b" " * (6 * 1024 * 1024) + b"</svg>\n"),
        (
            P(
                4,
                1,
                "artwork 'images/huge.svg' is over 5 MB, the limit for an SVG: simplify it or "
                "save it as a PNG",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "section-artwork-bad",
        write(
            EXTRA,
            "id: extra\nkind: case\ntitle: Extra\nsections:\n"
            "  - heading: One\n    artwork: images/nope.svg\n",
        ),
        (
            P(
                6,
                5,
                "the 1st section's artwork file 'images/nope.svg' not found in content/ or assets/",
            ),
        ),
        warnings=(NOT_LISTED,),
        shows=WITH_EXTRA,
    ),
    # artwork paths
    Case(
        "path-absolute",
        write(EXTRA, poster("/etc/passwd.png")),
        (P(4, 1, "artwork is an absolute path: give a path relative to the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "path-dotdot",
        write(EXTRA, poster("../outside/secret.png")),
        (P(4, 1, "artwork uses '..': artwork must stay inside the content or assets folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "path-dotdot-inner",
        write(EXTRA, poster("images/../../outside/secret.png")),
        (P(4, 1, "artwork uses '..': artwork must stay inside the content or assets folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-dotdot-backslash",
        write(EXTRA, poster("'..\\outside\\secret.png'")),
        (P(4, 1, "artwork uses '..': artwork must stay inside the content or assets folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-windows-drive",
        write(EXTRA, poster("'C:\\Users\\me\\secret.png'")),
        (P(4, 1, "artwork is a Windows drive path: give a path inside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "path-drive-relative",
        write(EXTRA, poster("'D:secret.png'")),
        (P(4, 1, "artwork is a Windows drive path: give a path inside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-unc",
        write(EXTRA, poster("'\\\\server\\share\\secret.png'")),
        (P(4, 1, "artwork is a network (UNC) path: give a path inside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
    ),
    Case(
        "path-unc-slashes",
        write(EXTRA, poster("//server/share/secret.png")),
        (P(4, 1, "artwork is a network (UNC) path: give a path inside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-url",
        write(EXTRA, poster("https://example.com/secret.png")),
        (
            P(
                4,
                1,
                "artwork is a web address or URL: the app shows only files inside the content "
                "folder (it runs offline)",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-file-url",
        write(EXTRA, poster("file:///etc/secret.png")),
        (
            P(
                4,
                1,
                "artwork is a web address or URL: the app shows only files inside the content "
                "folder (it runs offline)",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-nul",
        write(EXTRA, poster('"images/wave\\0.svg"')),
        (P(4, 1, "artwork contains a NUL character"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-very-long",
        write(EXTRA, poster("images/" + "a" * 5000 + ".png")),
        (P(4, 1, "artwork is 5,011 characters long: give a short path inside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-long-component",
        write(EXTRA, poster("images/" + "a" * 300 + ".png")),
        (
            P(
                4,
                1,
                "artwork 'images/" + "a" * 300 + ".png' cannot be looked up: File name too long",
            ),
        ),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-link-outside",
        both(
            link("images/secret.png", lambda c, o: o / "secret.png"),
            write(EXTRA, poster("images/secret.png")),
        ),
        (P(4, 1, "artwork 'images/secret.png' points outside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        cli=True,
        tags=frozenset({"outside"}),
    ),
    Case(
        "path-folder-link-outside",
        both(link("gallery-art", lambda c, o: o), write(EXTRA, poster("gallery-art/secret.svg"))),
        (P(4, 1, "artwork 'gallery-art/secret.svg' points outside the content folder"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
        tags=frozenset({"outside"}),
    ),
    Case(
        "path-link-loop",
        both(
            link("images/a.png", lambda c, o: c / "images" / "b.png"),
            link("images/b.png", lambda c, o: c / "images" / "a.png"),
            write(EXTRA, poster("images/a.png")),
        ),
        (P(4, 1, "artwork 'images/a.png' is a broken link"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-is-a-folder",
        both(
            lambda c, o: (c / "images" / "dir.png").mkdir(), write(EXTRA, poster("images/dir.png"))
        ),
        (P(4, 1, "artwork 'images/dir.png' is not a file"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
    Case(
        "path-is-a-fifo",
        both(fifo("images/pipe.png"), write(EXTRA, poster("images/pipe.png"))),
        (P(4, 1, "artwork 'images/pipe.png' is not a file"),),
        shows=WITH_EXTRA,
        placeholder=("extra",),
    ),
]

BY_ID = {case.id: case for case in CASES}
assert len(BY_ID) == len(CASES), "case ids must be unique"
