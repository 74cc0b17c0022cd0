"""Faults told through an action: a person opens a clause and what they did carries the fault.

Blame is often written without a blaming verb: "Tobiah ignored the failing checks", "Keanu
pointed the DNS record at the old load balancer, taking the site down". Two things make such
a sentence blame a person:

- the agent: the clause opens with a person (a name, even one no list knows, when it is a
  capitalised word that is no product, service, team or ordinary noun and a past-tense verb
  follows), "he"/"she", a chat handle, or one singled-out role ("the new hire");
- the fault: the action carries a fault marker (the wrong target, an untested or stale
  object, "without review", "by mistake", "straight to production", "during peak hours", a
  skipped or ignored step), or a harmful consequence follows it (", taking the site down",
  ", which broke", "and caused", "so orders stopped flowing").

Responses stay unflagged (acknowledged, paged, rolled back, restored) unless a strong marker
says the response itself went wrong ("restored the wrong snapshot"); so does an action given
a reason ("as the runbook describes", "to absorb the spike") when only a weak marker or the
consequence points at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from blamefree.lint._names import wordset
from blamefree.lint._people import ROLE_PHRASE, PeopleIndex

_SENTENCE = re.compile(r"[^\n.!?;]+(?:(?:(?<=\b\w)|(?<=\d))\.(?!\s*[A-Z])[^\n.!?;]*)*")
"""A sentence or clause: up to a stop, '!', '?', ';' or line end; "2 a.m." does not end it."""

_LEAD = re.compile(
    r"\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\s*"
    r"(?:(?:(?:on|at|during|after|before|around|by|in|later|earlier|shortly|that|this|last|"
    r"late|early|then|unfortunately|meanwhile|finally|eventually|next|still|also|overnight|"
    r"yesterday|today|again|once)\b[^,]{0,50},\s*)|"
    r"(?:(?:then|later|next|so|but|and|also|unfortunately|meanwhile|finally|eventually|"
    r"afterwards|again|still|yesterday|today|overnight)\s+))*",
    re.IGNORECASE,
)
"""Words and adverbial phrases before a clause's subject: "On Friday evening, ", "Then "."""

_TOKEN = re.compile(r"@[^\W_][\w.-]*\w|[^\W\d_][\w'’-]*|\S")
_ADVERBS = wordset(
    """
    accidentally mistakenly inadvertently carelessly hastily then also quickly just simply
    still later again manually once apparently unknowingly unintentionally blindly
    """
)
_IRREGULAR_PAST = wordset(
    """
    ran set put let cut hit shut sent left took made wrote rewrote brought forgot broke
    chose drove gave held kept lost meant read rebuilt built began did dug fed fell got
    hung knew led lit overrode overwrote paid quit rode rang sold shot spent split spun
    stood stole struck swept threw told thought undid upset woke wore withdrew misread
    mistook misled reset redid reran spread sped bet bid burst cast broadcast wound shrank
    sank never didn't didn’t forgot
    """
)
_RESPONSES = wordset(
    """
    acknowledged paged escalated noticed spotted saw found identified traced diagnosed
    investigated confirmed declared opened joined alerted reported raised flagged warned
    asked called contacted emailed messaged posted wrote shared drafted documented led
    coordinated handed took monitored watched rolled reverted restored recovered mitigated
    fixed resolved repaired replaced patched corrected paused drained helped suggested
    proposed explained noted checked verified tested reviewed answered responded
    communicated updated started began worked stayed waited tried attempted
    """
)
"""Verbs of responding and investigating: no fault without a strong marker."""
_REMOVERS = wordset(
    "deleted removed purged cleaned evicted dropped invalidated flushed cleared retired "
    "decommissioned renewed rotated rebuilt upgraded"
)
"""Verbs that get rid of a stale, expired or broken thing: its state is no fault of theirs."""

