"""A text cut into sentences, for reading aloud one at a time (and highlighting the one read).

Spans, not strings: the reader highlights a sentence where it stands in the text on screen. A
sentence ends at ".", "!", "?" or "…" (closing quotes and brackets go with it) followed by a
space and the start of a new sentence. Not at an abbreviation ("e.g.", "Mr."), an initial or an
acronym written with full stops ("C.I.T.I.E.S. and SACN": the next word starts in lower case),
nor inside a number ("4.5").
"""

from __future__ import annotations

import re

# words that end with a full stop without ending a sentence (compared in lower case)
ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "vs", "cf", "approx", "p", "pp"}
)
_END = re.compile(r"[.!?…]+[”\"’')\]*]*(?=\s+)")
_NEXT = re.compile(r"\s+([“\"‘'(\[¿¡*]*)(\S)")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(“\"'":
        start -= 1
    return text[start:end]


def _ends_here(text: str, match: re.Match[str]) -> bool:
    nxt = _NEXT.match(text, match.end())
    if nxt is None:
        return False
    first = nxt.group(2)
    if not (first.isupper() or first.isdigit() or nxt.group(1)):
        return False  # "C.I.T.I.E.S. and", "approx. ten"
    if match.group(0)[0] != ".":
        return True  # "!" and "?" always end one
    word = _word_before(text, match.start()).lower()
    if word.rstrip(".") in ABBREVIATIONS:
        return False
    # an initial ("J. Smith") or an acronym with full stops: one letter between full stops
    return not (len(word) == 1 or re.fullmatch(r"(?:\w\.)+\w", word))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, without the spaces between them."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _ends_here(text, match):
            spans.append((start, match.end()))
            start = match.end()
            while start < len(text) and text[start].isspace():
                start += 1
    if text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
