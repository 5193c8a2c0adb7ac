"""Sentences for reading aloud: where one ends, and where a full stop does not end one."""

from __future__ import annotations

import pytest

from kiosk.core.sentences import sentence_spans, sentences
from kiosk.ui.speech import highlighted_html, plain_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello there. Second one! Third?", ["Hello there.", "Second one!", "Third?"]),
        # an acronym with full stops, then a word in lower case: one sentence
        (
            "In partnership with GSEF, C.I.T.I.E.S. and SACN. It was the first.",
            ["In partnership with GSEF, C.I.T.I.E.S. and SACN.", "It was the first."],
        ),
        (
            "It grew 4.5 times, e.g. in Seoul. Then more.",
            ["It grew 4.5 times, e.g. in Seoul.", "Then more."],
        ),
        ("J. Smith spoke. Mr. Brown too.", ["J. Smith spoke.", "Mr. Brown too."]),
        ("“We sell together.” Then they did.", ["“We sell together.”", "Then they did."]),
        ("The CEO (SDA). Next", ["The CEO (SDA).", "Next"]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("**Bold first.** Then plain.", ["**Bold first.**", "Then plain."]),
        ("¿Qué es? ¡Esto!", ["¿Qué es?", "¡Esto!"]),
        ("   ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_point_into_the_text_without_the_spaces_between() -> None:
    text = "One.  Two three.\nFour"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["One.", "Two three.", "Four"]


def test_the_highlight_keeps_bold_and_marks_only_the_span() -> None:
    source = "A **bold claim** here. Next <one>."
    plain = plain_text(source)
    assert plain == "A bold claim here. Next <one>."
    a = plain.index("bold")
    b = plain.index(" here")
    out = highlighted_html(source, (a, b), "#00ff00", "#000000")
    assert out.startswith('A <b><span style="background-color:#00ff00; color:#000000">bold claim')
    assert "&lt;one&gt;" in out  # escaped: author text is never markup
    assert out.count("background-color") == 1


def test_an_unpaired_bold_mark_is_text() -> None:
    assert plain_text("5 ** 2 is not bold") == "5 ** 2 is not bold"
