"""Blamefree document."""
