"""The gallery's screens: home and overview, the poster page, the deck that swipes between
posters, and touch."""
