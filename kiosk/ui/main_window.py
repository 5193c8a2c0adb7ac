"""The one window: the gallery's screens and the layers over them, rendered from two owners.

``Navigation`` owns the screen and the poster; ``Modes`` owns the layers (help, blackout, the
kiosk's notice, attract loop, PIN pad and admin screen) and their order. The window only
renders what they say and turns keys and taps into calls on them: it keeps no flag of its own,
and never reads a widget's visibility back as state."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.core.modes import LAYERS, Mode, Modes
from kiosk.core.navigation import Navigation, NavState, Screen
from kiosk.core.poll import PollBook
from kiosk.core.usage import Usage
from kiosk.core.visitor import VisitorPrefs, VisitorSettings, next_language
from kiosk.theme import HIGH_CONTRAST, TypeScale, stylesheet
from kiosk.ui.context import Ctx
from kiosk.ui.gallery.home import HomeScreen, OverviewScreen
from kiosk.ui.gallery.poll import PollBlock
from kiosk.ui.hints import POSTER_BAR, InputKind, first_input
from kiosk.ui.keywalk import KeyWalk
from kiosk.ui.language import LanguageButtons
from kiosk.ui.overlays import BLACKOUT_NAME, Blackout
from kiosk.ui.quotes.carousel import QuoteCarousel
from kiosk.ui.speech import Reader
from kiosk.ui.thrown_away import throw_away
from kiosk.ui.visitor import (
    ReachButton,
    SettingsOverlay,
    SystemContrast,
    reach_back_button,
    settings_button,
    system_high_contrast,
)
from kiosk.ui.widgets import label, nav_button, row_width, set_icon_only

if TYPE_CHECKING:  # the other screens' modules are imported when they are first shown
    from kiosk.content.model import Gallery
    from kiosk.ui.about import AboutOverlay
    from kiosk.ui.gallery.deck import PosterDeck
    from kiosk.ui.overlays import HelpOverlay
    from kiosk.ui.quotes.screen import QuotesScreen

log = logging.getLogger("kiosk.screen")

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}


class PosterScreen(QWidget):
    """A slim bar (home, progress, overview, display settings, help) over the poster deck (under
    it in the visitor's reach mode)."""

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        s, p = ctx.scale, ctx.palette
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        bar = QFrame()
        bar.setProperty("panel", "bar")
        row = self._row = QHBoxLayout(bar)
        row.setContentsMargins(s.space(2), s.space(1), s.space(2), s.space(1))
        row.setSpacing(s.space(2))
        self.home_button = nav_button(
            ctx.tr("Home"), "home", p.text, s.touch, ctx.tr("Home: all posters")
        )
        self.overview_button = nav_button(
            ctx.tr("All posters"), "overview", p.text, s.touch, ctx.tr("Overview of all posters")
        )
        self.help_button = nav_button(
            "", "help", p.text, s.touch, ctx.tr("Help: keys and gestures")
        )
        self.settings_button = settings_button(ctx)
        self.languages = LanguageButtons(ctx)
        self.progress = label("", "label", "muted", wrap=False)
        self.progress.setAccessibleName(ctx.tr("Poster number"))
        self.reach_button: QToolButton | None = None
        if ctx.reach:  # the bar is at the bottom: its first button moves it back up
            self.reach_button = reach_back_button(ctx)
            row.addWidget(self.reach_button)
        row.addWidget(self.home_button)
        self.hints = label("", "small", "muted", wrap=False)
        self.hints.setAccessibleName(ctx.tr("How to move between posters"))
        # never what makes the bar wide: it shows only where there is room (resizeEvent)
        self.hints.setMinimumWidth(1)
        row.addStretch(1)
        row.addWidget(self.hints)
        row.addStretch(1)
        row.addWidget(self.progress)
        row.addWidget(self.overview_button)
        row.addWidget(self.languages)
        row.addWidget(self.settings_button)
        row.addWidget(self.help_button)
        from kiosk.ui.gallery.deck import PosterDeck

        self.deck = PosterDeck(ctx)
        # the visitor's reach mode puts the bar under the poster, within a seated visitor's reach
        parts = ((self.deck, 1), (bar, 0)) if ctx.reach else ((bar, 0), (self.deck, 1))
        for part, stretch in parts:
            box.addWidget(part, stretch)
        # (once every part has its parent: a label shown before that is a window of its own)
        self.set_hints(first_input(ctx.kiosk))

    def set_progress(self, number: int, total: int) -> None:
        """'3 of 6': the poster on show and how many there are, in the language's words."""
        ctx = self._ctx
        text = ctx.tr("{number} of {total}").format(
            number=ctx.number(number), total=ctx.number(total)
        )
        if text == self.progress.text():
            return
        width = self.progress.sizeHint().width()
        self.progress.setText(text)
        if self.progress.sizeHint().width() != width:
            self._fit_bar()  # a longer number leaves less room (~2.5 ms a fit: not each move)

    def set_hints(self, kind: InputKind) -> None:
        """The bar's hint in the words of the input in use (keys, or touch)."""
        self.hints.setText(self._ctx.tr(POSTER_BAR[kind]))
        self._fit_bar()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_bar()

    def _fit_bar(self) -> None:
        """The buttons' words where the bar has room for them (a longer language, larger text
        or many languages make them wider), else their icons alone, All posters first, and
        at last no poster number; the hint only where there is room for it beside them."""
        width = self.width()
        for button in (self.home_button, self.overview_button):
            set_icon_only(button, False)
        self.progress.show()
        for button in (self.overview_button, self.home_button):
            if row_width(self._row, leave_out=self.hints) <= width:
                break
            set_icon_only(button, True)
        if row_width(self._row, leave_out=self.hints) > width:
            self.progress.hide()
        self.hints.ensurePolished()
        room = width - row_width(self._row, leave_out=self.hints) - 2 * self._row.spacing()
        self.hints.setVisible(self._ctx.hints and self.hints.sizeHint().width() <= room)


class MainWindow(QMainWindow):
    """Holds the screens and the layers; turns keys and taps into Navigation and Modes calls."""

    screen_changed = Signal(str)  # "home", "poster <id>", "overview", "quotes"
    input_kind_changed = Signal(str)  # "touch" or "keys": the hints and help follow it
    mode_changed = Signal(str, bool)  # a layer or screen (Mode value) entered (True) or left
    gallery_changed = Signal(object)  # live reload applied new content
    visitor_left = Signal()  # the idle reset (or a recovery): the visitor session is over
    language_changed = Signal(str)  # the visitor's language (the attract loop follows it)

    def __init__(
        self,
        ctx: Ctx,
        nav: Navigation | None = None,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._allow_close = False
        self.services: object = None  # what runs around it (kiosk.startup.attach_services)
        self.nav = nav or Navigation(len(ctx.gallery.posters), [p.id for p in ctx.gallery.posters])
        self.nav.subscribe(self._on_nav)
        self.modes = Modes(self.nav)
        self.input_kind = first_input(ctx.kiosk)
        self.modes.subscribe(self._on_mode)
        self._layers: dict[Mode, QWidget] = {}
        # the visitor's display settings: their one owner, and the palette they return to
        self._base_palette = ctx.palette
        self.visitor = VisitorPrefs(
            VisitorSettings(
                reduced_motion=ctx.reduced_motion,
                high_contrast=system_high_contrast(),
                lang=ctx.lang,
            )
        )
        self.visitor.subscribe(self._visitor_changed)
        self._system_contrast = SystemContrast(self.visitor, self)
        # read aloud: one voice for the window, made after the first frame (kiosk.ui.speech)
        self.reader = Reader(ctx.lang or ctx.gallery.default_language, self)
        self.reader.prepare_later()
        # the poll posters' votes: one book for the window, one vote per visitor session
        self.polls = PollBook()
        self.usage = Usage()  # zooms and quote swipes, for analytics
        self.ctx = replace(
            self._ctx_for(self.visitor.settings),
            speech=self.reader,
            polls=self.polls,
            usage=self.usage,
        )
        self.reach_button: ReachButton | None = None
        self.walk = KeyWalk(self)  # Tab, Shift+Tab and Enter through every control
        self._name_window()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._built_scale: TypeScale | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        if size is not None:
            # the size it will be shown at: screens are built once, at that size
            self.resize(*size)
            self.stack.resize(*size)
        self._build(ctx.scale, new_stack=False)

    @property
    def quitting(self) -> bool:
        """Quit was chosen on the admin screen: the window may close."""
        return self._allow_close

    @property
    def kiosk_mode(self) -> bool:
        """Unattended: visitors cannot leave (close, Ctrl+Q, F11 are refused). Decided once, in
        the context the window was made with."""
        return self.ctx.kiosk

    # --- building -----------------------------------------------------------------------------
    def _build(self, scale: TypeScale, new_stack: bool = True) -> None:
        """(Re)build for a type scale: at start, and when the window's size class changes (a
        rotated screen, a window moved to a 4K display). Only the screen on show is built now;
        the others are built the first time they are needed (start-up builds what the first
        frame shows, nothing more)."""
        self.reader.stop()  # what it highlights is about to go
        self.ctx = self.ctx.with_scale(scale)
        self._built_scale = scale
        sheet = stylesheet(self.ctx.palette, scale)
        if sheet != self.styleSheet():
            # a new sheet polishes every widget in the window again, the old screens too (a
            # third of a language switch's time when it was set again unchanged)
            self.setStyleSheet(sheet)
        if new_stack:
            self._new_stack()
        self._home: HomeScreen | None = None
        self._poster_screen: PosterScreen | None = None
        self._overview: OverviewScreen | None = None
        self._quotes: QuotesScreen | None = None
        for mode in (Mode.HELP, Mode.ABOUT, Mode.SETTINGS, Mode.BLACKOUT):
            old_layer = self._layers.pop(mode, None)
            if old_layer is not None and isValid(old_layer):
                throw_away(old_layer)
        self._help: HelpOverlay | None = None
        self._about: AboutOverlay | None = None
        self._settings: SettingsOverlay | None = None
        if self.reach_button is not None and isValid(self.reach_button):
            throw_away(self.reach_button)
        self.reach_button = ReachButton(self.ctx, self)
        self.reach_button.clicked.connect(lambda: self.visitor.toggle("reach"))
        self.blackout = Blackout(self, self.ctx.tr(BLACKOUT_NAME))
        # signals reach the navigation and the modes (plain Python objects) through lambdas,
        # never as their bound methods: PySide 6.11 keeps a weak reference for each such
        # connection and leaves it behind when the sender is deleted, so every rebuild (a
        # reload, a rotated screen) leaked a few (tests/gui/test_soak_findings.py)
        self.blackout.dismissed.connect(lambda: self.modes.leave(Mode.BLACKOUT))
        self.register_layer(Mode.BLACKOUT, self.blackout)
        self._render(self.nav.state, animate=False)

    def _new_stack(self) -> None:
        """The screens thrown away with the stack that holds them, and a new stack in its
        place. Not the screens taken out of one stack kept for good: PySide 6.11 then leaves a
        reference to each scroll area's viewport and scroll bars in the stack's wrapper, and
        now and then one to the screens themselves (dead wrappers piling up over a kiosk's day:
        docs/reliability.md, finding 12)."""
        old = self.stack
        self.takeCentralWidget()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.stack.lower()  # under the layers, as the first stack was
        self.stack.setGeometry(old.geometry())
        for screen in filter(None, map(old.widget, range(old.count()))):
            throw_away(screen)  # (their attributes emptied: whatever holds them)
        throw_away(old)
        if self.isVisible():
            # shown now, not at the next turn of the event loop (as a child added to a visible
            # window is): a place restored in a poster needs its laid-out height, and a grab
            # right after a rebuild its polished colours
            self.stack.show()

    def _add_screen(self, screen: QWidget) -> None:
        self.stack.addWidget(screen)
        screen.resize(self.stack.size())

    @property
    def home(self) -> HomeScreen:
        if self._home is None:
            self._home = HomeScreen(self.ctx)
            self._add_screen(self._home)
            self._home.build()
            self._home.opened.connect(lambda index: self.nav.open(index))
            self._home.pressing.connect(self._card_pressed)
            self._home.quotes_requested.connect(lambda: self.nav.quotes())
            self._home.help_requested.connect(lambda: self.modes.toggle(Mode.HELP))
            self._home.settings_requested.connect(lambda: self.modes.toggle(Mode.SETTINGS))
            self._home.reach_requested.connect(lambda: self.visitor.toggle("reach"))
            self._home.languages.chosen.connect(self.choose_language)
            self._home.set_prompt(self.input_kind)
        return self._home

    @property
    def poster_screen(self) -> PosterScreen:
        if self._poster_screen is None:
            screen = PosterScreen(self.ctx)
            self._poster_screen = screen
            self._add_screen(screen)
            # a swipe or an edge arrow only asks: navigation decides, the deck animates that
            screen.deck.swipe_requested.connect(lambda step: self.nav.swipe(step))
            screen.home_button.clicked.connect(lambda: self.nav.home())
            screen.overview_button.clicked.connect(lambda: self.nav.overview())
            screen.help_button.clicked.connect(lambda: self.modes.toggle(Mode.HELP))
            screen.settings_button.clicked.connect(lambda: self.modes.toggle(Mode.SETTINGS))
            screen.languages.chosen.connect(self.choose_language)
            if screen.reach_button is not None:
                screen.reach_button.clicked.connect(lambda: self.visitor.toggle("reach"))
            screen.set_hints(self.input_kind)
        return self._poster_screen

    @property
    def deck(self) -> PosterDeck:
        return self.poster_screen.deck

    def _card_pressed(self, index: int) -> None:
        """A finger down on a card: its poster's page is made ready while the finger is down,
        so the tap's release shows it at once (building it after the release took 150-200 ms
        before the first frame)."""
        if self.nav.state.screen is not Screen.POSTER:
            screen = self.poster_screen
            layout = screen.layout()
            if layout is not None:
                layout.activate()  # never shown yet: the deck gets its real size first
            screen.deck.prepare(index)

    @property
    def overview(self) -> OverviewScreen:
        if self._overview is None:
            self._overview = OverviewScreen(self.ctx)
            self._add_screen(self._overview)
            self._overview.build()
            self._overview.opened.connect(lambda index: self.nav.open(index))
            self._overview.pressing.connect(self._card_pressed)
            self._overview.close_requested.connect(lambda: self.nav.escape())
            self._overview.settings_requested.connect(lambda: self.modes.toggle(Mode.SETTINGS))
            self._overview.reach_requested.connect(lambda: self.visitor.toggle("reach"))
        return self._overview

    @property
    def quotes(self) -> QuotesScreen:
        if self._quotes is None:
            from kiosk.ui.quotes.screen import QuotesScreen

            self._quotes = QuotesScreen(self.ctx)
            self._add_screen(self._quotes)
            self._quotes.home_requested.connect(lambda: self.nav.home())
            self._quotes.help_requested.connect(lambda: self.modes.toggle(Mode.HELP))
            self._quotes.settings_requested.connect(lambda: self.modes.toggle(Mode.SETTINGS))
            self._quotes.reach_requested.connect(lambda: self.visitor.toggle("reach"))
        return self._quotes

    @property
    def help(self) -> HelpOverlay:
        if self._help is None:
            from kiosk.ui.overlays import HelpOverlay

            self._help = HelpOverlay(self.ctx, self, self.input_kind)
            self._help.dismissed.connect(lambda: self.modes.leave(Mode.HELP))
            self._help.about_requested.connect(lambda: self.modes.enter(Mode.ABOUT))
            self.register_layer(Mode.HELP, self._help)
        return self._help

    @property
    def about(self) -> AboutOverlay:
        if self._about is None:
            from kiosk.ui.about import AboutOverlay

            self._about = AboutOverlay(self.ctx, self)
            self._about.dismissed.connect(lambda: self.modes.leave(Mode.ABOUT))
            self.register_layer(Mode.ABOUT, self._about)
        return self._about

    @property
    def settings_card(self) -> SettingsOverlay:
        """The visitor's display settings (text size, contrast, reach, motion)."""
        if self._settings is None:
            self._settings = SettingsOverlay(self.ctx, self, self.visitor)
            self._settings.dismissed.connect(lambda: self.modes.leave(Mode.SETTINGS))
            self.register_layer(Mode.SETTINGS, self._settings)
        return self._settings

    # --- the visitor's display settings --------------------------------------------------------
    def _ctx_for(self, settings: VisitorSettings) -> Ctx:
        return replace(
            self.ctx,
            palette=HIGH_CONTRAST if settings.high_contrast else self._base_palette,
            reduced_motion=settings.reduced_motion,
            reach=settings.reach,
            lang=settings.lang,
        )

    def _scale_for_size(self) -> TypeScale:
        return TypeScale.for_size(self.width(), self.height(), self.visitor.settings.text_factor)

    def _visitor_changed(self, old: VisitorSettings, new: VisitorSettings) -> None:
        """Every screen built again for the new settings, where the visitor is: the same
        screen, poster and place in it, and the settings card still open if it was."""
        log.info(
            "visitor settings: %s",
            ", ".join(f"{n} {getattr(new, n)}" for n in sorted(new.changed_from(old))),
        )
        view = self.deck.current() if self._poster_screen is not None else None
        where = view.scroll_fraction() if view is not None else 0.0
        self.ctx = self._ctx_for(new)
        self._build(self._scale_for_size())
        if where and self.nav.state.screen is Screen.POSTER:
            view = self.deck.current()
            if view is not None:
                view.scroll_to_fraction(where)
        if new.lang != old.lang:
            self._name_window()
            self.reader.set_language(new.lang or self.ctx.gallery.default_language)  # its voice
            self.language_changed.emit(new.lang or self.ctx.gallery.default_language)

    # --- the visitor's language -------------------------------------------------------------
    def choose_language(self, lang: str) -> None:
        """The visitor's language (a language button, the L key): every screen in it, where
        the visitor is; the idle reset puts the gallery's first language back."""
        self.visitor.set(lang=lang)

    def next_language(self) -> bool:
        """The presenter's L key: the gallery's next language, round to the first."""
        lang = next_language(
            self.ctx.gallery.settings.languages, self.ctx.lang or self.ctx.gallery.default_language
        )
        return lang is not None and self.visitor.set(lang=lang)

    def _name_window(self) -> None:
        title = self.ctx.t(self.ctx.gallery.settings.title)
        # the author previewing in a window sees how many posters have errors in its title
        # bar (full screen has none: an audience never sees it)
        note = self.ctx.gallery.problems_note
        self.setWindowTitle(f"{title} — {note}" if note else title)
        self.setAccessibleName(title)

    def set_input_kind(self, kind: InputKind | str) -> None:
        """The input a person last used (a key, or a touch or click): the hints and the help
        speak its words from now on."""
        kind = InputKind(kind)
        if kind is InputKind.TOUCH:
            self.walk.clear()  # a tap or a click: the ring of the keys' walk goes
        if kind == self.input_kind:
            return
        self.input_kind = kind
        if self._poster_screen is not None:
            self._poster_screen.set_hints(kind)
        if self._home is not None:
            self._home.set_prompt(kind)
        if self._help is not None:
            self._help.set_kind(kind)
        self.input_kind_changed.emit(kind.value)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        scale = self._scale_for_size()
        if self._built_scale is None or abs(scale.factor - self._built_scale.factor) > 0.02:
            self._build(scale)
        self._render_layers()

    # --- layers: what Modes says is on top, and nothing else ------------------------------------
    def register_layer(self, mode: Mode, widget: QWidget) -> None:
        """``widget`` is what ``mode`` looks like (a full-window child). The window shows it
        exactly while the mode is open, in the modes' stacking order; a later registration for
        the same mode replaces the widget (a reload rebuilds them)."""
        if mode not in LAYERS:
            raise ValueError(f"{mode} is a screen, not a layer")
        self._layers[mode] = widget
        self._render_layers()

    def layer(self, mode: Mode) -> QWidget | None:
        return self._layers.get(mode)

    def _render_layers(self) -> None:
        open_layers = self.modes.layers
        if Mode.HELP in open_layers:
            self.help  # noqa: B018 - built the first time it is asked for
        if Mode.ABOUT in open_layers:
            self.about  # noqa: B018 - built the first time it is asked for
        if Mode.SETTINGS in open_layers:
            self.settings_card  # noqa: B018 - built the first time it is asked for
        if self.reach_button is not None and isValid(self.reach_button):
            # over the screens, under every layer (they are raised after it)
            self.reach_button.place(self, self.ctx.scale.space(2))
            self.reach_button.raise_()
        for mode in LAYERS:
            widget = self._layers.get(mode)
            if widget is None or not isValid(widget):
                continue
            if mode in open_layers:
                widget.setGeometry(self.rect())
                widget.show()
                widget.raise_()  # in LAYERS order: the last raised is on top
            elif widget.isVisible():
                widget.hide()
        top = self._layers.get(open_layers[-1]) if open_layers else None
        if top is not None and top.focusPolicy() != Qt.FocusPolicy.NoFocus:
            top.setFocus()
        elif not open_layers and self.isActiveWindow() and self.focusWidget() is None:
            self.setFocus()
        self.walk.refresh()

    def _on_mode(self, mode: Mode, entered: bool) -> None:
        if mode in LAYERS and entered:
            self.reader.stop()  # help, blackout, the idle notice...: the reading stops
        if mode in LAYERS:
            log.info("%s %s", mode.value, "on" if entered else "off")
            self._render_layers()
        self.mode_changed.emit(mode.value, entered)

    # --- navigation → screen ------------------------------------------------------------------
    def _on_nav(self, old: NavState, new: NavState) -> None:
        self._render(new, animate=True, old=old)

    def _screen_for(self, which: Screen) -> QWidget:
        if which is Screen.POSTER:
            return self.poster_screen
        if which is Screen.OVERVIEW:
            return self.overview
        if which is Screen.QUOTES:
            return self.quotes
        return self.home

    def _render(self, state: NavState, animate: bool, old: NavState | None = None) -> None:
        screen = self._screen_for(state.screen)
        self.stack.setCurrentWidget(screen)
        if state.screen is Screen.POSTER:
            slide = animate and old is not None and old.screen is Screen.POSTER
            self.deck.show_index(state.index, animate=slide)
            self.poster_screen.set_progress(state.index + 1, len(self.ctx.gallery.posters))
        if state.screen is Screen.OVERVIEW:
            self.overview.select(state.index)
        self._render_layers()
        name = self.screen_name(state)
        if old is None or name != self.screen_name(old):
            self.reader.stop()  # another screen or poster: the reading stops
            log.info("screen %s", name)
            self.screen_changed.emit(name)

    def screen_name(self, state: NavState) -> str:
        if state.screen is Screen.POSTER:
            posters = self.ctx.gallery.posters
            # a state from before a reload may point past the new gallery's end
            return (
                f"poster {posters[state.index].id}"
                if state.index < len(posters)
                else "poster (removed)"
            )
        return state.screen.value

    # --- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        self.set_input_kind(InputKind.KEYS)
        key = event.key()
        nav, modes = self.nav, self.modes
        state = nav.state
        text = event.text()
        if not modes.takes_gallery_keys():
            # the notice, the PIN pad, the admin screen and the attract loop take their own
            # keys; nothing reaches the gallery beneath them
            if key == Qt.Key.Key_Escape and modes.top is Mode.ADMIN:
                modes.leave(Mode.ADMIN)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not modes.is_open(Mode.BLACKOUT):
            back = (
                key == Qt.Key.Key_Backtab or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.walk.step(-1 if back else 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.walk.select():
            return True
        if key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            self.walk.clear()  # any other key: the presenter's keys, as ever
        if key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            return modes.toggle(Mode.BLACKOUT) or True
        if modes.is_open(Mode.BLACKOUT):  # a clicker's next or back wakes the screen first
            if key in NEXT_KEYS | PREVIOUS_KEYS | {Qt.Key.Key_Escape}:
                modes.leave(Mode.BLACKOUT)
            return True
        if key in (Qt.Key.Key_H, Qt.Key.Key_Question) or text == "?":
            return modes.toggle(Mode.HELP) or True
        if key == Qt.Key.Key_A:
            return modes.toggle(Mode.ABOUT) or True
        if key == Qt.Key.Key_T:
            return modes.toggle(Mode.SETTINGS) or True
        if key == Qt.Key.Key_L:  # the layers stay open, built again in the new language
            return self.next_language() or True
        if key == Qt.Key.Key_Escape:
            if self._poster_screen is not None and self.deck.zoom.isVisible():
                self.deck.zoom.close_zoom()
                return True
            return modes.escape() or nav.escape() or True
        modes.leave(Mode.HELP)  # any other key closes the help, About or settings card, then acts
        modes.leave(Mode.ABOUT)
        modes.leave(Mode.SETTINGS)
        if key in (Qt.Key.Key_F, Qt.Key.Key_F11):
            if self.kiosk_mode:
                log.info("full screen toggle refused (kiosk mode)")
            else:
                self.toggle_fullscreen()
            return True
        if key == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.close()  # refused in kiosk mode by closeEvent
            return True
        if key == Qt.Key.Key_Q:
            return nav.toggle_quotes() or True
        carousel = self._quotes.carousel if self._quotes is not None else None
        if state.screen is Screen.QUOTES and carousel is not None:
            if key in NEXT_KEYS:
                carousel.next()
                return True
            if key in PREVIOUS_KEYS:
                carousel.previous()
                return True
            if key == Qt.Key.Key_P:
                carousel.toggle_pause()
                return True
        if key in NEXT_KEYS:
            return nav.next() or True
        if key in PREVIOUS_KEYS:
            return nav.previous() or True
        if key == Qt.Key.Key_Home:
            return nav.first() or True
        if key == Qt.Key.Key_End:
            return nav.last() or True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return nav.jump(key - Qt.Key.Key_0) or True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if state.screen is Screen.HOME:
                return nav.open(0) or True
            return nav.activate() or True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            down = key == Qt.Key.Key_Down
            if state.screen is Screen.OVERVIEW:
                columns = self.overview.columns
                return nav.select(state.index + (columns if down else -columns)) or True
            view = self.deck.current() if self._poster_screen is not None else None
            if state.screen is Screen.POSTER and view is not None:
                view.scroll_by(0.5 if down else -0.5)
            return True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and state.screen is Screen.POSTER:
            self.deck.zoom_in()
            return True
        if key == Qt.Key.Key_Minus and state.screen is Screen.POSTER:
            self.deck.zoom_out()
            return True
        return False

    def focusNextPrevChild(self, next_child: bool) -> bool:  # noqa: N802 - Qt override
        """Tab and Shift+Tab walk the gallery's controls (``KeyWalk``), not Qt's focus chain;
        the organiser's layers (PIN pad, admin screen) keep Qt's."""
        if self.modes.takes_gallery_keys():
            return False
        return super().focusNextPrevChild(next_child)

    def lock_for_kiosk(self) -> None:
        """Frameless and on top, before it is shown: no title bar, no window menu."""
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
            log.info("window: normal")
        else:
            self.showFullScreen()
            log.info("window: full screen")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu:
            return True
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.kiosk_mode and not self._allow_close:
            event.ignore()
            log.info("close refused (kiosk mode): the admin screen can quit")
            return
        log.info("window closed")
        super().closeEvent(event)

    def quit_app(self) -> None:
        """The admin screen's Quit: the one way out of kiosk mode."""
        self._allow_close = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # --- reset, recovery, reload --------------------------------------------------------------
    def reset_for_next_visitor(self) -> None:
        """Every layer closed (the admin screen and PIN pad first), posters back at the top,
        quotes from the first, the home screen."""
        if self._poster_screen is not None:
            self.deck.zoom.close_zoom()
            for i in self.deck.built():
                self.deck.view(i).to_top()
        for carousel in self.findChildren(QuoteCarousel):
            carousel.restart()
        self.reader.stop()
        self.polls.new_session()  # the next tap on a poll is the next visitor's vote
        for poll in self.findChildren(PollBlock):
            poll.refresh()
        self.modes.reset()
        self.visitor_left.emit()
        self.visitor.reset()  # this visitor's text size, contrast, reach and motion go with them

    def rebuild(self) -> None:
        """Every screen built and painted again, where the visitor is (a frame that stopped
        drawing: kiosk.ui.kiosk.unattended.KioskMode.check_frame)."""
        self._build(self.ctx.scale)
        self.repaint()

    def recover(self) -> None:
        """After an uncaught error: back to a known good screen, nothing over it."""
        self.reset_for_next_visitor()

    def set_gallery(self, gallery: Gallery, changed_files: frozenset = frozenset()) -> None:
        """New content (live reload); ``changed_files``: the paths of pictures edited on disk
        since the gallery on screen was loaded (their old decodes are dropped first, so they
        show their new pixels). Only what shows something new is built again
        (kiosk.content.changes): a change to some posters rebuilds their pages and cards
        alone, and the visitor stays where they are (screen, poster, scroll position); a
        change to gallery-wide settings, to the list of posters or to the quotes rebuilds
        every screen, staying on the same poster if it still exists, else going home."""
        from kiosk.content.changes import compare, sharing

        self.ctx.images.invalidate(changed_files)
        change = compare(self.ctx.gallery, gallery, changed_files)
        gallery = sharing(self.ctx.gallery, gallery, change)
        if change.whole:
            log.info("content reloaded (%s changed): every screen rebuilt", change.reason)
            self._rebuild_all(gallery)
        elif change.posters:
            self._rebuild_posters(gallery, change.posters)
        else:
            self.ctx = self.ctx.showing(gallery)  # (the fishbowl preset may differ)
            log.info("content reloaded: nothing on screen changed")
            self._name_window()
            return
        self._name_window()
        self.gallery_changed.emit(gallery)

    def _rebuild_all(self, gallery: Gallery) -> None:
        """Every screen built again for ``gallery``; the same screen and poster if it still
        exists (and then the layers over it stay open: a reload keeps the modes), else home."""
        self.ctx = self.ctx.showing(gallery)
        stays = self.nav.replace_posters([p.id for p in gallery.posters])
        self._build(self.ctx.scale)
        where = self.screen_name(self.nav.state)
        log.info("content reloaded: %s %s", "staying on" if stays else "back to", where)

    def _rebuild_posters(self, gallery: Gallery, indexes: frozenset) -> None:
        """The posters at ``indexes`` changed (same list, same order): their cards and pages
        are built again; navigation and every other widget stay as they are."""
        self.ctx = self.ctx.showing(gallery)
        for screen in (self._home, self._overview):
            if screen is not None:
                screen.replace_cards(self.ctx, indexes)
        if self._poster_screen is not None:
            self.deck.rebuild(self.ctx, indexes)
        log.info(
            "content reloaded: rebuilt %s",
            ", ".join(gallery.posters[i].id for i in sorted(indexes)),
        )
