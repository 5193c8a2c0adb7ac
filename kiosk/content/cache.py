"""The start-up's content cache: what the loader produced from a content folder, validated, kept
as plain JSON so that a start with unchanged content reads it back instead of parsing the YAML,
checking the artwork and validating the schema again.

Where: ``content-cache.json`` in the app's cache folder (:func:`kiosk.paths.cache_dir`); its key
(a random secret for the check below) in ``content-cache.key`` in the app-data folder.

Keyed by a fingerprint of everything a load reads: the content folder's tree (every file's
name, size, times, inode and mode, and the bytes of every file up to
:data:`HASHED_BYTES`, so an edit of the same size within the same second still shows), the
assets folder's tree (sizes and times), the loader's own source files when run from a source
checkout (a bundle's executable when frozen), the parsing and validating libraries' files, the
app's version and the cache's format. Any difference is a miss: the full load
runs, and its result replaces the cache.

The file is hostile input: it is read only after its HMAC-SHA256 (with the secret above) matches,
parsed with :mod:`json` only, and rebuilt into a fixed list of classes with their exact fields;
anything else, or any error on the way, is a miss (the full load), never a crash. Nothing here
raises: a cache that cannot be read or written only costs the time it would have saved.

To clear it, delete ``content-cache.json`` (or the whole cache folder).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.util
import json
import logging
import os
import stat
import sys

# CPython's own BLAKE2 and constant-time compare (always built in): ``hashlib`` and ``hmac`` load
# OpenSSL's libcrypto on import, 3.7 MB of RSS and 3 ms at every start for this module only
from _blake2 import blake2b
from _operator import _compare_digest as compare_digest
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import __version__
from kiosk.content.errors import Problem, Severity
from kiosk.content.result import LoadResult, MissingTranslation

logger = logging.getLogger("kiosk.content.cache")

FORMAT = 1  # the layout of the file; bump it when the encoding changes
CACHE_FILE = "content-cache.json"
KEY_FILE = "content-cache.key"
HASHED_BYTES = 8 * 1024 * 1024  # files up to this size are hashed; bigger ones: size and times
MAX_ENTRIES = 20_000  # files and folders walked; a bigger tree is not cached
MAX_CACHE_BYTES = 64 * 1024 * 1024  # a bigger cache file is not read
_TAG = "$"


class Unusable(Exception):
    """Why the cache cannot be used for this load (said at DEBUG level: a miss is normal)."""


# --- the fingerprint ---------------------------------------------------------------------------
def _walk(root: Path, hashed: bool) -> Iterator[list[Any]]:
    """One entry per file, folder and link under ``root``, in name order: its path, kind and
    stamps (and its bytes' hash when ``hashed``)."""
    count = 0
    stack = [""]
    while stack:
        rel = stack.pop()
        folder = root / rel if rel else root
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            count += 1
            if count > MAX_ENTRIES:
                raise Unusable(f"more than {MAX_ENTRIES} entries in {root}")
            name = f"{rel}/{entry.name}" if rel else entry.name
            st = entry.stat(follow_symlinks=False)
            row: list[Any] = [name, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
            row.append(st.st_ino)
            if stat.S_ISLNK(st.st_mode):
                # where it points, and what is there (the loader refuses links out, and says
                # which are broken)
                row.append(os.readlink(entry.path))
                try:
                    to = os.stat(entry.path)
                    row += [to.st_mode, to.st_size, to.st_mtime_ns, to.st_ctime_ns]
                except OSError:
                    row.append(None)
            elif stat.S_ISDIR(st.st_mode):
                stack.append(name)
            elif hashed and stat.S_ISREG(st.st_mode) and st.st_size <= HASHED_BYTES:
                with open(entry.path, "rb") as fh:
                    row.append(_digest(fh.read(HASHED_BYTES + 1)))
            yield row


def _code() -> list[list[Any]]:
    """What the loader is made of: its own modules (a source checkout), the libraries that
    parse and validate (their messages are in the cached problems), and a bundle's executable
    (a bundle holds its modules inside it: a new build with the same version is a new key)."""
    here = Path(__file__).parent
    rows: list[list[Any]] = []
    for path in sorted(here.glob("*.py")):
        st = path.stat()
        rows.append([path.name, st.st_size, st.st_mtime_ns])
    for name in ("pydantic", "pydantic_core", "yaml"):
        try:
            spec = importlib.util.find_spec(name)  # found, not imported
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):
            st = os.stat(origin)
            rows.append([name, origin, st.st_size, st.st_mtime_ns])
    if getattr(sys, "frozen", False):
        st = os.stat(sys.executable)
        rows.append([sys.executable, st.st_size, st.st_mtime_ns])
    return rows


def fingerprint(content_dir: Path, assets_dir: Path | None) -> str:
    """The key of a load of ``content_dir``: a hash of everything its result depends on.
    Raises OSError or :class:`Unusable` when the folders cannot be walked."""
    material = {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version_info[:2],
        "content_dir": str(content_dir),
        "assets_dir": str(assets_dir) if assets_dir else None,
        "content": list(_walk(content_dir, hashed=True)),
        "assets": list(_walk(assets_dir, hashed=False)) if assets_dir else [],
        "code": _code(),
    }
    text = json.dumps(material, separators=(",", ":"), ensure_ascii=True)
    return _digest(text.encode("ascii"))


# --- encoding -----------------------------------------------------------------------------------
def _classes() -> dict[str, type]:
    """Every class a cached result may hold, by name: nothing else is ever made from a file."""
    from kiosk.content import model, text

    found: dict[str, type] = {
        cls.__name__: cls
        for cls in (
            model.Gallery,
            model.GallerySettings,
            model.Theme,
            model.Credit,
            model.Organisation,
            model.IdleSettings,
            model.AttractSettings,
            model.CarouselSettings,
            model.AnalyticsSettings,
            model.PresenterSettings,
            model.Section,
            model.Fact,
            model.PollOption,
            model.Poster,
            model.Quote,
            model.GeneralGuidance,
            model.FishbowlPreset,
            text.LocalText,
            text.Artwork,
            Problem,
        )
    }
    return found


def _fields(obj: Any) -> dict[str, Any]:
    """The fields that make ``obj`` (a dataclass), by name; a field that holds its class's
    default object itself is left out, so that it is that same object again when read back (the
    loader tells a text left to the schema's default from one the file gives by identity)."""
    cls: type = type(obj)
    return {
        name: value
        for name, default in _kept_fields(cls)
        if (value := getattr(obj, name)) is not default
    }


@functools.cache
def _kept_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (f.name, f.default)
        for f in dataclasses.fields(cls)
        if f.init and not f.name.startswith("_")
    )


