"""Findings as text with carets, JSON, or SARIF 2.1.0 for GitHub code scanning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import orjson

from blamefree.lint.rule import Finding, Rule, Severity, all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES_DOC_URL = "https://github.com/blamefree/blamefree/blob/main/docs/rules.md"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_text(findings: Sequence[Finding], texts: Mapping[str, str]) -> str:
    """Rich-markup text: `file:line:col severity CODE name message`, the line, carets, advice.

    Args:
        findings: findings from one or more files.
        texts: the linted text of each source, to quote the offending line.
    """
    blocks: list[str] = []
    for finding in findings:
        where = f"{finding.source or '<text>'}:{finding.line}:{finding.column}"
        style = _STYLE[finding.severity]
        head = (
            f"[bold]{_escape(where)}[/]: [{style}]{finding.severity.value}[/] "
            f"[bold]{finding.code}[/] {finding.name}: {_escape(finding.message)}"
        )
        lines = texts.get(finding.source or "", "").split("\n")
        block = [head]
        if 1 <= finding.line <= len(lines):
            quoted = lines[finding.line - 1].expandtabs(1)
            gutter = f"{finding.line:>5} | "
            block.append(f"[dim]{gutter}[/]{_escape(quoted)}")
            carets = " " * (finding.column - 1) + "^" * max(1, finding.length)
            block.append(f"[dim]{' ' * (len(gutter) - 2)}| [/][{style}]{carets}[/]")
        if finding.suggestion:
            block.append(f"      [dim]= help:[/] {_escape(finding.suggestion)}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def render_json(findings: Sequence[Finding]) -> str:
    """A JSON array of findings with stable keys (see `Finding.as_dict`)."""
    return orjson.dumps([f.as_dict() for f in findings], option=orjson.OPT_INDENT_2).decode()


def render_sarif(findings: Sequence[Finding], *, version: str) -> str:
    """A SARIF 2.1.0 log with one run; file paths are used as given (relative works best)."""
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    for finding in findings:
        result: dict[str, object] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.source)},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endColumn": finding.column + finding.length,
                        },
                    }
                }
            ],
            "partialFingerprints": {
                "blamefree/v1": f"{finding.code}:{finding.source}:{finding.line}:{finding.column}"
            },
        }
        if finding.suggestion:
            result["message"] = {"text": f"{finding.message} {finding.suggestion}"}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "blamefree",
                        "version": version,
                        "informationUri": RULES_DOC_URL,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return orjson.dumps(log, option=orjson.OPT_INDENT_2).decode()


def _sarif_rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.summary},
        "helpUri": f"{RULES_DOC_URL}#{rule.code.lower()}-{rule.name}",
        "help": {"text": rule.suggestion or rule.summary},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family.value]},
    }


def _uri(source: str | None) -> str:
    if not source:
        return "stdin"
    return source.replace("\\", "/").removeprefix("./")


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
