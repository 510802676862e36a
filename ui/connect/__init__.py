"""Connecting to the database at start-up, with the unreachable dialog."""
