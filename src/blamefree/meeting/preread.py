"""The pre-read packet sent 24 h before the meeting: how to prepare, open questions, document.

The packet is plain Markdown so it can go by email, chat or a wiki page. Open questions come
from two places: the planner's own checks (required sections still empty) and the findings
the linter raises on the document, which the service layer passes in.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from blamefree.domain.meeting import SeverityPolicy
from blamefree.domain.postmortem import Postmortem
from blamefree.meeting._document import missing_sections
from blamefree.meeting.agenda import GROUND_RULES
from blamefree.meeting.plan import MeetingPlan, agenda_markdown, format_local


class OpenQuestion(BaseModel):
    """Something the document does not answer yet, to settle before or in the meeting."""

    model_config = ConfigDict(frozen=True)

    message: str
    code: str | None = None
    line: int | None = None
    source: str = "planner"


def document_questions(postmortem: Postmortem, policy: SeverityPolicy) -> tuple[OpenQuestion, ...]:
    """The planner's own questions: empty required sections and factors without whys."""
    requirements = policy.requirements_for(postmortem.incident)
    questions = [
        OpenQuestion(message=f"The section '{title}' is still empty.")
        for title in missing_sections(postmortem, requirements)
    ]
    questions.extend(
        OpenQuestion(message=f"The contributing factor '{factor.title}' has no why chain yet.")
        for factor in postmortem.factors
        if not factor.whys
    )
    return tuple(questions)


def build_preread(
    plan: MeetingPlan,
    document_markdown: str,
    *,
    questions: Sequence[OpenQuestion] = (),
) -> str:
    """Assemble the packet: meeting facts, preparation, open questions, then the document."""
    slot = plan.slots[0]
    lines = [
        f"# Pre-read: {plan.title} ({plan.incident_id})",
        "",
        f"- Review meeting: {format_local(slot.start, plan)}"
        + (f" (and {len(plan.slots) - 1} more session)" if len(plan.slots) > 1 else ""),
        f"- Facilitator: {plan.facilitator or 'to be named'}",
        f"- Notetaker: {plan.notetaker or 'to be named'}",
        "",
        "## Before the meeting",
        "",
        "- Read the document below and check the timeline against what you saw.",
        "- Note what you knew, thought and did at each moment you were part of.",
        "- Bring questions about the system, not about people.",
        "",
        "## Ground rules",
        "",
        GROUND_RULES,
        "",
        "## Open questions",
        "",
    ]
    if questions:
        for question in questions:
            where = f" (line {question.line})" if question.line else ""
            code = f"{question.code}: " if question.code else ""
            lines.append(f"- {code}{question.message}{where}")
    else:
        lines.append("- None raised so far.")
    lines += [
        "",
        "## Agenda",
        "",
        agenda_markdown(plan.agenda),
        "---",
        "",
        document_markdown.strip(),
    ]
    return "\n".join(lines).rstrip() + "\n"
