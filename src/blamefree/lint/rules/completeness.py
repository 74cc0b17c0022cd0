"""PM2xx: completeness and timeliness, read from the severity policy.

What a postmortem must contain and by when depends on the incident: a SEV1 gets a full
review with every section, a SEV3 a lightweight one. These rules ask the policy in
`blamefree.domain.meeting`, the same one the meeting planner uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from blamefree.domain.meeting import ReviewArtifact
from blamefree.lint._document import Document
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._text import hit_line

_WHAT_WENT_WELL = "what went well"
_WORD_CHAR = re.compile(r"\w")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|ca)\.")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "ca.")
"""The texts `_ABBREVIATION` matches: when none is in a summary, its costlier substitution
(the leading `\\b` has the regex engine stop at every character) can only change nothing."""
_DECIMAL = re.compile(r"\d\.\d")


def _empty(doc: Document, title: str) -> bool:
    section = doc.section(title)
    return section is None or not _WORD_CHAR.search(doc.section_text(section))


def _required_titles(doc: Document, ctx: LintContext) -> Iterator[str]:
    """Sections the policy requires of this document; "What went well" is PM203's."""
    if ctx.requirements is None or doc.is_fragment:
        return
    for title in ctx.requirements.required_sections:
        if title.lower() != _WHAT_WENT_WELL:
            yield title


