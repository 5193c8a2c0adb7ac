"""SVG artwork made safe to hand to Qt: parsed by a real XML parser, rebuilt from an allowlist.

A text check of SVG can be fooled: markup hidden from a regular expression by a CDATA section
or a comment trick (``<g><![CDATA[<!--]]></g>`` before ``<image href="/etc/passwd">``) is still
markup to an XML parser, so Qt drew it and opened the files it named. Here the document is
parsed by expat, the parser Qt's own reader agrees with on what is markup, and a *new* document
is written from what was parsed: only the elements and attributes Qt's SVG Tiny 1.2 renderer
draws, every reference checked. Qt is given those bytes, never the file, so nothing the checks
did not see can reach it (comments, CDATA, processing instructions, the DOCTYPE and anything in
another namespace are simply not written out).

Why expat directly rather than defusedxml over ElementTree: it is in the standard library (no
new dependency), it refuses DTDs and entities just as well through its handlers (any entity
declaration, internal subset, or reference to an undeclared entity is refused here before
anything is expanded, so the "billion laughs" never starts), and it tells the line of every
element and attribute, which the author needs in the message.

Refused, with a message: what would run or load something (a script, an event handler, a link
to anything but a part of the same document, a style sheet import, an entity or a DTD with
declarations), an embedded picture that is not a PNG/JPEG/WebP/GIF within the pixel budget, a
document that draws too much (``<use>`` copies counted through the reference graph, capped at
``MAX_EXPANDED``; a reference cycle) or nests too deep. Dropped silently: what Qt would not
draw anyway (editor metadata such as Inkscape's, comments, unknown elements and attributes):
refusing those would refuse most files an editor writes, and dropping them is safe because the
output holds only what the allowlist names.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from kiosk.content.headers import MAX_PIXELS, image_size, sniff

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

MAX_EXPANDED = 50_000  # elements drawn once every <use> is expanded: a few ms to draw
MAX_DEPTH = 100  # elements inside elements (through <use> too): Qt draws them recursively

# What Qt's SVG Tiny 1.2 renderer draws (fonts, animation, audio/video and the SVG 1.1 extras
# Qt 6.7 added, masks, patterns, markers, filters, are left out: no artwork here uses them and
# each is more for a hostile file to play with).
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "switch", "a", "use", "image", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textArea", "tbreak",
        "linearGradient", "radialGradient", "stop", "solidColor",
    }
)  # fmt: skip
TEXT_ELEMENTS = frozenset({"text", "tspan", "textArea", "title", "desc", "style"})
# Drawing that editors write and the app leaves out (outside the allowlist above): the picture
# still shows, but not as drawn in the editor (unclipped, unmasked, without the effect). Kept
# by name and first line in ``Clean.not_drawn`` so the author can be warned.
NOT_DRAWN_ELEMENTS = frozenset(
    {"clipPath", "mask", "filter", "pattern", "marker", "symbol", "foreignObject", "textPath"}
)
NOT_DRAWN_ATTRIBUTES = frozenset(
    {"clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end"}
)
ATTRIBUTES = frozenset(
    {
        # structure and geometry
        "id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "version",
        "baseProfile", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
        "rx", "ry", "fx", "fy", "d", "points", "offset", "gradientUnits", "gradientTransform",
        "spreadMethod", "type", "href", "dx", "dy", "rotate",
        "requiredFeatures", "requiredExtensions", "requiredFormats", "requiredFonts",
        "systemLanguage",
        # presentation
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
        "stroke-dashoffset", "opacity", "color", "display", "visibility", "stop-color",
        "stop-opacity", "solid-color", "solid-opacity", "vector-effect", "font-family",
        "font-size", "font-style", "font-weight", "font-variant", "font-stretch",
        "text-anchor", "text-decoration", "line-increment", "display-align", "direction",
        "unicode-bidi", "letter-spacing", "word-spacing", "viewport-fill",
        "viewport-fill-opacity", "image-rendering", "shape-rendering", "text-rendering",
        "color-rendering", "space",
    }
)  # fmt: skip

SELF_CONTAINED = (
    "SVG artwork must be self-contained (embed pictures, no links to files or web addresses)"
)
NO_SCRIPTS = "the app does not run scripts in artwork; remove it"
_FRAGMENT = re.compile(r"#[A-Za-z_][\w.:-]*\Z")
_URL = re.compile(r"url\s*\(", re.I)
_URL_FRAGMENT = re.compile(r"""url\s*\(\s*(['"]?)#([A-Za-z_][\w.:-]*)\1\s*\)""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_DATA = re.compile(r"data:image/(png|jpeg|jpg|webp|gif);base64,([A-Za-z0-9+/=\s]*)\Z", re.I)
_TAG = re.compile(rb"""<[^\s/>]+((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""")
_ENTITY_REF = re.compile(rb"&(?!#|amp;|lt;|gt;|quot;|apos;)([^\s;&<>\"']+);")
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")


class SvgError(ValueError):
    """Why an SVG was refused: ``why`` (a sentence fragment), ``line`` in the SVG (0: the whole
    file) and ``advice`` (what the author can do)."""

    def __init__(self, why: str, line: int = 0, advice: str = "") -> None:
        super().__init__(why)
        self.why = why
        self.line = line
        self.advice = advice


@dataclass
class Node:
    """One element of the cleaned document, with the line it started on."""

    name: str
    attrs: list[tuple[str, str]]
    line: int
    children: list[Node | str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # ids its href draws (or reads) again


@dataclass(frozen=True)
class Clean:
    """The re-serialised document (UTF-8 bytes), how many elements it draws once expanded,
    and the pictures embedded in it (their bytes, for the renderer to try first: when Qt
    cannot decode an embedded picture it takes the whole ``data:`` URI for a file name)."""

    data: bytes
    elements: int
    pictures: tuple[bytes, ...] = ()
    # what the file uses that is not drawn: ("<clipPath>", line) or ("clip-path=", line), first
    # use of each, in the order met
    not_drawn: tuple[tuple[str, int], ...] = ()


def first_family(value: str) -> str:
    """The first font of a font-family list ("Roboto, DejaVu Sans, sans-serif" -> "Roboto").

    Qt's SVG renderer takes the whole list as one family name, finds no such font and draws
    the text in its default font (every chart of the default content was drawn in DejaVu Sans
    beside Roboto text); the first family is the one the author wanted, and the app ships it
    or the system substitutes it as it would any missing font."""
    for family in value.split(","):
        name = family.strip().strip("'\"").strip()
        if name:
            return name
    return value


def clean(data: bytes) -> Clean:
    """The document rebuilt from what Qt may see; SvgError says why it cannot be."""
    return _Cleaner(data).run()


class _Cleaner:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.root: Node | None = None
        self.stack: list[Node | None] = []  # None: inside something dropped
        self.ids: dict[str, Node] = {}
        self.embedded_pixels = 0
        self.pictures: list[bytes] = []
        self.doctype_line = 0
        self.declarations = False
        self.not_drawn: dict[str, int] = {}
        self.parser = expat.ParserCreate(namespace_separator=" ")
        p = self.parser
        p.buffer_text = True
        p.ordered_attributes = True
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self._doctype
        p.EndDoctypeDeclHandler = self._doctype_end
        p.EntityDeclHandler = self._entity
        p.UnparsedEntityDeclHandler = self._entity
        p.ElementDeclHandler = self._declaration
        p.AttlistDeclHandler = self._declaration
        p.NotationDeclHandler = self._declaration
        p.ExternalEntityRefHandler = self._external
        p.SkippedEntityHandler = self._skipped
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text

    def line(self) -> int:
        return int(self.parser.CurrentLineNumber)

    # --- the parse --------------------------------------------------------------------------
    def run(self) -> Clean:
        try:
            self.parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code) if exc.code else str(exc)
            raise SvgError(
                f"is not well-formed XML ({reason})",
                exc.lineno,
                "open it in an editor and save it again",
            ) from None
        except RecursionError:  # not expected from expat; never let it out as anything else
            raise SvgError("nests elements too deep", 0, "simplify it") from None
        if self.root is None or self.root.name != "svg":
            raise SvgError("is not an SVG file")
        elements = self._expanded()
        return Clean(
            _serialise(self.root), elements, tuple(self.pictures), tuple(self.not_drawn.items())
        )

    def _doctype(self, _name: str, _sys: str | None, _pub: str | None, subset: int) -> None:
        self.doctype_line = self.line()
        self.declarations = bool(subset)

    def _doctype_end(self) -> None:
        if self.declarations:
            raise SvgError(
                "has a DOCTYPE with declarations",
                self.doctype_line,
                "remove the <!DOCTYPE ...> block",
            )

    def _entity(self, *_args: object) -> None:
        raise SvgError(
            "declares an entity",
            self.line(),
            "SVG artwork may not declare entities; remove the <!DOCTYPE ...> block",
        )

    def _declaration(self, *_args: object) -> None:
        raise SvgError(
            "has a DOCTYPE with declarations",
            self.doctype_line or self.line(),
            "remove the <!DOCTYPE ...> block",
        )

    def _external(self, *_args: object) -> int:
        raise SvgError("refers to an external entity", self.line(), SELF_CONTAINED)

    def _skipped(self, name: str, _is_parameter: int, line: int = 0) -> None:
        raise SvgError(
            f"uses the entity &{name[:40]}; that it does not declare",
            line or self.line(),
            "SVG artwork may not use entities; write the text itself",
        )

    def _start(self, qname: str, flat: list[str]) -> None:
        line = self.line()
        index = int(self.parser.CurrentByteIndex)
        ns, _, local = qname.rpartition(" ")
        if local == "script":
            raise SvgError("contains a script", line, NO_SCRIPTS)
        pairs = list(zip(flat[::2], flat[1::2], strict=True))
        # expat leaves out an undeclared entity in an attribute without a word when the
        # document names an external DTD (it might be declared there): say so instead
        tag = _TAG.match(self.data, index)
        if tag is not None and (ref := _ENTITY_REF.search(self.data, tag.start(1), tag.end(1))):
            at = line + self.data.count(b"\n", index, ref.start())
            self._skipped(ref.group(1).decode("utf-8", "replace"), 0, at)
        attr_lines = self._attr_lines(tag, line)
        for name, _value in pairs:
            if name.rpartition(" ")[2].lower().startswith("on"):
                attr = name.rpartition(" ")[2]
                raise SvgError(
                    f"has an event handler, {attr}=", attr_lines.get(attr, line), NO_SCRIPTS
                )
        parent_dropped = bool(self.stack) and self.stack[-1] is None
        if parent_dropped or ns not in ("", SVG_NS) or local not in ELEMENTS:
            if not self.stack:  # the root itself is not SVG
                raise SvgError("is not an SVG file", line)
            if not parent_dropped and ns in ("", SVG_NS) and local in NOT_DRAWN_ELEMENTS:
                self.not_drawn.setdefault(f"<{local}>", line)
            # still check the references of what is dropped: a hostile file is told so
            for name, value in pairs:
                if name.rpartition(" ")[2] == "href" and not (
                    _FRAGMENT.match(value) or _DATA.match(value.strip())
                ):
                    self._outside(value, attr_lines.get("href", line))
            self.stack.append(None)
            return
        node = Node(local, [], line)
        for name, value in pairs:
            attr_ns, _, attr = name.rpartition(" ")
            if attr_ns == XML_NS and attr == "space":
                node.attrs.append(("xml:space", value))
                continue
            if attr_ns not in ("", XLINK_NS) or attr not in ATTRIBUTES:
                if attr_ns == "" and attr in NOT_DRAWN_ATTRIBUTES:
                    self.not_drawn.setdefault(f"{attr}=", attr_lines.get(attr, line))
                continue
            if attr_ns == XLINK_NS and attr != "href":
                continue
            where = attr_lines.get(attr, line)
            if attr == "href" and local == "a":
                continue  # a link Qt never follows: not written out
            if attr == "href":
                value = self._href(node, value, where)
            elif attr == "style":
                value = self._css(value, where)
            elif attr == "id":
                if value in self.ids:
                    raise SvgError(
                        f"uses the id '{value[:40]}' twice (lines {self.ids[value].line} and "
                        f"{line})",
                        line,
                        "give each element its own id",
                    )
                self.ids[value] = node
            elif attr == "font-family":
                value = first_family(value)
            elif _URL.search(value):
                value = self._paint(value, where)
            node.attrs.append((attr, value))
        if self.stack:
            parent = self.stack[-1]
            assert parent is not None
            parent.children.append(node)
        else:
            self.root = node
        if len(self.stack) >= MAX_DEPTH:
            raise SvgError(f"nests elements more than {MAX_DEPTH} deep", line, "simplify it")
        if local == "style" and tag is not None:  # its messages count from the sheet's start
            node.line = line + self.data.count(b"\n", index, tag.end())
        self.stack.append(node)

    def _end(self, _qname: str) -> None:
        node = self.stack.pop()
        if node is not None and node.name == "style":
            text = "".join(c for c in node.children if isinstance(c, str))
            node.children = [self._css(text, node.line)]

    def _text(self, text: str) -> None:
        if self.stack and (node := self.stack[-1]) is not None and node.name in TEXT_ELEMENTS:
            node.children.append(text)

    # --- the checks -------------------------------------------------------------------------
    def _attr_lines(self, tag: re.Match[bytes] | None, line: int) -> dict[str, int]:
        """The line each attribute of a start tag (``tag``, starting on ``line``) is written
        on, by local name. One pass over the tag, counting only the newlines inside it: a
        count from the top of the file for every attribute made a 4 MB drawing take minutes."""
        lines: dict[str, int] = {}
        if tag is None:
            return lines
        pos = tag.start()
        for m in _ATTR.finditer(self.data, tag.start(1), tag.end(1)):
            line += self.data.count(b"\n", pos, m.start())
            pos = m.start()
            lines.setdefault(m.group(1).rpartition(b":")[2].decode("utf-8", "replace"), line)
        return lines

    def _outside(self, value: str, line: int) -> None:
        value = value.strip()
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise SvgError(f"refers to something outside the file, '{shown}'", line, SELF_CONTAINED)

    def _href(self, node: Node, value: str, line: int) -> str:
        if node.name == "image" and not value.strip().startswith("data:"):
            # Qt reads any <image> link that is not a data: URI as a file name (relative to
            # the working folder): '#x' included
            if _FRAGMENT.match(value):
                raise SvgError(
                    f"has an <image> linking to '{value[:40]}', which is not a picture",
                    line,
                    "embed the picture (data:image/png;base64,...)",
                )
            self._outside(value, line)
        if _FRAGMENT.match(value):
            node.refs.append(value[1:])
            return value
        if node.name == "image" and (m := _DATA.match(value.strip())):
            return self._embedded(m.group(1).lower(), m.group(2), line)
        self._outside(value, line)
        raise AssertionError("unreachable")

    def _embedded(self, declared: str, text: str, line: int) -> str:
        """A picture in a data: URI, held to the picture files' limits, from its header."""
        packed = re.sub(r"\s+", "", text)
        try:
            picture = base64.b64decode(packed, validate=True)
        except (binascii.Error, ValueError):
            raise SvgError(
                "embeds a picture whose base64 text is damaged", line, "embed it again"
            ) from None
        kind = sniff(picture)
        expected = {"jpg": "JPEG"}.get(declared, declared.upper())
        if kind != expected:
            raise SvgError(
                f"embeds a picture said to be {declared.upper()} that is "
                f"{'not a picture the app shows' if kind is None else 'a ' + kind}",
                line,
                "embed it again",
            )
        dims = image_size(kind, picture)
        if dims is None or dims[0] <= 0 or dims[1] <= 0:
            raise SvgError(
                f"embeds a {kind} picture whose header gives no size", line, "embed it again"
            )
        self.embedded_pixels += dims[0] * dims[1]
        if self.embedded_pixels > MAX_PIXELS:
            raise SvgError(
                f"embeds pictures of more than {MAX_PIXELS / 1e6:,.0f} megapixels "
                f"(this one is {dims[0]}×{dims[1]})",
                line,
                "embed smaller copies",
            )
        self.pictures.append(picture)
        return f"data:image/{kind.lower()};base64,{packed}"

    def _paint(self, value: str, line: int) -> str:
        """An attribute holding url(...): only url(#id) of this document. (Qt looks such an id
        up among its paint servers, gradients and solid colours, which cost the same however
        often they are used: a url() is not counted as drawing its target again.)"""
        for m in _URL.finditer(value):
            if _URL_FRAGMENT.match(value, m.start()) is None:
                self._outside(value[m.start() : m.start() + 80].split(")")[0] + ")", line)
        return value

    def _css(self, text: str, line: int) -> str:
        """A style attribute or sheet, comments removed (the text checked is the text Qt
        reads): no escapes (they can spell ``url`` out of sight), no @-rules (``@import``
        loads a file), and url(#id) only."""
        text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n") or " ", text)

        def at(pos: int) -> int:
            return line + text.count("\n", 0, pos)

        if (pos := text.find("\\")) >= 0:
            raise SvgError(
                "has a backslash escape in its style", at(pos), "write the style out plainly"
            )
        if (pos := text.find("@")) >= 0:
            what = "imports a style sheet" if text[pos:].lower().startswith("@import") else None
            raise SvgError(
                what or "has an @-rule in its style",
                at(pos),
                "SVG artwork must be self-contained" if what else "remove it",
            )
        for m in _URL.finditer(text):
            if _URL_FRAGMENT.match(text, m.start()) is None:
                target = text[m.start() + 4 : m.start() + 120].split(")")[0].strip(" \"'")
                self._outside(target, at(m.start()))
        return text

    def _expanded(self) -> int:
        """How many elements Qt draws once every reference is followed (each <use> draws its
        target again, a gradient's href reads the other's stops), saturating just over the
        cap; SvgError for a cycle or too much. Iterative, memoised: linear in the document
        and its references, whatever the fan-out."""
        assert self.root is not None
        done: dict[int, tuple[int, int]] = {}  # id(node) -> (elements, depth)
        on_path: set[int] = set()
        cap = MAX_EXPANDED + 1

        def edges(node: Node) -> list[Node]:
            out = [c for c in node.children if isinstance(c, Node)]
            out += [self.ids[r] for r in node.refs if r in self.ids]
            return out

        stack: list[tuple[Node, bool]] = [(self.root, False)]
        while stack:
            node, finished = stack.pop()
            key = id(node)
            if finished:
                on_path.discard(key)
                total, depth = 1, 1
                for child in edges(node):
                    size, d = done[id(child)]
                    total = min(cap, total + size)
                    depth = max(depth, d + 1)
                if depth > MAX_DEPTH:
                    raise SvgError(
                        f"nests elements more than {MAX_DEPTH} deep through its references",
                        node.line,
                        "simplify it",
                    )
                done[key] = (total, depth)
                continue
            if key in done:
                continue
            on_path.add(key)
            stack.append((node, True))
            for child in edges(node):
                if id(child) in on_path:
                    raise SvgError(
                        f"refers to itself in a loop, through the <{child.name}> on line "
                        f"{child.line}",
                        node.line,
                        "remove the reference",
                    )
                if id(child) not in done:
                    stack.append((child, False))
        total = done[id(self.root)][0]
        if total > MAX_EXPANDED:
            raise SvgError(
                f"draws more than {MAX_EXPANDED:,} elements once its <use> copies are counted",
                0,
                "simplify it or save it as a PNG",
            )
        return total


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
        text = text.replace("\t", "&#9;")
    else:
        text = text.replace("\r", "&#13;")
    return text


def _serialise(root: Node) -> bytes:
    out: list[str] = []
    stack: list[Node | str | None] = [root]
    first = True
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if isinstance(item, str):
            out.append(item)
            continue
        attrs = "".join(f' {k}="{_escape(v, True)}"' for k, v in item.attrs if k != "href")
        hrefs = [v for k, v in item.attrs if k == "href"]
        if hrefs:
            attrs += f' xlink:href="{_escape(hrefs[-1], True)}"'
        if first:
            attrs = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' + attrs
            first = False
        if not item.children:
            out.append(f"<{item.name}{attrs}/>")
            continue
        out.append(f"<{item.name}{attrs}>")
        stack.append(f"</{item.name}>")
        for child in reversed(item.children):
            stack.append(child if isinstance(child, Node) else _escape(child))
    return "".join(out).encode("utf-8")
