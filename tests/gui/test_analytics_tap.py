"""The kiosk records a visit as it happens: the session from the first touch to the idle reset,
each poster with its time on a fake clock, a vote, read aloud; and a restarted kiosk's poll
shows the votes recorded before it."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk import paths
from kiosk.core.analytics.store import FILE_NAME
from kiosk.core.idle import IdleState
from kiosk.ui.gallery.poll import PollBlock
from kiosk.ui.quotes.carousel import QuoteCarousel
from tests.gui.kiosk_rig import idle_until, tap


def test_a_visit_is_recorded_from_first_touch_to_idle_reset(make_rig) -> None:  # noqa: ANN001
    rig = make_rig()
    tap(rig, QPoint(1915, 1075))  # someone is here
    assert rig.window.nav.open_id("montreal-technopole-angus")
    # a double-tap zoom and a swipe through the poster's quotes (as the gesture filter calls them)
    rig.window.deck.zoom.open_at(rig.window.deck.current().snapshot(), QPointF(400, 300))
    rig.window.deck.zoom.close_zoom()
    carousel = next(
        c
        for c in rig.window.deck.current().findChildren(QuoteCarousel)
        if c.isVisibleTo(rig.window)
    )
    carousel.gesture_swipe(+1)
    rig.clock.advance(12.0)
    assert rig.window.nav.open_id("poll")
    rig.clock.advance(5.0)
    block = next(b for b in rig.window.findChildren(PollBlock) if b.isVisibleTo(rig.window))
    QTest.mouseClick(block.buttons[1], Qt.MouseButton.LeftButton)
    QTest.mouseClick(block.buttons[3], Qt.MouseButton.LeftButton)  # changed their mind
    idle_until(rig, IdleState.WARNING)
    idle_until(rig, IdleState.IDLE)  # the reset: the session ends
    rig.parts.stop()  # the writer thread writes what is queued and stops
    db = sqlite3.connect(Path(paths.data_dir()) / FILE_NAME)
    sessions = db.execute("SELECT id, seconds, reason FROM sessions").fetchall()
    assert len(sessions) == 1
    sid, seconds, reason = sessions[0]
    assert reason == "idle" and seconds > 17.0
    posters = db.execute(
        "SELECT subject, value FROM events WHERE kind = 'poster' ORDER BY seq"
    ).fetchall()
    # (the first tap may itself have opened a poster from its card)
    assert posters[-2] == ("montreal-technopole-angus", 12.0)
    assert posters[-1][0] == "poll" and posters[-1][1] >= 5.0
    used = db.execute(
        "SELECT kind, subject FROM events WHERE kind IN ('zoom', 'quote_swipe') ORDER BY seq"
    ).fetchall()
    assert used == [
        ("zoom", "montreal-technopole-angus"),
        ("quote_swipe", "montreal-technopole-angus"),
    ]
    votes = [v for (v,) in db.execute("SELECT value FROM events WHERE kind = 'vote' ORDER BY seq")]
    assert votes == [1.0, 3.0]
    # nothing but ids, numbers and the random session id
    subjects = {s for (s,) in db.execute("SELECT DISTINCT subject FROM events")}
    assert subjects <= {"home", "poster"} | {p.id for p in rig.window.ctx.gallery.posters}
    assert len(sid) == 16


def test_a_restarted_kiosk_shows_the_votes_recorded_before(make_rig) -> None:  # noqa: ANN001
    first = make_rig()
    tap(first, QPoint(1915, 1075))
    assert first.window.nav.open_id("poll")
    block = next(b for b in first.window.findChildren(PollBlock) if b.isVisibleTo(first.window))
    QTest.mouseClick(block.buttons[2], Qt.MouseButton.LeftButton)
    first.close()
    second = make_rig()
    assert [r.count for r in second.window.polls.results("poll", 4)] == [0, 0, 1, 0]
    assert second.window.polls.chosen("poll") is None  # a new visitor


def test_the_admin_screen_shows_the_visitors(make_rig, qtbot) -> None:  # noqa: ANN001
    from kiosk.ui.kiosk.visitors import BarChart, HoursChart, read_figures

    rig = make_rig()
    tap(rig, QPoint(1915, 1075))
    assert rig.window.nav.open_id("poll")
    rig.clock.advance(8.0)
    block = next(b for b in rig.window.findChildren(PollBlock) if b.isVisibleTo(rig.window))
    QTest.mouseClick(block.buttons[0], Qt.MouseButton.LeftButton)
    idle_until(rig, IdleState.WARNING)
    idle_until(rig, IdleState.IDLE)
    path = Path(paths.data_dir()) / FILE_NAME
    # the writer commits within a second: wait for the ended session to be on disk
    qtbot.waitUntil(
        lambda: (f := read_figures(path)) is not None and f.median_session_seconds > 0,
        timeout=3000,
    )
    tap(rig, QPoint(1915, 1075))  # the organiser wakes the kiosk (a new session begins)
    rig.parts.admin.open_screen()
    screen = rig.parts.admin.screen
    qtbot.waitUntil(screen.isVisible)
    texts = [w.text() for w in screen.findChildren(type(block.thanks))]
    # (the rig's calendar is a fake one: "today" is not asserted)
    visits = [t for t in texts if "sessions today" in t]
    assert visits and re.fullmatch(
        r"\d sessions today, [12] in all; median visit (\d+ min )?\d+ s", visits[0]
    ), texts
    charts = screen.findChildren(BarChart)
    assert any("Montreal: Technopole Angus: 1 (100%)" in c.accessibleName() for c in charts)
    assert screen.findChildren(HoursChart)
    if os.environ.get("POLL_SHOTS"):
        part = screen.findChild(QWidget, "visitors")
        qtbot.waitUntil(lambda: part.isVisible() and part.height() > 100)
        screen.body_scroll.verticalScrollBar().setValue(part.y())
        screen.grab().save(os.path.join(os.environ["POLL_SHOTS"], "admin-visitors.png"))
