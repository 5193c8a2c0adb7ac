"""Every word of the phone remote shown in the app, in one place (for translation later). The
phone page's own words are in assets/remote/index.html and remote.js."""

from __future__ import annotations

TITLE = "Phone remote"
SCAN = "Scan with the phone's camera, or open this address on a phone on the same network:"
TOKEN_NOTE = (
    "Whoever has this code controls the screen. It changes at every start. "
    "Close this card once the phone is connected if the room can see it."
)
TOKEN_SHORT = "Whoever has this code controls the screen; it changes at every start."
LOOPBACK_NOTE = "No local network was found: only this computer can open the remote."
PHONES = "{n} phone(s) connected"
CLOSE = "Close"
GALLERY_BUSY = "The gallery is busy (an organiser's screen is open)"
NO_SUCH_POSTER = "There is no such poster"
NOT_DONE = "That could not be done now"
QR_ACCESSIBLE = "QR code of the phone remote's address"
SWITCH_ON = "Turn the phone remote on"
SWITCH_OFF = "Turn the phone remote off"
STATE_OFF = "Off: nothing listens on the network."
STATE_FAILED = "It could not start: the log says why."
SHOW_CARD = "Phone  P"  # the fishbowl strip's button, its key beside it
SHOW_CARD_ACCESSIBLE = "Show the phone remote's code again (P)"
