"""Loading a content folder into a Gallery, collecting every problem on the way.

Nothing here raises for bad content: each file is read, parsed and validated on its own, every
problem is kept with its file, line and column, and whatever is valid still loads. A poster
whose file cannot be read, or lacks a required key, is left out; a wrong optional field is left
out with its error and the poster still shows; a broken reference (a dangling quote id, a
missing image) drops only that reference.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.content import artwork, messages, warnings
from kiosk.content.errors import Problem, Severity
from kiosk.content.files import FISHBOWL_FILE, GALLERY_FILE, POSTERS_DIR, QUOTES_FILE
from kiosk.content.languages import (
    MissingTranslation,
    missing_languages,
    original_language,
    texts_of,
)
from kiosk.content.model import (
    MAX_QUOTES,
    FishbowlPreset,
    Gallery,
    GallerySettings,
    Organisation,
    Poster,
    Quote,
)
from kiosk.content.notes import NOTES_FILE, notes_from
from kiosk.content.result import LoadResult, trouble_text
from kiosk.content.text import Artwork, LocalText, kind_of
from kiosk.content.yamlsafe import Document, Loc, read_document
from kiosk.gcpause import cyclic_gc_paused

MAX_POSTER_FILES = 1000


def load_gallery(
    content_dir: Path, assets_dir: Path | None = None, *, keep_documents: bool = False
) -> LoadResult:
    """Load ``content_dir``; artwork is looked up there first, then in ``assets_dir``.
    ``keep_documents``: keep each file's parsed document (its line marks) in the result."""
    # loading builds a few hundred thousand objects and hardly any reference cycles
    with cyclic_gc_paused():
        return _load(Path(content_dir), assets_dir, keep_documents)


def _load(content_dir: Path, assets_dir: Path | None, keep_documents: bool = False) -> LoadResult:
    roots = [content_dir] + ([Path(assets_dir)] if assets_dir else [])
    docs: list[Document] = []

    settings = _load_settings(content_dir, docs)
    posters, poster_docs = _load_posters(content_dir, docs, artwork.Lookup(roots))
    quotes, quote_docs = _load_quotes(content_dir, docs)
    fishbowl = _load_fishbowl(content_dir, docs)

    gallery_doc = docs[0]
    # posters and quotes left out for their own errors, by id, with their file: what names
    # them gets one follow-on line under that file, not an error of its own per mention
    broken = _broken_posters(posters, poster_docs, docs)
    posters = _order(posters, settings, gallery_doc, poster_docs, broken)
    poster_ids = {p.id for p in posters}
    known_ids = poster_ids | set(broken)
    notes, notes_doc = _load_notes(content_dir, docs, known_ids)
    quotes = _check_quote_refs(quotes, quote_docs, poster_ids, broken)
    quote_ids = {q.id for q in quotes}
    broken_quotes = _broken_quotes(quote_ids, docs)
    posters = [
        _check_poster_quotes(p, poster_docs[p.id], quote_ids, broken_quotes) for p in posters
    ]
    gallery = Gallery(
        settings=settings,
        posters=tuple(posters),
        quotes=tuple(quotes),
        fishbowl=fishbowl,
        content_dir=content_dir,
        notes=notes,
    )
    missing = _check_languages(
        settings, gallery, {d.file: d for d in docs}, quote_docs, poster_docs
    )
    if notes_doc is not None:
        _check_note_languages(settings, notes, notes_doc)
    found = {p for d in docs for p in d.problems}
    # an error and a warning on the same line: the error says it
    errors_at = {(p.file, p.line) for p in found if p.is_error}
    found = {p for p in found if p.is_error or (p.file, p.line) not in errors_at}
    found.update(warnings.collect(content_dir, roots, gallery, {d.file: d for d in docs}))
    for doc in docs:
        if doc.hidden_warnings:
            found.add(
                Problem(
                    doc.file,
                    0,
                    0,
                    f"and {doc.hidden_warnings:,} more "
                    f"{'warning' if doc.hidden_warnings == 1 else 'warnings'} in this file",
                    Severity.WARNING,
                    hidden=doc.hidden_warnings,
                )
            )
    problems = sorted(found, key=_listed)
    kept = {d.file: d for d in docs} if keep_documents else {}
    shown_files = {poster_docs[p.id].file for p in gallery.posters}
    troubled = {p.file for p in problems if p.is_error and p.file.startswith(f"{POSTERS_DIR}/")} - {
        f"{POSTERS_DIR}/"
    }
    shown, left_out = len(troubled & shown_files), len(troubled - shown_files)
    # the windowed gallery says it too (its title bar), for the author previewing
    gallery = replace(gallery, problems_note=trouble_text(shown, left_out))
    return LoadResult(
        gallery,
        problems,
        kept,
        missing,
        posters_shown_with_errors=shown,
        posters_left_out=left_out,
    )


