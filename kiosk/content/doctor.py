"""``kiosk doctor``: what a valid gallery may still get wrong for its visitors, as findings an
author can act on, each at the line of the YAML it concerns.

The checks here need no Qt: colour contrast (the theme's colours and the colours drawn in SVG
artwork, WCAG 2.2's 1.4.3 and 1.4.11), artwork without a text alternative (``alt``), and texts
too long to read where they are shown. Two more need the real screens laid out (a poster's first
screen at 1920×1080 and 1080×1920, the size of what a visitor touches): ``kiosk.commands.doctor``
builds them offscreen and measures, and hands the measures here (:class:`FirstScreen`,
:class:`Target`) to be judged and worded. docs/content.md lists the checks and their limits.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.colour import Palette, contrast, mix, palette_for, readable_on
from kiosk.content import artwork
from kiosk.content.errors import one_line
from kiosk.content.files import GALLERY_FILE, QUOTES_FILE
from kiosk.content.messages import place_text
from kiosk.content.model import Gallery, Poster
from kiosk.content.text import LocalText
from kiosk.content.yamlsafe import Document, Loc

# --- the limits (docs/content.md, "kiosk doctor") -----------------------------------------------
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text against what is behind it
LARGE_TEXT_CONTRAST = 3.0  # ... large text: 24 px and up, or bold from 18.66 px (18 pt, 14 pt)
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: bars, rings, edges, the shapes of a chart
LARGE_TEXT_PX = 24.0
LARGE_BOLD_PX = 18.66
MIN_TARGET_PX = 44  # WCAG 2.5.5: the side of a control a finger can hit, at 1920×1080

# How long a visitor at an unattended screen should need to read one text, at the gallery's
# reading speed (carousel.words_per_second, 4 by default: 4 words a second is 240 a minute, an
# adult's silent reading). Past it the text is reported: split it, or shorten it. In words at 4
# words a second: a tagline 32, a paragraph 100, a bullet 48, a lesson 60, a caption 40, a
# figure's label 16 and its note 32.
READING_SECONDS: dict[str, float] = {
    "tagline": 8,
    "paragraph": 25,
    "bullet": 12,
    "lesson": 15,
    "caption": 10,
    "label": 4,
    "note": 8,
}

CHECKS = ("contrast", "alt", "reading", "first screen", "target")


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to fix, at the line of the YAML node it concerns (``file`` relative to the
    content folder)."""

    file: str
    line: int
    message: str
    check: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}: {one_line(self.message, 1000)}"


