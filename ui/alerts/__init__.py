"""The alert bell in the main window."""
