"""The blameless and quality linter: rules, engine and output formats.

Use `lint_text()` on Markdown (a whole postmortem or a fragment from an editor field) and
`lint_postmortem()` on a domain object. Rules are listed by `all_rules()`.

The guard for the compiled modules runs first, before any of them is imported, so that a
compiled module built from other sources is never used (see `blamefree.speedups`).
"""

from blamefree.lint import _compiled  # noqa: F401  (first: guards the compiled modules)
from blamefree.lint.config import LintConfig, LintConfigError, load_lint_config
from blamefree.lint.engine import exceeds, lint_postmortem, lint_text
from blamefree.lint.output import render_json, render_sarif, render_text
from blamefree.lint.rule import (
    Family,
    Finding,
    Rule,
    Severity,
    WorkingTime,
    all_rules,
    get_rule,
)

__all__ = [
    "Family",
    "Finding",
    "LintConfig",
    "LintConfigError",
    "Rule",
    "Severity",
    "WorkingTime",
    "all_rules",
    "exceeds",
    "get_rule",
    "lint_postmortem",
    "lint_text",
    "load_lint_config",
    "render_json",
    "render_sarif",
    "render_text",
]