_STRONG = re.compile(
    r"\bby\s+(?:mistake|accident)\b|"
    r"\b(?:accidentally|mistakenly|inadvertently|carelessly|recklessly|hastily|blindly|"
    r"unknowingly|unintentionally)\b|"
    r"\b(?:the|a|an|his|her|their)\s+(?:\w+\s+)?(?:wrong|incorrect)\b|"
    r"\bwithout\s+(?:first\s+|properly\s+|even\s+)?(?:asking|checking|testing|telling|notifying|"
    r"informing|warning|consulting|coordinating|verifying|reading|looking|waiting|reviewing|"
    r"running|double-checking|thinking|updating|draining|backing\s+up|taking\s+a\s+backup|"
    r"announcing|following|confirming|validating|getting|opening|filing|understanding|"
    r"(?:a|an|any|the|proper|prior)?\s*(?:review|approval|permission|sign-?off|second\s+"
    r"(?:reviewer|pair|look|opinion)|dry[\s-]run|backup|canary|tests?|testing|ticket|change\s+"
    r"(?:request|ticket)|rollback\s+plan|kill\s+switch|feature\s+flag|heads[\s-]up|peer\s+review|"
    r"code\s+review|reviewer|qa))\b|"
    r"\bwith\s+no\s+(?:\w+\s+)?(?:review|testing|tests|approval|backup|rollback|canary|warning|"
    r"notice|sign-?off|heads[\s-]up|plan|reviewer|ticket|change\s+request)\b",
    re.IGNORECASE,
)
"""Markers that make any action a fault, a response included."""

_STATE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our)\s+(?:[\w-]+\s+)?(?:stale|outdated|out[\s-]of[\s-]date|"
    r"expired|untested|unreviewed|unapproved|unvetted|unverified|faulty|buggy|broken|"
    r"half[\s-]finished|unfinished|bad|deprecated|revoked)\b|"
    r"\b(?:at|to|into|against)\s+the\s+(?:old|previous|legacy|decommissioned|retired)\s+\w+",
    re.IGNORECASE,
)
"""An object in a bad state: a fault unless the action gets rid of it."""

_WEAK = re.compile(
    r"\binstead\s+of\b|\bdespite\b|"
    r"\bagainst\s+(?:the\s+|our\s+|explicit\s+|clear\s+)?(?:advice|runbook|policy|instructions|"
    r"process|guidance|procedure|recommendations?|rules)\b|"
    r"\b(?:straight|directly)\s+(?:to|into|on|onto|in)\s+(?:the\s+)?(?:production|prod|main|"
    r"master|live|primary)\b|"
    r"\b(?:bypassing|skipping|ignoring|overriding|circumventing|disregarding)\b|"
    r"\bduring\s+(?:the\s+)?(?:peak|business\s+hours|the\s+busiest|black\s+friday|"
    r"(?:a|the)\s+(?:change\s+|code\s+|deploy\s+|release\s+)?freeze)\b|"
    r"\bin\s+the\s+middle\s+of\s+(?:the\s+)?(?:business|peak|working\s+day|day|trading|sale|"
    r"launch|a\s+(?:busy|peak))\b|"
    r"\boutside\s+(?:of\s+)?(?:a|the|any)\s+(?:change|maintenance)\s+window\b|"
    r"\bon\s+a\s+friday\b|\bto\s+save\s+time\b|\bto\s+speed\s+(?:things\s+)?up\b|"
    r"\bto\s+get\s+(?:[\w-]+\s+){0,3}?(?:through|out|past|green|merged|shipped|done|home)\b|"
    r"\b(?:his|her)\s+own\b",
    re.IGNORECASE,
)
"""Manners and moments that make an action risky; a stated reason can justify them."""

_FAULT_VERBS = wordset(
    """
    never didn't didn’t forgot neglected omitted skipped ignored overlooked disregarded
    bypassed commented hard-coded hardcoded force-pushed
    misconfigured misread mistyped misspelled mislabelled mislabeled misrouted misjudged
    """
)
"""Verbs that are a fault by themselves when a person does them."""

