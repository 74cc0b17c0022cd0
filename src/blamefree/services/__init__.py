"""Blamefree services."""
