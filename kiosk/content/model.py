"""The content model: typed, immutable, plain Python (frozen dataclasses, no Qt, no pydantic).

One class per kind of YAML file: GallerySettings (gallery.yaml), Poster (posters/*.yaml),
Quote (quotes.yaml), FishbowlPreset (fishbowl.yaml); and Gallery, which the loader assembles
from all of them. docs/content.md documents every field.

These classes are the schema, once: pydantic validates the YAML into them (kiosk.content.schema,
imported only when something is validated), reading each field's type, its default and its
constraints (``Annotated[int, Ge(10), Le(600)]``) from here. The app itself never needs pydantic
to hold or show content: a start-up whose content did not change reads the last validated load
back from its cache (kiosk.content.cache) into these same classes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args

from kiosk.content.text import (
    Artwork,
    Colour,
    FactValue,
    Id,
    LangCode,
    Link,
    LocalText,
    kind_of,
)

ThemeName = Literal[
    "dark_amber.xml",
    "dark_blue.xml",
    "dark_cyan.xml",
    "dark_lightgreen.xml",
    "dark_pink.xml",
    "dark_purple.xml",
    "dark_red.xml",
    "dark_teal.xml",
    "dark_yellow.xml",
    "light_amber.xml",
    "light_blue.xml",
    "light_blue_500.xml",
    "light_cyan.xml",
    "light_cyan_500.xml",
    "light_lightgreen.xml",
    "light_lightgreen_500.xml",
    "light_orange.xml",
    "light_pink.xml",
    "light_pink_500.xml",
    "light_purple.xml",
    "light_purple_500.xml",
    "light_red.xml",
    "light_red_500.xml",
    "light_teal.xml",
    "light_teal_500.xml",
    "light_yellow.xml",
]
THEMES: tuple[str, ...] = get_args(ThemeName)  # qt-material's themes, by file name
PosterKind = Literal["introduction", "case", "discussion", "poll"]
SectionKind = Literal[
    "background", "history", "approach", "measures", "outcomes", "future", "discussion", "other"
]

# Limits far above any real poster (the default gallery's largest has 10 sections, 14 facts), low
# enough that a poster page builds in a blink: a file of 1,500 facts froze the kiosk for seconds.
MAX_ITEMS = 40  # sections, paragraphs, bullets, lessons, sources, organisers, credits...
MAX_FACTS = 60
MAX_QUOTES = 500  # quotes in quotes.yaml, and quote ids listed by one poster


def _num(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5': a number as the author wrote it."""
    return f"{value:g}"


# a rule across fields: (broken, the fields it concerns, what is wrong); the schema reports each
# broken rule as an error of its own, at the first of its fields that the file gives (else the
# first), so that the author sees every one at its line in one run
Rule = tuple[bool, tuple[str, ...], str]
S = TypeVar("S", bound="Strict")


class Strict:
    """Base of every schema class (each a frozen dataclass): unknown keys refused (the loader
    makes them warnings).

    Text, ids, colours and fact values have strict types of their own (kiosk.content.text), so
    YAML 1.1 surprises are caught where text is wanted; lists are accepted for tuples. A class
    may add ``_before`` (a classmethod turning the raw value into a mapping) and ``_rules``
    (the rules across its fields, checked after its fields are valid; a ValueError for a rule
    about the whole).
    """

    # read by pydantic when it validates a dataclass (kiosk.content.schema)
    __pydantic_config__ = {"extra": "forbid"}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from kiosk.content.schema import schema_of  # noqa: PLC0415 - only to validate

        return schema_of(cls, source, handler)

    @classmethod
    def model_validate(cls: type[S], data: Any) -> S:
        """``data`` validated into this class (pydantic's ValidationError when it is not)."""
        from kiosk.content.schema import validate  # noqa: PLC0415 - only to validate

        return validate(cls, data)

    def model_copy(self: S, *, update: Mapping[str, Any]) -> S:
        """A copy with the fields in ``update`` replaced (no validation)."""
        return dataclasses.replace(self, **update)  # type: ignore[type-var]

    def _rules(self) -> list[Rule]:
        return []


@dataclass(frozen=True)
class Bound:
    """A constraint of a field, set on the field's own schema as pydantic sets its ``Field(ge=..,
    max_length=..)``: the same check, the same error."""

    value: Any
    key: ClassVar[str] = ""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema[self.key] = self.value
        return schema


class Ge(Bound):
    """At least ``value``."""

    key = "ge"


class Le(Bound):
    """At most ``value``."""

    key = "le"


class MinLen(Bound):
    """At least ``value`` entries."""

    key = "min_length"


class MaxLen(Bound):
    """At most ``value`` entries."""

    key = "max_length"


