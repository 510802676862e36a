"""Signing in, and the forced password change."""
