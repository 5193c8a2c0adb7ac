"""The start-up's content cache (kiosk/content/cache.py): real folders and files on disk, the real
loader. A hit gives exactly what the full load gives; any change of what a load reads is a miss;
a cache file that is not the app's own is ignored, never trusted, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths, startup
from kiosk.content import cache
from kiosk.content.languages import texts_of
from kiosk.content.loader import load_gallery
from kiosk.content.result import LoadResult

from ..conftest import REPO


class Loads:
    """The cache of one test: a cache folder and a key file of its own, and a count of the full
    loads run (a hit runs none)."""

    def __init__(self, root: Path, assets: Path | None = None) -> None:
        self.cache_dir = root / "cache"
        self.key_file = root / "content-cache.key"
        self.assets = assets if assets is not None else paths.assets_dir()
        self.full = 0

    @property
    def file(self) -> Path:
        return self.cache_dir / cache.CACHE_FILE

    def _full(self, folder: Path, assets: Path | None) -> LoadResult:
        self.full += 1
        return load_gallery(folder, assets)

    def load(self, folder: Path) -> tuple[LoadResult, bool]:
        loaded = cache.load(folder, self.assets, self.cache_dir, self.key_file, self._full)
        if loaded.keep is not None:
            loaded.keep()
        return loaded.result, loaded.from_cache


def same(a: LoadResult, b: LoadResult) -> None:
    assert a.gallery == b.gallery
    assert a.gallery.notes == b.gallery.notes
    assert a.gallery.problems_note == b.gallery.problems_note
    assert [(p, p.excerpt) for p in a.problems] == [(p, p.excerpt) for p in b.problems]
    assert a.missing_translations == b.missing_translations
    assert a.summary() == b.summary()


@pytest.fixture
def loads(tmp_path: Path) -> Loads:
    return Loads(tmp_path / "data")


def title_of(result: LoadResult, poster_id: str) -> str:
    poster = result.gallery.poster(poster_id)
    assert poster is not None
    return str(poster.title)


def test_a_second_start_reads_the_cache_and_gets_what_the_full_load_gives(
    loads: Loads, mini_gallery: Path
) -> None:
    first, hit = loads.load(mini_gallery)
    assert (hit, loads.full) == (False, 1)
    assert loads.file.is_file()
    second, hit = loads.load(mini_gallery)
    assert (hit, loads.full) == (True, 1)
    same(second, load_gallery(mini_gallery, loads.assets))
    same(second, first)
    # texts left to the schema's defaults are the defaults' own objects again (the loader's
    # language checks tell them from the file's texts that way)
    for a, b in zip(second.gallery.posters, first.gallery.posters, strict=True):
        assert texts_of(a) == texts_of(b)
    assert texts_of(second.gallery.fishbowl) == texts_of(first.gallery.fishbowl)


def test_the_default_content_and_its_problems_come_back_whole(loads: Loads, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), folder)
    # a poster with an error and a warning, so that problems are kept too
    poster = next((folder / "posters").glob("*.yaml"))
    poster.write_text(
        poster.read_text(encoding="utf-8") + "\naccent: blue\nsubtitel: typo\n", encoding="utf-8"
    )
    full = load_gallery(folder, paths.assets_dir())
    assert full.errors and full.warnings
    loads.load(folder)
    again, hit = loads.load(folder)
    assert hit
    same(again, full)


def test_an_edit_of_the_same_size_in_the_same_instant_is_seen(
    loads: Loads, mini_gallery: Path
) -> None:
    loads.load(mini_gallery)
    poster = mini_gallery / "posters" / "dock.yaml"
    before = poster.stat()
    text = poster.read_text(encoding="utf-8")
    title = title_of(load_gallery(mini_gallery, loads.assets), "dock-cooperative")
    changed = title[:-1] + ("X" if title[-1] != "X" else "Y")
    edited = text.replace(title, changed, 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    poster.write_text(edited, encoding="utf-8")
    # the same size and the very same times as before: only the bytes differ
    os.utime(poster, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert poster.stat().st_size == before.st_size
    assert poster.stat().st_mtime_ns == before.st_mtime_ns

    result, hit = loads.load(mini_gallery)
    assert not hit
    assert title_of(result, "dock-cooperative") == changed
    again, hit = loads.load(mini_gallery)  # and the new load is what is kept now
    assert hit and title_of(again, "dock-cooperative") == changed


def test_a_new_file_a_removed_picture_and_a_renamed_poster_are_misses(
    loads: Loads, mini_gallery: Path
) -> None:
    loads.load(mini_gallery)
    (mini_gallery / "notes.yaml").write_text("dock-cooperative: Say hello.\n", encoding="utf-8")
    result, hit = loads.load(mini_gallery)
    assert not hit and result.gallery.notes_for("dock-cooperative") == "Say hello."

    (mini_gallery / "images" / "wave.svg").unlink()
    result, hit = loads.load(mini_gallery)
    assert not hit
    assert any("wave.svg" in p.message for p in result.errors)

    (mini_gallery / "posters" / "dock.yaml").rename(mini_gallery / "posters" / "dock.yml.off")
    result, hit = loads.load(mini_gallery)
    assert not hit and result.gallery.poster("dock-cooperative") is None


def test_a_changed_picture_in_the_assets_folder_is_a_miss(
    tmp_path: Path, mini_gallery: Path
) -> None:
    assets = tmp_path / "assets"
    (assets / "art").mkdir(parents=True)
    (assets / "art" / "x.svg").write_text("<svg/>", encoding="utf-8")
    loads = Loads(tmp_path / "data", assets=assets)
    loads.load(mini_gallery)
    assert loads.load(mini_gallery)[1]
    (assets / "art" / "x.svg").write_text('<svg width="2"/>', encoding="utf-8")
    assert not loads.load(mini_gallery)[1]


def test_another_version_of_the_app_or_of_the_format_is_a_miss(
    loads: Loads, mini_gallery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads.load(mini_gallery)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    assert not loads.load(mini_gallery)[1]
    assert loads.load(mini_gallery)[1]  # (kept again, for this version)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert not loads.load(mini_gallery)[1]


def test_another_content_folder_with_the_same_files_is_a_miss(
    loads: Loads, mini_gallery: Path, tmp_path: Path
) -> None:
    import shutil

    loads.load(mini_gallery)
    twin = tmp_path / "twin"
    shutil.copytree(mini_gallery, twin)
    result, hit = loads.load(twin)
    assert not hit and result.gallery.content_dir == twin


def _body(loads: Loads) -> tuple[bytes, bytes]:
    mac, _, body = loads.file.read_bytes().partition(b"\n")
    return mac, body


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"\x00\xff garbage \x80" * 100, id="garbage"),
        pytest.param(lambda raw: raw.replace(b"Dock", b"Dork", 1), id="text-changed"),
        pytest.param(lambda raw: raw.partition(b"\n")[2], id="no-signature"),
        pytest.param(lambda raw: b"0" * 64 + b"\n" + raw.partition(b"\n")[2], id="wrong-signature"),
    ],
)
def test_a_spoilt_or_tampered_cache_file_is_ignored(
    loads: Loads, mini_gallery: Path, spoil, caplog: pytest.LogCaptureFixture
) -> None:
    truth = load_gallery(mini_gallery, loads.assets)
    loads.load(mini_gallery)
    raw = loads.file.read_bytes()
    spoilt = spoil(raw)
    assert spoilt != raw
    loads.file.write_bytes(spoilt)
    result, hit = loads.load(mini_gallery)
    assert not hit
    same(result, truth)
    assert loads.load(mini_gallery)[1]  # the full load wrote a good cache again


def test_a_cache_signed_with_another_key_is_ignored(loads: Loads, mini_gallery: Path) -> None:
    """A cache brought from another machine (or written by hand and signed with a made-up key)."""
    loads.load(mini_gallery)
    _, body = _body(loads)
    data = json.loads(body)
    text = json.dumps(data).replace("Dock", "Forged")
    mac = cache._sign(b"k" * 32, text.encode())  # the app's own signing, another key
    loads.file.write_bytes(mac.encode() + b"\n" + text.encode())
    result, hit = loads.load(mini_gallery)
    assert not hit
    assert "Forged" not in json.dumps(str(result.gallery))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["result"]["gallery"].update({"$": "Path"}), id="unlisted-class"),
        pytest.param(
            lambda d: d["result"]["gallery"]["fields"].update({"evil": 1}), id="unknown-field"
        ),
        pytest.param(lambda d: d["result"]["gallery"]["fields"].pop("settings"), id="missing"),
        pytest.param(lambda d: d["result"].update({"problems": {"$": "dict"}}), id="bad-list"),
        pytest.param(lambda d: d["result"].update({"left_out": -1}), id="bad-count"),
        pytest.param(lambda d: d["result"].update({"missing": [[1, 2, 3, 4]]}), id="bad-row"),
        pytest.param(lambda d: d.update({"result": [1] * 10}), id="not-a-result"),
        pytest.param(
            lambda d: d["result"]["gallery"]["fields"].update(
                {"content_dir": {"$": "path", "v": 1}}
            ),
            id="bad-path",
        ),
    ],
)
def test_a_signed_cache_that_is_not_what_the_app_writes_is_ignored(
    loads: Loads, mini_gallery: Path, change
) -> None:
    """Even with the right key, the file is read into the listed classes with their exact
    fields only; anything else is a miss, never an exception or a half-made gallery."""
    truth = load_gallery(mini_gallery, loads.assets)
    loads.load(mini_gallery)
    _, body = _body(loads)
    data = json.loads(body)
    change(data)
    text = json.dumps(data).encode()
    secret = loads.key_file.read_bytes()
    loads.file.write_bytes(cache._sign(secret, text).encode() + b"\n" + text)
    result, hit = loads.load(mini_gallery)
    assert not hit
    same(result, truth)


def always_in_full(loads: Loads, folder: Path) -> None:
    """Every load is the full load, and gives what it gives."""
    truth = load_gallery(folder, loads.assets)
    for _ in range(2):
        result, hit = loads.load(folder)
        assert not hit
        same(result, truth)
    assert loads.full == 2


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    tmp_path: Path, mini_gallery: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    loads = Loads(tmp_path / "data")
    loads.cache_dir = blocked / "cache"
    always_in_full(loads, mini_gallery)


def test_a_key_file_that_cannot_be_made_costs_only_time(tmp_path: Path, mini_gallery: Path) -> None:
    loads = Loads(tmp_path / "data")
    (tmp_path / "data").mkdir()
    loads.key_file.mkdir()  # a folder where the key should be
    always_in_full(loads, mini_gallery)


def test_a_content_folder_that_cannot_be_walked_is_loaded_in_full(
    loads: Loads, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"
    result, hit = loads.load(missing)
    assert not hit and result.errors
    assert not loads.file.exists()


def test_the_app_start_uses_the_cache_folder_and_says_so(
    mini_gallery: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="kiosk")
    first = startup.load(str(mini_gallery))
    assert (paths.cache_dir() / cache.CACHE_FILE).is_file()
    assert (paths.data_dir() / cache.KEY_FILE).is_file()
    second = startup.load(str(mini_gallery))
    same(second, first)
    assert "(unchanged: from the cache)" in caplog.text


def test_a_start_with_unchanged_content_loads_no_validator_and_no_yaml(
    mini_gallery: Path, tmp_path: Path
) -> None:
    """The point of the cache: pydantic and the YAML parser stay out of such a start, and so
    does OpenSSL's libcrypto (hashlib, hmac: 3.7 MB of RSS)."""
    code = (
        "import sys\n"
        "from kiosk import startup\n"
        f"r = startup.load({str(mini_gallery)!r})\n"
        "print(r.summary())\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'yaml') if m in sys.modules))\n"
        "print('_hashlib' in sys.modules)\n"
    )
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}

    def run() -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.splitlines()

    cold = run()
    warm = run()
    assert cold[0] == warm[0]
    assert cold[1] != "[]"  # the first start validated (else this test proves nothing)
    assert warm[1] == "[]"
    assert warm[2] == "False"


