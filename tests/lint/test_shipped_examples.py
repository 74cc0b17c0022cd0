"""Blamefree's own examples must pass Blamefree's own linter: it is a product about language."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.lint import lint_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


LEARNED_NOTES = {("2025-06-02-webhook-certificate-near-miss.md", 34, "BL004")}
"""Info notes of the learned tone check on our own examples: false alarms (a report that
"made a person look at the expiry date just in time" credits the report). They are listed
so that a retrained model that speaks elsewhere, or more, is noticed and read."""


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_has_no_findings(path: Path) -> None:
    findings = lint_text(path.read_text(encoding="utf-8"), source=str(path))
    learned = {(path.name, f.line, f.code) for f in findings if f.code in ("BL004", "BL105")}
    assert learned <= LEARNED_NOTES
    rules = [f for f in findings if f.code not in ("BL004", "BL105")]
    assert [f"{f.code} line {f.line}: {f.message}" for f in rules] == []
