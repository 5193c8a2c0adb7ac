"""Organisers and partners in gallery.yaml: plain names (old content) or {name, short, logo, alt};
logos checked like any artwork; the credits as they read; the credits line's arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content.credits import described, organisation_groups, role_groups
from kiosk.content.loader import load_gallery
from kiosk.core.flow import Item, flow

SEED = Path("/work/shared/seed/vital-neighborhoods-uclg-2017.txt")
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
    '<rect width="40" height="20" fill="#ffb300"/></svg>\n'
)


def with_organisers(folder: Path, block: str) -> Path:
    """gallery.yaml of ``folder`` with its organisers line replaced by ``block``."""
    gallery = folder / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    assert "organisers: [Harbour Society]\n" in text
    gallery.write_text(text.replace("organisers: [Harbour Society]\n", block), encoding="utf-8")
    return gallery


def line_of(path: Path, needle: str) -> int:
    return next(i for i, t in enumerate(path.read_text().splitlines(), 1) if needle in t)


def test_plain_names_still_load(mini_gallery: Path) -> None:
    result = load_gallery(mini_gallery)
    assert result.problems == []
    settings = result.gallery.settings
    (org,) = settings.organisers
    assert str(org.name) == "Harbour Society" and org.short is None and org.logo is None
    assert settings.partners == ()


def test_a_mapping_gives_short_name_logo_and_alt(mini_gallery: Path) -> None:
    (mini_gallery / "logos").mkdir()
    (mini_gallery / "logos" / "pier.svg").write_text(LOGO)
    with_organisers(
        mini_gallery,
        "organisers:\n"
        "  - name: Harbour Society\n"
        "    short: HS\n"
        "    logo: logos/pier.svg\n"
        "    alt: An orange band\n"
        "  - {en: Dock Union, fr: Syndicat du quai}\n"
        "partners:\n"
        "  - Pier Trust\n",
    )
    result = load_gallery(mini_gallery)
    assert result.problems == []
    g = result.gallery
    groups = organisation_groups(g.settings, g.text)
    assert [gr.heading for gr in groups] == ["Organised by", "In partnership with"]
    hs, dock = groups[0].names
    assert (hs.shown, hs.full, hs.alt) == ("HS", "Harbour Society (HS)", "An orange band")
    assert hs.logo == (mini_gallery / "logos" / "pier.svg").resolve()
    assert (dock.shown, dock.logo) == ("Dock Union", None)
    assert organisation_groups(g.settings, lambda t: g.text(t, "fr"))[0].names[1].shown == (
        "Syndicat du quai"
    )
    assert described(groups) == (
        "Organised by: Harbour Society (HS); Dock Union; In partnership with: Pier Trust"
    )
    assert [gr.described() for gr in role_groups(g.settings, g.text)] == ["Text: Test Author"]


@pytest.mark.parametrize(
    ("logo", "why"),
    [
        ("../outside.svg", "uses '..'"),
        ("/etc/passwd.svg", "is an absolute path"),
        ("logos/missing.svg", "not found"),
    ],
)
def test_a_logo_that_cannot_be_shown_is_an_error_at_its_line_and_the_gallery_loads(
    mini_gallery: Path, logo: str, why: str
) -> None:
    (mini_gallery.parent / "outside.svg").write_text(LOGO)
    gallery = with_organisers(
        mini_gallery,
        f"organisers:\n  - name: Harbour Society\n    logo: {logo}\n  - Dock Union\n",
    )
    result = load_gallery(mini_gallery)
    (error,) = result.errors
    assert error.file == "gallery.yaml" and error.line == line_of(gallery, "logo:")
    assert str(error).startswith(f"gallery.yaml:{error.line}:")
    assert error.message.startswith("the 1st organiser's logo ") and why in error.message
    # the gallery still shows, and the organisation is still named, without the logo
    settings = result.gallery.settings
    assert len(result.gallery.posters) == 2
    assert [str(o.name) for o in settings.organisers] == ["Harbour Society", "Dock Union"]
    assert settings.organisers[0].logo is None


def test_a_logo_with_script_is_refused(mini_gallery: Path) -> None:
    (mini_gallery / "bad.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    with_organisers(mini_gallery, "organisers:\n  - name: Harbour Society\n    logo: bad.svg\n")
    result = load_gallery(mini_gallery)
    assert (
        len(result.errors) == 1 and "the 1st organiser's logo 'bad.svg'" in result.errors[0].message
    )
    assert result.gallery.settings.organisers[0].logo is None


def test_an_organiser_that_is_neither_text_nor_a_mapping(mini_gallery: Path) -> None:
    gallery = with_organisers(mini_gallery, "organisers:\n  - Harbour Society\n  - 42\n")
    (error,) = load_gallery(mini_gallery).errors
    assert error.line == line_of(gallery, "- 42")
    assert error.message.startswith("the 2nd organiser must be a name, or a mapping with name")


def test_the_default_content_uses_the_reports_own_short_names_and_no_logos() -> None:
    result = load_gallery(paths.default_content_dir(), paths.assets_dir())
    settings = result.gallery.settings
    g = result.gallery
    shorts = [g.text(o.short) for o in settings.organisers if o.short]
    assert shorts == ["GSEF", "C.I.T.I.E.S.", "SACN"]
    assert [str(o.name) for o in settings.partners] == ["Metropolis"]
    assert all(o.logo is None for o in (*settings.organisers, *settings.partners))
    if SEED.exists():  # each name and short name as the report writes it
        seed = SEED.read_text(encoding="utf-8")
        for org in (*settings.organisers, *settings.partners):
            assert str(org.name) in seed
            if org.short:
                assert f"{org.name} ({org.short})" in seed


# --- the credits line's arithmetic ------------------------------------------------------------


def more(n: int) -> int:
    return 30


def test_everything_on_one_line_when_it_fits() -> None:
    items = [Item(50, heading=True), Item(40, 5), Item(40, 5)]
    assert flow(items, 200, 1, more).lines == ((0, 1, 2),)


def test_past_the_last_line_the_rest_is_counted_and_the_note_fits() -> None:
    items = [Item(50, heading=True)] + [Item(40, 5) for _ in range(10)]
    laid = flow(items, 200, 1, more)
    (line,) = laid.lines
    used = sum(items[i].width + (items[i].gap if n else 0) for n, i in enumerate(line))
    assert used + more(laid.hidden) <= 200
    assert laid.hidden == 10 - (len(line) - 1)
    assert laid.hidden > 0


def test_a_heading_never_ends_a_line() -> None:
    items = [Item(80, 0), Item(60, 10, heading=True), Item(70, 5)]
    lines = flow(items, 160, 5, more).lines
    assert lines == ((0,), (1, 2))  # the heading moved down with its first name
    short = flow(items, 160, 1, more)
    assert short.lines == ((0,),) and short.hidden == 1  # not a lone heading at the end
