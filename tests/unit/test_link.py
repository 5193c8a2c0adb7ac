"""A poster's ``link:``: http or https web addresses only, each refusal at its line with a plain
sentence; a poster without one has none (the default content links only to what the report
names, and it names no web address); the QR code's matrix carries the address."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.core.qr import QUIET, qr_code, short_address


def with_link(content: Path, value: str) -> int:
    """``link: value`` appended to the dock poster; the line it is on."""
    path = content / "posters" / "dock.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + f"link: {value}\n", encoding="utf-8")
    return text.count("\n") + 1


def test_a_web_address_is_kept(mini_gallery: Path) -> None:
    with_link(mini_gallery, "https://example.org/dock")
    result = load_gallery(mini_gallery, paths.assets_dir())
    assert result.ok, result.problems
    poster = result.gallery.poster("dock-cooperative")
    assert poster is not None and poster.link == "https://example.org/dock"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("ftp://example.org/x", "must begin with https:// or http://"),
        ("mailto:learning@uclg.org", "must begin with https:// or http://"),
        ("javascript:alert(1)", "must begin with https:// or http://"),
        ("example.org/dock", "must begin with https:// or http://"),
        ("'https://'", "has no site name"),
        ("'https://me:secret@example.org/'", "user name or password"),
        ("'https://example.org/a b'", "has a space in it"),
        ("[https://example.org]", "must be a web address, not a list"),
        ("https://example.org/" + "x" * 400, "over the limit of 300"),
    ],
)
def test_a_wrong_link_is_an_error_at_its_line(mini_gallery: Path, value: str, says: str) -> None:
    line = with_link(mini_gallery, value)
    result = load_gallery(mini_gallery, paths.assets_dir())
    errors = [p for p in result.errors if p.file == "posters/dock.yaml"]
    assert len(errors) == 1, result.problems
    assert errors[0].line == line and says in errors[0].message and "link" in errors[0].message
    # the rest of the gallery still loads
    assert result.gallery.poster("harbour-intro") is not None


def test_the_default_content_links_only_to_what_the_report_names() -> None:
    # the report names one address, an e-mail (learning@uclg.org, in the credits), and no web
    # address for any case: no poster of the default content carries a link
    result = load_gallery(paths.default_content_dir(), paths.assets_dir())
    assert [p.id for p in result.gallery.posters if p.link] == []


def test_the_qr_matrix_is_the_address() -> None:
    url = "https://example.org/cases/technopole-angus"
    code = qr_code(url)
    assert code.size == len(code.rows[0]) and code.side == code.size + 2 * QUIET
    # a QR code's size is 17 + 4 × version modules; the three finder patterns' corners are dark
    assert (code.size - 17) % 4 == 0
    assert code.rows[0][0] and code.rows[0][-1] and code.rows[-1][0]
    # segno reads the matrix back the same way: the same text gives the same modules
    assert qr_code(url + "/").rows != code.rows
    assert short_address(url + "/") == "example.org/cases/technopole-angus"
