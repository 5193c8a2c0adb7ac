"""``kiosk --self-test``: prove that this copy of the app can show its gallery, then say so.

It does what the gallery does at start, once each and offscreen unless a display is there: load
and validate the content, load the bundled fonts, apply the theme, decode every image the
content uses (and the app's own icons), render every screen (home, each poster, the overview,
the quotes, the fishbowl's public view), and check the interpreter and PySide6 versions
(PITFALLS.md §1). It prints one line of JSON on standard output (counts, timings, versions, the
content folder, ``ok``) and exits 0; or it names each failure on standard error, one a line,
and exits 1. It works the same from the source tree and from the PyInstaller bundle, which is
the point: CI runs it on the frozen app from outside the repo, so a data file missing from the
bundle fails the build instead of the event.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from kiosk import paths, startup
from kiosk.content.errors import one_line

EXIT_OK, EXIT_FAILED = 0, 1
SIZE = (1920, 1080)  # the screens are rendered at the reference size
MAX_QT_MESSAGES = 20
# what a platform says about itself, not about the app (the test suite ignores it too)
QT_NOISE = ("This plugin does not support propagateSizeHints",)


def needs_offscreen(env: Mapping[str, str] | None = None, system: str | None = None) -> bool:
    """True on Linux with no display and no Qt platform chosen: then the test runs offscreen."""
    env = os.environ if env is None else env
    system = sys.platform if system is None else system
    if not system.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def version_problems(python: tuple[int, int], pyside: str, qt: str) -> list[str]:
    """What is wrong with this interpreter and Qt binding (PITFALLS.md §1), as sentences."""
    problems = []
    if python < (3, 11):
        problems.append(f"Python {python[0]}.{python[1]} is too old: the app needs 3.11 or newer")
    for name, version in (("PySide6", pyside), ("Qt", qt)):
        try:
            major, minor = (int(x) for x in version.split(".")[:2])
        except ValueError:
            problems.append(f"{name} version '{version}' cannot be read")
            continue
        if (major, minor) < (6, 11):
            problems.append(f"{name} {version} is older than 6.11, which the app is tested with")
        elif (major, minor) >= (6, 12) and python < (3, 12):
            problems.append(
                f"{name} {version} on Python {python[0]}.{python[1]} aborts the "
                "interpreter after a few hundred signals (PITFALLS.md §1): use "
                "PySide6 6.11.x, or Python 3.12 or newer"
            )
    return problems


class SelfTest:
    """Collects failures, counts and timings; each step runs even if an earlier one failed."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.info: dict[str, Any] = {}
        self.qt_messages: list[str] = []

    def fail(self, message: str) -> None:
        self.failures.append(message)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a step; an exception in it becomes a failure naming the step."""
        start = time.perf_counter()
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the test
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.fail(
                f"{name}: {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"
            )
        finally:
            self.timings[name] = round((time.perf_counter() - start) * 1000, 1)

    def summary(self, started: float) -> dict[str, Any]:
        self.timings["total"] = round((time.perf_counter() - started) * 1000, 1)
        return {
            "ok": not self.failures,
            **self.info,
            "counts": self.counts,
            "timings_ms": self.timings,
            "qt_warnings": len(self.qt_messages),
            "failures": self.failures,
        }


def _install_qt_message_capture(test: SelfTest) -> None:
    """Qt's warnings are collected (and printed to stderr) rather than lost or fatal."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message.startswith(QT_NOISE):
            return
        if len(test.qt_messages) < MAX_QT_MESSAGES:
            test.qt_messages.append(message)
        print(f"kiosk self-test: Qt says: {one_line(message, 2000)}", file=sys.stderr)

    qInstallMessageHandler(handler)


def _blank(image: Any) -> bool:
    """True if a rendered screen is one flat colour (nothing was drawn)."""
    if image.isNull() or image.width() < 2 or image.height() < 2:
        return True
    first = image.pixel(0, 0)
    steps = 24
    for i in range(steps):
        for j in range(steps):
            x = (image.width() - 1) * i // (steps - 1)
            y = (image.height() - 1) * j // (steps - 1)
            if image.pixel(x, y) != first:
                return False
    return True


