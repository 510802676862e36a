"""设置: the settings page (language now; more later)."""
