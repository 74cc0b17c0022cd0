"""BL2xx: how causes are analysed.

Incidents have several contributing factors. "Human error" as a cause, a single root cause,
and Why chains that stop at a person or a symptom all end the analysis before it reaches
the conditions a team can change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blamefree.domain.meeting import ReviewKind
from blamefree.lint._document import Document, FactorView
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._text import Folded, fast, hit_at, hit_line, negated, scan

_MISTAKE_BY_STAFF = (
    r"(?:mistake|error|slip|misstep|oversight)s?\s+(?:made\s+)?(?:by|on\s+the\s+part\s+of)\s+"
    r"(?:one\s+of\s+(?:our|the)\s+|an?\s+|the\s+|our\s+)(?:[\w-]+\s+)?(?:engineers?|operators?|"
    r"employees?|staff(?:\s+members?)?|technicians?|team\s+members?|developers?|admins?|"
    r"administrators?|contractors?|members?\s+of\s+staff)\b"
)
"""A mistake by an unnamed member of staff: "a mistake by one of our engineers"."""
_HUMAN_ERROR = fast(
    r"\b(?:human|operator|user|pilot|personnel|manual|engineer|"
    r"individual|people)\s+(?:error|mistake|failure|fault|oversight|slip)s?\b"
    r"(?!\s+(?:pages?|messages?|rates?|codes?|responses?|counts?|handling|dialogs?|screens?|"
    r"banners?|logs?|metrics?|budgets?|from|(?:are|were)\s+(?:returned|shown|logged|reported)))"
    r"|\bpebkac\b|"
    r"\bid10t\b|\blayer[\s-]?8\s+(?:issue|problem|error)\b|\bhuman\s+factors?\b|"
    rf"\b(?P<staff>{_MISTAKE_BY_STAFF})",
)
_ARTICLE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)

_DENIED = re.compile(r"\s+(?:is|was|are|were)\s+(?:never|not|rarely|seldom)\b", re.IGNORECASE)


@rule(
    "BL201",
    "human-error-cause",
    Family.ROOT_CAUSE,
    Severity.ERROR,
    message="'Human error' is named as a cause; it is where the investigation should start.",
    suggestion="Ask what made the error likely or its effect large: tooling, defaults, load.",
)
def human_error_cause(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """ "Human error", "operator error" or "user error" given as a cause.

    Bad: The root cause was human error.
    Bad: This outage was due to operator error during the failover.
    Bad: The outage was caused by a mistake by one of our engineers.
    Good: The failover runbook listed the steps in an order that the tooling did not enforce.
    Good: We do not stop at human error; the console accepted a destructive command silently.
    """
    prose = doc.prose
    for match in scan(doc, _HUMAN_ERROR):
        if negated(prose, match.start()) or _DENIED.match(prose, match.end()):
            continue
        start = match.start()
        if match.group("staff"):
            article = _ARTICLE.search(prose, max(0, start - 4), start)
            start = article.start() if article is not None else start
        yield hit_at(doc, start, match.end())


_SINGLE_ROOT = fast(
    r"\b(?:the|a|one|single|sole|primary|main|true|real|actual|ultimate)\s+(?:single\s+)?"
    r"root[\s-]+cause\b(?!s)(?!\s+analysis)",
)
_ROOT_HEADING = re.compile(r"^#{1,6}[ \t]+root[ \t-]+cause[ \t:]*$", re.MULTILINE)


@rule(
    "BL202",
    "single-root-cause",
    Family.ROOT_CAUSE,
    Severity.WARNING,
    message="A single root cause hides the other contributing factors.",
    suggestion="List the contributing factors; 'one of the contributing factors was ...'.",
)
def single_root_cause(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """One root cause where several contributing factors are expected.

    Bad: The root cause was a missing index on the orders table.
    Good: One contributing factor was a missing index on the orders table.
    Good: There was no single root cause.
    """
    prose = doc.prose
    for match in scan(doc, _SINGLE_ROOT):
        if negated(prose, match.start(), 30):
            continue
        yield hit_at(doc, match.start(), match.end())
    lower = doc.lower
    if "root" in lower:
        # Only lines starting with '#' can match: try the pattern there, not everywhere.
        for line_start in _heading_starts(lower):
            heading = _ROOT_HEADING.match(lower, line_start)
            if heading is not None:
                yield hit_at(doc, heading.start(), heading.end())


def _heading_starts(text: str) -> Iterator[int]:
    """Offsets of the lines of `text` that start with '#'."""
    if text.startswith("#"):
        yield 0
    found = text.find("\n#")
    while found != -1:
        yield found + 1
        found = text.find("\n#", found + 1)


_LATIN_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_AT_PERSON = Folded(
    re.compile(
        r"\b(?:human|operator|user|personnel)\s+error\b|\bmade\s+an?\s+(?:\w+\s+)?mistake\b|"
        r"\bcareless(?:ness|ly)?\b|\bnegligen\w*|\bforgot\b|\bnot\s+careful\b|\binattent\w*|"
        r"\b(?:didn['’]t|did\s+not|failed\s+to)\s+(?:follow|check|pay|read|notice|test)\b|"
        r"\black\s+of\s+(?:attention|care|diligence|discipline|focus)\b|\bsloppy\b|\blazy\b",
        re.IGNORECASE,
    )
)
_SYMPTOM = Folded(
    re.compile(
        r"\b(?:went\s+down|was\s+down|crashed|outage|errors?|timed?\s*out|timeouts?|latency|slow|"
        r"unavailable|failed|failing|overloaded|high\s+cpu|out\s+of\s+memory|oom|5\d\d)\b",
        re.IGNORECASE,
    )
)
_SYSTEMIC = Folded(
    re.compile(
        r"\b(?:no|not|without|lack(?:ed|s|ing)?|missing|absent|never|because|since|allowed|"
        r"permit\w*|polic\w+|process\w*|review\w*|tests?|testing|guard\w*|limits?|checks?|"
        r"runbooks?|design\w*|assum\w+|defaults?|config\w*|thresholds?|alerts?|capacity|"
        r"ownership|documentation|incentives?|pressure|deadlines?|budget|unclear|manual)\b|n['’]t\b",
        re.IGNORECASE,
    )
)


def _capitalised_words(text: str) -> list[str]:
    """The Latin words of `text` that start with a capital: the only ones `is_name` accepts."""
    return [word for word in _LATIN_WORD.findall(text) if word[0] < "a"]


def _last_step_text(factor: FactorView) -> tuple[str, int]:
    last = factor.whys[-1]
    if last.answer:
        return last.answer, last.answer_line or last.line
    return last.question, last.line


@rule(
    "BL203",
    "why-chain-ends-at-person",
    Family.ROOT_CAUSE,
    Severity.WARNING,
    message="The Why chain stops at a person or 'human error' instead of the conditions around it.",
    suggestion="Add a Why: what about the tools, defaults or workload made this step likely?",
)
def why_chain_ends_at_person(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A 5-Whys chain whose last answer is a person, a mistake or "human error".

    Bad:
        ## Contributing factors
        ### Migration ran on the primary
        1. Why did the migration lock the table?
           It ran on the primary during peak traffic.
        2. Why did it run on the primary?
           The engineer forgot to pass the replica flag.
    Good:
        ## Contributing factors
        ### Migration ran on the primary
        1. Why did the migration lock the table?
           It ran on the primary during peak traffic.
        2. Why did it run on the primary?
           The migration tool defaults to the primary when no target is given.
    """
    for factor in doc.factors:
        if not factor.whys:
            continue
        text, line = _last_step_text(factor)
        if _AT_PERSON.search(text) or any(map(ctx.people.is_name, _capitalised_words(text))):
            yield hit_line(doc, line)


