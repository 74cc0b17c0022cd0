"""`blamefree timeline build | show | override` end to end, in-process with CliRunner."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from blamefree.cli.app import app
from blamefree.cli.console import out

INCIDENT812 = Path(__file__).parents[1] / "fixtures" / "ingest" / "incident812"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLAMEFREE_DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    monkeypatch.setattr(out, "_width", 200)  # wide tables whatever terminal runs the tests
    shutil.copytree(INCIDENT812, tmp_path / "evidence")
    runner = CliRunner()
    created = runner.invoke(app, ["new", "Checkout errors", "--id", "INC-812"])
    assert created.exit_code == 0, created.output
    imported = runner.invoke(app, ["import", "INC-812.md"])
    assert imported.exit_code == 0, imported.output
    return runner


def _shown(runner: CliRunner) -> dict[str, object]:
    result = runner.invoke(app, ["timeline", "show", "INC-812", "--json"])
    assert result.exit_code == 0, result.output
    shown: dict[str, object] = orjson.loads(result.stdout)
    return shown


def test_build_prints_the_summary_and_show_prints_timeline_moments_and_metrics(
    runner: CliRunner,
) -> None:
    built = runner.invoke(app, ["timeline", "build", "INC-812", "evidence", "--redact-emails"])

    assert built.exit_code == 0, built.output
    assert "│ evidence/slack                      │ slack        │ 5       │" in built.stdout
    for row in (
        ("records read", "44"),
        ("events built", "25"),
        ("added to the timeline", "25"),
        ("duplicates merged", "7"),
        ("collapsed repeats", "9"),
        ("trimmed outside the window", "3"),
        ("redactions", "url-password 1"),
    ):
        assert any(row[0] in line and f"│ {row[1]} " in line for line in built.stdout.splitlines())
    assert "INC-812 is at version 2" in built.stderr

    shown = runner.invoke(app, ["timeline", "show", "INC-812"])
    assert shown.exit_code == 0, shown.output
    assert "2024-05-01 11:48:02" in shown.stdout
    assert "│ 11:56:00            │ alertmanager       │ alert-firing" in shown.stdout
    assert "(x3 until 12:06:00)" in shown.stdout
    assert "│ detection       │ 2024-05-01 11:55:30 │ 90%" in shown.stdout
    assert "│ TTD (detect)      │ 2m 25s" in shown.stdout
    assert "│ TTR (resolve)     │ 31m 54s" in shown.stdout


def test_rebuilding_adds_nothing_and_export_carries_the_stored_timeline(
    runner: CliRunner,
) -> None:
    runner.invoke(app, ["timeline", "build", "INC-812", "evidence"])
    first = _shown(runner)

    again = runner.invoke(app, ["timeline", "build", "INC-812", "./evidence/"])

    assert again.exit_code == 0, again.output
    assert any(
        "added to the timeline" in line and "│ 0 " in line for line in again.stdout.splitlines()
    )
    assert _shown(runner) == first
    exported = runner.invoke(app, ["export", "INC-812"])
    assert exported.exit_code == 0
    assert "HighErrorRate firing: 5xx ratio above 5% for 5m" in exported.stdout
    assert "ref=evidence/alertmanager.jsonl:1#/alerts/0" in exported.stdout


def test_a_malformed_file_is_one_red_line_and_nothing_is_stored(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "evidence" / "zz-broken.jsonl").write_text(
        '{"ts": 1714564395.5, "msg": "ok"}\n{"ts": \n'
    )

    result = runner.invoke(app, ["timeline", "build", "INC-812", "evidence"])

    assert result.exit_code == 2
    assert result.stderr.startswith("error: evidence/zz-broken.jsonl, line 2: not valid JSON")
    assert "Traceback" not in result.output
    assert _shown(runner)["events"] == []
    assert _shown(runner)["version"] == 1


def test_a_missing_incident_says_to_create_it_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "build", "INC-9", "evidence"])

    assert result.exit_code == 2
    assert result.stderr == (
        "error: no incident 'INC-9' to attach a timeline to; create it first with "
        "`blamefree new --id INC-9 TITLE` and `blamefree import INC-9.md`\n"
    )


def test_bad_options_are_explained(runner: CliRunner) -> None:
    zone = runner.invoke(app, ["timeline", "build", "INC-812", "evidence", "--tz", "Mars/Base"])
    window = runner.invoke(app, ["timeline", "build", "INC-812", "evidence", "--before", "-5"])
    fmt = runner.invoke(app, ["timeline", "build", "INC-812", "evidence", "--format", "fax"])

    assert zone.exit_code == window.exit_code == fmt.exit_code == 2
    assert "--tz 'Mars/Base' is not a known time zone" in zone.stderr
    assert "--before -5 is negative" in window.stderr
    assert "unknown format 'fax'; use one of slack, pagerduty" in fmt.stderr


def test_override_is_shown_as_set_by_a_person_and_survives_a_rebuild(
    runner: CliRunner,
) -> None:
    runner.invoke(app, ["timeline", "build", "INC-812", "evidence"])

    result = runner.invoke(
        app,
        [
            "timeline",
            "override",
            "INC-812",
            "detection",
            "2024-05-01T13:58:00+02:00",
            "--by",
            "ana",
        ],
    )
    runner.invoke(app, ["timeline", "build", "INC-812", "evidence"])

    assert result.exit_code == 0, result.output
    assert "detection set to 2024-05-01 11:58:00 UTC (set by ana)" in result.stderr
    shown = _shown(runner)
    moments = {m["kind"]: m for m in shown["key_moments"]}  # type: ignore[attr-defined]
    assert moments["detection"]["at"] == "2024-05-01T11:58:00Z"
    assert moments["detection"]["overridden"] is True
    assert shown["metrics"]["time_to_detect"] == 294.598  # type: ignore[index]
    text = runner.invoke(app, ["timeline", "show", "INC-812"]).stdout
    assert "│ detection       │ 2024-05-01 11:58:00 │ set by a person" in text


def test_override_refuses_unknown_moments_and_zoneless_times(runner: CliRunner) -> None:
    kind = runner.invoke(app, ["timeline", "override", "INC-812", "paged", "2024-05-01T12:00Z"])
    naive = runner.invoke(app, ["timeline", "override", "INC-812", "ack", "2024-05-01T12:00"])
    zoned = runner.invoke(
        app, ["timeline", "override", "INC-812", "ack", "2024-05-01T14:00", "--tz", "Europe/Paris"]
    )

    assert kind.exit_code == naive.exit_code == 2
    assert "'paged' is not a key moment" in kind.stderr
    assert "TIME: '2024-05-01T12:00' has no timezone; pass --tz" in naive.stderr
    assert zoned.exit_code == 0, zoned.output
    assert "acknowledgement set to 2024-05-01 12:00:00 UTC" in zoned.stderr


def test_file_bars_track_records_per_file() -> None:
    from io import StringIO

    from rich.console import Console
    from rich.progress import Progress

    from blamefree.cli.commands.timeline import _FileBars

    bar = Progress(console=Console(file=StringIO()))
    bars = _FileBars(bar)
    bars.started("big.jsonl", 2_500_000)
    bars.advanced("big.jsonl", 20_000)
    middle = (bar.tasks[0].description, bar.tasks[0].completed, bar.tasks[0].total)
    bars.finished("big.jsonl", 31_000)

    assert middle == ("big.jsonl (2.5 MB)", 20_000, None)
    assert (bar.tasks[0].completed, bar.tasks[0].total) == (31_000, 31_000)
