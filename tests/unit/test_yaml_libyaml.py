"""libyaml (PyYAML's C parser) and the pure-Python parser must give the loader the same document:
the same data, positions and problems, word for word. The loader reads with libyaml when it is
there (ten times faster) and falls back to the pure-Python parser, which words the errors."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import yamlsafe
from kiosk.content.yamlsafe import Document, parse_text
from tests.conftest import FIXTURES

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

REPO = Path(__file__).resolve().parents[2]
FILES = sorted([*FIXTURES.glob("mini/**/*.yaml"), *(REPO / "content").glob("**/*.yaml")])

SNIPPETS = [
    "a: 1\n",
    "a: NO\nb: 1.10\nc: 12:30\nd: 01234\ne: 2017-06-19\nf: 2017-06-19 10:00:00\ng: ~\n",
    "accent: #ff7043\n",
    "a: &x 1\nb: *x\n",
    "a: &x 1\nb: &x 2\n",
    "a: &x [1, 2]\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: c\n",
    "1: a\n",
    "a: !!python/object:os.system x\n",
    "a: !!str 1\nb: !custom 2\nc: ! 3\n",
    "a: !!binary aGVsbG8=\n",
    "--- a\n--- b\n",
    "# only a comment\n",
    "---\n...\n",
    "%YAML 1.2\n--- a\n",
    "%YAML 2.0\n--- a\n",
    "a: 1\n  b: 2\n",
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a: 'open\n",
    'a: "\\q"\n',
    'a: "\\/ \\x41 \\u263A \\N \\_"\n',
    "a: |\n  one\n  two\n\n",
    "a: >-\n  one\n  two\n\nb: |+\n  x\n\n",
    "a: |2\n    indented\n",
    "a: |-#c\n  x\n",
    "a: >+2#c\n  x\n",
    "a: [b: ]\n",
    "a: [b?]\n",
    "a: !\n",
    "---",
    "t\ufeffitle: x\n",
    "- a\n- - b\n  - c\n- {d: e}\n",
    "[a:b, c: d, 'e':f]\n",
    "{a: 1, b}\n",
    "a: b: c\n",
    "- a\nb: c\n",
    "a:\n- b\n-c\n",
    "a: x\x85b: y\n",
    "a: x\u2028b: y\n",
    "a: \ufeffx\n",
    "a: \x07\n",
    "a: \ufffe\n",
    "a: \U0001f600 \u00e9\n",
    "key with spaces: value with: colon\n",
    "a: " + "x" * 2000 + "\n",
    "x" * 1100 + ": 1\n",
    "x: " + "[" * 10000 + "]" * 10000 + "\n",
    "x: " + "{a: " * 10000 + "1" + "}" * 10000 + "\n",
    "x:\n" + "- " * 10000 + "deep\n",
    "x: " + "[" * 39 + "1" + "]" * 39 + "\n",
    "x: " + "[" * 40 + "1" + "]" * 40 + "\n",
    "a: [*x]\n",
    "a: 1e3\nb: .inf\nc: -.nan\nd: 0x1F\ne: 0o17\nf: 1_000\ng: +12\n",
]


def _outcome(text: str, libyaml: bool) -> dict[str, Any]:
    previous = yamlsafe.LIBYAML
    yamlsafe.LIBYAML = libyaml
    try:
        doc = parse_text(text, Document("t.yaml"))
    finally:
        yamlsafe.LIBYAML = previous
    return {
        "problems": [str(p) for p in doc.problems],
        "data": _comparable(doc.data),
        "value_marks": doc.value_marks,
        "key_marks": doc.key_marks,
        "plain": doc.plain_scalars,
        "refused": doc.refused,
        "parsed": doc.parsed,
    }


def _comparable(data: Any) -> Any:
    """``data`` with NaN made equal to itself."""
    if isinstance(data, float) and math.isnan(data):
        return "NaN"
    if isinstance(data, dict):
        return {k: _comparable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_comparable(v) for v in data]
    return data


def _same(text: str) -> None:
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_content_files_read_the_same(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", SNIPPETS, ids=range(len(SNIPPETS)))
def test_tricky_yaml_reads_the_same(text: str) -> None:
    _same(text)


def test_libyaml_is_used_and_refuses_before_building() -> None:
    """The fast path really runs on a tab-free text, and refuses aliases and deep nesting."""
    assert yamlsafe.LIBYAML
    assert isinstance(
        yamlsafe._compose_with(yamlsafe._FastLoader, "a: [1, {b: c}]\n"), yaml.MappingNode
    )
    for text, message in [
        ("a: &x 1\nb: *x\n", r"aliases \(\*x\)"),
        ("x: " + "[" * 50 + "]" * 50, "nested more than 40"),
    ]:
        with pytest.raises(yamlsafe.YamlRefused, match=message):
            yamlsafe._compose_with(yamlsafe._FastLoader, text)


def test_libyaml_nesting_limit_falls_back() -> None:
    """libyaml stops at 1,000 levels with an error of its own; the pure-Python parser then says
    it in the loader's words."""
    with pytest.raises(yamlsafe.YamlRefused, match="nested more than 40"):
        yamlsafe._compose("x: " + "[" * 100000 + "]" * 100000)


YAMLISH = st.sampled_from(
    list(" :-[]{},#&*!|>+'\"?%@`\\\n\r\t.~0x12eE")
    + [
        "\n  ",
        ": ",
        "- ",
        "? ",
        "a",
        "é",
        "\u2028",
        "\x85",
        "\x00",
        "\ufeff",
        "--- ",
        "...",
        "!!str ",
        "\\x4",
        "\r\n",
    ]
)
SEEDS = [p.read_text(encoding="utf-8") for p in FILES if p.stat().st_size < 4000] + SNIPPETS[:20]


@st.composite
def mutants(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = (
                text[:pos] + "".join(draw(st.lists(YAMLISH, min_size=1, max_size=4))) + text[pos:]
            )
        else:
            text = text[:pos] + text[pos + draw(st.integers(1, 6)) :]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutated_yaml_reads_the_same(text: str) -> None:
    _same(text)
