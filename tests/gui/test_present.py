"""``kiosk present``: the gallery for the room and the presenter's console, in real windows
offscreen (one screen: the console is peeked at with C). Keys go in through the windows' own
``QWindow`` (``QTest.keyClick`` on the window handle), the road a keyboard or a clicker takes.
The clocks run on fake clocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QEnterEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk import paths, startup
from kiosk.commands.present import audience_index
from kiosk.content.loader import load_gallery
from kiosk.content.notes import points
from kiosk.core.clock import FakeClock, FakeWallClock
from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.core.talk import TalkState
from kiosk.ui.present import strings as S
from kiosk.ui.present.presenter import Presenter

# the offscreen platform has no stacking of windows: raising the console over the gallery (what
# a peek does on a real screen) is refused there with a warning
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def make_presenter(qtbot):
    made: list[Presenter] = []

    def factory(
        content: Path | None = None,
        talk_minutes: int | None = None,
        console_size: tuple[int, int] = (1920, 1080),
    ) -> tuple[Presenter, FakeClock]:
        folder = content or paths.default_content_dir()
        result = load_gallery(folder, paths.assets_dir())
        window = startup.gallery_window(
            result, (1280, 720), reduced_motion=True, theme=False, hints=False
        )
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        clock = FakeClock(500.0)
        presenter = Presenter(
            window,
            console_size,
            peek=True,
            clock=clock,
            wall=FakeWallClock(),
            talk_minutes=talk_minutes,
        )
        qtbot.addWidget(presenter.console)
        made.append(presenter)
        return presenter, clock

    yield factory
    for presenter in made:
        presenter.stop()


def press(target, key: Qt.Key, text: str = "") -> None:  # noqa: ANN001 - a QWidget
    """A key press as a keyboard makes it: into the window's QWindow."""
    handle = target.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key)


def peek(qtbot, presenter: Presenter) -> None:  # noqa: ANN001
    press(presenter.window, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: presenter.console.isVisible())
    qtbot.waitExposed(presenter.console)


def notes_of(presenter: Presenter, poster_id: str) -> list[str]:
    return points(presenter.window.ctx.gallery.notes_for(poster_id))


