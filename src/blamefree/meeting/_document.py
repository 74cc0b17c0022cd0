"""What a postmortem already holds, section by section (shared by deadlines and pre-read)."""

from __future__ import annotations

import re

from blamefree.domain.meeting import ReviewRequirements
from blamefree.domain.postmortem import Postmortem

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def has_text(markdown: str) -> bool:
    """True when text remains once template prompts (HTML comments) are removed."""
    return bool(_COMMENT.sub("", markdown).strip())


def section_filled(postmortem: Postmortem, title: str) -> bool:
    """True when the `##` section with this title has content (template prompts aside)."""
    filled = {
        "Summary": has_text(postmortem.summary),
        "Impact": has_text(postmortem.impact),
        "Timeline": bool(postmortem.timeline),
        "Contributing factors": bool(postmortem.factors),
        "What went well": has_text(postmortem.what_went_well),
        "Where we got lucky": has_text(postmortem.where_we_got_lucky),
        "Action items": bool(postmortem.action_items),
        "Lessons learned": has_text(postmortem.lessons_learned),
        "External communication": has_text(postmortem.external_communication.text),
    }
    return filled.get(title, False)


def has_content(postmortem: Postmortem) -> bool:
    """True once anything beyond the template has been written."""
    return any(
        section_filled(postmortem, title)
        for title in ("Summary", "Impact", "Timeline", "Contributing factors", "Action items")
    )


def missing_sections(postmortem: Postmortem, requirements: ReviewRequirements) -> tuple[str, ...]:
    """Required sections that are still empty, in document order."""
    return tuple(t for t in requirements.required_sections if not section_filled(postmortem, t))
