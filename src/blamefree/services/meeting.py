"""Meeting use cases: plan a review, write its invite and pre-read, list reviews needing care.

These combine the pure planner (`blamefree.meeting`) with the store, the Markdown document
and the linter, which the planner itself may not import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from blamefree.config import Settings, load_project_config
from blamefree.document import render_postmortem
from blamefree.domain.clock import Clock
from blamefree.domain.errors import InvalidInput
from blamefree.domain.meeting import SeverityPolicy
from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import Postmortem
from blamefree.lint import Finding, lint_text, load_lint_config
from blamefree.meeting.ics import build_invite
from blamefree.meeting.plan import MeetingPlan, build_plan
from blamefree.meeting.policy import MeetingSettings, load_meeting_settings, load_policy
from blamefree.meeting.preread import OpenQuestion, build_preread, document_questions
from blamefree.meeting.scheduling import (
    ReviewStatus,
    SkippedReview,
    review_status,
    skipped_reviews,
    working_clock,
)
from blamefree.services import open_configured_store
from blamefree.services.postmortems import get_postmortem, read_document


@dataclass(frozen=True)
class MeetingConfig:
    """The team's policy and meeting settings plus the whole project file (for the linter)."""

    policy: SeverityPolicy
    settings: MeetingSettings
    project: Mapping[str, object]


def load_meeting_config(path: Path | None = None) -> MeetingConfig:
    """Read `[policy]` and `[meeting]` from the given or nearest `.blamefree.toml`."""
    project = load_project_config(path)
    return MeetingConfig(
        policy=load_policy(project),
        settings=load_meeting_settings(project),
        project=project,
    )


@dataclass(frozen=True)
class LoadedPostmortem:
    """A postmortem and its Markdown, from a file or from the database."""

    postmortem: Postmortem
    markdown: str
    source: str


def _looks_like_path(target: str) -> bool:
    return target.endswith((".md", ".markdown")) or "/" in target or "\\" in target


def load_postmortem(target: str, *, settings: Settings | None = None) -> LoadedPostmortem:
    """An incident id from the database, or a Markdown file path (for postmortems in git)."""
    path = Path(target)
    if _looks_like_path(target) or path.is_file():
        if not path.is_file():
            raise InvalidInput(f"{target}: no such file; pass an incident id or a Markdown file")
        pm = read_document(path)
        return LoadedPostmortem(pm, path.read_text(encoding="utf-8"), str(path))
    store = open_configured_store(settings)
    try:
        pm = get_postmortem(store, target).value
    finally:
        store.dispose()
    return LoadedPostmortem(pm, render_postmortem(pm), target)


def plan_meeting(
    postmortem: Postmortem, config: MeetingConfig, *, now: datetime, at: datetime | None = None
) -> MeetingPlan:
    """Plan the review meeting with the team's policy and settings."""
    return build_plan(postmortem, policy=config.policy, settings=config.settings, now=now, at=at)


def _organizer(postmortem: Postmortem, settings: MeetingSettings) -> Participant:
    if settings.organizer is not None:
        return settings.organizer
    for role in (Role.OWNER, Role.FACILITATOR, Role.INCIDENT_COMMANDER):
        holder = postmortem.holder(role)
        if holder is not None and holder.email:
            return holder
    raise InvalidInput(
        f"no organizer for the {postmortem.id} invite: set [meeting] organizer = "
        "'Name <name@example.com>' in .blamefree.toml, or give the postmortem owner an email"
    )


def preread_url(incident_id: str, *, base_url: str) -> str:
    """Where the pre-read is read online: the incident's report page."""
    return f"{base_url.rstrip('/')}/incidents/{incident_id}"


def meeting_invite(
    postmortem: Postmortem,
    plan: MeetingPlan,
    config: MeetingConfig,
    *,
    now: datetime,
    base_url: str,
    session: int = 1,
    sequence: int = 0,
) -> bytes:
    """The .ics invite for one session of the plan."""
    settings = config.settings
    return build_invite(
        plan,
        organizer=_organizer(postmortem, settings),
        created_at=now,
        uid_domain=settings.uid_domain,
        session=session,
        preread_url=preread_url(postmortem.id, base_url=base_url),
        location=settings.location,
        sequence=sequence,
    )


