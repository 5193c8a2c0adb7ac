"""The event's credits as they read on screen: who organised it, its partners and who made the
material, with short names and logos where the content gives them (no Qt).

One builder for every place that shows them (the home screen's line, the attract loop's slide,
the About card), so that they always say the same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import GallerySettings, Organisation
from kiosk.content.text import LocalText
from kiosk.i18n import N_

ORGANISED_BY = N_("Organised by")
PARTNERS = N_("In partnership with")

Translate = Callable[[LocalText | None], str]
Interface = Callable[[str], str]
"""The interface's words in the language on screen (``Ctx.tr``); English by default."""


@dataclass(frozen=True)
class CreditName:
    """One name as shown (the short name when there is one) and in full (for a screen reader
    and for the About card), with its logo file (None: the name alone)."""

    shown: str
    full: str
    logo: Path | None = None
    alt: str = ""  # the logo's text alternative


@dataclass(frozen=True)
class CreditGroup:
    heading: str
    names: tuple[CreditName, ...]

    def described(self) -> str:
        """'Organised by: Global Social Economy Forum (GSEF); ...', the full names."""
        return f"{self.heading}: {'; '.join(n.full for n in self.names)}"


def _same(text: str) -> str:
    return text


def credit_name(org: Organisation, t: Translate, tr: Interface = _same) -> CreditName:
    name, short = t(org.name), t(org.short)
    full = f"{name} ({short})" if short and short != name else name
    logo = org.logo.path if org.logo is not None and org.logo.path is not None else None
    alt = t(org.alt) or (tr("Logo of {name}").format(name=full) if logo is not None else "")
    return CreditName(short or name, full, logo, alt)


def organisation_groups(
    settings: GallerySettings, t: Translate, tr: Interface = _same
) -> tuple[CreditGroup, ...]:
    """The organisers, then the partners: the groups that have names."""
    groups = (
        CreditGroup(tr(ORGANISED_BY), tuple(credit_name(o, t, tr) for o in settings.organisers)),
        CreditGroup(tr(PARTNERS), tuple(credit_name(o, t, tr) for o in settings.partners)),
    )
    return tuple(g for g in groups if g.names)


def role_groups(settings: GallerySettings, t: Translate) -> tuple[CreditGroup, ...]:
    """The ``credits``: each role with its names (text only)."""
    return tuple(
        CreditGroup(t(c.role), tuple(CreditName(t(n), t(n)) for n in c.names))
        for c in settings.credits
    )


def described(groups: tuple[CreditGroup, ...]) -> str:
    """All the groups in full, in one sentence a screen reader reads."""
    return "; ".join(g.described() for g in groups)


def event_when(
    settings: GallerySettings, t: Translate, date: Callable[[dt.date], str] | None = None
) -> str:
    """'19 June 2017 · La Café Shop, Technopole Angus, Montreal': when and where the event was
    (``date`` writes the date in the language on screen: ``Ctx.date``)."""
    when = "" if settings.date is None else (date or _date)(settings.date)
    return " · ".join(x for x in (when, t(settings.place)) if x)


def _date(value: dt.date) -> str:
    try:
        return f"{value.day} {value:%B %Y}"
    except ValueError:
        return str(value)
