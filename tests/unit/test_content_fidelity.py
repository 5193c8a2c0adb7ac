"""The shipped content says what the report says, no more: issue 24's points, pinned.

The default content retells the UCLG report "Vital Neighborhoods in Metropolitan Cities" (peer
learning #21, Montreal, June 2017). A sentence-by-sentence check found a quote given to the wrong
speaker, figures dated "today" (which a visitor reads as the day they stand at the kiosk), the
app's general fishbowl guidance shown as if it came from the report, and a few small shifts of
meaning. These tests keep them fixed.

Like test_default_content_figures.py, they read the YAML with ``yaml.safe_load`` (independently
of the app's loader) and compare it with the report itself where the report is at hand.
"""

from __future__ import annotations

import pytest

from tests.unit.test_default_content_figures import CONTENT, REPORT, load, normalise

REPO = CONTENT.parent
ASSETS = REPO / "assets"


def en(value: object) -> str:
    """The English text of a text field (a plain string, or a map of languages)."""
    if isinstance(value, dict):
        return str(value["en"])
    return str(value)


def report_lines() -> list[str]:
    if not REPORT.is_file():
        pytest.skip(f"the source report is not beside the repository: {REPORT}")
    return REPORT.read_text(encoding="utf-8").splitlines()


def quotes() -> list[dict]:
    return load(CONTENT / "quotes.yaml")["quotes"]


# --- 1. the Technopole Angus quote's speaker -------------------------------------------------

ENVIRONMENT = "The concern for the environment must not be translated into measures"


def test_the_environment_quote_is_the_ceos_and_its_note_gives_the_reasoning() -> None:
    (quote,) = [q for q in quotes() if en(q["text"]).startswith(ENVIRONMENT)]
    assert en(quote["speaker"]) == "Christian Yaccarini"
    assert en(quote["role"]) == "CEO of SDA"
    assert "montreal-technopole-angus" in quote["posters"]
    note = normalise(en(quote["source"]))
    # the layout argument, and the name that stood before the quote, are on record
    for words in (
        "says the CEO",
        "Christian Yaccarini, CEO of SDA",
        "Alexandre Taillefer",
        "photo caption",
    ):
        assert words in note, words
    assert not [q["id"] for q in quotes() if "Taillefer" in en(q["speaker"])]


def _following_name(lines: list[str], text: str) -> tuple[str, str]:
    """The report's paragraph holding ``text``, and the first non-blank line after it."""
    needle = normalise(text)[:60]
    (at,) = [i for i, line in enumerate(lines) if needle in normalise(line)]
    after = next(line.strip() for line in lines[at + 1 :] if line.strip())
    return lines[at], after


def test_every_quotes_speaker_is_the_name_the_report_prints_after_the_quote() -> None:
    """The report sets each quote first and its speaker's name after it (Kwark, Makhra,
    Estela Barnet, Song). The Technopole Angus paragraph is set the same way: its three
    quotes, "says the CEO", then "Christian Yaccarini / CEO of SDA"."""
    lines = report_lines()
    for quote in quotes():
        paragraph, name = _following_name(lines, en(quote["text"]))
        first_name = en(quote["speaker"]).split()[0]  # "David" for the report's "Makhra"
        assert first_name in name.split(), (quote["id"], name)
    paragraph, name = _following_name(lines, ENVIRONMENT)
    assert "says the CEO" in paragraph and name == "Christian Yaccarini"
    # Taillefer's name stands before the quote, after a paragraph that holds no quote
    at = lines.index(paragraph)
    before = [line.strip() for line in lines[:at] if line.strip()][-3:]
    assert before[0].startswith("These SMEs") and '"' not in before[0]
    assert before[1:] == ["Alexandre Taillefer", "The owner of green taxi company, Taxelco"]
