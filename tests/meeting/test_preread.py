from __future__ import annotations

from datetime import UTC, datetime

from blamefree.domain.meeting import DEFAULT_POLICY
from blamefree.domain.people import Role
from blamefree.domain.postmortem import ContributingFactor, WhyStep
from blamefree.meeting.plan import build_plan
from blamefree.meeting.policy import MeetingSettings
from blamefree.meeting.preread import OpenQuestion, build_preread, document_questions

from ._builders import make_postmortem, person

NOW = datetime(2026, 5, 5, 15, 0, tzinfo=UTC)


def test_document_questions_name_empty_sections_and_factors_without_whys() -> None:
    pm = make_postmortem(
        summary="Checkout slowed down.",
        factors=(
            ContributingFactor(title="Retry storm"),
            ContributingFactor(title="Pool size", whys=(WhyStep(question="Why?", answer="x"),)),
        ),
    )
    assert [q.message for q in document_questions(pm, DEFAULT_POLICY)] == [
        "The section 'Impact' is still empty.",
        "The section 'Timeline' is still empty.",
        "The section 'What went well' is still empty.",
        "The section 'Where we got lucky' is still empty.",
        "The section 'Action items' is still empty.",
        "The section 'Lessons learned' is still empty.",
        "The contributing factor 'Retry storm' has no why chain yet.",
    ]


def test_preread_packet_holds_facts_questions_agenda_and_document() -> None:
    pm = make_postmortem(participants=(person("Omar Haddad", Role.OWNER), person("Bea Stone")))
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=MeetingSettings(), now=NOW)
    packet = build_preread(
        plan,
        "# Checkout requests timed out\n\n## Summary\n\nText.\n",
        questions=[
            OpenQuestion(
                message="Names a person as the cause", code="BL001", line=12, source="lint"
            ),
            OpenQuestion(message="The section 'Impact' is still empty."),
        ],
    )
    assert packet.startswith("# Pre-read: Checkout requests timed out (INC-42)\n")
    assert "- Review meeting: Thu 2026-05-07 14:00 UTC" in packet
    assert "- BL001: Names a person as the cause (line 12)\n" in packet
    assert "- The section 'Impact' is still empty.\n" in packet
    assert "Norm Kerth's Retrospective Prime Directive" in packet
    assert "### Postmortem review (75 min)" in packet
    assert packet.endswith("## Summary\n\nText.\n")


def test_preread_without_questions_says_so() -> None:
    pm = make_postmortem(participants=(person("Bea Stone"),))
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=MeetingSettings(), now=NOW)
    assert "## Open questions\n\n- None raised so far.\n" in build_preread(plan, "doc")
