"""`blamefree meeting plan|invite|preread` and `blamefree status`."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from blamefree.cli.console import err, out
from blamefree.config import Settings
from blamefree.domain import InvalidInput
from blamefree.domain.clock import Clock, SystemClock
from blamefree.meeting.plan import MeetingPlan, plan_markdown
from blamefree.meeting.scheduling import WorkCalendar
from blamefree.services.meeting import (
    MeetingConfig,
    file_review_overview,
    load_meeting_config,
    load_postmortem,
    meeting_invite,
    plan_meeting,
    preread_packet,
    stored_review_overview,
)

CLOCK: Clock = SystemClock()
"""Where the commands read the time; tests put a FixedClock here."""

TARGET_HELP = "Incident id in the database, or a postmortem Markdown file."
AT_HELP = "Meeting start, ISO 8601 (e.g. 2026-05-07T10:00); without an offset, the team's zone."
CONFIG_HELP = "A .blamefree.toml to use instead of the nearest one."


class PlanFormat(StrEnum):
    """How the plan is printed."""

    MARKDOWN = "markdown"
    JSON = "json"


class StatusFormat(StrEnum):
    """How the status is printed."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Attach the `meeting` group and `status` to the root app."""
    group = typer.Typer(
        name="meeting",
        help="Plan the postmortem review: slot, roles, agenda, invite and pre-read.",
        no_args_is_help=True,
    )
    group.command("plan")(plan)
    group.command("invite")(invite)
    group.command("preread")(preread)
    app.add_typer(group)
    app.command("status")(status)


def _parse_at(value: str | None, calendar: WorkCalendar) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise InvalidInput(
            f"--at {value!r} is not an ISO 8601 date and time; write e.g. 2026-05-07T10:00"
        ) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=calendar.zone)
    return parsed


def _plan(
    target: str, at: str | None, config_path: Path | None
) -> tuple[MeetingConfig, MeetingPlan]:
    config = load_meeting_config(config_path)
    loaded = load_postmortem(target)
    when = _parse_at(at, config.settings.calendar)
    return config, plan_meeting(loaded.postmortem, config, now=CLOCK.now(), at=when)


def _write(text: str | bytes, output: Path | None, what: str) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or str(output) == "-":
        out.file.write(data.decode("utf-8"))
        out.file.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise InvalidInput(f"{output}: cannot write the {what} ({error.strerror})") from error
    err.print(f"wrote {what} to {output}", highlight=False)


def plan(
    target: Annotated[str, typer.Argument(help=TARGET_HELP)],
    at: Annotated[str | None, typer.Option(help=AT_HELP)] = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="markdown or json.")
    ] = PlanFormat.MARKDOWN,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
) -> None:
    """Plan the review: slot in the window, facilitator, notetaker, invite list, agenda."""
    _, result = _plan(target, at, config)
    if output_format is PlanFormat.JSON:
        _write(
            orjson.dumps(result.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n",
            None,
            "plan",
        )
    else:
        _write(plan_markdown(result), None, "plan")
    for warning in result.warnings:
        err.print(f"warning: {warning}", style="yellow", markup=False, highlight=False)


def invite(
    target: Annotated[str, typer.Argument(help=TARGET_HELP)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The .ics file to write; '-' for stdout.")
    ] = None,
    at: Annotated[str | None, typer.Option(help=AT_HELP)] = None,
    session: Annotated[int, typer.Option(help="Session number of a split review.")] = 1,
    sequence: Annotated[
        int, typer.Option(help="Raise by one each time an updated invite is sent.")
    ] = 0,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
) -> None:
    """Write an RFC 5545 calendar invite (METHOD:REQUEST) for the review meeting."""
    meeting_config = load_meeting_config(config)
    loaded = load_postmortem(target)
    now = CLOCK.now()
    when = _parse_at(at, meeting_config.settings.calendar)
    result = plan_meeting(loaded.postmortem, meeting_config, now=now, at=when)
    data = meeting_invite(
        loaded.postmortem,
        result,
        meeting_config,
        now=now,
        base_url=Settings().base_url,
        session=session,
        sequence=sequence,
    )
    _write(data, output, "invite")
    if len(result.slots) > 1 and session == 1:
        err.print(
            f"this review has {len(result.slots)} sessions; write the next one with --session 2",
            highlight=False,
        )


def preread(
    target: Annotated[str, typer.Argument(help=TARGET_HELP)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The Markdown file to write.")
    ] = None,
    at: Annotated[str | None, typer.Option(help=AT_HELP)] = None,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
) -> None:
    """Write the pre-read packet: how to prepare, open questions, agenda and the document."""
    meeting_config = load_meeting_config(config)
    loaded = load_postmortem(target)
    now = CLOCK.now()
    when = _parse_at(at, meeting_config.settings.calendar)
    result = plan_meeting(loaded.postmortem, meeting_config, now=now, at=when)
    today = meeting_config.settings.calendar.local(now).date()
    _write(preread_packet(loaded, result, meeting_config, today=today), output, "pre-read")


def status(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Postmortem Markdown files or folders to check instead of the database.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="text or json.")
    ] = StatusFormat.TEXT,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
) -> None:
    """List reviews with deadlines at risk or late, and incidents whose review was skipped."""
    meeting_config = load_meeting_config(config)
    if paths:
        report = file_review_overview(paths, meeting_config, clock=CLOCK)
    else:
        report = stored_review_overview(meeting_config, clock=CLOCK)
    calendar = meeting_config.settings.calendar
    if output_format is StatusFormat.JSON:
        payload = {
            "attention": [
                {
                    "incident_id": s.incident_id,
                    "title": s.title,
                    "review": s.review.value,
                    "deadlines": [d.model_dump(mode="json") for d in s.attention],
                }
                for s in report.attention
            ],
            "skipped": [
                {
                    "incident_id": s.incident.id,
                    "title": s.incident.title,
                    "severity": s.incident.severity.value,
                    "window_closed": s.window_closed.isoformat().replace("+00:00", "Z"),
                    "reason": s.reason,
                }
                for s in report.skipped
            ],
        }
        _write(orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n", None, "status")
        return
    if not report.attention and not report.skipped:
        out.print("every review is on track", highlight=False)
        return
    if report.attention:
        table = Table("Incident", "Step", "Due", "State", "Note", title="Reviews needing care")
        for item in report.attention:
            for deadline in item.attention:
                due = calendar.local(deadline.due).strftime("%a %Y-%m-%d %H:%M")
                table.add_row(
                    escape(item.incident_id),
                    deadline.kind.value,
                    due,
                    deadline.state.value,
                    escape(deadline.note),
                )
        out.print(table)
    if report.skipped:
        out.print("Skipped reviews (the meeting window closed without a review):", highlight=False)
        for skipped in report.skipped:
            closed = calendar.local(skipped.window_closed).strftime("%a %Y-%m-%d %H:%M")
            incident = skipped.incident
            out.print(
                f"  {incident.id} {incident.severity.value} {incident.title}: "
                f"{skipped.reason} (window closed {closed})",
                highlight=False,
                markup=False,
            )
