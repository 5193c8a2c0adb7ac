"""How this visitor wants the gallery shown: language, text size, contrast, controls within
reach, motion.

A visitor who can't read small text picks a larger step; one with low vision picks high
contrast; one in a wheelchair at a tall portrait screen moves every control into its lower
band; one whom movement bothers turns the slides and the pulse off. The choices belong to this
visitor only: the idle reset puts the gallery's defaults back for the next one.

``VisitorPrefs`` is the one owner of these choices. The window renders them (it builds its
screens again for a new text size, palette or layout) and listens for changes; nothing reads a
widget back to learn them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.i18n import N_

TEXT_STEPS: tuple[float, ...] = (1.0, 1.25, 1.5)
"""Text size steps: the designed size and two larger ones (×1.25, ×1.5)."""

TEXT_STEP_NAMES: tuple[str, ...] = (N_("Standard"), N_("Large"), N_("Larger"))


@dataclass(frozen=True)
class VisitorSettings:
    text_step: int = 0  # an index into TEXT_STEPS
    high_contrast: bool = False
    reach: bool = False  # every control in the lower band of the screen
    reduced_motion: bool = False
    lang: str | None = None  # the language on screen (None: the gallery's first)

    def __post_init__(self) -> None:
        if not 0 <= self.text_step < len(TEXT_STEPS):
            raise ValueError(f"text_step must be 0 to {len(TEXT_STEPS) - 1}, not {self.text_step}")

    @property
    def text_factor(self) -> float:
        return TEXT_STEPS[self.text_step]

    def changed_from(self, other: VisitorSettings) -> frozenset[str]:
        """The names of the settings that differ from ``other``."""
        return frozenset(
            name for name in SETTING_NAMES if getattr(self, name) != getattr(other, name)
        )


SETTING_NAMES = ("text_step", "high_contrast", "reach", "reduced_motion", "lang")


def next_language(languages: tuple[str, ...], current: str | None) -> str | None:
    """The language after ``current`` in ``languages``, round to the first (a presenter's key
    walks through them); None when there is only one."""
    if len(languages) < 2:
        return None
    where = languages.index(current) if current in languages else 0
    return languages[(where + 1) % len(languages)]


PrefsListener = Callable[[VisitorSettings, VisitorSettings], None]
"""Called as ``listener(old, new)`` after a change."""


class VisitorPrefs:
    """This visitor's settings, the gallery's defaults, and the moves between them.

    The defaults come from the gallery and the system (``reduced_motion`` from gallery.yaml or
    ``--reduced-motion``; high contrast from the operating system's preference where Qt reports
    it) and may follow the system while the app runs (``set_defaults``): a setting the visitor
    has not changed follows, one they changed stays theirs until the reset."""

    def __init__(self, defaults: VisitorSettings | None = None) -> None:
        self._defaults = defaults or VisitorSettings()
        self._settings = self._defaults
        self._listeners: list[PrefsListener] = []

    @property
    def settings(self) -> VisitorSettings:
        return self._settings

    @property
    def defaults(self) -> VisitorSettings:
        return self._defaults

    @property
    def changed(self) -> bool:
        """True when the visitor has changed anything from the defaults."""
        return self._settings != self._defaults

    def subscribe(self, listener: PrefsListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: PrefsListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def set(self, **changes: object) -> bool:
        """Change some settings (``text_step=2``, ``reach=True``...); False when nothing changed."""
        return self._apply(replace(self._settings, **changes))  # type: ignore[arg-type]

    def toggle(self, name: str) -> bool:
        """Flip a yes/no setting (``high_contrast``, ``reach``, ``reduced_motion``)."""
        value = getattr(self._settings, name)
        if not isinstance(value, bool):
            raise ValueError(f"{name} is not a yes/no setting")
        return self.set(**{name: not value})

    def step_text(self, steps: int) -> bool:
        """A larger (+1) or smaller (-1) text step, within the steps there are."""
        step = max(0, min(len(TEXT_STEPS) - 1, self._settings.text_step + steps))
        return self.set(text_step=step)

    def reset(self) -> bool:
        """The idle reset: the gallery's defaults again. False when nothing had changed."""
        return self._apply(self._defaults)

    def set_defaults(self, defaults: VisitorSettings) -> bool:
        """New defaults (the system's contrast preference changed): the settings the visitor
        left alone follow them."""
        old_defaults, self._defaults = self._defaults, defaults
        mine = self._settings.changed_from(old_defaults)
        follow = {name: getattr(defaults, name) for name in SETTING_NAMES if name not in mine}
        return self.set(**follow)

    def _apply(self, new: VisitorSettings) -> bool:
        old = self._settings
        if new == old:
            return False
        self._settings = new
        for listener in list(self._listeners):
            listener(old, new)
        return True
