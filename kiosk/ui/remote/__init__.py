"""The phone remote (``--remote`` on ``kiosk present`` and ``kiosk fishbowl``): the server inside
the app, what it drives, and the QR code that hands a phone its address and token."""
