"""A copy of the default gallery in three languages (English, French, Spanish) for the tests:
the event's title in each, and the first quote with a French and a Spanish text, so that a
quote shown as a translation can be told from one shown as said."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import yaml
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.content.text import LocalText
from kiosk.ui.main_window import MainWindow

TITLE = {
    "en": "Vital Neighborhoods in Metropolitan Cities",
    "fr": "Quartiers vivants dans les villes métropolitaines",
    "es": "Barrios vitales en las ciudades metropolitanas",
}
QUOTE_FR = "Texte de la citation, traduit pour le test"
QUOTE_ES = "Texto de la cita, traducido para la prueba"


def _english(value: object) -> str:
    return value["en"] if isinstance(value, dict) else str(value)


def trilingual_content(tmp_path: Path) -> Path:
    target = tmp_path / "content-3"
    shutil.copytree(paths.default_content_dir(), target)
    gallery_file = target / "gallery.yaml"
    gallery = yaml.safe_load(gallery_file.read_text(encoding="utf-8"))
    gallery["languages"] = ["en", "fr", "es"]
    gallery["title"] = dict(TITLE)
    gallery.get("attract", {}).pop("prompt", None)  # the interface's own, translated
    gallery_file.write_text(yaml.safe_dump(gallery, allow_unicode=True), encoding="utf-8")
    quotes_file = target / "quotes.yaml"
    quotes = yaml.safe_load(quotes_file.read_text(encoding="utf-8"))
    first = quotes["quotes"][0]
    first["text"] = {"en": _english(first["text"]), "fr": QUOTE_FR, "es": QUOTE_ES}
    second = quotes["quotes"][1]  # a quote in its English words only (not translated yet)
    second["text"] = {"en": _english(second["text"])}
    quotes_file.write_text(yaml.safe_dump(quotes, allow_unicode=True), encoding="utf-8")
    return target


def window_in(qtbot, content: Path, size: tuple[int, int], lang: str | None) -> MainWindow:
    """A shown gallery window in ``lang`` (as ``kiosk --lang``), animations off."""
    result = load_gallery(content, paths.assets_dir())
    assert not result.errors, result.errors
    window = startup.gallery_window(result, size, lang=lang, reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


# --- the pseudo-language: nothing left in English -------------------------------------------
WORD = re.compile(r"[A-Za-z]{3,}")


def content_words(gallery, *more: object) -> set[str]:  # noqa: ANN001
    """Every word the content gives (they are the author's, shown as written): the gallery's
    settings, posters and quotes, and ``more`` (the fishbowl's preset, say)."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, LocalText):
            for text in value:
                words.update(WORD.findall(text))
        elif isinstance(value, str):
            words.update(WORD.findall(value))
        elif dataclasses.is_dataclass(value):  # the content model's classes
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for value in (gallery.settings, gallery.posters, gallery.quotes, *more):
        walk(value)
    return words


def shown_texts(root: QWidget) -> list[str]:
    """The words on ``root``'s visible labels and buttons, and every accessible name."""
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
        if widget.accessibleName():
            texts.append(widget.accessibleName())
    return texts
