"""The starter gallery of ``kiosk new``: the text of each file, commented for an organiser.

Every visible text is a placeholder that says what to write there ("Your case's title"), in each
language asked for; the one sentence that is not (the fishbowl's rules) is the default content's
own, from the report. No fact, figure, name or quote is made up: the starter validates clean and
renders, and shows where each piece of the organiser's own content goes.
"""

from __future__ import annotations

STARTER_LANGUAGES = ("en", "fr", "es")  # the languages the placeholders are written in

# each placeholder in the starter's languages: (en, fr, es)
PHRASES: dict[str, tuple[str, str, str]] = {
    "event_title": ("Your event's title", "Le titre de votre événement", "El título de su evento"),
    "event_subtitle": (
        "A second line under the title",
        "Une deuxième ligne sous le titre",
        "Una segunda línea bajo el título",
    ),
    "place": ("Where the event takes place", "Le lieu de l'événement", "El lugar del evento"),
    "credit_role": ("Texts", "Textes", "Textos"),
    "organisation": ("Your organisation", "Votre organisation", "Su organización"),
    "person": ("Your name", "Votre nom", "Su nombre"),
    "speaker": ("The speaker's name", "Le nom de la personne", "El nombre de la persona"),
    "intro_title": ("Welcome", "Bienvenue", "Bienvenida"),
    "intro_tagline": (
        "One sentence that says what the gallery is about",
        "Une phrase qui dit de quoi parle la galerie",
        "Una frase que dice de qué trata la galería",
    ),
    "intro_heading": ("About this event", "À propos de cet événement", "Sobre este evento"),
    "intro_paragraph": (
        "A paragraph that introduces the event: who met, where and why. Replace this text with "
        "your own; a blank line in a block starts a new paragraph.",
        "Un paragraphe qui présente l'événement : qui s'est réuni, où et pourquoi. Remplacez ce "
        "texte par le vôtre ; une ligne vide dans un bloc commence un nouveau paragraphe.",
        "Un párrafo que presenta el evento: quién se reunió, dónde y por qué. Sustituya este "
        "texto por el suyo; una línea en blanco en un bloque empieza un nuevo párrafo.",
    ),
    "case_title": ("Your case's title", "Le titre de votre cas", "El título de su caso"),
    "case2_title": (
        "Your second case's title",
        "Le titre de votre deuxième cas",
        "El título de su segundo caso",
    ),
    "city": ("Your city", "Votre ville", "Su ciudad"),
    "country": ("Your country", "Votre pays", "Su país"),
    "case_tagline": (
        "One sentence that sums up the case",
        "Une phrase qui résume le cas",
        "Una frase que resume el caso",
    ),
    "alt": (
        "A placeholder picture of two overlapping circles: replace it with your own",
        "Une image provisoire de deux cercles qui se chevauchent : remplacez-la par la vôtre",
        "Una imagen provisional de dos círculos superpuestos: sustitúyala por la suya",
    ),
    "background_heading": ("Background", "Contexte", "Contexto"),
    "background_paragraph": (
        "What the place was like before, and what needed to change. Keep a paragraph to a few "
        "sentences: a visitor reads it standing.",
        "Ce qu'était le lieu avant, et ce qui devait changer. Gardez un paragraphe court : un "
        "visiteur le lit debout.",
        "Cómo era el lugar antes y qué debía cambiar. Mantenga cada párrafo breve: un visitante "
        "lo lee de pie.",
    ),
    "measures_heading": ("What was done", "Ce qui a été fait", "Lo que se hizo"),
    "bullet_one": ("A first measure", "Une première mesure", "Una primera medida"),
    "bullet_two": ("A second measure", "Une deuxième mesure", "Una segunda medida"),
    "fact_value": ("Your figure", "Votre chiffre", "Su cifra"),
    "fact_label": (
        "What the figure counts",
        "Ce que le chiffre compte",
        "Lo que cuenta la cifra",
    ),
    "lesson": (
        "A lesson other cities can take home",
        "Une leçon que d'autres villes peuvent retenir",
        "Una lección que otras ciudades pueden llevarse",
    ),
    "source": (
        "Where this poster's content comes from",
        "D'où vient le contenu de cette affiche",
        "De dónde viene el contenido de este cartel",
    ),
    "quote_text": (
        "The speaker's words, exactly as they were said or written.",
        "Les mots de la personne, exactement comme elle les a dits ou écrits.",
        "Las palabras de la persona, tal como las dijo o escribió.",
    ),
    "quote2_text": (
        "A second quote, on the second case.",
        "Une deuxième citation, sur le deuxième cas.",
        "Una segunda cita, sobre el segundo caso.",
    ),
    "role": ("The speaker's role", "Le rôle de la personne", "El cargo de la persona"),
    "fishbowl_title": ("Fishbowl discussion", "Discussion en aquarium", "Discusión en pecera"),
    "question": (
        "Your question for the discussion?",
        "Votre question pour la discussion ?",
        "¿Su pregunta para la discusión?",
    ),
    # the default content's own sentence on the fishbowl (content/fishbowl.yaml, the report's)
    "rules": (
        "In a fishbowl, the main speakers sit in a circle and have a conversation in full view "
        'of a larger group of listeners. The "public" can also be included in this small group '
        "discussion.",
        "Dans une discussion en aquarium (fishbowl), les principaux intervenants sont assis en "
        "cercle et conversent sous les yeux d’un groupe plus large d’auditeurs. "
        "Le «\u00a0public\u00a0» peut aussi prendre part à cette discussion en petit groupe.",
        "En una discusión en pecera (fishbowl), los principales ponentes se sientan en círculo y "
        "conversan a la vista de un grupo más amplio de oyentes. El «público» también puede "
        "participar en esta discusión en grupo pequeño.",
    ),
}

