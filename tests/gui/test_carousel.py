"""The quote carousel in its three places, driven by a controllable clock and real input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.clock import FakeClock
from kiosk.core.navigation import Screen
from kiosk.ui.quotes.carousel import QuoteCarousel


@pytest.fixture
def standalone(make_carousel):
    """A full-screen-mode carousel of the gallery's seven quotes, on a fake clock."""
    return lambda reduced_motion=True: make_carousel("screen", (1600, 800), reduced_motion)


def test_auto_advance_after_each_dwell_and_wrap_around(qtbot, standalone) -> None:
    carousel, clock = standalone()
    n = len(carousel.quotes)
    assert carousel.timer_active()
    for expected in list(range(1, n)) + [0]:
        clock.advance(carousel.rotation.dwell() + 0.01)
        qtbot.waitUntil(lambda e=expected: carousel.index == e, timeout=2000)  # the real timer


def test_dwell_follows_the_quote_length(standalone) -> None:
    carousel, _ = standalone()
    words = [len(str(q.text).split()) for q in carousel.quotes]
    dwell = [carousel.rotation.dwell(i) for i in range(len(words))]
    longest, shortest = words.index(max(words)), words.index(min(words))
    assert dwell[longest] > dwell[shortest]
    assert all(8 <= d <= 45 for d in dwell)


def test_pause_button_stops_and_resumes(qtbot, standalone) -> None:
    carousel, clock = standalone()
    qtbot.mouseClick(carousel.pause_button, Qt.MouseButton.LeftButton)
    assert carousel.rotation.paused and not carousel.timer_active()
    assert carousel.pause_button.accessibleName() == "Play the quotes"
    clock.advance(500)
    carousel._tick()
    assert carousel.index == 0
    qtbot.mouseClick(carousel.pause_button, Qt.MouseButton.LeftButton)
    assert not carousel.rotation.paused and carousel.timer_active()


def test_the_pause_button_keeps_two_icons_however_often_it_changes(qtbot, standalone) -> None:
    """Each quote change and each pause sets the button's icon again. A new QIcon each time
    took new entries in Qt's pixmap cache for every paint, and the kiosk's native memory grew
    with every quote a visitor saw; the app shares one icon a name and size."""
    carousel, _ = standalone()
    keys = set()
    for _ in range(10):
        carousel.next()
        keys.add(carousel.pause_button.icon().cacheKey())
        qtbot.mouseClick(carousel.pause_button, Qt.MouseButton.LeftButton)
        keys.add(carousel.pause_button.icon().cacheKey())
    assert len(keys) == 2  # pause and play


def test_dot_jumps(qtbot, standalone) -> None:
    carousel, _ = standalone()
    qtbot.mouseClick(carousel.dots[4], Qt.MouseButton.LeftButton)
    assert carousel.index == 4 and carousel.dots[4].current and not carousel.dots[0].current
    assert all(d.width() >= 48 and d.height() >= 48 for d in carousel.dots)


def test_reduced_motion_changes_without_animation(standalone) -> None:
    carousel, _ = standalone(reduced_motion=True)
    carousel.next()
    assert carousel.index == 1 and not carousel.is_fading()


def test_cross_fade_when_motion_is_allowed(qtbot, standalone) -> None:
    carousel, _ = standalone(reduced_motion=False)
    carousel.next()
    assert carousel.is_fading() and carousel.canvas.previous == 0
    qtbot.waitUntil(lambda: not carousel.is_fading(), timeout=3000)
    assert carousel.canvas.previous is None


def test_accessible_name_carries_the_whole_quote(standalone) -> None:
    carousel, _ = standalone()
    carousel.jump(6)
    q = carousel.quotes[6]
    name = carousel.accessibleName()
    assert str(q.text) in name and str(q.speaker) in name and name.startswith("Quote 7 of 7")


def test_timer_stops_when_hidden(qtbot, make_window) -> None:
    window = make_window()
    home = window.home.carousel
    assert home is not None and home.timer_active()
    window.nav.open(1)
    assert not home.timer_active()
    poster = window.deck.current().findChild(QuoteCarousel)
    assert poster is not None and poster.timer_active()
    window.nav.open(3)  # Johannesburg: no quotes in the report
    assert not poster.timer_active()
    assert window.deck.current().findChild(QuoteCarousel) is None
    window.nav.home()
    assert home.timer_active()


