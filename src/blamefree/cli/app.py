"""The `blamefree` command: Typer root, top-level error handler and exit codes.

Exit codes: 0 clean, 1 lint findings at or above --fail-on, 2 bad input or usage.
Expected errors (BlamefreeError) print one red line to stderr, never a traceback.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from blamefree.cli.console import err
from blamefree.domain.errors import BlamefreeError

EXIT_USAGE = 2


class _Root(TyperGroup):
    """Root group that turns expected errors into one readable line and exit code 2."""

    def invoke(self, ctx: Any) -> Any:  # click.Context; typer may vendor its own click
        try:
            return super().invoke(ctx)
        except BlamefreeError as error:
            err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, markup=True)
            raise typer.Exit(EXIT_USAGE) from error


app = typer.Typer(
    cls=_Root,
    name="blamefree",
    help="Blameless postmortems that close the loop.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register() -> None:
    """Attach every command module; each module exposes `register(app)`."""
    from blamefree.cli.commands import core

    core.register(app)
    __import__("blamefree.cli.commands.lint", fromlist=["register"]).register(app)
    __import__("blamefree.cli.commands.meeting", fromlist=["register"]).register(app)
    __import__("blamefree.cli.commands.timeline", fromlist=["register"]).register(app)


_register()


def main() -> None:
    """Entry point of the `blamefree` console script."""
    app()
