"""BL0xx: an individual named or targeted as the cause of an incident.

Naming a person as the cause stops the analysis at the moment it should start: the same
conditions will catch the next person. Role mentions in neutral sentences are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blamefree.lint._document import Document
from blamefree.lint._people import ROLE_PHRASE, Subject
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._fault import find_faults
from blamefree.lint.rules._text import (
    Anchored,
    Folded,
    clause_before,
    fast,
    hit_at,
    negated,
    scan,
)

_REWRITE = (
    "Describe the conditions that made the action possible, e.g. 'the deploy script allowed "
    "an unguarded migration' instead of 'Dave ran the wrong migration'."
)
_WRONG = r"(?:wrong|incorrect|bad|broken|faulty|buggy|untested|unreviewed)"
_LEFT_STATE = (
    r"(?:in\s+place|on|up|enabled|running|open|unlocked|exposed|unattended|behind)"
    r"(?=\s*(?:[,.;:!?]|$)|\s+(?:and|so|after|which|overnight|in\s+production))"
)
"""What a person left in a risky state: "left debug logging on", "left the banner up"."""
_TOLD_NOT_TO = (
    r"\b(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:told|warned|asked|reminded)\s+(?:\w+\s+)?"
    r"not\s+to\b"
)
_RAN_CARELESSLY = (
    r"(?:ran|executed|applied|pushed|deployed|merged|deleted|dropped|removed|restarted|changed|"
    r"edited|disabled|turned\s+off)\s+(?:[\w'’.-]+\s+){0,4}?(?:by\s+(?:accident|mistake)|"
    r"without\s+(?:asking|checking|testing|telling|review|approval|permission|a\s+review))"
)
_SHIPPED_UNREAD = (
    r"(?:approved|merged|shipped|pushed|deployed)\s+(?:[\w'’.-]+\s+){0,4}?without\s+"
    r"(?:reading|looking|reviewing|checking|testing|asking|telling|review|approval)\b"
)
"""Three `_BLAME_VERB` alternatives that open with common words ("was", "ran", "deployed")
and are found from the rarer words they end with (see `Anchored`)."""
_BLAME_VERB = fast(
    r"\b(?:forgot|forgets|forgotten|neglected|ignored|ignores|failed\s+to|fails\s+to|"
    r"(?:did\s+not|didn['’]t)\s+bother|messed\s+up|screwed\s+up|botched|caused|"
    r"broke(?!\s+(?:[\w'’-]+\s+){0,4}?(?:into|apart)\b|\s+(?:the\s+)?(?:news|tie|deadlock|"
    r"record|ice|silence|logjam)\b)|"
    r"overlooked|missed|mistakenly|accidentally|carelessly|inadvertently|wrongly|"
    r"misconfigured|misread|mistyped|misjudged|mishandled|misunderstood|fumbled|bungled|"
    r"should(?:\s+not|n['’]t)\s+have\s+(?!been\b)\w+ed\b|"
    r"should(?:\s+not|n['’]t)\s+have\s+(?:run|done|made|taken|put|set|sent|shipped|pushed)|"
    r"made\s+(?:a|an|the|another)\s+(?:\w+\s+)?(?:mistake|error|blunder)|made\s+the\s+wrong|"
    r"(?:ran|run|executed|applied|pushed|deployed|merged|typed|entered|used|chose|picked|"
    rf"selected|restarted|deleted|dropped|edited|changed|set)\s+(?:the|a|an)\s+{_WRONG}|"
    r"fat[- ]?fingered|was\s+(?:careless|negligent|sloppy|lazy|inattentive|distracted|"
    r"not\s+paying\s+attention)|(?:didn['’]t|did\s+not|never)\s+(?:check|test|verify|follow|"
    r"read|notice|think|look|review|double-check|ask|confirm|run|update|escalate|wait|tell|"
    r"inform|notify|renew|respond|communicate|consult|coordinate|announce|drain|back\s+up)|"
    r"(?:hadn['’]t|had\s+not|had\s+never)\s+(?:bothered|checked|tested|verified|followed|read|"
    r"noticed|looked|reviewed|asked|confirmed|run|updated|escalated|waited|told|informed|"
    r"renewed|drained|backed\s+up)|skipped|rushed|"
    r"overrode|bypassed|circumvented|disregarded|(?:took|brought|knocked)\s+down|nuked|"
    r"never\s+(?:checked|tested|verified|followed|read|noticed|looked|reviewed|asked|confirmed)|"
    rf"{_RAN_CARELESSLY})\b|{_SHIPPED_UNREAD}|"
    r"\bmis-?[a-z]{2,}ed\b|\bmis-?(?:set|read|typed)\b|"
    r"\bmade\s+(?:a|an|the)\s+(?:bad|wrong|poor|questionable|reckless|hasty|risky)\s+"
    r"(?:call|decision|choice|judgement|judgment)\b|"
    rf"\bleft\s+(?:[\w'’.-]+\s+){{1,5}}?{_LEFT_STATE}|"
    r"\b(?:went\s+(?:to\s+lunch|home|to\s+bed|offline)|logged\s+off|stepped\s+away|"
    r"walked\s+away|left\s+for\s+the\s+day)(?=[^.;\n]{0,40}\b(?:while\s+[^.;\n]{0,30}?\bstill|"
    r"before\s+[^.;\n]{0,30}?\b(?:finished|completed|ended|was\s+done)|in\s+the\s+middle\s+of)\b)|"
    r"\bhad\s+no\s+business\s+\w+ing\b|"
    rf"{_TOLD_NOT_TO}|"
    r"\bpressured\b|\boverruled\b|\bwaved\s+(?:[\w'’.-]+\s+){0,3}?through\b|"
    r"\bapproved\s+(?:his|her|their)\s+own\b|\bforce[\s-]?pushed\b|"
    r"\b(?:chose|decided|opted)\s+(?:not\s+to|to\s+(?:skip|ignore|bypass|disable|override|"
    r"circumvent|turn\s+off|silence|mute|deploy\s+anyway|push\s+anyway))\b|"
    r"\bhard[\s-]?coded\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+)?"
    r"(?:keys?|passwords?|secrets?|tokens?|credentials)\b|"
    r"\bnever\s+(?:ran|told|waited|updated|escalated|notified|informed|renewed|rotated|"
    r"tested|checked|bothered)\b|"
    r"\b(?:was|were)\s+supposed\s+to\s+[^.;\n]{0,60}?\b(?:but|and)\s+(?:didn['’]t|did\s+not|"
    r"never|forgot)\b",
    anchored=(
        Anchored((_TOLD_NOT_TO,), anchor=r"\bnot\s+to\b", tokens=5),
        Anchored(
            (_RAN_CARELESSLY, _SHIPPED_UNREAD),
            anchor=r"\b(?:by\s+(?:accident|mistake)|without)\b",
            tokens=6,
        ),
    ),
)

_HUMAN_MANNER = Folded(
    re.compile(
        r"\b(?:by\s+(?:hand|mistake|accident)|manually|accidentally|mistakenly|carelessly|"
        r"without\s+(?:anyone|asking|telling|checking\s+with)|(?:his|her)\s+own|himself|"
        r"herself)\b",
        re.IGNORECASE,
    )
)
"""Manners only a person acts in: with them, a capitalised unknown word is taken as a name."""
_CLAUSE_END = re.compile(r"[.;!?\n]")
_HUMAN_ONLY = re.compile(
    r"forg|neglect|(?:did\s+not|didn['’]t)\s+bother|messed|screwed|botched|fat|was\s+|made\s+|"
    r"mistakenly|accidentally|carelessly|inadvertently|rushed|.*\bby\s+(?:accident|mistake)|"
    r"overlooked|misread|mistyped|misjudged|misunderstood|fumbled|bungled|"
    r".*\bwithout\s+(?:reading|looking|reviewing|asking|telling)|"
    r"(?:did\s+not|didn['’]t|never|hadn['’]t|had\s+not|had\s+never)\s+(?:follow|test|read|"
    r"double-check|bother|escalate|tell|inform|respond|communicate|consult|coordinate|announce)|"
    r"had\s+no\s+business|(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:told|warned|asked|reminded|"
    r"supposed)|"
    r"pressured|overruled|waved|went\s|logged\s|stepped\s|walked\s|left\s+for",
    re.IGNORECASE,
)


@rule(
    "BL001",
    "person-as-cause",
    Family.BLAME,
    Severity.ERROR,
    message="A person is named as the cause; the analysis stops at them instead of the system.",
    suggestion=_REWRITE,
)
def person_as_cause(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A named person, pronoun or role is the subject of a blaming verb (forgot, broke, failed to).

    A named team with a blaming verb counts too ("the DBA team broke replication"); what a
    team missed or should have done is left to the hindsight rules. A fault marker later in
    the clause ("without telling anyone", "instead of the replica", "despite failing tests",
    "outside the maintenance window") blames the person, pronoun or role opening the clause.
    Chat handles ("@jdoe") are people unless they name a group ("@sre-team"). A clause
    opened by a person whose action carries a fault marker (the wrong target, a stale or
    untested object, "straight to production") or is followed by harm (", taking the site
    down", ", which broke") counts as well, even with a verb a system could do and a name
    no list knows. The agent may be a named group ("the storage team", "Networking", "the
    DBAs"); what a group missed or should have done stays with the hindsight rules.

    Bad: Dave ran the wrong migration on the primary database.
    Bad: The on-call engineer forgot to check the dashboard.
    Bad: She accidentally deleted the production bucket.
    Bad: An intern deleted the backup bucket by mistake.
    Bad: Kenji didn't run the pre-flight checks before the migration.
    Bad: The engineer responsible for the upgrade misconfigured the replica set.
    Bad: @jdoe changed the firewall rules without telling the network team.
    Bad: Tendai left the feature flag enabled after the test.
    Bad: Mateus ran the cleanup script on the wrong account.
    Bad: Hieu was supposed to renew the certificate and didn't.
    Bad: Tobiah ignored the failing checks and merged the release branch.
    Bad: Keanu pointed the DNS record at the old load balancer, taking the site down.
    Bad: Fenella set the timeout to 0, which made every request hang.
    Bad: The storage team shipped a firmware image nobody had tested.
    Good: Mateus ran the cleanup script on the staging account as part of the drill.
    Good: The cleanup job rebuilt the index in the middle of business hours.
    Good: The deploy script allowed an unguarded migration to run on the primary database.
    Good: The on-call engineer acknowledged the alert at 14:37.
    Good: The deploy failed to complete because the health check timed out.
    Good: The cleanup job deleted the rows without asking for confirmation.
    Good: Keanu pointed the DNS record back at the new load balancer, restoring service.
    Good: Heroku restarted the dynos, taking the site down for two minutes.
    Good: Fenella set the timeout to 30 seconds to match the upstream limit.
    Good: The storage team rolled back the firmware image within ten minutes.
    """
    prose = doc.prose
    reported: list[tuple[int, int]] = []
    for hit, start, end in _blaming_verbs(doc, ctx):
        reported.append((start, end))
        yield hit
    for match in scan(doc, _FAULT_MARKER):
        if not _marker_applies(doc.lower, match):
            continue
        if any(start <= match.start() <= end + 120 for start, end in reported):
            continue  # one finding per blamed action
        if match.group("public") and not _SECRET.search(clause_before(prose, match.start(), 120)):
            continue  # "posted the update to the public status page" is no leak
        if _JUSTIFIED.search(_rest(prose, match.end(), _SENTENCE_END)):
            continue  # "... instead of the primary, as the runbook says": a reasoned decision
        kind, subject = ctx.people.clause_subject(prose, match.start())
        if kind is Subject.OTHER:
            continue
        start = prose.rfind(subject, max(0, match.start() - 120), match.start())
        start = start if start >= 0 else match.start()
        if _REPORTED_CONTENT.search(prose, start, match.start()):
            continue  # "Hoang reported that the viewer opened the wrong record": what they saw
        reported.append((start, match.end()))
        yield hit_at(
            doc,
            start,
            match.end(),
            message=f"'{subject}' is named as the cause ('{' '.join(match.group().split())}'); "
            "the analysis stops at a person instead of the conditions around them.",
        )
    for fault in find_faults(prose, ctx.people, doc.lower, doc):
        if any(start <= fault.end and fault.start <= end for start, end in reported):
            continue  # one finding per blamed action
        yield hit_at(
            doc,
            fault.start,
            fault.end,
            message=f"'{fault.who}' is named as the cause ('{fault.evidence}'); "
            "the analysis stops at a person instead of the conditions around them.",
        )


