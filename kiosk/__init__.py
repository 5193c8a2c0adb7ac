"""Poster gallery kiosk: the UCLG peer-learning workshop on the Social and Solidarity Economy."""

__version__ = "0.1.0"