def test_a_new_build_of_a_bundle_with_the_same_version_is_a_miss(
    loads: Loads, mini_gallery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle keeps its modules inside its executable: a rebuild (a new loader, the same
    version number) must not read what the old build kept."""
    exe = tmp_path / "kiosk-exe"
    exe.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    loads.load(mini_gallery)
    assert loads.load(mini_gallery)[1]
    exe.write_bytes(b"build 22")
    assert not loads.load(mini_gallery)[1]


def test_the_gallery_window_and_its_services_load_no_validator_either(
    mini_gallery: Path, tmp_path: Path
) -> None:
    """Live reload, the admin screen and the rest that start after the first frame: the loader
    (pydantic, yaml) waits for the first reload."""
    code = (
        "import sys\n"
        "from kiosk import startup\n"
        "app = startup.get_app()\n"
        f"result = startup.load({str(mini_gallery)!r})\n"
        "window = startup.gallery_window(result, (800, 600))\n"
        "window.show()\n"
        f"services = startup.attach_services(window, result, {str(mini_gallery)!r})\n"
        "app.processEvents()\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'yaml') if m in sys.modules))\n"
        "services.stop()\n"
    )
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    outs = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        outs.append(out.stdout.splitlines()[-1])
    assert outs[0] != "[]"  # the first start validated
    assert outs[1] == "[]"


def test_the_gallery_writes_the_cache_once_its_first_frame_is_shown(mini_gallery: Path) -> None:
    """``defer_cache``: the write waits for keep_content_cache(), and is skipped when a file
    changed since the load (what was loaded may not be the files' own any more)."""
    cache_file = paths.cache_dir() / cache.CACHE_FILE
    startup.load(str(mini_gallery), defer_cache=True)
    assert not cache_file.exists()
    startup.keep_content_cache()
    assert cache_file.is_file()
    startup.keep_content_cache()  # nothing left to write: no error

    cache_file.unlink()
    poster = mini_gallery / "posters" / "dock.yaml"
    poster.write_text(poster.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    startup.load(str(mini_gallery), defer_cache=True)
    poster.write_text(poster.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    startup.keep_content_cache()
    assert not cache_file.exists()
