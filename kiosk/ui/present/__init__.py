"""The presenter's console (``kiosk present``): the current and next poster, the speaker notes,
the clocks and the poster list on the laptop's screen, while the audience sees the gallery."""