class Finite:
    """A float constraint: no infinity, no NaN (pydantic's ``allow_inf_nan=False``)."""

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["allow_inf_nan"] = False
        return schema


@dataclass(frozen=True)
class After:
    """A check of one field's valid value: ``check`` returns it, or raises ValueError."""

    check: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # noqa: PLC0415 - only to validate

        return core_schema.no_info_after_validator_function(self.check, handler(source))


@dataclass(frozen=True, kw_only=True)
class Theme(Strict):
    name: ThemeName = "dark_teal.xml"
    accent: Colour | None = None


@dataclass(frozen=True, kw_only=True)
class Credit(Strict):
    role: LocalText
    names: Annotated[tuple[LocalText, ...], MinLen(1), MaxLen(MAX_ITEMS)]


@dataclass(frozen=True, kw_only=True)
class Organisation(Strict):
    """An organiser or a partner: its name, and optionally a short name (an acronym the source
    itself uses), a logo (a picture in the content folder) and the logo's text alternative.
    Plain text is a name alone, as in older content."""

    name: LocalText
    short: LocalText | None = None
    logo: Artwork | None = None
    alt: LocalText | None = None  # what the logo shows, for a screen reader

    @classmethod
    def _before(cls, value: Any) -> Any:
        """Plain text is a name; so is a mapping with none of the keys (a name in several
        languages, {en: .., fr: ..})."""
        if isinstance(value, str) or (
            isinstance(value, dict) and value and not set(value) & _NAMES_OF_ORGANISATION
        ):
            return {"name": value}
        if not isinstance(value, dict | Organisation):
            from pydantic_core import PydanticCustomError  # noqa: PLC0415 - only to validate

            raise PydanticCustomError(
                "organisation_type",
                "must be a name, or a mapping with name (and short, logo, alt), not {kind}",
                {"kind": kind_of(value)},
            )
        return value


_NAMES_OF_ORGANISATION = frozenset(f.name for f in dataclasses.fields(Organisation))


@dataclass(frozen=True, kw_only=True)
class IdleSettings(Strict):
    timeout_seconds: Annotated[int, Ge(10), Le(86400)] = 90
    warning_seconds: Annotated[int, Ge(1), Le(600)] = 10


@dataclass(frozen=True, kw_only=True)
class AttractSettings(Strict):
    enabled: bool = True
    prompt: LocalText | None = None  # None: the interface's "Touch to explore", translated
    seconds_per_slide: Annotated[float, Finite(), Ge(2), Le(120)] = 8


@dataclass(frozen=True, kw_only=True)
class CarouselSettings(Strict):
    interval_seconds: Annotated[float, Finite(), Ge(3), Le(300)] | None = None
    words_per_second: Annotated[float, Finite(), Ge(0.5), Le(20)] = 4
    extra_seconds: Annotated[float, Finite(), Ge(0), Le(60)] = 3
    min_seconds: Annotated[float, Finite(), Ge(1), Le(600)] = 8
    max_seconds: Annotated[float, Finite(), Ge(1), Le(600)] = 45

    def _rules(self) -> list[Rule]:
        return [
            (
                self.min_seconds > self.max_seconds,
                ("min_seconds", "max_seconds"),
                f"min_seconds ({_num(self.min_seconds)}) must not be more than max_seconds "
                f"({_num(self.max_seconds)})",
            )
        ]

    def dwell_seconds(self, words: int) -> float:
        """How long a quote of ``words`` words stays on screen."""
        if self.interval_seconds is not None:
            return self.interval_seconds
        raw = words / self.words_per_second + self.extra_seconds
        return max(self.min_seconds, min(self.max_seconds, raw))


@dataclass(frozen=True, kw_only=True)
class AnalyticsSettings(Strict):
    """What the kiosk records of its visitors (docs/analytics.md): on or off, how long it keeps
    it, and the most disk it may take."""

    enabled: bool = True
    retention_days: Annotated[int, Ge(1), Le(3650)] = 90
    max_megabytes: Annotated[int, Ge(1), Le(10_000)] = 64


@dataclass(frozen=True, kw_only=True)
class PresenterSettings(Strict):
    """gallery.yaml's ``presenter``: the talk's length for the console's countdown (none: the
    console counts up only), and how long before the end it turns to its warning."""

    talk_minutes: Annotated[int, Ge(1), Le(600)] | None = None
    warning_minutes: Annotated[int, Ge(1), Le(60)] = 2


