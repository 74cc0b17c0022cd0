"""BL1xx: hindsight and counterfactuals.

After an incident the right move looks obvious; during it, it was not. Writing "should have
known" judges people by information they did not have, and teaches nothing about why the
situation made sense to them at the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blamefree.lint._document import Document
from blamefree.lint._people import Subject
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._text import clause_before, fast, hit_at, negated, scan

_COGNITION = (
    r"(?:known|noticed|seen|spotted|caught|realized|realised|checked|tested|verified|asked|"
    r"escalated|paid|looked|read|followed|double-checked|thought|anticipated|foreseen|"
    r"reviewed|waited|stopped|told|investigated|recognized|recognised|understood|remembered|"
    r"been\s+(?:more\s+)?(?:careful|aware|vigilant|diligent|obvious|clear|cautious|attentive))"
)
_COUNTERFACTUAL = fast(
    r"\b(?P<modal>should|could|ought\s+to|would)(?P<neg>\s+not|n['’]t)?\s+have\b|"
    r"\b(?P<short>should|could)['’]ve\b|\bif\s+only\b|"
    r"\bhad\s+(?:we|they|he|she|someone|anyone)\s+(?:just\s+|only\s+|simply\s+)?"
    rf"{_COGNITION.replace('(?:known', '(?:known|looked|done')}",
)
_AFTER_MODAL: re.Pattern[str] = re.compile(
    rf"\s+(?:(?:easily|simply|just|obviously|clearly|probably)\s+)?(?P<verb>{_COGNITION}|"
    r"been\s+(?:easily\s+)?(?:avoided|prevented|caught|spotted|noticed|detected)|"
    r"avoided|prevented)\b|\s+(?P<easy>easily|simply|just)\b",
    re.IGNORECASE,
)
_PREVENTED_IF = re.compile(
    r"\s+been\s+(?:easily\s+)?(?:avoided|prevented|caught|spotted)\s+(?:if|had)\b", re.I
)
_HELPED = re.compile(r"\s+(?:helped|been\s+(?:helpful|useful|better))\b", re.IGNORECASE)
_MIND = re.compile(
    r"(?:known|realized|realised|understood|remembered|thought|anticipated|foreseen|"
    r"been\s+(?:more\s+)?(?:careful|aware|vigilant|diligent|obvious|clear|cautious|attentive))",
    re.IGNORECASE,
)
_PEOPLE_WORDS = frozenset(
    ("we", "they", "you", "i", "someone", "somebody", "nobody", "anyone", "everyone", "team")
)
_WORSE = re.compile(r"\s+been\s+(?:\w+\s+)?(?:worse|longer|more\s+severe|much\s+worse)", re.I)


@rule(
    "BL101",
    "counterfactual",
    Family.HINDSIGHT,
    Severity.WARNING,
    message="A counterfactual ('should have', 'if only') judges people with hindsight.",
    suggestion="Describe what people saw at the time and why their actions made sense then.",
)
def counterfactual(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Counterfactuals about people: "should have known", "could have easily", "if only".

    Bad: Ana should have known the flag was still on.
    Bad: We could have easily caught this in staging.
    Bad: If only someone had looked at the dashboard.
    Bad: Someone would have noticed the disk filling up.
    Good: The dashboard did not show the flag state, so the flag looked off to everyone.
    Good: The cache should have expired after 60 seconds but kept entries for a day.
    Good: It could have been much worse: the replica was only minutes behind.
    Good: We would have rolled back sooner with a feature flag.
    """
    prose = doc.prose
    for match in scan(doc, _COUNTERFACTUAL):
        end = match.end()
        if match.group("modal") or match.group("short"):
            rest = prose[end : end + 80]
            if _WORSE.match(rest) or _HELPED.match(rest):
                continue
            after = _AFTER_MODAL.match(rest)
            kind, subject = ctx.people.subject_before(prose, match.start())
            about_people = kind is not Subject.OTHER or subject.casefold() in _PEOPLE_WORDS
            prevented = _PREVENTED_IF.match(rest)
            if (match.group("modal") or "").startswith("would"):
                # "would have" is hindsight only as "someone would have noticed".
                if not about_people or after is None or after.group("verb") is None:
                    continue
            elif prevented is not None:
                after = prevented  # "could have been prevented if ...": counterfactual as a whole
            elif not about_people:
                # About a system, "should have expired" states an expectation; only a
                # judgement of minds ("should have known") or a minimizer is hindsight.
                if after is None:
                    continue
                easy = after.group("easy") or "easily" in after.group().casefold()
                if not easy and not _MIND.match(after.group("verb") or ""):
                    continue
            if after is not None:
                end += len(after.group())
        yield hit_at(doc, match.start(), end)


