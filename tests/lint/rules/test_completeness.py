"""PM2xx: sections, impact figures, summary length and timeliness, by the severity policy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from blamefree.domain.incident import Severity
from blamefree.domain.meeting import DEFAULT_POLICY, Deadlines, ReviewArtifact
from blamefree.lint import lint_text
from tests.lint._helpers import FRONT, TODAY, codes, only, postmortem


def test_required_sections_come_from_the_policy() -> None:
    text = postmortem(impact=None, timeline=None)
    found = [f for f in lint_text(text, today=TODAY) if f.code == "PM201"]
    assert [f.message for f in found] == [
        "The section '## Impact' is required for this review.",
        "The section '## Timeline' is required for this review.",
    ]
    assert {f.line for f in found} == {16}
    near_miss = text.replace("severity: SEV1", "severity: SEV3\nnear_miss: true")
    assert [f.message for f in lint_text(near_miss, today=TODAY) if f.code == "PM201"] == [
        "The section '## Timeline' is required for this review."
    ]


def test_lightweight_review_needs_fewer_sections() -> None:
    light = postmortem(where_we_got_lucky=None, lessons_learned=None).replace(
        "severity: SEV1", "severity: SEV3"
    )
    assert "PM201" not in codes(light)
    repeat = light.replace("severity: SEV3", "severity: SEV3\nrepeat_of: INC-0")
    assert codes(repeat).count("PM201") == 2


def test_section_empty() -> None:
    text = postmortem(summary="<!-- to do -->")
    finding = only(text, "PM202")
    assert finding.message == "The section '## Summary' is empty."
    assert text.split("\n")[finding.line - 1] == "## Summary"


def test_what_went_well_missing_or_empty() -> None:
    assert "PM203" in codes(postmortem(what_went_well=None))
    assert "PM203" in codes(postmortem(what_went_well="-"))
    assert "PM203" not in codes(postmortem())


def test_impact_without_number() -> None:
    text = postmortem(impact="Many users could not check out for a while.")
    assert text.split("\n")[only(text, "PM204").line - 1] == "## Impact"
    quoted = postmortem(impact='Support wrote "12 tickets in the first hour".')
    assert "PM204" not in codes(quoted)


def test_summary_too_long() -> None:
    text = postmortem(summary="Checkout failed. Payments were retried. The queue grew. We scaled.")
    assert only(text, "PM205").message == "The summary has 4 sentences; keep it to three."
    decimals = "Checkout failed for 1.5 hours, e.g. on mobile. We rolled back. It recovered."
    assert "PM205" not in codes(postmortem(summary=decimals))


@pytest.mark.parametrize(
    "summary, sentences",
    [
        (
            "Errors rose (vs. baseline), i.e. 5xx, etc. and approx. 40% on mobile. "
            "It recovered. We rolled back. We paged.",
            4,
        ),
        ("Writes hit the replica. Reads were stale. We failed over. It recovered.", 4),
        ("Logs etc. Alerts etc. Traces etc. Pages etc. It recovered.", 1),
        ("The cache failed, e.g. in eu. Versus the baseline it was slow. It recovered.", 3),
    ],
)
def test_summary_sentences_skip_abbreviations_that_start_a_word(
    summary: str, sentences: int
) -> None:
    found = [f.message for f in lint_text(postmortem(summary=summary)) if f.code == "PM205"]
    expected = [f"The summary has {sentences} sentences; keep it to three."]
    assert found == (expected if sentences > 3 else [])


def test_meeting_late_in_clock_hours_by_default() -> None:
    text = postmortem().replace("meeting: 2026-01-07T10:00:00Z", "meeting: 2026-01-09T10:00:00Z")
    finding = only(text, "PM206")
    assert finding.message == (
        "The meeting is 96 h after resolution; the policy allows 72 h "
        "(latest 2026-01-08 10:00 UTC)."
    )
    assert text.split("\n")[finding.line - 1] == "meeting: 2026-01-09T10:00:00Z"


def test_meeting_late_counts_working_time_when_given() -> None:
    text = postmortem().replace("meeting: 2026-01-07T10:00:00Z", "meeting: 2026-01-09T10:00:00Z")

    def skip_one_day(start: datetime, duration: timedelta) -> datetime:
        return start + duration + timedelta(days=1)

    findings = lint_text(text, today=TODAY, working_time=skip_one_day)
    assert [f.code for f in findings] == []
    later = text.replace("2026-01-09T10:00:00Z", "2026-01-09T10:00:01Z")
    [late] = lint_text(later, today=TODAY, working_time=skip_one_day)
    assert late.message == (
        "The meeting is 96 h after resolution; the policy allows 72 working-day hours "
        "(latest 2026-01-09 10:00 UTC)."
    )


def test_meeting_deadline_follows_the_policy() -> None:
    text = postmortem().replace("meeting: 2026-01-07T10:00:00Z", "meeting: 2026-01-09T10:00:00Z")
    lenient = DEFAULT_POLICY.model_copy(update={"deadlines": Deadlines(meeting_latest_hours=120)})
    assert lint_text(text, policy=lenient, today=TODAY) == []


def test_report_late() -> None:
    text = postmortem().replace(
        "published: 2026-01-08T10:00:00Z", "published: 2026-01-12T10:00:00Z"
    )
    finding = only(text, "PM207")
    assert finding.message == (
        "The report was published 120 h after the meeting; the policy allows 48 h "
        "(latest 2026-01-09 10:00 UTC)."
    )
    offset = postmortem().replace(
        "published: 2026-01-08T10:00:00Z", "published: 2026-01-09T11:30:00+02:00"
    )
    assert "PM207" not in codes(offset)


def test_report_deadline_only_applies_when_the_review_produces_a_report() -> None:
    text = postmortem().replace(
        "published: 2026-01-08T10:00:00Z", "published: 2026-01-12T10:00:00Z"
    )
    full = DEFAULT_POLICY.by_severity[Severity.SEV1]
    no_report = full.model_copy(update={"artifacts": (ReviewArtifact.PREREAD,)})
    by_severity = {**DEFAULT_POLICY.by_severity, Severity.SEV1: no_report}
    policy = DEFAULT_POLICY.model_copy(update={"by_severity": by_severity})
    assert "PM207" in codes(text)
    assert "PM207" not in [f.code for f in lint_text(text, policy=policy, today=TODAY)]


def test_severity_unknown_skips_policy_checks() -> None:
    text = postmortem(impact=None).replace("severity: SEV1\n", "")
    assert codes(text) == ["PM208"]
    bad = postmortem().replace("severity: SEV1", "severity: SEV9")
    finding = only(bad, "PM208")
    assert finding.message.startswith("The ")
    assert finding.message.endswith("; the policy checks were skipped.")
    assert bad.split("\n")[finding.line - 1] == "severity: SEV9"


def test_front_matter_unreadable() -> None:
    text = "---\nseverity: [SEV1\n---\n## Summary\nCheckout failed for 38 minutes.\n"
    finding = only(text, "PM209")
    assert finding.line == 3
    assert finding.message.startswith("The front matter is not valid YAML (")


def test_fragment_gets_no_completeness_findings() -> None:
    assert lint_text("Checkout failed for a while.", today=TODAY) == []


def test_times_as_yaml_datetimes_and_naive_strings() -> None:
    front = FRONT.replace("meeting: 2026-01-07T10:00:00Z", "meeting: '2026-01-09 10:00'")
    assert "PM206" in codes(postmortem(front=front))
