"""``kiosk print``: the posters and the handout as PDF, checked by a second reader (poppler):
the page size and count (``pdfinfo``), every font embedded (``pdffonts``), the text read back
(``pdftotext``) against the YAML's, every page rendered (``pdftoppm``); an A0 poster's file
size; a poster's link as a QR code that decodes (``zbarimg``, on paper and on screen); a
picture too coarse for its printed size named in a warning; another language printed.

CI installs poppler-utils and zbar-tools (.ci/run); without them these tests fail and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk import paths
from kiosk.content.loader import load_gallery
from kiosk.content.model import Gallery, Poster
from kiosk.ui.printout.document import print_posters
from kiosk.ui.printout.handout import print_handout

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
A1_PTS = (1683.78, 2383.94)
A4_PTS = (595.28, 841.89)
A0_PTS = (2383.94, 3370.39)


def tool(name: str, package: str = "poppler-utils") -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: apt-get install {package} (.ci/run installs it)",
            pytrace=False,
        )
    return found


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = run(tool("pdfinfo"), "-f", "1", "-l", "999", str(pdf))
    return [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    ]


def page_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run(tool("pdftotext"), "-raw", *pages, str(pdf), "-")


def squeezed(text: str) -> str:
    """Text without any whitespace: a line broken anywhere still matches."""
    return re.sub(r"\s+", "", text.replace("**", ""))


def poster_texts(gallery: Gallery, poster: Poster, lang: str | None = None) -> list[str]:
    """Every text of the poster the print must carry: title, tagline, paragraphs, bullets,
    captions, facts, lessons, quotes, sources."""
    t = lambda v: gallery.text(v, lang)  # noqa: E731
    texts = [t(poster.title), t(poster.tagline)]
    for s in poster.sections:
        texts += [t(s.heading), *map(t, s.paragraphs), *map(t, s.bullets), t(s.caption)]
    for f in poster.facts:
        value = f.value_text(lang, gallery.default_language)
        texts += [value, t(f.unit), t(f.label), t(f.note), t(f.group)]
    texts += [*map(t, poster.lessons), *map(t, poster.sources)]
    texts += [t(q.text) for q in gallery.quotes_for(poster.id)]
    return [x for x in texts if x]


@pytest.fixture(scope="module")
def gallery() -> Gallery:
    result = load_gallery(CONTENT, paths.assets_dir())
    assert result.ok, result.problems
    return result.gallery


@pytest.fixture(scope="module")
def a1(qapp, gallery: Gallery, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: ANN001
    out = tmp_path_factory.mktemp("print") / "posters-a1.pdf"
    result = print_posters(gallery, out, "A1")
    assert result.warnings == []  # every default poster fits its page, no coarse picture
    assert result.pages == len(gallery.posters)
    return out


@pytest.fixture(scope="module")
def handout(qapp, gallery: Gallery, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: ANN001
    out = tmp_path_factory.mktemp("print") / "handout.pdf"
    result = print_handout(gallery, out)
    assert result.warnings == []
    return out


def test_six_posters_one_a1_page_each(a1: Path, gallery: Gallery) -> None:
    sizes = page_sizes(a1)
    assert len(sizes) == len(gallery.posters) == 7
    for w, h in sizes:
        assert w == pytest.approx(A1_PTS[0], abs=1) and h == pytest.approx(A1_PTS[1], abs=1)


def test_every_font_is_embedded(a1: Path, handout: Path) -> None:
    for pdf in (a1, handout):
        rows = run(tool("pdffonts"), str(pdf)).splitlines()[2:]
        assert rows, "no fonts listed: the text would not be text"
        for row in rows:
            # name type encoding emb sub uni object ID: 'emb' is the fourth column from the end
            assert row.split()[-5] == "yes", f"{pdf.name}: font not embedded: {row}"
        # the app's own font only: the print is the same on any machine, the bundle's included
        assert {row.split()[0].split("+")[-1] for row in rows} <= {
            "Roboto-Regular",
            "Roboto-Bold",
            "Roboto-Italic",
            "Roboto-Medium",
        }, rows


def test_each_page_carries_its_posters_texts(a1: Path, gallery: Gallery) -> None:
    for number, poster in enumerate(gallery.posters, start=1):
        text = squeezed(page_text(a1, number))
        missing = [x for x in poster_texts(gallery, poster) if squeezed(x) not in text]
        assert missing == [], f"page {number} ({poster.id}) lacks: {missing[:3]}"
        assert f"Page{number}of{len(gallery.posters)}" in text
        assert squeezed(gallery.text(gallery.settings.title)) in text  # the footer's event
        assert "learning@uclg.org" in text  # the credits, as gallery.yaml gives them


def test_handout_has_the_cover_every_poster_and_the_source(handout: Path, gallery: Gallery) -> None:
    sizes = page_sizes(handout)
    assert len(sizes) > len(gallery.posters)
    assert all(w == pytest.approx(A4_PTS[0], abs=1) for w, _h in sizes)
    cover = squeezed(page_text(handout, 1))
    source = next(c for c in gallery.settings.credits if gallery.text(c.role) == "Source")
    assert squeezed(gallery.text(source.names[0])) in cover
    assert squeezed("UCLG Learning, learning@uclg.org") in cover
    # the pages' text without their footers (drawn last on each page): a paragraph that runs
    # onto the next page reads on
    footer = squeezed(gallery.text(gallery.settings.title)) + ":"
    whole = "".join(
        squeezed(page_text(handout, n)).rsplit(footer, 1)[0] for n in range(1, len(sizes) + 1)
    )
    for poster in gallery.posters:
        missing = [x for x in poster_texts(gallery, poster) if squeezed(x) not in whole]
        assert missing == [], f"the handout lacks from {poster.id}: {missing[:3]}"
    # the contents' page numbers point at each poster's first page
    for poster in gallery.posters:
        listed = re.search(re.escape(squeezed(gallery.text(poster.title))) + r"·page(\d+)", cover)
        assert listed, poster.id
        first = squeezed(page_text(handout, int(listed.group(1))))
        assert squeezed(gallery.text(poster.title)) in first


def test_every_page_renders_in_a_second_reader(a1: Path, handout: Path, tmp_path: Path) -> None:
    for pdf, count in ((a1, 7), (handout, len(page_sizes(handout)))):
        stem = tmp_path / pdf.stem
        run(tool("pdftoppm"), "-r", "24", "-png", str(pdf), str(stem))
        pngs = sorted(tmp_path.glob(f"{pdf.stem}-*.png"))
        assert len(pngs) == count
        for png in pngs:
            image = QImage(str(png))
            assert not image.isNull()
            # dark text on white paper: mostly white, and something drawn on it
            inked = sum(
                1
                for y in range(0, image.height(), 2)
                for x in range(0, image.width(), 2)
                if QColor(image.pixel(x, y)).lightness() < 180
            )
            sampled = (image.width() // 2) * (image.height() // 2)
            assert 0.005 * sampled < inked < 0.6 * sampled, f"{png.name}: {inked} of {sampled}"


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_an_a0_poster_from_the_command_line_stays_small(tmp_path: Path) -> None:
    out = tmp_path / "montreal-a0.pdf"
    done = kiosk("print", "--size", "A0", "--poster", "montreal-technopole-angus", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 poster at A0, 1 page" in done.stdout
    assert page_sizes(out) == [pytest.approx(A0_PTS, abs=1)]
    assert out.stat().st_size < 20 * 1024 * 1024
    assert "Technopole Angus" in page_text(out)


def test_command_line_mistakes_are_named(tmp_path: Path) -> None:
    done = kiosk("print", "--poster", "nowhere", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert "no poster 'nowhere'" in done.stderr and "montreal-technopole-angus" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
    done = kiosk("print", str(tmp_path / "no-such-folder" / "x.pdf"))
    assert done.returncode == 2 and "does not exist" in done.stderr


def with_link(content: Path, poster_file: str, url: str) -> None:
    path = content / "posters" / poster_file
    path.write_text(path.read_text(encoding="utf-8") + f"\nlink: {url}\n", encoding="utf-8")


def test_a_link_prints_as_a_qr_code_that_decodes(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    url = "https://example.org/cases/technopole-angus"
    with_link(content, "montreal-technopole-angus.yaml", url)
    gallery = load_gallery(content, paths.assets_dir()).gallery
    poster = gallery.poster("montreal-technopole-angus")
    assert poster is not None and poster.link == url
    out = tmp_path / "linked.pdf"
    print_posters(gallery, out, "A4", [poster])
    text = squeezed(page_text(out))
    assert squeezed("Take this case home") in text and squeezed("example.org/cases/") in text
    run(tool("pdftoppm"), "-r", "150", "-png", str(out), str(tmp_path / "linked"))
    png = next(tmp_path.glob("linked*.png"))
    decoded = run(tool("zbarimg", "zbar-tools"), "-q", "--raw", str(png)).strip()
    assert decoded == url


def test_a_coarse_picture_is_named_in_a_warning(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    small = QImage(160, 100, QImage.Format.Format_RGB32)
    small.fill(QColor("#336699"))
    assert small.save(str(content / "small-photo.png"))
    path = content / "posters" / "montreal-technopole-angus.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("artwork: art/montreal-technopole-angus.svg", "artwork: small-photo.png"),
        encoding="utf-8",
    )
    gallery = load_gallery(content, paths.assets_dir()).gallery
    poster = gallery.poster("montreal-technopole-angus")
    assert poster is not None
    result = print_posters(gallery, tmp_path / "coarse.pdf", "A1", [poster])
    coarse = [w for w in result.warnings if "small-photo.png" in w]
    assert len(coarse) == 1 and "dpi, under 150" in coarse[0]
    # the picture is still printed: the page renders with it
    assert page_sizes(tmp_path / "coarse.pdf") == [pytest.approx(A1_PTS, abs=1)]


def test_another_language_is_printed_through_the_gallerys_lookup(
    qapp,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """The shipped gallery is in English, French and Spanish: --lang prints the language."""
    gallery = load_gallery(CONTENT, paths.assets_dir()).gallery
    poster = gallery.poster("transferability")
    assert poster is not None
    french, english = gallery.text(poster.title, "fr"), gallery.text(poster.title, "en")
    assert french != english
    print_posters(gallery, tmp_path / "fr.pdf", "A4", [poster], lang="fr")
    print_posters(gallery, tmp_path / "en.pdf", "A4", [poster], lang="en")
    assert squeezed(french) in squeezed(page_text(tmp_path / "fr.pdf"))
    assert squeezed(french) not in squeezed(page_text(tmp_path / "en.pdf"))
    assert squeezed(english) in squeezed(page_text(tmp_path / "en.pdf"))


def test_an_a0_poster_with_a_large_photo_stays_under_20_mb(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    """The worst case for size: a photo of pure noise (JPEG cannot compress it), 4000×2500,
    as the header's picture of an A0 poster (printed 218 mm wide: embedded at <= 300 dpi)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    width, height = 4000, 2500
    noise = QImage(
        os.urandom(width * height * 3), width, height, width * 3, QImage.Format.Format_RGB888
    )
    assert noise.save(str(content / "photo.jpg"), quality=92)
    path = content / "posters" / "montreal-technopole-angus.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "artwork: art/montreal-technopole-angus.svg", "artwork: photo.jpg"
        ),
        encoding="utf-8",
    )
    gallery = load_gallery(content, paths.assets_dir()).gallery
    poster = gallery.poster("montreal-technopole-angus")
    assert poster is not None and poster.artwork is not None
    out = tmp_path / "photo-a0.pdf"
    result = print_posters(gallery, out, "A0", [poster])
    assert result.warnings == []  # 4000 pixels over ~13 inches: well over 150 dpi
    assert out.stat().st_size < 20 * 1024 * 1024  # measured: 6.6 to 7.0 MB
    images = run(tool("pdfimages"), "-list", str(out)).splitlines()[2:]
    assert len(images) == 1 and int(images[0].split()[3]) <= width  # embedded, not upscaled


def test_an_svg_changed_after_loading_is_checked_again(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    """The print draws only the document the app's SVG checks rebuilt: a file swapped for a
    hostile one after the content was loaded is refused, named, and the rest still prints."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(REPO / "assets" / "art", content / "art")  # found in content/ first
    gallery = load_gallery(content, tmp_path / "no-assets").gallery
    poster = gallery.poster("montreal-technopole-angus")
    assert poster is not None and poster.artwork is not None
    assert poster.artwork.path == (content / "art" / "montreal-technopole-angus.svg").resolve()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for print", encoding="utf-8")
    poster.artwork.path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&s;</text></svg>',
        encoding="utf-8",
    )
    out = tmp_path / "swapped.pdf"
    result = print_posters(gallery, out, "A4", [poster])
    assert result.warnings == [
        "montreal-technopole-angus.svg could not be drawn: left out of the print"
    ]
    text = page_text(out)
    assert "Technopole Angus" in text and "not for print" not in text
