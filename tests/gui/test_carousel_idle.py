"""What a resting quote carousel costs: only its progress line is repainted, a few times a second
and only when it has moved by a whole pixel; a cross-fade blends two pixmaps drawn once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.quotes.carousel import QuoteCarousel


class Paints(QObject):
    """Counts the paint events of ``root`` and its children, per widget class, while installed
    on the application (other tests' windows, closing meanwhile, are not counted)."""

    def __init__(self, root: QWidget) -> None:
        super().__init__()
        self.root = root
        self.by_class: dict[str, int] = {}

    def eventFilter(self, obj, event) -> bool:  # noqa: N802, ANN001
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and (obj is self.root or self.root.isAncestorOf(obj))
        ):
            name = type(obj).__name__
            self.by_class[name] = self.by_class.get(name, 0) + 1
        return False

    def __enter__(self) -> Paints:
        QApplication.processEvents()  # nothing pending from before
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        QApplication.processEvents()
        QApplication.instance().removeEventFilter(self)


@pytest.fixture
def standalone(make_carousel):
    """A strip-mode carousel (as on the home screen), on a fake clock."""
    return lambda reduced_motion=True: make_carousel("strip", (800, 700), reduced_motion)


def seconds_per_pixel(carousel: QuoteCarousel) -> float:
    line = carousel.canvas.line
    return carousel.rotation.dwell() / (line.width() * line.devicePixelRatioF())


def test_a_progress_step_repaints_only_the_line(standalone) -> None:
    carousel, clock = standalone()
    line = carousel.canvas.line
    assert line.height() == carousel.canvas.bar and line.width() == carousel.canvas.width()
    clock.advance(10 * seconds_per_pixel(carousel))
    with Paints(carousel) as paints:
        carousel._tick()
    assert paints.by_class == {"ProgressLine": 1}
    assert line.progress == pytest.approx(carousel.rotation.progress())


def test_the_line_waits_for_a_whole_pixel(standalone) -> None:
    carousel, clock = standalone()
    carousel._tick()
    QApplication.processEvents()
    clock.advance(0.3 * seconds_per_pixel(carousel))
    with Paints(carousel) as paints:
        carousel._tick()
    assert paints.by_class == {}


def test_the_timer_steps_a_few_times_a_second_and_on_the_due_time(standalone) -> None:
    carousel, clock = standalone()
    assert carousel._timer.isSingleShot()
    assert carousel._timer.interval() == QuoteCarousel.TICK_MS <= 250
    clock.advance(carousel.rotation.dwell() - 0.05)  # the next quote is due in 50 ms
    carousel._tick()
    assert carousel.index == 0 and carousel._timer.interval() == 50
    clock.advance(0.05)
    carousel._tick()
    assert carousel.index == 1 and carousel.timer_active()


def test_a_paused_carousel_does_not_wake_up(standalone) -> None:
    carousel, _ = standalone()
    carousel.toggle_pause()
    assert not carousel.timer_active()


def test_a_cross_fade_blends_two_pixmaps_drawn_once(qtbot, standalone) -> None:
    carousel, _ = standalone(reduced_motion=False)
    canvas = carousel.canvas
    first = canvas.pixmap(0).cacheKey()
    with Paints(carousel) as paints:
        carousel.next()
        assert carousel.is_fading()
        QApplication.processEvents()
        keys = (canvas.pixmap(0).cacheKey(), canvas.pixmap(1).cacheKey())
        qtbot.waitUntil(lambda: not carousel.is_fading(), timeout=3000)
    assert keys[0] == first and canvas.pixmap(1).cacheKey() == keys[1]
    assert set(canvas._pixmaps) == {1}  # the old quote's pixmap is let go at the next change
    # at most one frame per opacity step (plus the first and the last), not one per 16 ms
    assert 2 <= paints.by_class.get("QuoteCanvas", 0) <= QuoteCarousel.FADE_STEPS + 2


def test_reduced_motion_changes_at_once_with_one_frame(standalone) -> None:
    carousel, _ = standalone(reduced_motion=True)
    with Paints(carousel) as paints:
        carousel.next()
    assert not carousel.is_fading() and carousel.canvas.previous is None
    assert paints.by_class.get("QuoteCanvas") == 1


def test_hidden_it_keeps_no_pixmaps(standalone) -> None:
    carousel, _ = standalone()
    carousel.canvas.pixmap(0)
    carousel.hide()
    assert carousel.canvas._pixmaps == {}


@pytest.mark.parametrize("content", ["default", "light"])
def test_the_opaque_line_matches_the_quote_panel(make_window, mini_gallery, content) -> None:
    """The line paints the panel's background itself: it must be the colour around it."""
    window = make_window(None if content == "default" else mini_gallery)
    carousel = window.home.carousel
    if carousel is None:
        pytest.skip("no quotes in this gallery")
    line = carousel.canvas.line
    line.set_progress(0.0)
    image = carousel.grab().toImage()
    pal = window.ctx.palette
    at = line.mapTo(carousel, line.rect().topRight())
    above = image.pixelColor(at.x() - 2, at.y() - 1)
    inside = image.pixelColor(at.x() - 2, at.y() + 1)
    surface, text = QColor(pal.surface), QColor(pal.text)
    track = [
        round(s + (t - s) * 40 / 255)
        for s, t in zip(surface.getRgb()[:3], text.getRgb()[:3], strict=True)
    ]
    assert above.getRgb()[:3] == surface.getRgb()[:3]
    assert all(abs(a - b) <= 2 for a, b in zip(inside.getRgb()[:3], track, strict=True))
