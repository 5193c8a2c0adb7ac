"""Pure logic of the kiosk (no Qt): navigation, gestures, timing, the fishbowl session."""
