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

import re
import xml.etree.ElementTree as ET

import pytest

from tests.unit.test_default_content_figures import (
    CONTENT,
    REPORT,
    load,
    normalise,
    poster_files,
)

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


# --- 2. no undated "today" -------------------------------------------------------------------
# The report is of June 2017; a kiosk visitor reads "today", "now" or "current" as the day they
# stand there. Every such word in the content (every language) has a year in its clause, close
# by: "23% in 2017", "today (2017)". A quote, which must stay word for word, is dated by its
# source note instead.

DATE_WORDS = re.compile(
    r"\b(?:today|now|nowadays|current|currently|presently|at present|these days"
    r"|aujourd['’]hui|actuellement|à présent|de nos jours"
    r"|hoy|actualmente|ahora|hoy en día|en la actualidad)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
CLAUSE_ENDS = ",;:.!?"
NEARBY = 40  # characters either side, within the clause

# Phrases whose date word is not a date, with the reason. Keep it short and explicit.
NOT_A_DATE: dict[str, str] = {}


def undated(text: str) -> list[str]:
    """Each date word in ``text`` with no year near it in its clause, shown in its context."""
    for phrase in NOT_A_DATE:
        text = text.replace(phrase, " " * len(phrase))
    found = []
    for m in DATE_WORDS.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in CLAUSE_ENDS) + 1
        ends = [i for i in (text.find(c, m.end()) for c in CLAUSE_ENDS) if i != -1]
        end = min(ends, default=len(text))
        window = text[max(start, m.start() - NEARBY) : min(end, m.end() + NEARBY)]
        if not YEAR.search(window):
            found.append(text[max(0, m.start() - 30) : m.end() + 30].strip())
    return found


def strings(node: object, where: str) -> list[tuple[str, str]]:
    """Every string value of a loaded YAML document (all languages), with where it stands."""
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in strings(value, f"{where}.{key}")]
    if isinstance(node, list):
        return [s for i, item in enumerate(node) for s in strings(item, f"{where}[{i}]")]
    return [(where, node)] if isinstance(node, str) else []


def content_texts() -> list[tuple[str, str]]:
    """Every text of the content folder, but the quotes' own words (checked on their own)."""
    texts: list[tuple[str, str]] = []
    for path in sorted(CONTENT.rglob("*.y*ml")):
        name = path.relative_to(CONTENT).as_posix()
        data = load(path)
        if name == "quotes.yaml":
            data = {"quotes": [{k: v for k, v in q.items() if k != "text"} for q in data["quotes"]]}
        texts += strings(data, name)
    return texts


def artwork_texts() -> list[tuple[str, str]]:
    """The words drawn in the posters' SVG artwork (charts say "Today (2017)" too)."""
    texts: list[tuple[str, str]] = []
    for path in poster_files().values():
        poster = load(path)
        arts = [poster.get("artwork")] + [s.get("artwork") for s in poster.get("sections", [])]
        for art in filter(None, arts):
            file = CONTENT / art if (CONTENT / art).is_file() else ASSETS / art
            if file.suffix.lower() != ".svg":
                continue
            for el in ET.parse(file).iter():
                if el.tag.rsplit("}", 1)[-1] in ("text", "title", "desc"):
                    texts.append((art, " ".join("".join(el.itertext()).split())))
    return texts


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Social procurement in Gauteng Province: 23% today, up to 30% planned by 2019.", True),
        ("Current status", True),
        ("The site covers 2 million square feet, 50% of which is now developed.", True),
        ("Seoul est actuellement en transition.", True),
        ("Hoy, el 23%.", True),
        ("one of the prevalent problems in our cities today (2017).", False),
        ("23% in 2017, up to 30% by 2019", False),
        ("Today (2017)", False),
        ("It is now known as the Brooklyn of Seoul, since 2017.", True),  # another clause
        ("known as the Brooklyn of Seoul", False),  # "now" inside a word is no date
    ],
)
def test_the_date_word_check_itself(text: str, flagged: bool) -> None:
    assert bool(undated(text)) is flagged


def test_no_undated_today_in_any_text_of_the_content() -> None:
    texts = content_texts()
    assert len(texts) > 300  # every poster, the quotes' notes, the gallery and the fishbowl
    found = [(where, hit) for where, text in texts for hit in undated(text)]
    assert not found, found


def test_no_undated_today_in_the_posters_artwork() -> None:
    texts = artwork_texts()
    assert any("Today (2017)" in text for _, text in texts)  # the Gauteng chart is scanned
    found = [(where, hit) for where, text in texts for hit in undated(text)]
    assert not found, found


def test_a_quote_that_says_today_or_now_is_dated_by_its_source_note() -> None:
    dated = 0
    for quote in quotes():
        words = [t for _, t in strings(quote["text"], "text")]
        if any(DATE_WORDS.search(t) for t in words):
            notes = [t for _, t in strings(quote.get("source", ""), "source")]
            assert any(YEAR.search(t) for t in notes), quote["id"]
            dated += 1
    assert dated >= 1  # Jaemin Song: "Seoul is now in a transition period"


def test_the_exceptions_to_the_date_rule_are_still_in_the_content() -> None:
    everything = " ".join(t for _, t in content_texts() + artwork_texts())
    stale = [phrase for phrase in NOT_A_DATE if phrase not in everything]
    assert not stale, f"NOT_A_DATE lists phrases the content no longer has: {stale}"


# --- 3. the fishbowl's general guidance, marked as such --------------------------------------

