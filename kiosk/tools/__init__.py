"""Developer tools run with ``python -m`` (screenshots for the docs)."""