_FAULT_MARKER = fast(
    r"\bwithout\s+(?:first\s+)?(?:asking|checking|testing|telling|notifying|informing|warning|"
    r"consulting|coordinating|verifying|reading|looking|waiting|reviewing|review|approval|"
    r"permission|running|double-checking|thinking|a\s+(?:review|second|dry[\s-]run|backup|"
    r"change\s+request|ticket|rollback\s+plan)|any\s+(?:review|testing|tests|approval|warning|"
    r"notice))\b|"
    r"\binstead\s+of\s+(?:the|a|an)\b|"
    r"\bdespite\s+(?:[\w-]+\s+){0,2}?(?:failing|failed|red|warnings?|objections?|freeze|"
    r"concerns?|instructions|being\s+(?:told|warned|asked))\b|"
    r"\bmiddle\s+of\s+(?:business|peak|the\s+(?:business\s+|working\s+)?day|a\s+(?:busy|peak))\b|"
    r"\bpeak\s+(?:hours|traffic|load)\b|"
    r"\boutside\s+(?:of\s+)?(?:a|the|any)\s+(?:change|maintenance)\s+window\b|"
    r"\bfreeze\b|"
    r"\b(?:unresolved|failing|broken|untested|unreviewed|known[\s-]bad)\b|"
    r"\b(?:accident|mistake|accidentally|mistakenly|inadvertently|carelessly|whim|hurry|rush|"
    r"habit)\b|"
    r"\bthinking\s+(?:it|that|this|they|he|she)\s+(?:was|were)\b|"
    r"\bwhile\s+(?:trying|attempting|meaning|intending)\s+to\b|"
    r"\bagainst\s+(?:the\s+|our\s+)?(?:runbook|advice|policy|instructions|process|guidance|"
    r"change\s+policy)\b|"
    r"\bwrong\b|\banyway\b|(?P<public>\bpublic\b|\bplain\s*text\b)",
)
"""Manners and moments that make an action a fault: "without telling anyone", "instead of
the replica", "despite failing tests", "outside a change window". The subject opening the
clause is the one blamed. Markers that are common words on their own ("wrong", "anyway")
count only after the words in `_MARKER_LEADS`; matching the rare word first keeps the scan
fast."""
_PREPOSITION_THE = r"\b(?:on|against|in|to|into|at|from)\s+the\s+$"
_MARKER_LEADS = {
    "wrong": re.compile(_PREPOSITION_THE),
    "anyway": re.compile(r"\b(?:but|and)\s+(?:[\w'’-]+\s+){0,2}$"),
    "accident": re.compile(r"\bby\s+$"),
    "mistake": re.compile(r"\bby\s+$"),
    "whim": re.compile(r"\bon\s+a\s+$"),
    "hurry": re.compile(r"\bin\s+a\s+$"),
    "rush": re.compile(r"\bin\s+a\s+$"),
    "habit": re.compile(r"\bout\s+of\s+$"),
    "middle": re.compile(r"\bin\s+the\s+$"),
    "peak": re.compile(r"\bduring\s+$"),
    "freeze": re.compile(
        r"\bduring\s+(?:a|the)\s+(?:change\s+|code\s+|deploy\s+|deployment\s+|release\s+)?$"
    ),
    "public": re.compile(r"\b(?:into|to)\s+(?:a\s+|the\s+)?$"),
    "plain": re.compile(r"\bin\s+$"),
    **dict.fromkeys(
        ("unresolved", "failing", "broken", "untested", "unreviewed", "known"),
        re.compile(r"\bwith\s+(?:an?\s+|the\s+)?$"),
    ),
}
_FIRST_WORD = re.compile(r"[a-z]+")


