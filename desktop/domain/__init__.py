"""Pure rules: no database, no Qt, no display text."""
