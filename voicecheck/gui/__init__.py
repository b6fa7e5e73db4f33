"""PySide6 desktop app: Review, Batch and Style guide workspaces."""
