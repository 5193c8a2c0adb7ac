"""Read aloud on posters and quotes, with Qt's own mock engine (it "says" a word every 100 ms,
silently, and goes Speaking → Ready as a real engine does): the sentence read is highlighted,
reading goes on sentence by sentence, and stops on leaving, blackout, a layer and the reset.
Without an engine the buttons are not there and the log says why."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from kiosk.core.modes import Mode
from kiosk.ui.speech import ENV, Reader, engine_choice
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"


# QtTextToSpeech links QtMultimedia, which needs the system's libpulse: .ci/run installs it


@pytest.fixture
def voiced(monkeypatch, make_window, qtbot):  # noqa: ANN001, ANN201
    """A window on the small test gallery with the mock voice, ready."""
    monkeypatch.setenv(ENV, "mock")

    def factory(size: tuple[int, int] = (1920, 1080)):  # noqa: ANN202
        window = make_window(MINI, size=size)
        window.reader.prepare()
        qtbot.waitUntil(lambda: window.reader.available)
        return window

    return factory


def highlighted(label: QLabel, accent: str) -> bool:
    return label.textFormat() == Qt.TextFormat.RichText and accent in label.text()


def open_poster(window, qtbot, index: int = 0):  # noqa: ANN001, ANN201
    window.nav.open(index)
    page = window.deck.current().ensure_page()
    qtbot.waitUntil(lambda: page.read_button.isVisible())
    return page


def test_the_engine_is_the_systems_own_never_the_mock_unless_asked(monkeypatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    name, _why = engine_choice()
    assert name != "mock"
    monkeypatch.setenv(ENV, "mock")
    assert engine_choice()[0] == "mock"
    monkeypatch.setenv(ENV, "no-such-engine")
    name, why = engine_choice()
    assert name is None and "no-such-engine" in why
    monkeypatch.setenv(ENV, "none")
    assert engine_choice()[0] is None


def test_without_a_voice_no_button_and_a_log_line(make_window, qtbot, caplog) -> None:
    window = make_window(MINI)  # the suite's default: KIOSK_TTS_ENGINE=none
    with caplog.at_level(logging.INFO, logger="kiosk.ui.speech"):
        window.reader.prepare()
    assert not window.reader.available
    assert any("read aloud off" in r.getMessage() for r in caplog.records)
    window.nav.open(0)
    page = window.deck.current().ensure_page()
    assert not page.read_button.isVisible()
    window.nav.quotes()
    qtbot.waitUntil(lambda: window.quotes.isVisible())
    assert not window.quotes.carousel.read_button.isVisible()


def test_a_poster_is_read_sentence_by_sentence_with_the_sentence_highlighted(voiced, qtbot) -> None:
    window = voiced()
    reader = window.reader
    page = open_poster(window, qtbot)
    title = page.findChild(QLabel, "posterTitle")
    accent = window.ctx.palette.accent
    said: list[str] = []
    reader._engine.sayingWord.connect(lambda word, *_: said.append(word))
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert reader.owner is page and page.read_button.isChecked()
    assert page.read_button.text() == "Stop reading"
    assert highlighted(title, accent)  # the title first: the page is at its top
    tagline = next(
        lab for lab in page.findChildren(QLabel) if lab.accessibleName().startswith("Two stories")
    )
    qtbot.waitUntil(lambda: highlighted(tagline, accent), timeout=5000)
    assert not highlighted(title, accent)  # one sentence marked at a time
    assert title.text() == "Welcome to the harbour"  # and shown again as it was
    assert said[:4] == ["Welcome", "to", "the", "harbour"]
    # to the end: the paragraph last, then the button says Read aloud again
    qtbot.waitUntil(lambda: reader.owner is None, timeout=15000)
    assert "learnt" in said[-1]
    assert not page.read_button.isChecked() and page.read_button.text() == "Read aloud"
    assert not any(highlighted(lab, accent) for lab in page.findChildren(QLabel))
    assert reader.states[:3] == ["Ready", "Speaking", "Ready"]


def test_reading_starts_where_the_visitor_is_on_the_page(make_window, qtbot) -> None:
    # the shipped gallery (posters longer than a screen), sections in one column
    window = make_window(size=(1080, 1920))
    window.nav.open(1)
    view = window.deck.current()
    page = view.ensure_page()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert page.passages()[0].text == window.ctx.t(page.poster.title)  # at the top: the title
    section = page.poster.sections[1]
    heading = next(
        lab for lab in page.findChildren(QLabel) if lab.text() == window.ctx.t(section.heading)
    )
    view.verticalScrollBar().setValue(heading.mapTo(page, heading.rect().topLeft()).y())
    assert page.passages()[0].text == window.ctx.t(section.heading)  # not the title again


@pytest.mark.parametrize("leave", ["next poster", "home", "blackout", "help", "reset"])
def test_reading_stops_on_leaving_and_on_what_covers_it(voiced, qtbot, leave) -> None:
    window = voiced()
    page = open_poster(window, qtbot)
    title = page.findChild(QLabel, "posterTitle")
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert window.reader.reading
    {
        "next poster": lambda: window.nav.next(),
        "home": lambda: window.nav.home(),
        "blackout": lambda: window.modes.enter(Mode.BLACKOUT),
        "help": lambda: window.modes.enter(Mode.HELP),
        "reset": window.reset_for_next_visitor,
    }[leave]()
    assert not window.reader.reading
    assert title.text() == "Welcome to the harbour"  # the highlight gone
    engine = window.reader._engine
    qtbot.waitUntil(lambda: engine.state().name == "Ready")


def count_colour(image: QImage, colour: str) -> int:
    want = QColor(colour).rgb() & 0xFFFFFF
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) & 0xFFFFFF == want
    )


def test_a_quote_is_read_and_marked_and_holds_still(voiced, qtbot) -> None:
    window = voiced()
    window.nav.quotes()
    carousel = window.quotes.carousel
    qtbot.waitUntil(lambda: carousel.read_button.isVisible())
    accent = window.ctx.palette.accent
    before = count_colour(carousel.canvas.grab().toImage(), accent)
    qtbot.mouseClick(carousel.read_button, Qt.MouseButton.LeftButton)
    text = window.ctx.t(carousel.quotes[carousel.index].text)
    assert carousel.canvas.highlight == (1, len(text) + 1)  # one sentence: all of it
    assert carousel.rotation.held  # it does not move on while it is read
    marked = count_colour(carousel.canvas.grab().toImage(), accent)
    assert marked > before + 500  # the sentence's background, in the accent
    assert carousel.read_button.isChecked()
    assert carousel.read_button.accessibleName() == "Stop reading: this quote"
    carousel.next()  # another quote: this reading stops
    assert not window.reader.reading and carousel.canvas.highlight is None
    assert not carousel.rotation.held


def test_a_listener_is_a_visitor_still_there(monkeypatch, make_rig, qtbot) -> None:
    """Each sentence read counts as activity for the kiosk's idle reset: a visitor who only
    listens is not sent away mid-poster."""
    monkeypatch.setenv(ENV, "mock")
    rig = make_rig(content=MINI)
    tracker = rig.kiosk.tracker
    rig.clock.advance(tracker.timeout_seconds - 1)
    assert tracker.idle_for() >= tracker.timeout_seconds - 1
    rig.window.reader.prepare()
    qtbot.waitUntil(lambda: rig.window.reader.available)
    page = open_poster(rig.window, qtbot)
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert tracker.idle_for() < 1  # the first sentence began


def test_a_reader_deleted_as_a_sentence_ends_reads_no_more(monkeypatch, qtbot) -> None:
    """The engine says a sentence is done and the next is asked for in a moment; if the window
    (and its reader) goes in that moment, nothing is read and nothing raises. Before, the next
    sentence was asked of the deleted reader: "Internal C++ object already deleted" from the
    event loop (seen in a suite under load, in the test after the one whose window it was)."""
    import shiboken6
    from PySide6.QtCore import QTimer
    from PySide6.QtTextToSpeech import QTextToSpeech

    from kiosk import paths, startup
    from kiosk.content.loader import load_gallery

    monkeypatch.setenv(ENV, "mock")
    result = load_gallery(MINI, paths.assets_dir())
    # not the suite's window fixture: this test deletes the window itself
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    window.show()
    qtbot.waitExposed(window)
    reader = window.reader
    reader.prepare()
    qtbot.waitUntil(lambda: reader.available)
    page = open_poster(window, qtbot)
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Speaking" in reader.states, timeout=5000)
    reader._on_state(QTextToSpeech.State.Ready)  # as the engine's signal: the sentence ended
    shiboken6.delete(window)  # the window closed, and the reader with it
    assert not shiboken6.isValid(reader)
    later: list[bool] = []
    QTimer.singleShot(50, lambda: later.append(True))
    qtbot.waitUntil(lambda: later == [True])  # the next sentence's moment has passed
    # (an exception in that moment fails this test: pytest-qt reports it)


def test_the_reader_alone_reads_nothing_without_an_engine(qtbot) -> None:
    reader = Reader("en")
    reader.read([], owner=object())
    assert not reader.reading


def test_the_voice_follows_the_visitors_language(voiced, caplog) -> None:
    """Qt's mock engine has English voices (and Norwegian and Finnish), no French: the reader
    asks for French and says in the log that there is none; English again finds English."""
    window = voiced()
    engine = window.reader._engine
    with caplog.at_level(logging.INFO, logger="kiosk.ui.speech"):
        window.choose_language("fr")
    assert any("no fr voice in mock" in r.getMessage() for r in caplog.records)
    window.choose_language("en")
    assert engine.locale().name().startswith("en")
