"""Every word of the phone remote shown in the app, in one place, marked for translation
(shown through ctx.tr). The phone page's own words are in assets/remote/index.html and
remote.js; the refusals sent to the phone (GALLERY_BUSY, NO_SUCH_POSTER, NOT_DONE) stay in
the page's English."""

from __future__ import annotations

from kiosk.i18n import N_

TITLE = N_("Phone remote")
SCAN = N_("Scan with the phone's camera, or open this address on a phone on the same network:")
TOKEN_NOTE = N_(
    "Whoever has this code controls the screen. It changes at every start. "
    "Close this card once the phone is connected if the room can see it."
)
TOKEN_SHORT = N_("Whoever has this code controls the screen; it changes at every start.")
LOOPBACK_NOTE = N_("No local network was found: only this computer can open the remote.")
CLOSE = N_("Close")
GALLERY_BUSY = "The gallery is busy (an organiser's screen is open)"
NO_SUCH_POSTER = "There is no such poster"
NOT_DONE = "That could not be done now"
QR_ACCESSIBLE = N_("QR code of the phone remote's address")
SWITCH_ON = N_("Turn the phone remote on")
SWITCH_OFF = N_("Turn the phone remote off")
STATE_OFF = N_("Off: nothing listens on the network.")
STATE_FAILED = N_("It could not start: the log says why.")
SHOW_CARD = N_("Phone  P")  # the fishbowl strip's button, its key beside it
SHOW_CARD_ACCESSIBLE = N_("Show the phone remote's code again (P)")
