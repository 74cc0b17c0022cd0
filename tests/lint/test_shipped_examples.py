"""Blamefree's own examples must pass Blamefree's own linter: it is a product about language."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.lint import lint_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_has_no_findings(path: Path) -> None:
    findings = lint_text(path.read_text(encoding="utf-8"), source=str(path))
    assert [f"{f.code} line {f.line}: {f.message}" for f in findings] == []
