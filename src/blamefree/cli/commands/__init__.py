"""Blamefree cli/commands."""
