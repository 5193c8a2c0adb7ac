"""Every word the presenter's console shows, in one place (for translation later)."""

from __future__ import annotations

from kiosk.core.talk import TalkState

WINDOW_TITLE = "Presenter console"
NOW = "Now on the screen"
NEXT = "Next"
NOTES = "Notes"
NOTES_FOR = "Notes: {title}"
NO_NOTES = "No notes for this poster (content/notes.yaml)."
NOTES_OFF_POSTER = "The notes follow the poster on the screen."
END_OF_SHOW = "The end: this is the last poster."
POSTERS = "Posters"
ELAPSED = "Elapsed"
TIME_OF_DAY = "Time"
COUNTDOWN = "Left"
NO_COUNTDOWN = "no countdown"
PAUSED = "paused"
PAUSE = "Pause"
RESUME = "Resume"
RESTART = "Restart"
LESS = "−5 min"
MORE = "+5 min"
BACK_TO_GALLERY = "Back to the gallery"

# the countdown's state in words (never colour alone)
STATE_WORDS = {
    TalkState.OFF: "",
    TalkState.NORMAL: "on time",
    TalkState.WARNING: "last minutes",
    TalkState.OVERTIME: "over time",
}

SCREEN_NAMES = {
    "home": "The home screen",
    "overview": "The overview of all posters",
    "quotes": "The quotes",
}
BLACKED_OUT = "The screen is blacked out (B or . to show it)"

KEYS_HINT = (
    "PageDown →  next    PageUp ←  previous    B  blackout    Esc  overview    "
    "↑ ↓  scroll the notes    S  pause the clock"
)
PEEK_HINT = "C  back to the gallery"

# accessible names
ACCESSIBLE_NOW = "What the audience sees now"
ACCESSIBLE_NEXT = "The next poster"
ACCESSIBLE_NOTES = "Speaker notes"
ACCESSIBLE_LIST = "All posters: choose one to show it"
