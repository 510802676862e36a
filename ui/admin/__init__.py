"""Administration: the center's own map (boundary import)."""
