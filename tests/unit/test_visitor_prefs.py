"""The visitor's display settings: one owner, changes told to listeners, the defaults back at
the idle reset, and the system's preference followed only where the visitor left it alone."""

from __future__ import annotations

import pytest

from kiosk.core.visitor import TEXT_STEPS, VisitorPrefs, VisitorSettings
from kiosk.theme import HIGH_CONTRAST, TypeScale, contrast


def test_changes_are_told_once_and_a_no_change_is_not() -> None:
    prefs = VisitorPrefs()
    heard: list[tuple[VisitorSettings, VisitorSettings]] = []
    prefs.subscribe(lambda old, new: heard.append((old, new)))
    assert prefs.set(text_step=2)
    assert not prefs.set(text_step=2)
    assert prefs.toggle("high_contrast") and prefs.settings.high_contrast
    assert [new.changed_from(old) for old, new in heard] == [
        frozenset({"text_step"}),
        frozenset({"high_contrast"}),
    ]
    assert prefs.changed


def test_text_steps_stay_within_the_steps_there_are() -> None:
    prefs = VisitorPrefs()
    assert not prefs.step_text(-1)  # already the smallest
    assert prefs.step_text(+1) and prefs.settings.text_factor == TEXT_STEPS[1]
    assert prefs.step_text(+5) and prefs.settings.text_step == len(TEXT_STEPS) - 1
    with pytest.raises(ValueError):
        VisitorSettings(text_step=len(TEXT_STEPS))
    with pytest.raises(ValueError):
        prefs.toggle("text_step")  # not a yes/no setting


def test_the_reset_puts_the_gallerys_defaults_back() -> None:
    defaults = VisitorSettings(reduced_motion=True)
    prefs = VisitorPrefs(defaults)
    prefs.set(text_step=1, high_contrast=True, reach=True, reduced_motion=False)
    assert prefs.reset() and prefs.settings == defaults and not prefs.changed
    assert not prefs.reset()  # nothing to put back


def test_a_new_system_preference_moves_only_what_the_visitor_left_alone() -> None:
    prefs = VisitorPrefs(VisitorSettings())
    prefs.set(text_step=2)
    assert prefs.set_defaults(VisitorSettings(high_contrast=True))
    assert prefs.settings.high_contrast and prefs.settings.text_step == 2
    prefs.set(high_contrast=False)  # the visitor's own choice now
    assert not prefs.set_defaults(VisitorSettings(high_contrast=True, reduced_motion=False))
    assert not prefs.settings.high_contrast
    prefs.reset()
    assert prefs.settings == VisitorSettings(high_contrast=True)


def test_high_contrast_text_reaches_seven_to_one_on_every_surface() -> None:
    p = HIGH_CONTRAST
    for text in (p.text, p.muted, p.accent_text):
        for ground in (p.background, p.surface, p.surface_alt):
            assert contrast(text, ground) >= 7.0, (text, ground)
    assert contrast(p.on_accent, p.accent) >= 7.0  # a chosen button's words


def test_larger_text_grows_the_type_but_not_the_spacing_or_the_targets() -> None:
    plain = TypeScale.for_size(1920, 1080)
    large = TypeScale.for_size(1920, 1080, TEXT_STEPS[2])
    assert large.px("body") == round(plain.px("body") * 1.5)
    assert large.space(3) == plain.space(3) and large.touch == plain.touch
    assert large.measure(1920) == pytest.approx(1280)  # fewer columns fit the same width
