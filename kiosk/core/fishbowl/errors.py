"""How a fishbowl operation fails: refused (a sentence for the facilitator) or broken (a bug).

Every refused operation raises ``FishbowlError`` with a sentence for the facilitator and leaves
the session exactly as it was.
"""

from __future__ import annotations


class FishbowlError(Exception):
    """An operation the session refuses; ``str(error)`` is a sentence to show the facilitator."""


class InvariantError(AssertionError):
    """The session's data broke one of its rules: a bug (or a tampered snapshot)."""