class Where:
    """The line of a data path in a loaded file: the loader's marks (``load_gallery(...,
    keep_documents=True)``), the same the validation messages point with."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents
        self._posters: dict[str, str] = {}
        self._quotes: dict[str, int] = {}
        for name, doc in documents.items():
            data = doc.data
            if name.startswith("posters/") and isinstance(data, dict):
                if isinstance(data.get("id"), str):
                    self._posters.setdefault(data["id"], name)
            if name == QUOTES_FILE and isinstance(data, dict):
                for i, entry in enumerate(data.get("quotes") or []):
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        self._quotes.setdefault(entry["id"], i)

    def poster_file(self, poster_id: str) -> str:
        return self._posters.get(poster_id, f"posters/{poster_id}.yaml")

    def quote_loc(self, quote_id: str) -> Loc:
        return ("quotes", self._quotes.get(quote_id, 0))

    def line(self, file: str, loc: Loc) -> int:
        doc = self.documents.get(file)
        return doc.where(loc)[0] if doc is not None else 1

    def finding(self, file: str, loc: Loc, check: str, message: str) -> Finding:
        return Finding(file, self.line(file, loc), message, check)


def check_all(gallery: Gallery, where: Where) -> list[Finding]:
    """Every check that needs no Qt."""
    return [
        *check_theme_contrast(gallery, where),
        *check_artwork_contrast(gallery, where),
        *check_alt(gallery, where),
        *check_reading(gallery, where),
    ]


def _artworks(poster: Poster) -> Iterator[tuple[Loc, Any, LocalText | None, bool]]:
    """(path of the artwork key, Artwork, its alt, is it a section's figure) of a poster."""
    if poster.artwork is not None:
        yield ("artwork",), poster.artwork, poster.alt, False
    for i, section in enumerate(poster.sections):
        if section.artwork is not None:
            yield ("sections", i, "artwork"), section.artwork, section.alt, True


# --- alt ----------------------------------------------------------------------------------------
def check_alt(gallery: Gallery, where: Where) -> list[Finding]:
    """Artwork with no ``alt``: a visitor who cannot see it (a screen reader) hears nothing of
    what it shows."""
    found = []
    for poster in gallery.posters:
        file = where.poster_file(poster.id)
        for loc, art, alt, in_section in _artworks(poster):
            if alt is not None:
                continue
            owner = place_text(loc[:2]) if in_section else "the poster"
            title = _svg_title(art.path)
            hint = f" (the SVG's own title reads '{title}')" if title else ""
            found.append(
                where.finding(
                    file,
                    loc,
                    "alt",
                    f"{place_text(loc)} '{art.source}' has no text alternative: add 'alt' to "
                    f"{owner}, a sentence or two saying what the picture shows{hint}",
                )
            )
    return found


def _svg_title(path: Path | None) -> str:
    root = _svg_root(path)
    if root is None:
        return ""
    title = next((el for el in root if _tag(el) == "title"), None)
    return " ".join("".join(title.itertext()).split()) if title is not None else ""


# --- reading time -------------------------------------------------------------------------------
def _words(text: str) -> int:
    return len(text.split())


def check_reading(gallery: Gallery, where: Where) -> list[Finding]:
    """Quotes the carousel takes away before they can be read, and texts too long to read at
    an unattended screen (READING_SECONDS)."""
    carousel = gallery.settings.carousel
    speed = carousel.words_per_second
    found = []
    for quote in gallery.quotes:
        loc = (*where.quote_loc(quote.id), "text")
        for lang, version in quote.text.values:  # each language ('' for a plain text)
            words = _words(version)
            needed = words / speed
            shown = carousel.dwell_seconds(words)
            if needed <= shown:
                continue
            why = (
                "carousel.interval_seconds"
                if carousel.interval_seconds is not None
                else "carousel.max_seconds"
            )
            fits = math.floor(shown * speed)
            found.append(
                where.finding(
                    QUOTES_FILE,
                    loc,
                    "reading",
                    f"quote '{quote.id}'{_in(lang)} has {words} words: at {_n(speed)} words a "
                    f"second it takes {needed:.0f} s to read, but the carousel moves on after "
                    f"{_n(shown)} s ({why}): shorten it to {fits} words, or raise {why} in "
                    "gallery.yaml",
                )
            )
    for poster in gallery.posters:
        file = where.poster_file(poster.id)
        for kind, loc, text in _poster_texts(poster):
            limit = READING_SECONDS[kind]
            for lang, version in text.values:
                words = _words(version)
                if words / speed <= limit:
                    continue
                most = math.floor(limit * speed)
                found.append(
                    where.finding(
                        file,
                        loc,
                        "reading",
                        f"{place_text(loc)}{_in(lang)} has {words} words, {words / speed:.0f} s "
                        f"of reading at {_n(speed)} words a second: a {kind} should take at most "
                        f"{_n(limit)} s ({most} words) at an unattended screen; split or "
                        "shorten it",
                    )
                )
    return found


def _poster_texts(poster: Poster) -> Iterator[tuple[str, Loc, LocalText]]:
    if poster.tagline is not None:
        yield "tagline", ("tagline",), poster.tagline
    for i, section in enumerate(poster.sections):
        for j, paragraph in enumerate(section.paragraphs):
            yield "paragraph", ("sections", i, "paragraphs", j), paragraph
        for j, bullet in enumerate(section.bullets):
            yield "bullet", ("sections", i, "bullets", j), bullet
        if section.caption is not None:
            yield "caption", ("sections", i, "caption"), section.caption
    for i, fact in enumerate(poster.facts):
        yield "label", ("facts", i, "label"), fact.label
        if fact.note is not None:
            yield "note", ("facts", i, "note"), fact.note
    for i, lesson in enumerate(poster.lessons):
        yield "lesson", ("lessons", i), lesson


def _in(lang: str) -> str:
    return f" (in '{lang}')" if lang else ""


def _n(x: float) -> str:
    """4.0 -> '4', 2.5 -> '2.5'."""
    return f"{x:g}"


# --- contrast: the theme ------------------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    """A colour against what it is seen on, the least contrast it needs, and where it shows."""

    role: str  # the palette's name of the colour
    colour: str
    on: str
    on_name: str
    minimum: float
    what: str


def theme_pairs(p: Palette) -> list[Pair]:
    """The colours the gallery draws on each other, as the app uses them (kiosk.theme)."""
    return [
        Pair("text", p.text, p.background, "background", TEXT_CONTRAST, "text on the page"),
        Pair("text", p.text, p.surface, "surface", TEXT_CONTRAST, "text on cards and tiles"),
        Pair("text", p.text, p.surface_alt, "panel", TEXT_CONTRAST, "the lessons panel's text"),
        Pair("muted", p.muted, p.background, "background", TEXT_CONTRAST, "taglines, sources"),
        Pair("muted", p.muted, p.surface, "surface", TEXT_CONTRAST, "figures' labels and notes"),
        Pair(
            "accent text",
            p.accent_text,
            p.background,
            "background",
            TEXT_CONTRAST,
            "the poster's kicker and bullets",
        ),
        Pair(
            "accent text",
            p.accent_text,
            p.surface,
            "surface",
            TEXT_CONTRAST,
            "the place on each poster card, the figures' big numbers",
        ),
        Pair(
            "text on the accent",
            p.on_accent,
            p.accent,
            "accent",
            TEXT_CONTRAST,
            "the words of a pressed or chosen button",
        ),
        Pair(
            "accent",
            p.accent,
            p.background,
            "background",
            GRAPHIC_CONTRAST,
            "the accent's bars, rings and edges on the page",
        ),
        Pair(
            "accent",
            p.accent,
            p.surface,
            "surface",
            GRAPHIC_CONTRAST,
            "the quote's progress line and the selected card's border",
        ),
    ]


def check_theme_contrast(gallery: Gallery, where: Where) -> list[Finding]:
    """The theme's colours with the gallery's accent: each pair the app draws must reach its
    WCAG minimum. Reported at ``theme.accent`` (or ``theme.name``) in gallery.yaml."""
    theme = gallery.settings.theme
    palette = palette_for(theme.name, theme.accent)
    loc: Loc = ("theme", "accent") if theme.accent else ("theme", "name")
    found = []
    for pair in theme_pairs(palette):
        ratio = contrast(pair.colour, pair.on)
        if ratio >= pair.minimum:
            continue
        accent = palette.accent
        fix = readable_on(accent, pair.on, pair.minimum)
        if pair.role in ("accent", "accent text"):
            advice = f"choose a theme.accent with more contrast, such as {fix}"
        elif pair.role == "text on the accent":
            advice = "choose a theme.accent lighter or darker, further from mid-grey"
        else:
            advice = "choose another theme.name"
        found.append(
            where.finding(
                GALLERY_FILE,
                loc,
                "contrast",
                f"the {pair.role} colour {pair.colour} on the {pair.on_name} {pair.on} "
                f"({theme.name}{', accent ' + accent if theme.accent else ''}) has a contrast "
                f"of {ratio:.2f}:1, under the {_n(pair.minimum)}:1 that {pair.what} need: "
                f"{advice}",
            )
        )
    return found


# --- contrast: SVG artwork ----------------------------------------------------------------------
_NS = re.compile(r"^\{[^}]*\}")
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGB = re.compile(r"^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$")
_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000"}
_NAMED |= {"blue": "#0000ff", "yellow": "#ffff00", "gray": "#808080", "grey": "#808080"}
_TRANSLATE = re.compile(r"^\s*translate\(\s*([-\d.eE+]+)(?:[\s,]+([-\d.eE+]+))?\s*\)\s*$")
_SHAPES = {"rect", "circle", "ellipse", "path", "polygon", "polyline", "line"}
# the presentation attributes a text or shape takes from its groups
_INHERITED: tuple[str, ...] = ("fill", "stroke", "fill-opacity", "stroke-opacity")
_INHERITED += ("font-size", "font-weight", "text-anchor")
PAGE = "page"  # a text with nothing drawn behind it in its SVG is seen on the screen itself


def _tag(el: ET.Element) -> str:
    return _NS.sub("", el.tag) if isinstance(el.tag, str) else ""


def _svg_root(path: Path | None) -> ET.Element | None:
    """The SVG as the app draws it (rebuilt by the sanitizer), or None (not an SVG, refused)."""
    if path is None or Path(path).suffix.lower() != ".svg":
        return None
    try:
        data = Path(path).read_bytes()
        return ET.fromstring(artwork.clean_svg(data, Path(path).name).data)
    except (OSError, artwork.ArtworkError, ET.ParseError):
        return None


def parse_colour(value: str | None) -> str | None:
    """'#abc', '#aabbcc', 'rgb(1,2,3)' or a basic name as '#rrggbb'; None for none, a gradient,
    currentColor and anything else that is not one solid colour."""
    if value is None:
        return None
    value = value.strip().lower()
    if m := _HEX.match(value):
        h = m.group(1)
        return "#" + (h if len(h) == 6 else "".join(c * 2 for c in h))
    if m := _RGB.match(value):
        return "#" + "".join(f"{min(255, int(v)):02x}" for v in m.groups())
    return _NAMED.get(value)


def _float(value: str | None, default: float = 0.0) -> float:
    if value is None:
        return default
    m = re.match(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", value)
    return float(m.group(1)) if m else default


def _blend(colour: str, under: str, alpha: float) -> str:
    return colour if alpha >= 1 else mix(under, colour, max(0.0, alpha))


@dataclass(frozen=True)
class Box:
    """A solid fill drawn so far: its bounds (None: all of the picture) and colour (None: not
    one solid colour)."""

    bounds: tuple[float, float, float, float] | None
    colour: str | None

    def holds(self, x: float, y: float) -> bool:
        if self.bounds is None:
            return True
        x0, y0, x1, y1 = self.bounds
        return x0 <= x <= x1 and y0 <= y <= y1


@dataclass(frozen=True)
class Drawn:
    """A text or a shape of an SVG, with the colour behind it (PAGE: the screen's)."""

    kind: str  # "text", "shape", or "backdrop" (a shape covering the whole picture)
    label: str  # the text, or the shape's element name
    colours: tuple[str, ...]  # a text's fill; a shape's fill and stroke
    behind: str | None  # '#rrggbb', PAGE, or None (unknown: a gradient, a picture)
    size: float = 0.0  # a text's font size in the SVG's units
    bold: bool = False


def svg_drawn(root: ET.Element) -> list[Drawn]:
    """Each text and shape of an SVG in drawing order, with the solid colour behind it: the
    last rectangle or circle drawn before it that covers it (shapes drawn as paths are not
    taken as backgrounds; a rotated or scaled group is placed by its backdrop only)."""
    # the drawing's own units: the viewBox's, else the width and height
    width = _viewbox(root)[2] or _float(root.get("width"), 0)
    height = _viewbox(root)[3] or _float(root.get("height"), 0)
    boxes: list[Box] = []
    out: list[Drawn] = []
    inherited = {"fill": "#000000", "stroke": None, "font-size": "16", "font-weight": "normal"}

    def backdrop(x: float | None, y: float | None) -> str | None:
        for box in reversed(boxes):
            if (x is None and box.bounds is None) or (x is not None and box.holds(x, y or 0)):
                return box.colour
        return PAGE

    def walk(el: ET.Element, style: dict[str, Any], dx: float | None, dy: float) -> None:
        tag = _tag(el)
        if tag in ("defs", "title", "desc", "style", "linearGradient", "radialGradient"):
            return
        own = dict(style)
        own.update(_presentation(el))
        opacity = _float(el.get("opacity"), 1.0) * style.get("_opacity", 1.0)
        own["_opacity"] = opacity
        transform = el.get("transform")
        if transform and dx is not None:
            if m := _TRANSLATE.match(transform):
                dx, dy = dx + float(m.group(1)), dy + float(m.group(2) or 0)
            else:
                dx = None  # rotated, scaled: its place is not worked out
        if tag == "text":
            out.append(_text(el, own, dx, dy, backdrop))
            return
        if tag in _SHAPES:
            _shape(el, tag, own, dx, dy, width, height, boxes, out, backdrop)
            return
        for child in el:
            walk(child, own, dx, dy)

    walk(root, inherited, 0.0, 0.0)
    return out


def _viewbox(root: ET.Element) -> tuple[float, float, float, float]:
    parts = [_float(p) for p in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if p]
    return (parts[0], parts[1], parts[2], parts[3]) if len(parts) == 4 else (0, 0, 0, 0)


def _presentation(el: ET.Element) -> dict[str, str]:
    found = {k: v for k in _INHERITED if (v := el.get(k)) is not None}
    for decl in (el.get("style") or "").split(";"):
        if ":" in decl:
            key, _, value = decl.partition(":")
            if key.strip() in _INHERITED:
                found[key.strip()] = value.strip()
    return found


def _paint(style: dict[str, Any], key: str, under: str | None) -> str | None:
    colour = parse_colour(style.get(key))
    if colour is None or under is None or under == PAGE:
        return colour
    alpha = _float(style.get(f"{key}-opacity"), 1.0) * style.get("_opacity", 1.0)
    return _blend(colour, under, alpha)


def _text(
    el: ET.Element, style: dict[str, Any], dx: float | None, dy: float, backdrop: Any
) -> Drawn:
    size = _float(style.get("font-size"), 16)
    words = " ".join("".join(el.itertext()).split())
    if dx is None:
        behind = backdrop(None, None)
    else:
        x, y = _float(el.get("x")) + dx, _float(el.get("y")) + dy
        width = 0.55 * size * len(words)  # an average glyph of a sans-serif font
        anchor = style.get("text-anchor") or "start"
        middle = x + {"start": width / 2, "middle": 0.0, "end": -width / 2}.get(anchor, 0.0)
        behind = backdrop(middle, y - size * 0.35)  # the middle of its letters
    weight = str(style.get("font-weight", "normal"))
    bold = weight == "bold" or weight == "bolder" or (weight.isdigit() and int(weight) >= 600)
    colour = _paint(style, "fill", behind)
    return Drawn("text", words, (colour,) if colour else (), behind, size, bold)


def _shape(
    el: ET.Element,
    tag: str,
    style: dict[str, Any],
    dx: float | None,
    dy: float,
    width: float,
    height: float,
    boxes: list[Box],
    out: list[Drawn],
    backdrop: Any,
) -> None:
    bounds = None if dx is None else _bounds(el, tag, dx, dy)
    if bounds is not None:
        x0, y0, x1, y1 = bounds
        behind = backdrop((x0 + x1) / 2, (y0 + y1) / 2)
    else:
        behind = backdrop(None, None)
    fill = style.get("fill")
    colours = tuple(
        c for c in (_paint(style, "fill", behind), _paint(style, "stroke", behind)) if c
    )
    whole = bounds is not None and (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]) >= 0.9 * (
        width * height
    )
    out.append(Drawn("backdrop" if whole else "shape", tag, colours, behind))
    if bounds is not None and fill not in (None, "none") and tag in ("rect", "circle", "ellipse"):
        solid = _float(style.get("fill-opacity"), 1.0) * style.get("_opacity", 1.0) >= 1
        colour = _paint(style, "fill", behind) if solid else None
        boxes.append(Box(None if whole else bounds, colour))


def _bounds(
    el: ET.Element, tag: str, dx: float, dy: float
) -> tuple[float, float, float, float] | None:
    if tag == "rect":
        x, y = _float(el.get("x")) + dx, _float(el.get("y")) + dy
        return (x, y, x + _float(el.get("width")), y + _float(el.get("height")))
    if tag in ("circle", "ellipse"):
        cx, cy = _float(el.get("cx")) + dx, _float(el.get("cy")) + dy
        rx = _float(el.get("r")) if tag == "circle" else _float(el.get("rx"))
        ry = _float(el.get("r")) if tag == "circle" else _float(el.get("ry"))
        k = 0.7  # the square inside the circle: what surely lies on it
        return (cx - rx * k, cy - ry * k, cx + rx * k, cy + ry * k)
    numbers = [float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)", el.get("d") or "")]
    numbers = numbers or [
        float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)", el.get("points") or "")
    ]
    if tag == "line":
        numbers = [_float(el.get(k)) for k in ("x1", "y1", "x2", "y2")]
    if len(numbers) < 4 or (tag == "path" and re.search(r"[a-z]", el.get("d") or "")):
        return None  # relative path commands: no bounds without walking the path
    xs, ys = numbers[0::2], numbers[1::2]
    return (min(xs) + dx, min(ys) + dy, max(xs) + dx, max(ys) + dy)


