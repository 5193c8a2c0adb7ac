"""Quotes: the rotating carousel and the full-screen quotes screen."""