def _listed(p: Problem) -> tuple:
    """The order of the listing: gallery.yaml first, then by file; a follow-on right after
    the problems of the file that caused it; in a file, by line."""
    file = p.after or p.file
    return (
        file != GALLERY_FILE,
        file,
        bool(p.after),
        p.file != GALLERY_FILE,  # (a follow-on's own file: gallery.yaml's first, then by name)
        p.file,
        p.hidden > 0,
        p.line,
        p.col,
        p.message,
    )


def _read(content_dir: Path, name: str, docs: list[Document], required: bool) -> Document | None:
    path = content_dir / name
    try:
        present = path.exists() or path.is_symlink()
    except OSError:
        present = True  # let _inside say why it cannot be read
    if not present:
        doc = Document(name)
        docs.append(doc)
        if required:
            doc.problems.append(Problem(name, 0, 0, "the file is missing"))
        return None
    refused = _inside(content_dir, path)
    if refused:
        doc = Document(name)
        docs.append(doc)
        doc.problems.append(Problem(name, 0, 0, refused))
        return None
    doc = read_document(path, name)
    docs.append(doc)
    # a file that parsed is validated even if the YAML layer found problems, so that the author
    # sees them all at once; the caller leaves it out when it has errors
    return doc if doc.parsed else None


def _inside(content_dir: Path, path: Path) -> str | None:
    """Why ``path`` must not be read (a link out of the content folder, a device, a pipe that
    would block the loader forever), or None when it is a plain file inside the folder."""
    try:
        real = path.resolve(strict=True)
        root = content_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a broken link or cannot be looked up: it was not read"
    if not real.is_relative_to(root):
        return "is a link pointing outside the content folder: it was not read"
    if not real.is_file():
        return "is not a regular file: it was not read"
    return None


def _mapping(doc: Document, what: str) -> dict[str, Any] | None:
    if isinstance(doc.data, dict):
        return doc.data
    doc.problem((), f"{what} must be a mapping of keys to values, not {kind_of(doc.data)}")
    return None


def _load_settings(content_dir: Path, docs: list[Document]) -> GallerySettings:
    fallback = GallerySettings(title=LocalText.plain("Poster gallery"))
    doc = _read(content_dir, GALLERY_FILE, docs, required=True)
    if doc is None or (data := _mapping(doc, "gallery.yaml")) is None:
        return fallback
    # a broken setting falls back to its default; the rest of gallery.yaml still applies
    settings = (
        messages.validate(doc, GallerySettings, data, salvage={"title": "Poster gallery"})
        or fallback
    )
    return _resolve_logos(settings, doc, artwork.Lookup([content_dir]))


def _resolve_logos(
    settings: GallerySettings, doc: Document, lookup: artwork.Lookup
) -> GallerySettings:
    """The organisers' and partners' logos looked up in the content folder and checked like
    any artwork; a logo that cannot be shown is an error, and its organisation is still
    named, without it."""

    def resolve(org: Organisation, loc: tuple) -> Organisation:
        if org.logo is None:
            return org

        def warn(message: str) -> None:
            doc.problem(loc, f"{messages.place_text(loc)} {message}", Severity.WARNING)

        try:
            found = lookup.resolve(org.logo.source, warn)
        except artwork.ArtworkError as exc:
            doc.problem(loc, f"{messages.place_text(loc)} {exc}")
            return org.model_copy(update={"logo": None})
        return org.model_copy(update={"logo": Artwork(org.logo.source, found)})

    return settings.model_copy(
        update={
            key: tuple(resolve(o, (key, i, "logo")) for i, o in enumerate(getattr(settings, key)))
            for key in ("organisers", "partners")
        }
    )


