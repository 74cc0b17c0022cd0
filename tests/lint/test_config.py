"""The `[lint]` table: validation with errors that name the key, and its effect on rules."""

from __future__ import annotations

import pytest

from blamefree.lint import LintConfig, LintConfigError, Severity, load_lint_config
from tests.lint._helpers import codes, only, postmortem


def test_defaults_when_there_is_no_lint_table() -> None:
    assert load_lint_config({}) == LintConfig()
    assert LintConfig().fail_on is Severity.WARNING


def test_full_table_is_read() -> None:
    config = load_lint_config(
        {
            "lint": {
                "disable": ["BL104"],
                "enable": ["BL", "PM1"],
                "fail_on": "ERROR",
                "vague_phrases": ["circle back"],
                "teams": ["Payments"],
                "people": ["Kit Moss"],
                "not_people": ["Argo"],
                "severity": {"BL101": "error"},
            }
        }
    )
    assert config == LintConfig(
        enable=("BL", "PM1"),
        disable=("BL104",),
        severity={"BL101": Severity.ERROR},
        fail_on=Severity.ERROR,
        vague_phrases=("circle back",),
        teams=("Payments",),
        people=("Kit Moss",),
        not_people=("Argo",),
    )
    assert config.is_enabled("BL101")
    assert not config.is_enabled("BL104")
    assert not config.is_enabled("PM201")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"disabled": ["BL1"]}, "lint: unknown key 'disabled'; known keys are disable, enable"),
        ({"disable": "BL1"}, 'lint.disable: expected a list of strings, such as ["BL105"]'),
        ({"teams": [1]}, "lint.teams: expected a list of strings"),
        ({"disable": ["XX9"]}, "lint.disable: 'XX9' matches no rule code; see docs/rules.md"),
        ({"severity": {"BL999": "error"}}, "lint.severity: no rule has the code 'BL999'"),
        (
            {"severity": {"BL101": "loud"}},
            "lint.severity.BL101: 'loud' is not one of info, warning, error",
        ),
        ({"severity": "error"}, "lint.severity: expected a table such as BL105 = 'warning'"),
        ({"fail_on": "never"}, "lint.fail_on: 'never' is not one of info, warning, error"),
    ],
)
def test_bad_config_names_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(LintConfigError) as caught:
        load_lint_config({"lint": table})
    assert str(caught.value).startswith(message)


def test_lint_must_be_a_table() -> None:
    with pytest.raises(LintConfigError, match=r"^lint in \.blamefree\.toml must be a TOML table"):
        load_lint_config({"lint": ["BL1"]})


def test_extra_vague_phrases_are_flagged() -> None:
    config = LintConfig(vague_phrases=("circle back", "align on"))
    assert codes("Circle back on the retry settings.") == []
    finding = only("Circle back on the retry settings.", "BL301", config)
    assert (finding.line, finding.column, finding.length) == (1, 1, 11)
    items = postmortem(
        action_items="| Action item | Type | Owner | Deadline | Status | Ticket |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Align   on retries | Prevent | Tom Ng | 2026-02-01 | open | |"
    )
    assert (only(items, "BL301", config).column, only(items, "BL301", config).length) == (3, 10)


def test_team_names_make_an_owner_a_team() -> None:
    items = postmortem(
        action_items="| Action item | Type | Owner | Deadline | Status | Ticket |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Add backoff | Prevent | Payments | 2026-02-01 | open | |"
    )
    assert "PM101" not in codes(items)
    finding = only(items, "PM101", LintConfig(teams=("Payments",)))
    assert finding.message == "The owner 'Payments' is a team; name one person."


def test_people_and_not_people_adjust_the_name_heuristic() -> None:
    assert codes("Zephyr failed to renew the certificate.") == []
    assert codes("Zephyr failed to renew it.", LintConfig(people=("Zephyr",))) == ["BL001"]
    assert codes("Argo forgot to sync the app.") == ["BL001"]
    assert codes("Argo forgot to sync the app.", LintConfig(not_people=("Argo",))) == []
