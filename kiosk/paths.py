"""Where things are: the one module that knows about source checkouts and frozen bundles.

Content resolution order: ``--content DIR``; else a ``content/`` folder beside the executable of
a frozen bundle (so an organiser can edit it without rebuilding); else the bundled default.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
        return Path(explicit).expanduser().resolve()
    return beside_content_dir() or default_content_dir()


def content_origin(explicit: str | os.PathLike[str] | None = None) -> str:
    """Why :func:`content_dir` chose its folder, in words (``kiosk validate``, the self-test)."""
    if explicit:
        return "given with --content"
    if beside_content_dir() is not None:
        return "beside the executable"
    return "the default shipped with the app"


def data_dir() -> Path:
    """The app's own writable folder (logs, state, cache); KIOSK_DATA_DIR overrides it."""
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from PySide6.QtCore import QStandardPaths  # noqa: PLC0415 - Qt only where needed

        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        path = Path(base or Path.home() / ".local" / "share") / ORG_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path