def _large(d: Drawn) -> bool:
    return d.size >= LARGE_TEXT_PX or (d.bold and d.size >= LARGE_BOLD_PX)


def svg_contrast(
    root: ET.Element, page: Iterable[tuple[str, str]], shapes: bool
) -> list[tuple[Drawn, str, str, float, float]]:
    """What in an SVG falls under its WCAG minimum: (item, its colour, the colour behind it,
    the contrast, the minimum). ``page``: (name, colour) of the screens it is shown on, for what
    has nothing drawn behind it; ``shapes``: check shapes too (a chart's bars), not only text."""
    page = list(page)
    low = []
    for d in svg_drawn(root):
        if d.behind is None or not d.colours or d.kind == "backdrop":
            continue
        if d.kind == "shape" and not shapes:
            continue
        minimum = (
            (LARGE_TEXT_CONTRAST if _large(d) else TEXT_CONTRAST)
            if d.kind == "text"
            else GRAPHIC_CONTRAST
        )
        grounds = page if d.behind == PAGE else [(d.behind, d.behind)]
        for _name, ground in grounds:
            # a shape is seen if its fill or its edge stands out; a text by its fill
            ratio, best = max((contrast(c, ground), c) for c in d.colours)
            if ratio < minimum:
                low.append((d, best, ground, ratio, minimum))
                break
    return low