def _marker_applies(lower: str, match: re.Match[str]) -> bool:
    """True unless the marker's first word needs a lead ("by" before "mistake") that is absent."""
    first = _FIRST_WORD.match(match.group())
    lead = _MARKER_LEADS.get(first.group()) if first is not None else None
    return lead is None or lead.search(lower, max(0, match.start() - 40), match.start()) is not None


_REPORTED_CONTENT = re.compile(
    r"\b(?:reported|said|told\s+\w+|warned|explained|noted|mentioned|confirmed|found|noticed|"
    r"saw|spotted|discovered|reali[sz]ed|flagged|identified|wrote|posted|argued|pointed\s+out|"
    r"suspected)\s+(?:that|how|why|whether)\b",
    re.IGNORECASE,
)
"""A reporting verb with its content clause: the marker after it is in what was reported."""
_SECRET = re.compile(
    r"\b(?:(?:api|access|secret|private|signing|ssh|production|prod|aws)\s+keys?|passwords?|"
    r"secrets?|tokens?|credentials?)\b",
    re.IGNORECASE,
)
_JUSTIFIED = Folded(
    re.compile(
        r"\b(?:because|since|as\s+(?:the|agreed|planned|documented|scheduled|instructed|"
        r"described|requested|approved|a\s+precaution)|per\s+the|so\s+that|in\s+order\s+to|"
        r"to\s+(?:avoid|keep|reduce|limit|protect|collect|stop|prevent|contain|unblock)|"
        r"with\s+(?:the\s+)?(?:approval|sign-?off|agreement|consent)|approved|signed\s+off|"
        r"agreed)\b",
        re.IGNORECASE,
    )
)
"""A reason given after a risky-looking action makes it a decision, not a fault."""
_NEEDS_NO_REASON = re.compile(r"(?:left|went|logged|stepped|walked)\s", re.IGNORECASE)
"""Blaming verbs that describe a choice: with a stated reason they are no fault."""
_MISTAKE_BY = re.compile(
    r"\b(?:mistake|error|slip|misstep|oversight)\s+(?:made\s+)?by\s+(?:one\s+of\s+)?$",
    re.IGNORECASE,
)


