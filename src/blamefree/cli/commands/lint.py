"""`blamefree lint PATH...`: the blameless and quality linter for Markdown postmortems."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from blamefree import __version__
from blamefree.cli.console import err, out
from blamefree.config import load_project_config
from blamefree.domain import InvalidInput, SystemClock
from blamefree.lint import (
    Finding,
    Severity,
    exceeds,
    lint_text,
    load_lint_config,
    render_json,
    render_sarif,
    render_text,
)
from blamefree.lint.docs import render_rules_doc
from blamefree.meeting.policy import load_meeting_settings, load_policy
from blamefree.meeting.scheduling import working_clock

EXIT_FINDINGS = 1


class OutputFormat(StrEnum):
    """How findings are printed."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"


def register(app: typer.Typer) -> None:
    """Attach `lint` to the root app."""
    app.command("lint")(lint)


def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Markdown files or folders (searched for *.md); '-' reads stdin."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = OutputFormat.TEXT,
    fail_on: Annotated[
        Severity | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity [default: warning]."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="A .blamefree.toml to use instead of the nearest one.")
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Date for deadline checks, YYYY-MM-DD [default: today].")
    ] = None,
    rules_doc: Annotated[
        bool, typer.Option("--rules-doc", help="Print docs/rules.md (every rule) and exit.")
    ] = False,
) -> None:
    """Check postmortems for blame, hindsight, weak action items and missing sections.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input or usage.
    """
    if rules_doc:
        out.print(render_rules_doc(), end="", markup=False, highlight=False, soft_wrap=True)
        return
    if not paths:
        raise InvalidInput("no files to lint; pass Markdown files or folders, or '-' for stdin")
    project = load_project_config(config)
    settings = load_lint_config(project)
    policy = load_policy(project)
    calendar = load_meeting_settings(project).calendar
    threshold = fail_on or settings.fail_on
    day = _parse_day(today) if today else SystemClock().now().date()
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    for name, text in _read_all(paths):
        texts[name] = text
        findings.extend(
            lint_text(
                text,
                config=settings,
                policy=policy,
                today=day,
                source=name,
                working_time=working_clock(calendar),
            )
        )
    if output_format is OutputFormat.JSON:
        out.print(render_json(findings), markup=False, highlight=False, soft_wrap=True)
    elif output_format is OutputFormat.SARIF:
        out.print(
            render_sarif(findings, version=__version__),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    else:
        if findings:
            out.print(render_text(findings, texts), highlight=False)
        err.print(_summary(findings, len(texts)), highlight=False)
    if exceeds(findings, threshold):
        raise typer.Exit(EXIT_FINDINGS)


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--today {text!r} is not a date; write it as YYYY-MM-DD") from None


def _read_all(paths: list[Path]) -> list[tuple[str, str]]:
    files: list[tuple[str, str]] = []
    for path in paths:
        if str(path) == "-":
            files.append(("<stdin>", sys.stdin.read()))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not found:
                raise InvalidInput(f"{path}: no .md files in this folder; pass Markdown files")
            files.extend((str(p), _read(p)) for p in found)
        else:
            files.append((str(path), _read(path)))
    return files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file; check the path") from None
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8 and retry"
        ) from None
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror})") from None


def _summary(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"[green]{files} file{'s' if files != 1 else ''} checked, no findings[/]"
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = ", ".join(
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in reversed(Severity)
        if counts[s]
    )
    plural = "s" if len(findings) != 1 else ""
    return f"{len(findings)} finding{plural} ({parts}) in {files} file{'s' if files != 1 else ''}"
