"""`blamefree meeting ...` and `blamefree status` end to end (cli/commands/meeting.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from blamefree.cli.app import app
from blamefree.cli.commands import meeting as meeting_commands
from blamefree.domain.clock import FixedClock

FIXTURE = Path(__file__).parents[1] / "meeting" / "fixtures" / "checkout-timeouts.md"
PROJECT = """\
[meeting]
timezone = "Europe/Berlin"
organizer = "Ana Ops <ana@example.com>"
uid_domain = "pm.example.com"
[meeting.service_owners]
checkout = "Dana Diaz <dana@example.com>"
"""


NOW = datetime(2026, 5, 11, 9, 0, tzinfo=UTC)  # Monday after the fixture's incident


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(meeting_commands, "CLOCK", FixedClock(NOW))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLAMEFREE_DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    (tmp_path / ".blamefree.toml").write_text(PROJECT, encoding="utf-8")
    return CliRunner()


def test_plan_from_a_markdown_file_as_json(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["meeting", "plan", str(FIXTURE), "--at", "2026-05-07T10:00", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["incident_id"] == "INC-2026-0042"
    assert plan["slots"][0]["start"] == "2026-05-07T08:00:00Z"  # 10:00 in Berlin
    assert plan["facilitator"] == "Bea Stone"
    assert [a["name"] for a in plan["attendees"]] == [
        "Omar Haddad",
        "Ines Chen",
        "Rita Park",
        "Bea Stone",
        "Dana Diaz",
    ]
    assert sum(i["minutes"] for i in plan["agenda"]["sessions"][0]["items"]) == 80
    assert (
        "warning: customers were affected but no customer liaison is invited; add one so the "
        "meeting hears what customers experienced"
    ) in result.stderr
    assert "[meeting] roster" in result.stderr


def test_plan_markdown_for_a_stored_incident(runner: CliRunner) -> None:
    assert runner.invoke(app, ["import", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(app, ["meeting", "plan", "INC-2026-0042", "--at", "2026-05-07T10:00"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "# Review plan: Checkout requests timed out after a connection pool change (INC-2026-0042)"
    )
    assert "- Postmortem review: Thu 2026-05-07 10:00 CEST, 80 min" in result.stdout
    assert "- Dana Diaz <dana@example.com>: owner of checkout" in result.stdout


def test_invite_writes_an_ics_that_parses_back(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "invite.ics"
    result = runner.invoke(
        app,
        ["meeting", "invite", str(FIXTURE), "-o", str(target), "--at", "2026-05-07T10:00+02:00"],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote invite to {target}\n"
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == "inc-2026-0042-review@pm.example.com"
    assert str(event["ORGANIZER"]) == "mailto:ana@example.com"
    assert len(cast(list[Any], event["ATTENDEE"])) == 5
    assert str(event["URL"]) == "http://127.0.0.1:8000/incidents/INC-2026-0042"


def test_preread_includes_linter_questions_and_document(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "pre.md"
    result = runner.invoke(
        app, ["meeting", "preread", str(FIXTURE), "-o", str(target), "--at", "2026-05-07T10:00"]
    )
    assert result.exit_code == 0, result.output
    packet = target.read_text(encoding="utf-8")
    assert packet.startswith("# Pre-read: Checkout requests timed out")
    assert "- PM106: 1 action item; a full review asks for 3 to 5. (line 59)" in packet
    assert packet.endswith("Draft: We are sorry that checkout failed for some customers.\n")


def test_status_lists_late_reviews_and_skipped_ones(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", str(FIXTURE)]).exit_code == 0
    scaffold = tmp_path / "new.md"
    new = ["new", "Queue backlog", "--severity", "SEV1", "--id", "INC-7", "-o", str(scaffold)]
    assert runner.invoke(app, new).exit_code == 0
    assert runner.invoke(app, ["import", str(scaffold)]).exit_code == 0
    # `new` stamps the incident's start with the real time, so its window is still open.
    result = runner.invoke(app, ["status", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["skipped"] == [
        {
            "incident_id": "INC-2026-0042",
            "title": "Checkout requests timed out after a connection pool change",
            "severity": "SEV1",
            "window_closed": "2026-05-08T14:00:00Z",
            "reason": "no meeting held or booked",
        }
    ]
    assert report["attention"] == []
    text = runner.invoke(app, ["status"])
    assert text.exit_code == 0, text.output
    assert (
        "  INC-2026-0042 SEV1 Checkout requests timed out after a connection pool change: "
        "no meeting held or booked (window closed Fri 2026-05-08 16:00)\n"
    ) in text.stdout


def test_status_on_markdown_files_needs_no_database(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thursday = FixedClock(datetime(2026, 5, 7, 9, 0, tzinfo=UTC))  # window still open
    monkeypatch.setattr(meeting_commands, "CLOCK", thursday)
    result = runner.invoke(app, ["status", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["skipped"] == []
    (entry,) = report["attention"]
    # 11:00 in Berlin: the pre-read is due at 16:00 today; the meeting is still on track.
    assert [(d["kind"], d["state"], d["due"]) for d in entry["deadlines"]] == [
        ("pre-read", "at risk", "2026-05-07T14:00:00Z"),
    ]
    assert not (tmp_path / "cli.db").exists()
    missing = runner.invoke(app, ["status", "nowhere"])
    assert missing.exit_code == 2
    assert missing.stderr == (
        "error: nowhere: no such file or folder; pass postmortem Markdown files\n"
    )


def test_bad_at_and_unknown_incident_are_one_line_errors(runner: CliRunner) -> None:
    bad = runner.invoke(app, ["meeting", "plan", str(FIXTURE), "--at", "next thursday"])
    assert bad.exit_code == 2
    assert bad.stderr == (
        "error: --at 'next thursday' is not an ISO 8601 date and time; write e.g. "
        "2026-05-07T10:00\n"
    )
    missing = runner.invoke(app, ["meeting", "plan", "INC-404"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: ")
    assert "INC-404" in missing.stderr
    no_file = runner.invoke(app, ["meeting", "plan", "nowhere/pm.md"])
    assert no_file.stderr == (
        "error: nowhere/pm.md: no such file; pass an incident id or a Markdown file\n"
    )


@pytest.mark.parametrize(
    ("front_matter", "review", "minutes", "meeting_required"),
    [
        ("severity: SEV3", "lightweight", 30, False),
        ("severity: SEV3\nrepeat_of:\n  - INC-2026-0001", "full", 80, True),
        ("severity: SEV3\nnear_miss: true", "near-miss", 30, True),
    ],
)
def test_plan_follows_the_policy_for_repeats_and_near_misses(
    runner: CliRunner,
    tmp_path: Path,
    front_matter: str,
    review: str,
    minutes: int,
    meeting_required: bool,
) -> None:
    source = tmp_path / "pm.md"
    source.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("severity: SEV1", front_matter, 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["meeting", "plan", str(source), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert (plan["review"], plan["meeting_required"]) == (review, meeting_required)
    items = [i for session in plan["agenda"]["sessions"] for i in session["items"]]
    assert sum(i["minutes"] for i in items) == minutes
