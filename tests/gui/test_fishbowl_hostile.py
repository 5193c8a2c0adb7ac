"""The fishbowl's windows against hostile files and failing disks, in real Qt (offscreen).

- A hostile session file: the fishbowl still opens (on a clean setup), the file is moved aside
  and the facilitator reads why on the screen, not only in a log.
- The setup's steppers stay small and fast whatever numbers a configuration carries.
- A save that fails puts a banner on the facilitator's view until a save works again.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import paths, startup
from kiosk.content.loader import load_gallery
from kiosk.core.atomic import write_atomically
from kiosk.core.clock import FakeClock
from kiosk.core.fishbowl.config import FishbowlConfig
from kiosk.core.fishbowl.records import State
from kiosk.core.fishbowl.session import FishbowlSession
from kiosk.core.fishbowl.store import SESSION_FILE, SessionStore
from kiosk.ui.fishbowl.build import build
from kiosk.ui.fishbowl.controller import FishbowlController
from kiosk.ui.fishbowl.setup import (
    CHAIRS_LIMIT,
    SESSION_LIMIT,
    STEPPER_BOUND,
    TURN_LIMIT,
    WARNING_LIMIT,
    SetupPanel,
    Stepper,
)
from kiosk.ui.fishbowl.window import FishbowlWindow, PublicWindow
from tests.unit.test_fishbowl_hostile import HOSTILE, WALL
from tests.unit.test_fishbowl_store import busy_session

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


@pytest.fixture
def gallery():
    return load_gallery(MINI, paths.assets_dir()).gallery


@pytest.fixture
def ctx(gallery):
    return startup.make_context(gallery, (1280, 720), reduced_motion=True)


# --- hostile files -----------------------------------------------------------------------------
@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_save_opens_a_clean_setup_and_says_why(qtbot, ctx, gallery, case) -> None:
    """``build`` is what ``kiosk fishbowl`` and the admin screen call at start."""
    folder = paths.data_dir() / "fishbowl"
    folder.mkdir(parents=True, exist_ok=True)
    session = busy_session(FakeClock())
    session.pause()
    snap = session.snapshot()
    HOSTILE[case](snap)
    (folder / SESSION_FILE).write_text(json.dumps(snap), encoding="utf-8")

    window, controller = build(ctx, gallery)  # raises nothing
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert controller.session.state is State.SETUP and controller.session.recovery is None
    assert not controller.session.turns()
    assert window.showing_setup()
    notice = window.setup.notice
    assert notice.startswith("The save was damaged") and "moved to" in notice, notice
    assert notice.endswith("Starting a new session.")
    assert window.setup.notice_label.isVisible()
    assert not (folder / SESSION_FILE).exists()
    assert len(list(folder.glob(f"{SESSION_FILE}.corrupt-*"))) == 1
    controller.close()


def test_the_notice_goes_once_the_new_session_starts(qtbot, ctx, gallery) -> None:
    folder = paths.data_dir() / "fishbowl"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SESSION_FILE).write_text('{"version": 1, "elapsed": 1e308}', encoding="utf-8")
    window, controller = build(ctx, gallery)
    qtbot.addWidget(window)
    window.show()
    assert window.setup.notice
    config = window.setup.config()
    assert config is not None
    window._start(config)
    assert controller.session.state is State.RUNNING and not window.setup.notice
    controller.close()


# --- steppers -----------------------------------------------------------------------------------
def _forced(**fields: float) -> FishbowlConfig:
    """A configuration carrying numbers ``FishbowlConfig`` itself now refuses, as one from an
    older version or a bug would: the panel must not trust the model's checks alone."""
    config = FishbowlConfig()
    for name, value in fields.items():
        object.__setattr__(config, name, value)
    return config


def test_steppers_stay_bounded_and_fast_with_budgets_of_1e300(qtbot, ctx) -> None:
    panel = SetupPanel(ctx, FishbowlConfig())
    qtbot.addWidget(panel)
    panel.resize(1280, 720)
    panel.show()
    started = time.perf_counter()
    panel.set_config(
        _forced(turn_seconds=1e300, session_seconds=1e300, warning_seconds=1e300, chairs=10**400)
    )
    panel.sizeHint()
    QApplication.processEvents()
    took = time.perf_counter() - started
    for stepper, (low, high) in (
        (panel.chairs, CHAIRS_LIMIT),
        (panel.turn, TURN_LIMIT),
        (panel.warning, WARNING_LIMIT),
        (panel.session, SESSION_LIMIT),
    ):
        assert low <= stepper.minimum <= stepper.value <= stepper.maximum <= high
    assert panel.session.value == SESSION_LIMIT[1] and panel.turn.value == TURN_LIMIT[1]
    assert took < 2.0, f"the setup took {took:.1f} s"


def test_a_stepper_over_a_huge_range_sizes_itself_quickly(qtbot, ctx) -> None:
    """Even handed a huge range directly, a stepper measures a sample of its values."""
    started = time.perf_counter()
    stepper = Stepper(ctx, "Huge", 0, 10**300, 30, value=10**299)
    qtbot.addWidget(stepper)
    stepper.value_label.sizeHint()
    stepper.step_up()
    stepper.set_range(-(10**300), 10**300)
    stepper.value_label.sizeHint()
    assert time.perf_counter() - started < 1.0
    assert -STEPPER_BOUND <= stepper.minimum <= stepper.value <= stepper.maximum <= STEPPER_BOUND


