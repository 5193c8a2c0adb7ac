"""The look: qt-material as the base, the poster typography and colours on top.

qt-material styles the controls; the posters' type scale and colours are ours, set through
property selectors (``QLabel[role="h1"]``), because qt-material's stylesheet puts a font size on
every widget and ``setFont()`` would be ignored (PITFALLS.md §3). Sizes follow the window's short
side, so the same layout reads at 1280×720, 1920×1080, 3840×2160 and in portrait.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

# the colours moved to kiosk.colour (plain Python: kiosk doctor checks the content with them);
# imported here, where the rest of the app has always found them
from kiosk.colour import (  # noqa: F401
    HIGH_CONTRAST,
    Palette,
    contrast,
    luminance,
    mix,
    palette_for,
    readable_on,
)

log = logging.getLogger(__name__)

FONT_FAMILY = "Roboto"
REFERENCE_SHORT_SIDE = 1080  # sizes below are for a 1920×1080 screen


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


def accent_text_rule(p: Palette) -> str:
    """The colour of accent text (a poster's kicker, its key figures, a card's place)."""
    return f'QLabel[tone="accent"] {{ color: {p.accent_text}; }}'


def accent_panel_rules(p: Palette, s: TypeScale) -> list[str]:
    """The panels of a poster page edged in the accent: the key figures' tiles, the lessons."""
    return [
        # an accent edge on one side only: that side's corners square, the others round (a
        # rounded corner meeting a one-sided border drew small hooks at the tile's corners)
        f'QFrame[panel="tile"] {{ background: {p.surface}; border: none; '
        f"border-top: {s.space(0.75)}px solid {p.accent}; border-radius: 0px; "
        f"border-bottom-left-radius: {s.space(1.5)}px; "
        f"border-bottom-right-radius: {s.space(1.5)}px; }}",
        f'QFrame[panel="lessons"] {{ background: {p.surface_alt}; border: none; '
        f"border-left: {s.space(1.25)}px solid {p.accent}; border-radius: 0px; "
        f"border-top-right-radius: {s.space(2)}px; border-bottom-right-radius: {s.space(2)}px; }}",
    ]


def poster_accent_sheet(p: Palette, s: TypeScale) -> str:
    """A poster page's own style sheet when it has its own accent (``with_own_accent``): the
    window's accent rules again, in its colour."""
    return "\n".join([accent_text_rule(p), *accent_panel_rules(p, s)])


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
        accent_text_rule(p),
        'QLabel[role="quote"] { font-style: italic; }',
        f'QFrame[panel="card"] {{ background: {p.surface}; border-radius: {s.space(2)}px; '
        f"border: {max(1, s.space(0.25))}px solid {p.edge}; }}",
        f'QFrame[panel="card"][selected="true"] {{ border: {s.space(0.75)}px solid {p.accent}; }}',
        *accent_panel_rules(p, s),
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
FALLBACK_FONTS = "fallback"
"""The folder (in the fonts' folder) of the fonts for the scripts Roboto does not draw."""


_ADDED: dict[Path, list[str]] = {}  # each folder's fonts are added to Qt once per process


def _add_fonts(folder: Path) -> list[str]:
    from PySide6.QtGui import QFontDatabase

    if folder in _ADDED:
        return _ADDED[folder]
    families: set[str] = set()
    for path in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path.name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    _ADDED[folder] = sorted(families)
    return _ADDED[folder]


def load_fonts(fonts_dir: Path) -> list[str]:
    """The app's fonts: Roboto, and the fallback fonts (Chinese, Japanese, Korean, Arabic) as
    Roboto's substitutes, so that Qt takes a letter Roboto lacks from them before the system's
    fonts, and a text in those scripts shows on a machine that has none (a bare kiosk)."""
    from PySide6.QtGui import QFont

    families = _add_fonts(fonts_dir)
    fallback = _add_fonts(fonts_dir / FALLBACK_FONTS)
    if fallback:
        QFont.insertSubstitutions(FONT_FAMILY, fallback)
    return families + fallback


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
