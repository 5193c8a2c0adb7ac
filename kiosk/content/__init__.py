"""The content model and its loader: plain Python, no Qt."""
