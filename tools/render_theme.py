"""Render qt-material's look at build time: ``python -m tools.render_theme``.

qt-material renders a Jinja template and writes recoloured icons every time it is applied: about
0.15 s and 15 MB at every start, and writes into the home folder (PITFALLS.md §3). This tool does
that work once, with qt-material itself, and writes for each theme

    assets/theme/<theme>/stylesheet.qss   the rendered stylesheet, its font size left as a marker
    assets/theme/<theme>/icons/...        the recoloured icons the stylesheet refers to
    assets/theme/<theme>/theme.json       what it was rendered from (checked before use)

which ``kiosk.theme.apply_base`` loads at start, falling back to live qt-material when the folder
is missing or was rendered for another platform or version. The look is qt-material's either way:
``tests/unit/test_theme_prerendered.py`` compares the two.

By default it renders the theme named by the default content (the bundle's); another content
folder's theme is rendered with ``--theme NAME.xml`` (or applied live).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import sys
import tempfile
from pathlib import Path

SENTINEL = 7777  # a font size no stylesheet uses: replaced by the real one at start
DEFAULT_THEMES = ("dark_teal.xml",)  # when the content names none: the model's default
ICON_URL = re.compile(r"icon:/(\w+)/([\w.-]+\.svg)")


def folder_name(theme: str) -> str:
    return Path(theme).name.removesuffix(".xml")


def render(theme: str, out_root: Path) -> Path:
    """Render ``theme`` into ``out_root/<theme>/``; returns that folder."""
    from PySide6.QtGui import QGuiApplication  # noqa: F401 - qt-material must come after PySide6

    # isort: split
    import qt_material

    from kiosk.theme import FONT_FAMILY, material_extra

    invert = theme.startswith("light")
    work = Path(tempfile.mkdtemp(prefix="qt-material-"))
    try:
        css = qt_material.build_stylesheet(
            theme=theme,
            invert_secondary=invert,
            extra=material_extra(FONT_FAMILY, SENTINEL),
            parent=str(work),
        )
        if not css:
            raise SystemExit(f"render_theme: qt-material has no theme '{theme}'")
        colours = qt_material.get_theme(theme, invert)
        target = out_root / folder_name(theme)
        if target.exists():
            shutil.rmtree(target)
        (target / "icons").mkdir(parents=True)
        for kind, name in sorted(set(ICON_URL.findall(css))):
            source = work / kind / name
            if source.is_file():
                (target / "icons" / kind).mkdir(exist_ok=True)
                shutil.copyfile(source, target / "icons" / kind / name)
        (target / "stylesheet.qss").write_text(css, encoding="utf-8")
        manifest = {
            "theme": theme,
            "invert_secondary": invert,
            "platform": platform.system(),
            "qt_material": getattr(qt_material, "__version__", "") or _version(),
            "sentinel": SENTINEL,
            "primary_color": colours["primaryColor"],
        }
        (target / "theme.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("qt-material")
    except PackageNotFoundError:
        return ""


def content_themes() -> list[str]:
    """The theme named by the default content's gallery.yaml (without loading the content)."""
    from kiosk import paths

    try:
        text = (paths.default_content_dir() / "gallery.yaml").read_text(encoding="utf-8")
    except OSError:
        return []
    m = re.search(r"^theme:\s*\n\s+name:\s*['\"]?([\w.-]+)", text, re.M)
    return [m.group(1)] if m else []


def main(argv: list[str] | None = None) -> int:
    from kiosk import paths

    parser = argparse.ArgumentParser(
        prog="python -m tools.render_theme", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--theme",
        action="append",
        metavar="NAME.xml",
        help="a qt-material theme to render (repeatable; default: the one the "
        "default content names)",
    )
    parser.add_argument(
        "--out",
        default=str(paths.assets_dir() / "theme"),
        help="the folder to write into (default: assets/theme)",
    )
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    _ = app
    themes = list(dict.fromkeys(args.theme or content_themes() or DEFAULT_THEMES))
    for theme in themes:
        target = render(theme, Path(args.out))
        print(f"{target}: {theme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
