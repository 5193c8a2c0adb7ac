"""Text the app's fonts cannot show: a warning per file and script (``posters/…:12: the fonts
have no glyphs for this Korean text``), found with Qt's own text layout.

Each character is laid out in the app's font as the screens lay it out, so Qt's font fallback
(the system's fonts for other scripts, and any font the app bundles) is counted exactly as on
screen: a glyph run whose glyph is 0 (".notdef", drawn as a box) is a character nothing can
show. Adding a font for a script makes its warnings go away without a change here.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable

from PySide6.QtGui import QFont, QGlyphRun, QTextLayout

from kiosk.content.errors import Problem, Severity, plural
from kiosk.content.loader import LoadResult
from kiosk.content.warnings import Located, located_texts
from kiosk.theme import FONT_FAMILY
from kiosk.ui.qt_messages import qt_messages_to_debug_log

log = logging.getLogger(__name__)

# a Unicode character name's first word, as an author names the script
_SCRIPT_NAMES = {
    "HANGUL": "Korean",
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "BOPOMOFO": "Chinese",
}
SAMPLE = 12  # characters of the text quoted in the warning
BOX_PROBE_PX = 97


# the word of a Unicode character name where its script's name ends ("OLD UYGHUR LETTER ALEPH")
_NAME_ENDS = frozenset(
    {
        "LETTER", "SIGN", "SYLLABLE", "SYLLABICS", "DIGIT", "CAPITAL", "SMALL", "VOWEL",
        "CONSONANT", "IDEOGRAPH", "UNIFIED", "COMPATIBILITY", "NUMBER", "MARK",
        "PUNCTUATION", "SYMBOL", "LIGATURE", "TONE", "COMMA", "FULL", "STOP", "VIRAMA",
    }
)  # fmt: skip


def script_of(char: str) -> str:
    """'Korean', 'Arabic', 'Khmer', 'Old Uyghur'... from the character's Unicode name."""
    if unicodedata.category(char).startswith("S"):
        return "symbol"  # an emoji, an arrow, a currency sign: no script of its own
    words = unicodedata.name(char, "").split()
    if not words:
        return "unnamed"
    if words[0] in _SCRIPT_NAMES:
        return _SCRIPT_NAMES[words[0]]
    script: list[str] = []
    for word in words[:3]:
        if word in _NAME_ENDS and script:
            break
        script.append(word)
    return " ".join(script).title()


class GlyphCheck:
    """Which characters ``font`` (with Qt's fallback) can draw; each character is laid out once."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        # an odd size, so that Qt's box engine is known by its em square (see _boxes)
        self.font.setPixelSize(BOX_PROBE_PX)
        self._known: dict[str, bool] = {}

    def drawable(self, char: str) -> bool:
        if char not in self._known:
            self._known[char] = self._lay_out(char)
        return self._known[char]

    def _lay_out(self, char: str) -> bool:
        layout = QTextLayout(char, self.font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        runs = layout.glyphRuns()
        return bool(runs) and not any(_boxes(run) for run in runs)

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` that show as boxes (spaces and controls left aside)."""
        return [
            c
            for c in dict.fromkeys(text)
            if not c.isspace()
            and unicodedata.category(c)[0] not in ("C", "Z")
            and not self.drawable(c)
        ]


def _boxes(run: QGlyphRun) -> bool:
    """Whether a glyph run draws empty boxes: glyph 0 of a real font (its ".notdef"), or Qt's
    box engine, which stands in when no font at all has the script. That engine is no font
    file: it has no 'cmap' table and its em square is its size, BOX_PROBE_PX (a real font's is
    1000 or 2048 units; a Type 1 font has no 'cmap' either, but a 1000-unit em). (Its raw font
    must not be asked its family name: that crashes PySide6 6.11.)"""
    if 0 in run.glyphIndexes():
        return True
    raw = run.rawFont()
    return not raw.fontTable("cmap") and round(raw.unitsPerEm()) == BOX_PROBE_PX


def glyph_warnings(texts: Iterable[Located], font: QFont) -> list[Problem]:
    """One warning per file and script with characters the fonts cannot show, at the first
    text that has them, naming how many more texts in that file have them too."""
    check = GlyphCheck(font)
    first: dict[tuple[str, str], tuple[int, int, str]] = {}
    count: dict[tuple[str, str], int] = {}
    for item in texts:
        for lang, value in item.text.values:
            scripts = dict.fromkeys(script_of(c) for c in check.missing(value))
            for script in scripts:
                key = (item.file, script)
                if key not in first:
                    line, col = item.line_of(lang)
                    first[key] = (line, col, value)
                count[key] = count.get(key, 0) + 1
    found = []
    for (file, script), (line, col, value) in first.items():
        sample = value if len(value) <= SAMPLE else value[:SAMPLE] + "…"
        more = count[(file, script)] - 1
        others = f" (and {plural(more, 'more text')} in this file)" if more else ""
        found.append(
            Problem(
                file,
                line,
                col,
                f"the fonts have no glyphs for this {script} text ('{sample}'): it shows as "
                f"boxes; install a font that has {script} on the computer that runs the "
                f"kiosk{others}",
                Severity.WARNING,
            )
        )
    return found


def gallery_glyph_warnings(result: LoadResult) -> list[Problem]:
    """The glyph warnings of a gallery loaded with ``keep_documents=True`` (the lines come from
    its documents), in the app's font; the app's fonts must be loaded (``theme.load_fonts``)."""
    # Qt says which fonts lack OpenType tables for a script while it looks for a fallback:
    # facts about the machine's fonts, for the debug log, not the author's terminal
    with qt_messages_to_debug_log(log):
        return glyph_warnings(located_texts(result.gallery, result.documents), QFont(FONT_FAMILY))