def _blaming_verbs(doc: Document, ctx: LintContext) -> Iterator[tuple[Hit, int, int]]:
    """BL001 findings for a person, pronoun or role as the subject of a blaming verb."""
    prose = doc.prose
    for match in scan(doc, _BLAME_VERB):
        rest = _rest(prose, match.start(), _CLAUSE_END)
        if _NEEDS_NO_REASON.match(match.group()) and _JUSTIFIED.search(
            _rest(prose, match.start(), _SENTENCE_END)
        ):
            continue  # "left the debug flag on to collect traces, as agreed"
        relaxed = bool(_HUMAN_ONLY.match(match.group()) or _HUMAN_MANNER.search(rest))
        kind, subject = ctx.people.subject_before(prose, match.start(), relaxed=relaxed)
        if kind is Subject.OTHER:
            team = ctx.people.team_before(prose, match.start())
            if team is None or _GROUP_HINDSIGHT.match(prose, match.start()) is not None:
                continue  # "the DBA team failed to notice" is hindsight about attention
            kind, subject = Subject.ROLE, team
        elif kind is Subject.ROLE and _plural(subject):
            continue  # a group of responders is no individual; BL103 reads the hindsight
        start = prose.rfind(subject, max(0, match.start() - 80), match.start())
        start = start if start >= 0 else match.start()
        if _COUNTERFACTUAL_CREDIT.match(match.group()) and prose[
            max(0, start - 10) : start
        ].rstrip().casefold().endswith(("if", "unless")):
            continue  # "If Rasmus had not noticed the spike, ...": what they did saved the day
        if kind is Subject.ROLE and _MISTAKE_BY.search(prose, max(0, start - 40), start):
            continue  # "a mistake by an engineer caused ...": BL201 reads it as human error
        yield (
            hit_at(
                doc,
                start,
                match.end(),
                message=f"'{subject}' is named as the cause "
                f"('{' '.join(match.group().split())}'); "
                "the analysis stops at a person instead of the conditions around them.",
            ),
            start,
            match.end(),
        )


