"""Property-based: whatever a content file holds, the loader answers with problems, never raises.

The mutations start from valid posters and change their structure (values swapped for other
YAML values, keys renamed or dropped) and their bytes (inserted, deleted, flipped). A short run
is part of the suite; set HYPOTHESIS_PROFILE=fuzz (``make fuzz``) for a long one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_gallery
from tests.conftest import FIXTURES

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

VALID = (FIXTURES / "mini" / "posters" / "dock.yaml").read_text(encoding="utf-8")
VALID_DATA = yaml.safe_load(VALID)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(["NO", "1.10", "12:30", "01234", "2017-06-19", "~",
                                           "../x.png", "/etc/passwd", "C:\\x.png", "*a", "&a"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


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
def structural_mutants(draw: st.DrawFn) -> str:
    data = VALID_DATA
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        data = _replace(data, path, draw(values))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def byte_mutants(draw: st.DrawFn) -> bytes:
    raw = bytearray(VALID.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["insert", "delete", "flip"]))
        if op == "insert":
            raw[pos:pos] = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(
                [b"\t", b":", b"- ", b"[", b"{", b"&a ", b"*a", b"!!python/name:os.system ",
                 b"\n  ", b"\xef\xbb\xbf", b"\xff"]))
        elif op == "delete" and raw:
            del raw[pos:pos + draw(st.integers(1, 8))]
        elif raw:
            i = min(pos, len(raw) - 1)
            raw[i] = draw(st.integers(0, 255))
    return bytes(raw)


def _check(content_dir: Path, blob: bytes) -> None:
    (content_dir / "posters" / "dock.yaml").write_bytes(blob)
    result = load_gallery(content_dir)  # must not raise
    for problem in result.problems:
        assert problem.file and problem.message
        assert problem.line >= 0 and problem.col >= 0
    # every poster file either shows as a poster or has an error that says why not
    files_with_errors = {p.file for p in result.problems if p.is_error}
    for name in ("posters/dock.yaml", "posters/intro.yaml"):
        shown = any(result.gallery.poster(pid) is not None and pid in _ids_in(content_dir / name)
                    for pid in (p.id for p in result.gallery.posters))
        assert shown or name in files_with_errors, name


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


@given(structural_mutants())
def test_structural_mutations_give_problems_not_exceptions(tmp_path_factory, text: str) -> None:
    _check(_fresh(tmp_path_factory), text.encode("utf-8"))


@given(byte_mutants())
def test_byte_mutations_give_problems_not_exceptions(tmp_path_factory, blob: bytes) -> None:
    _check(_fresh(tmp_path_factory), blob)
