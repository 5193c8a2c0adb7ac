"""The names of a content folder's files (light: what watches the folder needs no loader)."""

GALLERY_FILE = "gallery.yaml"
QUOTES_FILE = "quotes.yaml"
FISHBOWL_FILE = "fishbowl.yaml"
POSTERS_DIR = "posters"
