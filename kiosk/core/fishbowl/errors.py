"""How a fishbowl operation fails: refused (a sentence for the facilitator) or broken (a bug).

Every refused operation raises ``FishbowlError`` with a sentence for the facilitator and leaves
the session exactly as it was.
"""

from __future__ import annotations

from kiosk.i18n import Said, Translator


class FishbowlError(Exception):
    """An operation the session refuses; ``str(error)`` is a sentence to show the facilitator,
    in English; ``in_language(t)`` says it in the facilitator's language.

    The sentence is a marked msgid (``N_``) and the values of its placeholders, so that the
    screen can translate it: ``FishbowlError(N_("{chair} is taken"), chair=chair_name(2))``.
    """

    def __init__(self, msgid: str, **values: object) -> None:
        self.said = Said(msgid, **values)
        super().__init__(str(self.said))

    def in_language(self, t: Translator) -> str:
        return self.said.in_language(t)


class InvariantError(AssertionError):
    """The session's data broke one of its rules: a bug (or a tampered snapshot)."""
