"""Real windows, offscreen: a MainWindow on a gallery, at a chosen size."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.clock import FakeClock
from kiosk.ui.main_window import MainWindow
from tests.gui.kiosk_rig import KioskRig
from tests.gui.touch import touch_device

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(scope="session", autouse=True)
def _touch_device(qapp) -> None:
    """Register the touch device before any window exists: devices are global to the process,
    and one made later loses its first sequence."""
    touch_device()


@pytest.fixture
def make_window(qtbot) -> WindowFactory:
    """Build, size and show a main window; animations off unless asked for."""

    def factory(
        content: Path | None = None,
        size: tuple[int, int] = (1920, 1080),
        reduced_motion: bool = True,
        presenter: bool = True,
    ) -> MainWindow:
        folder = content or paths.default_content_dir()
        result = load_gallery(folder, paths.assets_dir())
        window = startup.gallery_window(
            result, size, reduced_motion=reduced_motion, kiosk=not presenter, theme=False
        )
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return factory


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


@pytest.fixture
def make_carousel(qtbot):
    """A carousel of the gallery's seven quotes on a fake clock, shown on its own."""
    from kiosk.ui.quotes.carousel import QuoteCarousel

    def make(mode: str, size: tuple[int, int], reduced_motion: bool = True):
        gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
        ctx = startup.make_context(gallery, (1920, 1080), reduced_motion=reduced_motion)
        clock = FakeClock(50.0)
        carousel = QuoteCarousel(ctx, gallery.quotes, mode, clock=clock)
        qtbot.addWidget(carousel)
        carousel.resize(*size)
        carousel.show()
        qtbot.waitExposed(carousel)
        return carousel, clock

    return make


@pytest.fixture
def make_rig(qtbot, tmp_path):
    rigs: list[KioskRig] = []
    hook = sys.excepthook

    def factory(kiosk_on: bool = True, watch: bool = False, content: Path | None = None):
        rig = KioskRig(qtbot, content or paths.default_content_dir(), kiosk_on, watch)
        rigs.append(rig)
        return rig

    yield factory
    for rig in rigs:
        rig.close()
    sys.excepthook = hook