# a picture of plain shapes (no text, no clipPath: Qt draws SVG Tiny), to replace
PLACEHOLDER_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500" viewBox="0 0 800 500">
  <title>Placeholder picture</title>
  <rect width="800" height="500" fill="#263238"/>
  <circle cx="330" cy="250" r="150" fill="#26a69a" fill-opacity="0.85"/>
  <circle cx="470" cy="250" r="150" fill="#ffca28" fill-opacity="0.75"/>
</svg>
"""


class StarterError(ValueError):
    """A ``--lang`` list the starter cannot write."""


def parse_languages(text: str) -> tuple[str, ...]:
    """``"en,fr"`` -> ``("en", "fr")``: known starter languages, each once, at least one."""
    codes = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not codes:
        raise StarterError("--lang needs at least one language code, such as en or en,fr,es")
    unknown = [c for c in codes if c not in STARTER_LANGUAGES]
    if unknown:
        raise StarterError(
            f"--lang: the starter has no text in {', '.join(repr(c) for c in unknown)}; "
            f"choose among {', '.join(STARTER_LANGUAGES)} (another language can be added "
            "afterwards: docs/content.md, 'Adding a language')"
        )
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise StarterError(f"--lang names {', '.join(repeated)} more than once")
    return tuple(codes)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (safe whatever the text holds: colons, quotes, #)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _phrase(key: str, lang: str) -> str:
    return PHRASES[key][STARTER_LANGUAGES.index(lang)]


class _Writer:
    """Renders placeholders as plain text (one language) or as a map per language."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages

    def field(self, key: str, phrase: str, indent: int = 0, block: bool = False) -> str:
        """``key: text`` at ``indent`` spaces; ``block``: folded block text (``>-``)."""
        pad = " " * indent
        # the key of "- key" (a list item's first key) sits two columns further in
        inner = indent + (2 if key.startswith("- ") else 0)
        if len(self.languages) == 1:
            return f"{pad}{key}:{self._value(phrase, self.languages[0], inner, block)}"
        lines = [f"{pad}{key}:"]
        for lang in self.languages:
            lines.append(f"{' ' * (inner + 2)}{lang}:{self._value(phrase, lang, inner + 2, block)}")
        return "\n".join(lines)

    def item(self, phrase: str, indent: int = 0, block: bool = False) -> str:
        """A list item ``- text`` at ``indent`` spaces."""
        pad = " " * indent
        if len(self.languages) == 1:
            return f"{pad}-{self._value(phrase, self.languages[0], indent, block)}"
        first, *rest = self.languages
        lines = [f"{pad}- {first}:{self._value(phrase, first, indent + 2, block)}"]
        for lang in rest:
            lines.append(f"{pad}  {lang}:{self._value(phrase, lang, indent + 2, block)}")
        return "\n".join(lines)

    @staticmethod
    def _value(phrase: str, lang: str, indent: int, block: bool) -> str:
        text = _phrase(phrase, lang)
        if not block:
            return " " + quoted(text)
        return " >-\n" + _wrap(text, " " * (indent + 2))


