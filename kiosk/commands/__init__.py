"""The commands, one module each: ``kiosk`` (the gallery), shot, fishbowl, validate, set-pin
and --self-test."""