def check_artwork_contrast(gallery: Gallery, where: Where) -> list[Finding]:
    """Text in SVG artwork against what it is drawn on (4.5:1, 3:1 when large), and in a
    section's figure (a chart) its shapes too (3:1). A poster's own picture is shown on the
    page and on its card; a section's on the page."""
    theme = gallery.settings.theme
    palette = palette_for(theme.name, theme.accent)
    found = []
    seen: dict[tuple[str, bool], list[tuple[Drawn, str, str, float, float]]] = {}
    for poster in gallery.posters:
        file = where.poster_file(poster.id)
        for loc, art, _alt, in_section in _artworks(poster):
            key = (str(art.path), in_section)
            if key not in seen:
                root = _svg_root(art.path)
                page = [("background", palette.background)]
                if not in_section:
                    page.append(("surface", palette.surface))
                seen[key] = [] if root is None else svg_contrast(root, page, shapes=in_section)
            counted: dict[tuple[str, str, str, str, float, float], int] = {}
            for d, colour, ground, ratio, minimum in seen[key]:
                what = f"the text '{_short(d.label)}'" if d.kind == "text" else f"a {d.label}"
                k = (what, d.behind or "", colour, ground, ratio, minimum)
                counted[k] = counted.get(k, 0) + 1
            for (what, behind, colour, ground, ratio, minimum), n in counted.items():
                times = f" ({n} of them)" if n > 1 else ""
                under = "the screen behind it" if behind == PAGE else "the colour behind it"
                found.append(
                    where.finding(
                        file,
                        loc,
                        "contrast",
                        f"{place_text(loc)} '{art.source}': {what}{times} is drawn in {colour} on "
                        f"{ground} ({under}), a contrast of {ratio:.2f}:1, under the "
                        f"{_n(minimum)}:1 it needs: change the colour in the SVG "
                        f"(such as {readable_on(colour, ground, minimum)})",
                    )
                )
    return found


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- measured on the real screens (kiosk.commands.doctor) ----------------------------------------
@dataclass(frozen=True)
class FirstScreen:
    """A poster's first screen at one window size: the height of its view, and the parts meant
    to be on it (title, tagline, artwork, first key figure, quotes button) with the bottom of
    each, in pixels from the top of the view at scroll position 0."""

    poster_id: str
    size: tuple[int, int]
    viewport: int
    bottoms: tuple[tuple[str, int], ...]


