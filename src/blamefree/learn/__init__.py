"""Blamefree learn."""
