"""The look: qt-material as the base, the poster typography and colours on top.

qt-material styles the controls; the posters' type scale and colours are ours, set through
property selectors (``QLabel[role="h1"]``), because qt-material's stylesheet puts a font size on
every widget and ``setFont()`` would be ignored (PITFALLS.md §3). Sizes follow the window's short
side, so the same layout reads at 1280×720, 1920×1080, 3840×2160 and in portrait.
"""

from __future__ import annotations

import importlib.util
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FONT_FAMILY = "Roboto"
REFERENCE_SHORT_SIDE = 1080  # sizes below are for a 1920×1080 screen


# --- colour ---------------------------------------------------------------------------------
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


# --- type -----------------------------------------------------------------------------------
# name -> (pixel size at 1080 px short side, weight, line-height factor)
ROLES: dict[str, tuple[int, int, float]] = {
    "display": (84, 700, 1.1),  # the event's title on the home banner
    "h1": (68, 700, 1.1),  # a poster's title
    "h2": (42, 700, 1.2),  # section headings
    "h3": (34, 500, 1.25),  # card titles, sub-headings
    "lead": (34, 400, 1.35),  # taglines
    "body": (28, 400, 1.45),
    "label": (28, 500, 1.3),  # fact labels, buttons
    "small": (24, 400, 1.35),  # notes, captions, sources, hints
    "value": (76, 700, 1.0),  # the big numbers
    "quote": (36, 400, 1.4),
}


@dataclass(frozen=True)
class TypeScale:
    factor: float
    text: float = 1.0  # the visitor's text size step (kiosk.core.visitor.TEXT_STEPS)

    @classmethod
    def for_size(cls, width: int, height: int, text: float = 1.0) -> TypeScale:
        short = max(1, min(width, height))
        return cls(short / REFERENCE_SHORT_SIDE, text)

    def px(self, role: str) -> int:
        """A role's font size: it grows with the visitor's text size; spacing and touch
        targets follow the screen alone."""
        return max(10, round(ROLES[role][0] * self.factor * self.text))

    def measure(self, width: float) -> float:
        """``width`` in reference pixels as the text sees it: layouts that choose columns by
        width choose fewer when the visitor has made the text larger."""
        return width / (self.factor * self.text)

    def space(self, units: float = 1) -> int:
        """A spacing step: 8 px at 1080p."""
        return max(2, round(8 * units * self.factor))

    @property
    def touch(self) -> int:
        """The side of a touch target: 72 px at 1080p (well over 9 mm on a 24" screen)."""
        return max(48, round(72 * self.factor))


def stylesheet(p: Palette, s: TypeScale) -> str:
    """Our rules, applied on top of qt-material's on the main window."""
    rules = [
        f"QWidget#screen, QWidget#page, QScrollArea#posterScroll, QWidget#posterView "
        f"{{ background: {p.background}; }}",
        "QWidget#section, ArtworkView, MoreCue { background: transparent; }",
        f"QLabel {{ color: {p.text}; background: transparent; font-family: '{FONT_FAMILY}'; }}",
    ]
    for role, (_size, weight, _lh) in ROLES.items():
        rules.append(
            f'QLabel[role="{role}"] {{ font-size: {s.px(role)}px; font-weight: {weight}; }}'
        )
    rules += [
        f'QLabel[tone="muted"] {{ color: {p.muted}; }}',
        f'QLabel[tone="accent"] {{ color: {p.accent_text}; }}',
        'QLabel[role="quote"] { font-style: italic; }',
        f'QFrame[panel="card"] {{ background: {p.surface}; border-radius: {s.space(2)}px; '
        f"border: {max(1, s.space(0.25))}px solid {p.edge}; }}",
        f'QFrame[panel="card"][selected="true"] {{ border: {s.space(0.75)}px solid {p.accent}; }}',
        # an accent edge on one side only: that side's corners square, the others round (a
        # rounded corner meeting a one-sided border drew small hooks at the tile's corners)
        f'QFrame[panel="tile"] {{ background: {p.surface}; border: none; '
        f"border-top: {s.space(0.75)}px solid {p.accent}; border-radius: 0px; "
        f"border-bottom-left-radius: {s.space(1.5)}px; "
        f"border-bottom-right-radius: {s.space(1.5)}px; }}",
        f'QFrame[panel="lessons"] {{ background: {p.surface_alt}; border: none; '
        f"border-left: {s.space(1.25)}px solid {p.accent}; border-radius: 0px; "
        f"border-top-right-radius: {s.space(2)}px; border-bottom-right-radius: {s.space(2)}px; }}",
        f'QFrame[panel="quote"] {{ background: {p.surface}; border-radius: {s.space(2)}px; '
        f"border: {max(1, s.space(0.25)) if p.high_contrast else 0}px solid {p.edge}; }}",
        f'QFrame[panel="banner"] {{ background: {p.surface_alt}; border-radius: 0px; }}',
        f'QFrame[panel="bar"] {{ background: {mix(p.background, p.text, 0.06)}; }}',
        f'QFrame[panel="help"] {{ background: {p.surface}; border-radius: {s.space(2)}px; '
        f"border: {s.space(0.5)}px solid {p.accent}; }}",
        f'QToolButton[role="nav"] {{ background: {p.raised}; color: {p.text}; '
        f"border: {max(1, s.space(0.25)) if p.high_contrast else 0}px solid {p.edge}; "
        f"border-radius: {s.touch // 2}px; "
        f"min-width: {s.touch}px; min-height: {s.touch}px; font-size: {s.px('label')}px; "
        f"padding: 0px {s.space(1.5)}px; }}",
        f'QToolButton[role="nav"]:pressed, QToolButton[role="nav"][choice="true"]:checked '
        f"{{ background: {p.accent}; color: {p.on_accent}; }}",
        f'QToolButton[role="nav"]:disabled {{ background: transparent; color: '
        f"{mix(p.background, p.text, 0.3)}; }}",
        f'QLineEdit[role="field"] {{ font-size: {s.px("body")}px; color: {p.text}; '
        f"background: {mix(p.surface, p.text, 0.06)}; border: none; border-bottom: "
        f"{s.space(0.4)}px solid {p.accent}; padding: 0px {s.space(1.5)}px; }}",
        f'QToolButton[role="edge"] {{ background: {mix(p.background, p.text, 0.12)}; '
        f"border: {max(1, s.space(0.25)) if p.high_contrast else 0}px solid {p.edge}; "
        f"border-radius: {s.touch // 2}px; min-width: {s.touch}px; "
        f"min-height: {s.touch}px; }}",
        f'QToolButton[role="edge"]:pressed {{ background: {p.accent}; }}',
    ]
    return "\n".join(rules)


