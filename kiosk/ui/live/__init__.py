"""Live reload: the content folder watched, edits validated and applied."""
