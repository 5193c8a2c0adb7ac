"""A poster's link on screen: a QR code beside a caption, which a phone's reader decodes to
the address (``zbarimg`` on a grab of the live window); none on a poster without a link."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.ui.qr import QrView


def with_link(content: Path, url: str) -> None:
    path = content / "posters" / "dock.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"\nlink: {url}\n", encoding="utf-8")


def test_the_qr_code_on_the_poster_decodes(make_window, mini_gallery: Path, tmp_path: Path) -> None:  # noqa: ANN001
    url = "https://example.org/dock-cooperative"
    with_link(mini_gallery, url)
    window = make_window(mini_gallery)
    assert window.nav.open_id("dock-cooperative")
    window.ctx.images.wait()
    views = [v for v in window.findChildren(QrView) if v.isVisibleTo(window)]
    assert len(views) == 1
    view = views[0]
    assert view.accessibleName() == "QR code: example.org/dock-cooperative"
    assert view.width() >= view.code.side * 3  # at least 3 pixels a module
    png = tmp_path / "qr.png"
    assert view.grab().toImage().scaled(view.width() * 2, view.height() * 2).save(str(png))
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.fail("zbarimg is not installed: apt-get install zbar-tools", pytrace=False)
    done = subprocess.run(
        [zbar, "-q", "--raw", str(png)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == url


def test_no_link_no_code(make_window, mini_gallery: Path) -> None:  # noqa: ANN001
    window = make_window(mini_gallery)
    assert window.nav.open_id("dock-cooperative")
    assert window.findChildren(QrView) == []