_OBVIOUS = fast(
    r"\bobviously\b|\bit\s+(?:was|is|should\s+have\s+been|seems)\s+(?:so\s+)?(?:obvious|clear)\b|"
    r"\bwas\s+(?:so\s+)?obvious\b|\bobvious\s+(?:mistake|error|signs?|fix|problem|warning|"
    r"thing|step|check)\b|\bclearly\s+(?:wrong|a\s+mistake|should|visible|showed|indicated|"
    r"broken|missed)\b|\bof\s+course\b|"
    r"\b(?:any|a|every)\s+(?:competent|reasonable|experienced|careful)\s+(?:engineers?|"
    r"developers?|persons?|people|operators?|reviewers?|sres?|admins?|responders?|humans?|one|"
    r"professionals?|on-?call(?:ers?)?)\b|"
    r"\beveryone\s+knows\b|\bcommon\s+sense\b|\bglaring(?:ly)?\b|\bin\s+plain\s+sight\b|"
    r"\b(?:obvious|clear)\s+in\s+(?:retrospect|hindsight)\b|"
    r"\bin\s+(?:retrospect|hindsight),?\s+(?:it\s+was\s+|the\s+[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:was|were)\s+)(?:so\s+)?(?:obvious|clear|everywhere)\b",
)


@rule(
    "BL102",
    "obviously",
    Family.HINDSIGHT,
    Severity.WARNING,
    message="Calling something obvious hides why it was not obvious to the people there.",
    suggestion="Drop 'obviously' and say what signal existed and how visible it was.",
)
def obviously(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Words that call something obvious after the fact: "obviously", "of course", "clearly wrong".

    Bad: The error rate was obviously climbing.
    Bad: Any competent engineer would have rolled back.
    Good: The error rate climbed from 0.1% to 4% over ten minutes on the checkout dashboard.
    Good: The failure mode was not obvious from the alert text.
    """
    prose = doc.prose
    for match in scan(doc, _OBVIOUS):
        if negated(prose, match.start(), 25):
            continue
        yield hit_at(doc, match.start(), match.end(), replacement="")


_COGNITIVE_FAIL = fast(
    r"\b(?:failed|neglected)\s+to\s+(?:notice|realize|realise|spot|recognize|recognise|"
    r"anticipate|foresee|pay\s+attention|appreciate|consider|see|catch|think)\b|"
    r"\b(?:missed|overlooked|ignored)\s+(?:the\s+|an?\s+|all\s+(?:the\s+)?|several\s+)?"
    r"(?:obvious\s+|clear\s+|early\s+|warning\s+)*(?:signs?|warnings?|signals?|red\s+flags?)\b|"
    r"\bnot\s+paying\s+attention\b|\bwasn['’]t\s+paying\s+attention\b|"
    r"\b(?:nobody|no\s+one|no-one)\s+(?:paid|was\s+paying)\s+(?:any\s+)?attention\b",
)


@rule(
    "BL103",
    "failed-to-notice",
    Family.HINDSIGHT,
    Severity.WARNING,
    message="'Failed to notice' judges attention with hindsight instead of asking what was shown.",
    suggestion="Say what the signal looked like at the time and what competed for attention.",
)
def failed_to_notice(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Hindsight about attention: "failed to notice", "missed the warning signs".

    Bad: The team failed to notice the disk filling up.
    Bad: We missed the obvious warning signs.
    Bad: Nobody paid attention to the slow query log.
    Good: The disk-usage alert fired into a channel nobody watched overnight.
    Good: The health check failed to detect the crash loop because it only probed the port.
    """
    prose = doc.prose
    for match in scan(doc, _COGNITIVE_FAIL):
        kind, _subject = ctx.people.subject_before(prose, match.start())
        if kind in (Subject.PERSON, Subject.PRONOUN, Subject.ROLE):
            continue  # BL001 reports a person as the cause; one finding is enough.
        text = match.group().casefold()
        if text.endswith(("see", "catch", "think", "consider")):
            before = clause_before(prose, match.start()).casefold().split()
            if not before or before[-1] not in _PEOPLE_WORDS:
                continue
        yield hit_at(doc, match.start(), match.end())


_MINIMIZER = fast(
    r"\bsimply\b(?!\s+(?:not|never|no|put|because|too|was|is|are|were|could|would|\w+n['’]t)\b)|"
    r"\bmerely\b|\btrivial(?:ly)?\b|"
    r"\beasily\s+(?:be\s+)?(?:avoided|prevented|caught|fixed|spotted|seen|noticed|found|"
    r"detected|solved|avoidable|preventable)\b|\ball\s+(?:he|she|they|you|we|it)\s+(?:had|has|needed|needs)\s+to\s+do\b|"
    r"\ba\s+simple\s+(?:mistake|oversight|typo|fix|check|step)\b|"
    r"\b(?:should|could|would|can|could\s+have|should\s+have)\s+just\b|"
    r"\bjust\s+(?:had|needed|have|need|needs|has)\s+to\b|"
    r"\bjust\s+(?:restart|run|check|read|look|click|add|use|follow|ask|wait|update|fix|"
    r"delete|reboot|disable|enable|roll\s+back|revert|call|page|remember|pay|bump|flip)\b",
)


@rule(
    "BL104",
    "minimizer",
    Family.HINDSIGHT,
    Severity.INFO,
    message="A minimizer ('simply', 'just') makes the right action sound easy in hindsight.",
    suggestion="Remove the minimizer and describe what the action actually took.",
)
def minimizer(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Minimizers that make the fix sound trivial: "simply", "just restart", "easily avoided".

    Bad: The engineer could just restart the pod.
    Bad: This was easily avoided with a dry run.
    Good: Restarting the pod needed cluster-admin rights that the responder did not have.
    Good: The alert fired just before 14:00.
    """
    for match in scan(doc, _MINIMIZER):
        yield hit_at(doc, match.start(), match.end())
