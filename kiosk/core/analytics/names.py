"""The words for the ids the analytics record, in the gallery's default language: posters'
titles, a poll's question (``poll?``) and its options' labels (``poll#0`` the first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.model import Gallery


def names_of(gallery: Gallery) -> dict[str, str]:
    names: dict[str, str] = {}
    for poster in gallery.posters:
        names[poster.id] = gallery.text(poster.title)
        if poster.kind == "poll":
            names[f"{poster.id}?"] = gallery.text(poster.question)
            for i, option in enumerate(poster.options):
                names[f"{poster.id}#{i}"] = gallery.text(option.label)
    return names
