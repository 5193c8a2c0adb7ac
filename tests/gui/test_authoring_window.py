"""What the author previewing in a window is told (issue 22, Build 3): a gallery whose posters
have field-level slips shows every poster, and the window's title bar and the admin screen say
how many posters have errors; a fix saved to disk updates both."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_degrade_by_field import SLIPS, slip_gallery


def test_the_window_shows_every_slipped_poster_and_says_how_many_have_errors(
    make_rig, qtbot, mini_gallery: Path
) -> None:
    slip_gallery(mini_gallery)
    rig = make_rig(kiosk_on=False, watch=True, content=mini_gallery)
    window = rig.window
    assert [p.id for p in window.ctx.gallery.posters] == [
        "harbour-intro",
        "dock-cooperative",
        *SLIPS,
    ]
    assert len(window.home.cards) == 2 + len(SLIPS)
    assert window.windowTitle() == ("Harbour Futures — posters with errors: 7 shown, 0 left out")
    assert window.accessibleName() == "Harbour Futures"  # a screen reader hears the event
    admin = rig.parts.admin.screen.describe()
    assert admin["summary"].endswith("; posters with errors: 7 shown, 0 left out")
    # the author fixes the colour typo: the title follows the file on disk
    slipped = mini_gallery / "posters" / "00-colour-typo.yaml"
    with qtbot.waitSignal(rig.reloader.applied, timeout=10000):
        slipped.write_text(slipped.read_text().replace("'#12345'", "'#123456'"))
    qtbot.waitUntil(
        lambda: (
            window.windowTitle() == "Harbour Futures — posters with errors: 6 shown, 0 left out"
        ),
        timeout=5000,
    )
    assert rig.parts.admin.screen.describe()["summary"].endswith(
        "; posters with errors: 6 shown, 0 left out"
    )


def test_a_clean_gallery_has_a_plain_title(make_rig, mini_gallery: Path) -> None:
    rig = make_rig(kiosk_on=False, content=mini_gallery)
    assert rig.window.windowTitle() == "Harbour Futures"
