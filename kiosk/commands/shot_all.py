"""``kiosk shot --all OUT_DIR``: every screen, every poster full length and every quote, in
every language of the gallery, as PNG files, and ``index.html``, a contact sheet to look
through them all at once in a browser.

Each screen is put up by ``kiosk shot``'s own code (``shot.show_screen``, ``shot.fishbowl_image``)
in one gallery window per language; the posters are grabbed whole (kiosk/ui/full_length.py).
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import log as klog
from kiosk import startup
from kiosk.commands.shot import fishbowl_image, show_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kiosk.content.loader import LoadResult
    from kiosk.content.model import Gallery
    from kiosk.ui.main_window import MainWindow

# the gallery's screens, in the order a visitor meets them (poster: the first, as a screenful)
SCREENS = ("home", "overview", "poster", "help", "about", "settings")
FISHBOWL_STATES = ("normal", "warning")
# PNG's compression: 9 (Qt's default) took a quarter of a second a picture; this a tenth
PNG_QUALITY = 70
THUMB_WIDTH = 360  # px: the contact sheet's pictures (the file itself is full size)


@dataclass
class Shot:
    """One picture of the contact sheet."""

    file: str  # relative to the output folder
    caption: str
    width: int
    height: int


@dataclass
class Sheet:
    """The pictures of one language, by group (screens, posters, quotes, fishbowl)."""

    lang: str
    groups: dict[str, list[Shot]] = field(default_factory=dict)

    def add(self, group: str, shot: Shot) -> None:
        self.groups.setdefault(group, []).append(shot)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # no read-aloud engine, as in a single `kiosk shot` (whose window is grabbed before the
    # engine starts): every picture alike, and no seconds spent starting a voice per window
    os.environ.setdefault("KIOSK_TTS_ENGINE", "none")
    klog.setup(None, logging.WARNING)
    started = time.perf_counter()
    out = Path(args.out)
    if out.suffix.lower() == ".png" or (out.exists() and not out.is_dir()):
        print(f"kiosk shot --all: {out} is a file name; give a folder to fill", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    app = startup.get_app()
    result = startup.load(args.content)
    size: tuple[int, int] = args.size
    languages = [args.lang] if args.lang else list(result.gallery.settings.languages)
    sheets: list[Sheet] = []
    failed: list[str] = []
    for i, lang in enumerate(languages):
        sheet = Sheet(lang)
        sheets.append(sheet)
        failed += _language(app, result, size, lang, out, sheet, theme=i == 0)
    count = sum(len(shots) for sheet in sheets for shots in sheet.groups.values())
    title = result.gallery.text(result.gallery.settings.title, languages[0])
    index = out / "index.html"
    index.write_text(contact_sheet(title, size, sheets, result.summary()), encoding="utf-8")
    for name in failed:
        print(f"kiosk shot --all: could not write {name}", file=sys.stderr)
    took = time.perf_counter() - started
    print(
        f"{index}: {count} pictures in {', '.join(languages)} at {size[0]}x{size[1]} ({took:.1f} s)"
    )
    return 1 if failed else 0


def _language(
    app: QApplication,
    result: LoadResult,
    size: tuple[int, int],
    lang: str,
    out: Path,
    sheet: Sheet,
    theme: bool,
) -> list[str]:
    """Every picture of one language into ``out/lang/``; the names that could not be written."""
    from kiosk.ui.full_length import render_poster

    folder = out / lang
    folder.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []

    def save(group: str, name: str, caption: str, image: QImage) -> None:
        path = folder / f"{name}.png"
        if image.save(str(path), quality=PNG_QUALITY):
            sheet.add(group, Shot(f"{lang}/{path.name}", caption, image.width(), image.height()))
        else:
            failed.append(str(path))

    gallery = result.gallery
    # the look is applied once, for the first language (the same for all: 1 s each time)
    window = startup.gallery_window(result, size, lang=lang, reduced_motion=True, theme=theme)
    try:
        for screen in SCREENS:
            show_screen(window, screen)
            save("Screens", screen, screen, startup.render(app, window, window.ctx))
        for i, poster in enumerate(gallery.posters):
            image = render_poster(window.ctx, i, size)
            title = gallery.text(poster.title, lang)
            save("Posters, full length", f"poster-{i + 1:02d}-{poster.id}", title, image)
        if gallery.quotes:
            show_screen(window, "quotes")
            for i, quote in enumerate(gallery.quotes):
                carousel = window.quotes.carousel
                if carousel is not None:
                    carousel.jump(i)
                image = _grab(app, window)
                save(
                    "Quotes",
                    f"quote-{i + 1:02d}-{quote.id}",
                    _quote_caption(gallery, i, lang),
                    image,
                )
        show_screen(window, "home")
        for kind, image in _attract_slides(app, window):
            save("Attract loop (kiosk mode)", f"attract-{kind.lower()}", kind, image)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    for state in FISHBOWL_STATES:
        image = fishbowl_image(app, result, size, lang, state, theme=False)
        save("Fishbowl", f"fishbowl-{state}", f"fishbowl ({state})", image)
    return failed


def _quote_caption(gallery: Gallery, index: int, lang: str, words: int = 8) -> str:
    """The speaker and the quote's first words, in ``lang``: which quote a picture shows."""
    quote = gallery.quotes[index]
    text = gallery.text(quote.text, lang).split()
    start = " ".join(text[:words]) + ("…" if len(text) > words else "")
    return f"{gallery.text(quote.speaker, lang)}: “{start}”"


