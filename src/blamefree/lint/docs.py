"""Generate docs/rules.md from the rule registry (the docstrings are the spec)."""

from __future__ import annotations

from blamefree.lint.rule import Family, all_rules

_FAMILY_TITLES = {
    Family.BLAME: "Blame",
    Family.HINDSIGHT: "Hindsight and counterfactuals",
    Family.ROOT_CAUSE: "Root cause and Why chains",
    Family.ACTION_ITEMS: "Action items",
    Family.COMPLETENESS: "Completeness and timeliness",
}


def render_rules_doc() -> str:
    """The full text of docs/rules.md, deterministic for a given set of rules."""
    rules = all_rules()
    out = [
        "# Lint rules",
        "",
        "<!-- Generated from the rule docstrings; do not edit by hand. Regenerate with:",
        "     blamefree lint --rules-doc > docs/rules.md -->",
        "",
        "Codes are stable: `BL` rules look at language, `PM` rules at the document's structure.",
        "Disable, enable or re-level them in `.blamefree.toml` (see [lint.md](lint.md)).",
        "",
        "| Code | Name | Family | Default severity |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        anchor = f"{rule.code.lower()}-{rule.name}"
        out.append(
            f"| [{rule.code}](#{anchor}) | {rule.name} | {rule.family.value} | "
            f"{rule.severity.value} |"
        )
    for family in Family:
        out += ["", f"## {_FAMILY_TITLES[family]}"]
        for rule in (r for r in rules if r.family is family):
            bad, good = rule.examples
            out += ["", f"### {rule.code} {rule.name}", "", rule.summary]
            out += ["", f"Why it matters: {rule.message}"]
            if rule.suggestion:
                out += ["", f"What to write instead: {rule.suggestion}"]
            out += ["", f"Default severity: {rule.severity.value}."]
            for label, examples in (("Bad", bad), ("Good", good)):
                for example in examples:
                    out += ["", f"{label}:", "", "```markdown", example.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"