def test_c_peeks_at_the_console_and_c_or_esc_goes_back(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    assert not presenter.console.isVisible()
    peek(qtbot, presenter)
    assert presenter.peeking
    press(presenter.console, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: not presenter.console.isVisible())
    peek(qtbot, presenter)
    press(presenter.console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.console.isVisible())
    assert presenter.window.nav.state.screen is Screen.HOME  # Esc closed the peek, nothing else


def test_clicker_keys_on_the_console_drive_the_gallery(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    window, console = presenter.window, presenter.console
    peek(qtbot, presenter)
    press(console, Qt.Key.Key_PageDown)  # from home: the first poster
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 0
    press(console, Qt.Key.Key_PageDown)
    assert window.nav.state.index == 1
    press(console, Qt.Key.Key_PageUp)
    assert window.nav.state.index == 0
    press(console, Qt.Key.Key_B)
    assert window.modes.is_open(Mode.BLACKOUT)
    assert console.where.text() == S.BLACKED_OUT
    press(console, Qt.Key.Key_Period)
    assert not window.modes.is_open(Mode.BLACKOUT)
    press(console, Qt.Key.Key_Right)
    assert window.nav.state.index == 1
    assert console.isVisible()  # the console stayed in front throughout


def test_clicker_keys_on_the_gallery_still_work(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    window = presenter.window
    press(window, Qt.Key.Key_PageDown)
    press(window, Qt.Key.Key_PageDown)
    assert window.nav.state.index == 1
    press(window, Qt.Key.Key_Period)
    assert window.modes.is_open(Mode.BLACKOUT)


def test_the_console_shows_the_notes_the_next_poster_and_the_list(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    window, console = presenter.window, presenter.console
    posters = window.ctx.gallery.posters
    peek(qtbot, presenter)
    assert console.notes.text() == S.NOTES_OFF_POSTER  # home: no poster, no notes
    assert posters[0].id in [p.id for p in posters]
    assert console.next_card is not None
    assert str(posters[0].title) in console.next_card.accessibleName()  # next from home
    press(console, Qt.Key.Key_2)
    first, *_ = notes_of(presenter, posters[1].id)
    assert console.notes.text().startswith(first)
    assert str(posters[1].title) in console.notes_title.text()
    assert str(posters[2].title) in console.next_card.accessibleName()
    assert console.poster_list.currentRow() == 1
    press(console, Qt.Key.Key_End)
    assert S.END_OF_SHOW in console.next_card.text()  # a label: the end


def test_every_shipped_poster_shows_its_own_notes(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    peek(qtbot, presenter)
    texts = set()
    for i, poster in enumerate(presenter.window.ctx.gallery.posters):
        presenter.window.nav.open(i)
        text = presenter.console.notes.text()
        assert text.startswith(notes_of(presenter, poster.id)[0]), poster.id
        texts.add(text)
    assert len(texts) == len(presenter.window.ctx.gallery.posters)


def test_the_notes_scroll_with_the_arrow_keys_and_start_at_the_top(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter(console_size=(1280, 720))
    console = presenter.console
    peek(qtbot, presenter)
    presenter.window.nav.open(1)  # Montreal: the longest notes, longer than the panel
    bar = console.notes_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    press(console, Qt.Key.Key_Down)
    press(console, Qt.Key.Key_Down)
    down = bar.value()
    assert down > 0
    assert presenter.window.nav.state.index == 1  # the arrows scrolled the notes only
    press(console, Qt.Key.Key_Up)
    assert 0 < bar.value() < down
    press(console, Qt.Key.Key_PageDown)  # another poster: its notes from the top
    assert bar.value() == 0


def test_the_list_jumps_to_a_poster(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    console = presenter.console
    peek(qtbot, presenter)
    items = console.poster_list
    rect = items.visualItemRect(items.item(3))
    QTest.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert presenter.window.nav.state.index == 3
    assert presenter.window.nav.state.screen is Screen.POSTER


def test_the_clocks_and_the_countdown_states(qtbot, make_presenter) -> None:
    presenter, clock = make_presenter(talk_minutes=10)
    console = presenter.console
    peek(qtbot, presenter)
    clock.advance(125)
    presenter.tick()
    assert console.elapsed.text() == "2:05"
    assert console.countdown.text() == "7:55"
    assert console.countdown_state is TalkState.NORMAL
    assert console.state_word.text() == S.STATE_WORDS[TalkState.NORMAL]
    clock.advance(6 * 60)  # 1:55 left: the warning, in words and colour
    presenter.tick()
    assert console.countdown.text() == "1:55"
    assert console.state_word.text() == S.STATE_WORDS[TalkState.WARNING]
    warning = console.countdown_panel.grab().toImage()
    assert warning.pixelColor(8, warning.height() // 2) == QColor(console.ctx.palette.warning)
    clock.advance(2 * 60 + 10)
    presenter.tick()
    assert console.countdown.text() == "−0:15"
    assert console.state_word.text() == S.STATE_WORDS[TalkState.OVERTIME]
    over = console.countdown_panel.grab().toImage()
    assert over.pixelColor(8, over.height() // 2) == QColor(console.ctx.palette.danger)
    console.more_button.click()  # +5 min on the console: time in hand again
    assert console.countdown.text() == "4:45"
    assert console.countdown_state is TalkState.NORMAL
    press(console, Qt.Key.Key_S)  # paused: the clock holds
    clock.advance(30)
    presenter.tick()
    assert console.elapsed.text() == f"10:15 ({S.PAUSED})" and console.pause_button.text() == (
        S.RESUME
    )
    console.restart_button.click()
    assert console.elapsed.text() == "0:00"


def test_without_a_talk_length_the_console_counts_up_only(qtbot, make_presenter) -> None:
    presenter, clock = make_presenter()
    peek(qtbot, presenter)
    clock.advance(3600 + 61)
    presenter.tick()
    assert presenter.console.elapsed.text() == "1:01:01"
    assert presenter.console.state_word.text() == S.NO_COUNTDOWN


def test_the_ticker_updates_the_clock_while_the_console_is_on_show(qtbot, make_presenter) -> None:
    presenter, clock = make_presenter()
    peek(qtbot, presenter)
    clock.advance(42)
    qtbot.waitUntil(lambda: presenter.console.elapsed.text() == "0:42")


def test_the_copy_of_the_room_shows_the_blackout(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    window, console = presenter.window, presenter.console
    peek(qtbot, presenter)
    press(console, Qt.Key.Key_1)

    def centre() -> QColor:
        pixmap = console.mirror.pixmap
        assert pixmap is not None
        image = pixmap.toImage()
        return image.pixelColor(image.width() // 2, image.height() // 3)

    qtbot.waitUntil(lambda: console.mirror.pixmap is not None and centre() != QColor("#000000"))
    press(console, Qt.Key.Key_B)
    assert window.modes.is_open(Mode.BLACKOUT)
    qtbot.waitUntil(lambda: centre() == QColor("#000000"))


def test_the_audience_sees_no_key_hints(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    window = presenter.window
    assert window.home.prompt is not None and not window.home.prompt.isVisible()
    window.nav.open(0)
    qtbot.waitUntil(lambda: window.poster_screen.isVisible())
    assert not window.poster_screen.hints.isVisible()


def test_the_pointer_is_hidden_over_the_audience_window(qtbot, make_presenter) -> None:
    presenter, _ = make_presenter()
    handle = presenter.window.windowHandle()
    point = QPointF(20, 20)
    QApplication.sendEvent(handle, QEnterEvent(point, point, point))
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    QApplication.sendEvent(handle, QEvent(QEvent.Type.Leave))
    assert QGuiApplication.overrideCursor() is None


def test_the_talks_length_from_gallery_yaml_starts_the_countdown(
    qtbot, make_presenter, tmp_path
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), folder)
    gallery_file = folder / "gallery.yaml"
    text = gallery_file.read_text(encoding="utf-8")
    gallery_file.write_text(text + "\npresenter:\n  talk_minutes: 15\n", encoding="utf-8")
    presenter, clock = make_presenter(content=folder)
    peek(qtbot, presenter)
    assert presenter.console.countdown.text() == "15:00"
    clock.advance(14 * 60)
    presenter.tick()
    assert presenter.console.countdown_state is TalkState.WARNING  # the default: 2 minutes


def test_notes_edited_on_disk_reach_the_console(qtbot, make_presenter, tmp_path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(paths.default_content_dir(), folder)
    presenter, _ = make_presenter(content=folder)
    window = presenter.window
    peek(qtbot, presenter)
    window.nav.open(0)
    (folder / "notes.yaml").write_text("introduction: A new first point.\n", encoding="utf-8")
    result = load_gallery(folder, paths.assets_dir())
    window.set_gallery(result.gallery)  # what the live reload does with a new load
    qtbot.waitUntil(lambda: presenter.console.notes.text() == "A new first point.")


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1920, 1080)])
def test_the_consoles_buttons_and_clocks_are_never_squeezed(qtbot, make_presenter, size) -> None:
    """A laptop's screen with the peek's extra button: the title gives way, the buttons and
    the digits keep their whole text."""
    presenter, _ = make_presenter(console_size=size)
    console = presenter.console
    peek(qtbot, presenter)
    console.resize(*size)
    qtbot.waitUntil(lambda: console.size().width() == size[0])
    header = [console.pause_button, console.restart_button, console.less_button]
    header += [console.more_button, console.time_of_day, console.elapsed, console.countdown]
    for widget in header:
        assert widget.width() >= widget.sizeHint().width(), widget.text()
        assert widget.geometry().right() <= console.width()
    title = console.title
    assert not title.isVisible() or title.width() >= title.sizeHint().width()


@pytest.mark.parametrize(
    ("count", "primary", "asked", "expected"),
    [(1, 0, None, None), (2, 0, None, 1), (2, 1, None, 0), (3, 0, 2, 2), (1, 0, 0, 0)],
)
def test_the_audience_screen_is_the_one_asked_else_a_non_primary_one(
    count: int, primary: int, asked: int | None, expected: int | None
) -> None:
    assert audience_index(count, primary, asked) == expected