# What fishbowl.yaml takes from the report: each question with the report's words it restates.
FROM_THE_REPORT = {
    "title": ["Transferability – insights on applying SSE"],
    "questions": [
        "social and solidarity economy can be a key driver of urban renewal",
        "the role local governments play in these projects",
        "how to expand the SSE and transfer each case to other cities",
        "other cities with the similar context",
    ],
    "rules": [
        "the main speakers sit in a circle and have a conversation in full view of a larger "
        'group of listeners. The "public" can also be included in this small group discussion.'
    ],
}
# The usual open fishbowl's rules, which the report does not give.
GUIDANCE = [
    "Only the people in the inner circle speak",
    "One chair in the circle is always kept empty",
    "Each turn has a time limit",
    "The facilitator keeps time",
]


def test_every_key_of_the_fishbowl_preset_is_from_the_report_or_marked_as_guidance() -> None:
    preset = load(CONTENT / "fishbowl.yaml")
    guidance = preset.get("general_guidance")
    assert guidance, "fishbowl.yaml marks nothing as general guidance"
    marked = set(guidance["settings"])
    unmarked = set(preset) - set(FROM_THE_REPORT) - {"general_guidance"} - marked
    assert not unmarked, f"fishbowl.yaml keys neither from the report nor marked: {unmarked}"
    # the numbers are the app's defaults, and marked so (5 chairs, 180 s, 45 minutes...)
    assert {"inner_chairs", "empty_chairs", "turn_seconds", "session_minutes"} <= marked
    assert "not from the report" in en(guidance["heading"])


def test_the_fishbowl_rules_are_the_reports_and_the_guidance_is_apart() -> None:
    preset = load(CONTENT / "fishbowl.yaml")
    rules = normalise(en(preset["rules"]))
    assert "general_guidance" in preset, "fishbowl.yaml marks nothing as general guidance"
    guidance = normalise(en(preset["general_guidance"]["rules"]))
    for words in GUIDANCE:
        assert words in guidance and words not in rules, words
    assert normalise(FROM_THE_REPORT["rules"][0]) in rules
    report = normalise(" ".join(report_lines()))
    for key, phrases in FROM_THE_REPORT.items():
        for phrase in phrases:
            assert normalise(phrase) in report, (key, phrase)
    questions = normalise(" ".join(en(q) for q in preset["questions"]))
    for word in ("key driver of urban renewal", "local governments play in these projects"):
        assert word in questions
    assert normalise(en(preset["title"])) == normalise(FROM_THE_REPORT["title"][0])
    # none of the guidance is the report's
    assert not [w for w in GUIDANCE if normalise(w) in report]


def test_the_shipped_preset_loads_its_guidance_through_the_app() -> None:
    from kiosk import paths
    from kiosk.content.loader import load_gallery

    result = load_gallery(paths.default_content_dir(), paths.assets_dir())
    preset = result.gallery.fishbowl
    assert preset.general_guidance is not None
    assert str(preset.general_guidance.heading) == "General guidance (not from the report)"
    assert "inner circle" in str(preset.general_guidance.rules)
    assert "inner circle" not in str(preset.rules)
    assert preset.general_guidance.settings == (
        "inner_chairs",
        "empty_chairs",
        "turn_seconds",
        "session_minutes",
        "warning_seconds",
        "chime",
    )


# --- 4. small shifts of meaning, restored --------------------------------------------------


def poster(poster_id: str) -> dict:
    return load(poster_files()[poster_id])


def poster_words(poster_id: str) -> str:
    return normalise(" ".join(t for _, t in strings(poster(poster_id), poster_id)))


def report_sentences() -> list[str]:
    text = normalise(" ".join(report_lines())).lower()
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_the_workshop_aimed_to_allow_the_debate() -> None:
    text = poster_words("introduction")
    assert "aimed to allow local and regional governments to debate and share experiences" in text
    assert "governments debated" not in text


def test_phase_ii_buildings_are_not_joined_to_the_central_island() -> None:
    """The report's "15 buildings" (expected features) and "Eco-friendly buildings will be
    built on the Central Island" are two statements: the figure does not say where."""
    (fact,) = [f for f in poster("montreal-technopole-angus")["facts"] if str(f["value"]) == "15"]
    words = normalise(" ".join(t for _, t in strings(fact, "fact")))
    assert "Central Island" not in words and "eco-friendly" not in words.lower()
    assert "Phase II" in en(fact["group"])
    assert "Central Island" in poster_words("montreal-technopole-angus")  # still in the text


def test_ekhaya_gives_investment_as_the_owners_reason_not_as_a_fact() -> None:
    text = poster_words("johannesburg-hillbrow-ekhaya")
    assert "because it would result in an environment conducive for investment" in text
    assert "a liveable neighbourhood is conducive" not in text


def test_the_role_of_local_governments_lists_only_what_the_report_gives_them() -> None:
    """Each bullet under "The role of local governments" restates a report sentence in which
    local government is the one who acts."""
    (section,) = [
        s
        for s in poster("transferability")["sections"]
        if en(s["heading"]) == "The role of local governments"
    ]
    sentences = report_sentences()
    assert section["bullets"]
    for bullet in section["bullets"]:
        words = re.findall(r"[\w-]+", normalise(en(bullet)).lower())[1:5]  # after the verb
        phrase = " ".join(words)
        found = [s for s in sentences if phrase in s]
        assert found, f"no report sentence has {phrase!r}"
        assert any("local government" in s for s in found), (phrase, found)
    lessons = normalise(" ".join(en(item) for item in poster("transferability")["lessons"]))
    assert (
        "By supporting all stakeholders to identify their own role in the SSE ecosystem, they "
        "can be convinced that it is a win-win strategy." in lessons
    )
