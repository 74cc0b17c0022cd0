"""Blamefree integrations."""