_COUNTERFACTUAL_CREDIT = re.compile(r"hadn['’]t|had\s+(?:not|never)\b", re.IGNORECASE)
"""After "if" or "unless", a step someone had not skipped: a credit ("if X had not noticed")."""
_GROUP_HINDSIGHT = re.compile(
    r"missed|overlooked|should|(?:failed|fails)\s+to\s+(?:notice|see|spot|catch|detect|realize|"
    r"realise|recognize|recognise|pay\s+attention)",
    re.IGNORECASE,
)
"""What a team is said to have missed or should have done is hindsight (BL101, BL103)."""


def _rest(prose: str, offset: int, end: re.Pattern[str]) -> str:
    """The text from `offset` to the end of its clause or sentence."""
    found = end.search(prose, offset)
    return prose[offset : found.start() if found is not None else len(prose)]


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].casefold() if phrase.split() else ""
    return last.endswith("s") and not last.endswith("ss")


_CAUSED_BY = fast(
    r"\b(?:caused|triggered|introduced|started|created|broken)\s+by\s+|"
    r"\b(?:due\s+to|because\s+of|thanks\s+to|blame\s+(?:goes\s+to|lies\s+with))\s+|"
    r"\b(?:this|that|it)\s+(?:one\s+)?(?:is|was)\s+(?:all\s+)?on\s+|"
    r"\b(?:traces?|traced|comes?|came|boils?|boiled)\s+(?:back\s+|down\s+)to\s+|"
    r"\b(?:mistakes?|errors?|slips?|blunders?|typos?)\s+(?:[\w-]+\s+){0,5}?(?:was|were)\s+"
    r"made\s+by\s+|"
    r"\b(?:careless|reckless|sloppy|negligent|irresponsible|lazy|foolish|thoughtless|"
    r"unprofessional|naive|naïve)\s+of\s+",
)
_CREDIT = re.compile(
    r"\b(?:spott|notic|catch|caught|quick|early|fast|prompt|limit|sav|prevent|avoid|recover|"
    r"restor|resolv|mitigat|before|help|work|effort|diligen|identif|found|find|pinpoint)\w*|"
    r"^\s*\S+(?:\s+[A-Z][\w'’-]*)?\s+for\b",
    re.IGNORECASE,
)
"""After "thanks to X", words that make it credit rather than sarcastic blame; "thanks to X
for ..." is always thanks."""
_FAULT_NOUN = (
    r"(?:mistake|error|fault|oversight|negligence|carelessness|typo|slip|blunder|screw-?up|"
    r"fat[\s-]?finger|"
    r"mess|lapse|sloppiness|incompetence|bad\s+(?:deploy|change|commit|merge|push|config))"
)
_FAULT_ADJECTIVE = (
    r"(?:careless|sloppy|reckless|hasty|rushed|botched|negligent|thoughtless|lazy|bad|wrong|"
    r"faulty|buggy|untested|unreviewed|poor|ill-advised|ill-judged)"
)
_POSSESSIVE = fast(
    rf"(?P<owned>['’]s)\s+(?:\w+\s+)?(?P<noun>{_FAULT_NOUN})\b|"
    rf"\b(?:his|her)\s+(?:own\s+)?{_FAULT_NOUN}\b|"
    rf"(?P<judged>['’]s)\s+{_FAULT_ADJECTIVE}\s+\w+|"
    r"(?P<chosen>['’]s)\s+(?:\w+\s+)?(?:decision|choice|call|actions?|change|deploy|deployment|"
    r"push|commit|merge|edit|command|query|migration|script)\b"
    r"(?=[^.;\n]{0,60}?\b(?:led|caused|triggered|resulted\s+in|took\s+(?:\w+\s+){0,3}?"
    r"(?:down|offline)|broke|brought\s+down|knocked\s+out|wiped|corrupted|locked|deleted|"
    r"dropped|overloaded|exhausted|blocked|crashed|saturated|flooded|leaked|exposed|"
    r"filled|froze)\b)|"
    r"\bon\s+(?:his|her)\s+watch\b|(?P<watch>['’]s)\s+watch\b",
)
_OWNER = re.compile(r"[\w-]+$")
_ON = re.compile(r"\bon\s+$", re.IGNORECASE)
_CLEFT = fast(
    r"\bit\s+(?:was|is)\s+(?P<who>[\w'’-]+(?:\s+[\w'’-]+)?)\s+who\b|"
    r"\b(?:was|is)\s+the\s+(?:one|person|engineer|developer|guy)\s+who\b",
)
_STRONG_FAULT = re.compile(
    r"mistake|fault|careless|negligen|oversight|blunder|screw|sloppi|incompeten|lapse|slip|typo",
    re.I,
)
_OBJECT_WORDS = re.compile(r"[A-Za-z][\w'’-]*")


