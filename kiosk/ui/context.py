"""What every screen needs to build itself: the gallery, the look, the language, the images."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.theme import Palette, TypeScale
from kiosk.ui.images import ImageStore

if TYPE_CHECKING:  # the UI never needs the content model's classes themselves
    from kiosk.content.model import Gallery
    from kiosk.content.text import LocalText
    from kiosk.core.poll import PollBook
    from kiosk.core.usage import Usage
    from kiosk.ui.speech import Reader


@dataclass(frozen=True)
class Ctx:
    gallery: Gallery
    images: ImageStore
    palette: Palette
    scale: TypeScale
    lang: str | None = None
    reduced_motion: bool = False
    kiosk: bool = False  # unattended: locked, no key hints (the one place this is decided)
    reach: bool = False  # the visitor's reach mode: every control in the screen's lower band
    speech: Reader | None = None  # read aloud (the window's one voice); None: no reading here
    polls: PollBook | None = None  # the poll posters' votes (the window's one book)
    usage: Usage | None = None  # zooms and quote swipes, told to analytics

    def t(self, text: LocalText | None) -> str:
        """Text in the language on screen (falling back to the gallery's default)."""
        return self.gallery.text(text, self.lang)

    @property
    def presenter(self) -> bool:
        """A presenter or an organiser holds the keyboard: key hints are shown."""
        return not self.kiosk

    def with_scale(self, scale: TypeScale) -> Ctx:
        return replace(self, scale=scale)

    @property
    def colours(self) -> tuple[str, str]:
        return self.palette.surface, self.palette.muted
