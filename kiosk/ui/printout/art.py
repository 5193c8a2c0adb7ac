"""Artwork on paper: an SVG stays vector (drawn by ``QSvgRenderer`` from the document the app's
checks rebuilt, never from the file), a raster picture is embedded at no more than
``EMBED_DPI`` at its printed size, and one printed below ``MIN_DPI`` is named in a warning."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.content import artwork
from kiosk.ui.images import checked_svg, decode

log = logging.getLogger(__name__)

MIN_DPI = 150  # below this a printed picture looks soft: the author is told
EMBED_DPI = 300  # a raster picture is never embedded sharper than this (file size)
MM_PER_INCH = 25.4

Warn = Callable[[str], None]


@dataclass
class PrintArt:
    """One picture ready to print: its file, aspect (width / height), and either its vector
    renderer or its pixels."""

    path: Path
    aspect: float
    svg: QSvgRenderer | None = None
    pixels: tuple[int, int] = (0, 0)

    def draw(self, painter: QPainter, rect: QRectF, mm_per_unit: float, warn: Warn) -> None:
        """The picture fitted into ``rect`` (design units; ``mm_per_unit`` turns them into
        millimetres on the paper), centred."""
        width = min(rect.width(), rect.height() * self.aspect)
        height = width / self.aspect
        box = QRectF(
            rect.left() + (rect.width() - width) / 2,
            rect.top() + (rect.height() - height) / 2,
            width,
            height,
        )
        if self.svg is not None:
            self.svg.render(painter, box)
            return
        inches = box.width() * mm_per_unit / MM_PER_INCH
        dpi = self.pixels[0] / inches if inches > 0 else 0.0
        if dpi < MIN_DPI:
            warn(
                f"{self.path.name} is {self.pixels[0]}×{self.pixels[1]} pixels: printed "
                f"{box.width() * mm_per_unit:.0f} mm wide that is {dpi:.0f} dpi, under "
                f"{MIN_DPI}; a copy at least {round(MIN_DPI * inches)} pixels wide prints sharp"
            )
        target = QSize(
            min(self.pixels[0], round(EMBED_DPI * inches)),
            min(self.pixels[1], round(EMBED_DPI * inches / self.aspect)),
        )
        image = decode(self.path, target)  # checked again from its header, then decoded
        if image.isNull():
            warn(f"{self.path.name} could not be decoded: left out of the print")
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(box, image)
        painter.restore()


def load_art(path: Path | None, warn: Warn) -> PrintArt | None:
    """The picture at ``path`` (resolved and checked by the loader) ready to print, or None
    (with a warning naming the file) when it cannot be."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        data = checked_svg(path)
        renderer = QSvgRenderer(QByteArray(data)) if data is not None else None
        if renderer is None or not renderer.isValid():
            warn(f"{path.name} could not be drawn: left out of the print")
            return None
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        view = renderer.viewBoxF()
        aspect = view.width() / view.height() if view.height() > 0 else 1.6
        return PrintArt(path, aspect, svg=renderer)
    try:
        width, height = artwork.check_raster(path, path.name)
        artwork.check_pixels((width, height), path.name)
    except artwork.ArtworkError as exc:
        warn(f"{exc}: left out of the print")
        return None
    return PrintArt(path, width / height, pixels=(width, height))
