"""A text's direction from its first strong letter (kiosk.core.direction)."""

from __future__ import annotations

import pytest

from kiosk.core.direction import is_right_to_left


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("الاقتصاد الاجتماعي", True),
        ("“الاقتصاد”", True),  # punctuation first: the first letter decides
        ("2017 مونتريال", True),  # digits are weak
        ("שלום", True),  # Hebrew
        ("Montréal الاقتصاد", False),
        ("사회연대경제", False),
        ("社会团结经济", False),
        ("4 718", False),  # no strong letter at all
        ("", False),
    ],
)
def test_the_first_strong_letter_decides(text: str, rtl: bool) -> None:
    assert is_right_to_left(text) is rtl
