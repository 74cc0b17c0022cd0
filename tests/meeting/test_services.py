"""The meeting use cases in services/meeting.py, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from blamefree.lint import Family, Finding, Severity
from blamefree.meeting.scheduling import DeadlineKind, DeadlineState
from blamefree.services.meeting import (
    LoadedPostmortem,
    load_meeting_config,
    load_postmortem,
    plan_meeting,
    preread_packet,
    questions_from_findings,
    review_overview,
)

from ._builders import make_incident, make_postmortem

FIXTURE = Path(__file__).parent / "fixtures" / "checkout-timeouts.md"


def _finding(code: str, message: str, line: int) -> Finding:
    return Finding(
        code=code,
        name="x",
        family=Family.BLAME,
        severity=Severity.WARNING,
        message=message,
        line=line,
        column=1,
        length=1,
    )


def test_questions_from_findings_keep_code_message_and_line() -> None:
    (question,) = questions_from_findings([_finding("BL001", "Names a person as the cause", 9)])
    assert (question.code, question.message, question.line, question.source) == (
        "BL001",
        "Names a person as the cause",
        9,
        "lint",
    )


def test_preread_hook_takes_findings_instead_of_running_the_linter(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text("", encoding="utf-8")
    config = load_meeting_config(tmp_path / "team.toml")
    loaded = load_postmortem(str(FIXTURE))
    plan = plan_meeting(loaded.postmortem, config, now=datetime(2026, 5, 5, 15, tzinfo=UTC))
    packet = preread_packet(
        loaded,
        plan,
        config,
        today=date(2026, 5, 5),
        findings=[_finding("BL101", "Hindsight wording", 30)],
    )
    assert "- BL101: Hindsight wording (line 30)\n" in packet
    assert "PM106" not in packet


def test_load_postmortem_from_file_keeps_the_text() -> None:
    loaded = load_postmortem(str(FIXTURE))
    assert isinstance(loaded, LoadedPostmortem)
    assert loaded.postmortem.id == "INC-2026-0042"
    assert loaded.markdown == FIXTURE.read_text(encoding="utf-8")


def test_review_overview_sorts_by_earliest_due_and_lists_skipped(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text("", encoding="utf-8")
    config = load_meeting_config(tmp_path / "team.toml")
    resolved_late = make_incident(id="INC-B")
    resolved_early = make_incident(
        id="INC-A", times=make_incident().times.model_copy(update={"resolved": None})
    )
    pms = [
        make_postmortem(incident=resolved_late, summary="Written."),
        make_postmortem(incident=resolved_early),
        make_postmortem(incident=make_incident(id="INC-C", severity="SEV3"), summary="Small."),
    ]
    report = review_overview(pms, config, now=datetime(2026, 5, 9, 12, tzinfo=UTC))
    assert [s.incident_id for s in report.attention] == ["INC-B", "INC-C"]
    first = report.attention[0].attention[0]
    assert (first.kind, first.state) == (DeadlineKind.MEETING, DeadlineState.LATE)
    assert [i.id for i in report.skipped] == ["INC-A"]