@functools.cache
def _link() -> type:
    from kiosk.content.text import Link

    return Link


def _encode(value: Any, known: dict[str, type]) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Unusable("a number that is not finite")
        return value
    if kind is tuple:
        return [_encode(v, known) for v in value]
    if kind is _link():
        return {_TAG: "link", "v": str(value)}
    if isinstance(value, Path):
        return {_TAG: "path", "v": str(value)}
    if kind is dt.date:
        return {_TAG: "date", "v": value.isoformat()}
    if kind is Severity:
        return {_TAG: "severity", "v": value.value}
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise Unusable("a mapping with keys that are not text")
        return {_TAG: "dict", "items": [[k, _encode(v, known)] for k, v in value.items()]}
    name = kind.__name__
    if known.get(name) is not kind:
        raise Unusable(f"cannot keep a {name}")
    return {_TAG: name, "fields": {k: _encode(v, known) for k, v in _fields(value).items()}}


def encode(result: LoadResult) -> dict[str, Any]:
    """``result`` as plain JSON data; :class:`Unusable` for what cannot be kept (a result with
    documents, a value of a type not listed)."""
    if result.documents:
        raise Unusable("a result that keeps its documents")
    known = _classes()
    return {
        "gallery": _encode(result.gallery, known),
        "problems": [_encode(p, known) for p in result.problems],
        "missing": [list(m) for m in result.missing_translations],
        "shown_with_errors": result.posters_shown_with_errors,
        "left_out": result.posters_left_out,
    }


# --- decoding: every node checked, exact fields, listed classes only -----------------------------
def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise Unusable(f"the cache holds {what}")


def _decode(node: Any, known: dict[str, type]) -> Any:
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return tuple(_decode(v, known) for v in node)
    _expect(type(node) is dict and type(node.get(_TAG)) is str, "a value of no known kind")
    tag = node[_TAG]
    if tag in _SCALARS:
        _expect(set(node) == {_TAG, "v"} and type(node["v"]) is str, f"a bad {tag}")
        return _SCALARS[tag](node["v"])
    if tag == "dict":
        _expect(set(node) == {_TAG, "items"} and type(node["items"]) is list, "a bad mapping")
        out = {}
        for item in node["items"]:
            _expect(type(item) is list and len(item) == 2 and type(item[0]) is str, "a bad item")
            out[item[0]] = _decode(item[1], known)
        return out
    cls = known.get(tag)
    _expect(cls is not None, f"an unknown class {tag!r}")
    assert cls is not None
    fields = node.get("fields")
    _expect(type(fields) is dict, f"a {tag} without fields")
    values = {k: _decode(v, known) for k, v in fields.items()}
    _expect(set(node) == {_TAG, "fields"} and set(values) <= _init_fields(cls), f"a {tag} changed")
    return cls(**values)


@functools.cache
def _init_fields(cls: type) -> frozenset[str]:
    return frozenset(
        f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")
    )


_SCALARS: dict[str, Callable[[str], Any]] = {
    "path": Path,
    "date": dt.date.fromisoformat,
    "severity": Severity,
    "link": lambda v: _link()(v),
}


