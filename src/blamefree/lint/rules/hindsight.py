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
_HAD_WE = (
    "(?:known|looked|done|bothered|spent|taken|put|given|invested|paused|slowed|run|used|"
    "listened|kept|load-tested|planned|rehearsed|practised|practiced"
)
"""After "had we" / "had they": any step people take makes the clause a counterfactual."""
_COUNTERFACTUAL = fast(
    r"\b(?P<modal>should|could|ought\s+to|would)(?P<neg>\s+not|n['’]t)?"
    r"(?:\s+(?:clearly|easily|surely|certainly|obviously|definitely|simply|quickly|"
    r"immediately))?\s+have\b|"
    r"\b(?P<short>should|could)['’]ve\b|\bif\s+only\b|"
    r"(?P<would>['’]d)\s+have\b|"
    r"\bhad\s+(?:we|they|he|she|someone|anyone|anybody|somebody)\s+(?:just\s+|only\s+|"
    rf"simply\s+|actually\s+)?{_COGNITION.replace('(?:known', _HAD_WE)}|"
    r"\b(?P<conditional>been\s+paying\s+attention|paid\s+attention|thought\s+to|bothered\s+to|"
    r"cared\s+to|taken\s+the\s+time|(?:just|only|simply)\s+[a-z]+)\b|"
    r"\bwhy\s+(?:did\s+(?:no\s*one|nobody|no-one)|(?:didn['’]t|wasn['’]t|hadn['’]t|couldn['’]t)"
    r"\s+(?:anyone|anybody|someone|somebody|we|they|the\s+team|you))\b|"
    rf"\bhad\s+(?:the|our)\s+(?:[\w-]+\s+)?(?:team|engineers?|developers?|reviewers?|"
    rf"responders?|operators?|sres?|dbas?|admins?|on-?call(?:ers?)?)\s+(?:just\s+|only\s+|"
    rf"simply\s+|actually\s+)?{_HAD_WE})\b|"
    r"\bdid\s+(?:anyone|anybody|someone|somebody)\s+(?:[\w'’-]+\s+){0,5}?even\s+(?:bother|look|"
    r"open|check|read|test|try|run|glance|think)\b",
)
_IF_PEOPLE_HAD = re.compile(
    r"\b(?:if|had)\s+(?:we|they|you|someone|anyone|anybody|somebody|the\s+team|"
    r"(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:engineers|developers|devs|sres|dbas|admins|responders|"
    r"operators|reviewers|team|people|staff))(?:\s+on\s+[\w\s-]{1,20}?)?\s+(?:had\s+)?"
    r"(?:actually\s+|even\s+)?$",
    re.IGNORECASE,
)
"""Before the participle of a conditional counterfactual: "if the engineers had (been ...)"."""
_CONTRACTED = re.compile(
    r"\b(?:they|we|he|she|you|i|someone|anyone|somebody|anybody)$", re.IGNORECASE
)
"""Who "'d have" is about; found after the rare "'d have" so the scan stays fast."""
_ANYONE = frozenset(("anyone", "anybody", "someone", "somebody", "any", "every", "everyone"))
"""Clause openers that make a counterfactual about people: "Anyone reading the logs would ..."."""
_SHOULD_NOT_ACT = re.compile(
    r"should(?:\s+not|n['’]t)\s+have\s+(?!been\b)(?!(?:known|noticed|seen|realized|realised|"
    r"thought|understood|remembered|anticipated|foreseen)\b)\w+",
    re.IGNORECASE,
)
""""Bill should not have merged it" blames an action of one person: BL001 reports it."""
_AFTER_MODAL: re.Pattern[str] = re.compile(
    rf"\s+(?:(?:easily|simply|just|obviously|clearly|probably)\s+)?(?P<verb>{_COGNITION}|"
    r"been\s+(?:easily\s+)?(?:avoided|prevented|caught|spotted|noticed|detected)|"
    r"avoided|prevented)\b|\s+(?P<easy>easily|simply|just)\b",
    re.IGNORECASE,
)
_PREVENTED_IF = re.compile(
    r"\s+been\s+(?:easily\s+)?(?:avoided|prevented|caught|spotted)\s+(?:if|had)\b", re.I
)
_CAUGHT = re.compile(
    r"\s+been\s+(?:easily\s+|so\s+)?(?:caught|spotted|noticed|detected|flagged|prevented|avoided|"
    r"obvious|clear)\b",
    re.IGNORECASE,
)
"""What "should/could have been" judges with hindsight whatever the subject ("should have
been caught in review"): that someone could have seen or stopped it."""
_HELPED = re.compile(r"\s+(?:helped|been\s+(?:helpful|useful|better))\b", re.IGNORECASE)
_MIND = re.compile(
    r"(?:known|realized|realised|understood|remembered|thought|anticipated|foreseen|"
    r"been\s+(?:more\s+)?(?:careful|aware|vigilant|diligent|obvious|clear|cautious|attentive))",
    re.IGNORECASE,
)
_PEOPLE_WORDS = frozenset(
    ("we", "they", "you", "i", "someone", "somebody", "nobody", "anyone", "everyone", "team")
)
_IF_NAMED_HAD = re.compile(r"\b(?:[Ii]f|Had)\s+[A-Z][\w'’-]+\s+had\b")
"""A counterfactual about one named person earlier in the sentence."""
_PEOPLE_NOUNS = frozenset(
    (
        "people",
        "engineers",
        "engineer",
        "team",
        "teams",
        "staff",
        "responders",
        "operators",
        "folks",
        "developers",
        "devs",
        "sres",
        "dbas",
        "admins",
        "reviewers",
        "whoever",
        "those",
        "everyone",
        "somebody",
        "someone",
        "anyone",
        "we",
        "they",
    )
)
"""Nouns that make a clause opener about people: "The people running the migration should"."""
_INFORMED = re.compile(
    r"\s+been\s+(?:paged|notified|told|informed|called|consulted|invited|included|alerted|"
    r"looped\s+in|copied|woken|warned|trained|given)\b",
    re.IGNORECASE,
)
"""After "should have": a person who should have been told or paged is owed, not judged."""
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
    Bad: Had the DBAs just added an index, the query would never have timed out.
    Bad: Why didn't anyone look at the disk graph before the weekend?
    Bad: It should have been caught in code review.
    Good: The dashboard did not show the flag state, so the flag looked off to everyone.
    Good: The cache should have expired after 60 seconds but kept entries for a day.
    Good: It could have been much worse: the replica was only minutes behind.
    Good: We would have rolled back sooner with a feature flag.
    Good: The integration tests mock the gateway, so they could not have caught the change.
    """
    prose = doc.prose
    for match in scan(doc, _COUNTERFACTUAL):
        begin, end = match.start(), match.end()
        if match.group("conditional"):
            lead = _IF_PEOPLE_HAD.search(prose, max(0, begin - 60), begin)
            if lead is None:
                continue  # "thought to", "just restart" without "if we had" before them
            yield hit_at(doc, lead.start(), end)
            continue
        if match.group("would"):
            who = _CONTRACTED.search(prose, max(0, begin - 12), begin)
            if who is None:
                continue  # "it'd have" and the like say nothing about people
            begin = who.start()
        if match.group("modal") == "could" and match.group("neg"):
            continue  # "they could not have caught it" says the opposite of hindsight
        if (match.group("would") or match.group("modal") == "would") and _IF_NAMED_HAD.search(
            clause_before(prose, begin, 160)
        ):
            continue  # "if Jonas had bothered ..., he would have seen": BL001 reports it
        if match.group("modal") or match.group("short") or match.group("would"):
            rest = prose[end : end + 80]
            if _WORSE.match(rest) or _HELPED.match(rest) or _INFORMED.match(rest):
                continue  # "Magnus should have been paged": what the system owed them
            after = _AFTER_MODAL.match(rest)
            kind, subject = ctx.people.subject_before(prose, begin)
            if kind is Subject.OTHER and after is not None and after.group("verb"):
                # A step only people take ("should have checked"): an unknown capitalised
                # word before it is a name ("Hollis should have checked the secondary").
                kind, subject = ctx.people.subject_before(prose, begin, relaxed=True)
            clause = clause_before(prose, begin, 80).casefold().split()
            opener = clause[:1]
            about_people = (
                kind is not Subject.OTHER
                or subject.casefold() in _PEOPLE_WORDS
                or bool(match.group("would"))
                or (bool(opener) and opener[0] in _ANYONE)
                or any(word in _PEOPLE_NOUNS for word in clause[:6])
            )
            if (
                kind is not Subject.OTHER
                and (kind is not Subject.ROLE or not subject.casefold().endswith("s"))
                and _SHOULD_NOT_ACT.match(prose, begin)
            ):
                continue  # one finding for one blamed action: BL001 reports it
            prevented = _PREVENTED_IF.match(rest) or (
                None if match.group("neg") else _CAUGHT.match(rest)
            )
            modal = match.group("modal") or match.group("short") or "would"
            if modal.startswith("would"):
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
        yield hit_at(doc, begin, end)


_OBVIOUS = fast(
    r"\bobviously\b|\bit\s+(?:was|is|should\s+have\s+been|seems)\s+(?:so\s+)?(?:obvious|clear)\b|"
    r"\bwas\s+(?:so\s+)?obvious\b|\bobvious\s+(?:mistake|error|signs?|fix|problem|warning|"
    r"thing|step|check)\b|\bclearly\s+(?:wrong|a\s+mistake|should|visible|showed|indicated|"
    r"broken|missed)\b|\bof\s+course\b|"
    r"\b(?:any|a|every)\s+(?:competent|reasonable|experienced|careful)\s+(?:engineers?|"
    r"developers?|persons?|people|operators?|reviewers?|sres?|admins?|responders?|humans?|one|"
    r"professionals?|on-?call(?:ers?)?)\b|"
    r"\beveryone\s+knows\b|\bcommon\s+sense\b|\bglaring(?:ly)?\b|\bin\s+plain\s+sight\b|"
    r"\bworth\s+(?:their|his|her)\s+salt\b|"
    r"\b(?:first-year|summer)\s+(?:student|intern|grad|graduate|hire|engineer|developer|"
    r"trainee)\s+(?:would|could|knows|should|can)\b|"
    r"\beven\s+(?:an?|the|my)\s+(?:[\w-]+\s+)?(?:intern|interns|junior|student|child|kid|newbie|"
    r"beginner|trainee|grandmother)\s+(?:would|could|knows|should|can)\b|"
    r"\b(?:obvious|clear)\s+in\s+(?:retrospect|hindsight)\b|"
    r"\bin\s+(?:retrospect|hindsight),?\s+(?:it\s+was\s+|the\s+[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:was|were)\s+)(?:so\s+)?(?:obvious|clear|everywhere)\b|"
    r"\b(?:plainly|patently|blatant(?:ly)?)\b|"
    r"\b(?:hard|difficult)\s+to\s+(?:believe|understand|fathom|see\s+how)\b|\binexcusabl[ey]\b|"
    r"\bno\s+excuse\s+for\b|\bbeyond\s+me\b|\bbaffling\b|\binexplicabl[ey]\b|"
    r"\bmind-?boggling\b|\bunforgivabl[ey]\b|\bstaring\s+(?:us|them|everyone|you)\s+in\s+the\s+"
    r"face\b|\b(?:signs|warnings|clues|signals)\s+were\s+(?:clearly\s+|all\s+|right\s+)?there\b|"
    r"\bright\s+there\s+in\s+(?:the|front)\b|\bplain\s+(?:to\s+see|that)\b|\bclearly,|\bcould(?:n['’]t|\s+not)\s+have\s+been\s+(?:any\s+)?"
    r"(?:more\s+)?(?:obvious|clear|plainer)\b|\bclearly\s+(?:inadequate|insufficient|negligent|careless|avoidable|"
    r"preventable|there|the\s+wrong)\b|"
    r"\bmade\s+(?:it|this|that)\s+(?:so\s+|pretty\s+|very\s+|perfectly\s+)?(?:obvious|plain)\b"
    r"(?!\s+to\b)|"
    r"\b(?:in\s+(?:retrospect|hindsight)|with\s+(?:the\s+benefit\s+of\s+)?hindsight|"
    r"looking\s+back),?\s+[^.;\n]{0,60}?\b(?:wrong|mistakes?|mistaken|obvious|clear|plain|"
    r"should|could(?!\s+(?:see|tell|find|spot|confirm|identify|trace|follow)\b)|easy|easily|"
    r"simple|bad|poor|avoidable|preventable|unwise|careless|"
    r"errors?(?!\s+(?:rates?|budgets?|counts?|codes?|logs?|messages?|ratios?|spikes?)\b))\b",
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
    Bad: In retrospect, rolling back was the wrong choice.
    Bad: The dashboard made it obvious.
    Bad: The warning signs were clearly there for weeks.
    Bad: It's hard to believe the lag was at six hours.
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
    r"\b(?:nobody|no\s+one|no-one)\s+(?:paid|was\s+paying)\s+(?:any\s+)?attention\b|"
    r"\b(?P<obvious>obvious|glaring)\b|"
    r"\b(?:nobody|no\s+one|no-one)\s+(?:(?:on|in|from|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:team|squad|side|call|shift|rota|bridge)\s+)?(?:ever\s+|even\s+)?(?:thought|bothered|"
    r"cared|took\s+the\s+time)\s+to\b|\b(?:nobody|no\s+one|no-one)\s+acted\s+on\b|"
    r"\b(?:overlooked|missed|ignored|forgot|skipped)\s+(?:the\s+)?(?:most\s+|very\s+)?"
    r"(?:basic|simplest|obvious|elementary)\s+(?:thing|things|step|steps|check|checks|stuff)\b|"
    r"\b(?:overlooked|missed|ignored|forgot|skipped)\s+the\s+basics\b",
)
_MISSED_THE = re.compile(
    r"\b(?:missed|overlooked|ignored|(?P<seen>spotted|noticed|saw|caught|see|spot|notice|catch))"
    r"\s+(?:the|an?|what\s+was)\s+(?:most\s+|very\s+|pretty\s+|so\s+)?$",
    re.IGNORECASE,
)
"""What comes before "obvious" when attention is judged: "missed the obvious", "spotted the"."""


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
    Bad: The responders failed to notice the second region was paging.
    Bad: Nobody spotted the obvious clue in the first log line.
    Bad: Nobody thought to check whether the backups actually restored.
    Good: The disk-usage alert fired into a channel nobody watched overnight.
    Good: The health check failed to detect the crash loop because it only probed the port.
    """
    prose = doc.prose
    for match in scan(doc, _COGNITIVE_FAIL):
        start = match.start()
        seen = False
        if match.group("obvious"):
            lead = _MISSED_THE.search(prose, max(0, start - 40), start)
            if lead is None:
                continue  # plain "obvious" is BL102's
            start, seen = lead.start(), lead.group("seen") is not None
        kind, subject = ctx.people.subject_before(prose, start, relaxed=True)
        if kind is Subject.PERSON or kind is Subject.PRONOUN:
            continue  # BL001 reports a person as the cause; one finding is enough.
        if kind is Subject.ROLE and not subject.casefold().endswith("s"):
            continue  # one engineer as well; "the responders" is a group, reported here
        if seen and not negated(prose, start, 30):
            continue  # "the responders noticed the obvious symptom first" is no judgement
        text = match.group().casefold()
        if text.endswith(("see", "catch", "think", "consider")):
            before = clause_before(prose, start).casefold().split()
            if not before or before[-1] not in _PEOPLE_WORDS:
                continue
        yield hit_at(doc, start, match.end())


