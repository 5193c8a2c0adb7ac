"""Issue 15: folders the app cannot use, and text from content on its way to the log.

A content folder that cannot be opened gives way to the bundled default content, and a data
folder that cannot be made to a temporary one: each says so (the log, the admin screen, the
self-test) and nothing dies with a traceback, since under systemd a crash at start is a
restart loop behind a black screen. What the log writes is escaped: a file name cannot clear
the terminal or forge a record, and an SVG's embedded picture is summarised, not written out.

Root reads a folder at mode 000 anyway; where the organiser's own case is wanted the app runs as
``nobody`` (tests/as_user.py). In-process, a folder that is a link to itself stands for it: no
one, root included, can open it. ``/proc/x`` is a data folder no one can make.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from PySide6.QtWidgets import QLabel

from kiosk import log as klog
from kiosk import paths, startup
from tests.as_user import HERE as AS_USER
from tests.as_user import lock, public_folder
from tests.conftest import REPO

NO_DATA_DIR = "/proc/x"  # /proc refuses new folders, for root too
RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ ")


@pytest.fixture
def no_data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KIOSK_DATA_DIR", NO_DATA_DIR)
    yield
    used, _notice, _problem = paths._DATA_DIRS.pop(Path(NO_DATA_DIR), (None, None, None))
    if used is not None and str(used) != NO_DATA_DIR:
        shutil.rmtree(used, ignore_errors=True)


@pytest.fixture
def root_logger() -> Iterator[None]:
    """kiosk.log.setup configures the root logger: put it back afterwards."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def self_loop(tmp_path: Path) -> Path:
    """A content folder that cannot be opened by anyone: a symbolic link to itself."""
    folder = tmp_path / "content"
    folder.symlink_to(folder)
    return folder


# -- the content folder ------------------------------------------------------------------------


def test_the_gallery_falls_back_and_the_admin_screen_says_why(qtbot, tmp_path: Path) -> None:
    bad = self_loop(tmp_path)
    result = startup.load(str(bad))
    assert result.gallery.content_dir == paths.default_content_dir()
    assert len(result.gallery.posters) >= 1
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, str(bad), watch=False)
    try:
        info = services.admin.screen.describe()
        assert info["notices"] == [
            f"{bad}: the content folder cannot be read (too many levels of symbolic links): "
            "the gallery shows its default content instead"
        ]
        assert info["content_dir"] == str(paths.default_content_dir())
        services.admin.screen.refresh()
        texts = [w.text() for w in services.admin.screen.body.findChildren(QLabel)]
        assert info["notices"][0] in texts
    finally:
        services.stop()
        window._allow_close = True