def _poster_files(content_dir: Path, docs: list[Document]) -> list[Path] | None:
    """The poster files to read, in name order; None when the folder itself is refused."""
    folder = content_dir / POSTERS_DIR
    try:
        if not folder.is_dir():
            return []
    except OSError as exc:  # there, but this user may not look inside the content folder
        doc = Document(f"{POSTERS_DIR}/")
        doc.problems.append(Problem(doc.file, 0, 0, f"cannot be read: {exc.strerror or exc}"))
        docs.append(doc)
        return []
    try:
        outside = not folder.resolve(strict=True).is_relative_to(content_dir.resolve(strict=True))
    except (OSError, RuntimeError):
        outside = True
    if outside:
        doc = Document(f"{POSTERS_DIR}/")
        doc.problems.append(
            Problem(
                doc.file, 0, 0, "is a link pointing outside the content folder: it was not read"
            )
        )
        docs.append(doc)
        return None
    try:
        files = sorted(
            (
                p
                for p in folder.iterdir()
                if p.suffix in (".yaml", ".yml") and not p.name.startswith((".", "~", "#"))
            ),
            key=lambda p: p.name,
        )
    except OSError as exc:
        doc = Document(f"{POSTERS_DIR}/")
        doc.problems.append(Problem(doc.file, 0, 0, f"cannot be listed: {exc.strerror or exc}"))
        docs.append(doc)
        return []
    if len(files) > MAX_POSTER_FILES:
        doc = Document(f"{POSTERS_DIR}/")
        doc.problems.append(
            Problem(
                doc.file,
                0,
                0,
                f"{len(files):,} poster files were found: "
                f"only the first {MAX_POSTER_FILES:,} are read",
            )
        )
        docs.append(doc)
    return files[:MAX_POSTER_FILES]


def _load_posters(
    content_dir: Path, docs: list[Document], lookup: artwork.Lookup
) -> tuple[list[Poster], dict[str, Document]]:
    posters: list[Poster] = []
    by_id: dict[str, Document] = {}
    files = _poster_files(content_dir, docs)
    if files is None:
        return posters, by_id
    if not files:
        folder = Document(f"{POSTERS_DIR}/")
        folder.problems.append(Problem(folder.file, 0, 0, "no poster files (*.yaml) were found"))
        docs.append(folder)
    for path in files:
        name = f"{POSTERS_DIR}/{path.name}"
        doc = _read(content_dir, name, docs, required=True)
        if doc is None or (data := _mapping(doc, "a poster file")) is None:
            continue
        # a wrong optional field is left out with its error; the poster still shows
        poster = messages.validate(doc, Poster, data)
        if poster is None:
            if isinstance(data.get("id"), str):
                by_id.setdefault(data["id"], doc)
            continue
        if poster.id in by_id:
            other = by_id[poster.id].file
            doc.problem(("id",), f"the poster id '{poster.id}' is already used by {other}")
            continue
        by_id[poster.id] = doc
        posters.append(_resolve_artwork(poster, doc, lookup))
    return posters, by_id


def _resolve_artwork(poster: Poster, doc: Document, lookup: artwork.Lookup) -> Poster:
    def resolve(art: Any, loc: tuple) -> Any:
        if art is None:
            return None

        def warn(message: str) -> None:
            doc.problem(loc, f"{messages.place_text(loc)} {message}", Severity.WARNING)

        try:
            return Artwork(art.source, lookup.resolve(art.source, warn))
        except artwork.ArtworkError as exc:
            doc.problem(loc, f"{messages.place_text(loc)} {exc}")
            return Artwork(art.source, None)

    sections = tuple(
        s.model_copy(update={"artwork": resolve(s.artwork, ("sections", i, "artwork"))})
        if s.artwork
        else s
        for i, s in enumerate(poster.sections)
    )
    options = tuple(
        o.model_copy(update={"artwork": resolve(o.artwork, ("options", i, "artwork"))})
        if o.artwork
        else o
        for i, o in enumerate(poster.options)
    )
    return poster.model_copy(
        update={
            "artwork": resolve(poster.artwork, ("artwork",)),
            "sections": sections,
            "options": options,
        }
    )


def _load_quotes(
    content_dir: Path, docs: list[Document]
) -> tuple[list[Quote], dict[str, tuple[Document, int]]]:
    quotes: list[Quote] = []
    where: dict[str, tuple[Document, int]] = {}
    doc = _read(content_dir, QUOTES_FILE, docs, required=False)
    if doc is None or (data := _mapping(doc, "quotes.yaml")) is None:
        return quotes, where
    unknown = [k for k in data if k != "quotes"]
    for key in unknown:
        doc.problem(
            (key,),
            f"unknown key '{key}' (quotes.yaml holds one key, 'quotes'); it is ignored",
            Severity.WARNING,
        )
    entries = data.get("quotes")
    if entries is None:
        return quotes, where
    if not isinstance(entries, list):
        doc.problem(("quotes",), f"quotes must be a list, not {kind_of(entries)}")
        return quotes, where
    if len(entries) > MAX_QUOTES:
        doc.problem(
            ("quotes",),
            f"quotes has {len(entries):,} entries, over the limit of "
            f"{MAX_QUOTES}: only the first {MAX_QUOTES} are read",
        )
        entries = entries[:MAX_QUOTES]
    for i, entry in enumerate(entries):
        quote = messages.validate(doc, Quote, entry, base=("quotes", i))
        if quote is None:
            continue
        if quote.id in where:
            first = doc.where(("quotes", where[quote.id][1], "id"))[0]
            doc.problem(
                ("quotes", i, "id"), f"the quote id '{quote.id}' is already used (line {first})"
            )
            continue
        where[quote.id] = (doc, i)
        quotes.append(quote)
    return quotes, where


