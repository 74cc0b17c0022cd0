"""Blamefree lint."""