@dataclass(frozen=True, kw_only=True)
class GallerySettings(Strict):
    """gallery.yaml: the event and the app's settings for it."""

    title: LocalText
    subtitle: LocalText | None = None
    date: dt.date | None = None
    place: LocalText | None = None
    organisers: Annotated[tuple[Organisation, ...], MaxLen(MAX_ITEMS)] = ()
    partners: Annotated[tuple[Organisation, ...], MaxLen(MAX_ITEMS)] = ()
    credits: Annotated[tuple[Credit, ...], MaxLen(MAX_ITEMS)] = ()
    languages: Annotated[tuple[LangCode, ...], MinLen(1), MaxLen(MAX_ITEMS)] = ("en",)
    # the language the gallery's texts were written in (the others are translations of it);
    # None: the first of ``languages``
    written_in: LangCode | None = None
    theme: Theme = Theme()
    posters: tuple[Id, ...] | None = None
    idle: IdleSettings = IdleSettings()
    attract: AttractSettings = AttractSettings()
    carousel: CarouselSettings = CarouselSettings()
    kiosk: bool = False
    reduced_motion: bool = False
    analytics: AnalyticsSettings = AnalyticsSettings()
    presenter: PresenterSettings = PresenterSettings()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def original_language(self) -> str:
        """The language the gallery's texts were written in: ``written_in``, else the default."""
        return self.written_in or self.default_language


@dataclass(frozen=True, kw_only=True)
class Section(Strict):
    heading: LocalText
    kind: SectionKind = "other"
    paragraphs: Annotated[tuple[LocalText, ...], MaxLen(MAX_ITEMS)] = ()
    bullets: Annotated[tuple[LocalText, ...], MaxLen(MAX_ITEMS)] = ()
    artwork: Artwork | None = None
    alt: LocalText | None = None  # the artwork's text alternative: what it shows
    caption: LocalText | None = None


@dataclass(frozen=True, kw_only=True)
class Fact(Strict):
    value: FactValue
    unit: LocalText | None = None
    label: LocalText
    note: LocalText | None = None
    group: LocalText | None = None

    def value_text(self, lang: str | None = None, default_lang: str | None = None) -> str:
        """The big number as it reads: text as written, numbers with thousands separators."""
        if isinstance(self.value, LocalText):
            return self.value.get(lang, default_lang)
        return f"{self.value:,}"


MIN_OPTIONS = 2  # a poll's options: fewer is no choice, more no longer fits one screen
MAX_OPTIONS = 8


@dataclass(frozen=True, kw_only=True)
class PollOption(Strict):
    """One answer of a poll poster: its words and, optionally, a picture beside them."""

    label: LocalText
    artwork: Artwork | None = None
    alt: LocalText | None = None  # what the artwork shows, for a screen reader


@dataclass(frozen=True, kw_only=True)
class Poster(Strict):
    """posters/*.yaml: one poster. A poster of kind ``poll`` asks ``question`` with
    ``options`` (2 to 8) and, after a visitor's vote, shows the results if ``show_results``."""

    id: Id
    kind: PosterKind
    title: LocalText
    city: LocalText | None = None
    country: LocalText | None = None
    tagline: LocalText | None = None
    artwork: Artwork | None = None
    alt: LocalText | None = None  # the artwork's text alternative: what it shows
    accent: Colour | None = None
    sections: Annotated[tuple[Section, ...], MaxLen(MAX_ITEMS)] = ()
    facts: Annotated[tuple[Fact, ...], MaxLen(MAX_FACTS)] = ()
    lessons: Annotated[tuple[LocalText, ...], MaxLen(MAX_ITEMS)] = ()
    quotes: Annotated[tuple[Id, ...], MaxLen(MAX_QUOTES)] = ()
    sources: Annotated[tuple[LocalText, ...], MaxLen(MAX_ITEMS)] = ()
    # a web address about the case, shown as a QR code on screen and in print (to take home)
    link: Link | None = None
    question: LocalText | None = None
    options: Annotated[tuple[PollOption, ...], MinLen(MIN_OPTIONS), MaxLen(MAX_OPTIONS)] = ()
    show_results: bool = True

    def _rules(self) -> list[Rule]:
        if self.kind == "poll":
            if self.question is None:
                raise ValueError("a poll poster needs a question")
            if not self.options:
                raise ValueError(
                    f"a poll poster needs options ({MIN_OPTIONS} to {MAX_OPTIONS} answers)"
                )
        elif self.question is not None or self.options:
            raise ValueError(
                f"question and options belong to a poll poster (kind: poll), not a {self.kind}"
            )
        return []


@dataclass(frozen=True, kw_only=True)
class Quote(Strict):
    id: Id
    text: LocalText
    speaker: LocalText
    role: LocalText | None = None
    organisation: LocalText | None = None
    city: LocalText | None = None
    posters: tuple[Id, ...] = ()
    source: LocalText | None = None
    # the language the speaker's words were said or written in, when not the gallery's own
    written_in: LangCode | None = None

    def word_count(self, lang: str | None = None, default_lang: str | None = None) -> int:
        return len(self.text.get(lang, default_lang).split())


