"""Issue 18: the facilitator's strip in French, Spanish and the pseudo-language (40 % longer):
no button's words cut, the strip under the view and never over it, the room's view still the
larger part of the screen; the words are the facilitator's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.i18n import PSEUDO
from tests.gui.test_fishbowl_strip import busy_session, rect_in
from tests.gui.test_fishbowl_window import Rig

SIZES = [(1280, 720), (1920, 1080), (1080, 1920)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["fr", "es", PSEUDO])
def test_the_strip_holds_in_a_longer_language(qtbot, tmp_path, lang, size) -> None:
    rig = Rig(qtbot, tmp_path, size, lang=lang)
    busy_session(rig)
    w = rig.window
    view, strip = rect_in(w, w.view), rect_in(w, w.controls)
    assert not view.intersects(strip), (view, strip)
    assert strip.bottom() == size[1] - 1 and strip.width() == size[0]
    assert view.height() >= 0.6 * size[1], (view, strip)
    for child in w.controls.findChildren(QWidget):
        if child.isVisibleTo(w) and child.width() > 0:
            assert strip.contains(rect_in(w, child)), (child, rect_in(w, child), strip)
    for button in w.controls.findChildren(type(w.controls.toggle_button)):
        if button.isVisibleTo(w) and button.text():
            assert button.width() >= button.sizeHint().width(), button.text()


def test_the_strip_speaks_the_facilitators_language(qtbot, tmp_path) -> None:
    rig = Rig(qtbot, tmp_path, lang="fr")
    controls = rig.window.controls
    assert controls.toggle_button.text() == "Démarrer  Espace"
    rig.start()
    assert controls.toggle_button.text() == "Pause  Espace"
    assert controls.export_button.accessibleName() == "Exporter le journal de la séance (E)"
