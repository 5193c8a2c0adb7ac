"""The display's next repaint falls exactly where the label changes."""

from __future__ import annotations

import pytest

from kiosk.core.fishbowl.text import format_clock
from kiosk.core.ticks import until_label_changes


@pytest.mark.parametrize("remaining", [180.0, 179.5, 30.001, 0.999, 0.0, -0.2, -12.75, 3600.4])
def test_label_changes_exactly_after_the_delay(remaining: float) -> None:
    d = until_label_changes(remaining)
    assert 0 < d <= 1
    if d < 0.002:  # the label lasts an instant (exactly 0:00)
        assert format_clock(remaining - 0.002) != format_clock(remaining)
        return
    before = format_clock(remaining - d + 0.002)
    after = format_clock(remaining - d - 0.002)
    assert before == format_clock(remaining)  # the label holds until then ...
    assert after != before  # ... and changes right at it
