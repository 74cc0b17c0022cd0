from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from blamefree.cli.app import app

FIXTURE = Path(__file__).parents[1] / "fixtures" / "hostile.md"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLAMEFREE_DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    return CliRunner()


def test_import_then_export_reproduces_the_file_byte_for_byte(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = runner.invoke(app, ["import", str(FIXTURE)])
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.strip() == "INC-2026-0007"
    target = tmp_path / "out.md"
    exported = runner.invoke(app, ["export", "INC-2026-0007", "-o", str(target)])
    assert exported.exit_code == 0
    assert target.read_bytes() == FIXTURE.read_bytes()
    to_stdout = runner.invoke(app, ["export", "INC-2026-0007"])
    assert to_stdout.stdout == FIXTURE.read_text(encoding="utf-8")


def test_reimporting_the_same_file_changes_nothing(runner: CliRunner) -> None:
    runner.invoke(app, ["import", str(FIXTURE)])
    again = runner.invoke(app, ["import", str(FIXTURE)])
    assert again.exit_code == 0
    assert "unchanged: INC-2026-0007 (version 1)" in again.stderr


def test_import_of_a_broken_file_is_one_line_and_exit_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text(FIXTURE.read_text().replace("severity: SEV2", "severity: SEV7"))
    result = runner.invoke(app, ["import", str(FIXTURE), str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}, line 4: ")
    assert "'SEV7' is not one of SEV0-SEV3" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    listed = runner.invoke(app, ["list", "--json"])
    assert listed.stdout.strip() == "[]"


def test_garbage_bytes_are_reported_with_the_byte_offset(runner: CliRunner, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.md"
    garbage.write_bytes(b"---\nid: \xff\xfe\n")
    result = runner.invoke(app, ["import", str(garbage)])
    assert result.exit_code == 2
    assert "byte 8 is not UTF-8" in result.stderr


def test_new_scaffolds_a_file_that_imports(runner: CliRunner, tmp_path: Path) -> None:
    created = runner.invoke(app, ["new", "Queue backlog", "--severity", "major", "--id", "INC-5"])
    assert created.exit_code == 0, created.output
    text = (tmp_path / "INC-5.md").read_text()
    assert "severity: SEV1" in text and "## Contributing factors" in text
    imported = runner.invoke(app, ["import", "INC-5.md"])
    assert imported.exit_code == 0, imported.output


def test_list_and_show(runner: CliRunner) -> None:
    runner.invoke(app, ["import", str(FIXTURE)])
    listed = runner.invoke(app, ["list", "--json"])
    assert '"id": "INC-2026-0007"' in listed.stdout
    shown = runner.invoke(app, ["show", "INC-2026-0007"])
    assert shown.exit_code == 0
    assert "time to detect: 8 min" in shown.stdout
    assert "Compare document counts" in shown.stdout


def test_unknown_incident_is_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "INC-NOPE"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: no postmortem for incident 'INC-NOPE'; `blamefree list` shows the ids"
    )


def test_demo_loads_examples_once(runner: CliRunner) -> None:
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith("loaded INC-")
    second = runner.invoke(app, ["demo"])
    assert "already loaded" in second.stderr


def test_error_text_in_square_brackets_is_printed_as_is(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "[draft] notes.md"
    result = runner.invoke(app, ["import", str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: cannot be read" in result.stderr
