"""What every screen needs to build itself: the gallery, the look, the language, the images."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale

from kiosk import paths
from kiosk.i18n import PSEUDO, SOURCE_LANGUAGE, Translator, translator
from kiosk.theme import Palette, TypeScale
from kiosk.ui.images import ImageStore

if TYPE_CHECKING:  # the UI never needs the content model's classes themselves
    from kiosk.content.model import Gallery
    from kiosk.content.text import LocalText
    from kiosk.core.poll import PollBook
    from kiosk.core.usage import Usage
    from kiosk.ui.speech import Reader


class OnScreen:
    """The gallery on screen, one holder shared by every Ctx made from a window's (with
    ``replace``): a reload sets it once, and every widget, whenever it was built, reads the new
    gallery through its own Ctx. (Widgets keep the Ctx they were built with; were the gallery a
    field of it, the widgets a reload does not rebuild would each keep an old gallery alive.)"""

    __slots__ = ("gallery",)

    def __init__(self, gallery: Gallery) -> None:
        self.gallery = gallery


@dataclass(frozen=True)
class Ctx:
    on_screen: OnScreen
    images: ImageStore
    palette: Palette
    scale: TypeScale
    lang: str | None = None
    reduced_motion: bool = False
    kiosk: bool = False  # unattended: locked, no key hints (the one place this is decided)
    reach: bool = False  # the visitor's reach mode: every control in the screen's lower band
    hints: bool = True  # key hints on screen; off for the audience of ``kiosk present``
    speech: Reader | None = None  # read aloud (the window's one voice); None: no reading here
    polls: PollBook | None = None  # the poll posters' votes (the window's one book)
    usage: Usage | None = None  # zooms and quote swipes, told to analytics

    @property
    def gallery(self) -> Gallery:
        return self.on_screen.gallery

    def showing(self, gallery: Gallery) -> Ctx:
        """The same, now showing ``gallery`` everywhere: in this Ctx and in every one that
        shares its holder (a fresh Ctx, so that nothing cached for the old gallery is kept)."""
        self.on_screen.gallery = gallery
        return replace(self)

    def apart(self, gallery: Gallery) -> Ctx:
        """The same look for ``gallery`` in a holder of its own (the editor's preview)."""
        return replace(self, on_screen=OnScreen(gallery))

    def t(self, text: LocalText | None) -> str:
        """Text in the language on screen (falling back to the gallery's default)."""
        return self.gallery.text(text, self.lang)

    # --- the interface's words, dates and numbers in the language on screen --------------------
    @cached_property
    def translator(self) -> Translator:
        """(Kept: finding the catalogues' folder resolves paths, and a screen asks hundreds of
        times while it is built.)"""
        return translator(locale_dir(), self.lang or self.gallery.default_language)

    def tr(self, text: str) -> str:
        """An interface text (marked where it is written: ``ctx.tr("Home")``, or ``N_``)."""
        return self.translator.gettext(text)

    def ntr(self, singular: str, plural: str, n: int) -> str:
        """An interface text with a count, in the language's plural form for ``n``."""
        return self.translator.ngettext(singular, plural, n)

    @property
    def locale(self) -> QLocale:
        return qlocale(self.lang or self.gallery.default_language)

    def date(self, value: dt.date) -> str:
        """'19 June 2017', '19 juin 2017', '19 de junio de 2017'."""
        return format_date(self.locale, value)

    def number(self, value: float) -> str:
        """'4,718', '4 718' (French spacing), '4718' (Spanish, four digits)."""
        return self.locale.toString(value)

    @property
    def presenter(self) -> bool:
        """A presenter or an organiser holds the keyboard: key hints are shown."""
        return not self.kiosk

    def with_scale(self, scale: TypeScale) -> Ctx:
        return replace(self, scale=scale)

    def with_palette(self, palette: Palette) -> Ctx:
        """The same, in other colours (a poster's own accent)."""
        return replace(self, palette=palette)

    @property
    def colours(self) -> tuple[str, str]:
        return self.palette.surface, self.palette.muted


def locale_dir() -> Path:
    """The interface's catalogues (assets/locale/<lang>.po), shipped in the bundle's assets."""
    return paths.assets_dir() / "locale"


def qlocale(lang: str) -> QLocale:
    return QLocale(SOURCE_LANGUAGE if lang == PSEUDO else lang)


DATE_FORMATS = {"es": "d 'de' MMMM 'de' yyyy"}
"""A date's long form where the language writes it other than 'day month year'."""


def format_date(locale: QLocale, value: dt.date) -> str:
    lang = locale.name().split("_")[0]
    pattern = DATE_FORMATS.get(lang, "d MMMM yyyy")
    return locale.toString(QDate(value.year, value.month, value.day), pattern)