def decode(data: Any) -> LoadResult:
    """The result that :func:`encode` gave ``data`` for; :class:`Unusable` (or another error,
    which the caller treats the same) for anything else."""
    from kiosk.content.model import Gallery

    known = _classes()
    _expect(
        type(data) is dict
        and set(data) == {"gallery", "problems", "missing", "shown_with_errors", "left_out"},
        "a result changed",
    )
    gallery = _decode(data["gallery"], known)
    _expect(type(gallery) is Gallery, "no gallery")
    problems = [_decode(p, known) for p in _listed(data["problems"])]
    _expect(all(type(p) is Problem for p in problems), "a problem of another kind")
    missing = []
    for row in _listed(data["missing"]):
        _expect(
            type(row) is list and len(row) == 4 and [type(v) for v in row] == [str, int, str, str],
            "a bad missing translation",
        )
        missing.append(MissingTranslation(*row))
    counts = data["shown_with_errors"], data["left_out"]
    _expect(all(type(n) is int and n >= 0 for n in counts), "bad counts")
    return LoadResult(
        gallery,
        problems,
        {},
        tuple(missing),
        posters_shown_with_errors=counts[0],
        posters_left_out=counts[1],
    )


def _listed(value: Any) -> list[Any]:
    _expect(type(value) is list, "a list that is not one")
    return value


# --- the file -----------------------------------------------------------------------------------
def _secret(key_file: Path, create: bool) -> bytes | None:
    """The secret the cache is signed with (made on first use, readable by this user only)."""
    try:
        data = key_file.read_bytes()
        if len(data) >= 32:
            return data
    except FileNotFoundError:
        pass
    if not create:
        return None
    import secrets  # noqa: PLC0415 - only the first write needs it

    key = secrets.token_bytes(32)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def _sign(secret: bytes, body: bytes) -> str:
    """BLAKE2 with a key: a MAC by design (RFC 7693), no HMAC construction needed."""
    return blake2b(body, digest_size=32, key=secret[:64]).hexdigest()


def read(cache_file: Path, key_file: Path, stamp: str) -> LoadResult | None:
    """The result kept for ``stamp``, or None (a miss: no file, another key, a file that was
    changed by anyone but this app, or that is not what this app writes)."""
    try:
        secret = _secret(key_file, create=False)
        if secret is None:
            return None
        with open(cache_file, "rb") as fh:
            raw = fh.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            raise Unusable("the cache file is too big")
        mac, sep, body = raw.partition(b"\n")
        if not sep or not compare_digest(mac, _sign(secret, body).encode("ascii")):
            raise Unusable("the cache file's signature does not match")
        data = json.loads(body.decode("utf-8"))
        _expect(type(data) is dict and set(data) == {"format", "stamp", "result"}, "a bad file")
        if data["format"] != FORMAT or data["stamp"] != stamp:
            return None
        return decode(data["result"])
    except FileNotFoundError:
        return None
    except Exception as exc:  # hostile input: whatever it is, the full load runs instead
        logger.info("the content cache %s is not used: %s", cache_file, exc)
        return None


def write(cache_file: Path, key_file: Path, stamp: str, result: LoadResult) -> bool:
    """Keep ``result`` for ``stamp``; False (said in the log) when it cannot be kept."""
    try:
        body = json.dumps(
            {"format": FORMAT, "stamp": stamp, "result": encode(result)},
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode("utf-8")
        secret = _secret(key_file, create=True)
        assert secret is not None
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        # a temporary file renamed over the old one: a reader sees the old file or the new one;
        # no fsync (a file torn by a power cut fails its signature and is only a miss)
        tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(_sign(secret, body).encode("ascii") + b"\n" + body)
            os.replace(tmp, cache_file)
        finally:
            tmp.unlink(missing_ok=True)
    except Exception as exc:  # a full disk, a read-only folder: the next start loads in full
        logger.info("the content cache %s was not written: %s", cache_file, exc)
        return False
    return True


class Loaded(NamedTuple):
    """A load of the content: its result, whether the cache gave it, and (after a full load)
    ``keep``, which writes the result into the cache: now, or once the first frame is on
    screen (it costs ~20 ms that the first frame does not need)."""

    result: LoadResult
    from_cache: bool
    keep: Callable[[], bool] | None = None


def load(
    content_dir: Path,
    assets_dir: Path | None,
    cache_dir: Path,
    key_file: Path,
    full_load: Callable[[Path, Path | None], LoadResult],
) -> Loaded:
    """The load of ``content_dir``: from the cache when nothing it depends on changed, else
    ``full_load``'s, with the ``keep`` that writes it into the cache for the next start."""
    cache_file = cache_dir / CACHE_FILE
    try:
        stamp: str | None = fingerprint(content_dir, assets_dir)
    except (OSError, Unusable) as exc:
        logger.info("the content cache is not used for %s: %s", content_dir, exc)
        stamp = None
    if stamp is not None:
        found = read(cache_file, key_file, stamp)
        if found is not None:
            return Loaded(found, True)
    result = full_load(content_dir, assets_dir)
    if stamp is None:
        return Loaded(result, False)

    def keep() -> bool:
        """Write the result, if the files are still those it was loaded from."""
        try:
            after = fingerprint(content_dir, assets_dir)
        except (OSError, Unusable):
            return False
        # a file changed since (or while) it loaded: the result may not be the files' own
        return after == stamp and write(cache_file, key_file, stamp, result)

    return Loaded(result, False, keep)
