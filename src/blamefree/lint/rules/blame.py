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
from blamefree.lint.rules._text import fast, hit_at, negated, scan

_REWRITE = (
    "Describe the conditions that made the action possible, e.g. 'the deploy script allowed "
    "an unguarded migration' instead of 'Dave ran the wrong migration'."
)
_WRONG = r"(?:wrong|incorrect|bad|broken|faulty|buggy|untested|unreviewed)"
_BLAME_VERB = fast(
    r"\b(?:forgot|forgets|forgotten|neglected|ignored|ignores|failed\s+to|fails\s+to|"
    r"(?:did\s+not|didn['’]t)\s+bother|messed\s+up|screwed\s+up|botched|broke|caused|"
    r"overlooked|missed|mistakenly|accidentally|carelessly|inadvertently|wrongly|"
    r"made\s+(?:a|an|the|another)\s+(?:\w+\s+)?(?:mistake|error|blunder)|made\s+the\s+wrong|"
    r"(?:ran|run|executed|applied|pushed|deployed|merged|typed|entered|used|chose|picked|"
    rf"selected|restarted|deleted|dropped|edited|changed|set)\s+(?:the|a|an)\s+{_WRONG}|"
    r"fat[- ]?fingered|was\s+(?:careless|negligent|sloppy|lazy|inattentive|distracted|"
    r"not\s+paying\s+attention)|(?:didn['’]t|did\s+not|never)\s+(?:check|test|verify|follow|"
    r"read|notice|think|look|review|double-check|ask|confirm)|skipped|rushed|"
    r"overrode|bypassed|circumvented|disregarded|(?:took|brought|knocked)\s+down|nuked|"
    r"never\s+(?:checked|tested|verified|followed|read|noticed|looked|reviewed|asked|confirmed)|"
    r"(?:ran|executed|applied|pushed|deployed|merged|deleted|dropped|removed|restarted|changed|"
    r"edited|disabled|turned\s+off)\s+(?:[\w'’.-]+\s+){0,4}?(?:by\s+(?:accident|mistake)|"
    r"without\s+(?:asking|checking|testing|telling|review|approval|permission|a\s+review)))\b",
)

