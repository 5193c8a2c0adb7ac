"""The content model: typed, immutable, plain Python (pydantic, no Qt).

One class per kind of YAML file: GallerySettings (gallery.yaml), Poster (posters/*.yaml),
Quote (quotes.yaml), FishbowlPreset (fishbowl.yaml); and Gallery, which the loader assembles
from all of them. docs/content.md documents every field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

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

Number = Annotated[float, Field(strict=False, allow_inf_nan=False)]

# Limits far above any real poster (the default gallery's largest has 10 sections, 14 facts), low
# enough that a poster page builds in a blink: a file of 1,500 facts froze the kiosk for seconds.
MAX_ITEMS = 40  # sections, paragraphs, bullets, lessons, sources, organisers, credits...
MAX_FACTS = 60
MAX_QUOTES = 500  # quotes in quotes.yaml, and quote ids listed by one poster


def _num(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5': a number as the author wrote it."""
    return f"{value:g}"


def check_rules(model: BaseModel, rules: list[tuple[bool, tuple[str, ...], str]]) -> None:
    """Rules across fields, all checked at once: each broken rule is an error of its own, at
    the first of its fields that the file gives (else the first), so that the author sees
    every one at its line in one run. ``rules``: (broken, fields, message)."""
    given = model.model_fields_set
    errors = [
        InitErrorDetails(
            type=PydanticCustomError("rule", message),
            loc=(field := next((f for f in fields if f in given), fields[0]),),
            input=getattr(model, field),
        )
        for broken, fields, message in rules
        if broken
    ]
    if errors:
        raise ValidationError.from_exception_data(type(model).__name__, errors)


class Strict(BaseModel):
    """Base of every model: unknown keys refused (the loader makes them warnings).

    Text, ids, colours and fact values have strict types of their own (kiosk.content.text), so
    YAML 1.1 surprises are caught where text is wanted; lists are accepted for tuples.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(Strict):
    name: ThemeName = "dark_teal.xml"
    accent: Colour | None = None


class Credit(Strict):
    role: LocalText
    names: tuple[LocalText, ...] = Field(min_length=1, max_length=MAX_ITEMS)


class Organisation(Strict):
    """An organiser or a partner: its name, and optionally a short name (an acronym the source
    itself uses), a logo (a picture in the content folder) and the logo's text alternative.
    Plain text is a name alone, as in older content."""

    name: LocalText
    short: LocalText | None = None
    logo: Artwork | None = None
    alt: LocalText | None = None  # what the logo shows, for a screen reader

    @model_validator(mode="before")
    @classmethod
    def _plain_text_is_a_name(cls, value: Any) -> Any:
        # a mapping with none of these keys is a name in several languages ({en: .., fr: ..})
        if isinstance(value, str) or (
            isinstance(value, dict) and value and not set(value) & set(cls.model_fields)
        ):
            return {"name": value}
        if not isinstance(value, dict | Organisation):
            raise PydanticCustomError(
                "organisation_type",
                "must be a name, or a mapping with name (and short, logo, alt), not {kind}",
                {"kind": kind_of(value)},
            )
        return value


class IdleSettings(Strict):
    timeout_seconds: int = Field(default=90, ge=10, le=86400)
    warning_seconds: int = Field(default=10, ge=1, le=600)


class AttractSettings(Strict):
    enabled: bool = True
    prompt: LocalText | None = None  # None: the interface's "Touch to explore", translated
    seconds_per_slide: Annotated[float, Field(strict=False, ge=2, le=120, allow_inf_nan=False)] = 8


class CarouselSettings(Strict):
    interval_seconds: (
        Annotated[float, Field(strict=False, ge=3, le=300, allow_inf_nan=False)] | None
    ) = None
    words_per_second: Annotated[float, Field(strict=False, ge=0.5, le=20, allow_inf_nan=False)] = 4
    extra_seconds: Annotated[float, Field(strict=False, ge=0, le=60, allow_inf_nan=False)] = 3
    min_seconds: Annotated[float, Field(strict=False, ge=1, le=600, allow_inf_nan=False)] = 8
    max_seconds: Annotated[float, Field(strict=False, ge=1, le=600, allow_inf_nan=False)] = 45

    @model_validator(mode="after")
    def _bounds(self) -> CarouselSettings:
        check_rules(
            self,
            [
                (
                    self.min_seconds > self.max_seconds,
                    ("min_seconds", "max_seconds"),
                    f"min_seconds ({_num(self.min_seconds)}) must not be more than max_seconds "
                    f"({_num(self.max_seconds)})",
                )
            ],
        )
        return self

    def dwell_seconds(self, words: int) -> float:
        """How long a quote of ``words`` words stays on screen."""
        if self.interval_seconds is not None:
            return self.interval_seconds
        raw = words / self.words_per_second + self.extra_seconds
        return max(self.min_seconds, min(self.max_seconds, raw))


class AnalyticsSettings(Strict):
    """What the kiosk records of its visitors (docs/analytics.md): on or off, how long it keeps
    it, and the most disk it may take."""

    enabled: bool = True
    retention_days: int = Field(default=90, ge=1, le=3650)
    max_megabytes: int = Field(default=64, ge=1, le=10_000)


class PresenterSettings(Strict):
    """gallery.yaml's ``presenter``: the talk's length for the console's countdown (none: the
    console counts up only), and how long before the end it turns to its warning."""

    talk_minutes: int | None = Field(default=None, ge=1, le=600)
    warning_minutes: int = Field(default=2, ge=1, le=60)


class GallerySettings(Strict):
    """gallery.yaml: the event and the app's settings for it."""

    title: LocalText
    subtitle: LocalText | None = None
    date: Annotated[dt.date, Field(strict=False)] | None = None
    place: LocalText | None = None
    organisers: tuple[Organisation, ...] = Field(default=(), max_length=MAX_ITEMS)
    partners: tuple[Organisation, ...] = Field(default=(), max_length=MAX_ITEMS)
    credits: tuple[Credit, ...] = Field(default=(), max_length=MAX_ITEMS)
    languages: tuple[LangCode, ...] = Field(default=("en",), min_length=1, max_length=MAX_ITEMS)
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