_NAME_THEN_BREAK = re.compile(r"\s*(?:[,.;:)]|['’]s\b|\s+(?:who|and|when|after)\b|$)")


_ROLE_OPENERS = frozenset({"the", "a", "an", "one", "our", "that", "this", "another", "some"})
"""The words `ROLE_PHRASE` opens with: an ASCII first word outside them makes no role phrase,
so its three case-free matches are skipped (a case-free pattern may also match letters
outside ASCII that fold to these, hence the ASCII test)."""


def _object_kind(ctx: LintContext, text: str, *, relaxed: bool = False) -> tuple[Subject, str]:
    """Who the noun phrase opening `text` is; `relaxed` takes any plain capitalised word."""
    words = _OBJECT_WORDS.findall(text[:60])[:4]
    if not words:
        return Subject.OTHER, ""
    if words[0].casefold() in ("him", "her", "them", "someone", "somebody"):
        return (
            (Subject.PRONOUN, words[0])
            if words[0].casefold() != "them"
            else (
                Subject.OTHER,
                "",
            )
        )
    if not words[0].isascii() or words[0].casefold() in _ROLE_OPENERS:
        for size in (4, 3, 2):
            phrase = " ".join(words[:size])
            if len(words) >= size and ROLE_PHRASE.match(phrase):
                return Subject.ROLE, phrase
    if ctx.people.is_name(words[0]):
        name = words[0].removesuffix("'s").removesuffix("’s")
        if len(words) > 1 and ctx.people.is_name(words[1]):
            name = f"{name} {words[1]}"
        return Subject.PERSON, name
    # "caused by Farah." - an unknown capitalised word standing alone is most likely a name.
    first = words[0]
    rest = text[text.find(first) + len(first) :]
    if ctx.people.looks_like_name(first) and (relaxed or _NAME_THEN_BREAK.match(rest)):
        return Subject.PERSON, first
    return Subject.OTHER, ""


