"""Warnings for what an author gets wrong without any error: the gallery loads and shows, but
not what was meant. Pure Python, no Qt (the check of the fonts' glyphs needs Qt and lives in
``kiosk.ui.glyphs``; it walks the texts located here).

- a file in the content folder that is never read because of its name's ending (a poster saved
  as ``lisbon.yaml.txt`` or ``Lisbon.YAML``);
- a language code that is not one of the gallery's ``languages`` (``sp:`` for Spanish: no
  visitor ever sees that text);
- SVG drawing the app leaves out (a clip path, a mask, a filter: the picture shows unclipped);
- a picture's name that matches a file only when capital letters are ignored: it works on a
  Windows PC and fails on the Linux kiosk.

``collect`` is called once by the loader with the gallery it built and the documents it read
(their line marks say where each thing was written).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from kiosk.colour import OWN_ACCENT_CONTRAST, contrast, palette_for, readable_on, with_own_accent
from kiosk.content import artwork, messages, svgsafe
from kiosk.content.errors import Problem, Severity, plural
from kiosk.content.languages import texts_of
from kiosk.content.model import Gallery, GallerySettings, Poster
from kiosk.content.text import Artwork, LocalText
from kiosk.content.yamlsafe import Document

Loc = tuple[str | int, ...]

# the names the loader reads at the top of the content folder, and in posters/
TOP_FILES = ("gallery.yaml", "quotes.yaml", "fishbowl.yaml", "notes.yaml")
POSTERS_DIR = "posters"
YAML_SUFFIXES = (".yaml", ".yml")
MAX_LISTED = 2000  # entries of a folder looked at: a folder of 100,000 files is not walked
# the bytes that may name a feature the app does not draw: only such a file is parsed again
_NOT_DRAWN_HINTS = tuple(
    name.encode() for name in svgsafe.NOT_DRAWN_ELEMENTS | svgsafe.NOT_DRAWN_ATTRIBUTES
)


class Located(NamedTuple):
    """A text of the content and where it was written: its file and data path (its line is
    looked up only for a text that gets a warning)."""

    file: str
    loc: Loc
    text: LocalText
    doc: Document

    def line_of(self, lang: str) -> tuple[int, int]:
        """Line and column of the text in ``lang`` (of the text itself when it is plain)."""
        return self.doc.where((*self.loc, lang) if lang else self.loc)


def warning(file: str, line: int, message: str, col: int = 1) -> Problem:
    return Problem(file, line, col if line else 0, message, Severity.WARNING)


def collect(
    content_dir: Path, roots: list[Path], gallery: Gallery, docs: Mapping[str, Document]
) -> list[Problem]:
    """Every warning of this module for a loaded gallery; ``docs`` are the files read, by name."""
    found = ignored_files(content_dir)
    found += unknown_languages(located_texts(gallery, docs), gallery.settings.languages)
    found += pale_accents(gallery, docs)
    pictures = Pictures(roots)
    for file, loc, art, at, content_only in located_artworks(gallery, docs):
        found += pictures.warnings(file, at, loc, art, content_only)
    return found


# --- where each text and picture was written ---------------------------------------------------
def _sources(gallery: Gallery, docs: Mapping[str, Document]) -> Iterator[tuple[Document, Loc, Any]]:
    """Each validated part of the gallery with the document it came from and its path there."""
    if (doc := docs.get("gallery.yaml")) is not None:
        yield doc, (), gallery.settings
    by_id: dict[str, Document] = {}
    for name, doc in docs.items():
        if name.startswith(POSTERS_DIR + "/") and isinstance(doc.data, dict):
            by_id.setdefault(str(doc.data.get("id")), doc)
    for poster in gallery.posters:
        if (doc := by_id.get(poster.id)) is not None:
            yield doc, (), poster
    quotes_doc = docs.get("quotes.yaml")
    entries = (
        quotes_doc.data.get("quotes") if quotes_doc and isinstance(quotes_doc.data, dict) else None
    )
    if quotes_doc is not None and isinstance(entries, list):
        index: dict[str, int] = {}
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                index.setdefault(entry["id"], i)
        for quote in gallery.quotes:
            if quote.id in index:
                yield quotes_doc, ("quotes", index[quote.id]), quote
    if (doc := docs.get("fishbowl.yaml")) is not None:
        yield doc, (), gallery.fishbowl


def located_texts(gallery: Gallery, docs: Mapping[str, Document]) -> list[Located]:
    """Every text the author wrote (not the app's defaults), with its file and line."""
    return [
        Located(doc.file, item.loc, item.text, doc)
        for doc, base, obj in _sources(gallery, docs)
        for item in texts_of(obj, base)
    ]


def _artworks_of(obj: Any, loc: Loc, data: Any) -> Iterator[tuple[Loc, Artwork, bool]]:
    """The pictures of a poster (its own, its sections') or of gallery.yaml (the logos, looked
    up in the content folder only: True), as written (``data``: the file's own values, for a
    logo the loader dropped because its file was not found)."""
    if isinstance(obj, Poster):
        if obj.artwork is not None:
            yield (*loc, "artwork"), obj.artwork, False
        for i, section in enumerate(obj.sections):
            if section.artwork is not None:
                yield (*loc, "sections", i, "artwork"), section.artwork, False
    elif isinstance(obj, GallerySettings) and isinstance(data, dict):
        for key in ("organisers", "partners"):
            written = data.get(key)
            for i, org in enumerate(getattr(obj, key)):
                raw = written[i] if isinstance(written, list) and i < len(written) else None
                source = raw.get("logo") if isinstance(raw, dict) else None
                if org.logo is not None:
                    yield (*loc, key, i, "logo"), org.logo, True
                elif isinstance(source, str) and source.strip():
                    yield (*loc, key, i, "logo"), Artwork(source.strip()), True


def located_artworks(
    gallery: Gallery, docs: Mapping[str, Document]
) -> Iterator[tuple[str, Loc, Artwork, tuple[int, int], bool]]:
    """Each picture named in the gallery: file, data path, the artwork, line and column,
    and whether it is looked up in the content folder only."""
    for doc, base, obj in _sources(gallery, docs):
        for loc, art, content_only in _artworks_of(obj, base, doc.data):
            yield doc.file, loc, art, doc.where(loc), content_only


# --- a poster's accent colour -------------------------------------------------------------------
def pale_accents(gallery: Gallery, docs: Mapping[str, Document]) -> list[Problem]:
    """A poster's own accent that does not read on the theme: the theme's accent is shown in
    its place (the author sees the poster in the theme's colour and would not know why)."""
    with_accent = [p for p in gallery.posters if p.accent is not None]
    if not with_accent:
        return []
    theme = gallery.settings.theme
    palette = palette_for(theme.name, theme.accent)
    found = []
    for doc, base, poster in _sources(gallery, docs):
        if not isinstance(poster, Poster) or poster.accent is None:
            continue
        if with_own_accent(palette, poster.accent) is not palette:
            continue
        ratio = min(
            contrast(poster.accent, palette.background), contrast(poster.accent, palette.surface)
        )
        nearer = readable_on(poster.accent, palette.background, OWN_ACCENT_CONTRAST)
        if contrast(nearer, palette.surface) < OWN_ACCENT_CONTRAST:
            nearer = readable_on(poster.accent, palette.surface, OWN_ACCENT_CONTRAST)
        line, col = doc.where((*base, "accent"))
        found.append(
            warning(
                doc.file,
                line,
                f"accent '{poster.accent}' stands out only {ratio:.1f}:1 from the {theme.name} "
                f"theme's page (text needs {OWN_ACCENT_CONTRAST}:1): the theme's accent is "
                f"shown instead; a colour like '{nearer}' would be used",
                col,
            )
        )
    return found


# --- files never read ---------------------------------------------------------------------------
def _inside(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is inside ``root`` once links are followed: nothing outside the
    content folder is listed (a folder linked out of it is the loader's error to report)."""
    try:
        return folder.resolve(strict=True).is_relative_to(root.resolve(strict=True))
    except (OSError, RuntimeError):
        return False


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            listed = []
            for entry in entries:
                listed.append(entry)
                if len(listed) >= MAX_LISTED:
                    break
            return listed
    except OSError:
        return []  # the loader says why a folder cannot be read


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A plain file, not a link (a link is read, or refused, by the loader itself)."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _skipped_on_purpose(name: str) -> bool:
    """Hidden files, editors' backups and lock files: never content, never worth a word."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", ".bak", ".swp", ".tmp"))


def ignored_files(content_dir: Path) -> list[Problem]:
    """Files that look like content but are never read because of how their name ends."""
    found: list[Problem] = []
    posters = content_dir / POSTERS_DIR
    listed = _listing(posters) if _inside(posters, content_dir) else []
    for entry in sorted(listed, key=lambda e: e.name):
        name = entry.name
        if _skipped_on_purpose(name) or not _is_file(entry):
            continue
        suffix = PurePosixPath(name).suffix
        if suffix in YAML_SUFFIXES or suffix.lower() in artwork.IMAGE_SUFFIXES:
            continue
        found.append(
            warning(
                f"{POSTERS_DIR}/{name}",
                0,
                f"is not read: only files ending in .yaml are posters{_rename_hint(name)}",
            )
        )
    top = sorted(_listing(content_dir), key=lambda e: e.name)
    names = {e.name for e in top}
    for entry in top:
        name = entry.name
        if _skipped_on_purpose(name) or name in TOP_FILES:
            continue
        lower = name.lower()
        if not _is_file(entry):
            if lower == POSTERS_DIR and POSTERS_DIR not in names and _is_dir(entry):
                found.append(warning(name + "/", 0, CAPITALS + f": rename it to {POSTERS_DIR}"))
            continue
        hint = _rename_hint(name)
        meant = PurePosixPath(lower).stem + ".yaml"
        if meant in TOP_FILES and meant not in names:
            why = CAPITALS if lower == meant else f"is not read: the app reads {meant}"
            found.append(warning(name, 0, f"{why}: rename it to {meant}"))
            continue
        if PurePosixPath(name).suffix in YAML_SUFFIXES:
            found.append(
                warning(
                    name,
                    0,
                    f"is not read: the app reads {', '.join(TOP_FILES)} here, and a poster "
                    f"goes in the {POSTERS_DIR}/ folder",
                )
            )
        elif hint or any(lower.startswith(top.split(".")[0] + ".") for top in TOP_FILES):
            found.append(warning(name, 0, f"is not read because of how its name ends{hint}"))
    return found


CAPITALS = (
    "the name differs from the one the app reads in capital letters only: this works on "
    "Windows and fails on Linux"
)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _rename_hint(name: str) -> str:
    """': rename it to lisbon.yaml' for a YAML file whose name ends otherwise, else ''."""
    lower = name.lower()
    for suffix in YAML_SUFFIXES:
        at = lower.rfind(suffix)
        if at > 0 and name[at:] not in YAML_SUFFIXES:
            return f": rename it to {name[:at]}.yaml"
    return ""


# --- language codes -----------------------------------------------------------------------------
def unknown_languages(texts: list[Located], languages: tuple[str, ...]) -> list[Problem]:
    """One warning per file and language code that is not one of the gallery's languages, at
    its first use: no visitor can choose that language, so the text is never shown."""
    first: dict[tuple[str, str], Located] = {}
    count: dict[tuple[str, str], int] = {}
    for item in texts:
        for lang in item.text.languages:
            if lang in languages:
                continue
            key = (item.file, lang)
            first.setdefault(key, item)
            count[key] = count.get(key, 0) + 1
    found = []
    for (file, lang), item in first.items():
        close = difflib.get_close_matches(lang, languages, n=1, cutoff=0.5)
        guess = f"did you mean '{close[0]}'? " if close else ""
        more = count[(file, lang)] - 1
        others = f" (and {plural(more, 'more text')} in this file)" if more else ""
        line, col = item.line_of(lang)
        found.append(
            warning(
                file,
                line,
                f"'{lang}' is not one of the gallery's languages ({', '.join(languages)}, in "
                f"gallery.yaml): {guess}no visitor sees this text{others}",
                col,
            )
        )
    return found


# --- pictures -----------------------------------------------------------------------------------
class Pictures:
    """The picture checks for one load: each folder is listed, and each SVG read, once however
    many posters name them."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self._names: dict[Path, list[str]] = {}
        self._svgs: dict[str, tuple[tuple[str, int], ...]] = {}

    def warnings(
        self, file: str, at: tuple[int, int], loc: Loc, art: Artwork, content_only: bool = False
    ) -> list[Problem]:
        """A picture's name that matches only when capitals are ignored; SVG drawing left out.
        ``content_only``: looked up in the first root (the content folder) alone, as logos are."""
        try:
            relative = artwork.check_form(art.source)
        except artwork.ArtworkError:
            return []  # the loader refused it already
        name = messages.place_text(loc)
        line, col = at
        roots = self.roots[:1] if content_only else self.roots
        match = next((m for root in roots if (m := self._case_insensitive(root, relative))), None)
        if art.path is None:
            if match is None:
                return []
            return [
                warning(
                    file,
                    line,
                    f"{name} '{art.source}': did you mean '{match}'? The names differ "
                    "only in capital letters: this works on Windows and fails on Linux",
                    col,
                )
            ]
        found = []
        if match is not None and match != relative:  # found by a disk that ignores capitals
            found.append(
                warning(
                    file,
                    line,
                    f"{name} '{art.source}': the file is named '{match}'. The names differ "
                    "only in capital letters: this works on Windows and fails on Linux; "
                    f"write '{match}'",
                    col,
                )
            )
        if Path(art.path).suffix.lower() == ".svg":
            key = str(art.path)
            if key not in self._svgs:
                self._svgs[key] = _svg_not_drawn(art)
            if not_drawn := self._svgs[key]:
                parts = ", ".join(f"{what} (line {at} of the SVG)" for what, at in not_drawn)
                found.append(
                    warning(
                        file,
                        line,
                        f"{name} '{art.source}' uses {parts}, which the app does not draw: the "
                        "picture shows without it (unclipped, unmasked, without the effect); "
                        "flatten it in the drawing program or export a PNG",
                        col,
                    )
                )
        return found

    def _listed(self, folder: Path, root: Path) -> list[str]:
        """The names in ``folder``; none for a folder outside ``root`` (through a link)."""
        if folder not in self._names:
            inside = _inside(folder, root)
            self._names[folder] = [e.name for e in _listing(folder)] if inside else []
        return self._names[folder]

    def _case_insensitive(self, root: Path, relative: PurePosixPath) -> PurePosixPath | None:
        """The path under ``root`` whose parts equal ``relative``'s with capitals ignored, as
        written on disk (an exact part is preferred); None when there is none."""
        folder = root
        found: list[str] = []
        for part in relative.parts:
            names = self._listed(folder, root)
            exact = part if part in names else None
            match = exact or next((n for n in names if n.casefold() == part.casefold()), None)
            if match is None:
                return None
            found.append(match)
            folder = folder / match
        return PurePosixPath(*found)


def _svg_not_drawn(art: Artwork) -> tuple[tuple[str, int], ...]:
    """What the SVG uses that the app leaves out, with the SVG's lines."""
    try:
        data = Path(art.path).read_bytes()
    except OSError:
        return ()
    if not any(hint in data for hint in _NOT_DRAWN_HINTS):
        return ()
    try:
        return artwork.clean_svg(data, art.source).not_drawn
    except artwork.ArtworkError:
        return ()  # refused: the loader said why