def in_poster(window, poster_id: str):
    window.nav.open_id(poster_id)
    view = window.deck.current()
    carousel = view.findChild(QuoteCarousel)
    view.ensureWidgetVisible(carousel, 0, 0)
    QApplication.processEvents()  # the scroll position applies before points are mapped
    vp = view.viewport()
    centre = carousel.canvas.mapTo(vp, carousel.canvas.rect().center())
    return view, carousel, vp, centre


def test_tap_on_a_poster_quote_pauses_it(qtbot, make_window) -> None:
    window = make_window()
    view, carousel, vp, centre = in_poster(window, "montreal-technopole-angus")
    clock = FakeClock(100.0)
    view.gestures.clock = clock
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=centre)
    assert carousel.rotation.paused
    assert window.deck.index == 1  # the poster did not change
    clock.advance(10)  # far later: not a double tap
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=centre)
    assert not carousel.rotation.paused


def test_holds_still_while_a_finger_rests_on_it(qtbot, make_window) -> None:
    window = make_window()
    view, carousel, vp, centre = in_poster(window, "montreal-technopole-angus")
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert carousel.rotation.held and not carousel.timer_active()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert not carousel.rotation.held


@pytest.mark.parametrize(("dx", "expected"), [(-500, 1), (500, 2)])
def test_swipe_on_a_quote_changes_the_quote_not_the_poster(
    qtbot, make_window, dx, expected
) -> None:
    window = make_window()
    view, carousel, vp, centre = in_poster(window, "montreal-technopole-angus")
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    for i in range(1, 6):
        QTest.mouseMove(vp, centre + QPoint(dx * i // 5, 0))
    QTest.mouseRelease(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre + QPoint(dx, 0)
    )
    assert carousel.index == expected  # three quotes: left → next, right → previous (wraps)
    assert window.deck.index == 1 and not window.deck.is_animating()


def test_quotes_screen_keys(qtbot, make_window) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_Q)
    assert window.nav.state.screen is Screen.QUOTES
    carousel = window.quotes.carousel
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert carousel.index == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert carousel.index == 0
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert carousel.rotation.paused
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.nav.state.screen is Screen.HOME
    qtbot.mouseClick(window.home.quotes_button, Qt.MouseButton.LeftButton)
    assert window.nav.state.screen is Screen.QUOTES


@pytest.mark.parametrize(
    "size", [(1280, 720), (1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_every_quote_fits_everywhere(qtbot, make_window, size) -> None:
    """The longest quote fits on the home screen, on each poster and full screen; the dots
    are centred on the panel and clear of the pause button."""
    window = make_window(size=size)

    def check(carousel: QuoteCarousel) -> None:
        canvas = carousel.canvas
        for i in range(len(carousel.quotes)):
            assert canvas.fits(i), (size, carousel.quotes[i].id, canvas.size())
            assert canvas.fit(i) >= canvas.min_px
        assert canvas.min_px >= window.ctx.scale.px("small")
        assert carousel.isVisible()
        if len(carousel.quotes) < 2:
            assert not carousel.controls.isVisible()  # one quote: no dots, no pause
            return
        qtbot.waitUntil(lambda: carousel.controls.width() == carousel.width())  # laid out
        dots = carousel.dots
        left, right = dots[0].geometry().left(), dots[-1].geometry().right()
        # centred to a few pixels: the row sits between two equal side columns now, and each
        # layout splits an odd pixel its own way
        assert abs((left + right) / 2 - carousel.controls.width() / 2) <= 3, (size, left, right)
        assert right < carousel.pause_button.geometry().left(), size

    check(window.home.carousel)
    window.nav.quotes()
    QApplication.processEvents()
    check(window.quotes.carousel)
    for poster in (
        "montreal-technopole-angus",
        "seoul-sse-special-districts",
        "barcelona-growing-sse",
        "transferability",
    ):
        window.nav.open_id(poster)
        QApplication.processEvents()
        check(window.deck.current().findChild(QuoteCarousel))


def test_the_pause_button_never_covers_a_dot_and_says_paused_in_a_word(qtbot, make_window) -> None:
    """Issue 17: at 640x400 the pause button covered the last dots; paused, the carousel showed
    only a small icon."""
    window = make_window(size=(640, 400))
    carousel = window.home.carousel
    assert carousel is not None
    qtbot.waitUntil(lambda: carousel.dots[-1].isVisible())

    def geometry_in_carousel(widget):  # noqa: ANN001, ANN202
        from PySide6.QtCore import QRect

        return QRect(widget.mapTo(carousel, widget.rect().topLeft()), widget.size())

    button = geometry_in_carousel(carousel.pause_button)
    for dot in carousel.dots:
        assert not geometry_in_carousel(dot).intersects(button)
    assert carousel.pause_button.text() == ""
    carousel.toggle_pause()
    assert carousel.pause_button.text() == "Paused"
    button = geometry_in_carousel(carousel.pause_button)
    assert not any(geometry_in_carousel(d).intersects(button) for d in carousel.dots)
    carousel.toggle_pause()
    assert carousel.pause_button.text() == ""
    # and the whole home still fits the small window (no row pushed past its right edge)
    page = window.home.widget()
    assert page.width() <= window.home.viewport().width()


def test_the_dots_are_a_fingers_target_at_1080p(qtbot, make_window) -> None:
    window = make_window(size=(1920, 1080))
    for dot in window.home.carousel.dots:
        assert dot.width() >= 44 and dot.height() >= 44


class PaintRecorder(QPainter):
    """A real painter (on a scratch image) for QuoteCanvas._paint_quote that also records each
    text drawn with drawText: what, where, at what size, in what colour."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[str, object, int, str]] = []  # text, rect, pixel size, colour

    def drawText(self, rect, flags, text) -> None:  # noqa: N802 - QPainter's name
        self.texts.append((text, rect, self.font().pixelSize(), self.pen().color().name()))
        super().drawText(rect, flags, text)


def painted(image: QImage) -> bool:
    """Anything drawn in ``image`` (a quote's pixmap starts transparent)."""
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # held while its bits are read
    data = bytes(argb.constBits())
    return any(data[3::4])  # the alpha bytes


def drawn(canvas, i: int) -> PaintRecorder:
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32_Premultiplied)
    recorder = PaintRecorder(image)
    canvas._paint_quote(recorder, i)
    recorder.end()
    return recorder


def test_the_quotes_screen_shows_each_quotes_source_note_under_the_attribution(
    qtbot, make_window
) -> None:
    """A curious visitor finds where a quote comes from (the report's spelling "Makhra", why
    the environment quote is the CEO's) in a small line under who said it, full screen only."""
    window = make_window()
    window.nav.quotes()
    QApplication.processEvents()
    carousel = window.quotes.carousel
    canvas = carousel.canvas
    ctx = window.ctx
    notes = {q.id: canvas.source_of(i) for i, q in enumerate(carousel.quotes)}
    assert all(note.startswith("Source: ") for note in notes.values()), notes
    assert "Makhra" in notes["makhura-gauteng"]
    assert "says the CEO" in notes["yaccarini-environment"]
    for i, quote in enumerate(carousel.quotes):
        texts = drawn(canvas, i).texts
        note = notes[quote.id]
        assert [t[0] for t in texts][-1] == note  # last, under the speaker and their role
        speaker = next(t for t in texts if t[0] == ctx.t(quote.speaker))
        _, rect, px, colour = texts[-1]
        assert rect.top() > speaker[1].bottom()
        assert px == ctx.scale.px("small") and colour == QColor(ctx.palette.muted).name()
        assert rect.bottom() <= canvas.height() - canvas.bar  # inside the panel, above the line
        # and it is really painted there: the rectangle's pixels are not all transparent
        image = canvas.pixmap(i).toImage()
        dpr = image.devicePixelRatio()
        area = QRect(*(round(v * dpr) for v in rect.getRect()))
        assert painted(image.copy(area)), quote.id
        above = QRect(area.left(), area.top() - area.height(), area.width(), area.height())
        assert painted(image.copy(above))  # the attribution: the test sees text where it is
        below = QRect(area.left(), area.bottom() + 1, area.width(), image.height())
        assert not painted(image.copy(below))  # nothing under the note
    carousel.jump(4)
    assert "Source: " in carousel.accessibleName()


def test_the_source_note_stays_off_the_home_strip_and_the_posters(qtbot, make_window) -> None:
    window = make_window()
    home = window.home.carousel
    assert home.canvas.source_of(0) == ""
    assert not [t for t in drawn(home.canvas, 0).texts if t[0].startswith("Source:")]
    assert "Source: " not in home.accessibleName()
    window.nav.open_id("montreal-technopole-angus")
    QApplication.processEvents()
    poster = window.deck.current().findChild(QuoteCarousel)
    assert poster.quotes[0].source is not None
    assert not [t for t in drawn(poster.canvas, 0).texts if t[0].startswith("Source:")]