_HARM = re.compile(
    r",\s*(?:which|that)\s+(?:then\s+|immediately\s+|promptly\s+|quickly\s+|in\s+turn\s+)?"
    r"(?:broke|caused|took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocked|brought\s+down|"
    r"crashed|wiped|corrupted|locked|exhausted|overloaded|saturated|flooded|froze|stalled|"
    r"halted|purged|leaked|exposed|deleted|erased|killed|blocked|throttled|invalidated|"
    r"double-\w+|triple-\w+|cost|dropped\s+(?:all|every|\d)|filled|starved|led\s+to|"
    r"resulted\s+in|made\s+(?:[\w'’-]+\s+){0,4}?(?:hang|fail|crash|time\s+out|unavailable|"
    r"unreachable|inaccessible|unusable)|left\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|broken|"
    r"unavailable|without|unable|stranded))\b|"
    r",\s*(?:thereby\s+|immediately\s+|effectively\s+|accidentally\s+)?(?:causing|breaking|"
    r"taking\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocking|bringing\s+down|crashing|"
    r"wiping|corrupting|locking|exhausting|overloading|saturating|flooding|freezing|stalling|"
    r"halting|purging|leaking|exposing|deleting|erasing|killing|blocking|throttling|"
    r"invalidating|double-\w+ing|costing|dropping\s+(?:all|every|\d)|filling|starving|"
    r"leading\s+to|resulting\s+in)\b|"
    r"\s+and\s+(?:then\s+|promptly\s+|immediately\s+|accidentally\s+)?(?:broke|caused|"
    r"took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocked\s+(?:out|over)|brought\s+down|"
    r"crashed|wiped|corrupted|locked\s+(?:[\w'’-]+\s+){0,3}?out|exhausted|overloaded|erased|"
    r"purged|leaked|exposed|led\s+to|resulted\s+in|lost)\b|"
    r",?\s+so\s+(?:that\s+)?(?:[\w'’.%,-]+\s+){1,8}?(?:failed|broke|went\s+(?:down|"
    r"offline|dark)|stopped\s+(?:flowing|working|processing|responding|serving|loading|syncing|"
    r"sending|receiving)|crashed|hung|timed\s+out|fell\s+over|errored|thought|could(?:\s+not|"
    r"n['’]t)|(?:was|were)\s+(?:lost|purged|deleted|wiped|corrupted|down|unavailable|exposed|"
    r"leaked|offline|broken|marked\s+(?:down|unhealthy)|locked\s+out|charged\s+twice|"
    r"double-charged))\b",
    re.IGNORECASE,
)
"""A harmful consequence told right after the action."""

