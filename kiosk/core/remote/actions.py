"""What a phone may ask for, checked before anything acts on it.

A phone sends a JSON object such as ``{"do": "next"}``, ``{"do": "goto", "index": 2}`` or
``{"do": "join", "name": "Ana"}``. ``parse_action`` returns the one ``Action`` it means for the
remote in use (the presenter's or the fishbowl's), or raises ``ActionError`` with a sentence;
names and messages are trimmed and capped. What each action does is decided by its owner (the
gallery's navigation and modes, the fishbowl's session through its controller), never here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

RemoteKind = Literal["present", "fishbowl"]

PRESENT_ACTIONS = ("next", "previous", "blackout", "overview", "goto")
FISHBOWL_ACTIONS = (
    "next_speaker",
    "pause",
    "join",
    "leave",
    "queue",
    "more",
    "less",
    "message",
    "clear_message",
)
MAX_NAME = 60
MAX_MESSAGE = 200
MAX_MESSAGE_BYTES = 2048


class ActionError(ValueError):
    """A message from a phone that is not an action of this remote."""


@dataclass(frozen=True)
class Action:
    name: str
    index: int | None = None  # goto: the poster (0-based); leave: the chair
    text: str = ""  # join, queue: the name; message: the message

    def describe(self) -> str:
        """For the log: what was asked, never more than its caps."""
        extra = f" {self.index}" if self.index is not None else ""
        return f"{self.name}{extra}" + (f" {self.text!r}" if self.text else "")


def _text(data: dict, key: str, cap: int, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ActionError(f"'{key}' must be text")
    value = " ".join(value.split())
    if required and not value:
        raise ActionError(f"'{key}' is empty")
    if len(value) > cap:
        raise ActionError(f"'{key}' is longer than {cap} characters")
    return value


def _index(data: dict, key: str, required: bool) -> int | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1000:
        raise ActionError(f"'{key}' must be a whole number from 0")
    return value


def parse_action(raw: bytes | str, kind: RemoteKind) -> Action:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ActionError("the message is too long")
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ActionError("the message is not JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("do"), str):
        raise ActionError('the message must be an object with "do"')
    name = data["do"]
    allowed = PRESENT_ACTIONS if kind == "present" else FISHBOWL_ACTIONS
    if name not in allowed:
        raise ActionError(f"'{name[:40]}' is not an action of this remote")
    if name == "goto":
        return Action(name, index=_index(data, "index", required=True))
    if name == "leave":
        return Action(name, index=_index(data, "chair", required=False))
    if name in ("join", "queue"):
        return Action(name, text=_text(data, "name", MAX_NAME, required=name == "queue"))
    if name == "message":
        return Action(name, text=_text(data, "text", MAX_MESSAGE, required=True))
    return Action(name)
