"""Blamefree: blameless postmortems that close the loop."""

__version__ = "0.1.0"
