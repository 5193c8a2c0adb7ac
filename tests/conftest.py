"""Suite-wide setup: Qt offscreen, a throwaway app-data folder per test, helpers for galleries."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# no voice unless a test asks for one (tests/gui/test_read_aloud.py asks for Qt's mock engine):
# the suite must not depend on whether this machine has speech-dispatcher
os.environ.setdefault("KIOSK_TTS_ENGINE", "none")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _app_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real app-data folder."""
    folder = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def mini_gallery(tmp_path: Path) -> Path:
    """A copy of the small test gallery (tests/fixtures/mini) that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(autouse=True)
def _gc_on_gui_thread(request):  # noqa: ANN001, ANN202
    """As the app does (kiosk.startup.get_app): in a test with Qt, Python's cycle collector
    runs on the GUI thread only, never on an image-decoding worker (kiosk.ui.collector)."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from kiosk.ui.collector import collect_on_gui_thread, uninstall

    collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    uninstall()
