"""What a reload changed: the old and the new gallery compared, and the picture files that
differ on disk, so that the window rebuilds only what shows something new.

Plain Python (no Qt), so every rule here is tested without a window. The content models are
frozen and compare by value, which makes "did this poster change?" one ``!=``.

A picture can change without its YAML changing (the author saves a new version of the same
file), so the models alone cannot tell: the files' stamps (``file_stamps``) are taken when a
gallery is loaded and compared with those of the gallery on screen (``changed_files``). A poster
whose pictures changed is rebuilt like a poster whose text changed.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.content.model import Gallery, GallerySettings, Poster

Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
Stamps = Mapping[Path, Stamp | None]  # None: the file is missing


@dataclass(frozen=True)
class GalleryChange:
    """How much of the window a new gallery needs rebuilt.

    ``whole``: every screen (gallery-wide settings, the list or order of posters, or the quotes
    changed: they show on the home screen, the quotes screen, the attract loop and any poster).
    Otherwise ``posters`` holds the indexes (the same in both galleries) of the posters whose
    text or pictures changed; both empty means nothing on screen changed (a comment, the
    fishbowl preset)."""

    whole: bool = False
    posters: frozenset[int] = frozenset()
    reason: str = ""

    @property
    def nothing(self) -> bool:
        return not self.whole and not self.posters


def artwork_paths(poster: Poster) -> set[Path]:
    """The picture files ``poster`` shows (its own and its sections'), as the loader found them."""
    found = [poster.artwork] + [section.artwork for section in poster.sections]
    return {Path(a.path) for a in found if a is not None and a.path is not None}


def logo_paths(settings: GallerySettings) -> set[Path]:
    """The organisers' and partners' logo files, as the loader found them."""
    found = [o.logo for o in (*settings.organisers, *settings.partners)]
    return {Path(a.path) for a in found if a is not None and a.path is not None}


def gallery_paths(gallery: Gallery) -> set[Path]:
    """Every picture file the gallery shows."""
    return set().union(logo_paths(gallery.settings), *(artwork_paths(p) for p in gallery.posters))


def compare(old: Gallery, new: Gallery, changed: Collection[Path] = ()) -> GalleryChange:
    """What changed from ``old`` to ``new``; ``changed``: picture files whose bytes changed on
    disk since ``old`` was loaded (see ``changed_files``)."""
    if old.settings != new.settings:
        return GalleryChange(whole=True, reason="gallery settings")
    if logo_paths(new.settings) & set(changed):  # shown on the home and in the attract loop
        return GalleryChange(whole=True, reason="a logo")
    if [p.id for p in old.posters] != [p.id for p in new.posters]:
        return GalleryChange(whole=True, reason="posters added, removed or reordered")
    if old.quotes != new.quotes:
        return GalleryChange(whole=True, reason="quotes")
    if old.content_dir != new.content_dir:
        return GalleryChange(whole=True, reason="content folder")
    files = set(changed)
    posters = frozenset(
        i
        for i, (before, after) in enumerate(zip(old.posters, new.posters, strict=True))
        if before != after or artwork_paths(after) & files
    )
    return GalleryChange(posters=posters, reason=f"{len(posters)} poster(s)" if posters else "")


def sharing(old: Gallery, new: Gallery, change: GalleryChange) -> Gallery:
    """``new``, with what ``change`` found unchanged taken from ``old``: the same objects. The
    widgets a reload does not rebuild keep what they were built with (the attract loop its
    posters, a poster's page its poster); sharing the unchanged pieces keeps them pieces of the
    gallery on screen instead of an older copy (the 40-minute soak: one generation of content
    texts more after reloads that changed nothing)."""
    if change.whole:
        return new
    posters = tuple(
        after if i in change.posters else before
        for i, (before, after) in enumerate(zip(old.posters, new.posters, strict=True))
    )
    return replace(new, settings=old.settings, posters=posters, quotes=old.quotes)


def stamp(path: Path) -> Stamp | None:
    """What a file is now, from its metadata alone (no read: pictures can be large). The change
    time and the inode catch a rewrite that kept the size and landed in the same
    modification-time tick (a solid picture saved again in another colour has the same size)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


def file_stamps(paths: Iterable[Path]) -> dict[Path, Stamp | None]:
    return {Path(p): stamp(Path(p)) for p in paths}


def changed_files(before: Stamps, after: Stamps) -> frozenset[Path]:
    """The files whose stamp differs (or that appeared): a file that was missing before and is
    there now changed too, as a placeholder may be on screen for it."""
    return frozenset(p for p, s in after.items() if p not in before or before[p] != s)