@rule(
    "BL204",
    "why-chain-ends-at-symptom",
    Family.ROOT_CAUSE,
    Severity.INFO,
    message="The Why chain stops at a symptom; the conditions behind it are still unexplored.",
    suggestion="Keep asking why until the answer is a condition the team can change.",
)
def why_chain_ends_at_symptom(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A 5-Whys chain whose last answer only restates a symptom (errors, timeouts, a crash).

    Bad:
        ## Contributing factors
        ### Checkout errors
        1. Why did checkout fail?
           The API returned 503 errors.
        2. Why did the API return 503 errors?
           The API crashed.
    Good:
        ## Contributing factors
        ### Checkout errors
        1. Why did checkout fail?
           The API returned 503 errors.
        2. Why did the API return 503 errors?
           Its connection pool had no limit, so a slow database exhausted the workers.
    """
    for factor in doc.factors:
        if not factor.whys:
            continue
        text, line = _last_step_text(factor)
        if _SYMPTOM.search(text) and not _SYSTEMIC.search(text) and not _AT_PERSON.search(text):
            yield hit_line(doc, line)


@rule(
    "BL205",
    "why-chain-length",
    Family.ROOT_CAUSE,
    Severity.WARNING,
    message="A Why chain should have 2 to 5 steps.",
    suggestion="Fewer than 2 stops at the surface; more than 5 usually drifts off the factor.",
)
def why_chain_length(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A contributing factor whose Why chain has fewer than 2 or more than 5 steps.

    Bad:
        ## Contributing factors
        ### Retry storm
        1. Why did the database saturate?
           Clients retried without backoff.
    Good:
        ## Contributing factors
        ### Retry storm
        1. Why did the database saturate?
           Clients retried without backoff.
        2. Why did clients retry without backoff?
           The shared HTTP client has no backoff by default.
    """
    for factor in doc.factors:
        count = len(factor.whys)
        if count < 2 or count > 5:
            yield hit_line(
                doc,
                factor.line,
                message=f"The Why chain of '{factor.title}' has {count} step"
                f"{'' if count == 1 else 's'}; 2 to 5 reach a condition without drifting.",
            )


@rule(
    "BL206",
    "single-contributing-factor",
    Family.ROOT_CAUSE,
    Severity.INFO,
    message="Only one contributing factor is listed; full reviews usually find several.",
    suggestion="Look for what made detection slow and recovery hard, not only the trigger.",
)
def single_contributing_factor(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A full review (by severity policy) that lists only one contributing factor.

    Bad:
        ---
        severity: SEV1
        ---
        ## Contributing factors
        ### Retry storm
        Clients retried without backoff.
    Good:
        ---
        severity: SEV1
        ---
        ## Contributing factors
        ### Retry storm
        Clients retried without backoff.
        ### Slow detection
        The error-rate alert waited 15 minutes before paging.
    """
    if ctx.requirements is None or ctx.requirements.review is not ReviewKind.FULL:
        return
    if len(doc.factors) == 1:
        yield hit_line(doc, doc.factors[0].line)
