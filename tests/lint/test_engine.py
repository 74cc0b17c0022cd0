"""The engine: config, severities, suppressions, policy and the public API."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from blamefree.document import parse_postmortem
from blamefree.domain.incident import Severity as IncidentSeverity
from blamefree.domain.meeting import DEFAULT_POLICY, LIGHTWEIGHT_REVIEW, SeverityPolicy
from blamefree.lint import Finding, LintConfig, Severity, exceeds, lint_postmortem, lint_text
from blamefree.lint.rule import Family
from tests.lint._helpers import TODAY, codes, postmortem


def test_lint_text_returns_an_exact_finding() -> None:
    [finding] = lint_text("Dave ran the wrong migration.", source="pm.md")
    assert finding == Finding(
        code="BL001",
        name="person-as-cause",
        family=Family.BLAME,
        severity=Severity.ERROR,
        message="'Dave' is named as the cause ('ran the wrong'); the analysis stops at a "
        "person instead of the conditions around them.",
        line=1,
        column=1,
        length=18,
        suggestion="Describe the conditions that made the action possible, e.g. 'the deploy "
        "script allowed an unguarded migration' instead of 'Dave ran the wrong migration'.",
        replacement=None,
        source="pm.md",
    )


def test_findings_are_in_text_order() -> None:
    text = "We should have known.\nDave forgot the flag.\nThe root cause was human error."
    found = [(f.line, f.code) for f in lint_text(text)]
    assert found == [(1, "BL101"), (2, "BL001"), (3, "BL202"), (3, "BL201")]


def test_clean_full_postmortem_has_no_findings() -> None:
    assert lint_text(postmortem(), today=TODAY) == []


def test_fragment_skips_document_rules() -> None:
    assert lint_text("Checkout failed for a while.") == []


def test_disable_by_prefix_and_enable_only() -> None:
    text = "We should have known. Dave forgot the flag."
    assert codes(text) == ["BL101", "BL001"]
    assert codes(text, LintConfig(disable=("BL1",))) == ["BL001"]
    assert codes(text, LintConfig(enable=("BL101",))) == ["BL101"]
    assert codes(text, LintConfig(enable=("BL",), disable=("BL0",))) == ["BL101"]


def test_configured_severity_replaces_the_default() -> None:
    config = LintConfig(severity={"BL001": Severity.INFO})
    [finding] = lint_text("Dave forgot the flag.", config=config)
    assert finding.severity is Severity.INFO


def test_each_config_gets_its_own_rule_plan_when_linting_in_turn() -> None:
    text = "Dave forgot the flag."
    configs = [
        None,
        LintConfig(severity={"BL001": Severity.INFO}),
        LintConfig(disable=("BL0",)),
        LintConfig(severity={"BL001": Severity.WARNING}),
        None,
    ]
    severities = [[f.severity for f in lint_text(text, config=c)] for c in configs]
    assert severities == [
        [Severity.ERROR],
        [Severity.INFO],
        [],
        [Severity.WARNING],
        [Severity.ERROR],
    ]


def test_suppression_on_the_line_above_covers_the_next_line_only() -> None:
    text = "<!-- blamefree-disable BL001 -->\nDave forgot the flag.\nTom forgot the flag."
    assert [(f.line, f.code) for f in lint_text(text)] == [(3, "BL001")]


def test_suppression_skips_blank_lines_to_the_next_text() -> None:
    text = "<!-- blamefree-disable BL001 -->\n\nDave forgot the flag."
    assert lint_text(text) == []


def test_suppression_at_end_of_line_covers_that_line() -> None:
    assert lint_text("Dave forgot the flag. <!-- blamefree-disable BL0 -->") == []


def test_suppression_of_another_code_keeps_the_finding() -> None:
    text = "Dave forgot the flag. <!-- blamefree-disable BL1 -->"
    assert [f.code for f in lint_text(text)] == ["BL001"]


def test_suppression_without_codes_covers_every_rule() -> None:
    text = "<!-- blamefree-disable -->\nDave forgot, so we should have known."
    assert lint_text(text) == []


def test_suppression_with_several_codes() -> None:
    text = "<!-- blamefree-disable BL001, BL101 -->\nDave forgot, so we should have known."
    assert lint_text(text) == []
    text = "<!-- blamefree-disable BL001 -->\nDave forgot, so we should have known."
    assert [f.code for f in lint_text(text)] == ["BL101"]


def test_file_wide_suppression() -> None:
    text = "<!-- blamefree-disable-file BL001 -->\n\nDave forgot.\n\nTom forgot.\n\nIf only."
    assert [f.code for f in lint_text(text)] == ["BL101"]


def test_policy_decides_what_a_severity_requires() -> None:
    text = postmortem(what_went_well=None, where_we_got_lucky=None, lessons_learned=None)
    assert [f.code for f in lint_text(text, today=TODAY)] == ["PM201", "PM201", "PM203"]
    relaxed = SeverityPolicy(
        by_severity={**DEFAULT_POLICY.by_severity, IncidentSeverity.SEV1: LIGHTWEIGHT_REVIEW}
    )
    assert [f.code for f in lint_text(text, policy=relaxed, today=TODAY)] == ["PM203"]
    assert [f.code for f in lint_text(text, today=TODAY)] == ["PM201", "PM201", "PM203"]
    for _ in range(2):
        fresh = SeverityPolicy(by_severity=relaxed.by_severity)
        assert [f.code for f in lint_text(text, policy=fresh, today=TODAY)] == ["PM203"]


def test_working_time_counts_policy_hours_like_the_planner() -> None:
    front = postmortem().replace("meeting: 2026-01-07T10:00:00Z", "meeting: 2026-01-09T10:00:00Z")
    assert [f.code for f in lint_text(front, today=TODAY)] == ["PM206"]

    def generous(start: datetime, duration: timedelta) -> datetime:
        return start + duration * 2

    assert lint_text(front, today=TODAY, working_time=generous) == []


def test_deadline_rules_need_a_date() -> None:
    text = postmortem(front="---\nseverity: SEV1\n---\n")
    late = text.replace("2026-02-01", "2025-12-01")
    assert "PM105" not in [f.code for f in lint_text(late)]
    assert "PM105" in [f.code for f in lint_text(late, today=date(2026, 1, 10))]


def test_malformed_input_never_raises() -> None:
    for text in ("", "---", "---\n: [\n---\n## Summary", "##", "| a |\n|", "\r\n\r\n", "```"):
        lint_text(text)


def test_lint_postmortem_lints_the_rendered_document() -> None:
    pm = parse_postmortem(postmortem(summary="Dave forgot to renew the certificate."))
    found = lint_postmortem(pm, today=TODAY, source="INC-1")
    assert [(f.code, f.source) for f in found] == [("BL001", "INC-1")]
    assert found[0].column == 1


def test_exceeds_compares_with_the_threshold() -> None:
    [warning] = lint_text("We should have known.")
    assert exceeds([warning], Severity.WARNING)
    assert exceeds([warning], Severity.INFO)
    assert not exceeds([warning], Severity.ERROR)
    assert not exceeds([], Severity.INFO)