class Section(Strict):
    heading: LocalText
    kind: SectionKind = "other"
    paragraphs: tuple[LocalText, ...] = Field(default=(), max_length=MAX_ITEMS)
    bullets: tuple[LocalText, ...] = Field(default=(), max_length=MAX_ITEMS)
    artwork: Artwork | None = None
    alt: LocalText | None = None  # the artwork's text alternative: what it shows
    caption: LocalText | None = None


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


class PollOption(Strict):
    """One answer of a poll poster: its words and, optionally, a picture beside them."""

    label: LocalText
    artwork: Artwork | None = None
    alt: LocalText | None = None  # what the artwork shows, for a screen reader


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
    sections: tuple[Section, ...] = Field(default=(), max_length=MAX_ITEMS)
    facts: tuple[Fact, ...] = Field(default=(), max_length=MAX_FACTS)
    lessons: tuple[LocalText, ...] = Field(default=(), max_length=MAX_ITEMS)
    quotes: tuple[Id, ...] = Field(default=(), max_length=MAX_QUOTES)
    sources: tuple[LocalText, ...] = Field(default=(), max_length=MAX_ITEMS)
    # a web address about the case, shown as a QR code on screen and in print (to take home)
    link: Link | None = None
    question: LocalText | None = None
    options: tuple[PollOption, ...] = Field(
        default=(), min_length=MIN_OPTIONS, max_length=MAX_OPTIONS
    )
    show_results: bool = True

    @model_validator(mode="after")
    def _poll_fields(self) -> Poster:
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
        return self


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


class QuotesFile(Strict):
    quotes: tuple[dict, ...] = ()  # each entry is validated as a Quote on its own


# The preset's settings that general_guidance may mark as the app's general guidance.
FishbowlSetting = Literal[
    "inner_chairs", "empty_chairs", "turn_seconds", "session_minutes", "warning_seconds", "chime"
]
FISHBOWL_SETTINGS: tuple[str, ...] = get_args(FishbowlSetting)


class GeneralGuidance(Strict):
    """fishbowl.yaml's ``general_guidance``: what the preset takes from general guidance for a
    fishbowl (the app's, the organiser's) rather than from the gallery's source, so that it is
    never shown as the source's. ``rules`` are shown after the preset's own rules, under
    ``heading``; ``settings`` names the preset's numbers that are general guidance too."""

    heading: LocalText = LocalText.plain("General guidance (not from the source)")
    rules: LocalText | None = None
    settings: tuple[FishbowlSetting, ...] = Field(default=(), max_length=len(FISHBOWL_SETTINGS))

    @field_validator("settings")
    @classmethod
    def _each_setting_once(cls, settings: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({s for s in settings if settings.count(s) > 1})
        if twice:
            raise ValueError(f"{', '.join(repr(s) for s in twice)} is listed more than once")
        return settings


class FishbowlPreset(Strict):
    """fishbowl.yaml: the discussion the timer starts with."""

    title: LocalText = LocalText.plain("Fishbowl discussion")
    questions: tuple[LocalText, ...] = Field(
        default=(LocalText.plain("What would it take to make this work in your city?"),),
        min_length=1,
    )
    inner_chairs: int = Field(default=5, ge=2, le=12)
    empty_chairs: int = Field(default=1, ge=0, le=11)
    turn_seconds: int = Field(default=180, ge=10, le=3600)
    session_minutes: int = Field(default=45, ge=1, le=480)
    warning_seconds: int = Field(default=30, ge=0, le=3600)
    chime: bool = True
    rules: LocalText | None = None  # the discussion's rules, as the source gives them
    general_guidance: GeneralGuidance | None = None  # what is not from the source

    @model_validator(mode="after")
    def _consistent(self) -> FishbowlPreset:
        check_rules(
            self,
            [
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
            ],
        )
        return self


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