# --- failing saves --------------------------------------------------------------------------------
class Disk:
    """What the store writes through: the real atomic writer, unless ``full`` makes it fail as
    a full disk does, with ENOSPC from the write. (A full filesystem cannot be made here: the
    tests run as root, for whom a read-only mode does not stop writes, and mounting a tiny
    filesystem needs privileges the test machine does not give.)"""

    def __init__(self) -> None:
        self.full = False

    def __call__(self, path: Path, text: str, *, keep_backup: Path | None = None) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        write_atomically(path, text, keep_backup=keep_backup)


def _window(qtbot, ctx, store: SessionStore, public_elsewhere: bool = False):
    session = FishbowlSession(FakeClock(100.0), FishbowlConfig(chairs=4), wall=store.wall)
    controller = FishbowlController(session, store, Path(store.folder) / "exports")
    window = FishbowlWindow(ctx, controller, session.config, public_elsewhere=public_elsewhere)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def test_a_real_failing_save_shows_a_banner_until_a_save_works(qtbot, ctx, tmp_path) -> None:
    """A real failure from the operating system: the save folder's name is taken by a file, so
    creating the folder fails (this works as root too, unlike a read-only folder)."""
    folder = tmp_path / "fishbowl"
    folder.write_text("not a folder", encoding="utf-8")
    wall = FakeClock(WALL)
    store = SessionStore(folder, wall=wall)
    window, controller = _window(qtbot, ctx, store)
    window._start(FishbowlConfig(chairs=4))  # the start's save fails
    assert controller.session.state is State.RUNNING  # the discussion goes on
    since = time.strftime("%H:%M", time.localtime(WALL))
    banner = window.controls.save_banner
    assert banner.isVisible()
    assert banner.text() == f"Not saved since {since}: file exists"
    assert not window.save_notice_text()  # the status line says it: no second copy
    window.toggle_controls()  # C: the strip folds down to its status line...
    assert window.controls_folded()
    assert banner.isVisible()  # ...which keeps the problem on screen
    wall.advance(600)
    controller.next_speaker()  # fails again: still the time of the last good save (none yet)
    assert banner.text() == f"Not saved since {since}: file exists"

    folder.unlink()  # the folder can be made again
    controller.next_speaker()  # this save works
    assert store.path.exists()
    assert not banner.isVisible() and not window.save_notice_text()
    window.toggle_controls()
    assert not window.controls_folded() and not banner.isVisible()
    controller.close()


def test_a_full_disk_is_said_in_plain_words_and_the_banner_goes_after_a_save(
    qtbot, ctx, tmp_path
) -> None:
    disk = Disk()
    wall = FakeClock(WALL)
    store = SessionStore(tmp_path / "fishbowl", wall=wall, writer=disk)
    window, controller = _window(qtbot, ctx, store)
    window._start(FishbowlConfig(chairs=4))  # saved
    assert not window.controls.save_banner.isVisible()
    wall.advance(180)
    disk.full = True
    controller.next_speaker()
    since = time.strftime("%H:%M", time.localtime(WALL))
    assert window.controls.save_banner.text() == f"Not saved since {since}: the disk is full"
    assert window.controls.save_banner.isVisible()
    disk.full = False
    controller.toggle()  # paused: saved
    assert not window.controls.save_banner.isVisible() and not window.save_notice_text()
    assert json.loads(store.path.read_text(encoding="utf-8"))["state"] == "paused"
    controller.close()


def test_with_two_screens_the_banner_is_on_the_laptop_only(qtbot, ctx, tmp_path) -> None:
    disk = Disk()
    store = SessionStore(tmp_path / "fishbowl", wall=FakeClock(WALL), writer=disk)
    window, controller = _window(qtbot, ctx, store, public_elsewhere=True)
    public = PublicWindow(ctx, controller)
    qtbot.addWidget(public)
    public.show()
    window._start(FishbowlConfig(chairs=4))
    disk.full = True
    controller.next_speaker()
    assert window.controls.save_banner.isVisible()  # on the laptop's controls
    assert not window.save_notice_text()  # no second copy beside the banner
    shown = [w.text() for w in public.findChildren(type(window.save_notice)) if w.isVisible()]
    assert not any("Not saved" in t for t in shown)  # the room never sees it
    controller.close()


def test_a_view_built_while_saves_fail_shows_the_problem_at_once(qtbot, ctx, tmp_path) -> None:
    disk = Disk()
    disk.full = True
    store = SessionStore(tmp_path / "fishbowl", wall=FakeClock(WALL), writer=disk)
    session = FishbowlSession(FakeClock(), FishbowlConfig(chairs=4), wall=store.wall)
    controller = FishbowlController(session, store, tmp_path / "exports")
    controller.start_with(dataclasses.replace(session.config))
    window = FishbowlWindow(ctx, controller, session.config)
    qtbot.addWidget(window)
    window.show()
    assert "the disk is full" in window.controls.save_banner.text()
    assert window.controls.save_banner.isVisibleTo(window.controls)
    controller.close()
