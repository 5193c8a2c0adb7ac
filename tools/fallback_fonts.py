"""The fallback fonts for scripts Roboto does not draw (Chinese, Korean, Japanese kana, Arabic):
make assets/fonts/fallback/ from the system's copies (development only; needs fontTools).

    python -m tools.fallback_fonts
    # after: apt-get install fonts-droid-fallback fonts-nanum fonts-noto-core

- Chinese and Japanese: Droid Sans Fallback (Apache-2.0), renamed Kiosk CJK Fallback and cut
  to the characters in everyday use: the Chinese characters of GB 2312 (simplified) and Big5
  (traditional), the hanja of KS X 1001, kana, CJK punctuation and full-width forms. The
  whole font is 3.8 MiB; the cut 2.1 MiB (docs/content.md, "Scripts and fonts").
- Korean: Nanum Gothic (OFL-1.1; Droid Sans Fallback has no Hangul syllables), renamed Kiosk
  Korean Fallback (the OFL asks a modified font to drop the original's reserved name) and cut
  to every Hangul syllable (11,172) and jamo.
- Arabic: Noto Sans Arabic Regular and Bold (OFL-1.1), whole (0.5 MiB together).

kiosk.theme.load_fallback_fonts registers them as the application's fallback for their scripts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts" / "fallback"
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
NOTO = Path("/usr/share/fonts/truetype/noto")
ARABIC = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")

HAN = range(0x4E00, 0xA000)
HANGUL = range(0xAC00, 0xD7A4)
ALWAYS = [
    range(0x3000, 0x3040),  # CJK symbols and punctuation
    range(0x3040, 0x3100),  # hiragana, katakana
    range(0xFF00, 0xFFF0),  # full-width forms
]
KOREAN = [
    range(0x1100, 0x1200),  # Hangul jamo
    range(0x3130, 0x3190),  # Hangul compatibility jamo
    HANGUL,
]


def _encodable(codec: str, block: range) -> set[int]:
    found = set()
    for cp in block:
        try:
            chr(cp).encode(codec)
        except UnicodeEncodeError:
            continue
        found.add(cp)
    return found


CJK_FAMILY = "Kiosk CJK Fallback"
KOREAN_FAMILY = "Kiosk Korean Fallback"
"""The cut font's own name: a modified font takes a name of its own (and the system's Droid Sans
Fallback, where there is one, is then not mistaken for it)."""
CODE_PAGES = (17, 18, 19, 20)  # Japanese, simplified Chinese, Korean Wansung, traditional


def _name(font: object, family: str) -> None:
    table = font["name"]  # type: ignore[index]
    for record in table.names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
        elif record.nameID in (3,):
            record.string = f"{family}; a subset made by tools/fallback_fonts.py"


def cjk_characters() -> set[int]:
    chars = set().union(*(set(r) for r in ALWAYS))
    for codec in ("gb2312", "big5", "euc_kr"):
        chars |= _encodable(codec, HAN)
    return chars


def _cut(source: Path, characters: set[int], family: str, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(source)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=characters)
    cutter.subset(font)
    _name(font, family)
    # the writing systems Qt reads from the OS/2 table (the CJK code pages) to offer a font
    # for a script
    os2 = font["OS/2"]
    for bit in CODE_PAGES:
        os2.ulCodePageRange1 |= 1 << bit
    font.save(target)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _cut(DROID, cjk_characters(), CJK_FAMILY, OUT / "KioskCJKFallback.ttf")
    korean = set().union(*(set(r) for r in KOREAN))
    _cut(NANUM, korean, KOREAN_FAMILY, OUT / "KioskKoreanFallback.ttf")
    for name in ARABIC:
        shutil.copyfile(NOTO / name, OUT / name)
    for path in sorted(OUT.glob("*.ttf")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
