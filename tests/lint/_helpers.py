"""Shared helpers for the lint tests: a clean full postmortem to vary, and finding lookups."""

from __future__ import annotations

from datetime import date

from blamefree.lint import Finding, LintConfig, lint_text

TODAY = date(2026, 1, 10)

SECTIONS: dict[str, str] = {
    "Summary": "Checkout failed for 38 minutes after a timeout change. We rolled it back.",
    "Impact": "About 4% of checkout requests failed for 38 minutes (roughly 2,100 orders).",
    "Timeline": "- 09:02Z - Error-rate alert fired\n- 09:40Z - Timeout change rolled back",
    "Contributing factors": (
        "### Retry storm\n"
        "1. Why did the database saturate?\n"
        "   Clients retried without backoff.\n"
        "2. Why did clients retry without backoff?\n"
        "   The shared HTTP client has no backoff by default.\n"
        "\n"
        "### Slow detection\n"
        "1. Why did paging take 15 minutes?\n"
        "   The error-rate alert waits 15 minutes before paging.\n"
        "2. Why does it wait that long?\n"
        "   The threshold was tuned for a noisy service that has since been retired."
    ),
    "What went well": "The rollback finished in four minutes.",
    "Where we got lucky": "The change shipped on a quiet Tuesday morning.",
    "Action items": (
        "| Action item | Type | Owner | Deadline | Status | Ticket |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Add backoff to the shared HTTP client | Prevent | Priya Raman | 2026-02-01 | open | |\n"
        "| Page on checkout errors after 2 minutes | Detect | Tom Ng | 2026-02-01 | open | |\n"
        "| Add a one-click timeout rollback | Mitigate | Ana Silva | 2026-02-15 | open | |"
    ),
    "Lessons learned": "Defaults in shared clients spread to every service that uses them.",
}

FRONT = """---
id: INC-1
title: Checkout errors
severity: SEV1
times:
  started: 2026-01-05T09:00:00Z
  resolved: 2026-01-05T10:00:00Z
meeting: 2026-01-07T10:00:00Z
published: 2026-01-08T10:00:00Z
services: [checkout, atlas]
roles:
  owner: Priya Raman <priya@example.com>
participants:
  - Tom Ng
  - Ana Silva
---
"""


def postmortem(front: str = FRONT, **sections: str | None) -> str:
    """A clean full postmortem; keyword arguments replace (or with None remove) sections.

    Keys are section titles with spaces as underscores: `action_items="..."`.
    """
    body = dict(SECTIONS)
    for key, value in sections.items():
        title = key.replace("_", " ").capitalize()
        if value is None:
            body.pop(title)
        else:
            body[title] = value
    text = "".join(f"## {title}\n\n{content}\n\n" for title, content in body.items())
    return front + "\n" + text


LEARNED = ("BL004", "BL105")
"""The learned tone check's codes (tests/lint/rules/test_tone.py tests them)."""
RULES_ONLY = LintConfig(disable=LEARNED)


def lint(text: str, config: LintConfig | None = None) -> list[Finding]:
    """Lint with a fixed date; without a config, the rules only (no learned second opinion),
    since these tests say what the rules find and the learned check is scored on its own."""
    return lint_text(text, config=config or RULES_ONLY, today=TODAY)


def codes(text: str, config: LintConfig | None = None) -> list[str]:
    """The codes found, in text order."""
    return [f.code for f in lint(text, config)]


def only(text: str, code: str, config: LintConfig | None = None) -> Finding:
    """The single finding with `code`; fails when there are none or several."""
    found = [f for f in lint(text, config) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def spans(text: str, code: str) -> list[tuple[int, int, str]]:
    """(line, column, covered text) of each finding with `code`."""
    lines = text.split("\n")
    return [
        (f.line, f.column, lines[f.line - 1][f.column - 1 : f.column - 1 + f.length])
        for f in lint(text)
        if f.code == code
    ]
