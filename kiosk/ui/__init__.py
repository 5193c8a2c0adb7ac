"""The widgets: thin views over the content model and the core logic."""
