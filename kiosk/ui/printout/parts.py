"""What every part of a print shares: ``Printing`` (the gallery, language, look, palette and
the device the text is measured on), texts stacked one under another, a heading."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtGui import QFont, QPaintDevice, QPainter

from kiosk.colour import Palette
from kiosk.content.model import Gallery
from kiosk.content.text import LocalText
from kiosk.i18n import Translator, translator
from kiosk.ui.context import format_date, locale_dir, qlocale
from kiosk.ui.printout.art import PrintArt, Warn, load_art
from kiosk.ui.printout.flow import Text
from kiosk.ui.printout.style import Look


@dataclass
class Printing:
    """What every part of a print needs: the gallery and language, the look, the palette,
    the device the text is measured on, the size of a design unit on paper, a warning sink,
    and the pictures loaded once per file."""

    gallery: Gallery
    lang: str | None
    look: Look
    palette: Palette
    device: QPaintDevice
    mm_per_unit: float
    warn: Warn
    arts: dict[Path, PrintArt | None]

    def t(self, text: LocalText | None) -> str:
        return self.gallery.text(text, self.lang)

    # the print's own words, dates in the print's language (as ``Ctx`` does on screen)
    @property
    def translator(self) -> Translator:
        return translator(locale_dir(), self.lang or self.gallery.default_language)

    def tr(self, text: str) -> str:
        return self.translator.gettext(text)

    def date(self, value: dt.date) -> str:
        return format_date(qlocale(self.lang or self.gallery.default_language), value)

    def with_look(self, look: Look) -> Printing:
        return replace(self, look=look)

    def art(self, path: Path | None) -> PrintArt | None:
        """The picture at ``path``, loaded and checked once per file."""
        if path is None:
            return None
        if path not in self.arts:
            self.arts[path] = load_art(path, self.warn)
        return self.arts[path]


def stack_height(items: list[Text], width: float, device: QPaintDevice) -> float:
    total = 0.0
    for i, item in enumerate(items):
        item.measure(width, device)
        total += (item.before if i else 0.0) + sum(item.pieces)
    return total


def draw_stack(painter: QPainter, items: list[Text], x: float, y: float) -> float:
    """Texts measured by ``stack_height``, one under another; returns the y below them."""
    for i, item in enumerate(items):
        y += item.before if i else 0.0
        item.draw(painter, x, y, 0, len(item.pieces))
        y += sum(item.pieces)
    return y


def heading(pr: Printing, text: str, before: float) -> Text:
    L, P = pr.look, pr.palette  # noqa: N806
    return Text(
        text,
        L.font(L.heading, QFont.Weight.Bold),
        P.text,
        before=before,
        after=L.space(1.2),
        keep_with_next=True,
        line_height=1.2,
    )