def _grab(app: QApplication, window: MainWindow) -> QImage:
    return startup.render(app, window, window.ctx)


def _attract_slides(app: QApplication, window: MainWindow) -> list[tuple[str, QImage]]:
    """The attract loop's first slide of each kind (a poster, a quote, the credits), as the
    kiosk shows it over the gallery after an idle reset."""
    from kiosk.ui.kiosk.attract import AttractOverlay

    overlay = AttractOverlay(window.ctx, window)
    overlay.setGeometry(window.rect())
    overlay.show()
    overlay.raise_()
    shots: list[tuple[str, QImage]] = []
    seen: set[str] = set()
    try:
        for _ in overlay.slides:
            kind = {"CreditsSlide": "Credits"}.get(type(overlay.slides[overlay.index]).__name__, "")
            kind = kind or type(overlay.slides[overlay.index]).__name__
            if kind not in seen:
                seen.add(kind)
                shots.append((kind, _grab(app, window)))
            overlay.advance()
    finally:
        overlay.close()
        overlay.deleteLater()
    return shots


def contact_sheet(title: str, size: tuple[int, int], sheets: list[Sheet], summary: str) -> str:
    """The index page: per language, each group's pictures as thumbnails linking to the file."""
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}: every screen</title>",
        "<style>",
        "body{font-family:sans-serif;background:#222;color:#eee;margin:24px}",
        "h2{margin-top:40px;border-bottom:1px solid #555}",
        "h3{color:#aaa}",
        ".grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}",
        f"figure{{margin:0;width:{THUMB_WIDTH}px}}",
        f"img{{width:{THUMB_WIDTH}px;border:1px solid #555;background:#000}}",
        ".tall img{max-height:900px;object-fit:cover;object-position:top}",
        "figcaption{font-size:14px;margin-top:4px;overflow-wrap:anywhere}",
        "a{color:#8cf}",
        "</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(summary)}. Every screen at {size[0]}×{size[1]}; posters full length; "
        "click a picture for the full size. Made by <code>kiosk shot --all</code>.</p>",
        "<p>" + " · ".join(f'<a href="#{e(s.lang)}">{e(s.lang)}</a>' for s in sheets) + "</p>",
    ]
    for sheet in sheets:
        parts.append(f'<h2 id="{e(sheet.lang)}">{e(sheet.lang)}</h2>')
        for group, shots in sheet.groups.items():
            parts.append(f"<h3>{e(group)} ({len(shots)})</h3>")
            parts.append('<div class="grid">')
            for shot in shots:
                tall = ' class="tall"' if shot.height > shot.width else ""
                parts.append(
                    f'<figure{tall}><a href="{e(shot.file)}"><img src="{e(shot.file)}" '
                    f'alt="{e(shot.caption)}" loading="lazy"></a>'
                    f"<figcaption>{e(shot.caption)}<br><small>{e(shot.file)}, "
                    f"{shot.width}×{shot.height}</small></figcaption></figure>"
                )
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
