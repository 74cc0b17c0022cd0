"""The registry and the docstring spec: every rule's Bad examples fire, Good ones stay silent."""

from __future__ import annotations

from datetime import date

import pytest

from blamefree.lint import lint_text
from blamefree.lint.rule import Family, Rule, Severity, _parse_examples, all_rules, get_rule, rule

TODAY = date(2026, 1, 10)
RULES = all_rules()


def test_codes_are_unique_sorted_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert len(codes) == 32
    assert {r.family for r in RULES} == set(Family)


@pytest.mark.parametrize("checked", RULES, ids=lambda r: r.code)
def test_rule_has_bad_and_good_examples(checked: Rule) -> None:
    bad, good = checked.examples
    assert bad, f"{checked.code} has no Bad: example"
    assert good, f"{checked.code} has no Good: example"
    assert checked.summary
    assert checked.message.endswith(".")


@pytest.mark.parametrize("checked", RULES, ids=lambda r: r.code)
def test_bad_examples_fire(checked: Rule) -> None:
    for example in checked.examples[0]:
        codes = [f.code for f in lint_text(example, today=TODAY)]
        assert checked.code in codes, f"{checked.code} stays silent on Bad: {example!r}"


@pytest.mark.parametrize("checked", RULES, ids=lambda r: r.code)
def test_good_examples_stay_silent(checked: Rule) -> None:
    for example in checked.examples[1]:
        codes = [f.code for f in lint_text(example, today=TODAY)]
        assert checked.code not in codes, f"{checked.code} fires on Good: {example!r}"


def test_examples_parse_inline_and_block_forms() -> None:
    doc = """Flags x.

    Bad: one line
    Bad:
        ## Block
        body
    Good: fine
    """
    assert _parse_examples(doc) == (("one line", "## Block\nbody\n"), ("fine",))


def test_duplicate_code_is_refused() -> None:
    with pytest.raises(ValueError, match="BL001 is registered twice"):
        rule("BL001", "again", Family.BLAME, Severity.INFO, message="x.")(lambda d, c: iter(()))


def test_malformed_code_is_refused() -> None:
    with pytest.raises(ValueError, match="must look like BL001"):
        rule("X1", "x", Family.BLAME, Severity.INFO, message="x.")


def test_get_rule_by_code() -> None:
    assert get_rule("BL101").name == "counterfactual"
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank


def test_all_rules_lists_a_rule_added_after_it_was_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import blamefree.lint.rule as rule_module

    before = all_rules()
    assert all_rules() is before  # remembered between documents
    monkeypatch.setattr(rule_module, "_REGISTRY", dict(rule_module._REGISTRY))
    monkeypatch.setattr(rule_module, "_ORDERED", {})
    rule("PM999", "late-added", Family.COMPLETENESS, Severity.INFO, message="Added late.")(
        lambda doc, ctx: iter(())
    )
    assert [r.code for r in all_rules()] == sorted([*(r.code for r in before), "PM999"])