def _wrap(text: str, pad: str, width: int = 96) -> str:
    """Folded block text: lines of at most ``width`` characters (a single newline is a space)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):  # spaces only: a no-break space stays inside its line
        if line and len(pad) + len(line) + 1 + len(word) > width:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return "\n".join(lines)


def starter_files(languages: tuple[str, ...]) -> dict[str, str]:
    """The starter gallery, file name (relative to the new folder) -> text."""
    w = _Writer(languages)
    files = {
        "gallery.yaml": _gallery(w),
        "posters/introduction.yaml": _introduction(w),
        "posters/first-case.yaml": _case(w, "first-case", "case_title", "first-quote"),
        "posters/second-case.yaml": _case(w, "second-case", "case2_title", "second-quote"),
        "quotes.yaml": _quotes(w),
        "fishbowl.yaml": _fishbowl(w),
    }
    return {name: text.rstrip("\n") + "\n" for name, text in files.items()}


def starter_pictures() -> dict[str, str]:
    """The starter's pictures (SVG text), file name -> text."""
    return {"images/placeholder.svg": PLACEHOLDER_SVG}


def _languages_comment(languages: tuple[str, ...]) -> str:
    if len(languages) == 1:
        return (
            "# Texts are plain text in one language. For more, list them here and give each\n"
            "# text one entry per language (docs/content.md, 'Text and languages').\n"
        )
    return (
        "# Each text has one entry per language; the first language is the default, shown\n"
        "# where a text has no entry for the visitor's language.\n"
    )


def _written_in(languages: tuple[str, ...]) -> list[str]:
    """With several languages: which one the texts are first written in (a quote shown in
    another is marked as a translation)."""
    if len(languages) == 1:
        return []
    return [
        "# The language your texts are first written in; the others are translations of it, and",
        "# a quote shown in another language is marked as one (docs/content.md).",
        f"written_in: {languages[0]}",
    ]


def _gallery(w: _Writer) -> str:
    langs = ", ".join(w.languages)
    return "\n".join(
        [
            "# The event. Replace every text in quotes with your own; keep the keys (the words",
            "# before the colons) as they are. Check your work with: kiosk validate THIS-FOLDER",
            "# The whole schema: docs/content.md. A guide for organisers: docs/authoring.md.",
            "",
            w.field("title", "event_title"),
            w.field("subtitle", "event_subtitle"),
            "# date: 2025-01-31        # when the event took place (year-month-day); remove the #",
            w.field("place", "place"),
            "",
            "# The organisations behind the event (see docs/content.md for logos). A name may be",
            "# written once, as plain text, when it is the same in every language.",
            "organisers:",
            w.field("- name", "organisation", 2),
            "",
            "credits:",
            w.field("- role", "credit_role", 2),
            "    names:",
            w.item("person", 6),
            "",
            _languages_comment(w.languages).rstrip("\n"),
            f"languages: [{langs}]",
            *_written_in(w.languages),
            "",
            "# The look: a qt-material theme (dark_teal.xml, light_blue.xml, dark_amber.xml, ...;",
            "# every name is listed in docs/authoring.md) and, optionally, an accent colour.",
            "theme:",
            "  name: dark_teal.xml",
            '  # accent: "#ffca28"     # a colour as "#rrggbb", in quotes (a # starts a comment)',
            "",
            "# The order of the posters: the ids written in posters/*.yaml.",
            "posters:",
            "  - introduction",
            "  - first-case",
            "  - second-case",
        ]
    )


