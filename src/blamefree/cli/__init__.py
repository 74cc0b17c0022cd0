"""Blamefree cli."""
