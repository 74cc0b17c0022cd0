"""Text with carets, JSON and SARIF 2.1.0 renderings of findings."""

from __future__ import annotations

import io

import orjson
from rich.console import Console

from blamefree.lint import all_rules, lint_text, render_json, render_sarif, render_text
from blamefree.lint.output import RULES_DOC_URL, SARIF_SCHEMA

TEXT = "# Notes\nThe deploy was quick, but Dave forgot the flag.\n"


def _plain(markup: str) -> str:
    console = Console(width=200, no_color=True, file=io.StringIO())
    console.print(markup, highlight=False)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_text_quotes_the_line_with_carets_under_the_span() -> None:
    findings = lint_text(TEXT, source="pm.md")
    assert _plain(render_text(findings, {"pm.md": TEXT})).splitlines() == [
        "pm.md:2:27: error BL001 person-as-cause: 'Dave' is named as the cause ('forgot'); the "
        "analysis stops at a person instead of the conditions around them.",
        "    2 | The deploy was quick, but Dave forgot the flag.",
        "      |                           ^^^^^^^^^^^",
        "      = help: Describe the conditions that made the action possible, e.g. 'the deploy "
        "script allowed an unguarded migration' instead of 'Dave ran the wrong migration'.",
    ]


def test_text_escapes_rich_markup_in_the_quoted_line() -> None:
    text = "[bold] Dave forgot the flag.\n"
    rendered = _plain(render_text(lint_text(text, source="x.md"), {"x.md": text}))
    assert "    1 | [bold] Dave forgot the flag." in rendered.splitlines()


def test_json_is_a_list_with_stable_keys() -> None:
    data = orjson.loads(render_json(lint_text(TEXT, source="pm.md")))
    assert data == [
        {
            "code": "BL001",
            "name": "person-as-cause",
            "family": "blame",
            "severity": "error",
            "message": "'Dave' is named as the cause ('forgot'); the analysis stops at a person "
            "instead of the conditions around them.",
            "source": "pm.md",
            "line": 2,
            "column": 27,
            "length": 11,
            "suggestion": "Describe the conditions that made the action possible, e.g. 'the "
            "deploy script allowed an unguarded migration' instead of 'Dave ran the wrong "
            "migration'.",
            "replacement": None,
        }
    ]
    assert orjson.loads(render_json([])) == []


def test_sarif_has_the_2_1_0_structure() -> None:
    findings = lint_text(TEXT + "We should have known.\n", source="./docs/pm.md")
    log = orjson.loads(render_sarif(findings, version="1.2.3"))
    assert log["$schema"] == SARIF_SCHEMA
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("blamefree", "1.2.3")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for entry in rules:
        assert entry["shortDescription"]["text"].endswith(".")
        assert entry["helpUri"].startswith(RULES_DOC_URL + "#")
        assert entry["defaultConfiguration"]["level"] in ("error", "warning", "note")
    bl001 = next(r for r in rules if r["id"] == "BL001")
    assert bl001["helpUri"] == RULES_DOC_URL + "#bl001-person-as-cause"
    first, second = run["results"]
    assert first["ruleId"] == "BL001"
    assert rules[first["ruleIndex"]]["id"] == "BL001"
    assert first["level"] == "error"
    assert second["ruleId"] == "BL101"
    assert second["level"] == "warning"
    [location] = first["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/pm.md"},
        "region": {"startLine": 2, "startColumn": 27, "endColumn": 38},
    }
    assert first["message"]["text"].startswith("'Dave' is named as the cause")
    assert first["partialFingerprints"] == {"blamefree/v1": "BL001:./docs/pm.md:2:27"}


def test_sarif_maps_info_to_note_and_stdin_to_a_uri() -> None:
    log = orjson.loads(render_sarif(lint_text("It simply timed out."), version="0"))
    [result] = log["runs"][0]["results"]
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


def test_sarif_without_findings_still_lists_rules() -> None:
    log = orjson.loads(render_sarif([], version="0"))
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(all_rules())
