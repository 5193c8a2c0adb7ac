"""Reading one YAML file safely, keeping the position of every node.

Plain ``yaml.safe_load`` refuses Python object tags but not aliases (a 400-byte "billion laughs"
document expands to millions of nodes), silently lets a key appear twice, and forgets where each
value came from. Here the node tree is composed with a loader that refuses aliases and deep
nesting, and turned into plain data while a map from data path to source position is kept, so
that schema errors can name ``file:line:col``.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

from kiosk.content import syntax
from kiosk.content.errors import MAX_WARNINGS, Problem, Severity

if TYPE_CHECKING:
    from yaml import CSafeLoader as _CSafeLoader
    from yaml._yaml import Mark as _LibyamlMark
else:  # without libyaml, _FastLoader is never used
    _CSafeLoader = getattr(yaml, "CSafeLoader", object)

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
LIBYAML = yaml.__with_libyaml__  # PyYAML's C parser is there (tests turn it off to compare)

Loc = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# A position in the text: libyaml's parser gives its own Mark class, PyYAML's parser yaml.Mark;
# both have the line and column that _pos reads. types-PyYAML's nodes and errors accept only
# yaml.Mark, although PyYAML's own libyaml composer puts libyaml's marks into nodes too: that is
# what the `type: ignore[arg-type]` below where an event's mark goes into a node or error say.
AnyMark: TypeAlias = "yaml.Mark | _LibyamlMark"
# What the parser hands the composer inside a document (PyYAML's grammar): nodes and their ends.
_NodeEvent: TypeAlias = (
    yaml.ScalarEvent | yaml.CollectionStartEvent | yaml.AliasEvent | yaml.CollectionEndEvent
)


class YamlRefused(Exception):
    """A construct we refuse, with the mark where it starts."""

    def __init__(self, message: str, mark: AnyMark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


_COLLECTIONS = {
    yaml.SequenceStartEvent: yaml.SequenceNode,
    yaml.MappingStartEvent: yaml.MappingNode,
}


class _SafeComposer:
    """Mixed in before a PyYAML loader: builds the node tree from the loader's events as PyYAML's
    Composer does, but refuses aliases and nesting deeper than MAX_DEPTH as soon as their event
    comes, before anything is built from it, and keeps its own stack instead of recursing."""

    # supplied by the loader this is mixed into (PyYAML's Parser or CParser, Composer, Resolver)
    anchors: dict[str, yaml.Node]
    if TYPE_CHECKING:

        def get_event(self) -> _NodeEvent: ...
        def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str: ...

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:  # PyYAML's hook: the root
        open_nodes: list[yaml.CollectionNode] = []
        keys: list[yaml.Node | None] = []  # for each open mapping, the key awaiting its value
        get_event, start_node = self.get_event, self._start_node
        node: yaml.Node
        while True:
            event = get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                node = open_nodes.pop()
                keys.pop()
                node.end_mark = event.end_mark
            else:
                node = start_node(
                    event, open_nodes[-1] if open_nodes else None, len(open_nodes) + 1
                )
                if isinstance(node, yaml.CollectionNode):
                    open_nodes.append(node)
                    keys.append(None)
                    continue
            if not open_nodes:
                return node
            parent = open_nodes[-1]
            if isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                parent.value.append((keys[-1], node))
                keys[-1] = None

    def _start_node(
        self,
        event: yaml.ScalarEvent | yaml.CollectionStartEvent | yaml.AliasEvent,
        parent: yaml.CollectionNode | None,
        depth: int,
    ) -> yaml.Node:
        """The node that ``event`` starts (inside ``parent``, at ``depth``), still empty."""
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                f"aliases (*{event.anchor}) are not allowed: write the value out in full",
                event.start_mark,
            )
        if depth > MAX_DEPTH:
            raise YamlRefused(
                f"the structure is nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        anchor, tag = event.anchor, event.tag
        if anchor is not None and anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark: see AnyMark
            )
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            if tag is None or tag == "!":
                tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
            # libyaml gives a plain scalar the style '', PyYAML None
            node = yaml.ScalarNode(
                tag,
                event.value,
                event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark: see AnyMark
                event.end_mark,  # type: ignore[arg-type]
                style=event.style or None,
            )
        else:
            kind = _COLLECTIONS[type(event)]
            if tag is None or tag == "!":
                tag = self.resolve(kind, None, event.implicit)
            node = kind(
                tag,
                [],
                event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark: see AnyMark
                None,
                flow_style=event.flow_style,
            )
        if anchor is not None:
            self.anchors[anchor] = node
        return node


class _Loader(_SafeComposer, yaml.SafeLoader):
    """PyYAML's pure-Python parser: slow, but its error messages are the ones authors see."""