_HUMAN_ONLY = re.compile(
    r"forg|neglect|(?:did\s+not|didn['’]t)\s+bother|messed|screwed|botched|fat|was\s+|made\s+|"
    r"mistakenly|accidentally|carelessly|inadvertently|rushed|.*\bby\s+(?:accident|mistake)|"
    r"(?:did\s+not|didn['’]t|never)\s+(?:follow|test|read|double-check|bother)",
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

    Bad: Dave ran the wrong migration on the primary database.
    Bad: The on-call engineer forgot to check the dashboard.
    Bad: She accidentally deleted the production bucket.
    Bad: An intern deleted the backup bucket by mistake.
    Good: The deploy script allowed an unguarded migration to run on the primary database.
    Good: The on-call engineer acknowledged the alert at 14:37.
    Good: The deploy failed to complete because the health check timed out.
    Good: The cleanup job deleted the rows without asking for confirmation.
    """
    prose = doc.prose
    for match in scan(doc, _BLAME_VERB):
        relaxed = _HUMAN_ONLY.match(match.group()) is not None
        kind, subject = ctx.people.subject_before(prose, match.start(), relaxed=relaxed)
        if kind is Subject.OTHER or (kind is Subject.ROLE and _plural(subject)):
            continue  # a group of responders is no individual; BL103 reads the hindsight
        start = prose.rfind(subject, max(0, match.start() - 80), match.start())
        start = start if start >= 0 else match.start()
        yield hit_at(
            doc,
            start,
            match.end(),
            message=f"'{subject}' is named as the cause ('{' '.join(match.group().split())}'); "
            "the analysis stops at a person instead of the conditions around them.",
        )


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].casefold() if phrase.split() else ""
    return last.endswith("s") and not last.endswith("ss")


_CAUSED_BY = fast(
    r"\b(?:caused|triggered|introduced|started|created|broken)\s+by\s+|"
    r"\b(?:due\s+to|because\s+of|thanks\s+to|blame\s+(?:goes\s+to|lies\s+with))\s+|"
    r"\b(?:this|that|it)\s+(?:one\s+)?(?:is|was)\s+(?:all\s+)?on\s+|"
    r"\b(?:traces?|traced|comes?|came|boils?|boiled)\s+(?:back\s+|down\s+)to\s+",
)
_FAULT_NOUN = (
    r"(?:mistake|error|fault|oversight|negligence|carelessness|typo|slip|blunder|screw-?up|"
    r"mess|lapse|sloppiness|incompetence|bad\s+(?:deploy|change|commit|merge|push|config))"
)
_POSSESSIVE = fast(
    rf"(?P<owned>['’]s)\s+(?:\w+\s+)?(?P<noun>{_FAULT_NOUN})\b|"
    rf"\b(?:his|her)\s+(?:own\s+)?{_FAULT_NOUN}\b|"
    r"(?P<chosen>['’]s)\s+(?:\w+\s+)?(?:decision|choice|call|actions?|change)\b"
    r"(?=[^.;\n]{0,60}?\b(?:led|caused|triggered|resulted\s+in|took\s+down|broke)\b)",
)
_OWNER = re.compile(r"[\w-]+$")
_CLEFT = fast(
    r"\bit\s+(?:was|is)\s+(?P<who>[\w'’-]+(?:\s+[\w'’-]+)?)\s+who\b|"
    r"\b(?:was|is)\s+the\s+(?:one|person|engineer|developer|guy)\s+who\b",
)
_STRONG_FAULT = re.compile(
    r"mistake|fault|careless|negligen|oversight|blunder|screw|sloppi|incompeten|lapse", re.I
)
_OBJECT_WORDS = re.compile(r"[A-Za-z][\w'’-]*")


_NAME_THEN_BREAK = re.compile(r"\s*(?:[,.;:)]|['’]s\b|\s+(?:who|and|when|after)\b|$)")


def _object_kind(ctx: LintContext, text: str) -> tuple[Subject, str]:
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
    if ctx.people.looks_like_name(first) and _NAME_THEN_BREAK.match(rest):
        return Subject.PERSON, first
    return Subject.OTHER, ""


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
    Good: The outage was caused by a retry storm after the timeout change.
    Good: Priya's analysis of the logs showed the retry storm.
    """
    prose = doc.prose
    covered: list[tuple[int, int]] = []
    for match in scan(doc, _CAUSED_BY):
        kind, who = _object_kind(ctx, prose[match.end() : match.end() + 60])
        if kind is Subject.OTHER:
            continue
        end = prose.find(who, match.end()) if who else -1
        end = end + len(who) if end >= 0 else match.end()
        covered.append((match.start(), end))
        yield hit_at(
            doc,
            match.start(),
            end,
            message=f"The cause is attributed to '{who}'; say which conditions allowed it.",
        )
    for match in scan(doc, _POSSESSIVE):
        if any(start <= match.start() < end for start, end in covered):
            continue  # "due to her error": one finding for one attribution
        start = match.start()
        if match.group("owned") or match.group("chosen"):
            owner = _OWNER.search(prose, max(0, start - 40), start)
            if owner is None:
                continue
            strong = _STRONG_FAULT.match(match.group("noun") or "") is not None
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
    r"\bblame\s+(?:for\s+[\w\s-]{1,40}?\s+)?(?:lies|rests|falls)\s+(?:with|on)\b|\bculprits?\b(?!\s+(?:pr|pull|commits?|changes?|query|queries|deploy|config|process|pods?|nodes?|services?|hosts?|jobs?|requests?))|\bwhose\s+fault\b|\b(?:be|been|is|was)\s+held\s+(?:accountable|responsible)\b|"
    r"\bshould\s+be\s+(?:retrained|disciplined|reprimanded|fired|let\s+go|written\s+up|"
    r"spoken\s+to)\b|\b(?:has|have)\s+been\s+spoken\s+to\b",
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
    Good: No single person is at fault; the runbook sent everyone to the wrong dashboard.
    Good: The payments team is responsible for the checkout service.
    """
    prose = doc.prose
    for match in scan(doc, _RESPONSIBLE):
        if negated(prose, match.start()):
            continue
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
