"""What a phone is sent: the state of the presenter's gallery or of the fishbowl, as plain JSON
data, built from their owners (read only). The phone shows it and nothing else."""

from __future__ import annotations

from typing import Any

from kiosk.content.model import Gallery
from kiosk.content.notes import points
from kiosk.core.fishbowl.session import FishbowlSession, State
from kiosk.core.navigation import NavState
from kiosk.core.presenter import sequence


def presenter_state(
    gallery: Gallery, nav: NavState, blackout: bool, lang: str | None = None
) -> dict[str, Any]:
    """The poster on the room's screen, the next one, the notes, the list; ``screen``: home,
    poster, overview or quotes."""
    posters = gallery.posters
    seq = sequence(nav, len(posters))

    def title(index: int | None) -> str | None:
        return None if index is None else gallery.text(posters[index].title, lang)

    current = posters[seq.current] if seq.current is not None else None
    return {
        "kind": "present",
        "screen": nav.screen.value,
        "index": seq.current,
        "count": len(posters),
        "title": title(seq.current),
        "city": gallery.text(current.city, lang) if current is not None else None,
        "next_title": title(seq.upcoming),
        "notes": points(gallery.notes_for(current.id, lang)) if current is not None else [],
        "blackout": blackout,
        "posters": [gallery.text(p.title, lang) for p in posters],
    }


def fishbowl_state(
    session: FishbowlSession, offered_next: str | None, said: str = ""
) -> dict[str, Any]:
    """The fishbowl as the facilitator needs it away from the laptop: the clocks (seconds left
    as of this message; the phone counts down from them while ``running``), who speaks, who
    is next, the queue, the chairs, the message to the circle, and the controller's last
    sentence (a refusal says why)."""
    speaker = session.speaker
    running = session.state is State.RUNNING
    active = session.state in (State.RUNNING, State.PAUSED)
    return {
        "kind": "fishbowl",
        "state": session.state.value,
        "running": running,
        "question": session.question,
        "speaker": speaker.label if speaker is not None else None,
        "turn_remaining": session.turn_remaining() if active and speaker is not None else None,
        "turn_phase": session.turn_phase().value,
        "session_remaining": session.session_remaining() if active else None,
        "next": offered_next,
        "queue": list(session.queue_names()),
        "chairs": [
            {"chair": c.index, "label": c.label, "occupied": c.occupied, "speaking": c.speaking}
            for c in session.chairs()
        ],
        "message": session.message,
        "said": said,
    }
