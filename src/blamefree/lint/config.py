"""The `[lint]` table of `.blamefree.toml`: which rules run, how loud, and team vocabulary.

[lint]
disable = ["BL105"]            # codes or prefixes ("BL1" = every hindsight rule)
enable = []                    # when not empty, only these codes or prefixes run
fail_on = "warning"            # info | warning | error
vague_phrases = ["circle back"]
teams = ["Payments", "SRE"]    # owners that are teams, not people
people = ["Kim"]               # extra names the person heuristic should know
not_people = ["Argo", "Atlas"] # product or service names that look like first names

[lint.severity]
BL105 = "warning"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from blamefree.domain.errors import InvalidInput
from blamefree.lint.rule import Severity, all_rules


class LintConfigError(InvalidInput):
    """The `[lint]` table has a key or value the linter cannot use; the message names it."""


_LIST_KEYS = ("enable", "disable", "vague_phrases", "teams", "people", "not_people")
_KNOWN_KEYS = frozenset((*_LIST_KEYS, "fail_on", "severity"))


@dataclass(frozen=True, slots=True)
class LintConfig:
    """Validated lint settings; the defaults run every rule at its own severity."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    vague_phrases: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()

    def is_enabled(self, code: str) -> bool:
        """True when `code` runs under this config (disable wins over enable)."""
        if any(code.startswith(prefix) for prefix in self.disable):
            return False
        return not self.enable or any(code.startswith(prefix) for prefix in self.enable)

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity for a rule, or its default."""
        return self.severity.get(code, default)

    @classmethod
    def from_table(cls, table: Mapping[str, object], *, where: str = "lint") -> LintConfig:
        """Validate a `[lint]` table, naming the key and what to do when something is off.

        Keys are named as dotted TOML paths (`lint.fail_on`), which also survive terminals
        and markup that would swallow square brackets.
        """
        unknown = sorted(set(table) - _KNOWN_KEYS)
        if unknown:
            known = ", ".join(sorted(_KNOWN_KEYS))
            raise LintConfigError(f"{where}: unknown key {unknown[0]!r}; known keys are {known}")
        lists = {key: _string_list(table.get(key, []), f"{where}.{key}") for key in _LIST_KEYS}
        codes = [rule.code for rule in all_rules()]
        for key in ("enable", "disable"):
            for prefix in lists[key]:
                if not any(code.startswith(prefix) for code in codes):
                    raise LintConfigError(
                        f"{where}.{key}: {prefix!r} matches no rule code; "
                        "see docs/rules.md for the codes"
                    )
        raw_severity = table.get("severity", {})
        if not isinstance(raw_severity, Mapping):
            raise LintConfigError(f"{where}.severity: expected a table such as BL105 = 'warning'")
        severity: dict[str, Severity] = {}
        for code, level in raw_severity.items():
            if code not in codes:
                raise LintConfigError(f"{where}.severity: no rule has the code {code!r}")
            severity[str(code)] = _severity(level, f"{where}.severity.{code}")
        fail_on = _severity(table.get("fail_on", Severity.WARNING.value), f"{where}.fail_on")
        return cls(
            enable=tuple(lists["enable"]),
            disable=tuple(lists["disable"]),
            severity=severity,
            fail_on=fail_on,
            vague_phrases=tuple(lists["vague_phrases"]),
            teams=tuple(lists["teams"]),
            people=tuple(lists["people"]),
            not_people=tuple(lists["not_people"]),
        )


def load_lint_config(project: Mapping[str, object]) -> LintConfig:
    """The lint settings from a whole project config (as read by `load_project_config`)."""
    table = project.get("lint", {})
    if not isinstance(table, Mapping):
        raise LintConfigError(
            "lint in .blamefree.toml must be a TOML table of settings, not a single value"
        )
    return LintConfig.from_table(table)


def _string_list(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LintConfigError(f'{where}: expected a list of strings, such as ["BL105"]')
    return [item.strip() for item in value if item.strip()]


def _severity(value: object, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise LintConfigError(f"{where}: {value!r} is not one of info, warning, error") from None