def _artworks(gallery: Any) -> list[tuple[str, str, Path | None]]:
    """(where, source, path) of every image the content uses, each file once."""
    found: list[tuple[str, str, Path | None]] = []
    seen: set[Path] = set()
    for poster in gallery.posters:
        arts = [("artwork", poster.artwork)]
        arts += [(f"sections[{i}].artwork", s.artwork) for i, s in enumerate(poster.sections)]
        for where, art in arts:
            if art is None:
                continue
            path = getattr(art, "path", None)
            if path is not None and path in seen:
                continue
            if path is not None:
                seen.add(path)
            found.append((f"poster {poster.id} {where}", art.source, path))
    return found


def run(content: str | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.perf_counter()
    if needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk import log as klog

    klog.setup(None, logging.WARNING)
    test = SelfTest()

    import PySide6
    from PySide6.QtCore import QSize, qVersion

    python = sys.version_info[:2]
    test.info["versions"] = {
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "kiosk": _app_version(),
    }
    for problem in version_problems(python, PySide6.__version__, qVersion()):
        test.fail(f"versions: {problem}")
    test.info["frozen"] = paths.is_frozen()
    import yaml  # the loader parses with libyaml when it is there (8x faster), else pure Python

    test.info["yaml_parser"] = "libyaml" if yaml.__with_libyaml__ else "python"

    _install_qt_message_capture(test)
    app = startup.get_app()
    test.info["platform"] = app.platformName()
    # the folder the gallery would show: the default content when the one asked for cannot be
    # opened; the self-test fails then (the organiser's content would not be on screen) but
    # goes on to check what the gallery would show instead
    folder, notice = paths.usable_content_dir(content)
    if notice is not None:
        test.fail(f"content: {notice}")
        test.info["content_asked"] = paths.escape_path(paths.content_dir(content))
    test.info["content"] = str(folder)
    test.info["content_from"] = paths.content_origin(content)
    test.info["data_dir"] = None

    result = None
    with test.step("content"):
        from kiosk.content.loader import load_gallery

        result = load_gallery(folder, paths.assets_dir(), keep_documents=True)
        for error in result.errors:
            test.fail(f"content: {error}")
        g = result.gallery
        test.counts.update(
            posters=len(g.posters), quotes=len(g.quotes), content_warnings=len(result.warnings)
        )
        test.info["title"] = g.text(g.settings.title)
    if result is None:
        return _finish(test, started, out, err)
    gallery = result.gallery

    with test.step("fonts"):
        from kiosk import theme

        fonts = paths.assets_dir() / "fonts"
        families = theme.load_fonts(fonts)
        if theme.FONT_FAMILY not in families:
            test.fail(f"fonts: the {theme.FONT_FAMILY} font did not load from {fonts}")
        test.counts["font_families"] = len(families)
        from kiosk.ui.glyphs import gallery_glyph_warnings

        # text that would show as boxes: this copy cannot show its gallery as written
        for warning in gallery_glyph_warnings(result):
            test.fail(f"fonts: {warning}")

    ctx = None
    with test.step("theme"):
        test.info["data_dir"] = str(paths.data_dir())
        if (data_notice := paths.data_dir_notice()) is not None:
            test.fail(f"data folder: {data_notice}")
        ctx = startup.make_context(gallery, SIZE, reduced_motion=True)
        name = gallery.settings.theme.name
        if not startup.apply_theme(app, gallery, ctx.scale):
            test.fail(f"theme: the theme '{name}' could not be applied")
        test.info["theme"] = name
        # the palette reads the colours from qt-material's theme file; without it they fall
        # back to defaults silently (PITFALLS.md §3)
        spec = importlib.util.find_spec("qt_material")
        folders = list(spec.submodule_search_locations or []) if spec else []
        if not any((Path(f) / "themes" / name).is_file() for f in folders):
            test.fail(f"theme: qt-material's theme file '{name}' was not found")

    with test.step("images"):
        from kiosk.ui.images import decode

        target = QSize(*SIZE)
        decoded = 0
        for where, source, path in _artworks(gallery):
            if path is None:
                continue  # the loader has reported why (missing, refused path): a content error
            if decode(path, target).isNull():
                test.fail(f"image: {where}: '{source}' ({path}) could not be decoded")
            else:
                decoded += 1
        icons = sorted((paths.assets_dir() / "icons").glob("*.svg"))
        if not icons:
            test.fail(f"images: no icons in {paths.assets_dir() / 'icons'}")
        for icon in icons:
            if decode(icon, QSize(96, 96)).isNull():
                test.fail(f"image: icon {icon.name} could not be decoded")
            else:
                decoded += 1
        test.counts["images"] = decoded

    with test.step("sounds"):
        from kiosk.ui.fishbowl.sound import SOUNDS, Chime, sounds_dir

        for sound in SOUNDS.values():
            if not (sounds_dir() / sound).is_file():
                test.fail(f"sounds: {sound} is missing in {sounds_dir()}")
        chime = Chime()
        test.info["chime"] = "ready" if chime.available else (chime.silent_reason or "silent")
        try:
            import PySide6.QtMultimedia  # noqa: F401 - the chime's module, loaded lazily
        except ImportError as exc:
            # a system library the machine lacks (libpulse) silences the chime, as documented;
            # a Qt module missing from the app itself is a fault of the build
            if isinstance(exc, ModuleNotFoundError) or "PySide6" in str(exc):
                test.fail(f"sounds: QtMultimedia cannot be imported: {exc}")

    with test.step("languages"):
        from kiosk.i18n import languages_with_catalogues, translator
        from kiosk.ui.context import locale_dir

        # the interface's catalogues ship in the bundle's assets and read there
        found = languages_with_catalogues(locale_dir())
        test.info["interface_languages"] = list(found)
        for lang in ("fr", "es"):
            if lang not in found:
                test.fail(f"languages: no {lang}.po in {locale_dir()}")
            elif translator(locale_dir(), lang).gettext("All posters") == "All posters":
                test.fail(f"languages: {lang}.po in {locale_dir()} translates nothing")
        # a gallery language with no catalogue shows the interface in English (not a fault)
        test.info["interface_in_english"] = [
            c for c in gallery.settings.languages if c not in found
        ]

    with test.step("pin"):
        import hashlib

        # admin PINs are scrypt hashes (kiosk.core.pin); a bundle without OpenSSL's scrypt could
        # not check a PIN set from another install
        test.info["pin_hash"] = "scrypt" if hasattr(hashlib, "scrypt") else "pbkdf2"
        if paths.is_frozen() and not hasattr(hashlib, "scrypt"):
            test.fail("pin: hashlib has no scrypt (OpenSSL's libcrypto is missing from the bundle)")

    if ctx is not None:
        _render_screens(test, app, gallery, ctx)
    return _finish(test, started, out, err)


def _render_screens(test: SelfTest, app: Any, gallery: Any, ctx: Any) -> None:
    from kiosk.ui.main_window import MainWindow

    rendered = 0
    window = None
    with test.step("window"):
        window = MainWindow(ctx, size=SIZE)
    if window is None:
        return

    def screen(name: str, go: Callable[[], object], expected: str) -> None:
        nonlocal rendered
        with test.step(f"render {name}"):
            go()
            image = startup.render(app, window, ctx)
            shown = window.screen_name(window.nav.state)
            if shown != expected:
                test.fail(f"render {name}: the window shows '{shown}', not '{expected}'")
            elif _blank(image):
                test.fail(f"render {name}: the screen came out blank")
            else:
                rendered += 1

    screen("home", window.nav.home, "home")
    for poster in gallery.posters:
        screen(
            f"poster {poster.id}",
            partial(window.nav.open_id, poster.id),
            f"poster {poster.id}",
        )
    screen("overview", window.nav.overview, "overview")
    screen("quotes", window.nav.quotes, "quotes")
    window.close()
    window.deleteLater()

    with test.step("render fishbowl"):
        from kiosk.ui.fishbowl.demo import demo_session
        from kiosk.ui.fishbowl.public import PublicView

        session = demo_session(gallery.fishbowl, "warning", ctx.lang, gallery.default_language)
        view = PublicView(session, ctx.palette, reduced_motion=True)
        view.resize(*SIZE)
        image = startup.render(app, view, ctx)
        view.close()
        view.deleteLater()
        if _blank(image):
            test.fail("render fishbowl: the public view came out blank")
        else:
            rendered += 1
    test.counts["screens"] = rendered
    app.processEvents()


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("kiosk")
    except Exception:  # noqa: BLE001 - a frozen bundle carries no package metadata
        return "frozen" if paths.is_frozen() else "unknown"


def _finish(test: SelfTest, started: float, out: TextIO, err: TextIO) -> int:
    summary = test.summary(started)
    for failure in test.failures:
        print(f"kiosk self-test: FAIL {one_line(failure, 2000)}", file=err)
    # ASCII: a title or a path from the content cannot carry a control or bidi character out
    print(json.dumps(summary, ensure_ascii=True, separators=(", ", ": ")), file=out)
    out.flush()
    return EXIT_OK if not test.failures else EXIT_FAILED