def _load_fishbowl(content_dir: Path, docs: list[Document]) -> FishbowlPreset:
    doc = _read(content_dir, FISHBOWL_FILE, docs, required=False)
    if doc is None or (data := _mapping(doc, "fishbowl.yaml")) is None:
        return FishbowlPreset()
    return messages.validate(doc, FishbowlPreset, data, salvage={}) or FishbowlPreset()


def _load_notes(
    content_dir: Path, docs: list[Document], poster_ids: set[str]
) -> tuple[dict[str, LocalText], Document | None]:
    """notes.yaml (optional): the speaker notes of the posters that exist."""
    doc = _read(content_dir, NOTES_FILE, docs, required=False)
    if doc is None:
        return {}, None
    return notes_from(doc, poster_ids), doc


def _check_note_languages(
    settings: GallerySettings, notes: dict[str, LocalText], doc: Document
) -> None:
    default = settings.default_language
    for key, text in notes.items():
        if text.languages and default not in text.languages:
            doc.problem(
                (key,),
                f"the notes of '{key}' have no '{default}' text, the gallery's default language",
                Severity.WARNING,
            )


def _order(
    posters: list[Poster],
    settings: GallerySettings,
    gallery_doc: Document,
    poster_docs: dict[str, Document],
    broken: dict[str, str],
) -> list[Poster]:
    if settings.posters is None:
        return posters
    by_id = {p.id for p in posters}
    ordered: list[Poster] = []
    seen: set[str] = set()
    follow: dict[str, list[Loc]] = {}
    for i, pid in enumerate(settings.posters):
        loc = ("posters", i)
        where = messages.place_text(loc)
        if pid in seen:
            gallery_doc.problem(loc, f"{where} lists '{pid}' a second time", prefer_key=False)
            continue
        seen.add(pid)
        if pid in by_id:
            ordered.append(next(p for p in posters if p.id == pid))
        elif pid in broken:
            follow.setdefault(broken[pid], []).append(loc)
        elif pid not in poster_docs:
            gallery_doc.problem(
                loc,
                f"{where} names the poster '{pid}', which does not exist",
                prefer_key=False,
            )
    for cause, locs in follow.items():
        _follow_on(gallery_doc, cause, locs, "poster in this list", "posters in this list")
    for poster in posters:
        if poster.id not in seen:
            doc = poster_docs[poster.id]
            doc.problem(
                ("id",),
                f"the poster '{poster.id}' is not in gallery.yaml's posters list; "
                "it is shown at the end",
                Severity.WARNING,
            )
            ordered.append(poster)
    return ordered


def _broken_posters(
    posters: list[Poster], poster_docs: dict[str, Document], docs: list[Document]
) -> dict[str, str]:
    """The ids of the posters left out for their own errors, with their files: the id of a
    file that lacked a required key, or the id written in a file that is not valid YAML."""
    loaded = {p.id for p in posters}
    broken = {pid: d.file for pid, d in poster_docs.items() if pid not in loaded}
    for doc in docs:
        if doc.file.startswith(f"{POSTERS_DIR}/") and not doc.parsed and doc.ids_seen:
            broken.setdefault(doc.ids_seen[0], doc.file)
    return broken


def _broken_quotes(quote_ids: set[str], docs: list[Document]) -> dict[str, str]:
    """The ids of the quotes of quotes.yaml left out for their own errors."""
    doc = next((d for d in docs if d.file == QUOTES_FILE), None)
    if doc is None or doc.ok:
        return {}
    # the ids of entries that failed the schema, and those written in entries that are not
    # valid YAML (ids_seen: `id: ...` lines of a file that did not parse as a whole)
    ids: list[object] = list(doc.ids_seen)
    if doc.parsed and isinstance(doc.data, dict) and isinstance(doc.data.get("quotes"), list):
        ids += [e.get("id") for e in doc.data["quotes"] if isinstance(e, dict)]
    return {i: QUOTES_FILE for i in ids if isinstance(i, str) and i not in quote_ids}


