"""Property-based: whatever a content file holds, the loader answers with problems, never raises.

The mutations start from the valid files of the small test gallery (a poster, gallery.yaml,
quotes.yaml, fishbowl.yaml) and change their structure (values swapped for other YAML values,
keys renamed or dropped) and their bytes (inserted, deleted, flipped). A short run is part of
the suite; set HYPOTHESIS_PROFILE=fuzz (``make fuzz``) for a long one, and FUZZ_EXAMPLES to
choose its length (20,000 examples per test by default).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.loader import load_gallery
from kiosk.content.yamlsafe import yaml_lines
from tests import fuzz_profiles  # noqa: F401 - registers and loads the profile
from tests.conftest import FIXTURES

# the files mutated, as the loader names them; the rest of the gallery stays valid
TARGETS = ("posters/dock.yaml", "gallery.yaml", "quotes.yaml", "fishbowl.yaml")
VALID = {name: (FIXTURES / "mini" / name).read_text(encoding="utf-8") for name in TARGETS}
VALID_DATA = {name: yaml.safe_load(text) for name, text in VALID.items()}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "NO",
            "1.10",
            "12:30",
            "01234",
            "2017-06-19",
            "~",
            "../x.png",
            "/etc/passwd",
            "C:\\x.png",
            "*a",
            "&a",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*prefix, i))
    return found


def _replace(data: object, path: tuple, value: object) -> object:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in data.items()}
    if isinstance(data, list):
        return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(data)]
    return data


@st.composite
def structural_mutants(draw: st.DrawFn, name: str) -> str:
    data = VALID_DATA[name]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        data = _replace(data, path, draw(values))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def byte_mutants(draw: st.DrawFn, name: str) -> bytes:
    raw = bytearray(VALID[name].encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["insert", "delete", "flip"]))
        if op == "insert":
            raw[pos:pos] = draw(
                st.binary(min_size=1, max_size=4)
                | st.sampled_from(
                    [
                        b"\t",
                        b":",
                        b"- ",
                        b"[",
                        b"{",
                        b"&a ",
                        b"*a",
                        b"!!python/name:os.system ",
                        b"\n  ",
                        b"\xef\xbb\xbf",
                        b"\xff",
                    ]
                )
            )
        elif op == "delete" and raw:
            del raw[pos : pos + draw(st.integers(1, 8))]
        elif raw:
            i = min(pos, len(raw) - 1)
            raw[i] = draw(st.integers(0, 255))
    return bytes(raw)


def _check(content_dir: Path, name: str, blob: bytes) -> None:
    (content_dir / name).write_bytes(blob)
    result = load_gallery(content_dir)  # must not raise
    lines = {n: _line_count(content_dir / n) for n in (*TARGETS, "posters/intro.yaml")}
    for problem in result.problems:
        assert problem.file in lines and problem.message, problem
        # a position inside the file (0: the file as a whole)
        assert 0 <= problem.line <= lines[problem.file] + 1 and problem.col >= 0, problem
        assert "Traceback" not in problem.message and "\n" not in problem.message, problem
    # every poster file either shows as a poster or has an error that says why not
    files_with_errors = {p.file for p in result.problems if p.is_error}
    for name in ("posters/dock.yaml", "posters/intro.yaml"):
        shown = any(
            result.gallery.poster(pid) is not None and pid in _ids_in(content_dir / name)
            for pid in (p.id for p in result.gallery.posters)
        )
        assert shown or name in files_with_errors, name


def _line_count(path: Path) -> int:
    """Lines as YAML counts them (a NEXT LINE or LINE SEPARATOR character is a line break)."""
    raw = path.read_bytes()
    try:
        return len(yaml_lines(raw.decode("utf-8"))) + 1
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1


def _ids_in(path: Path) -> set[str]:
    try:
        data = yaml.safe_load(path.read_bytes())
    except yaml.YAMLError:
        return set()
    return {data["id"]} if isinstance(data, dict) and isinstance(data.get("id"), str) else set()


def _fresh(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.mark.parametrize("name", TARGETS)
@given(data=st.data())
def test_structural_mutations_give_problems_not_exceptions(
    tmp_path_factory, name: str, data: st.DataObject
) -> None:
    text = data.draw(structural_mutants(name))
    _check(_fresh(tmp_path_factory), name, text.encode("utf-8"))


@pytest.mark.parametrize("name", TARGETS)
@given(data=st.data())
def test_byte_mutations_give_problems_not_exceptions(
    tmp_path_factory, name: str, data: st.DataObject
) -> None:
    blob = data.draw(byte_mutants(name))
    _check(_fresh(tmp_path_factory), name, blob)
