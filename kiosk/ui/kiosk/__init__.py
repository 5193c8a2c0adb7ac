"""Unattended kiosk mode: activity, idle reset, attract loop, admin PIN and screen, the display
kept awake."""