def _follow_on(doc: Document, cause: str, locs: list[Loc], one: str, many: str) -> None:
    """One line for every mention of what ``cause``'s errors left out, listed under it:
    "because posters/40-lisbon.yaml has errors, 10 quotes that name it are left out"."""
    lines = sorted({doc.where(loc, prefer_key=False)[0] for loc in locs})
    at = ""
    if len(lines) > 1:
        shown_lines = ", ".join(str(n) for n in lines[:6]) + (", …" if len(lines) > 6 else "")
        at = f" (lines {shown_lines})"
    n = len(locs)
    what = f"{n} {one if n == 1 else many}"
    verb = "is" if n == 1 else "are"
    line, col = doc.where(locs[0], prefer_key=False)
    doc.problems.append(
        Problem(
            doc.file,
            line,
            col,
            f"because {cause} has errors, {what} {verb} left out{at}",
            Severity.WARNING,
            after=cause,
        )
    )


def _check_quote_refs(
    quotes: list[Quote],
    where: dict[str, tuple[Document, int]],
    poster_ids: set[str],
    broken: dict[str, str],
) -> list[Quote]:
    checked = []
    follow: dict[str, tuple[Document, list[Loc]]] = {}
    for quote in quotes:
        doc, i = where[quote.id]
        keep = []
        for j, pid in enumerate(quote.posters):
            loc = ("quotes", i, "posters", j)
            if pid in poster_ids:
                keep.append(pid)
            elif pid in broken:
                follow.setdefault(broken[pid], (doc, []))[1].append(loc)
            else:
                doc.problem(
                    loc,
                    f"{messages.place_text(loc)} names the poster '{pid}', which does not exist",
                    prefer_key=False,
                )
        checked.append(
            quote
            if len(keep) == len(quote.posters)
            else quote.model_copy(update={"posters": tuple(keep)})
        )
    for cause, (doc, locs) in follow.items():
        _follow_on(doc, cause, locs, "quote that names it", "quotes that name it")
    return checked


def _check_poster_quotes(
    poster: Poster, doc: Document, quote_ids: set[str], broken: dict[str, str]
) -> Poster:
    keep = []
    follow: dict[str, list[Loc]] = {}
    for j, qid in enumerate(poster.quotes):
        loc = ("quotes", j)
        if qid in quote_ids:
            keep.append(qid)
        elif qid in broken:
            follow.setdefault(broken[qid], []).append(loc)
        else:
            doc.problem(
                loc,
                f"{messages.place_text(loc)} names the quote '{qid}', which does not exist",
                prefer_key=False,
            )
    for cause, locs in follow.items():
        _follow_on(doc, cause, locs, "quote this poster names", "quotes this poster names")
    if len(keep) == len(poster.quotes):
        return poster
    return poster.model_copy(update={"quotes": tuple(keep)})


def _check_languages(
    settings: GallerySettings,
    gallery: Gallery,
    docs: dict[str, Document],
    quote_docs: dict[str, tuple[Document, int]],
    poster_docs: dict[str, Document],
) -> tuple[MissingTranslation, ...]:
    """Warn where a language map lacks the default language (it would fall back silently);
    return the texts that lack a translation into one of the gallery's languages."""
    default = settings.default_language
    written_in = settings.original_language
    targets: list[tuple[Document, tuple, Any, str]] = [
        (docs[GALLERY_FILE], (), settings, written_in)
    ]
    targets += [(poster_docs[p.id], (), p, written_in) for p in gallery.posters]
    targets += [
        (quote_docs[q.id][0], ("quotes", quote_docs[q.id][1]), q, original_language(gallery, q))
        for q in gallery.quotes
    ]
    if FISHBOWL_FILE in docs:
        targets.append((docs[FISHBOWL_FILE], (), gallery.fishbowl, written_in))
    languages = settings.languages if len(settings.languages) > 1 else ()
    missing: list[MissingTranslation] = []
    for doc, base, obj, original in targets:
        for item in texts_of(obj, base):
            text, loc = item.text, item.loc
            if text.languages and default not in text.languages:
                doc.problem(
                    loc,
                    f"{messages.place_text(loc)} has no '{default}' text, the "
                    "gallery's default language",
                    Severity.WARNING,
                )
            if lacking := missing_languages(item, languages, original):
                line, name = doc.where(loc)[0], messages.path_text(loc)
                missing += [MissingTranslation(doc.file, line, name, lang) for lang in lacking]
    return tuple(sorted(missing))