def questions_from_findings(findings: Sequence[Finding]) -> tuple[OpenQuestion, ...]:
    """The linter's findings as open questions for the pre-read.

    This is the hook between the linter and the packet: anything that produces findings
    with a code, a message and a line can feed it.
    """
    return tuple(
        OpenQuestion(message=f.message, code=f.code, line=f.line, source="lint") for f in findings
    )


def preread_packet(
    loaded: LoadedPostmortem,
    plan: MeetingPlan,
    config: MeetingConfig,
    *,
    today: date,
    findings: Sequence[Finding] | None = None,
) -> str:
    """The pre-read: the planner's questions, the linter's findings, then the document.

    `findings` defaults to linting the document with the team's `[lint]` settings.
    """
    if findings is None:
        findings = lint_text(
            loaded.markdown,
            config=load_lint_config(config.project),
            policy=config.policy,
            today=today,
            source=loaded.source,
            working_time=working_clock(config.settings.calendar),
        )
    questions = (
        *document_questions(loaded.postmortem, config.policy),
        *questions_from_findings(findings),
    )
    return build_preread(plan, loaded.markdown, questions=questions)


@dataclass(frozen=True)
class StatusReport:
    """Reviews with deadlines at risk or late, and incidents whose review was skipped.

    An incident listed as skipped is not repeated under `attention`.
    """

    attention: tuple[ReviewStatus, ...]
    skipped: tuple[SkippedReview, ...]


def review_overview(
    postmortems: Sequence[Postmortem], config: MeetingConfig, *, clock: Clock
) -> StatusReport:
    """Check every postmortem's deadlines; pure, so the web can reuse it on its own list."""
    now = clock.now()
    calendar = config.settings.calendar
    skipped = skipped_reviews(
        [pm.incident for pm in postmortems],
        postmortems,
        policy=config.policy,
        calendar=calendar,
        now=now,
    )
    skipped_ids = {s.incident.id for s in skipped}
    statuses = [
        review_status(
            pm,
            policy=config.policy,
            calendar=calendar,
            now=now,
            at_risk_hours=config.settings.at_risk_hours,
        )
        for pm in postmortems
        if pm.id not in skipped_ids
    ]
    attention = tuple(
        sorted(
            (s for s in statuses if s.attention),
            key=lambda s: (min(d.due for d in s.attention), s.incident_id),
        )
    )
    return StatusReport(
        attention=attention,
        skipped=tuple(sorted(skipped, key=lambda s: (s.window_closed, s.incident.id))),
    )


def stored_review_overview(
    config: MeetingConfig, *, clock: Clock, settings: Settings | None = None
) -> StatusReport:
    """`review_overview` over every postmortem in the database."""
    store = open_configured_store(settings)
    try:
        with store.transaction(read_only=True) as uow:
            postmortems = [found.value for found in uow.postmortems.list_all()]
    finally:
        store.dispose()
    return review_overview(postmortems, config, clock=clock)


def markdown_files(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The Markdown files named, and those inside the folders named (recursively), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.md") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise InvalidInput(f"{path}: no such file or folder; pass postmortem Markdown files")
    return tuple(dict.fromkeys(found))


def file_review_overview(
    paths: Sequence[Path], config: MeetingConfig, *, clock: Clock
) -> StatusReport:
    """`review_overview` over postmortems kept as Markdown files (e.g. in git).

    Raises:
        InvalidInput: when no Markdown file is found, or a file does not parse (naming it).
    """
    files = markdown_files(paths)
    if not files:
        raise InvalidInput(
            "no Markdown files found in "
            + ", ".join(str(p) for p in paths)
            + "; pass postmortem .md files or folders holding them"
        )
    return review_overview([read_document(path) for path in files], config, clock=clock)