_MINIMIZER = fast(
    r"\bsimply\b(?!\s+(?:not|never|no|put|because|too|was|is|are|were|could|would|\w+n['’]t)\b)"
    r"(?!\s+[a-z]+(?<!s)s\b)|"
    r"\b(?:competent|basic|simple|cursory|rudimentary)\s+"
    r"(?:[\w-]+\s+){0,3}?would\s+have\s+(?:caught|blocked|shown|revealed|prevented|flagged|"
    r"spotted|stopped|told|saved|avoided|exposed|found|detected)\b|"
    r"\b(?:just|simply|merely)\s+[a-z]+ing\b[^.;\n]{0,60}?\bwould\s+have\b|"
    r"\bmerely\b|\btrivial(?:ly)?\b|"
    r"\beasily\s+(?:be\s+)?(?:avoided|prevented|caught|fixed|spotted|seen|noticed|found|"
    r"detected|solved|avoidable|preventable)\b|\ball\s+(?:he|she|they|you|we|it)\s+(?:had|has|needed|needs)\s+to\s+do\b|"
    r"\ba\s+simple\s+(?:mistake|oversight|typo|fix|check|step)\b|"
    r"\b(?:should|could|would|can|could\s+have|should\s+have)\s+just\b|"
    r"\bjust\s+(?:had|needed|have|need|needs|has)\s+to\b|"
    r"\bjust\s+(?:restart|run|check|read|look|click|add|use|follow|ask|wait|update|fix|"
    r"delete|reboot|disable|enable|roll\s+back|revert|call|page|remember|pay|bump|flip)\b|"
    r"\b(?:just|simply|merely|only)\s+a\s+matter\s+of\b|"
    r"\bjust\s+(?:didn['’]t|did\s+not|never|couldn['’]t|wouldn['’]t)\s+(?:bother|look|check|read|"
    r"notice|see|pay|follow|ask|wait|think|listen|test)\b|"
    r"\ball\s+(?:it|that)\s+(?:would\s+have\s+)?(?:took|takes|taken|needed|required)\b|"
    r"\b(?P<effort>(?:quick|simple|single|moment['’]s|five-minute|two-minute|brief|basic|"
    r"cursory|second['’]s)\s+(?:look|glance|check|thought|read|search|grep|test|question|review|"
    r"peek|reflection|consideration)\b(?:\s+[\w'’-]+){0,5}?\s+(?:would|could)\s+(?:[a-z]+ly\s+)?"
    r"have)\b|"
    r"\bwould\s+have\s+taken\s+(?:[\w'’-]+\s+){0,2}?(?:(?:only|just|about|maybe|perhaps|roughly|"
    r"literally|all\s+of)\s+)?(?:a|one|two|three|five|ten|fifteen|twenty|thirty|a\s+few|\d+)\s+"
    r"(?:seconds?|minutes?)\s+to\b|"
    r"\b(?:easy|simple|trivial)\s+to\s+(?:spot|see|catch|notice|find|avoid|prevent|detect)\b|"
    r"\b(?P<easy>(?:easy|trivial|obvious)\s+(?:catch|fix|miss|mistake|oversight))\b",
)
_NEEDS_ARTICLE = {
    "effort": re.compile(r"\b(?:a|one)\s+$"),
    "easy": re.compile(r"\b(?:a|an)\s+$"),
}
"""Effort phrases count after an article: "a quick look ... would have", "an easy catch"."""


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
    Bad: A quick look at the diff would have shown the typo.
    Bad: It was just a matter of reading the stack trace.
    Bad: A competent review process would have blocked this change.
    Bad: Just reading the error message would have told them what was wrong.
    Good: The retry storm was not easy to spot: every graph stayed green.
    Good: Restarting the pod needed cluster-admin rights that the responder did not have.
    Good: The alert fired just before 14:00.
    Good: The firewall simply drops packets that match no allow rule.
    """
    prose = doc.prose
    lower = doc.lower
    for match in scan(doc, _MINIMIZER):
        start = match.start()
        group = "effort" if match.group("effort") else "easy" if match.group("easy") else None
        if group is not None:
            article = _NEEDS_ARTICLE[group].search(lower, max(0, start - 6), start)
            if article is None:
                continue
            start = article.start()
        elif match.group().startswith(("easy", "simple", "trivial")) and negated(prose, start):
            continue  # "it was not easy to spot" says the opposite
        yield hit_at(doc, start, match.end())
