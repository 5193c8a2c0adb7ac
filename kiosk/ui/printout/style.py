"""The print's measures: page sizes, design units, and the two looks (a wall poster of one
page, an A4 handout that reads at arm's length). Sizes are points and millimetres on an A4 page;
a larger page draws the same design scaled up (an A1 poster's body text is 2.83 times the A4
size)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QFont

from kiosk.ui.pdf import pdf_font

DPI = 300  # design units per inch: a design unit is a 300 dpi pixel of the A4 design page
DESIGN_MM = (210.0, 297.0)  # A4: every A size has its proportions
SIZES_MM: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
}
# the lessons' and contents' marker: Roboto has no "→", and a glyph from a fallback font would
# differ from machine to machine (or be missing in the bundle); "›" is in the shipped font
ARROW = "›"
MIN_PT = 4.25  # the smallest type on the design page: 12 pt on A1, 17 pt on A0


def mm(value: float) -> float:
    """Millimetres on the design page in design units."""
    return value * DPI / 25.4


@dataclass(frozen=True)
class Look:
    """Type sizes (points on the design page), columns and margins of one kind of print."""

    title: float
    lead: float
    heading: float
    body: float
    small: float
    value: float
    kicker: float
    columns: int
    margin_mm: float
    gutter_mm: float
    art_max_mm: float  # the header's picture is never taller than this
    qr_mm: float  # the QR code's side, quiet zone included
    fact_columns: int
    footer: float  # the footer's type (event, credits, page number): never scaled
    scale: float = 1.0  # all type and spacing, for fitting a poster onto its page

    def scaled(self, scale: float, columns: int | None = None) -> Look:
        return replace(self, scale=scale, columns=columns or self.columns)

    def pt(self, size: float) -> float:
        """A type size fitted by ``scale``, never under ``MIN_PT`` (12 pt on A1)."""
        return max(MIN_PT, size * self.scale)

    def font(self, size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        return pdf_font(self.pt(size), weight)

    def italic(self, size: float) -> QFont:
        return pdf_font(self.pt(size), QFont.Weight.Normal, italic=True)

    def space(self, mm_value: float) -> float:
        return mm(mm_value * self.scale)


# A wall poster: one page, three columns; fitted (scale) so the whole case fits on it.
POSTER = Look(
    title=30,
    lead=13,
    heading=12.5,
    body=9,
    small=7.5,
    value=15,
    kicker=9.5,
    columns=3,
    margin_mm=11,
    gutter_mm=6,
    art_max_mm=64,
    qr_mm=30,
    fact_columns=6,
    footer=5.6,
)
POSTER_SCALES = (0.5, 1.3)  # the smallest and largest fit tried
POSTER_COLUMNS = (3, 4)

# The handout: A4 pages, two columns, type for reading in the hand; as many pages as a case needs.
HANDOUT = Look(
    title=22,
    lead=11.5,
    heading=11.5,
    body=9.5,
    small=8,
    value=15,
    kicker=9,
    columns=2,
    margin_mm=15,
    gutter_mm=7,
    art_max_mm=55,
    qr_mm=26,
    fact_columns=4,
    footer=7,
)
