"""Where things are: the one module that knows about source checkouts and frozen bundles.

Content resolution order: ``--content DIR``; else a ``content/`` folder beside the executable of
a frozen bundle (so an organiser can edit it without rebuilding); else the bundled default.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

APP_NAME = "kiosk"
ORG_NAME = "uclg-sse-gallery"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """The folder holding the shipped content/ and assets/ (the repo root when run from source)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    return Path(sys.executable).resolve().parent


def assets_dir() -> Path:
    return bundle_root() / "assets"


def default_content_dir() -> Path:
    return bundle_root() / "content"


def beside_content_dir() -> Path | None:
    """A ``content/`` folder (with a gallery.yaml) beside a frozen bundle's executable, if any."""
    if is_frozen():
        beside = executable_dir() / "content"
        if (beside / "gallery.yaml").is_file():
            return beside
    return None


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The content folder the app uses, by the documented order."""
    if explicit:
        folder = Path(explicit).expanduser()
        try:
            return folder.resolve()
        except (OSError, RuntimeError):  # a link loop: content_problem says why it cannot be used
            return folder.absolute()
    return beside_content_dir() or default_content_dir()


class FolderProblem(NamedTuple):
    """Why a content folder cannot be used: ``text`` is the sentence; ``unreadable`` tells a
    folder that is there but cannot be read from one that is missing or is a file."""

    text: str
    unreadable: bool

    def __str__(self) -> str:
        return self.text


def content_problem(folder: Path) -> FolderProblem | None:
    """Why ``folder`` cannot be used as the content folder at all, as a sentence (it is not
    there, not a folder, or cannot be read), or None when it can be opened. A folder that opens
    but holds bad files is not a problem here: the loader names each file's problems."""
    shown = escape_path(folder)
    try:
        mode = os.stat(folder).st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return FolderProblem(f"{shown} is not a folder: it does not exist", False)
        return FolderProblem(f"{shown}: the content folder cannot be read ({_reason(exc)})", True)
    if not stat.S_ISDIR(mode):
        return FolderProblem(f"{shown} is not a folder", False)
    try:
        with os.scandir(folder) as entries:
            for _ in entries:
                break
        posters = folder / "posters"
        if posters.is_dir():  # is_dir itself raises for a folder this user may not enter
            with os.scandir(posters) as entries:
                for _ in entries:
                    break
    except OSError as exc:
        where = shown if exc.filename in (None, str(folder)) else escape_path(exc.filename)
        return FolderProblem(f"{where}: the content folder cannot be read ({_reason(exc)})", True)
    return None


def usable_content_dir(
    explicit: str | os.PathLike[str] | None = None,
) -> tuple[Path, str | None]:
    """The content folder the gallery shows, and why it is not the one asked for (or None).

    The one place that decides: a folder given with ``--content`` (or found beside the bundle)
    that cannot be opened is replaced by the bundled default content, so a kiosk started by a
    service shows a gallery and says what is wrong (the log, the admin screen) instead of dying
    at start and being restarted in a loop behind a black screen."""
    folder = content_dir(explicit)
    problem = content_problem(folder)
    default = default_content_dir()
    if problem is None or folder == default or content_problem(default) is not None:
        return folder, None if problem is None else str(problem)
    return default, f"{problem}: the gallery shows its default content instead"


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def escape_path(path: str | os.PathLike[str] | bytes) -> str:
    """A path as it may be printed: a name with control characters cannot forge a line."""
    from kiosk.content.errors import one_line  # noqa: PLC0415 - no Qt; light

    text = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    return one_line(text, limit=1000)


def content_origin(explicit: str | os.PathLike[str] | None = None) -> str:
    """Why :func:`content_dir` chose its folder, in words (``kiosk validate``, the self-test)."""
    if explicit:
        return "given with --content"
    if beside_content_dir() is not None:
        return "beside the executable"
    return "the default shipped with the app"


class DataDirError(OSError):
    """The app-data folder cannot be made or written to (for commands that need the real one)."""


# the folder asked for -> (the folder used, why it differs): decided once per process, so that
# the log, the PIN and the fishbowl's saves all land in the same temporary folder
# (and the bare problem, for set-pin's refusal)
_DATA_DIRS: dict[Path, tuple[Path, str | None, str | None]] = {}


def wanted_data_dir() -> Path:
    """Where the app's own folder should be: KIOSK_DATA_DIR, else the platform's data folder."""
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override)
    from PySide6.QtCore import QStandardPaths  # noqa: PLC0415 - Qt only where needed

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home() / ".local" / "share") / ORG_NAME


def _make_writable(path: Path) -> str | None:
    """Make ``path`` and check that a file can be written there; why not, or None."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        return f"the data folder {escape_path(path)} cannot be used ({_reason(exc)})"
    return None


def data_dir(temporary_ok: bool = True) -> Path:
    """The app's own writable folder (logs, state, cache); KIOSK_DATA_DIR overrides it.

    When it cannot be made or written to (a read-only disk, a wrong KIOSK_DATA_DIR), a fresh
    temporary folder stands in, and :func:`data_dir_notice` says so: a kiosk that cannot keep
    its log still shows the gallery. ``temporary_ok`` False (``kiosk set-pin``, whose PIN would
    be lost) raises :class:`DataDirError` instead."""
    wanted = wanted_data_dir()
    if wanted not in _DATA_DIRS:
        problem: str | None = _make_writable(wanted)
        if problem is None:
            _DATA_DIRS[wanted] = (wanted, None, None)
        else:
            try:
                stand_in = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-data-"))
                notice = (
                    f"{problem}: the log, the admin PIN and saved sessions go to the "
                    f"temporary folder {escape_path(stand_in)} until the app stops"
                )
            except OSError:
                stand_in, notice = wanted, f"{problem}, nor can a temporary one: nothing is saved"
            _DATA_DIRS[wanted] = (stand_in, notice, problem)
    used, _notice, problem = _DATA_DIRS[wanted]
    if problem is not None and not temporary_ok:
        raise DataDirError(problem)
    return used


def data_dir_notice() -> str | None:
    """Why :func:`data_dir` is a temporary folder, or None when it is the one asked for."""
    entry = _DATA_DIRS.get(wanted_data_dir())
    return entry[1] if entry else None


def cache_dir() -> Path:
    """What the app keeps only to start faster (the theme's icons, the content cache): safe to
    delete at any time."""
    return data_dir() / "cache"
