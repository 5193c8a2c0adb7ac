"""The admin screen shows the content's translation coverage: how many texts lack each of the
gallery's languages, from the load on screen, updated by a reload."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from kiosk import startup
from kiosk.content.loader import load_gallery
from kiosk.core.modes import Mode


def admin_texts(services) -> list[str]:  # noqa: ANN001
    services.admin.screen.refresh()
    return [w.text() for w in services.admin.screen.body.findChildren(QLabel)]


def test_the_admin_screen_counts_missing_translations_and_a_reload_updates_them(
    qtbot, mini_gallery: Path
) -> None:
    fr_missing = sum(m.lang == "fr" for m in load_gallery(mini_gallery).missing_translations)
    assert fr_missing > 1  # the test gallery has plain English texts
    result = startup.load(str(mini_gallery))
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, str(mini_gallery), watch=False)
    try:
        texts = admin_texts(services)
        assert f"translations: en complete, fr {fr_missing} missing" in texts
        # the place translated: one fewer after a reload
        gallery = mini_gallery / "gallery.yaml"
        text = gallery.read_text(encoding="utf-8")
        gallery.write_text(
            text.replace("place: Pier 4", "place: {en: Pier 4, fr: Quai 4}"), encoding="utf-8"
        )
        with qtbot.waitSignal(services.reloader.finished, timeout=10_000):
            services.reloader.reload()
        assert f"translations: en complete, fr {fr_missing - 1} missing" in admin_texts(services)
    finally:
        services.stop()
        window._allow_close = True


def test_a_gallery_in_one_language_shows_no_coverage_line(qtbot, mini_gallery: Path) -> None:
    gallery = mini_gallery / "gallery.yaml"
    gallery.write_text(
        gallery.read_text(encoding="utf-8").replace("languages: [en, fr]", "languages: [en]"),
        encoding="utf-8",
    )
    result = startup.load(str(mini_gallery))
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    services = startup.attach_services(window, result, str(mini_gallery), watch=False)
    try:
        texts = admin_texts(services)
        assert result.gallery.settings.languages == ("en",)
        assert not [t for t in texts if t.startswith("translations:")]
        # the French texts left in the files are warned about (no visitor sees them)
        assert "2 posters, 2 quotes: 0 errors, 2 warnings" in texts
        assert any("'fr' is not one of the gallery's languages" in t for t in texts)
    finally:
        services.stop()
        window._allow_close = True


def test_the_admin_screen_and_the_pin_pad_follow_the_visitors_language(
    qtbot, mini_gallery: Path
) -> None:
    """Built once at start, they say their words in the language chosen since (the same
    widgets: what startup connected to their buttons still works)."""
    result = startup.load(str(mini_gallery))
    window = startup.gallery_window(result, (1280, 720), reduced_motion=True, theme=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    services = startup.attach_services(window, result, str(mini_gallery), watch=False)
    try:
        admin = services.admin
        assert admin.screen.quit_button.text() == "Quit"
        window.choose_language("fr")
        assert admin.screen.quit_button.text() == "Quitter"
        assert admin.screen.reload_button.accessibleName() == "Recharger le dossier de contenu"
        assert admin.pad.accessibleName() == "Clavier du code d’administration"
        admin.request()  # the presenter's laptop has no PIN: the screen opens at once
        assert window.modes.is_open(Mode.ADMIN) and admin.screen.isVisible()
        texts = [w.text() for w in admin.screen.body.findChildren(QLabel)]
        assert "Aucun problème dans le contenu." in texts
        with qtbot.waitSignal(services.reloader.finished, timeout=10_000):
            admin.screen.reload_button.click()  # still connected to the reloader
        admin.close_screen()
        window.choose_language("en")
        assert admin.screen.title.text() == "Admin" and admin.pad.title.text() == "Admin PIN"
    finally:
        services.stop()
        window._allow_close = True