_REASON = re.compile(
    r"\b(?:because|since|as\s+(?:the|agreed|planned|documented|scheduled|instructed|described|"
    r"requested|approved|a\s+precaution|part\s+of)|per\s+the|so\s+that|in\s+order\s+to|"
    r"to\s+(?:avoid|keep|reduce|limit|protect|collect|stop|prevent|contain|unblock|absorb|"
    r"match|free|relieve|restore|recover|mitigate|test|drain)|with\s+(?:the\s+)?(?:approval|"
    r"sign-?off|agreement|consent)|approved|signed\s+off|agreed|after\s+(?:load\s+)?testing)\b",
    re.IGNORECASE,
)
"""A stated reason: with it, a risky action is a decision."""
_REPAIR_OF = re.compile(
    r"\b(?:fix(?:es|ed)?|patch(?:es)?|repairs?|workaround|replacement|cleanup|clean-up|"
    r"rollback|revert)\s+(?:for|of|to)\s+$|\b(?:for|of)\s+$",
    re.IGNORECASE,
)
"""Before a stale or broken object, a word that makes the object the thing being repaired."""
_RECOVERY = re.compile(
    r"\b(?:restor\w*|recover\w*|mitigat\w*|limit(?:ed|ing)\s+the\s+(?:impact|damage|blast)|"
    r"resolv\w*|no\s+(?:customer\s+)?impact)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Fault:
    """A person as the agent of a faulty action: who, and the prose span to report."""

    who: str
    start: int
    end: int
    evidence: str


def find_faults(prose: str, people: PeopleIndex) -> Iterator[Fault]:
    """Every clause in `prose` whose opening person does something faulty."""
    for sentence in _SENTENCE.finditer(prose):
        text = sentence.group()
        if len(text) < 12:
            continue
        lead = _LEAD.match(text)
        offset = lead.end() if lead is not None else 0
        found = _agent(text, offset, people)
        if found is None:
            continue
        who, who_start, verb, verb_start = found
        fault = _evidence(text, verb, verb_start)
        if fault is None:
            continue
        start, end = fault
        yield Fault(
            who,
            sentence.start() + who_start,
            sentence.start() + end,
            " ".join(text[start:end].split()),
        )


def _agent(text: str, offset: int, people: PeopleIndex) -> tuple[str, int, str, int] | None:
    """(who, where, verb, where the verb starts) for a person opening the clause at `offset`."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, offset, offset + 120)]
    if len(tokens) < 3:
        return None
    first, start = tokens[0]
    index: int | None = None
    shape_only = False
    if first.startswith("@"):
        index = 1 if people.is_name(first) else None
    elif first.casefold() in ("he", "she"):
        index = 1
    else:
        index = _role_end(tokens)
        if index is None:
            index, shape_only = _name_end(tokens, people)
    if index is None:
        return None
    who = text[start : tokens[index - 1][1] + len(tokens[index - 1][0])]
    if index + 1 < len(tokens) and tokens[index][0] == "," and index > 1:
        # "Our junior SRE, Lucía, wiped the cache": skip the name in apposition.
        closing = next((i for i in range(index + 1, len(tokens)) if tokens[i][0] == ","), None)
        if closing is None or closing - index > 4:
            return None
        index = closing + 1
    while index < len(tokens) and tokens[index][0].casefold() in _ADVERBS:
        index += 1
    if index >= len(tokens):
        return None
    verb, verb_start = tokens[index]
    lowered = verb.casefold()
    if not verb.islower() and lowered not in ("didn't", "didn’t"):
        return None
    if index + 1 < len(tokens) and lowered in ("did", "had") and tokens[index + 1][0] == "not":
        lowered = "never"
    past = lowered.endswith("ed") or lowered in _IRREGULAR_PAST
    if not past or (shape_only and lowered.endswith("ed") and len(lowered) < 5):
        return None
    return who, start, lowered, verb_start


def _role_end(tokens: list[tuple[str, int]]) -> int | None:
    """Index after a singular role phrase opening the clause ("the new hire"), if any."""
    for size in (5, 4, 3, 2):
        if len(tokens) <= size:
            continue
        words = [word for word, _ in tokens[:size]]
        if not all(w[:1].isalpha() for w in words):
            continue
        phrase = " ".join(words)
        if (
            ROLE_PHRASE.match(phrase)
            and words[0].casefold() not in _GENERIC
            and not _plural(words[-1])
        ):
            return size
    return None


_GENERIC = frozenset(("a", "an", "one", "some", "another"))
"""Determiners of a role nobody in particular holds ("an engineer made a typo")."""


def _plural(word: str) -> bool:
    folded = word.casefold()
    return folded.endswith("s") and not folded.endswith(("ss", "ops"))


def _name_end(tokens: list[tuple[str, int]], people: PeopleIndex) -> tuple[int | None, bool]:
    """(Index after a one- to three-word name opening the clause, whether only its shape does)."""
    words: list[str] = []
    for word, _ in tokens[:3]:
        if not word[:1].isupper() or not word[:1].isalpha():
            break
        words.append(word)
    if not words:
        return None, False
    known = people.is_name(words[0])
    if not known and not all(people.looks_like_name(w) for w in words):
        return None, False
    if not known and (len(words) == 3 or (_plural(words[-1]) and len(words) == 1)):
        return None, False
    return len(words), not known


def _evidence(text: str, verb: str, verb_start: int) -> tuple[int, int] | None:
    """The span of the marker or consequence that makes the action a fault, if any."""
    rest = text[verb_start:]
    strong = _STRONG.search(rest)
    if strong is not None:
        return verb_start + strong.start(), verb_start + strong.end()
    if verb in _RESPONSES:
        return None
    reason = _REASON.search(rest)
    if (verb in _FAULT_VERBS or verb.startswith("mis")) and (
        reason is None or verb in ("never", "forgot", "neglected", "overlooked")
    ):
        return verb_start, verb_start + len(verb)
    if reason is not None or _RECOVERY.search(rest):
        return None
    if verb not in _REMOVERS:
        state = _STATE.search(rest)
        if state is not None and not _REPAIR_OF.search(rest, 0, state.start()):
            return verb_start + state.start(), verb_start + state.end()
    found = _WEAK.search(rest) or _HARM.search(rest)
    if found is None:
        return None
    return verb_start + found.start(), verb_start + found.end()
