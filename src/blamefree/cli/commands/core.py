"""Core commands: init, new, import, export, list, show, serve, demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from blamefree.cli.console import err, out
from blamefree.config import PROJECT_FILE, Settings
from blamefree.domain import InvalidInput, response_metrics, utc_now
from blamefree.services import open_configured_store
from blamefree.services.demo import seed_examples
from blamefree.services.postmortems import (
    export_document,
    get_postmortem,
    import_documents,
    list_postmortems,
    next_incident_id,
    scaffold_document,
)

_PROJECT_TEMPLATE = """\
# Blamefree project settings. Every table is optional; the defaults follow common practice.

# [lint]            blameless linter: enable/disable rules, severities, extra phrases
# [policy]          which review each severity gets, and deadlines
# [meeting]         team time zone, working hours, holidays
"""


def register(app: typer.Typer) -> None:
    """Attach the core commands to the root app."""
    app.command("init")(init)
    app.command("new")(new)
    app.command("import")(import_)
    app.command("export")(export)
    app.command("list")(list_)
    app.command("show")(show)
    app.command("serve")(serve)
    app.command("demo")(demo)


def init() -> None:
    """Create (or upgrade) the database and a .blamefree.toml in this folder."""
    settings = Settings()
    open_configured_store(settings).dispose()
    project = Path(PROJECT_FILE)
    if not project.exists():
        project.write_text(_PROJECT_TEMPLATE, encoding="utf-8")
        err.print(f"wrote {project}")
    err.print(f"database ready at {settings.database_url}")


def new(
    title: Annotated[str, typer.Argument(help="What happened, in a few words.")],
    severity: Annotated[str, typer.Option("--severity", "-s", help="SEV0-3, P0-3...")] = "SEV2",
    incident_id: Annotated[str | None, typer.Option("--id", help="Defaults to INC-date-N.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Scaffold a postmortem Markdown file from the template."""
    now = utc_now()
    identifier = incident_id or next_incident_id(now, set())
    text = scaffold_document(title=title, severity=severity, incident_id=identifier)
    target = output or Path(f"{identifier}.md")
    if target.exists():
        raise InvalidInput(f"{target} already exists; choose another name with --output")
    target.write_text(text, encoding="utf-8")
    err.print(f"wrote {target}: fill in the sections, then `blamefree import {target}`")


def import_(
    files: Annotated[list[Path], typer.Argument(help="Markdown postmortems.")],
    replace: Annotated[bool, typer.Option(help="Store changed files as new versions.")] = False,
) -> None:
    """Import Markdown postmortems (all or nothing)."""
    store = open_configured_store()
    try:
        results = import_documents(store, files, replace=replace)
    finally:
        store.dispose()
    for result in results:
        err.print(
            f"{result.action}: {result.incident_id} (version {result.version}) from {result.path}"
        )
    for result in results:
        out.print(result.incident_id, highlight=False)


def export(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Write a postmortem as Markdown (to stdout, or to a file with -o)."""
    store = open_configured_store()
    try:
        text = export_document(store, incident_id)
    finally:
        store.dispose()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List postmortems, newest incident first."""
    store = open_configured_store()
    try:
        rows = list_postmortems(store)
    finally:
        store.dispose()
    if as_json:
        payload = [
            {
                "id": r.id,
                "title": r.title,
                "severity": r.severity.value,
                "status": r.status,
                "started": r.started.isoformat() if r.started else None,
                "open_action_items": r.open_action_items,
                "action_items": r.action_items,
            }
            for r in rows
        ]
        typer.echo(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return
    if not rows:
        err.print("no postmortems yet: `blamefree demo` loads examples, `blamefree new` starts one")
        return
    table = Table("Id", "Severity", "Started (UTC)", "Title", "Status", "Open actions")
    for r in rows:
        started = f"{r.started:%Y-%m-%d %H:%M}" if r.started else ""
        actions = f"{r.open_action_items}/{r.action_items}"
        table.add_row(r.id, r.severity.value, started, r.title, r.status, actions)
    out.print(table)


def show(incident_id: Annotated[str, typer.Argument(help="Incident id.")]) -> None:
    """Show a postmortem's headline facts, metrics and action items."""
    store = open_configured_store()
    try:
        pm = get_postmortem(store, incident_id).value
    finally:
        store.dispose()
    incident = pm.incident
    out.print(f"[bold]{incident.id}[/] {incident.title}", highlight=False)
    out.print(f"{incident.severity.value} · {pm.status.value} · {pm.visibility.value}")
    metrics = response_metrics(incident.times)
    for label, value in (
        ("time to detect", metrics.time_to_detect),
        ("time to acknowledge", metrics.time_to_acknowledge),
        ("time to mitigate", metrics.time_to_mitigate),
        ("time to resolve", metrics.time_to_resolve),
    ):
        if value is not None:
            out.print(f"  {label}: {int(value // 60)} min")
    if pm.summary:
        out.print(f"\n{pm.summary}\n", highlight=False)
    table = Table("Action item", "Type", "Owner", "Deadline", "Status")
    for item in pm.action_items:
        table.add_row(
            item.description,
            item.type.label if item.type else "",
            item.owner or "",
            item.deadline.isoformat() if item.deadline else "",
            item.status.value,
        )
    out.print(table)
    out.print(f"{len(pm.timeline)} timeline events, {len(pm.factors)} contributing factors")


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    seed: Annotated[bool, typer.Option(help="Load the example incidents first.")] = False,
) -> None:
    """Run the web app."""
    import uvicorn

    from blamefree.web.app import create_app

    settings = Settings()
    store = open_configured_store(settings)
    if seed:
        seed_examples(store)
    bind_host, bind_port = host or settings.host, port or settings.port
    err.print(f"Blamefree is running at http://{bind_host}:{bind_port}  (Ctrl+C stops it)")
    uvicorn.run(create_app(settings, store=store), host=bind_host, port=bind_port, log_level="info")


def demo() -> None:
    """Load the example incidents into the database (once)."""
    store = open_configured_store()
    try:
        loaded = seed_examples(store)
    finally:
        store.dispose()
    if loaded:
        err.print(f"loaded {', '.join(loaded)}")
    else:
        err.print("the example incidents are already loaded")