@rule(
    "PM201",
    "section-missing",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="A section this review requires by the severity policy is missing.",
    suggestion="Add the section, even with a short 'nothing to report' and why.",
)
def section_missing(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A `##` section that the severity policy requires for this incident is missing.

    Bad:
        ---
        severity: SEV3
        ---
        ## Summary
        The export job stalled for 20 minutes.
    Good:
        ---
        severity: SEV3
        ---
        ## Summary
        The export job stalled for 20 minutes.
        ## Impact
        1,200 exports were delayed by 20 minutes.
        ## Timeline
        - 10:00Z - Export job stalled
        ## Contributing factors
        ### Lock contention
        The job and the nightly vacuum took the same lock.
        ## Action items
        - Schedule the vacuum outside the export window
    """
    line = doc.front_matter_end or 1
    for title in _required_titles(doc, ctx):
        if doc.section(title) is None:
            yield hit_line(
                doc, line, message=f"The section '## {title}' is required for this review."
            )


@rule(
    "PM202",
    "section-empty",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="A section this review requires is empty.",
    suggestion="Write at least one sentence, or say why there is nothing to report.",
)
def section_empty(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A required `##` section that is present but has no text.

    Bad:
        ---
        severity: SEV3
        ---
        ## Summary
        ## Impact
        1,200 exports were delayed by 20 minutes.
    Good:
        ---
        severity: SEV3
        ---
        ## Summary
        The export job stalled for 20 minutes.
        ## Impact
        1,200 exports were delayed by 20 minutes.
    """
    for title in _required_titles(doc, ctx):
        section = doc.section(title)
        if section is not None and _empty(doc, title):
            yield hit_line(doc, section.line, message=f"The section '## {title}' is empty.")


@rule(
    "PM203",
    "what-went-well-missing",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="Nothing is recorded under 'What went well'; what worked is worth keeping too.",
    suggestion="Note what helped: an alert that fired, a runbook that worked, a quick handover.",
)
def what_went_well_missing(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A postmortem without a filled-in "What went well" section (any severity).

    Bad:
        ## Summary
        The export job stalled for 20 minutes.
    Good:
        ## Summary
        The export job stalled for 20 minutes.
        ## What went well
        The stall alert paged within two minutes.
    """
    if doc.is_fragment:
        return
    section = doc.section("What went well")
    if section is None:
        yield hit_line(doc, doc.front_matter_end or 1)
    elif _empty(doc, "What went well"):
        yield hit_line(doc, section.line)


_NUMBER = re.compile(r"\d")


@rule(
    "PM204",
    "impact-without-number",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="The impact has no number (duration, users, requests, revenue), so it cannot be "
    "compared.",
    suggestion="Quantify it: '4% of checkout requests failed for 38 minutes'.",
)
def impact_without_number(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An Impact section with text but no figure in it.

    Bad:
        ## Impact
        Many users could not check out for a while.
    Good:
        ## Impact
        About 4% of checkout requests failed for 38 minutes (roughly 2,100 orders).
    """
    section = doc.section("Impact")
    if section is None:
        return
    text = doc.section_text(section)
    if text and not _NUMBER.search(text):
        yield hit_line(doc, section.line)


_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@rule(
    "PM205",
    "summary-too-long",
    Family.COMPLETENESS,
    Severity.INFO,
    message="The summary is longer than three sentences; readers stop there.",
    suggestion="Keep what happened, the impact and the main fix; move detail to other sections.",
)
def summary_too_long(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A Summary of more than three sentences.

    Bad:
        ## Summary
        Checkout failed. Payments were retried. The queue grew. We scaled it up.
    Good:
        ## Summary
        Checkout failed for 38 minutes after a timeout change. We rolled the change back.
    """
    section = doc.section("Summary")
    if section is None:
        return
    text = doc.section_text(section)
    if any(abbreviation in text for abbreviation in _ABBREVIATIONS):
        text = _ABBREVIATION.sub("", text)
    text = _DECIMAL.sub("0", text)
    count = len(_SENTENCE_END.findall(text.strip()))
    if text.strip() and not _SENTENCE_END.search(text.strip()[-1:]):
        count += 1
    if count > 3:
        yield hit_line(
            doc, section.line, message=f"The summary has {count} sentences; keep it to three."
        )


def _front_time(doc: Document, key: str, *, within: str | None = None) -> datetime | None:
    value: object = doc.front_matter.get(within) if within else doc.front_matter
    if within is not None:
        value = value.get(key) if isinstance(value, dict) else None
    elif isinstance(value, dict):
        value = value.get(key)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _hours(later: datetime, earlier: datetime) -> float:
    return (later - earlier).total_seconds() / 3600


def _overdue(
    ctx: LintContext, start: datetime | None, end: datetime | None, limit: int
) -> tuple[float, str] | None:
    """(hours taken, what the policy allows) when `end` comes later than `limit` after `start`."""
    if start is None or end is None or end <= ctx.due(start, limit):
        return None
    unit = "h" if ctx.add_working_time is None else "working-day hours"
    latest = ctx.due(start, limit).astimezone(UTC)
    return _hours(
        end, start
    ), f"the policy allows {limit} {unit} (latest {latest:%Y-%m-%d %H:%M} UTC)"


@rule(
    "PM206",
    "meeting-late",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="The review meeting is later than the policy allows after resolution; memories fade.",
    suggestion="Hold the meeting within the policy window (72 hours by default).",
)
def meeting_late(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A required meeting more than `meeting_latest_hours` (72 h) after resolution.

    Hours run from the front matter `times.resolved` to `meeting`, counted on the team's
    working calendar when the caller passes one (the CLI does, from `[meeting]`), as the
    meeting planner counts them; elapsed clock hours otherwise.

    Bad:
        ---
        severity: SEV1
        times: {resolved: 2026-01-05T10:00:00Z}
        meeting: 2026-01-12T10:00:00Z
        ---
    Good:
        ---
        severity: SEV1
        times: {resolved: 2026-01-05T10:00:00Z}
        meeting: 2026-01-07T10:00:00Z
        ---
    """
    if ctx.requirements is None or not ctx.requirements.meeting_required:
        return
    late = _overdue(
        ctx,
        _front_time(doc, "resolved", within="times"),
        _front_time(doc, "meeting"),
        ctx.deadlines.meeting_latest_hours,
    )
    if late is not None:
        hours, allowed = late
        yield hit_line(
            doc,
            doc.front_line("meeting"),
            message=f"The meeting is {hours:.0f} h after resolution; {allowed}.",
        )


@rule(
    "PM207",
    "report-late",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="The report is published later than the policy allows after the meeting.",
    suggestion="Publish within the policy window (48 hours after the meeting by default).",
)
def report_late(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A report published more than `publish_within_hours_after_meeting` (48 h) after the meeting.

    Hours are counted like PM206's: on the team's working calendar when one is given.

    Bad:
        ---
        severity: SEV2
        meeting: 2026-01-07T10:00:00Z
        published: 2026-01-12T10:00:00Z
        ---
    Good:
        ---
        severity: SEV2
        meeting: 2026-01-07T10:00:00Z
        published: 2026-01-08T16:00:00Z
        ---
    """
    if ctx.requirements is None or ReviewArtifact.REPORT not in ctx.requirements.artifacts:
        return
    late = _overdue(
        ctx,
        _front_time(doc, "meeting"),
        _front_time(doc, "published"),
        ctx.deadlines.publish_within_hours_after_meeting,
    )
    if late is not None:
        hours, allowed = late
        yield hit_line(
            doc,
            doc.front_line("published"),
            message=f"The report was published {hours:.0f} h after the meeting; {allowed}.",
        )


@rule(
    "PM208",
    "severity-unknown",
    Family.COMPLETENESS,
    Severity.INFO,
    message="No usable severity in the front matter, so the policy checks were skipped.",
    suggestion="Add 'severity: SEV0' to 'SEV3' to the front matter.",
)
def severity_unknown(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A postmortem without a readable severity: section, count and timing checks are skipped.

    Bad:
        ---
        title: Checkout errors
        ---
        ## Summary
        Checkout failed for 38 minutes.
    Good:
        ---
        title: Checkout errors
        severity: SEV2
        ---
        ## Summary
        Checkout failed for 38 minutes.
    """
    if ctx.policy_note is None or doc.is_fragment:
        return
    line = doc.front_line("severity") if "severity" in doc.front_matter else 1
    yield hit_line(doc, line, message=ctx.policy_note)


@rule(
    "PM209",
    "front-matter-unreadable",
    Family.COMPLETENESS,
    Severity.WARNING,
    message="The front matter could not be read, so names, times and severity are unknown.",
    suggestion="Fix the YAML between the '---' lines; the message names the line.",
)
def front_matter_unreadable(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Front matter that is not valid YAML or is never closed.

    Bad:
        ---
        severity: [SEV1
        ---
        ## Summary
        Checkout failed for 38 minutes.
    Good:
        ---
        severity: SEV1
        ---
        ## Summary
        Checkout failed for 38 minutes.
    """
    if doc.front_matter_error is not None:
        line, reason = doc.front_matter_error
        yield hit_line(doc, min(line, len(doc.lines)), message=f"The {reason}.")
