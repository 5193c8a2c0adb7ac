"""The fishbowl's warning and over-time frame never crosses the question: a question of two
lines (and more) stays whole inside the heading, clear of the clock's ring and of the border
round the view, in landscape and portrait, on the room's screen and the laptop's preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from kiosk import paths, theme
from kiosk.content.model import FishbowlPreset
from kiosk.theme import palette_for
from kiosk.ui.fishbowl.demo import demo_session
from kiosk.ui.fishbowl.public import PublicView, question_font

# the workshop's own question, and a longer one written as an organiser might
QUESTIONS = [
    "How can we expand the SSE and transfer each case to other cities with a similar context?",
    "How can social and solidarity economy be a key driver of urban renewal in metropolitan "
    "cities, and what must local governments change in their own rules to let it grow there?",
    "How can social and solidarity economy be a key driver of urban renewal in metropolitan "
    "cities, and what must local governments change in their own procurement, land and finance "
    "rules, and in the way they work with residents, to let it grow there?",
]
SIZES = [(1920, 1080), (1080, 1920), (1280, 720), (1024, 768), (1920, 760), (800, 600)]


@pytest.fixture(autouse=True)
def _fonts(qapp) -> None:  # noqa: ANN001
    """The app's own font, as the room's screen has it (measures differ in a fallback font)."""
    theme.load_fonts(paths.assets_dir() / "fonts")


@pytest.mark.parametrize("state", ["warning", "overtime"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("question", QUESTIONS, ids=["report", "long", "longer"])
def test_the_frame_never_crosses_the_question(
    qapp,  # noqa: ANN001
    state: str,
    size: tuple[int, int],
    question: str,
) -> None:
    preset = FishbowlPreset.model_validate(
        {"title": "Transferability", "questions": [question], "warning_seconds": 30}
    )
    session = demo_session(preset, state)
    view = PublicView(session, palette_for("dark_teal.xml"), reduced_motion=True)
    view.resize(*size)
    scene = view.scene()
    assert scene.heading.question == question
    assert scene.clock is not None and scene.clock.ring  # the frame is drawn in this state
    words = view.question_rect()
    assert words.height() > 0
    heading = QRectF(view.layout_rects().parts["heading"])
    # the whole question is inside its part (nothing cut off at the foot; the fit allows
    # half a pixel, which the part's whole-pixel clip does not cut) ...
    assert heading.adjusted(0, 0, 0, 0.5).contains(words), (words, heading)
    # ... and the ring, at its widest pulse, is clear of it
    frame = view.frame_rect()
    assert not frame.intersects(words), (frame, words)
    # the over-time border round the view does not reach it either
    assert not view.layout_rects().border_band.intersects(words.toAlignedRect())
    view.deleteLater()


def test_a_long_question_really_takes_two_lines_in_portrait(qapp) -> None:  # noqa: ANN001
    preset = FishbowlPreset.model_validate({"title": "T", "questions": [QUESTIONS[1]]})
    view = PublicView(demo_session(preset, "warning"), palette_for("dark_teal.xml"), True)
    view.resize(1080, 1920)
    words = view.question_rect()
    heading = QRectF(view.layout_rects().parts["heading"])
    line = QFontMetricsF(question_font(QUESTIONS[1], heading)).lineSpacing()
    assert words.height() > 1.8 * line  # so the test above is about a wrapped question
    view.deleteLater()
