"""The admin screen at every size, in English and French (the test gallery's two): its
header's buttons wrap to a second row on a narrow (portrait) screen rather than being cut to
"Rel…ent", every button and label whole and inside the window, with the phone remote's panel
switched on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton

from kiosk import startup
from kiosk.ui.remote.panel import RemotePanel
from tests.gui.test_layout import SIZES, assert_nothing_clipped


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_admin_screen_holds(qtbot, mini_gallery: Path, size, lang) -> None:
    result = startup.load(str(mini_gallery))
    window = startup.gallery_window(result, size, reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, str(mini_gallery), watch=False)
    assert services.remote is not None
    services.remote.bind, services.remote.port = "127.0.0.1", 0
    try:
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.choose_language(lang)
        services.admin.open_screen()
        screen = services.admin.screen
        qtbot.waitUntil(screen.isVisible)
        panel = screen.findChild(RemotePanel)
        assert panel is not None
        panel.button.click()  # on: the card with its code beside the switch
        assert panel.card is not None
        assert_nothing_clipped(window, screen)
        for button in screen.buttons.findChildren(QAbstractButton):
            rect = button.rect().translated(button.mapTo(window, button.rect().topLeft()))
            assert window.rect().contains(rect), button.text()
        if size[0] < size[1]:  # portrait: the five buttons do not fit one row; they wrap
            rows = {b.y() for b in screen.buttons.findChildren(QAbstractButton)}
            assert len(rows) >= 2, rows
    finally:
        services.stop()
        window._allow_close = True
