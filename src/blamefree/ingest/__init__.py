"""Blamefree ingest."""
