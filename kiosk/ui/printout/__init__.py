"""``kiosk print``: the posters and the handout as PDF, drawn with Qt's ``QPdfWriter``."""