class Stderr:
    """A process's stderr, read line by line by a thread and handed over by a queue, so that
    a wait sees each line as it comes (no line sits unseen in a buffer) and never sleeps."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        self.proc, self.lines = proc, []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(proc.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 60) -> bool:
        """True once a line holding ``text`` came; False at the end of the output or after
        ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                return False
            if line is None:
                return False
            self.lines.append(line)
            if text in line:
                return True
        return False

    def stop(self) -> str:
        """End the process and return all it wrote."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._thread.join(timeout=30)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
        return "\n".join(self.lines)


def start(*args: str, env: dict[str, str], as_user: bool = False) -> Stderr:
    command = [sys.executable, str(AS_USER)] if as_user else [sys.executable, "-m", "kiosk"]
    proc = subprocess.Popen(
        [*command, *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    return Stderr(proc)


def test_a_real_kiosk_on_an_unreadable_folder_and_no_data_folder_starts(mini_gallery) -> None:
    """``kiosk --kiosk`` as an ordinary user, its content folder at mode 000 and KIOSK_DATA_DIR
    where no folder can be made: it shows the default gallery (its first frame, then the
    services) and says both things on stderr; stopped once it is on screen."""
    with public_folder() as public:
        content = public / "content"
        shutil.copytree(mini_gallery, content)
        lock(content)
        env = {**os.environ, "KIOSK_DATA_DIR": NO_DATA_DIR, "QT_QPA_PLATFORM": "offscreen"}
        err = start("--kiosk", "--content", str(content), env=env, as_user=True)
        shown = err.wait_for("on screen:")
        text = err.stop()
    lines = err.lines
    assert shown, text
    assert "Traceback" not in text
    assert (
        f"ERROR kiosk: {content}: the content folder cannot be read (permission denied): "
        "the gallery shows its default content instead" in lines
    ), text
    data = [line for line in lines if line.startswith("WARNING kiosk: the data folder /proc/x")]
    assert len(data) == 1, text
    assert "cannot be used (no such file or directory): the log, the admin PIN" in data[0]
    shutil.rmtree(stand_in(data[0]), ignore_errors=True)


def test_the_fishbowl_starts_without_a_data_folder() -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": NO_DATA_DIR, "QT_QPA_PLATFORM": "offscreen"}
    err = start("fishbowl", "--windowed", env=env)
    shown = err.wait_for("fishbowl timer on screen")
    text = err.stop()
    lines = err.lines
    assert shown, text
    assert "Traceback" not in text
    notice = [line for line in lines if "the data folder /proc/x cannot be used" in line]
    assert len(notice) == 1 and "temporary folder /tmp/kiosk-data-" in notice[0], text
    shutil.rmtree(stand_in(notice[0]), ignore_errors=True)


def stand_in(notice: str) -> Path:
    """The temporary folder a data-folder notice names (removed by the test that made it)."""
    return Path(notice.split("temporary folder ")[1].split(" until")[0])


def self_test_as_user(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # the unprivileged user's own home (beside its data folder), as a kiosk account has: not
    # root's, where the sound library (libpulse, under the chime) would fail to make its folder
    # and say so on stderr
    home = Path(env["KIOSK_DATA_DIR"]).parent / "home"
    (home / ".config").mkdir(parents=True, exist_ok=True)
    for folder in (home, home / ".config"):
        folder.chmod(0o777)
    env = {**env, "HOME": str(home)}
    return subprocess.run(
        [sys.executable, str(AS_USER), "--self-test", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_the_self_test_names_an_unreadable_folder_and_checks_the_fallback(mini_gallery) -> None:
    with public_folder() as public:
        content = public / "content"
        shutil.copytree(mini_gallery, content)
        lock(content)
        env = {**os.environ, "KIOSK_DATA_DIR": str(public / "data")}
        proc = self_test_as_user("--content", str(content), env=env)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"kiosk self-test: FAIL content: {content}: the content folder cannot be read "
        "(permission denied): the gallery shows its default content instead"
    ]
    summary = json.loads(proc.stdout)
    assert summary["content"] == str(paths.default_content_dir())
    assert summary["content_asked"] == str(content)
    assert summary["counts"]["screens"] == summary["counts"]["posters"] + 4


def test_the_self_test_without_a_data_folder_says_so_and_renders(no_data_dir) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ),
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    [failure] = proc.stderr.splitlines()
    assert failure.startswith(
        "kiosk self-test: FAIL data folder: the data folder /proc/x cannot be used "
        "(no such file or directory): the log, the admin PIN and saved sessions go to the "
        "temporary folder /tmp/kiosk-data-"
    )
    summary = json.loads(proc.stdout)
    assert summary["data_dir"].startswith("/tmp/kiosk-data-")
    assert summary["counts"]["screens"] == summary["counts"]["posters"] + 4
    shutil.rmtree(summary["data_dir"], ignore_errors=True)


def test_the_gallery_window_starts_without_a_data_folder(qtbot, no_data_dir, root_logger) -> None:
    """start_gui, the window and the services (the PIN store, the log tail) in-process,
    as ``kiosk`` does them: no OSError anywhere, and the admin screen names the stand-in."""
    assert startup.start_gui() is not None
    result = startup.load(None)
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, None, watch=False)
    try:
        info = services.admin.screen.describe()
        [notice] = info["notices"]
        assert notice.startswith("the data folder /proc/x cannot be used")
        assert info["log_file"] == str(paths.data_dir() / "logs" / "kiosk.log")
        assert any("the data folder /proc/x cannot be used" in t for t in info["log_tail"])
    finally:
        services.stop()
        window._allow_close = True


# -- the log -----------------------------------------------------------------------------------


def test_a_crafted_file_name_cannot_forge_a_line_of_kiosk_log(
    mini_gallery: Path, tmp_path: Path, root_logger
) -> None:
    name = "evil\x1b[2J\r2026-01-01 00:00:00,000 ERROR kiosk: forged\n\u202e\x9bx.yaml"
    (mini_gallery / "posters" / name).write_text("id: [not, an, id]\n")
    path = klog.setup(tmp_path)
    assert path is not None
    startup.load(str(mini_gallery))
    import logging

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for raw in ("\x1b", "\r", "\u202e", "\x9b"):
        assert raw not in text
    lines = text.splitlines()
    assert lines and all(RECORD_START.match(line) for line in lines), lines
    assert not any("ERROR kiosk: forged" in line[:45] for line in lines)
    assert any(
        "posters/evil\\x1b[2J\\r2026-01-01 00:00:00,000 ERROR kiosk: forged\\n" in line
        for line in lines
    )


def test_an_svg_embedding_a_huge_picture_is_summarised_in_the_log(
    qapp, tmp_path: Path, root_logger
) -> None:
    """Qt quoted the whole data: URI when it refused the picture inside (over its allocation
    limit): ~1 MB of base64 per decode into the log. The SVG sanitizer now refuses such a
    picture before Qt sees it, in one short line; and any message that still quotes a data:
    URI (Qt's own, or ours) is written with the URI's size instead."""
    import base64

    from PySide6.QtCore import QSize

    from kiosk.ui.images import decode
    from tests.hostile import pictures

    png = pictures.png_bomb(tmp_path / "bomb.png").read_bytes()  # 400 MB of pixels
    payload = base64.b64encode(png).decode()
    svg = tmp_path / "huge.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="100"><image width="100" height="100" '
        f'xlink:href="data:image/png;base64,{payload}"/></svg>'
    )
    path = klog.setup(tmp_path)
    assert path is not None
    klog.route_qt_messages()
    decode(svg, QSize(200, 200))
    import logging

    logging.getLogger("kiosk.ui.images").warning(
        'Could not create image from "data:image/png;base64,%s"', payload
    )
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert payload[:200] not in text
    assert "more than 100 megapixels" in text  # the sanitizer's refusal, not Qt's
    kb = len(payload) * 3 // 4 / 1000  # the PNG's size, ~392 kB
    assert f'Could not create image from "data:image/png;base64,… ({kb:.1f} kB)"' in text, text
    assert len(text) < 2000
