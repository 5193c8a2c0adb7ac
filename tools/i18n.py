"""The interface's catalogues: find every marked string in kiosk/ and bring each
assets/locale/<lang>.po up to date with them.

    python -m tools.i18n            # write assets/locale/kiosk.pot, merge it into every .po
    python -m tools.i18n --check    # list what is untranslated; exit 1 if anything is
    python -m tools.i18n --add pt   # start a catalogue for a new language (docs/content.md)

A marked string is a literal first argument of ``N_("...")``, ``<anything>.tr("...")`` or
``<anything>.ntr("...", "...", n)`` (kiosk.i18n), of ``tr``/``ntr`` called by name, or of
``<translator>.gettext`` / ``.ngettext`` (pure code handed a kiosk.i18n.Translator).
Merging keeps every translation of a string still in use, adds new strings with an empty
translation (shown in English until translated) and drops strings no longer in the code.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.i18n import PoEntry, read_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "kiosk"
LOCALE = ROOT / "assets" / "locale"

PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
}
"""How each language forms plurals (gettext's Plural-Forms header); two forms otherwise."""


@dataclass
class Marked:
    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)


@dataclass
class Problem:
    where: str
    what: str


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _kind(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in ("N_", "tr", "ntr"):
        return func.id  # (``tr = ctx.tr`` in a function that says it often)
    if isinstance(func, ast.Attribute) and func.attr in ("tr", "ntr", "gettext", "ngettext"):
        return {"gettext": "tr", "ngettext": "ntr"}.get(func.attr, func.attr)
    return None


def extract(folder: Path = SOURCE) -> tuple[dict[str, Marked], list[Problem]]:
    """Every marked string under ``folder`` (by msgid, in order of first use), and the marks
    that are not a literal string (an f-string or a variable: never in a catalogue)."""
    found: dict[str, Marked] = {}
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(ROOT)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(rel))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            kind = _kind(node)
            if kind is None:
                continue
            where = f"{rel}:{node.lineno}"
            msgid = _literal(node.args[0])
            plural = _literal(node.args[1]) if kind == "ntr" and len(node.args) > 1 else None
            if msgid is None or (kind == "ntr" and plural is None):
                # ctx.tr(CONSTANT): the constant is marked with N_ where it is written; an
                # f-string can never be in a catalogue
                if any(isinstance(a, ast.JoinedStr) for a in node.args[:2]):
                    problems.append(Problem(where, f"{kind}() of an f-string: use .format()"))
                continue
            entry = found.setdefault(msgid, Marked(msgid, plural))
            entry.places.append(where)
    return found, problems


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_po(path: Path, lang: str, marked: dict[str, Marked], old: list[PoEntry]) -> None:
    """``path`` with every marked string, the translations of ``old`` kept."""
    known = {e.msgid: e for e in old if e.msgid}
    plural_forms = PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);")
    lines = [
        "# The kiosk's interface in " + (lang or "the template") + ": see docs/content.md.",
        'msgid ""',
        'msgstr ""',
        _quote("Content-Type: text/plain; charset=UTF-8\n"),
        _quote(f"Language: {lang}\n"),
        _quote(f"Plural-Forms: {plural_forms}\n"),
        "",
    ]
    for m in marked.values():
        lines += [f"#: {place}" for place in m.places[:3]]
        previous = known.get(m.msgid)
        if previous is not None and previous.fuzzy:
            lines.append("#, fuzzy")
        lines.append(f"msgid {_quote(m.msgid)}")
        if m.plural is None:
            text = previous.msgstrs[0] if previous is not None and lang else ""
            lines.append(f"msgstr {_quote(text)}")
        else:
            lines.append(f"msgid_plural {_quote(m.plural)}")
            forms = previous.msgstrs if previous is not None and lang else ("", "")
            for i, text in enumerate(forms):
                lines.append(f"msgstr[{i}] {_quote(text)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def catalogues(folder: Path = LOCALE) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("*.po"))}


def missing(marked: dict[str, Marked], entries: list[PoEntry]) -> list[str]:
    """The marked strings with no (or an empty, or a fuzzy) translation in ``entries``."""
    done = {e.msgid for e in entries if e.msgid and all(e.msgstrs) and not e.fuzzy}
    return [m for m in marked if m not in done]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__)
    parser.add_argument("--check", action="store_true", help="list untranslated strings")
    parser.add_argument("--add", metavar="LANG", help="start a catalogue for LANG")
    args = parser.parse_args(argv)
    marked, problems = extract()
    for p in problems:
        print(f"{p.where}: {p.what}", file=sys.stderr)
    LOCALE.mkdir(parents=True, exist_ok=True)
    if args.check:
        bad = bool(problems)
        for lang, path in catalogues().items():
            gaps = missing(marked, read_po(path.read_text(encoding="utf-8"), str(path)))
            print(f"{lang}: {len(marked) - len(gaps)} of {len(marked)} strings translated")
            for msgid in gaps:
                print(f"  {msgid!r} ({marked[msgid].places[0]})")
            bad = bad or bool(gaps)
        return 1 if bad else 0
    write_po(LOCALE / "kiosk.pot", "", marked, [])
    if args.add:
        new = LOCALE / f"{args.add}.po"
        if not new.exists():
            write_po(new, args.add, marked, [])
    for lang, path in catalogues().items():
        write_po(path, lang, marked, read_po(path.read_text(encoding="utf-8"), str(path)))
    print(f"{len(marked)} strings; catalogues: {', '.join(catalogues()) or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
