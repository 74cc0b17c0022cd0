"""`blamefree meeting ...` and `blamefree status` end to end (cli/commands/meeting.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from blamefree.cli.app import app

FIXTURE = Path(__file__).parent / "fixtures" / "checkout-timeouts.md"
PROJECT = """\
[meeting]
timezone = "Europe/Berlin"
organizer = "Ana Ops <ana@example.com>"
uid_domain = "pm.example.com"
[meeting.service_owners]
checkout = "Dana Diaz <dana@example.com>"
"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
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
    result = runner.invoke(app, ["status", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    late = {
        (a["incident_id"], d["kind"], d["state"])
        for a in report["attention"]
        for d in a["deadlines"]
    }
    assert ("INC-2026-0042", "meeting", "late") in late
    assert ("INC-2026-0042", "pre-read", "late") in late
    assert [s["title"] for s in report["skipped"]] == ["Queue backlog"]


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
