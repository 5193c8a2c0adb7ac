"""Development tools, not shipped in the bundle: the soak, the screenshots, the theme and the
sounds rendered."""