def _introduction(w: _Writer) -> str:
    return "\n".join(
        [
            "# The first poster: what the event was about. One poster per file in posters/.",
            "id: introduction         # lower-case letters, digits and hyphens; unique",
            "kind: introduction       # introduction, case or discussion",
            w.field("title", "intro_title"),
            w.field("tagline", "intro_tagline"),
            "artwork: images/placeholder.svg",
            w.field("alt", "alt"),
            "",
            "sections:",
            w.field("- heading", "intro_heading", 2),
            "    kind: background",
            "    # A paragraph as block text: '>-' folds the lines below into one paragraph,",
            "    # so no quotes are needed, whatever the text holds (colons, quotes, #).",
            "    paragraphs:",
            w.item("intro_paragraph", 6, block=True),
        ]
    )


def _case(w: _Writer, poster_id: str, title: str, quote_id: str) -> str:
    return "\n".join(
        [
            "# A case: one city's story, its key figures and its lessons.",
            f"id: {poster_id}",
            "kind: case",
            w.field("title", title),
            w.field("city", "city"),
            w.field("country", "country"),
            w.field("tagline", "case_tagline"),
            "",
            "# A picture in this folder (SVG, PNG, JPEG or WebP), with a path that uses / even on",
            "# Windows, and 'alt': what the picture shows, for a visitor who cannot see it.",
            "artwork: images/placeholder.svg",
            w.field("alt", "alt"),
            "",
            "sections:",
            w.field("- heading", "background_heading", 2),
            "    kind: background",
            "    paragraphs:",
            w.item("background_paragraph", 6, block=True),
            w.field("- heading", "measures_heading", 2),
            "    kind: measures",
            "    bullets:",
            w.item("bullet_one", 6),
            w.item("bullet_two", 6),
            "",
            "# Key figures, shown as big numbers. Write each value exactly as it should read, in",
            '# quotes: "2,500", "23%". Only figures from your source.',
            "facts:",
            w.field("- value", "fact_value", 2),
            w.field("label", "fact_label", 4),
            "",
            "lessons:",
            w.item("lesson", 2),
            "",
            "# The quotes shown on this poster: ids from quotes.yaml.",
            f"quotes: [{quote_id}]",
            "",
            "sources:",
            w.item("source", 2),
        ]
    )


def _quotes(w: _Writer) -> str:
    def quote(quote_id: str, text: str, poster: str) -> list[str]:
        return [
            f"  - id: {quote_id}",
            w.field("text", text, 4, block=True),
            w.field("speaker", "speaker", 4),
            w.field("role", "role", 4),
            f"    posters: [{poster}]",
        ]

    return "\n".join(
        [
            "# The speakers' quotes, word for word. The carousel shows them in this order.",
            "# A quote's 'posters' are the posters it is shown on. A person's name reads the same",
            "# in every language: write it once, as plain text (speaker: Ana Lopes).",
            "quotes:",
            *quote("first-quote", "quote_text", "first-case"),
            "",
            *quote("second-quote", "quote2_text", "second-case"),
        ]
    )


def _fishbowl(w: _Writer) -> str:
    return "\n".join(
        [
            "# The fishbowl discussion timer (kiosk fishbowl). Times are whole numbers.",
            w.field("title", "fishbowl_title"),
            "questions:",
            w.item("question", 2),
            "",
            "inner_chairs: 5          # chairs in the inner circle",
            "empty_chairs: 1          # of which kept free for the audience",
            "turn_seconds: 180        # time per turn",
            "session_minutes: 45      # time for the whole session",
            "warning_seconds: 30      # the warning before a turn ends",
            "chime: true",
            "",
            w.field("rules", "rules", block=True),
        ]
    )