_PASSIVE_BY = fast(
    r"\b(?:pushed|merged|deployed|approved|changed|deleted|dropped|removed|run|ran|executed|"
    r"applied|edited|disabled|restarted|shipped|modified|overwritten|truncated|killed|"
    r"rolled\s+out|turned\s+off|misconfigured)\s+by\s+",
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_CARELESS_MANNER = Folded(
    re.compile(
        r"\bby\s+(?:mistake|accident)\b|\b(?:accidentally|mistakenly|carelessly)\b|"
        r"\bwithout\s+(?!(?:incident|issues?|problems?|errors?|downtime|impact|any\s+impact)\b)"
        r"(?:a\s+|any\s+)?(?:review|approval|permission|asking|checking|testing|telling|looking|"
        r"reading|reviewing|warning|notice|anyone|a\s+second\s+pair)",
        re.IGNORECASE,
    )
)
_CAUSAL = fast(
    r"\bbecause\s+|\broot\s+cause\s+(?:is|was)\s+(?:that\s+)?|"
    r"\b(?:started|began|happened|occurred)\s+(?:when|after)\s+",
)
_CHANGE_VERB = re.compile(
    r"\s+(?:(?:accidentally|mistakenly|manually|then|also)\s+)?(?:ran|executed|applied|pushed|"
    r"deployed|merged|deleted|dropped|removed|restarted|rebooted|changed|edited|disabled|"
    r"turned\s+off|killed|modified|reverted|shipped|upgraded|truncated|overwrote|revoked|"
    r"misconfigured|promoted|scaled|committed|released|approved)\b",
    re.IGNORECASE,
)
_RECOVERY = re.compile(
    r"\b(?:recover\w*|resolv\w*|clear\w*|drain\w*|restor\w*|stabili[sz]\w*|mitigat\w*|"
    r"fix\w*|back\s+to\s+normal|returned\s+to|caught|spotted|prevented|avoided|saved)\b",
    re.IGNORECASE,
)
_ACTOR_PRONOUNS = frozenset({"he", "she", "someone", "somebody"})


def _actor_of_change(ctx: LintContext, prose: str, offset: int) -> str | None:
    """The person, pronoun or role at `offset` when a changing verb follows it."""
    text = prose[offset : offset + 80]
    first = text.split(maxsplit=1)[0] if text.split() else ""
    if first.casefold() in _ACTOR_PRONOUNS:
        who = first
    else:
        human = _HUMAN_MANNER.search(_rest(prose, offset, _CLAUSE_END))
        kind, who = _object_kind(ctx, text, relaxed=human is not None)
        if kind is Subject.OTHER or (kind is Subject.ROLE and _plural(who)):
            if not ctx.people.lower_name(first):
                return None
            who = first
    at = text.find(who)
    if at < 0 or _CHANGE_VERB.match(text, at + len(who)) is None:
        return None
    return who


@rule(
    "BL002",
    "caused-by-person",
    Family.BLAME,
    Severity.ERROR,
    message="The cause is attributed to a person ('caused by X', 'X's mistake').",
    suggestion=_REWRITE,
)
def caused_by_person(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """The cause is attributed to a person: "caused by Dave", "Dave's mistake", "due to her error".

    Bad: The outage was caused by Priya.
    Bad: It was Tom's mistake.
    Bad: The failover was triggered by an engineer on the platform team.
    Bad: The change was pushed by Dave without review.
    Bad: The outage happened because Maria disabled the rate limiter.
    Bad: The incident happened on Steve's watch.
    Bad: It was reckless of Bastian to disable the rate limiter.
    Bad: Yannick's untested script corrupted the ledger.
    Good: Thanks to Ifeoma catching the alert early, we failed over in time.
    Good: The outage was caused by a retry storm after the timeout change.
    Good: Priya's analysis of the logs showed the retry storm.
    Good: The change was merged by Ana after two reviews.
    Good: Because Dave restarted the consumer, the backlog cleared within minutes.
    """
    prose = doc.prose
    covered: list[tuple[int, int]] = []
    for match in scan(doc, _CAUSED_BY):
        kind, who = _object_kind(ctx, prose[match.end() : match.end() + 60])
        if kind is Subject.OTHER:
            continue
        if match.group().startswith("thanks") and _CREDIT.search(
            _rest(prose, match.end(), _SENTENCE_END)
        ):
            continue  # "thanks to Amara spotting the anomaly early" is credit
        end = prose.find(who, match.end()) if who else -1
        end = end + len(who) if end >= 0 else match.end()
        covered.append((match.start(), end))
        yield hit_at(
            doc,
            match.start(),
            end,
            message=f"The cause is attributed to '{who}'; say which conditions allowed it.",
        )
    for match in scan(doc, _PASSIVE_BY):
        clause = _rest(prose, match.end(), _CLAUSE_END)
        kind, who = _object_kind(ctx, clause[:60], relaxed=bool(_HUMAN_MANNER.search(clause)))
        if kind is Subject.OTHER or not (
            match.group().startswith("misconfigured") or _CARELESS_MANNER.search(clause)
        ):
            continue  # "merged by Ana after two reviews" is a plain record of who did what
        covered.append((match.start(), match.end()))
        yield hit_at(
            doc,
            match.start(),
            prose.find(who, match.end()) + len(who),
            message=f"The action is attributed to '{who}'; say which conditions allowed it.",
        )
    for match in scan(doc, _CAUSAL):
        actor = _actor_of_change(ctx, prose, match.end())
        if actor is None or _RECOVERY.search(_rest(prose, match.end(), _SENTENCE_END)):
            continue  # "because Dave restarted the consumer, the backlog cleared" credits him
        covered.append((match.start(), match.end()))
        yield hit_at(
            doc,
            match.start(),
            prose.find(actor, match.end()) + len(actor),
            message=f"The cause is attributed to '{actor}'; say which conditions allowed it.",
        )
    for match in scan(doc, _POSSESSIVE):
        if any(start <= match.start() < end for start, end in covered):
            continue  # "due to her error": one finding for one attribution
        start = match.start()
        if any(match.group(name) for name in ("owned", "chosen", "judged", "watch")):
            owner = _OWNER.search(prose, max(0, start - 40), start)
            if owner is None:
                continue
            if match.group("watch") and not _ON.search(
                prose, max(0, owner.start() - 8), owner.start()
            ):
                continue  # "on Steve's watch" is the idiom; "Steve's watch list" is not
            strong = bool(
                match.group("judged")
                or match.group("watch")
                or _STRONG_FAULT.match(match.group("noun") or "")
            )
            kind, _who = ctx.people.subject_before(prose, start, relaxed=strong)
            if kind is Subject.OTHER:
                continue
            start = owner.start()
        yield hit_at(doc, start, match.end())
    for match in scan(doc, _CLEFT):
        if match.group("who") is not None:
            phrase = prose[match.start("who") : match.end("who")]
            kind = ctx.people.classify(phrase)
            if kind is Subject.OTHER and not ctx.people.looks_like_name(phrase):
                continue
        else:
            kind, _who = ctx.people.subject_before(prose, match.start(), relaxed=True)
            if kind is Subject.OTHER:
                continue
        yield hit_at(doc, match.start(), match.end())


_RESPONSIBLE = fast(
    r"\bwho\s+(?:was|is|were)\s+(?:responsible|to\s+blame|at\s+fault)\b|"
    r"\b(?:responsible|guilty|culpable)\s+(?:party|person|individual|engineer)\b|"
    r"\bperson\s+responsible\b|\bat\s+fault\b|\b(?:is|was|are|were)\s+to\s+blame\b|"
    r"\b(?:blame|fault)\s+(?:for\s+[\w\s-]{1,40}?\s+)?(?:lies|rests|falls)\s+(?:squarely\s+|"
    r"entirely\s+)?(?:with|on)\b|\bculprits?\b(?!\s+(?:pr|pull|commits?|changes?|query|queries|deploy|config|process|pods?|nodes?|services?|hosts?|jobs?|requests?))|\bwhose\s+fault\b|\b(?:be|been|is|was)\s+held\s+(?:accountable|responsible)\b|"
    r"\bshould\s+be\s+(?:retrained|disciplined|reprimanded|fired|let\s+go|written\s+up|"
    r"spoken\s+to)\b|\b(?:has|have)\s+been\s+spoken\s+to\b|"
    r"\b(?:has|have|had)\s+been\s+(?:told|reminded|warned|asked)\s+to\s+be\s+more\s+careful\b",
)
_CULPRIT_BEFORE = re.compile(
    r"(?P<who>\b(?:the|an?|our|this|that)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}?)\s+"
    r"(?:was|is|were|are)\s+(?:the|a|our)\s+"
    r"(?:(?:real|likely|main|actual|obvious|probable)\s+)?$",
    re.IGNORECASE,
)
_CULPRIT_AFTER = re.compile(
    r"s?\s+(?:was|is|were|are|turned\s+out\s+to\s+be)\s+(?P<who>(?:the|an?|our)\s+[\w'’-]+"
    r"(?:\s+[\w'’-]+){0,2})",
    re.IGNORECASE,
)


def _culprit_is_a_thing(ctx: LintContext, prose: str, match: re.Match[str]) -> bool:
    """Whether "culprit" names a component ("the cache was the culprit"), not a person."""
    before = _CULPRIT_BEFORE.search(prose, max(0, match.start() - 60), match.start())
    after = _CULPRIT_AFTER.match(prose, match.start() + len("culprit"))
    found = before or after
    if found is None:
        return False
    words = found.group("who").split()
    return words[0].casefold() in ("the", "a", "an", "our", "this", "that") and all(
        ctx.people.classify(" ".join(words[:size])) is Subject.OTHER
        for size in range(2, len(words) + 1)
    )


_FIELD_NAME = fast(
    r"\b(?:responsible|blame|culprit|at\s+fault|who)\**[ \t]*:|"
    r"\b(?:responsible|blame|culprit|at\s+fault)[ \t]*\|"
)
_LIST_OR_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*][ \t]*)?\**$")
_CELL_START = re.compile(r"\|[ \t]*$")


