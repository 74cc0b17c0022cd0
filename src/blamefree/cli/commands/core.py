"""Core commands: init, new, import, export, list, show, serve, demo."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the core commands to the root app."""