def first_screen_findings(
    measures: Iterable[FirstScreen], gallery: Gallery, where: Where
) -> list[Finding]:
    found = []
    for m in measures:
        below = [(part, bottom) for part, bottom in m.bottoms if bottom > m.viewport]
        if not below:
            continue
        poster = gallery.poster(m.poster_id)
        if poster is None:
            continue
        over = max(bottom for _, bottom in below) - m.viewport
        loc: Loc = ("tagline",) if poster.tagline is not None else ("title",)
        words = [f"the title ({_words(str(poster.title))} words)"]
        if poster.tagline is not None:
            words.insert(0, f"the tagline ({_words(str(poster.tagline))} words)")
        found.append(
            where.finding(
                where.poster_file(poster.id),
                loc,
                "first screen",
                f"at {m.size[0]}×{m.size[1]} the poster's first screen overflows: "
                f"{_and([part for part, _ in below])} "
                f"{'ends' if len(below) == 1 else 'end'} {over} px below it (the screen shows "
                f"{m.viewport} px): shorten {' or '.join(words)}",
            )
        )
    return found


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Target:
    """A control a visitor can touch, as laid out on a screen: where it comes from in the
    content (``file`` None: a control of the app's own)."""

    screen: str
    name: str
    width: int
    height: int
    file: str | None = None
    loc: Loc = ()