@dataclass(frozen=True, kw_only=True)
class QuotesFile(Strict):
    quotes: tuple[dict, ...] = ()  # each entry is validated as a Quote on its own


def _each_setting_once(settings: tuple[str, ...]) -> tuple[str, ...]:
    twice = sorted({s for s in settings if settings.count(s) > 1})
    if twice:
        raise ValueError(f"{', '.join(repr(s) for s in twice)} is listed more than once")
    return settings


# The preset's settings that general_guidance may mark as the app's general guidance.
FishbowlSetting = Literal[
    "inner_chairs", "empty_chairs", "turn_seconds", "session_minutes", "warning_seconds", "chime"
]
FISHBOWL_SETTINGS: tuple[str, ...] = get_args(FishbowlSetting)


@dataclass(frozen=True, kw_only=True)
class GeneralGuidance(Strict):
    """fishbowl.yaml's ``general_guidance``: what the preset takes from general guidance for a
    fishbowl (the app's, the organiser's) rather than from the gallery's source, so that it is
    never shown as the source's. ``rules`` are shown after the preset's own rules, under
    ``heading``; ``settings`` names the preset's numbers that are general guidance too."""

    heading: LocalText = LocalText.plain("General guidance (not from the source)")
    rules: LocalText | None = None
    settings: Annotated[
        tuple[FishbowlSetting, ...], MaxLen(len(FISHBOWL_SETTINGS)), After(_each_setting_once)
    ] = ()


@dataclass(frozen=True, kw_only=True)
class FishbowlPreset(Strict):
    """fishbowl.yaml: the discussion the timer starts with."""

    title: LocalText = LocalText.plain("Fishbowl discussion")
    questions: Annotated[tuple[LocalText, ...], MinLen(1)] = (
        LocalText.plain("What would it take to make this work in your city?"),
    )
    inner_chairs: Annotated[int, Ge(2), Le(12)] = 5
    empty_chairs: Annotated[int, Ge(0), Le(11)] = 1
    turn_seconds: Annotated[int, Ge(10), Le(3600)] = 180
    session_minutes: Annotated[int, Ge(1), Le(480)] = 45
    warning_seconds: Annotated[int, Ge(0), Le(3600)] = 30
    chime: bool = True
    rules: LocalText | None = None  # the discussion's rules, as the source gives them
    general_guidance: GeneralGuidance | None = None  # what is not from the source

    def _rules(self) -> list[Rule]:
        return [
            (
                self.empty_chairs >= self.inner_chairs,
                ("empty_chairs", "inner_chairs"),
                f"empty_chairs ({self.empty_chairs}) must be fewer than inner_chairs "
                f"({self.inner_chairs})",
            ),
            (
                self.warning_seconds >= self.turn_seconds,
                ("warning_seconds", "turn_seconds"),
                f"warning_seconds ({self.warning_seconds}) must be less than turn_seconds "
                f"({self.turn_seconds})",
            ),
        ]


@dataclass(frozen=True)
class Gallery:
    """Everything the app shows, assembled by the loader from the content folder."""

    settings: GallerySettings
    posters: tuple[Poster, ...]
    quotes: tuple[Quote, ...]
    fishbowl: FishbowlPreset
    content_dir: Path
    # notes.yaml: the speaker notes by poster id (kiosk.content.notes), for the presenter's console
    notes: Mapping[str, LocalText] = field(default_factory=dict, compare=False)
    # how many posters have errors, in words ('' when none has): the windowed gallery's title
    problems_note: str = field(default="", compare=False)
    _poster_index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._poster_index.update({p.id: i for i, p in enumerate(self.posters)})

    @property
    def default_language(self) -> str:
        return self.settings.default_language

    def index_of(self, poster_id: str) -> int | None:
        return self._poster_index.get(poster_id)

    def poster(self, poster_id: str) -> Poster | None:
        i = self.index_of(poster_id)
        return None if i is None else self.posters[i]

    def notes_for(self, poster_id: str, lang: str | None = None) -> str:
        """The poster's speaker notes in ``lang`` (else the default language); '' if none."""
        note = self.notes.get(poster_id)
        return "" if note is None else note.get(lang, self.default_language)

    def quote(self, quote_id: str) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)

    def quotes_for(self, poster_id: str) -> tuple[Quote, ...]:
        """The poster's own quote list first, then quotes that name the poster."""
        poster = self.poster(poster_id)
        ids: list[str] = list(poster.quotes) if poster else []
        ids += [q.id for q in self.quotes if poster_id in q.posters and q.id not in ids]
        found = (self.quote(i) for i in ids)
        return tuple(q for q in found if q is not None)

    def text(self, value: LocalText | None, lang: str | None = None) -> str:
        return "" if value is None else value.get(lang, self.default_language)