@rule(
    "BL003",
    "who-was-responsible",
    Family.BLAME,
    Severity.ERROR,
    message="Asking who was responsible or at fault turns the review into a search for a person.",
    suggestion="Ask what made the failure possible: 'Which conditions let this happen?'",
)
def who_was_responsible(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Fields and phrases that look for a person to hold responsible: "at fault", "culprit".

    Bad: Responsible: Dave
    Bad: We still need to find out who was responsible.
    Bad: The culprit was a junior engineer.
    Bad: The engineer who ran the script has been told to be more careful.
    Good: No single person is at fault; the runbook sent everyone to the wrong dashboard.
    Good: The payments team is responsible for the checkout service.
    """
    prose = doc.prose
    for match in scan(doc, _RESPONSIBLE):
        if negated(prose, match.start()):
            continue
        if match.group().startswith("culprit") and _culprit_is_a_thing(ctx, prose, match):
            continue  # "the cache was the culprit": a component, no person
        yield hit_at(doc, match.start(), match.end())
    for match in scan(doc, _FIELD_NAME):
        # A field label: "Responsible:" at the start of a line or list item, or a table
        # column headed "| Responsible |".
        start, end = match.start(), match.end()
        line_start = doc.lower.rfind("\n", 0, start) + 1
        before = doc.lower[line_start:start]
        if match.group().endswith(":"):
            label = _LIST_OR_LINE_START.search("\n" + before)
            if label is None:
                continue
            start = line_start
        else:
            cell = _CELL_START.search(before)
            if cell is None:
                continue
            start = line_start + cell.start()
        yield hit_at(doc, start, end)
