"""What a reload changed (kiosk.content.changes), without Qt: the galleries of real content
folders before and after an edit, and picture files stamped on disk."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.changes import (
    GalleryChange,
    artwork_paths,
    changed_files,
    compare,
    file_stamps,
    gallery_paths,
    sharing,
)
from kiosk.content.loader import load_gallery
from kiosk.content.model import Gallery


def load(folder: Path) -> Gallery:
    result = load_gallery(folder)
    assert result.ok, result.problems
    return result.gallery


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_same_content_loaded_twice_changes_nothing(mini_gallery: Path) -> None:
    change = compare(load(mini_gallery), load(mini_gallery))
    assert change.nothing and not change.whole and change.posters == frozenset()


def test_a_comment_changes_nothing(mini_gallery: Path) -> None:
    before = load(mini_gallery)
    with (mini_gallery / "posters" / "dock.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# a note to myself\n")
    assert compare(before, load(mini_gallery)).nothing


def test_an_edited_poster_is_the_only_one_changed(mini_gallery: Path) -> None:
    before = load(mini_gallery)
    edit(mini_gallery / "posters" / "dock.yaml", "- One stall", "- One big stall")
    change = compare(before, load(mini_gallery))
    assert not change.whole
    assert change.posters == {1}  # the dock poster; the introduction is untouched


def test_what_did_not_change_is_kept_as_the_same_objects(mini_gallery: Path) -> None:
    """The widgets a reload does not rebuild hold the old objects: the new gallery shares them,
    so that no older copy stays alive beside it."""
    before = load(mini_gallery)
    edit(mini_gallery / "posters" / "dock.yaml", "- One stall", "- One big stall")
    after = load(mini_gallery)
    change = compare(before, after)
    shared = sharing(before, after, change)
    assert shared == after  # the same content
    assert shared.posters[0] is before.posters[0]  # unchanged: the old object
    assert shared.posters[1] is after.posters[1] and shared.posters[1] != before.posters[1]
    assert shared.settings is before.settings and shared.quotes is before.quotes
    assert shared.index_of(after.posters[1].id) == 1
    # nothing changed: every piece is the old one; a whole change: the new gallery as it is
    again = load(mini_gallery)
    kept = sharing(shared, again, compare(shared, again))
    assert all(a is b for a, b in zip(kept.posters, shared.posters, strict=True))
    assert sharing(before, after, GalleryChange(whole=True, reason="quotes")) is after


def test_a_picture_edited_on_disk_changes_every_poster_that_shows_it(mini_gallery: Path) -> None:
    """The YAML is the same: only the file's stamp tells (both mini posters show wave.svg)."""
    gallery = load(mini_gallery)
    wave = (mini_gallery / "images" / "wave.svg").resolve()
    assert compare(gallery, gallery, {wave}).posters == {0, 1}
    assert compare(gallery, gallery, {mini_gallery / "images" / "other.png"}).nothing


def test_a_section_picture_counts_as_the_posters_own(mini_gallery: Path) -> None:
    (mini_gallery / "images" / "chart.svg").write_bytes(
        (mini_gallery / "images" / "wave.svg").read_bytes()
    )
    edit(
        mini_gallery / "posters" / "dock.yaml",
        "      - Shared ice\n",
        "      - Shared ice\n    artwork: images/chart.svg\n",
    )
    gallery = load(mini_gallery)
    chart = (mini_gallery / "images" / "chart.svg").resolve()
    assert chart in artwork_paths(gallery.posters[1])
    assert chart in gallery_paths(gallery)
    assert compare(gallery, gallery, {chart}).posters == {1}


def test_gallery_settings_rebuild_everything(mini_gallery: Path) -> None:
    before = load(mini_gallery)
    edit(mini_gallery / "gallery.yaml", "place: Pier 4", "place: Pier 5")
    change = compare(before, load(mini_gallery))
    assert change.whole and change.reason == "gallery settings"


def test_a_poster_removed_or_reordered_rebuilds_everything(mini_gallery: Path) -> None:
    before = load(mini_gallery)
    edit(
        mini_gallery / "gallery.yaml",
        "posters: [harbour-intro, dock-cooperative]",
        "posters: [dock-cooperative, harbour-intro]",
    )
    assert compare(before, load(mini_gallery)).whole
    edit(
        mini_gallery / "gallery.yaml",
        "posters: [dock-cooperative, harbour-intro]",
        "posters: [dock-cooperative]",
    )
    edit(mini_gallery / "quotes.yaml", "posters: [harbour-intro]", "posters: []")
    (mini_gallery / "posters" / "intro.yaml").unlink()
    after = load(mini_gallery)
    assert [p.id for p in after.posters] == ["dock-cooperative"]
    assert compare(before, after).whole


def test_a_quote_edit_rebuilds_everything(mini_gallery: Path) -> None:
    """Quotes show on the home screen, the quotes screen, the attract loop and posters."""
    before = load(mini_gallery)
    edit(mini_gallery / "quotes.yaml", "We sell more", "We earn more")
    change = compare(before, load(mini_gallery))
    assert change.whole and change.reason == "quotes"


def test_the_fishbowl_preset_changes_nothing_on_the_gallery_screens(mini_gallery: Path) -> None:
    before = load(mini_gallery)
    edit(mini_gallery / "fishbowl.yaml", "turn_seconds: 60", "turn_seconds: 240")
    after = load(mini_gallery)
    assert after.fishbowl != before.fishbowl
    assert compare(before, after).nothing


def test_stamps_tell_a_rewritten_file_from_an_untouched_one(tmp_path: Path) -> None:
    same, rewritten, removed = (tmp_path / n for n in ("same.png", "rewritten.png", "gone.png"))
    for path in (same, rewritten, removed):
        path.write_bytes(b"red pixels")
    before = file_stamps([same, rewritten, removed])
    rewritten.write_bytes(b"blu pixels")  # the same size, the same path, in place
    # a file system's clock moves in ticks of a few milliseconds: the save comes a second
    # later here, as an author's save comes long after the gallery on screen was stamped
    st = os.stat(rewritten)
    os.utime(rewritten, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    removed.unlink()
    after = file_stamps([same, rewritten, removed])
    assert after[removed] is None
    assert changed_files(before, after) == {rewritten, removed}
    assert changed_files(before, file_stamps([same])) == frozenset()


def test_a_file_not_stamped_before_counts_as_changed(tmp_path: Path) -> None:
    """A picture the gallery on screen did not show may still be cached from earlier."""
    new = tmp_path / "new.png"
    new.write_bytes(b"x")
    assert changed_files({}, file_stamps([new])) == {new}
