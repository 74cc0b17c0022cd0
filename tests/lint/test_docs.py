"""docs/rules.md is generated from the rule docstrings and must be current."""

from __future__ import annotations

from pathlib import Path

from blamefree.lint import all_rules
from blamefree.lint.docs import render_rules_doc

RULES_MD = Path(__file__).parents[2] / "docs" / "rules.md"


def test_rules_md_is_current() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == render_rules_doc(), (
        "docs/rules.md is stale; regenerate it with: blamefree lint --rules-doc > docs/rules.md"
    )


def test_every_rule_has_a_section_with_its_examples() -> None:
    text = render_rules_doc()
    for rule in all_rules():
        assert f"\n### {rule.code} {rule.name}\n" in text
        assert f"(#{rule.code.lower()}-{rule.name})" in text
        bad, good = rule.examples
        assert bad[0].rstrip("\n") in text
        assert good[0].rstrip("\n") in text


def test_rendering_is_deterministic() -> None:
    assert render_rules_doc() == render_rules_doc()
