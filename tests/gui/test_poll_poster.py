"""The poll poster in a real window: a tap votes, the results show as bars with counts and
shares, a second tap moves the vote, the idle reset starts the next visitor's session; every
option is a target of at least 44 px at 1080p, landscape and portrait."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from kiosk.ui.gallery.poll import PollBlock

SHOTS = Path(os.environ.get("POLL_SHOTS", "")) if os.environ.get("POLL_SHOTS") else None


def poll_block(window) -> PollBlock:  # noqa: ANN001
    assert window.nav.open_id("poll")
    blocks = [b for b in window.findChildren(PollBlock) if b.isVisibleTo(window)]
    assert len(blocks) == 1
    return blocks[0]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_tap_vote_change_and_reset(make_window, qtbot, size: tuple[int, int]) -> None:  # noqa: ANN001
    window = make_window(size=size)
    block = poll_block(window)
    for button in block.buttons:
        assert button.height() >= 44 and button.width() >= 44
    assert not block.bars.isVisible()  # no results before a vote
    QTest.mouseClick(block.buttons[2], Qt.MouseButton.LeftButton)
    assert block.bars.isVisible() and block.thanks.isVisible()
    assert [r.count for r in block.bars.shares] == [0, 0, 1, 0]
    assert block.buttons[2].isChecked() and block.words[2].text().endswith("✓ your vote")
    assert "Johannesburg" in block.bars.accessibleDescription()
    assert "1 vote, 100% (✓ your vote)" in block.bars.accessibleDescription()
    # the results scroll into view (at 1920x1080 they start below the screen's edge)
    view = window.deck.current()
    qtbot.waitUntil(
        lambda: (
            block.bars.mapTo(view.viewport(), block.bars.rect().bottomLeft()).y()
            <= view.viewport().height()
        )
    )
    QTest.mouseClick(block.buttons[0], Qt.MouseButton.LeftButton)  # a change of mind
    assert [r.count for r in block.bars.shares] == [1, 0, 0, 0]
    assert not block.buttons[2].isChecked()
    if SHOTS is not None:
        window.ctx.images.wait()
        window.grab().save(str(SHOTS / f"poll-voted-{size[0]}x{size[1]}.png"))
    window.reset_for_next_visitor()  # the idle reset: the next visitor
    block = poll_block(window)
    assert not block.bars.isVisible() and not any(b.isChecked() for b in block.buttons)
    QTest.mouseClick(block.buttons[3], Qt.MouseButton.LeftButton)
    assert [r.count for r in block.bars.shares] == [1, 0, 0, 1]
    assert window.polls.total("poll") == 2


def test_results_grow_unless_reduced_motion(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(reduced_motion=False)
    block = poll_block(window)
    QTest.mouseClick(block.buttons[1], Qt.MouseButton.LeftButton)
    assert block.bars.grown < 1.0  # the bars start from nothing
    qtbot.waitUntil(lambda: block.bars.grown == 1.0, timeout=3000)


def test_hidden_results_thank_the_visitor(make_window, mini_gallery: Path) -> None:  # noqa: ANN001
    (mini_gallery / "posters" / "vote.yaml").write_text(
        "id: poll\nkind: poll\ntitle: Your turn\nquestion: Which pier?\n"
        "options:\n  - label: North\n  - label: South\nshow_results: false\n",
        encoding="utf-8",
    )
    window = make_window(mini_gallery)
    block = poll_block(window)
    QTest.mouseClick(block.buttons[1], Qt.MouseButton.LeftButton)
    assert block.thanks.isVisible() and not block.bars.isVisible()
    assert window.polls.total("poll") == 1


def test_the_poll_speaks_the_visitors_language(qtbot) -> None:  # noqa: ANN001
    """In French: the question, the prompt, the thanks, the plural of votes and the share's
    spacing ("50 %") are French; the kicker on the home card is "Sondage"."""
    from kiosk import paths
    from tests.gui.languages import window_in

    window = window_in(qtbot, paths.default_content_dir(), (1920, 1080), "fr")
    card = window.home.cards[[p.id for p in window.ctx.gallery.posters].index("poll")]
    assert "Sondage" in [lb.text() for lb in card.findChildren(QLabel)]
    block = poll_block(window)
    texts = [lb.text() for lb in block.findChildren(QLabel)]
    assert "Quel cas aimeriez-vous le plus essayer dans votre ville\u00a0?" in texts
    assert "Touchez votre réponse. Vous pouvez la changer jusqu’à votre départ." in texts
    QTest.mouseClick(block.buttons[1], Qt.MouseButton.LeftButton)
    assert block.thanks.text() == "Merci\u00a0: votre vote est compté."
    assert block.words[1].text().endswith("✓ votre vote")
    assert block.total.text() == "1 vote"
    window.reset_for_next_visitor()
    block = poll_block(window)
    QTest.mouseClick(block.buttons[2], Qt.MouseButton.LeftButton)
    assert block.total.text() == "2 votes"
    assert "1 vote, 50\u202f% (✓ votre vote)" in block.bars.accessibleDescription()
