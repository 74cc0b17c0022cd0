"""What a lint rule is: a code, a family, a severity, a docstring spec and a check function.

Rules register themselves with the `@rule(...)` decorator when their module is imported; only
`engine.py` runs them. Codes are forever: a rule may be renamed or moved, its code stays, and a
retired code is never reused. Config and suppressions name codes or code prefixes (`BL1`).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blamefree.domain.meeting import Deadlines, ReviewRequirements
    from blamefree.lint._document import Document
    from blamefree.lint._people import PeopleIndex
    from blamefree.lint.config import LintConfig

CODE_PATTERN = re.compile(r"^(?:BL|PM)\d{3}$")


class Severity(StrEnum):
    """How loudly a finding speaks, after Vale's levels."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 2 for error; used by `--fail-on`."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Family(StrEnum):
    """The five things the linter looks for."""

    BLAME = "blame"
    HINDSIGHT = "hindsight"
    ROOT_CAUSE = "root-cause"
    ACTION_ITEMS = "action-items"
    COMPLETENESS = "completeness"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: rule identity, where (1-based line and column) and why."""

    code: str
    name: str
    family: Family
    severity: Severity
    message: str
    line: int
    column: int
    length: int
    suggestion: str | None = None
    replacement: str | None = None
    source: str | None = None

    def as_dict(self) -> dict[str, str | int | None]:
        """A JSON-ready mapping with stable keys."""
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family.value,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "length": self.length,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check function reports; the engine adds the rule's identity and severity."""

    line: int
    column: int
    length: int
    message: str | None = None
    """A more specific message; the rule's own message when None."""
    suggestion: str | None = None
    replacement: str | None = None


WorkingTime = Callable[[datetime, timedelta], datetime]
"""Adds a duration to an instant on the team's working calendar (weekends, holidays skipped)."""


@dataclass(frozen=True, slots=True)
class LintContext:
    """What rules may know besides the document: team config, policy and the date."""

    config: LintConfig
    requirements: ReviewRequirements | None
    """The review this incident needs by the severity policy; None when severity is unknown."""
    deadlines: Deadlines
    today: date | None
    """The date used for time-dependent rules; None skips the ones that need it."""
    people: PeopleIndex
    policy_note: str | None = None
    """Why the severity policy could not be applied (missing or unknown severity), if so."""
    add_working_time: WorkingTime | None = None
    """How policy hours are counted: the team's working calendar when given (the meeting
    planner's), elapsed clock hours when None."""

    def due(self, start: datetime, hours: int) -> datetime:
        """`hours` policy hours after `start`, counted the way the meeting planner counts them."""
        if self.add_working_time is None:
            return start + timedelta(hours=hours)
        return self.add_working_time(start, timedelta(hours=hours))


CheckFunction = Callable[["Document", LintContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule. The docstring is its spec: why it matters, then Bad:/Good: examples."""

    code: str
    name: str
    family: Family
    severity: Severity
    message: str
    check: CheckFunction = field(compare=False)
    doc: str = ""
    suggestion: str | None = None
    second_opinion: bool = False
    """A learned check that only adds to the rules of its family: the engine drops its
    finding where another rule of the blame or hindsight families reported the same place."""

    @property
    def summary(self) -> str:
        """The first paragraph of the docstring, on one line."""
        first = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(first.split())

    @property
    def examples(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(bad, good) examples parsed from the docstring."""
        return _parse_examples(self.doc)


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    family: Family,
    severity: Severity,
    *,
    message: str,
    suggestion: str | None = None,
    second_opinion: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function as rule `code`.

    Args:
        code: stable code such as "BL001"; never reused.
        name: kebab-case name shown next to the code.
        family: which of the five families it belongs to.
        severity: default severity (teams may override it in `.blamefree.toml`).
        message: one sentence saying what was found and why it hurts learning.
        suggestion: default rewrite advice, when the check has no more specific one.
        second_opinion: the check is learned and speaks only where no rule of the blame and
            hindsight families did (see `Rule.second_opinion`).
    """
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must look like BL001 or PM001")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise ValueError(f"rule name {name!r} must be kebab-case")

    def register(check: CheckFunction) -> CheckFunction:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} is registered twice")
        _ORDERED.clear()
        _REGISTRY[code] = Rule(
            code=code,
            name=name,
            family=family,
            severity=severity,
            message=message,
            check=check,
            doc=_docstring(check),
            suggestion=suggestion,
            second_opinion=second_opinion,
        )
        return check

    return register


def _docstring(check: CheckFunction) -> str:
    """The check's docstring, also when its module runs compiled.

    A mypyc-compiled function carries no docstring (see `blamefree.speedups`); the compiled
    module sits beside its .py source, which the stale-binary guard keeps identical, so the
    docstring is read from there and the rules' documentation is the same either way.
    """
    if check.__doc__:
        return check.__doc__
    module_file = getattr(sys.modules.get(check.__module__), "__file__", None)
    if not module_file:
        return ""
    compiled = Path(module_file)
    source = compiled.with_name(compiled.name.split(".", 1)[0] + ".py")
    return _source_docstrings(source).get(getattr(check, "__name__", ""), "")


@cache
def _source_docstrings(source: Path) -> dict[str, str]:
    """Function name -> docstring (as written) for the top-level functions of a module."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    return {
        node.name: ast.get_docstring(node, clean=False) or ""
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, ordered by code."""
    ordered = _ORDERED.get(len(_REGISTRY))
    if ordered is not None:
        return ordered
    import blamefree.lint.rules  # noqa: F401  (importing registers the rules)

    ordered = tuple(_REGISTRY[code] for code in sorted(_REGISTRY))
    _ORDERED.clear()
    _ORDERED[len(_REGISTRY)] = ordered
    return ordered


_ORDERED: dict[int, tuple[Rule, ...]] = {}
"""Registry size -> every rule in code order, once `all_rules` has sorted them (it is asked
once per linted document); `rule` empties it whenever a rule is added."""


def get_rule(code: str) -> Rule:
    """One rule by code; KeyError when no rule has it."""
    all_rules()
    return _REGISTRY[code]


_EXAMPLE_HEAD = re.compile(r"^(Bad|Good):\s*(.*)$")


def _parse_examples(doc: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read `Bad: text` lines, or `Bad:` followed by a block indented 4 more spaces."""
    lines = [line.rstrip() for line in _dedent(doc).splitlines()]
    bad: list[str] = []
    good: list[str] = []
    index = 0
    while index < len(lines):
        match = _EXAMPLE_HEAD.match(lines[index])
        index += 1
        if match is None:
            continue
        kind, inline = match.groups()
        if inline:
            example = inline
        else:
            block: list[str] = []
            while index < len(lines) and (lines[index].startswith("    ") or not lines[index]):
                block.append(lines[index][4:])
                index += 1
            example = "\n".join(block).strip("\n") + "\n"
        (bad if kind == "Bad" else good).append(example)
    return tuple(bad), tuple(good)


def _dedent(doc: str) -> str:
    lines = doc.expandtabs().splitlines()
    if not lines:
        return ""
    rest = [line for line in lines[1:] if line.strip()]
    indent = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    return "\n".join([lines[0].strip(), *(line[indent:] for line in lines[1:])])
