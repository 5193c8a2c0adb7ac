"""Colours: WCAG contrast and the gallery's palette, in plain Python (no Qt).

``kiosk.theme`` styles the app with these; ``kiosk doctor`` (``kiosk.content.doctor``) checks
the content's colours with the same numbers, without loading Qt.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def luminance(colour: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, t: float) -> str:
    ra, rb = _rgb(a), _rgb(b)
    return _hex(x + (y - x) * t for x, y in zip(ra, rb, strict=True))


def readable_on(colour: str, background: str, minimum: float = 4.5) -> str:
    """``colour``, darkened or lightened just enough to reach ``minimum`` contrast."""
    target = "#000000" if luminance(background) > 0.4 else "#ffffff"
    for step in range(21):
        candidate = mix(colour, target, step / 20)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


@dataclass(frozen=True)
class Palette:
    dark: bool
    background: str
    surface: str  # cards, tiles
    surface_alt: str  # set-apart panels (lessons)
    text: str
    muted: str
    accent: str  # bars, rings, fills
    accent_text: str  # accent-coloured text on the background, ≥ 4.5:1
    on_accent: str  # text on an accent fill
    warning: str = "#ffb300"
    danger: str = "#e53935"
    high_contrast: bool = False  # every line drawn in the text colour, nothing faint

    @property
    def edge(self) -> str:
        """The border of cards and panels: faint, or in the text colour for high contrast."""
        return self.text if self.high_contrast else mix(self.surface, self.text, 0.12)

    @property
    def raised(self) -> str:
        """The fill of a button: a step off the surface (black with a white edge for high
        contrast, where a grey fill would lower the contrast of its words)."""
        return self.surface if self.high_contrast else mix(self.surface, self.text, 0.08)


HIGH_CONTRAST = Palette(
    dark=True,
    background="#000000",
    surface="#000000",
    surface_alt="#000000",
    text="#ffffff",
    muted="#e8e8e8",
    accent="#ffe14d",
    accent_text="#ffe14d",
    on_accent="#000000",
    high_contrast=True,
)
"""The visitor's high-contrast look: white and yellow on black, every text at least 7:1 (WCAG
2.2 AAA); the gallery's own colours give way to it."""


def _theme_colours(name: str) -> dict[str, str]:
    spec = importlib.util.find_spec("qt_material")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "themes" / name
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    return {c.get("name", ""): (c.text or "").strip() for c in root.iter("color")}


def palette_for(theme_name: str, accent: str | None = None) -> Palette:
    colours = _theme_colours(theme_name)
    dark = theme_name.startswith("dark")
    accent = accent or colours.get("primaryColor") or "#1de9b6"
    if dark:
        bg, surface, alt, text, muted = "#12191c", "#1e2a2f", "#24343a", "#f2f5f6", "#b8c5cb"
    else:
        bg, surface, alt, text, muted = "#f7f7f5", "#ffffff", "#eaf0f2", "#1c2326", "#46555c"
    alt = mix(alt, accent, 0.12)
    on_accent = (
        "#000000" if contrast("#000000", accent) >= contrast("#ffffff", accent) else "#ffffff"
    )
    return Palette(
        dark=dark,
        background=bg,
        surface=surface,
        surface_alt=alt,
        text=text,
        muted=muted,
        accent=accent,
        accent_text=readable_on(accent, bg),
        on_accent=on_accent,
    )


OWN_ACCENT_CONTRAST = 4.5  # a poster's accent is text (its kicker, its key figures): WCAG 1.4.3


def with_own_accent(p: Palette, accent: str | None) -> Palette:
    """``p`` with a poster's own accent colour, when it reads on the theme: at 4.5:1 against
    both the page and the tiles (the accent is the colour of the kicker and the key figures).
    A colour that does not reach it is not used and the theme's accent stays, as it does in
    the high-contrast look, whose colours no poster changes."""
    if accent is None or p.high_contrast:
        return p
    if min(contrast(accent, p.background), contrast(accent, p.surface)) < OWN_ACCENT_CONTRAST:
        return p
    on_accent = (
        "#000000" if contrast("#000000", accent) >= contrast("#ffffff", accent) else "#ffffff"
    )
    return replace(p, accent=accent, accent_text=accent, on_accent=on_accent)


PAPER = "#ffffff"


def print_palette(theme_name: str, accent: str | None = None) -> Palette:
    """The print theme: dark text on white paper, with the gallery theme's accent (darkened
    where it is text, to 4.5:1 on white; rules and fills keep the accent itself)."""
    accent = palette_for(theme_name, accent).accent
    return Palette(
        dark=False,
        background=PAPER,
        surface=mix(PAPER, accent, 0.08),
        surface_alt=mix(PAPER, accent, 0.14),
        text="#1c2326",
        muted="#46555c",
        accent=accent,
        accent_text=readable_on(accent, PAPER),
        on_accent="#000000" if contrast("#000000", accent) >= contrast(PAPER, accent) else PAPER,
    )
