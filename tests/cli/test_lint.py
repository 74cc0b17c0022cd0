"""`blamefree lint`: exit codes, formats, config and policy from .blamefree.toml."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from blamefree.cli.app import app
from blamefree.lint.docs import render_rules_doc
from tests.lint._helpers import postmortem


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, "pm.md", postmortem())
    result = runner.invoke(app, ["lint", str(path), "--today", "2026-01-10"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 file checked, no findings" in result.stderr


def test_findings_exit_1_with_carets(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "pm.md", postmortem(summary="Dave forgot the flag."))
    result = runner.invoke(app, ["lint", "pm.md", "--today", "2026-01-10"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("pm.md:20:1: error BL001 person-as-cause:")
    assert lines[2] == "      | ^^^^^^^^^^^"
    assert "1 finding (1 error) in 1 file" in result.stderr


def test_fail_on_sets_the_threshold(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, "note.md", "It simply timed out.\n")
    assert runner.invoke(app, ["lint", str(path)]).exit_code == 0
    assert runner.invoke(app, ["lint", str(path), "--fail-on", "info"]).exit_code == 1
    warning = _write(tmp_path, "w.md", "We should have known.\n")
    assert runner.invoke(app, ["lint", str(warning), "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(app, ["lint", str(warning)]).exit_code == 1


def test_json_output(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, "n.md", "We should have known.\n")
    result = runner.invoke(app, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 1
    [finding] = orjson.loads(result.stdout)
    assert (finding["code"], finding["line"], finding["column"], finding["length"]) == (
        "BL101",
        1,
        4,
        17,
    )
    assert finding["source"] == str(path)


def test_sarif_output(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "n.md", "Dave forgot the flag.\n")
    result = runner.invoke(app, ["lint", "n.md", "--format", "sarif"])
    assert result.exit_code == 1
    log = orjson.loads(result.stdout)
    assert log["version"] == "2.1.0"
    [sarif] = log["runs"][0]["results"]
    assert sarif["ruleId"] == "BL001"
    assert sarif["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "n.md"


def test_folder_and_stdin(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pms").mkdir()
    _write(tmp_path / "pms", "a.md", "Dave forgot.\n")
    _write(tmp_path / "pms", "b.md", "All good.\n")
    result = runner.invoke(app, ["lint", "pms", "--format", "json"])
    assert [f["source"] for f in orjson.loads(result.stdout)] == [str(Path("pms") / "a.md")]
    piped = runner.invoke(app, ["lint", "-", "--format", "json"], input="If only.\n")
    assert [f["source"] for f in orjson.loads(piped.stdout)] == ["<stdin>"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md"], "missing.md: no such file; check the path"),
        (["bad.md"], "bad.md: not UTF-8 text (byte 0); save it as UTF-8 and retry"),
        (["empty"], "empty: no .md files in this folder; pass Markdown files"),
        (["ok.md", "--today", "soon"], "--today 'soon' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_unreadable_input_exits_2(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe")
    (tmp_path / "empty").mkdir()
    _write(tmp_path, "ok.md", "Fine.\n")
    result = runner.invoke(app, ["lint", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_usage_error_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "ok.md", "Fine.\n")
    assert runner.invoke(app, ["lint", "ok.md", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["lint"]).exit_code == 2


def test_config_from_blamefree_toml(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "n.md", "We should have known. Dave forgot.\n")
    _write(tmp_path, ".blamefree.toml", '[lint]\ndisable = ["BL0"]\nfail_on = "error"\n')
    result = runner.invoke(app, ["lint", "n.md", "--format", "json"])
    assert [f["code"] for f in orjson.loads(result.stdout)] == ["BL101"]
    assert result.exit_code == 0


def test_bad_config_exits_2_naming_the_key(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "n.md", "Fine.\n")
    _write(tmp_path, ".blamefree.toml", '[lint]\nfail_on = "never"\n')
    result = runner.invoke(app, ["lint", "n.md"])
    assert result.exit_code == 2
    assert "lint.fail_on: 'never' is not one of info, warning, error" in result.stderr


def test_policy_and_calendar_come_from_the_project_file(runner: CliRunner, tmp_path: Path) -> None:
    # Resolved Friday 2026-01-02 10:00, meeting Tuesday 10:00: 96 clock hours, but only
    # 48 hours on working days (the weekend is skipped), as the meeting planner counts.
    text = (
        postmortem()
        .replace("resolved: 2026-01-05T10:00:00Z", "resolved: 2026-01-02T10:00:00Z")
        .replace("meeting: 2026-01-07T10:00:00Z", "meeting: 2026-01-06T10:00:00Z")
    )
    _write(tmp_path, "pm.md", text)
    result = runner.invoke(app, ["lint", "pm.md", "--today", "2026-01-10", "-f", "json"])
    assert orjson.loads(result.stdout) == []
    _write(
        tmp_path,
        ".blamefree.toml",
        "[policy.deadlines]\nmeeting_earliest_hours = 12\nmeeting_target_hours = 24\n"
        "meeting_latest_hours = 24\n",
    )
    result = runner.invoke(app, ["lint", "pm.md", "--today", "2026-01-10", "-f", "json"])
    assert [f["code"] for f in orjson.loads(result.stdout)] == ["PM206"]


def test_rules_doc_prints_the_generated_page(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "--rules-doc"])
    assert result.exit_code == 0
    assert result.stdout == render_rules_doc()


def test_no_paths_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "no files to lint; pass Markdown files or folders" in result.stderr
