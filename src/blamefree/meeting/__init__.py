"""Blamefree meeting."""
