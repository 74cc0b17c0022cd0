"""Blamefree store."""
