"""Run the enabled rules over a postmortem, then apply config and inline suppressions.

Suppressions are HTML comments, invisible in rendered Markdown:

    <!-- blamefree-disable BL001 -->          the next line, for BL001
    text <!-- blamefree-disable BL1 -->       this line, for every BL1xx rule
    <!-- blamefree-disable -->                the next line, for every rule
    <!-- blamefree-disable-file PM205 -->     the whole file, for PM205
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from blamefree.domain.incident import Incident
from blamefree.domain.incident import Severity as IncidentSeverity
from blamefree.domain.meeting import DEFAULT_POLICY, ReviewRequirements, SeverityPolicy
from blamefree.lint._document import Document, parse_document
from blamefree.lint._people import PeopleIndex
from blamefree.lint.config import LintConfig
from blamefree.lint.rule import (
    Family,
    Finding,
    LintContext,
    Rule,
    Severity,
    WorkingTime,
    all_rules,
)

if TYPE_CHECKING:
    from blamefree.domain.postmortem import Postmortem

_SUPPRESS = re.compile(r"<!--\s*blamefree-disable(?P<file>-file)?(?P<codes>[\sA-Z0-9,]*)-->")
_ALL = ("",)


def lint_text(
    text: str,
    *,
    config: LintConfig | None = None,
    policy: SeverityPolicy = DEFAULT_POLICY,
    today: date | None = None,
    source: str | None = None,
    working_time: WorkingTime | None = None,
) -> list[Finding]:
    """Lint a Markdown postmortem (or any fragment of one) and return findings in text order.

    Never raises on malformed input: a draft is linted as far as it can be read.

    Args:
        text: the Markdown; a text without `##` sections is linted as a fragment (language
            rules only, plus vague-action wording anywhere).
        config: team settings; every rule at its default severity when None.
        policy: the severity policy for completeness and action-item count rules.
        today: the date for time-dependent rules; they are skipped when None.
        source: a file name to put on each finding.
        working_time: adds policy hours on the team's working calendar, as the meeting
            planner does (see `blamefree.meeting.scheduling.add_working_time`); elapsed clock
            hours when None.

    Example:
        >>> [f.code for f in lint_text("Dave ran the wrong migration.")]
        ['BL001']
    """
    config = config or LintConfig()
    doc = parse_document(text)
    requirements, note = _requirements(doc, policy)
    context = LintContext(
        config=config,
        requirements=requirements,
        deadlines=policy.deadlines,
        today=today,
        people=PeopleIndex.build(doc, config),
        policy_note=note,
        add_working_time=working_time,
    )
    suppressed = _suppressions(doc)
    findings: list[Finding] = []
    spoken: dict[int, list[tuple[int, int]]] = {}
    """Where a blame or hindsight rule reported something, suppressed or not, by line."""
    for rule, severity in _plan(config):
        judging = rule.family in _JUDGING and not rule.second_opinion
        for hit in rule.check(doc, context):
            if judging:
                spoken.setdefault(hit.line, []).append((hit.column, hit.column + hit.length))
            if _is_suppressed(suppressed, hit.line, rule.code):
                continue
            findings.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    family=rule.family,
                    severity=severity,
                    message=hit.message or rule.message,
                    line=hit.line,
                    column=hit.column,
                    length=hit.length,
                    suggestion=hit.suggestion or rule.suggestion,
                    replacement=hit.replacement,
                    source=source,
                )
            )
    if spoken and any(rule.second_opinion for rule, _severity in _plan(config)):
        findings = _without_repeated_opinions(findings, spoken)
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


_JUDGING = (Family.BLAME, Family.HINDSIGHT)


def _without_repeated_opinions(
    findings: list[Finding], spoken: dict[int, list[tuple[int, int]]]
) -> list[Finding]:
    """Drop a learned check's finding where a blame or hindsight rule reported the same place.

    Two findings on one sentence would say the same thing twice; the rule's is the more
    precise (it names the words and gives a rewrite). A rule's report silenced by an inline
    suppression counts too: the writer has already decided about that sentence. Spans are
    on one line, so findings overlap when they share a line and their columns overlap.
    """
    learned = {rule.code for rule in all_rules() if rule.second_opinion}
    return [
        finding
        for finding in findings
        if finding.code not in learned
        or not any(
            start < finding.column + finding.length and finding.column < end
            for start, end in spoken.get(finding.line, ())
        )
    ]


_PLANS: dict[tuple[object, ...], tuple[tuple[Rule, Severity], ...]] = {}
_MAX_PLANS = 64


def _plan(config: LintConfig) -> tuple[tuple[Rule, Severity], ...]:
    """The enabled rules in code order, each with its severity under `config`.

    Remembered per config content and registered rules, since a linting run asks for the
    same plan once per file.
    """
    rules = all_rules()
    key = (*map(id, rules), config.enable, config.disable, *sorted(config.severity.items()))
    plan = _PLANS.get(key)
    if plan is None:
        plan = tuple(
            (rule, config.severity_of(rule.code, rule.severity))
            for rule in rules
            if config.is_enabled(rule.code)
        )
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


def lint_postmortem(
    postmortem: Postmortem,
    *,
    config: LintConfig | None = None,
    policy: SeverityPolicy = DEFAULT_POLICY,
    today: date | None = None,
    source: str | None = None,
    working_time: WorkingTime | None = None,
) -> list[Finding]:
    """Lint a Postmortem object by rendering it to Markdown; lines refer to that rendering.

    The web editor holds domain objects; rendering first means every rule, including the
    language rules, sees the same text a reader of the published report sees.
    """
    from blamefree.document import render_postmortem

    return lint_text(
        render_postmortem(postmortem),
        config=config,
        policy=policy,
        today=today,
        source=source,
        working_time=working_time,
    )


def exceeds(findings: list[Finding], threshold: Severity) -> bool:
    """True when any finding is at or above `threshold` (the CLI's --fail-on)."""
    return any(f.severity.rank >= threshold.rank for f in findings)


def _requirements(
    doc: Document, policy: SeverityPolicy
) -> tuple[ReviewRequirements | None, str | None]:
    front = doc.front_matter
    raw = front.get("severity")
    if raw is None or raw == "":
        return None, "No severity in the front matter, so the policy checks were skipped; " + (
            "add 'severity: SEV0' to 'SEV3'."
        )
    try:
        severity = IncidentSeverity.parse(raw)
    except ValueError as error:
        return None, f"The {error}; the policy checks were skipped."
    repeat = front.get("repeat_of")
    repeats = tuple(str(r) for r in repeat) if isinstance(repeat, list) else ()
    if isinstance(repeat, str) and repeat.strip():
        repeats = (repeat.strip(),)
    near_miss = front.get("near_miss") is True
    key = (id(policy), severity, repeats, near_miss)
    known = _REQUIREMENTS.get(key)
    if known is not None and known[0] is policy:
        return known[1], None
    incident = Incident(
        id="lint-draft",
        title="draft",
        severity=severity,
        repeat_of=repeats,
        near_miss=near_miss,
    )
    requirements = policy.requirements_for(incident)
    if len(_REQUIREMENTS) >= _MAX_REQUIREMENTS:
        _REQUIREMENTS.clear()
    _REQUIREMENTS[key] = (policy, requirements)
    return requirements, None


_REQUIREMENTS: dict[
    tuple[int, IncidentSeverity, tuple[str, ...], bool],
    tuple[SeverityPolicy, ReviewRequirements],
] = {}
"""What a (frozen) policy requires of a draft, by its severity, repeats and near-miss flag;
the policy itself is kept alongside so that a reused id is never mistaken for it."""
_MAX_REQUIREMENTS = 256


def _suppressions(doc: Document) -> dict[int, tuple[str, ...]]:
    """Line number -> suppressed code prefixes ("" = all); key 0 holds file-wide ones."""
    result: dict[int, tuple[str, ...]] = {}
    if "blamefree-disable" not in doc.text:
        return result
    for match in _SUPPRESS.finditer(doc.text):
        codes = tuple(re.findall(r"[A-Z]{2}\d{0,3}", match.group("codes"))) or _ALL
        line, _column = doc.position(match.start())
        if match.group("file"):
            target = 0
        else:
            own = doc.lines[line - 1]
            alone = not _SUPPRESS.sub("", own).strip()
            target = line
            if alone:
                target = line + 1
                while target <= len(doc.lines) and not doc.lines[target - 1].strip():
                    target += 1
        result[target] = result.get(target, ()) + codes
    return result


def _is_suppressed(suppressed: dict[int, tuple[str, ...]], line: int, code: str) -> bool:
    if not suppressed:
        return False
    for key in (0, line):
        if any(code.startswith(prefix) for prefix in suppressed.get(key, ())):
            return True
    return False
