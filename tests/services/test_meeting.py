"""The meeting use cases in services/meeting.py, on files and on the store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from blamefree.config import Settings
from blamefree.document import parse_postmortem
from blamefree.domain.clock import FixedClock
from blamefree.domain.errors import InvalidInput, NotFound
from blamefree.domain.postmortem import Postmortem, PostmortemStatus
from blamefree.lint import Family, Finding, Severity
from blamefree.meeting.scheduling import DeadlineKind, DeadlineState
from blamefree.services.meeting import (
    LoadedPostmortem,
    MeetingConfig,
    file_review_overview,
    load_meeting_config,
    load_postmortem,
    plan_meeting,
    preread_packet,
    questions_from_findings,
    review_overview,
    stored_review_overview,
)
from blamefree.services.postmortems import scaffold_document
from blamefree.store import open_store
from tests.meeting._builders import make_incident, make_postmortem

FIXTURE = Path(__file__).parents[1] / "meeting" / "fixtures" / "checkout-timeouts.md"


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


def _config(tmp_path: Path, text: str = "") -> MeetingConfig:
    (tmp_path / "team.toml").write_text(text, encoding="utf-8")
    return load_meeting_config(tmp_path / "team.toml")


def test_review_overview_sorts_by_earliest_due_and_lists_skipped(tmp_path: Path) -> None:
    config = _config(tmp_path)
    unresolved = make_incident(
        id="INC-A", times=make_incident().times.model_copy(update={"resolved": None})
    )
    pms = [
        make_postmortem(incident=make_incident(id="INC-B"), summary="Written."),
        make_postmortem(incident=unresolved),
        make_postmortem(incident=make_incident(id="INC-C", severity="SEV3"), summary="Small."),
        make_postmortem(
            incident=make_incident(id="INC-D"), summary="Met.", meeting_at=NOW - timedelta(days=2)
        ),
    ]
    # Friday 12:30 UTC: the window of INC-A (no resolution; counted from its detection,
    # Tuesday 12:10) has closed, the one of INC-B (resolved Tuesday 14:00) has not.
    report = review_overview(pms, config, clock=FixedClock(NOW))
    assert [s.incident_id for s in report.attention] == ["INC-D", "INC-B", "INC-C"]
    first = report.attention[0].attention[0]
    assert (first.kind, first.state) == (DeadlineKind.PREREAD, DeadlineState.LATE)
    assert [(d.kind, d.state) for d in report.attention[1].attention] == [
        (DeadlineKind.MEETING, DeadlineState.AT_RISK),
        (DeadlineKind.PREREAD, DeadlineState.LATE),
        (DeadlineKind.DOCUMENT, DeadlineState.AT_RISK),
    ]
    assert [(s.incident.id, s.reason) for s in report.skipped] == [
        ("INC-A", "nothing written; no meeting held or booked; no resolution time recorded")
    ]


NOW = datetime(2026, 5, 8, 12, 30, tzinfo=UTC)


def _store_with(db_url: str, *pms: Postmortem) -> None:
    store = open_store(db_url)
    store.migrate()
    try:
        with store.transaction(actor="test") as uow:
            for pm in pms:
                uow.postmortems.add(pm)
    finally:
        store.dispose()


def _stored_examples() -> tuple[Postmortem, ...]:
    fixture = load_postmortem(str(FIXTURE)).postmortem  # SEV1, written, no meeting, draft
    scaffold = parse_postmortem(
        scaffold_document(title="Queue backlog", severity="SEV1", incident_id="INC-7")
    ).model_copy(update={"incident": make_incident(id="INC-7", title="Queue backlog")})
    small = make_postmortem(incident=make_incident(id="INC-8", severity="SEV3"), summary="Ok.")
    done = make_postmortem(
        incident=make_incident(id="INC-9"),
        summary="Written.",
        meeting_at=datetime(2026, 5, 7, 10, 0, tzinfo=UTC),
        status=PostmortemStatus.PUBLISHED,
        published_at=datetime(2026, 5, 8, 10, 0, tzinfo=UTC),
    )
    return fixture, scaffold, small, done


def test_status_over_the_store_lists_late_reviews_and_skipped_ones(
    db_url: str, tmp_path: Path
) -> None:
    _store_with(db_url, *_stored_examples())
    config = _config(tmp_path, '[meeting]\ntimezone = "Europe/Berlin"\n')
    settings = Settings(database_url=db_url)
    # Resolved Tuesday 2026-05-05 14:00 UTC (16:00 in Berlin): the window closes Friday 16:00.
    open_window = stored_review_overview(
        config, clock=FixedClock(datetime(2026, 5, 8, 13, 59, tzinfo=UTC)), settings=settings
    )
    assert open_window.skipped == ()
    assert {s.incident_id: s.worst for s in open_window.attention} == {
        "INC-2026-0042": DeadlineState.LATE,  # pre-read due Thursday 16:00 in Berlin
        "INC-7": DeadlineState.LATE,
        "INC-8": DeadlineState.AT_RISK,  # SEV3: document due when the window closes
        "INC-9": DeadlineState.LATE,  # published, but required sections are still empty
    }
    report = stored_review_overview(
        config, clock=FixedClock(datetime(2026, 5, 8, 14, 1, tzinfo=UTC)), settings=settings
    )
    assert [(s.incident.id, s.reason) for s in report.skipped] == [
        ("INC-2026-0042", "no meeting held or booked"),
        ("INC-7", "nothing written; no meeting held or booked"),
    ]
    assert report.skipped[0].window_closed == datetime(2026, 5, 8, 14, 0, tzinfo=UTC)
    assert [s.incident_id for s in report.attention] == ["INC-9", "INC-8"]
    done = report.attention[0]
    assert [(d.kind, d.state) for d in done.attention] == [
        (DeadlineKind.DOCUMENT, DeadlineState.LATE)
    ]


def test_status_over_an_empty_store_has_nothing_to_report(db_url: str, tmp_path: Path) -> None:
    _store_with(db_url)
    report = stored_review_overview(
        _config(tmp_path), clock=FixedClock(NOW), settings=Settings(database_url=db_url)
    )
    assert (report.attention, report.skipped) == ((), ())


def test_status_over_markdown_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "postmortems"
    (folder / "2026").mkdir(parents=True)
    (folder / "2026" / "checkout.md").write_text(FIXTURE.read_text(encoding="utf-8"))
    (folder / "notes.txt").write_text("not a postmortem")
    report = file_review_overview(
        [folder], _config(tmp_path), clock=FixedClock(datetime(2026, 5, 11, 9, tzinfo=UTC))
    )
    assert [(s.incident.id, s.reason) for s in report.skipped] == [
        ("INC-2026-0042", "no meeting held or booked")
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match=r"^no Markdown files found in .*empty; pass"):
        file_review_overview([tmp_path / "empty"], _config(tmp_path), clock=FixedClock(NOW))
    with pytest.raises(InvalidInput, match=r"none: no such file or folder; pass postmortem"):
        file_review_overview([tmp_path / "none"], _config(tmp_path), clock=FixedClock(NOW))


def test_load_postmortem_by_incident_id_from_the_store(db_url: str) -> None:
    fixture, *_ = _stored_examples()
    _store_with(db_url, fixture)
    loaded = load_postmortem("INC-2026-0042", settings=Settings(database_url=db_url))
    assert (loaded.postmortem, loaded.source) == (fixture, "INC-2026-0042")
    assert loaded.markdown.startswith("---\nid: INC-2026-0042\n")
    with pytest.raises(NotFound, match="INC-404"):
        load_postmortem("INC-404", settings=Settings(database_url=db_url))