# --- applying ---------------------------------------------------------------------------------
def load_fonts(fonts_dir: Path) -> list[str]:
    from PySide6.QtGui import QFontDatabase

    families: set[str] = set()
    for path in sorted(fonts_dir.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path.name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def material_extra(font_family: str, font_px: int) -> dict[str, str]:
    """qt-material's ``extra``: our font and type scale (it ignores ``QApplication.setFont``)."""
    return {"font_family": font_family, "font_size": f"{font_px}px", "density_scale": "0"}


def prerendered_folder(root: Path, theme_name: str) -> Path:
    return root / Path(theme_name).name.removesuffix(".xml")


def prerendered_stylesheet(folder: Path, theme_name: str, font_px: int) -> tuple[str, dict] | None:
    """The stylesheet rendered at build time (tools.render_theme) for ``font_px``, and
    its manifest; None when ``folder`` holds no rendering of this theme for this platform."""
    import json
    import platform

    try:
        manifest = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
        css = (folder / "stylesheet.qss").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if manifest.get("theme") != theme_name or manifest.get("platform") != platform.system():
        log.info(
            "pre-rendered theme in %s is for %s on %s: rendering live",
            folder,
            manifest.get("theme"),
            manifest.get("platform"),
        )
        return None
    sentinel = int(manifest.get("sentinel", 0) or 0)
    if not sentinel:
        return None
    # the font size is the one value that depends on the window: rendered as a marker
    css = css.replace(f"{float(sentinel)}", f"{float(font_px)}").replace(
        f"{sentinel}px", f"{font_px}px"
    )
    return css, manifest


def apply_prerendered(app: object, theme_name: str, font_px: int, root: Path | None = None) -> bool:
    """qt-material's look from the stylesheet rendered at build time: the same rules and icons
    without importing qt-material (and jinja2, and QtUiTools) or writing icons at start. False,
    with nothing changed, when there is no rendering for this theme and platform."""
    from PySide6.QtCore import QDir
    from PySide6.QtGui import QColor, QGuiApplication, QPalette
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    if root is None:
        from kiosk import paths

        root = paths.assets_dir() / "theme"
    folder = prerendered_folder(root, theme_name)
    found = prerendered_stylesheet(folder, theme_name, font_px)
    if found is None:
        return False
    css, manifest = found
    # what qt_material.apply_stylesheet does besides setting the stylesheet
    app.setStyle("Fusion")
    QDir.addSearchPath("icon", str(folder / "icons"))
    primary = manifest.get("primary_color", "")
    if primary:
        palette = QGuiApplication.palette()
        colour = QColor(primary)
        colour.setAlpha(92)
        palette.setColor(QPalette.ColorRole.Text, colour)
        QGuiApplication.setPalette(palette)
    app.setStyleSheet(css)
    return bool(app.styleSheet())


def apply_base(
    app: object, theme_name: str, cache_dir: Path, scale: TypeScale, prerendered: Path | None = None
) -> bool:
    """qt-material's stylesheet on the application, once at start. False if it failed.

    Pre-rendered at build time when ``prerendered`` (assets/theme) holds this theme; live
    otherwise (PITFALLS.md §3: the live apply costs ~0.15 s and writes icons into
    ``cache_dir``)."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    if prerendered is not None:
        try:
            if apply_prerendered(app, theme_name, scale.px("body"), prerendered):
                return True
        except Exception:  # a broken rendering must never keep the gallery from showing
            log.exception("the pre-rendered theme %s could not be applied", theme_name)
    try:
        import qt_material  # imported after PySide6, or it disables itself

        icons = cache_dir / "qt_material"
        icons.mkdir(parents=True, exist_ok=True)
        qt_material.apply_stylesheet(
            app,
            theme=theme_name,
            invert_secondary=theme_name.startswith("light"),
            extra=material_extra(FONT_FAMILY, scale.px("body")),
            parent=str(icons),
        )
    except Exception:  # a theme must never keep the gallery from showing
        log.exception("qt-material could not apply %s", theme_name)
        return False
    if not app.styleSheet():
        log.warning("qt-material set no stylesheet for %s", theme_name)
        return False
    return True
