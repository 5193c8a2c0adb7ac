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

ORGANISED_BY = "Organised by"
PARTNERS = "In partnership with"

Translate = Callable[[LocalText | None], str]


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


def credit_name(org: Organisation, t: Translate) -> CreditName:
    name, short = t(org.name), t(org.short)
    full = f"{name} ({short})" if short and short != name else name
    logo = org.logo.path if org.logo is not None and org.logo.path is not None else None
    alt = t(org.alt) or (f"Logo of {full}" if logo is not None else "")
    return CreditName(short or name, full, logo, alt)


def organisation_groups(settings: GallerySettings, t: Translate) -> tuple[CreditGroup, ...]:
    """The organisers, then the partners: the groups that have names."""
    groups = (
        CreditGroup(ORGANISED_BY, tuple(credit_name(o, t) for o in settings.organisers)),
        CreditGroup(PARTNERS, tuple(credit_name(o, t) for o in settings.partners)),
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


def event_when(settings: GallerySettings, t: Translate) -> str:
    """'19 June 2017 · La Café Shop, Technopole Angus, Montreal': when and where the event was."""
    return " · ".join(x for x in (_date(settings.date), t(settings.place)) if x)


def _date(value: dt.date | None) -> str:
    if value is None:
        return ""
    try:
        return f"{value.day} {value:%B %Y}"
    except ValueError:
        return str(value)
