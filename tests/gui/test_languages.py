"""Issue 18: the visitor chooses the language (English, Français, Español) on home, on a poster
and in the attract loop; the switch is instant and keeps the place; the idle reset returns to
the gallery's first language; presenters press L; `--lang` starts in one; quotes shown in
another language than they were said are marked; the fishbowl's room view follows the room's
language; and a pseudo-language shows no English interface text anywhere (every string is
marked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.core.idle import IdleState
from kiosk.core.modes import Mode
from kiosk.core.navigation import Screen
from kiosk.i18n import NATIVE_NAMES, PSEUDO
from kiosk.ui.quotes.carousel import translation_note
from tests.gui.kiosk_rig import idle_until
from tests.gui.languages import (
    QUOTE_FR,
    TITLE,
    WORD,
    content_words,
    shown_texts,
    trilingual_content,
    window_in,
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return trilingual_content(tmp_path)


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_the_buttons_name_the_other_languages_in_their_own_words(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), None)
    home = window.home
    assert {c: b.text() for c, b in home.languages.buttons.items()} == {
        "fr": "Français",
        "es": "Español",
    }
    assert all(b.isVisibleTo(window) for b in home.languages.buttons.values())
    window.nav.open(0)
    assert set(window.poster_screen.languages.buttons) == {"fr", "es"}
    assert window.poster_screen.languages.isVisibleTo(window)


def test_a_tap_on_francais_turns_every_text_french(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), None)
    click(window.home.languages.buttons["fr"])
    home = window.home  # built again, in French
    assert window.visitor.settings.lang == "fr"
    assert home.title.text() == TITLE["fr"]
    assert home.quotes_button.text() == "Toutes les citations"
    texts = [lb.text() for lb in home.findChildren(QLabel)]
    assert any(t.startswith("19 juin 2017") for t in texts), texts
    assert set(home.languages.buttons) == {"en", "es"}
    assert window.windowTitle() == TITLE["fr"]
    click(home.languages.buttons["es"])
    texts = [lb.text() for lb in window.home.findChildren(QLabel)]
    assert any(t.startswith("19 de junio de 2017") for t in texts), texts


def test_the_switch_keeps_the_poster_and_the_place_in_it(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), None)
    window.nav.open(2)
    view = window.deck.current()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.scroll_to_fraction(0.5)
    where = view.scroll_fraction()
    assert 0.4 < where < 0.6
    click(window.poster_screen.languages.buttons["es"])
    assert window.nav.state.screen is Screen.POSTER and window.nav.state.index == 2
    assert window.poster_screen.overview_button.text() == "Todos los carteles"
    total = len(window.ctx.gallery.posters)
    assert window.poster_screen.progress.text() == f"3 de {total}"
    assert window.deck.current().scroll_fraction() == pytest.approx(where, abs=0.02)


def test_a_presenter_walks_the_languages_with_l_and_the_help_stays_open(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), None)
    window.modes.enter(Mode.HELP)
    seen = []
    for _ in range(3):
        QTest.keyClick(window, Qt.Key.Key_L)
        seen.append(window.visitor.settings.lang)
        assert window.modes.is_open(Mode.HELP)
    assert seen == ["fr", "es", "en"]
    QTest.keyClick(window, Qt.Key.Key_L)
    assert window.help.title.text() == "Touches et télécommande"
    row = [lb.text() for lb in window.help.findChildren(QLabel)]
    assert "English  Français  Español" in row  # the language buttons' row of the help


def test_lang_on_the_command_line_starts_in_that_language(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), "es")
    assert window.visitor.defaults.lang == "es"
    assert window.home.title.text() == TITLE["es"]
    assert window.home.quotes_button.text() == "Todas las citas"


def test_the_idle_reset_returns_to_the_first_language_and_the_attract_loop_offers_them(
    make_rig, qtbot, content
) -> None:
    rig = make_rig(content=content)
    window = rig.window
    window.nav.open(1)
    click(window.poster_screen.languages.buttons["fr"])
    assert window.poster_screen.home_button.text() == "Accueil"
    idle_until(rig, IdleState.WARNING)
    assert rig.kiosk.notice.findChildren(QLabel)[0].text() == "Toujours là\u00a0?"
    idle_until(rig, IdleState.IDLE)
    assert window.visitor.settings.lang == "en"
    assert window.nav.state.screen is Screen.HOME
    attract = rig.kiosk.attract
    assert window.modes.is_open(Mode.ATTRACT) and attract.isVisible()
    assert attract.prompt == "Touch to explore"
    buttons = attract.languages.buttons
    assert {b.text() for b in buttons.values()} == {"Français", "Español"}
    # the button is on the screen, and a tap on it chooses, not only wakes
    target = buttons["es"]
    assert window.rect().contains(target.mapTo(window, target.rect().center()))
    click(target)
    assert not window.modes.is_open(Mode.ATTRACT)
    assert window.visitor.settings.lang == "es"
    assert window.home.title.text() == TITLE["es"]
    assert rig.kiosk.attract.prompt == "Toque para explorar"  # the next loop in Spanish


def test_a_tap_beside_the_language_buttons_only_wakes(make_rig, qtbot, content) -> None:
    rig = make_rig(content=content)
    window = rig.window
    rig.kiosk.reset()
    assert window.modes.is_open(Mode.ATTRACT)
    QTest.mouseClick(rig.kiosk.attract, Qt.MouseButton.LeftButton, pos=QPoint(50, 500))
    assert not window.modes.is_open(Mode.ATTRACT)
    assert window.visitor.settings.lang == "en"


def test_a_quote_shown_in_another_language_is_marked_as_a_translation(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), "fr")
    carousel = window.home.carousel
    assert carousel is not None and carousel.index == 0
    first, second = carousel.quotes[0], carousel.quotes[1]
    assert translation_note(window.ctx, first) == "Traduction"
    assert QUOTE_FR in carousel.accessibleName() and "(Traduction)" in carousel.accessibleName()
    assert carousel.canvas.note_height(0, 800) > 0
    # a quote with no French text is shown as said: nothing to mark
    assert translation_note(window.ctx, second) == ""
    english = window_in(qtbot, content, (1920, 1080), "en")
    assert translation_note(english.ctx, first) == ""
    assert english.home.carousel.canvas.note_height(0, 800) == 0


def test_the_room_and_the_facilitator_each_have_their_language(qtbot, content, tmp_path) -> None:
    from kiosk import paths, startup
    from kiosk.content.loader import load_gallery
    from kiosk.ui.fishbowl.build import build

    gallery = load_gallery(content, paths.assets_dir()).gallery
    ctx = startup.make_context(gallery, (1920, 1080), "fr", reduced_motion=True)
    window, controller = build(ctx, gallery, tmp_path / "exports", room_lang="es")
    qtbot.addWidget(window)
    try:
        assert window.view.scene().who.text == "Listo para empezar"
        assert window.view.accessibleName() == "Temporizador de la pecera"
        french = build(ctx, gallery, tmp_path / "exports")[0]
        qtbot.addWidget(french)
        assert french.view.scene().who.text == "Prêt à commencer"
    finally:
        controller.close()


# --- the pseudo-language: nothing left in English -------------------------------------------
def test_the_pseudo_language_shows_no_english_interface_text(qtbot, content) -> None:
    window = window_in(qtbot, content, (1920, 1080), PSEUDO)
    allowed = content_words(window.ctx.gallery) | set(WORD.findall(" ".join(NATIVE_NAMES.values())))
    allowed |= set(WORD.findall(window.ctx.date(window.ctx.gallery.settings.date)))  # QLocale's
    found: dict[str, str] = {}

    def check(where: str, root: QWidget) -> None:
        QApplication.processEvents()
        for text in shown_texts(root):
            for word in WORD.findall(text):
                if word not in allowed:
                    found.setdefault(word, f"{where}: {text[:60]!r}")

    check("home", window.home)
    for index in range(len(window.ctx.gallery.posters)):
        window.nav.open(index)
        check(f"poster {index + 1}", window.poster_screen)
    window.nav.overview()
    check("overview", window.overview)
    window.nav.quotes()
    check("quotes", window.quotes)
    for mode, layer in ((Mode.HELP, "help"), (Mode.SETTINGS, "settings_card")):
        window.modes.enter(mode)
        check(layer, getattr(window, layer))
        window.modes.leave(mode)
    window.set_input_kind("touch")
    window.modes.enter(Mode.HELP)
    check("help (touch)", window.help)
    assert not found, "\n".join(f"{w}: {where}" for w, where in found.items())


def test_the_organisers_pin_pad_and_admin_screen_speak_the_gallerys_language(
    qtbot, content
) -> None:
    from kiosk.ui.kiosk.admin import AdminScreen, PinPad

    window = window_in(qtbot, content, (1920, 1080), "es")
    pad = PinPad(window.ctx, window)
    assert pad.accessibleName() == "Teclado del PIN de administración"
    assert pad.buttons["⌫"].accessibleName() == "Borrar una cifra"
    screen = AdminScreen(
        window.ctx,
        window,
        lambda: {"content_dir": "x", "summary": "", "problems": [], "log_tail": []},
    )
    assert screen.quit_button.text() == "Salir"
    screen.refresh()
    texts = [lb.text() for lb in screen.findChildren(QLabel)]
    assert "Ningún problema en el contenido." in texts and "Pantallas" in texts


def test_dates_and_numbers_are_written_the_languages_way(qtbot, content) -> None:
    import datetime as dt

    day = dt.date(2017, 6, 19)
    expected = {
        "en": ("19 June 2017", "4,718"),
        "fr": ("19 juin 2017", "4\u202f718"),  # a narrow no-break space between thousands
        "es": ("19 de junio de 2017", "4718"),  # Spanish groups from five digits
    }
    for lang, (date, number) in expected.items():
        ctx = window_in(qtbot, content, (1280, 720), lang).ctx
        assert (ctx.date(day), ctx.number(4718)) == (date, number), lang
    assert window_in(qtbot, content, (1280, 720), "es").ctx.number(47180) == "47.180"