class _NotForLibyaml(yaml.YAMLError):
    """A text that libyaml may read differently from PyYAML: the pure-Python parser reads it."""


class _FastLoader(_SafeComposer, yaml.composer.Composer, _CSafeLoader):
    """libyaml's C parser (its composer would follow aliases and recurse without limit): the
    same events and marks as the pure-Python parser, over ten times faster."""

    def __init__(self, stream: str) -> None:
        yaml.CSafeLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)

    def _start_node(
        self,
        event: yaml.ScalarEvent | yaml.CollectionStartEvent | yaml.AliasEvent,
        parent: yaml.CollectionNode | None,
        depth: int,
    ) -> yaml.Node:
        node = super()._start_node(event, parent, depth)  # (it refuses an alias)
        if not isinstance(event, yaml.AliasEvent) and event.tag is not None:
            # libyaml resolves a bare '!' differently
            raise _NotForLibyaml("an explicit tag")
        if (
            parent is not None
            and parent.flow_style
            and _plain(node)
            and (node.value == "" or "?" in node.value)
        ):
            # [a?] is an error to PyYAML; an empty value in [a: ] stands elsewhere in libyaml
            raise _NotForLibyaml("an empty plain scalar, or one with '?', inside [] or {}")
        return node


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None


@dataclass
class Document:
    """A parsed file: its data, and where each part of it stands in the file."""

    file: str
    data: Any = None
    # path -> (line, col) of the value node, and of the key node for mapping entries
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # path -> source text of scalars that were not quoted (for YAML 1.1 surprises)
    plain_scalars: dict[Loc, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    parsed: bool = False  # the YAML was read into data (which may still be wrong for the schema)
    source: str = field(default="", repr=False)  # the text, while converting
    _lines: list[str] | None = field(default=None, repr=False)  # its lines, split when needed
    # paths whose value was refused (a tag): the schema's complaint about them would repeat it
    refused: set[Loc] = field(default_factory=set)
    # paths of unquoted numbers YAML 1.1 misreads (2:00 -> 120, 01234 -> 668): the error said
    # and the value read; the schema words it for the field (a number field: no quotes)
    surprises: dict[Loc, tuple[Problem, Any]] = field(default_factory=dict)
    # the ids written in a file that is not valid YAML (`id: lisbon` lines)
    ids_seen: tuple[str, ...] = ()
    # warnings past MAX_WARNINGS, counted and not kept: a file with 100,000 unknown keys would
    # otherwise print (and log, at every load) 100,000 lines and bury the one error that matters
    hidden_warnings: int = 0
    _warnings_kept: int = field(default=0, repr=False)

    @property
    def warnings_full(self) -> bool:
        """True once the file has all the warnings it will show (the rest are only counted)."""
        return self._warnings_kept >= MAX_WARNINGS

    def where(self, loc: Loc, prefer_key: bool = True) -> tuple[int, int]:
        """Line and column for a data path, walking up until a known node is found."""
        loc = tuple(loc)
        while True:
            if prefer_key and loc in self.key_marks:
                return self.key_marks[loc]
            if loc in self.value_marks:
                return self.value_marks[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(
        self, loc: Loc, message: str, severity: Severity = Severity.ERROR, prefer_key: bool = True
    ) -> Problem:
        line, col = self.where(loc, prefer_key)
        p = Problem(self.file, line, col, message, severity)
        if severity is Severity.WARNING:
            if self.warnings_full:
                self.hidden_warnings += 1
                return p
            self._warnings_kept += 1
        self.problems.append(p)
        return p

    def source_line(self, number: int) -> str | None:
        """Line ``number`` (counting from 0) of the source, as YAML numbers lines."""
        if self._lines is None:
            self._lines = yaml_lines(self.source)
        return self._lines[number] if number < len(self._lines) else None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _pos(mark: AnyMark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


# files that are not text, by their first bytes: what they are, and what to do instead
_NOT_TEXT = (
    (b"PK\x03\x04", b"word/", "a Word document (.docx)"),
    (b"PK\x03\x04", b"opendocument.text", "an OpenDocument text (.odt)"),
    (b"PK\x03\x04", b"", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", b"", "a Word document (.doc)"),
    (b"{\\rtf", b"", "a rich-text document (RTF)"),
    (b"%PDF", b"", "a PDF"),
    (b"\x89PNG", b"", "a PNG picture"),
    (b"\xff\xd8\xff", b"", "a JPEG picture"),
)


_BINARY = (*range(0, 9), *range(14, 32))  # control bytes a text file does not hold


def _not_text(raw: bytes) -> str | None:
    """Why ``raw`` is not a YAML text file, in words an organiser can act on; None if it is."""
    for magic, inside, what in _NOT_TEXT:
        if raw.startswith(magic) and inside in raw[:65536]:
            if what.startswith(("a Word", "an OpenDocument", "a rich-text")):
                return (
                    f"this looks like {what}, not a text file: copy its text into a "
                    "plain-text YAML file (in a text editor such as Notepad, saved as UTF-8)"
                )
            return f"this looks like {what}, not a text file: a content file is plain YAML text"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            "the file is saved as UTF-16: save it as UTF-8 (in Notepad: File, Save as, "
            "Encoding: UTF-8)"
        )
    head = raw[:8192]
    if b"\x00" in head and sum(head.count(bytes([c])) for c in _BINARY) * 20 > len(head):
        # (one stray NUL in a text is the YAML reader's to point at, with its line)
        return "this is a binary file, not text: a content file is plain YAML text"
    return None


def _as_windows_1252(exc: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: a byte that is not UTF-8 read as Windows-1252, the usual
    other encoding of a file saved on Windows (é is 0xe9 there)."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("cp1252", errors="replace"), exc.end


codecs.register_error("kiosk-windows-1252", _as_windows_1252)


def _decode(raw: bytes, doc: Document) -> str | None:
    refused = _not_text(raw)
    if refused is not None:
        doc.problems.append(Problem(doc.file, 0, 0, refused))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.problems.append(
            Problem(
                doc.file,
                1,
                1,
                "the file starts with a byte-order mark; it was ignored",
                Severity.WARNING,
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # the rest of the file still loads: the bytes that are not UTF-8 read as Windows-1252
        text = raw.decode("utf-8", errors="kiosk-windows-1252")
        excerpt = yaml_lines(text)[line - 1] if line <= len(yaml_lines(text)) else ""
        col = len(raw[before.rfind(b"\n") + 1 : exc.start].decode("utf-8", "replace")) + 1
        doc.problems.append(
            Problem(
                doc.file,
                line,
                col,
                f"byte 0x{raw[exc.start]:02x} is not UTF-8: the file was saved in another "
                "encoding; it was read as Windows-1252, which may show wrong letters: save it "
                "as UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)",
                excerpt=excerpt,
            )
        )
        return text


# what YAML counts as a line break (and so its line numbers); str.splitlines() counts more
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_UNUSUAL_BREAK = re.compile("[\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML numbers them."""
    return _LINE_BREAK.split(text)


def _check_breaks(text: str, doc: Document) -> None:
    """A NEXT LINE or LINE/PARAGRAPH SEPARATOR is a new line to YAML, not to most editors."""
    if not any(c in text for c in "\x85\u2028\u2029"):  # (faster than the search below)
        return
    m = _UNUSUAL_BREAK.search(text)
    if m:
        line = len(_LINE_BREAK.findall(text, 0, m.start())) + 1
        doc.problems.append(
            Problem(
                doc.file,
                0,
                0,
                f"line {line} ends with an unusual line break (U+{ord(m.group()):04X}) that YAML "
                "counts as a new line but many editors do not: the line numbers after it may not "
                "match your editor's; replace it with a plain line break",
                Severity.WARNING,
            )
        )


def _check_tabs(text: str, doc: Document) -> bool:
    if "\t" not in text:
        return True
    for number, line in enumerate(yaml_lines(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            doc.problems.append(
                Problem(
                    doc.file,
                    number,
                    indent.index("\t") + 1,
                    "a tab is used for indentation: indent with spaces",
                    excerpt=line,
                )
            )
            return False
    return True


def read_document(path: Path, name: str) -> Document:
    """Read and parse one YAML file; problems are collected on the document, never raised."""
    doc = Document(name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problems.append(
                Problem(
                    name,
                    0,
                    0,
                    f"the file is {size:,} bytes, over the limit of "
                    f"{MAX_FILE_BYTES:,} bytes for one content file",
                )
            )
            return doc
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        doc.problems.append(Problem(name, 0, 0, f"cannot be read: {exc.strerror or exc}"))
        return doc
    if len(raw) > MAX_FILE_BYTES:  # it grew since stat(), or is not a plain file
        doc.problems.append(
            Problem(
                name,
                0,
                0,
                f"the file is over the limit of {MAX_FILE_BYTES:,} bytes for one content file",
            )
        )
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    if not text.strip():
        doc.problems.append(Problem(name, 0, 0, "the file is empty"))
        return doc
    _check_breaks(text, doc)
    if not _check_tabs(text, doc):
        return doc
    return parse_text(text, doc)


def _compose_with(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# where libyaml reads a text differently from PyYAML: a tab (it allows more of them), U+FEFF (it
# counts it as a column, PyYAML does not), a comment right after a block scalar's header (|-#:
# PyYAML wants a space first); and see _FastLoader. (One pattern each: a pattern that starts
# with a plain character is searched for much faster.)
_NOT_FOR_LIBYAML = tuple(re.compile(p) for p in ("\t", "\ufeff", r"\|[-+0-9]*#", r">[-+0-9]*#"))


def _libyaml_reads_alike(text: str) -> bool:
    # without a line break at its end, libyaml puts the end of the text on a line of its own
    return text.endswith("\n") and not any(p.search(text) for p in _NOT_FOR_LIBYAML)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, by libyaml when it is there and reads it as PyYAML does.
    A text libyaml refuses is read again by the pure-Python parser, which words the error: every
    document and every message is the same with or without libyaml (as
    tests/unit/test_yaml_libyaml.py checks)."""
    if LIBYAML and _libyaml_reads_alike(text):
        try:
            return _compose_with(_FastLoader, text)
        except yaml.YAMLError:
            pass
    return _compose_with(_Loader, text)


# `id: lisbon` (or `- id: lisbon`) at the start of a line: the ids a file that is not valid YAML
# meant to give, so that what names them is told why they are missing
_ID_LINE = re.compile(r"^[ ]*(?:-[ ]+)?id:[ ]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ ]*$", re.M)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A YAML syntax error in plain words where they are known, with its source line."""
    lines = yaml_lines(text)
    plain = syntax.explain(exc, lines)
    if plain is not None:
        line, col, message = plain
    else:
        line, col = _pos(exc.problem_mark or exc.context_mark)
        what = exc.problem or "is not valid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        message = f"YAML syntax error: {what}"
    excerpt = lines[line - 1] if 0 < line <= len(lines) else ""
    return Problem(file, line, col, message, excerpt=excerpt)


# a key at the start of a line: the start of one top-level entry of a mapping
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_][\w-]*)[ ]*:")


def _recover(text: str, doc: Document, first: Problem) -> yaml.MappingNode | None:
    """A file that is a mapping, with one of its top-level entries broken: the node of the
    entries that read on their own (each parsed alone, at its own lines); in a broken list
    (quotes.yaml's quotes, a poster's sections), the items that read on their own. What is
    left out is marked refused (its error is said); a later broken entry adds its own error.
    None when the file is not laid out as top-level keys."""
    lines = yaml_lines(text)
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    if not starts:
        return None
    for line in lines[: starts[0]]:
        if line.strip() and not line.lstrip().startswith("#"):
            return None
    for line in lines:
        if line.startswith(("---", "...", "%")):
            return None

    def alone(head: int | None, begin: int, end: int) -> yaml.Node | None:
        """Lines begin..end parsed on their own at their own line numbers (after the line
        ``head``, their key); a syntax error is reported unless it is the first one's."""
        above = f"{lines[head]}\n" + "\n" * (begin - head - 1) if head is not None else ""
        chunk = above or "\n" * begin
        chunk += "\n".join(lines[begin:end]).rstrip("\n") + "\n"
        try:
            return _compose(chunk)
        except yaml.MarkedYAMLError as exc:
            if not begin < first.line <= end + 1:  # another entry's error than the first's
                doc.problems.append(_syntax_problem(exc, text, doc.file))
        except (YamlRefused, yaml.YAMLError, RecursionError):
            pass
        return None

    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        key = _TOP_KEY.match(lines[start])
        assert key is not None
        node = alone(None, start, end)
        if isinstance(node, yaml.MappingNode):
            pairs += node.value
            continue
        items: list[yaml.Node] = []
        key_node: yaml.Node | None = None
        for begin, stop in _list_items(lines, start, end):
            item = alone(start, begin, stop)
            if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key_node, seq = item.value[0]
                if isinstance(seq, yaml.SequenceNode) and len(seq.value) == 1:
                    items += seq.value
                    continue
            # a broken item keeps its place (an empty value, refused: its error is said), so
            # that the items after it keep their numbers ("the 4th quote")
            doc.refused.add((key.group("key"), len(items)))
            at = yaml.Mark(doc.file, 0, begin, _indent_of(lines[begin]), None, 0)
            items.append(yaml.ScalarNode("tag:yaml.org,2002:null", "", at, at))
        if key_node is None:
            doc.refused.add((key.group("key"),))
            continue
        pairs.append(
            (key_node, yaml.SequenceNode(_SEQ, items, items[0].start_mark, items[-1].end_mark))
        )
    if not pairs:
        return None
    return yaml.MappingNode(_MAP, pairs, pairs[0][0].start_mark, pairs[-1][1].end_mark)


_ITEM = re.compile(r"^([ ]*)-(?:[ ]|$)")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _list_items(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The line ranges of the items of the block list under the key on line ``start`` (up to
    ``end``); none when the key's value is not a block list."""
    rest = lines[start].split(":", 1)[1].strip()
    if rest and not rest.startswith("#"):
        return []
    body = [
        i
        for i in range(start + 1, end)
        if lines[i].strip() and not lines[i].lstrip().startswith("#")
    ]
    if not body or not (first := _ITEM.match(lines[body[0]])):
        return []
    indent = first.group(1)
    begins = [i for i in body if (m := _ITEM.match(lines[i])) and m.group(1) == indent]
    return list(zip(begins, [*begins[1:], end], strict=True))


def parse_text(text: str, doc: Document) -> Document:
    try:
        node = _compose(text)
    except YamlRefused as exc:
        line, col = _pos(exc.mark)
        doc.problems.append(Problem(doc.file, line, col, exc.message))
        return doc
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, text, doc.file))
        doc.ids_seen = tuple(_ID_LINE.findall(text))
        # the file's other top-level keys still count: a slip in one setting of gallery.yaml
        # (or one field of a poster) does not cost the rest of the file
        node = _recover(text, doc, doc.problems[-1])
        if node is None:
            return doc
    except yaml.reader.ReaderError as exc:
        line, col = _char_position(text, exc.position)
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        lines = yaml_lines(text)
        doc.problems.append(
            Problem(
                doc.file,
                line,
                col,
                f"the character {char!r} is not allowed in YAML",
                excerpt=lines[line - 1] if 0 < line <= len(lines) else "",
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(doc.file, 1, 1, f"YAML error: {exc}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem(doc.file, 1, 1, "the structure is nested too deeply"))
        return doc
    if node is None:
        doc.problems.append(Problem(doc.file, 0, 0, "the file holds no content (only comments)"))
        return doc
    doc.source = text
    try:
        doc.data = _to_data(node, (), doc, yaml.constructor.SafeConstructor())
        doc.parsed = True
    finally:
        doc.source, doc._lines = "", None
    return doc


_COLOUR_COMMENT = re.compile(r"^[ \t]*(#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?)\b")


def _comment_surprise(node: yaml.ScalarNode, loc: Loc, doc: Document) -> None:
    """``accent: #ff7043`` is an empty value and a comment: say so instead of a silent blank."""
    text = doc.source_line(node.start_mark.line)
    if text is None:
        return
    m = _COLOUR_COMMENT.match(text[node.start_mark.column :])
    if m:
        colour = m.group(1)
        doc.problem(
            loc,
            f"this value is empty: YAML reads {colour} as a comment; put the colour "
            f'in quotes, "{colour}"',
            Severity.WARNING,
            prefer_key=False,
        )


_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")


def _number_surprise(raw: str, value: Any, loc: Loc, doc: Document) -> None:
    """YAML 1.1 reads 12:30 as 750 and 01234 as 668: refuse; warn where 1.10 becomes 1.1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if isinstance(value, int) and not _DECIMAL.match(raw):
        doc.surprises[loc] = (
            doc.problem(
                loc,
                f"the unquoted {raw} is read by YAML as the number {value}: "
                f'put it in quotes, "{raw}"',
                prefer_key=False,
            ),
            value,
        )
    elif isinstance(value, float) and raw.lstrip("+") != repr(value):
        doc.problem(
            loc,
            f"the unquoted {raw} is read by YAML as the number {value!r} and "
            f'shown that way: put it in quotes, "{raw}", to keep it as written',
            Severity.WARNING,
            prefer_key=False,
        )


def _char_position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _refuse_tag(node: yaml.Node, loc: Loc, doc: Document) -> None:
    doc.problem(
        loc, f"the tag {node.tag} is not allowed: content files hold plain data", prefer_key=False
    )
    doc.refused.add(loc)
    return None


def _to_data(
    node: yaml.Node, loc: Loc, doc: Document, constructor: yaml.constructor.SafeConstructor
) -> Any:
    doc.value_marks[loc] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            return _refuse_tag(node, loc, doc)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                line, col = _pos(key_node.start_mark)
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a structure"
                doc.problems.append(
                    Problem(doc.file, line, col, f"the key {shown} must be text: put it in quotes")
                )
                continue
            key = key_node.value
            child = (*loc, key)
            if key in result:
                line, col = _pos(key_node.start_mark)
                first = doc.key_marks.get(child, (0, 0))[0]
                doc.problems.append(
                    Problem(
                        doc.file,
                        line,
                        col,
                        f"the key '{key}' appears twice (first on line {first})",
                    )
                )
                continue
            doc.key_marks[child] = _pos(key_node.start_mark)
            result[key] = _to_data(value_node, child, doc, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            return _refuse_tag(node, loc, doc)
        return [_to_data(item, (*loc, i), doc, constructor) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    if node.tag not in _PLAIN_TAGS:
        return _refuse_tag(node, loc, doc)
    if node.tag == _STR:
        return node.value  # what the constructor would make of it, without its bookkeeping
    try:
        value = constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        doc.problem(loc, f"the value {node.value!r} cannot be read: {exc}", prefer_key=False)
        doc.refused.add(loc)
        return None
    if node.style is None:
        doc.plain_scalars[loc] = node.value
        _number_surprise(node.value, value, loc, doc)
        if value is None and node.value == "":
            _comment_surprise(node, loc, doc)
    if isinstance(value, _dt.datetime):
        # A timestamp where the schema wants a date or text; keep the source text for messages.
        doc.plain_scalars[loc] = node.value
    return value
