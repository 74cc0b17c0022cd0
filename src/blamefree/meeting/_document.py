"""What a postmortem already holds, section by section (shared by deadlines and pre-read)."""

from __future__ import annotations

from blamefree.domain.meeting import ReviewRequirements
from blamefree.domain.postmortem import Postmortem


def section_filled(postmortem: Postmortem, title: str) -> bool:
    """True when the `##` section with this title has content."""
    filled = {
        "Summary": bool(postmortem.summary),
        "Impact": bool(postmortem.impact),
        "Timeline": bool(postmortem.timeline),
        "Contributing factors": bool(postmortem.factors),
        "What went well": bool(postmortem.what_went_well),
        "Where we got lucky": bool(postmortem.where_we_got_lucky),
        "Action items": bool(postmortem.action_items),
        "Lessons learned": bool(postmortem.lessons_learned),
        "External communication": bool(postmortem.external_communication.text),
    }
    return filled.get(title, False)


def missing_sections(postmortem: Postmortem, requirements: ReviewRequirements) -> tuple[str, ...]:
    """Required sections that are still empty, in document order."""
    return tuple(t for t in requirements.required_sections if not section_filled(postmortem, t))
