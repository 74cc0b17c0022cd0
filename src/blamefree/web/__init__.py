"""Blamefree web."""