def target_findings(targets: Iterable[Target], where: Where) -> list[Finding]:
    found = []
    seen: set[tuple[str, str, int, int]] = set()
    for t in targets:
        if t.width >= MIN_TARGET_PX and t.height >= MIN_TARGET_PX:
            continue
        key = (t.file or "", t.name, t.width, t.height)
        if key in seen:  # the same card on the home screen and the overview: said once
            continue
        seen.add(key)
        own = "" if t.file else " (a control of the app itself, not of the content)"
        found.append(
            where.finding(
                t.file or GALLERY_FILE,
                t.loc,
                "target",
                f"on the {t.screen} at 1920×1080, '{_short(t.name, 60)}' is {t.width}×{t.height} "
                f"px, under the {MIN_TARGET_PX}×{MIN_TARGET_PX} px a finger needs{own}",
            )
        )
    return found


def summary(findings: list[Finding], gallery: Gallery) -> str:
    g = gallery
    head = f"{len(g.posters)} posters, {len(g.quotes)} quotes"
    if not findings:
        return f"{head}: no findings"
    counts = {c: sum(1 for f in findings if f.check == c) for c in CHECKS}
    counts |= {"error": sum(1 for f in findings if f.check == "error")}
    parts = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    n = len(findings)
    return f"{head}: {n} finding{'s' if n != 1 else ''} ({parts})"
