"""The pages of the main window (one per step on the left)."""
