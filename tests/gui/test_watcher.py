"""ContentWatcher on real files: every way an editor or a copy changes content is seen, re-armed,
and reported once per burst; noise (swap files, identical saves) is not reported."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.ui.live.watcher import ContentWatcher

TIMEOUT = 5000  # ms; generous for a loaded CI machine (the polling fallback ticks every 1 s)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ContentWatcher, "DEBOUNCE_MS", 20)


@pytest.fixture
def watcher(qtbot, mini_gallery: Path, fast) -> Iterator[ContentWatcher]:
    w = ContentWatcher(mini_gallery)
    w.start()
    yield w
    w.stop()


def replace_by_rename(path: Path, text: str) -> None:
    """What most editors do on save: write a temporary file beside it, rename it over."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def append(path: Path, text: str) -> None:
    """An edit in place (same file, same inode)."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def test_start_watches_yaml_images_and_folders(watcher: ContentWatcher, mini_gallery: Path) -> None:
    files = watcher.watched_files()
    for name in (
        "gallery.yaml",
        "quotes.yaml",
        "fishbowl.yaml",
        "posters/dock.yaml",
        "posters/intro.yaml",
        "images/wave.svg",
    ):
        assert str(mini_gallery / name) in files
    dirs = watcher.watched_dirs()
    for folder in (
        mini_gallery,
        mini_gallery / "posters",
        mini_gallery / "images",
        mini_gallery.parent,
    ):
        assert str(folder) in dirs


def test_edit_in_place_is_seen(qtbot, watcher: ContentWatcher, mini_gallery: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(mini_gallery / "posters" / "dock.yaml", "\n# edited in place\n")


def test_replace_by_rename_twice_in_a_row_is_seen_both_times(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    """The second save of an editor that renames is the one QFileSystemWatcher alone misses."""
    poster = mini_gallery / "posters" / "dock.yaml"
    original = poster.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        replace_by_rename(poster, original + "\n# first save\n")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        replace_by_rename(poster, original + "\n# second save\n")
    # and an in-place edit after that still lands on the new file's watch
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(poster, "# third, in place\n")
    assert str(poster) in watcher.watched_files()


def test_replace_by_rename_of_gallery_yaml_is_rearmed(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    gallery = mini_gallery / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    for n in range(3):
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
            replace_by_rename(gallery, text + f"\n# save {n}\n")


def test_delete_then_recreate_is_seen_and_rearmed(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    poster = mini_gallery / "posters" / "dock.yaml"
    text = poster.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        poster.unlink()
    assert str(poster) not in watcher.watched_files()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        poster.write_text(text, encoding="utf-8")
    assert str(poster) in watcher.watched_files()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(poster, "\n# edited after coming back\n")


def test_a_file_missing_for_a_moment_is_tolerated(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    """Deleted and written again within one burst: one change, and the new file is watched."""
    gallery = mini_gallery / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        gallery.unlink()
        gallery.write_text(text + "\n# rewritten\n", encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(gallery, "# and edited in place\n")


def test_a_new_poster_file_is_picked_up_and_then_watched(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    new = mini_gallery / "posters" / "pier.yaml"
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        new.write_text("id: pier\nkind: case\ntitle: Pier\n", encoding="utf-8")
    assert str(new) in watcher.watched_files()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(new, "# more\n")


def test_a_new_image_is_picked_up(qtbot, watcher: ContentWatcher, mini_gallery: Path) -> None:
    image = mini_gallery / "images" / "pier.svg"
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        shutil.copy(mini_gallery / "images" / "wave.svg", image)
    assert str(image) in watcher.watched_files()


def test_a_burst_of_writes_gives_exactly_one_signal(
    qtbot, mini_gallery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a window wide enough that the burst (a few ms of writes) always fits inside it
    monkeypatch.setattr(ContentWatcher, "DEBOUNCE_MS", 400)
    monkeypatch.setattr(ContentWatcher, "MAX_DELAY_MS", 5000)
    w = ContentWatcher(mini_gallery)
    w.start()
    changes: list[int] = []
    checks: list[bool] = []
    w.changed.connect(lambda: changes.append(1))
    w.rescanned.connect(checks.append)
    try:
        poster = mini_gallery / "posters" / "dock.yaml"
        with qtbot.waitSignal(w.changed, timeout=TIMEOUT):
            for n in range(20):
                append(poster, f"# write {n}\n")
                QCoreApplication.processEvents()  # let the watcher see each write as it comes
                if n % 5 == 0:
                    replace_by_rename(
                        mini_gallery / "quotes.yaml",
                        (mini_gallery / "quotes.yaml").read_text() + f"# {n}\n",
                    )
        assert changes == [1]
        # a later, separate edit is one more signal: nothing of the burst was left over
        with qtbot.waitSignal(w.changed, timeout=TIMEOUT):
            append(mini_gallery / "gallery.yaml", "# later\n")
        assert changes == [1, 1]
        assert checks == [True, True]
    finally:
        w.stop()


def test_a_burst_that_never_goes_quiet_is_still_checked(
    qtbot, mini_gallery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ContentWatcher, "DEBOUNCE_MS", 60_000)
    monkeypatch.setattr(ContentWatcher, "MAX_DELAY_MS", 50)
    w = ContentWatcher(mini_gallery)
    w.start()
    try:
        with qtbot.waitSignal(w.changed, timeout=TIMEOUT):
            append(mini_gallery / "quotes.yaml", "# edit\n")
    finally:
        w.stop()


def test_noise_is_checked_but_not_reported(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    """A swap file, an editor backup and a save with identical bytes: no reload."""
    changes: list[int] = []
    watcher.changed.connect(lambda: changes.append(1))
    with qtbot.waitSignal(watcher.rescanned, timeout=TIMEOUT) as blocker:
        (mini_gallery / "posters" / ".dock.yaml.swp").write_bytes(b"\0swap")
        (mini_gallery / "posters" / "dock.yaml~").write_text("backup", encoding="utf-8")
    assert blocker.args == [False]
    gallery = mini_gallery / "gallery.yaml"
    with qtbot.waitSignal(watcher.rescanned, timeout=TIMEOUT) as blocker:
        replace_by_rename(gallery, gallery.read_text(encoding="utf-8"))
    assert blocker.args == [False]
    assert changes == []
    assert not any(p.endswith((".swp", "~")) for p in watcher.watched_files())


def test_the_whole_content_folder_replaced_is_seen(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    """An organiser unpacks a new content folder in place of the old one."""
    fresh = mini_gallery.with_name("content-new")
    shutil.copytree(mini_gallery, fresh)
    append(fresh / "quotes.yaml", "# new edition\n")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        mini_gallery.rename(mini_gallery.with_name("content-old"))
        fresh.rename(mini_gallery)
    assert str(mini_gallery / "gallery.yaml") in watcher.watched_files()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(mini_gallery / "posters" / "intro.yaml", "# edited in the new folder\n")


def test_stop_unwatches_everything_and_start_takes_a_new_reference(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    watcher.stop()
    assert watcher.watched_files() == [] and watcher.watched_dirs() == []
    append(mini_gallery / "quotes.yaml", "# while stopped\n")
    watcher.start()  # the edit above is now the reference, not a change
    assert not watcher.check_now()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
        append(mini_gallery / "quotes.yaml", "# after restart\n")


def test_check_now_reports_a_change_at_once(
    qtbot, watcher: ContentWatcher, mini_gallery: Path
) -> None:
    append(mini_gallery / "fishbowl.yaml", "# edit\n")
    with qtbot.waitSignal(watcher.changed, timeout=0):
        assert watcher.check_now()
    assert not watcher.check_now()


def test_a_missing_content_folder_is_watched_for_its_arrival(qtbot, tmp_path: Path, fast) -> None:
    folder = tmp_path / "content"
    w = ContentWatcher(folder)
    w.start()
    try:
        assert w.watched_files() == [] and str(tmp_path) in w.watched_dirs()
        with qtbot.waitSignal(w.changed, timeout=TIMEOUT):
            folder.mkdir()
            (folder / "gallery.yaml").write_text("title: New\n", encoding="utf-8")
        assert str(folder / "gallery.yaml") in w.watched_files()
    finally:
        w.stop()
