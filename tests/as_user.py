"""Run ``kiosk ARGS`` as an ordinary user: ``python tests/as_user.py ARGS``.

Why: the suite runs as root, and root reads a folder at mode 000 as if nothing were wrong, so
the organiser's real mistake (a content folder they cannot read) cannot happen to root. Here a
root process imports everything the app needs first (the interpreter's own library lives under
/root, which an ordinary user cannot enter), then gives up root for the ``nobody`` account with
``os.setuid`` and runs the command: from then on the kernel refuses it exactly what it refuses
any user. Run as an ordinary user already, it just runs the command."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

NOBODY = 65534
HERE = Path(__file__).resolve()


@contextmanager
def public_folder() -> Iterator[Path]:
    """A fresh folder the ``nobody`` account can reach (pytest's tmp_path sits in folders only
    their owner may enter), with a ``data`` folder in it that it may write to; removed after."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-as-user-"))
    try:
        folder.chmod(0o755)
        data = folder / "data"
        data.mkdir(mode=0o777)
        data.chmod(0o777)  # past the umask
        yield folder
    finally:
        for path in folder.rglob("*"):  # a folder at mode 000 cannot be emptied otherwise
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        folder.chmod(0o755)
        shutil.rmtree(folder)


def lock(folder: Path) -> None:
    """Mode 000: nobody but root may list or enter it (and root is given up before the run)."""
    folder.chmod(0)


def run_as_user(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``kiosk ARGS`` as an ordinary user, as a real process (see the module's docstring)."""
    return subprocess.run(
        [sys.executable, str(HERE), *args],
        cwd=HERE.parent.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def _import_everything() -> None:
    """Every kiosk module and the standard modules they import lazily, before root is given up
    (a lazy import of a module under /root would fail for nobody, for a reason that is ours)."""
    import kiosk

    for name in (
        "argparse", "ctypes", "datetime", "difflib", "email", "hashlib", "importlib.metadata",
        "importlib.util", "json", "logging.handlers", "platform", "secrets", "shutil",
        "subprocess", "tempfile", "traceback", "unicodedata", "uuid", "wave", "zlib",
    ):  # fmt: skip
        import_module(name)
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if not info.name.endswith("__main__"):  # that one runs the app when imported
            import_module(info.name)


def main(argv: list[str]) -> int:
    _import_everything()
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    from kiosk.app import main as kiosk_main

    return kiosk_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
