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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from blamefree.lint._document import Document
from blamefree.lint._document import is_word_char as _is_word
from blamefree.lint._names import wordset
from blamefree.lint._people import GROUP_AGENT, ROLE_PHRASE, PeopleIndex, may_end_role
from blamefree.lint.rules._text import fast, scan

_SENTENCE = re.compile(
    r"[^\n.!?;]+(?:(?:\.(?=\w)|(?:(?<=\b\w)|(?<=\d))\.(?!\s*[A-Z])|(?<=\bM[rs])\.|"
    r"(?<=\bMrs)\.|(?<=\bDr)\.|(?<=\b[A-Z]\.[A-Z])\.)[^\n.!?;]*)*"
)
"""A sentence or clause: up to a stop, '!', '?', ';' or line end; "2 a.m." does not end it."""

_LEAD = re.compile(
    r"\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\s*"
    r"(?:(?:(?:on|at|during|after|before|around|by|in|later|earlier|shortly|that|this|last|"
    r"late|early|then|unfortunately|meanwhile|finally|eventually|next|still|also|overnight|"
    r"yesterday|today|again|once|despite|against|instead\s+of|without|even\s+though|although|"
    r"though|as)\b[^,]{0,50},\s*)|"
    r"(?:(?:then|later|next|so|but|and|also|unfortunately|meanwhile|finally|eventually|"
    r"afterwards|again|still|yesterday|today|overnight|apparently|naturally|predictably|"
    r"unsurprisingly|sadly|frankly|honestly|evidently|once\s+(?:again|more)|as\s+usual)\b,?\s*)|"
    r"(?:it\s+(?:is|was)\s+(?:\w+\s+)?(?:unacceptable|unfortunate|frustrating|"
    r"disappointing|inexcusable|clear)\s+that\s+))*",
    re.IGNORECASE,
)
"""Words and adverbial phrases before a clause's subject: "On Friday evening, ", "Then "."""

_ROOT_LEAD = re.compile(
    r"(?:the\s+)?(?:root\s+cause|(?:real|main|only)\s+reason|problem|cause)\s*"
    r"(?:of\s+[^,:;]{1,40}?\s*)?(?::|(?:was|is)\s+(?:that\s+|simply\s+)?)\s*",
    re.IGNORECASE,
)
"""A root-cause lead: whatever the person after it did is given as the cause."""
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|@[^\W_][\w.-]*\w|[^\W\d_][\w'’-]*|\S")
_ACRONYM_VERB = re.compile(r"[A-Z]{2,}(?:['’]?e?d|-ed)$")
"""A verb made of an acronym: "SSHed", "DDoSed" is no name."""
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_TITLES = frozenset(("mr", "ms", "mrs", "dr", "mx"))
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
    sank never didn't didn’t forgot was were had couldn't couldn’t kept assumed sat went
    hasn't hasn’t hadn't hadn’t
    """
)
_RESPONSES = wordset(
    """
    acknowledged paged escalated noticed spotted saw found identified traced diagnosed
    investigated confirmed declared opened joined alerted reported raised flagged warned
    asked called contacted emailed messaged posted wrote shared drafted documented led
    coordinated handed monitored watched rolled reverted restored recovered mitigated
    fixed resolved repaired replaced patched corrected paused drained helped suggested
    proposed explained noted checked verified tested reviewed answered responded
    communicated updated started began worked stayed waited tried attempted debugged
    """
)
"""Verbs of responding and investigating: no fault without a strong marker."""
_REMOVERS = wordset(
    "deleted removed purged cleaned evicted dropped invalidated flushed cleared retired "
    "decommissioned renewed rotated rebuilt upgraded revoked disabled"
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
    r"\bover\s+(?:today['’]s|the\s+(?:live|current|production|newer|good|real))\s+(?:data|"
    r"database|copy|version|table|rows|records|config|files)\b|"
    r"\bwith\s+no\s+(?:\w+\s+)?(?:review|testing|tests|approval|backup|rollback|canary|warning|"
    r"notice|sign-?off|heads[\s-]up|plan|reviewer|ticket|change\s+request|auth|authentication|"
    r"password|access\s+control|encryption)\b",
    re.IGNORECASE,
)
"""Markers that make any action a fault, a response included."""

_MISTAKEN_OR_NEGLECTED = re.compile(
    r"\b(?:thinking|assuming|believing|convinced)\s+(?:it|that|this|they|these|those)\s+"
    r"(?:was|were)\b|"
    r"\band\s+(?:then\s+)?(?:never|didn['’]t|did\s+not|forgot\s+to|neglected\s+to)\s+(?:bother|"
    r"tell|told|notify|notified|warn|warned|inform|informed|turn|turned|switch|switched|put|"
    r"re-?enabled?|restore|restored|revert|reverted|update|updated|follow|followed|wait|waited|"
    r"remove|removed|escalate|escalated|document|documented|mention|mentioned|announce|announced)\b",
    re.IGNORECASE,
)
"""A mistaken belief ("thinking it was a scratch copy") or a step left undone after the act
("and didn't tell the consumers"): a fault, a response included. Looked for only when one of
`_MISTAKEN_LITERALS` is in the clause."""
_MISTAKEN_LITERALS = (
    "thinking",
    "assuming",
    "believing",
    "convinced",
    "never",
    "n't",
    "n’t",
    "did not",
    "forgot",
    "neglected",
)
_STATE = re.compile(
    r"\b(?:(?:the|a|an|his|her|their|its|our)\s+(?:[\w-]+\s+)?)?(?:stale|outdated|out[\s-]of[\s-]date|"
    r"expired|untested|unreviewed|unapproved|unvetted|unverified|faulty|buggy|broken|"
    r"half[\s-]finished|unfinished|bad|deprecated|revoked)\b|"
    r"\b(?:at|to|into|against)\s+the\s+(?:old|previous|legacy|decommissioned|retired)\s+\w+|"
    r"\b(?:nobody|no\s+one|no-one)\s+(?:else\s+)?had\s+(?:\w+\s+)?(?:reviewed|tested|checked|"
    r"approved|read|seen|looked\s+at)\b|"
    r"\b(?:they|he|she)\s+(?:had\s+)?(?:never|not|hadn['’]t|didn['’]t|did\s+not)\s+(?:even\s+|"
    r"actually\s+|once\s+|properly\s+)?(?:read|run|ran|tested|test|reviewed|review|opened|open|"
    r"installed|install|looked\s+at|look\s+at|checked|check|seen|tried|try)\b|"
    r"\bwith\s+(?:[\w-]+\s+){0,2}?(?:failing|red|broken|unresolved)\s+(?:checks?|tests?|builds?|"
    r"ci|pipelines?|alerts?|warnings?|blockers?)\b|"
    r"\bnever\s+(?:actually\s+|even\s+)?(?:read|opened|tested|ran|run|checked|looked\s+at|"
    r"reviewed|tried)\s+(?:it|them|this|that)\b",
    re.IGNORECASE,
)
"""An object in a bad state, or one its agent never checked ("a build they never ran"): a
fault unless the action gets rid of it."""

_WEAK = re.compile(
    r"\binstead\s+of\b|\bdespite\b|"
    r"\bagainst\s+(?:the\s+|our\s+|explicit\s+|clear\s+)?(?:advice|runbook|policy|instructions|"
    r"process|guidance|procedure|recommendations?|rules)\b|"
    r"\b(?:straight|directly)\s+(?:to|into|on|onto|in)\s+(?:the\s+)?(?:production|prod|main|"
    r"master|live|primary)\b|"
    r"\b(?:bypassing|skipping|ignoring|overriding|circumventing|disregarding)\b|"
    r"\bduring\s+(?:the\s+)?(?:peak|business\s+hours|the\s+busiest|black\s+friday|"
    r"(?:a|the)\s+(?:change\s+|code\s+|deploy\s+|release\s+)?freeze)\b|"
    r"\bin\s+the\s+middle\s+of\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?(?:business|peak|"
    r"working\s+day|day|trading|sales?|launch|push|rush|rollout|migration|deploy|deployment|"
    r"incident|outage|season|busy|peak)\b|"
    r"\b(?:all\s+)?at\s+once\b|\bsimultaneously\b|\bin\s+one\s+go\b|"
    r"\b(?:all\s+)?at\s+the\s+same\s+time\b|"
    r"\bbefore\s+(?:confirming|checking|verifying|testing|making\s+sure|ensuring|validating|"
    r"reading|reviewing|telling|asking)\b|"
    r"\b(?:staging|test|dev|development|local|debug)\s+(?:[\w-]+\s+){0,2}?(?:to|on|onto|into|"
    r"in)\s+(?:the\s+)?(?:production|prod|live)\b|"
    r"\boutside\s+(?:of\s+)?(?:a|the|any)\s+(?:change|maintenance)\s+window\b|"
    r"\bon\s+a\s+friday\b|\bto\s+save\s+time\b|\bto\s+speed\s+(?:things\s+)?up\b|"
    r"\bto\s+get\s+(?:[\w-]+\s+){0,3}?(?:through|out|past|green|merged|shipped|done|home)\b|"
    r"\b(?:his|her|their)\s+own\s+(?:change|pr|pull|merge|code|commit)|\b(?:his|her)\s+own\b|\banyway\b|\b(?:even\s+though|although)\b|\bmid-\w+|"
    r"\bbefore\s+(?:[\w'’-]+\s+){1,5}?(?:was|were|had)\s+(?:even\s+|actually\s+|been\s+)?"
    r"(?:deployed|finished|done|ready|complete|completed|merged|reviewed|tested|run|fixed|"
    r"confirmed|verified|approved|agreed|signed\s+off)\b|"
    r"\blet\s+(?:[\w'’-]+\s+){1,4}?(?:expire|lapse|fill|run\s+out|slip|rot|go\s+stale)\b|"
    r"\ballowed\s+(?:[\w'’-]+\s+){1,4}?to\s+(?:expire|lapse|fill|run\s+out|go\s+stale)\b|"
    r"\btook\s+it\s+upon\s+(?:himself|herself)\b|\bhalf[\s-]asleep\b|"
    r"\bwent\s+ahead\s+(?:and|with|anyway)\b|"
    r"\bpublic\s+(?:[\w-]+\s+){0,2}?(?:gist|repo|repository|channel|bucket|paste|pastebin|"
    r"github|page|link|url|forum|issue|server|host|instance|box|machine|wiki)\b|\b(?:made|left)\s+(?:[\w'’-]+\s+){1,3}?public\b|"
    r"\blet\s+(?:[\w'’-]+\s+){1,4}?(?:through|slide|slip\s+through)\b|"
    r"\bcommented\s+(?:[\w'’-]+\s+){1,3}?out\b|\bto\s+speed\s+(?:[\w'’-]+\s+){0,2}?up\b|"
    r"\bbusiest\b|"
    r"\b(?:ignored|skipped|forgot|neglected|overlooked|disregarded|bypassed)\b|"
    r"\b(?:test|tested|testing|try|tried|trying|experiment\w*)\s+[^,;]{0,50}?\bin\s+"
    r"prod(?:uction)?\b|\bcommented\s+out\b|"
    r"\bwhile\s+(?:[\w-]+\s+){1,4}?(?:was|were)\s+still\s+(?:red|failing|running|broken|"
    r"degraded|rolling|in\s+progress)\b|\bmixed\s+up\b|\bby\s+hand\b|"
    r"\b(?:his|her)\s+(?:local|laptop|personal|own)\b|\bwhich\s+is\s+why\b|"
    r"\b(?:he|she)\s+(?:thought|assumed)\s+was\b|\b(?:he|she)\s+admits\b|"
    r"\bwithout\s+(?!(?:incident|issues?|problems?|errors?|downtime|impact|interruption|"
    r"disruption|data\s+loss|loss|losing|dropping|needing|requiring|waking|affecting|breaking|"
    r"comments?|objections?|changes|edits|questions?|fuss|"
    r"customer|a\s+hitch|delay|further|much|trouble|difficulty|any\s+(?:impact|issues?|"
    r"problems?|errors?|downtime|disruption|interruption|customer|data))\b)",
    re.IGNORECASE,
)
"""Manners and moments that make an action risky; a stated reason can justify them."""
_CARELESS = re.compile(
    r"\b(?:unilaterally|single-handedly|on\s+(?:his|her)\s+own(?:\s+initiative)?|"
    r"without\s+a\s+word|behind\s+(?:our|everyone['’]s|the\s+team['’]s)\s+back|"
    r"at\s+the\s+(?:very\s+)?last\s+minute|last[\s-]minute|late\s+on\s+a\s+friday|"
    r"right\s+before\s+(?:a|the|his|her)\s+(?:holiday|vacation|launch|weekend|leave|flight)|"
    r"before\s+(?:going|leaving)\s+on\s+(?:holiday|vacation|leave|pto)|"
    r"ad[\s-]hoc|off\s+the\s+cuff|from\s+memory|"
    r"(?:deployed|pushed|ran|applied|shipped|released)\s+[^,;]{0,30}?from\s+(?:his|her)\s+"
    r"(?:laptop|personal|local)|"
    r"cop(?:y|ied)[\s-](?:and[\s-])?past(?:e|ed)|copy-pasted|by\s+eye|eyeballed|guessed|"
    r"shortcuts?|cut\s+corners|quick[\s-]and[\s-]dirty|hack(?:y|ed\s+together)|"
    r"monkey[\s-]patched|hot[\s-]?patched|live[\s-]edited|"
    r"(?:edited|changed|patched|tweaked|modified)\s+[^,;]{0,40}?\b(?:directly|live|by\s+hand)\s+"
    r"(?:on|in)\s+(?:production|prod|the\s+(?:server|box|host|database|primary))|"
    r"ssh(?:['’]?e?d|-ed)?\s+(?:directly\s+)?(?:in)?to\s+(?:a\s+|the\s+)?(?:production|prod|live|"
    r"primary)|"
    r"in\s+a\s+(?:hurry|rush)|refused\s+to|insisted\s+on|"
    r"(?:dismissed|brushed\s+off|waved\s+off|shrugged\s+off|laughed\s+off|talked\s+over)\s+"
    r"(?:the\s+|our\s+|my\s+|every\s+|all\s+)?(?:\w+\s+)?(?:concerns?|warnings?|objections?|"
    r"alerts?|questions?|advice|pushback)|"
    r"(?:postponed|deferred|delayed|put\s+off|kept\s+putting\s+off)\s+(?:the\s+|a\s+)?"
    r"(?:\w+\s+)?(?:fix|patch|upgrade|renewal|rotation|migration|review)|"
    r"never\s+got\s+around\s+to|half[\s-]done|"
    r"yet\s+again|once\s+again|as\s+usual|for\s+the\s+(?:second|third|fourth|fifth|nth)\s+time|"
    r"no\s+surprise|typical(?:ly)?|somehow|predictably|"
    r"careless(?:ly)?|reckless(?:ly)?|sloppy|sloppily|lazy|lazily|negligent(?:ly)?|"
    r"so\s+(?:that\s+)?(?:he|she)\s+could\s+(?:sleep|leave|go\s+(?:home|to\s+bed|on\s+holiday)|"
    r"get\s+(?:home|some\s+sleep|back\s+to\s+(?:bed|sleep))|catch\s+(?:a|his|her)\s+(?:flight|train)|"
    r"log\s+off|leave\s+early|finish\s+early|enjoy)|"
    r"irresponsibl[ey]|cowboy|yolo)\b",
    re.IGNORECASE,
)
"""Careless manners, shortcuts and judgements of a habit: a fault whatever the verb."""
_MOTIVE = re.compile(
    r"\b(?:because|since|as)\s+(?:he|she|they|[A-Z][\w-]*)\s+(?:was|were|wanted|didn['’]t|"
    r"did\s+not|couldn['’]t|thought|assumed|felt|forgot|preferred|liked|needed\s+to\s+leave|"
    r"had\s+(?:a|to\s+leave|plans))\b"
)
"""A motive, not a reason: "because he wanted to get home early" leaves the fault standing."""
_INACTION = re.compile(
    r"\bdid\s+nothing\b|\bslow\s+to\s+(?:respond|react|act|join|acknowledge|escalate|"
    r"notice|answer)\b|\bthought\s+it\s+(?:was|would\s+be)\s+(?:a\s+)?(?:good|great|fine|smart|"
    r"clever)\s+idea\b|\bcould(?:n['’]t|\s+not)\s+be\s+bothered\b|"
    r"\bwent\s+back\s+to\s+(?:bed|sleep)\b|\band\s+(?:then\s+)?logged\s+off\b|"
    r"\bsat\s+on\s+(?:it|(?:the|that|this|my|our|his|her)\s+(?:[\w-]+\s+)?(?:page|alert|ticket|pr|"
    r"pull\s+request|fix|report|email|message|issue|warning|bug|escalation))\b|\band\s+(?:then\s+)?(?:went\s+home|left\s+for\s+the\s+day|"
    r"went\s+offline|went\s+to\s+(?:bed|lunch))\b|"
    r"\btoo\s+(?:busy|lazy|distracted|impatient)\s+to\b|"
    r"\bdropped\s+the\s+ball\b|\basleep\s+at\s+the\s+wheel\b|\bwent\s+rogue\b|"
    r"\bfell\s+asleep\s+(?:on|during|while)\b|"
    r"\b(?:doesn['’]t|does\s+not|won['’]t|will\s+not)\s+(?:even\s+|ever\s+)?(?:bother|listen|"
    r"(?:read|check|test|look\s+at|follow|review|answer)\s+(?:the\s+|any\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+)?(?:runbooks?|docs|documentation|alerts?|release\s+notes|tickets?|logs|"
    r"dashboards?|warnings?|instructions|diffs?|changes|pull\s+requests|prs|code|pages))\b|"
    r"\bcan(?:no|['’])t\s+be\s+trusted\b|\bshould\s+never\s+have\s+been\s+(?:given|allowed)\b|"
    r"\bshould\s+have\s+known\s+better\b|\b(?:is|was)\s+(?:a\s+)?(?:liability|incompetent|"
    r"clueless|useless)\b|\bthought\s+it\s+was\s+(?:fine|ok|okay|safe|acceptable|"
    r"reasonable|a\s+good\s+idea)\s+to\b|"
    r"\bhas\s+(?:some|a\s+lot\s+of)\s+explaining\s+to\s+do\b|"
    r"\bowes\s+(?:[\w'’-]+\s+){0,3}?(?:an\s+)?(?:explanation|apology)\b",
    re.IGNORECASE,
)
"""Not acting: a fault even after a response ("acknowledged the alert and then did nothing")."""

_FAULT_VERBS = wordset(
    """
    never didn't didn’t forgot neglected omitted skipped ignored overlooked disregarded
    bypassed hard-coded hardcoded force-pushed lost nuked trashed clobbered blew botched assumed
    fat-fingered fumbled bungled
    misconfigured misread mistyped misspelled mislabelled mislabeled misrouted misjudged
    """
)
"""Verbs that are a fault by themselves when a person does them."""
_HARM_VERBS = wordset(
    """
    broke crashed wiped corrupted locked exhausted overloaded leaked exposed bricked hammered
    knocked brought took deleted dropped truncated erased purged killed
    """
)
"""Verbs that do harm when a person does them to a system: "Karolina took the cluster down"."""
_HARM_OBJECT = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:down|offline|out|production|prod|every|all|the\s+(?:whole|entire)|"
    r"(?:the\s+|our\s+)?(?:live|primary|production|prod|main|customer|customers['’])\b)",
    re.IGNORECASE,
)
"""After a harmful verb: the system or the whole of it ("wiped prod", "dropped every table")."""
_TAKEN_DOWN = re.compile(r"\s+(?:[\w'’-]+\s+){0,5}?(?:down|offline)\b", re.IGNORECASE)
"""After "took" or "brought": down or offline ("took the whole cluster down")."""

_HARM = re.compile(
    r",\s*(?:which|that)\s+(?:then\s+|immediately\s+|promptly\s+|quickly\s+|in\s+turn\s+)?"
    r"(?:broke|caused|took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocked|brought\s+down|"
    r"crashed|wiped|corrupted|locked|exhausted|overloaded|saturated|flooded|froze|stalled|"
    r"halted|purged|leaked|exposed|deleted|erased|killed|blocked|throttled|invalidated|"
    r"double-\w+|triple-\w+|cost|dropped\s+(?:all|every|\d)|filled|starved|led\s+to|"
    r"resulted\s+in|made\s+(?:things|it|everything|matters)\s+(?:\w+\s+){0,3}?worse|"
    r"made\s+(?:[\w'’-]+\s+){0,4}?(?:hang|fail|crash|time\s+out|unavailable|"
    r"unreachable|inaccessible|unusable)|left\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|broken|"
    r"unavailable|without|unable|stranded))\b|"
    r",\s*(?:thereby\s+|immediately\s+|effectively\s+|accidentally\s+)?(?:causing|breaking|"
    r"taking\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocking|bringing\s+down|crashing|"
    r"wiping|corrupting|locking|exhausting|overloading|saturating|flooding|freezing|stalling|"
    r"halting|purging|leaking|exposing|deleting|erasing|killing|blocking|throttling|"
    r"invalidating|double-\w+ing|doubling|tripling|duplicating|costing|dropping\s+(?:all|every|"
    r"\d)|filling|starving|leading\s+to|resulting\s+in)\b|"
    r",?\s+and\s+(?:the|our|that|this|it|every|all|half)\b(?:\s+[\w'’-]+){0,4}?\s+(?:broke|crashed|"
    r"took\s+(?:[\w'’-]+\s+){0,3}?(?:down|out|offline)|went\s+(?:down|dark|offline)|fell\s+over|"
    r"stopped\s+working|corrupted|wiped|caused|collapsed|died|cost)\b|"
    r",\s+and\s+(?:[\w'’-]+\s+){1,3}?(?:broke|crashed|went\s+(?:down|dark|offline)|fell\s+over|"
    r"died|melted\s+down|stopped\s+working)\b|"
    r",?\s+and\s+now\s+(?:we['’]ve|we\s+have|we\s+are|we['’]re|we)\s+(?:been\s+)?(?:down|offline|"
    r"losing|lost)\b|"
    r"\s+and,?\s+(?:\w+ly,?\s+)?(?:then\s+|promptly\s+|immediately\s+|accidentally\s+)?(?:broke|caused|"
    r"took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|knocked\s+(?:out|over)|brought\s+down|"
    r"crashed|wiped|corrupted|locked\s+(?:[\w'’-]+\s+){0,3}?out|exhausted|overloaded|erased|"
    r"purged|leaked|exposed|led\s+to|resulted\s+in|lost|burned\s+through|blew\s+through|"
    r"ate\s+through)\b|"
    r",?\s+so\s+(?:that\s+)?(?:[\w'’.%,-]+\s+){1,8}?(?:failed|broke|went\s+(?:down|"
    r"offline|dark)|(?:was|were)\s+(?:rejected|refused|dropped|denied|throttled|missed)|"
    r"stopped\s+(?:flowing|working|processing|responding|serving|loading|syncing|"
    r"sending|receiving)|crashed|hung|timed\s+out|fell\s+over|errored|thought|could(?:\s+not|"
    r"n['’]t)|(?:was|were)\s+(?:lost|purged|deleted|wiped|corrupted|down|unavailable|exposed|"
    r"leaked|offline|broken|marked\s+(?:down|unhealthy)|locked\s+out|charged\s+twice|"
    r"double-charged))\b|"
    r"\bcost\s+(?:us|the\s+company|the\s+business|customers|them)\b|"
    r"\buntil\s+(?:[\w'’-]+\s+){1,4}?(?:was|were|ran)\s+(?:completely\s+|totally\s+)?(?:empty|full|"
    r"gone|exhausted|wiped|out)\b|"
    r"\b(?:change|migration|config|patch|script|commit|release|deploy|query|update|rule|build|"
    r"flag|refactor|hotfix|upgrade|cron\s+job|backfill|import|job|batch|rollout|chart|image|"
    r"firmware|policy|template|command|cleanup|reindex|rebuild)(?:\s+[\w'’-]+){0,4}?\s+(?:that|"
    r"which)\s+(?:then\s+|"
    r"immediately\s+)?(?:locked|broke|crashed|wiped|corrupted|deleted|truncated|overloaded|"
    r"exhausted|took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline)|brought\s+down|knocked\s+out|"
    r"double-\w+|leaked|exposed|purged|erased|flooded|saturated|froze|stalled|halted|blocked|"
    r"starved|hammered|overwrote|clobbered|opened\s+(?:[\w'’-]+\s+){0,4}?to\s+the\s+(?:internet|"
    r"world|public))\b|"
    r",\s*(?:which\s+|thereby\s+)?(?:cut(?:ting)?\s+off|shut(?:ting)?\s+out|disconnect(?:ed|ing)|"
    r"sever(?:ed|ing)|sen(?:t|ding)\s+(?:all|every))\b|"
    r",?\s+and\s+(?:[\w'’-]+\s+){1,4}?(?:was|were)\s+(?:\w+\s+)?(?:down|offline|unavailable|"
    r"broken|lost|corrupted|wiped|unreachable)\s+for\s+(?!(?:\w+\s+)?(?:more|another|extra)\b)|"
    r",?\s+and\s+(?:[\w-]+\s+){0,3}?(?:errors?|error\s+rates?|latency|timeouts?|failures|"
    r"complaints)\s+(?:tripled|doubled|spiked|jumped|soared|climbed|exploded)\b",
    re.IGNORECASE,
)
"""A harmful consequence told right after the action."""

_REASON = re.compile(
    r"\b(?:because|since|as\s+(?:the|agreed|planned|documented|scheduled|instructed|described|expected|"
    r"requested|approved|a\s+precaution|part\s+of)|per\s+the|so\s+that|in\s+order\s+to|"
    r"to\s+(?:avoid|keep|reduce|limit|protect|collect|stop|prevent|contain|unblock|absorb|"
    r"match|free|relieve|restore|recover|mitigate|test|drain)|with\s+(?:the\s+)?(?:approval|"
    r"sign-?off|agreement|consent)|approved|signed\s+off|agreed|after\s+(?:load\s+)?testing)\b",
    re.IGNORECASE,
)
"""A stated reason: with it, a risky action is a decision."""
_INSTRUCTED = re.compile(
    r"\b(?:told|asked|warned|instructed|reminded|supposed|expected|meant)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
"""Before "to ...": an instruction someone was given, which is no reason for what they did."""
_REPAIR_OF = re.compile(
    r"\b(?:fix(?:es|ed)?|patch(?:es)?|repairs?|workaround|replacement|cleanup|clean-up|"
    r"rollback|revert)\s+(?:for|of|to)\s+$|\b(?:for|of)\s+$|"
    r"\b(?:identified|found|discovered|spotted|noticed|confirmed|diagnosed|flagged|reported|"
    r"detected|traced|located|isolated|saw|suspected|ruled\s+out)\s+(?:[\w'’-]+\s+){0,3}?$",
    re.IGNORECASE,
)
"""Before a stale or broken object, a word that makes the object the thing being repaired,
or the thing someone found ("identified an expired certificate")."""
_REPORTING = wordset(
    """
    reported said told warned explained noted mentioned confirmed found noticed saw spotted
    discovered realised realized flagged identified wrote posted argued pointed suspected
    """
)
"""Verbs whose content clause says what someone saw or said, not what they did."""
_CONTENT_CLAUSE = re.compile(
    r"\s+(?:(?:us|them|me|him|her|everyone|the\s+team)\s+)?(?:that|how|why|whether)\b|"
    r"\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:was|were|is|are|had\s+been)\b",
    re.IGNORECASE,
)
"""After a reporting verb: what was reported ("reported that the viewer was loading ...")."""
_RECOVERY = re.compile(
    r"\b(?:restor\w*|recover\w*|mitigat\w*|limit(?:ed|ing)\s+the\s+(?:impact|damage|blast)|"
    r"resolv\w*|no\s+(?:customer\s+)?impact)\b",
    re.IGNORECASE,
)


_CLAUSE_START = re.compile(
    r"\b(?:(?P<of>(?:result|consequence)\s+of|because\s+of|due\s+to|(?:started|began)\s+with)\s+|"
    r"(?P<cause>because|after|when|once|since|as\s+soon\s+as|the\s+moment)\s+|(?P<rel>that)\s+|"
    r"(?:and|but|so)\s*,?\s+(?=(?:he|she)\s)|but\s+)|(?P<who>,\s*who\s+)|,\s*(?=(?:he|she)\s)"
)
"""Where a clause with its own subject starts inside a sentence (searched in lower case)."""
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""Lower-cases ASCII letters only, so offsets into the lowered text match the original."""
_PERSON_WORDS = wordset(
    """
    he she his her himself herself whoever engineer developer dev operator admin administrator sre
    dba intern contractor employee responder commander person member colleague coworker
    co-worker teammate manager reviewer approver hire on-caller oncaller sysadmin cto ceo cio
    ciso vp director architect tester analyst technician consultant trainee apprentice lead
    guy girl
    """
)
"""Pronouns and role nouns: with one of them, a person may be in the sentence."""
_CAPITALISED = re.compile(r"[A-Z](?<![\w'’-][A-Z])[\w'’-]*")
"""A capitalised word (no word character, apostrophe or hyphen before it); led by the
capital itself, so the regex engine skips ahead to capitals instead of trying each place."""
_HARM_WORDS = re.compile(
    r"\b(?:down|outages?|broke|broken|fail\w*|crash\w*|brick\w*|hammer\w*|garbage|corrupt\w*|"
    r"lost|loss|expired|collaps\w*|locked|froze|frozen|leak\w*|errors|degraded|unavailable|"
    r"duplicate\w*|double-\w+|wiped|truncated|stalled|timed\s+out|storm|regression|overloaded|"
    r"exhausted|saturated|unhealthy|useless|inaccessible|unreachable|went\s+out|cold\s+cache|"
    r"unfinished|half-finished|untested|worse|stopped\s+(?:flowing|working|processing|responding|"
    r"loading|syncing|sending)|dead|died|fell\s+over|went\s+dark|melted\s+down|deadlock\w*|"
    r"wedged|hung|data\s+loss|locked\s+out|charged\s+twice|could(?:n['’]t|\s+not)\s+"
    r"(?:reach|connect|log\s+in|sign\s+in|load|access|pay|check\s+out|resolve))\b|"
    r"\bnone\s+of\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?could\b",
    re.IGNORECASE,
)
"""Words that tell harm anywhere in a sentence: with a causal clause, they make it blame."""
_CREDIT = re.compile(
    r"\b(?:clear(?:ed|ing)|recover\w*|restor\w*|drain(?:ed|ing)|stabili[sz]\w*|resolv\w*|"
    r"back\s+to\s+normal|returned\s+to|mitigat\w*|fix(?:ed|es)|caught|spotted|saved|avoided|"
    r"prevented|limited|went\s+away|disappeared|subsided|vanished|improved|eased)\b",
    re.IGNORECASE,
)
"""Outcomes that make a causal clause credit rather than blame."""
_PASSIVE = re.compile(
    r"\b(?:was|were|got|been|is)\s+(?:[\w-]+\s+)?(?P<verb>[a-z]+ed|run|done|made|set|put|"
    r"sent|written|taken|shut|cut|overwritten|broken|rushed\s+out|rolled\s+out|turned\s+off|"
    r"kicked\s+off|signed\s+off|taken\s+down|knocked\s+out)\s+(?:[\w'’-]+\s+){0,5}?by\s+|"
    r"\b(?P<judged>careless|sloppy|reckless|hasty|botched|faulty|buggy|rushed|unreviewed|"
    r"untested)\s+(?:[\w-]+\s+){0,2}?by\s+"
)
"""An action attributed with "by": "was run by Sakura", "a careless commit by @dev_anton"."""
_HARMFUL_PASSIVE = frozenset(
    ("broken", "wiped", "corrupted", "truncated", "killed", "misconfigured")
)
_OWNED = re.compile(
    r"(?P<owner>[A-Z@](?:(?<=[A-Z])[\w-]*(?:\s+[A-Z][\w-]*)?|(?<=@)[\w.-]*\w))['’]s\s+"
    r"(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>changes?|decision|choice|call|script|commits?|deploys?|deployments?|push|merge|edit|"
    r"query|migration|config|configuration|PR|pull\s+request|rollout|hotfix|patch|update|upgrade|"
    r"typo|command|interpretation|idea|approval|cleanup|refactor|branch|mistake|error|negligence|"
    r"oversight|carelessness|slip|work|tweak|backfill|import|cutover|release|build|rule|commit)\b"
)
"""A person's piece of work: "Anjali's change to the retry config". The owner (one or two
capitalised words, or a handle) opens with its first character, a capital or "@", so the regex
engine skips ahead to those instead of trying every place (`_OWNED_ACT` too)."""
_OWNED_HARM = re.compile(
    r"\s*(?:[^.;]{0,60}?\s)?(?:took|takes|taking)\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)\b|"
    r"\s*(?:[^.;,]{0,60}?\s)?(?:wiped|truncated|turned\s+[^.;]{0,40}?\binto|(?:is|was)\s+the\s+"
    r"(?:reason|cause)|collapsed|broke|crashed|(?:re)?introduced|let\s+[^.;]{0,30}?\b(?:through|"
    r"in|leak)|cost|exposed|left\s+[^.;]{0,30}?\b(?:public|open|exposed|down|broken)|caused|"
    r"led\s+(?:directly\s+)?to|deleted|corrupted|locked|overloaded|exhausted|knocked|"
    r"brought\s+down|purged|leaked|flooded|saturated|killed|erased|hammered|bricked)\b",
    re.IGNORECASE,
)
"""What the owned work did: a harmful verb with the work as its subject."""
_OWNED_ACT = re.compile(
    r"(?P<owner>[A-Z@](?:(?<=[A-Z])[\w-]*(?:\s+[A-Z][\w-]*)?|(?<=@)[\w.-]*\w))['’]s\s+"
    r"(?:[\w-]+[ \t]+){1,4}?"
    r"(?:took\s+(?:[\w'’-]+\s+){0,4}?(?:down|offline|out)|wiped|truncated|turned\s+[^.;]{0,40}?"
    r"\binto|(?:is|was)\s+(?:the\s+)?(?:reason|cause|why)|broke|crashed|(?:re)?introduced|"
    r"let\s+[^.;]{0,30}?\b(?:through|in|leak)|cost|exposed|caused|led\s+(?:directly\s+)?to|"
    r"deleted|corrupted|locked|overloaded|exhausted|knocked|brought\s+down|purged|leaked|"
    r"flooded|saturated|erased|hammered|bricked|blew\s+(?:away|up)|nuked|clobbered|"
    r"overwrote|dropped\s+(?:the|every|all)|left\s+[^.;]{0,30}?\b(?:public|open|exposed|down|"
    r"broken))\b"
)
"""Any piece of a person's work as the subject of a harmful verb: "Ana's little tweak broke"."""
_OPENING_WORDS = frozenset(
    ("after", "when", "since", "because", "before", "once", "following", "until", "with", "and")
)
"""Capitalised words that open a clause before a name: not part of the owner's name."""
_OWN_THINGS = frozenset(("laptop", "phone", "computer", "machine", "car", "internet", "wifi"))
_CAUSAL_FRAME = re.compile(
    r"(?:root\s+cause\s+(?:was|is)|came\s+in\s+with|caused\s+by|comes?\s+down\s+to|"
    r"traced?\s+(?:back\s+)?to|result\s+of|because\s+of|due\s+to|(?:mistake|fault|error)\s+"
    r"(?:was|is))\s+$",
    re.IGNORECASE,
)
_FAULT_IS = re.compile(
    r"\b(?:mistake|fault|error|blunder|oversight|screw-?up)\s+(?:was|is)\s+(?:all\s+|entirely\s+|"
    r"squarely\s+)?(?P<owner>[A-Z][\w-]*)['’]s\b"
)
_AFTER_FRAME = re.compile(
    r"\b(?:right\s+|just\s+|shortly\s+|immediately\s+|soon\s+|minutes\s+)?(?:after|when)\s+$",
    re.IGNORECASE,
)
"""Before a person's work, with harm told before: "Checkout broke right after Teodor's deploy"."""
_THANKS_TO = re.compile(r"\bthanks\s+to\s+$", re.IGNORECASE)
_SARCASM = re.compile(
    r"\b(?:thanks\s+a\s+lot|great\s+job|nice\s+(?:job|work)|well\s+done|good\s+job|bravo|"
    r"kudos\s+to|thank\s+[A-Z][\w-]*\s+for\s+personally|(?P<alone>had\s+one\s+job))\b",
    re.IGNORECASE,
)
"""Praise said in irony: with a fault in the sentence ("had one job" alone), it is blame."""
_IF_NAMED = re.compile(
    r"\b(?:[Ii]f|Had)\s+(?P<name>[A-Z][\w'’-]+)\s+(?:had\s+)?(?:just\s+|only\s+|simply\s+|"
    r"actually\s+|even\s+)?(?:bothered|read|checked|tested|looked|followed|asked|listened|"
    r"reviewed|verified|double-checked|paid\s+attention|waited|stopped|used|run|noticed|"
    r"escalated|answered|responded|thought|listened)\b"
)
"""A counterfactual about one named person's action: "if Tom had read the migration"."""


_GATE_WORDS = wordset(
    """
    mistake accident accidentally mistakenly inadvertently carelessly recklessly hastily
    blindly unknowingly unintentionally wrong incorrect without stale outdated
    expired untested unreviewed unapproved unvetted unverified faulty buggy broken half
    unfinished bad deprecated revoked previous legacy decommissioned retired instead
    despite against straight directly bypassing skipping ignoring overriding circumventing
    disregarding peak business busiest black freeze middle outside friday save speed
    anyway although let allowed upon asleep public ignored skipped forgot
    neglected overlooked disregarded bypassed
    commented mixed hand laptop personal thought assumed admits
    unilaterally initiative last late
    ad cuff copy copied pasted eyeballed guessed shortcut
    shortcuts corners hack hacky monkey ssh sshed ssh'd hurry rush refused
    insisted dismissed brushed waved shrugged laughed talked postponed deferred delayed
    again usual surprise typical
    typically somehow predictably careless reckless sloppy sloppily lazy lazily negligent
    negligently irresponsible irresponsibly cowboy yolo nothing bothered
    logged offline trusted liability incompetent clueless
    useless broke took knocked brought crashed wiped corrupted locked exhausted
    overloaded saturated flooded froze stalled halted purged leaked exposed deleted erased
    killed blocked throttled invalidated cost dropped filled starved resulted made left
    causing breaking taking knocking bringing crashing wiping corrupting locking exhausting
    overloading saturating flooding freezing stalling halting purging leaking exposing
    deleting erasing killing blocking throttling invalidating costing dropping filling
    starving leading resulting
    wiped truncated
    because since wanted felt
    preferred liked needed hasty botched rushed misconfigured fault blunder
    oversight screw thanks great nice job bravo kudos thank bothered
    never didn't didn’t omitted hard-coded hasn't hasn’t
    hardcoded force-pushed nuked trashed clobbered blew fat-fingered fumbled bungled
    turned introduced reintroduced
    overwrote hammered bricked
    experiment experimented
    holiday vacation pto misread misset mistyped simultaneously


    debug disconnected disconnecting severed
    severing tripled soared exploded
    ball wheel rogue explaining explanation apology okay doubling tripling duplicating
    thinking assuming believing convinced starved rejected refused denied
    hasn't hasn’t hadn't hadn’t
    """
)
"""Words every kind of evidence contains at least one of (see `_GATE`)."""
_SHORT_GATE_WORDS = frozenset(("ad",))
"""Gate words too short for a word index key: looked for on their own (see `_SHORT_GATE`)."""
_GATE_STEMS = (
    "mid-",
    "corrupt",
    "leak",
    "double-",
    "triple-",
    "re-",
    "half-",
    "double",
)
"""Word starts that are evidence whatever follows ("misrouted", "mid-rebuild", "failing")."""


_Trie = dict[str, "_Trie"]


def _trie(words: list[str]) -> str:
    """A regex alternation of `words` sharing prefixes, so each position is tried once."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(tree)


def _render(node: _Trie) -> str:
    end = "" in node
    options = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not options:
        return ""
    if len(options) == 1 and not end:
        return options[0]
    return "(?:" + "|".join(options) + ")" + ("?" if end else "")


_GATE_PHRASES = (
    "is why",
    "did not",
    "had not",
    "with no",
    "his own",
    "her own",
    "their own",
    "at the old",
    "to the old",
    "into the old",
    "against the old",
    "even though",
    "still red",
    "still failing",
    "still running",
    "still broken",
    "still degraded",
    "still rolling",
    "still in progress",
    "single-handedly",
    "well done",
    "in prod",
    "in production",
    "his local",
    "her local",
    "slow to",
    "was even",
    "were even",
    "at once",
    "once again",
    "once more",
    "sent every",
    "sent all",
    "sending every",
    "sending all",
    "cut off",
    "cutting off",
    "cut corners",
    "shut out",
    "shutting out",
    "to production",
    "to the production",
    "into the production",
    "on the production",
    "to the live",
    "to prod",
    "into production",
    "on production",
    "good idea",
    "great idea",
    "over today's",
    "over the live",
    "over the current",
    "over the production",
    "over the newer",
    "before confirming",
    "before checking",
    "before verifying",
    "before testing",
    "before making sure",
    "before ensuring",
    "before validating",
    "before reading",
    "before reviewing",
    "before telling",
    "before asking",
    "which caused",
    "and caused",
    "that caused",
    "which led",
    "and led",
    "caused by",
    "root cause",
    "the reason",
    "the cause",
    "the problem",
    "due to",
    "result of",
    "came in with",
    "comes down to",
    "came down to",
    "traced back",
    "traced to",
    "went down",
    "back to bed",
    "back to sleep",
    "went to bed",
    "went to lunch",
    "went home",
    "so she could",
    "so he could",
    "same time",
    "fell asleep",
    "nobody had",
    "courtesy of",
    "third time",
    "second time",
    "fourth time",
    "fifth time",
    "sat on",
    "too busy",
    "too lazy",
    "too distracted",
    "too impatient",
    "doesn't read",
    "doesn't check",
    "doesn't test",
    "doesn't look",
    "doesn't listen",
    "doesn't follow",
    "doesn't bother",
    "doesn't answer",
    "doesn't review",
    "started with",
    "began with",
    "so the",
    "out of date",
    "had read",
    "had checked",
    "had looked",
    "had tested",
    "had followed",
    "had asked",
    "had listened",
    "had reviewed",
    "had verified",
    "had paid",
    "had double-checked",
    "had waited",
    "had stopped",
    "had used",
    "had run",
    "had noticed",
    "had escalated",
    "had answered",
    "had responded",
    "had thought",
    "had bothered",
    "all on",
    "entirely on",
    "squarely on",
    "totally on",
    "completely on",
    "outage was on",
    "incident was on",
    "culprit",
    "fell over",
    "went dark",
    "burned through",
    "blew through",
    "ate through",
    "went ahead",
    "failing checks",
    "failing check",
    "failing tests",
    "failing test",
    "failing build",
    "had confirmed",
    "had verified",
    "had approved",
    "had signed",
    "been down",
)
"""Evidence phrases whose words alone are too common to look at every sentence holding them."""
_HARM_GATE_WORDS = wordset(
    """
    garbage outage outages errors degraded unavailable unreachable inaccessible unhealthy
    regression worse lost loss storm down failed failing failures dead died hung deadlocked
    wedged couldn't
    """
)
"""Harm told by a plain word: evidence only with a cause cue near it (see `_HARM_CUE`)."""
_HARM_GATE_PHRASES = (
    "fell over",
    "went dark",
    "locked out",
    "charged twice",
    "could not",
    "none of",
    "data loss",
    "melted down",
    "stopped flowing",
    "stopped working",
    "stopped processing",
    "stopped responding",
    "stopped loading",
    "stopped syncing",
    "stopped sending",
)
_HARM_GATE = re.compile(
    rf"\b(?:{_trie(sorted({*_HARM_GATE_WORDS, *_HARM_GATE_PHRASES}))}(?![\w'’-])|collaps|duplicat)"
)
_HARM_GATE_INDEXED = fast(_HARM_GATE.pattern)
_HARM_CUE = re.compile(r"\b(?:after|when|once|moment)\b")
_HARM_CUE_INDEXED = fast(_HARM_CUE.pattern)
_AND_WAS = re.compile(r"\band\s+(?:[\w'’-]+\s+){1,4}?(?:was|were)\b")
"""Near a plain harm word, what makes it evidence: a person's act told in an after/when
clause, or harm told in a coordinated clause ("..., and search was down for two hours")."""
_GATE = re.compile(
    rf"\b(?:{_trie(sorted({*_GATE_WORDS, *_GATE_PHRASES}))}(?![\w'’-])|"
    rf"{_trie(sorted(_GATE_STEMS))}|mis-?[a-z]+ed\b)"
)
"""Any evidence at all, on lower-case text: sentences without it are skipped unread."""
_GATE_INDEXED = fast(
    rf"\b(?:{_trie(sorted({*_GATE_WORDS, *_GATE_PHRASES} - _SHORT_GATE_WORDS))}(?![\w'’-])|"
    rf"{_trie(sorted(_GATE_STEMS))}|mis-?[a-z]+ed\b)"
)
"""`_GATE` but for its words shorter than a `Document.word_starts` key, read through the
shared word index: the word index is built anyway, and the evidence words join it at a
fraction of the cost of a scan of their own."""
_SHORT_GATE = re.compile(r"ad(?![\w'’-])(?<!\wad)")
"""The rest of `_GATE` ("ad" of "ad hoc"); starting with a literal, it is found like one."""
_PERSONISH = re.compile(rf"\b{_trie(sorted(_PERSON_WORDS))}(?![\w'’-])")
"""A pronoun or role noun, on lower-case text."""
_PERSONISH_INDEXED = fast(rf"{_trie(sorted(_PERSON_WORDS))}(?![\w'’-])")
"""`_PERSONISH` for `scan`: found once per document through its word index."""


@dataclass(frozen=True, slots=True)
class Fault:
    """A person as the agent of a faulty action: who, and the prose span to report."""

    who: str
    start: int
    end: int
    evidence: str


def find_faults(
    prose: str, people: PeopleIndex, lower: str | None = None, doc: Document | None = None
) -> Iterator[Fault]:
    """Every sentence in `prose` where a person does something faulty (one fault each).

    `lower` is `prose` with ASCII letters lower-cased (`Document.lower`), when at hand; with
    `doc` (whose `prose` and `lower` these are), evidence is looked up in its word index, and
    praise in scare quotes (blanked in `prose`) is read from `doc.text`.
    """
    lower = prose.translate(_ASCII_LOWER) if lower is None else lower
    quoted = prose if doc is None else doc.text
    if '"' in quoted or "“" in quoted or "'" in quoted or "‘" in quoted:
        yield from _scare_quoted(quoted, prose, lower, people)
    personish = None
    for begin, finish in _sentences_with_evidence(prose, lower, doc):
        if personish is None:
            personish = _personish_spans(lower, doc)
        text = prose[begin:finish]
        if len(text) < 12:
            continue
        grouped = not _GROUP_NOUNS.isdisjoint(lower[begin : begin + 60].split()) and (
            _GROUP_OPEN.match(text) is not None
        )
        subjects = _people_in(text, lower, begin, people, grouped=grouped, personish=personish)
        if subjects is None:
            continue
        found = _sentence_fault(text, lower[begin:finish], subjects, people, grouped=grouped)
        if found is None:
            continue
        who, who_start, start, end = found
        yield Fault(
            who,
            begin + min(who_start, start),
            begin + max(end, who_start + len(who)),
            " ".join(text[start:end].split()),
        )


_SCARE = re.compile(
    r"[\"“'‘](?P<words>(?:a\s+|the\s+|his\s+|her\s+|their\s+)?(?:quick\s+|small\s+|minor\s+|"
    r"tiny\s+|simple\s+|harmless\s+|safe\s+|little\s+)?(?:fix(?:ed|es|ing)?|hotfix|"
    r"improve(?:d|ment|ments)?|improving|clean(?:ed|ing)?[\s-]up|cleanup|tid(?:ied|ying|y[\s-]up)|"
    r"tested|testing|optimi[sz](?:ed|ing|ation)|simplif(?:ied|ying|ication)|tweak(?:ed|s)?|"
    r"refactor(?:ed|ing)?|help(?:ed|ing)?|upgrade[ds]?|streamlin(?:ed|ing)|harmless|safe|small|"
    r"minor|tiny|trivial|quick|simple|expert(?:ise)?|double-checked|checked|verified|"
    r"reviewed|experienced|senior|audit|forgot|forgotten|speed\s+(?:things|it)\s+up|temporary|"
    r"one-line(?:\s+change)?|trust\s+me|low[\s-]risk|routine|cosmetic|no-op|"
    r"(?:a\s+)?waste\s+of\s+time))(?:[\"”]|['’](?![\w'’]))"
)
_BEFORE_QUOTE = frozenset(" \t\n([{—–-")
"""What may stand before a single quotation mark that opens a quotation."""
"""A short praise word in quotation marks: said in irony about someone's work ("cleaning up")."""
_SCARE_NAMING = re.compile(
    r"\b(?:called|named|titled|label(?:l)?ed|tagged|marked|set|status|message|said|says|wrote|"
    r"writes|typed|replied|answered|posted|commented|told|describ\w+|flag(?:ged)?|called|"
    r"quoted|(?:put|wrote)\s+it)\b|\b(?:as|to)\s+(?:[\w'’-]+\s+){0,2}?$|:\s*$",
    re.IGNORECASE,
)
"""Before a quotation: a name, status or someone's words, quoted as they were written."""


def _scare_quoted(quoted: str, prose: str, lower: str, people: PeopleIndex) -> Iterator[Fault]:
    """A person's work praised in scare quotes: "thanks a lot Jake for "cleaning up" the roles".

    `quoted` is the text with its quotations (`prose` has them blanked, same offsets).
    """
    for match in _scare_matches(quoted):
        sentence = _SENTENCE.match(prose, _sentence_start(prose, match.start()))
        if sentence is None or sentence.end() < match.start():
            continue
        head = quoted[sentence.start() : match.start()]
        if _SCARE_NAMING.search(head):
            continue
        subjects = _people_in(head, lower, sentence.start(), people)
        if not subjects:  # a name no list knows, a group, or only a pronoun or role word
            person = next(
                (
                    m
                    for m in _CAPITALISED.finditer(head)
                    if _name_shaped(m.group().removesuffix("'s").removesuffix("’s"), people)
                ),
                None,
            ) or GROUP_AGENT.search(head)
            personish = _PERSONISH.search(lower, sentence.start(), match.start())
            subjects = None
            if person is not None:
                subjects = [person.start()]
            elif personish is not None:
                subjects = [personish.start() - sentence.start()]
        if not subjects:
            role = _ROLE_AFTER_QUOTE.match(quoted, match.end())
            if role is not None:  # "the 'experienced' consultant": irony about the person
                yield Fault(role.group(1), match.start(), role.end(1), match.group("words"))
                continue
            tail = quoted[match.end() : sentence.end()]
            later = _people_in(tail, lower, match.end(), people)
            if later and _REDUCED_RELATIVE.match(tail[: later[0]]):
                # "The 'quick' patch Dariusz applied took the cluster offline"
                name = _TOKEN.match(tail, later[0])
                if name is not None:
                    yield Fault(
                        name.group().removesuffix("'s").removesuffix("’s"),
                        match.start(),
                        match.end() + name.end(),
                        match.group("words"),
                    )
            continue
        at = subjects[0]
        who = _TOKEN.match(head, at)
        if who is None:
            continue
        yield Fault(
            who.group().removesuffix("'s").removesuffix("’s"),
            sentence.start() + at,
            match.end(),
            " ".join(match.group().split()),
        )


_ROLE_AFTER_QUOTE = re.compile(
    r"\s+((?:consultant|contractor|engineer|developer|expert|admin|architect|operator|dba|sre|"
    r"intern|hire|lead|reviewer|specialist)s?)\b"
)
"""A role right after scare quotes: the 'experienced' consultant."""


_REDUCED_RELATIVE = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,2}$")
"""Between scare quotes and a name: the quoted thing's noun ("the 'quick' patch Dariusz")."""


def _scare_matches(quoted: str) -> Iterator[re.Match[str]]:
    """`_SCARE` matches, tried only where a quotation mark opens."""
    match_at = _SCARE.match
    for mark in ('"', "“", "'", "‘"):
        at = quoted.find(mark)
        while at >= 0:
            # A single mark opens a quotation only after a space or bracket ("didn't" is none).
            if (mark in '"“' or at == 0 or quoted[at - 1] in _BEFORE_QUOTE) and (
                match := match_at(quoted, at)
            ) is not None:
                yield match
            at = quoted.find(mark, at + 1)


def _sentence_start(prose: str, position: int) -> int:
    """Where the sentence holding `position` starts (after the stop before it)."""
    at = position - 1
    while at >= 0:
        if prose[at] in "\n!?;" or (prose[at] == "." and _ends_sentence(prose, at)):
            return at + 1
        at -= 1
    return 0


def _sentences_with_evidence(
    prose: str, lower: str, doc: Document | None = None
) -> Iterator[tuple[int, int]]:
    """The sentences (as `_SENTENCE` cuts them) holding a `_GATE` hit, in order, as spans.

    A sentence is found from its evidence with string searches: back to the stop before it
    (`_previous_stop`, then `_ends_sentence`) and on to the stop that ends it
    (`_sentence_end`). The reversed prose searched with `_STOP` and a `_SENTENCE` match cost
    2.6% of the linter's instructions; `str.find` and `str.rfind` run on C's memchr.
    """
    evidence = _evidence_starts(lower, doc)
    if not evidence:
        return
    index = 0
    while index < len(evidence):
        position = evidence[index]
        stop = _previous_stop(prose, position)
        while stop >= 0 and not _ends_sentence(prose, stop):
            stop = _previous_stop(prose, stop)
        start = stop + 1
        end = _sentence_end(prose, start)
        if end <= position:
            index += 1
            continue
        index = bisect_left(evidence, end, index + 1)
        yield start, end


def _previous_stop(prose: str, position: int) -> int:
    """Where the last stop character (`_STOP`) before `position` is, or -1 without one.

    The common stops are looked for first; the rare ones only after the nearer of those.
    """
    best = max(prose.rfind(".", 0, position), prose.rfind("\n", 0, position))
    for mark in "!?;":
        at = prose.rfind(mark, best + 1, position)
        if at > best:
            best = at
    return best


def _next_stop(prose: str, position: int) -> int:
    """Where the first stop character (`_STOP`) at or after `position` is, or len(prose)."""
    first = prose.find(".", position)
    if first < 0:
        first = len(prose)
    for mark in "\n!?;":
        at = prose.find(mark, position, first)
        if at >= 0:
            first = at
    return first


def _sentence_end(prose: str, start: int) -> int:
    """Where `_SENTENCE.match(prose, start)` ends, or -1 where it finds no sentence (a stop or
    the end of the prose at `start`): at the first stop that is no full stop `_SENTENCE`
    reads on past (`_dot_goes_on`)."""
    end = _next_stop(prose, start)
    if end == start:
        return -1
    while end < len(prose) and prose[end] == "." and _dot_goes_on(prose, end):
        end = _next_stop(prose, end + 1)
    return end


def _dot_goes_on(prose: str, at: int) -> bool:
    """Whether `_SENTENCE` reads on past the full stop at `at` (never the sentence's first
    character): before a word character ("3.5", "node.js"); after a one-character word or a
    digit unless a capital follows ("2 a.m. with"); after "Mr", "Ms", "Mrs", "Dr" or initials
    ("U.S."). Its look-behinds see the characters before the sentence too."""
    if at + 1 < len(prose) and _is_word(prose[at + 1]):
        return True
    before = prose[at - 1]
    short = before.isdecimal() or (_is_word(before) and not _word_at(prose, at - 2))
    if short and not _capital_follows(prose, at + 1):
        return True
    if at >= 2 and prose[at - 2 : at] in ("Mr", "Ms", "Dr") and not _word_at(prose, at - 3):
        return True
    if at >= 3 and not _word_at(prose, at - 4):
        head = prose[at - 3 : at]
        if head == "Mrs" or ("A" <= head[0] <= "Z" and head[1] == "." and "A" <= head[2] <= "Z"):
            return True
    return False


def _word_at(prose: str, at: int) -> bool:
    """Whether a word character stands at `at` (never before the prose's start)."""
    return at >= 0 and _is_word(prose[at])


def _capital_follows(prose: str, at: int) -> bool:
    """Whether an ASCII capital follows `at` after any spaces (`\\s*[A-Z]`)."""
    while at < len(prose) and prose[at].isspace():
        at += 1
    return at < len(prose) and "A" <= prose[at] <= "Z"


def _evidence_starts(lower: str, doc: Document | None) -> list[int]:
    """Where `_GATE` hits start in `lower`, through `doc`'s word index when given.

    The two ways give the same positions except inside a match (a word in one of its
    phrases), and a match holds no sentence stop, so they pick the same sentences.
    """
    if doc is None:
        evidence = [match.start() for match in _GATE.finditer(lower)]
        harm = [match.start() for match in _HARM_GATE.finditer(lower)]
    else:
        evidence = [match.start() for match in scan(doc, _GATE_INDEXED)]
        if "ad" in lower:
            short = [match.start() for match in _SHORT_GATE.finditer(lower)]
            if short:
                evidence = sorted(evidence + short)
        harm = [match.start() for match in scan(doc, _HARM_GATE_INDEXED)]
    if not harm:
        return evidence
    if doc is None:
        cues = [match.start() for match in _HARM_CUE.finditer(lower)]
    else:
        cues = [match.start() for match in scan(doc, _HARM_CUE_INDEXED)]
    and_was = _AND_WAS.search
    near = [
        at
        for at in harm
        if _within(cues, at - _CUE_REACH, at + _CUE_REACH) or and_was(lower, max(0, at - 60), at)
    ]
    return sorted(evidence + near) if near else evidence


_CUE_REACH = 160
"""How far from a plain harm word a cause cue may stand (a long sentence's length)."""


def _within(sorted_positions: list[int], low: int, high: int) -> bool:
    """Whether any of `sorted_positions` lies in [low, high]."""
    index = bisect_left(sorted_positions, low)
    return index < len(sorted_positions) and sorted_positions[index] <= high


_STOP = re.compile(r"[\n.!?;]")


def _ends_sentence(prose: str, at: int) -> bool:
    """Whether the stop character at `at` ends a sentence the way `_SENTENCE` decides."""
    if prose[at] != ".":
        return True
    after = prose[at + 1 : at + 2]
    if after[:1].isalnum() or after == "_":
        return False  # "3.5", "node.js", the first dot of "a.m."
    if prose[at - 3 : at] == "Mrs" or prose[at - 2 : at] in ("Mr", "Ms", "Dr"):
        return False
    single = at >= 1 and prose[at - 1].isalnum() and (at < 2 or not prose[at - 2].isalnum())
    if single:
        rest = prose[at + 1 : at + 40].lstrip()
        return rest[:1].isupper()  # "2 a.m. with" goes on; "in region A. Then" ends
    return True


def _name_shaped(word: str, people: PeopleIndex) -> bool:
    """A capitalised word that reads as a name no list knows ("Tobiah", "Soo-jin")."""
    return people.name_shaped(word)


_Spans = tuple[list[int], list[int]]


def _personish_spans(lower: str, doc: Document | None) -> _Spans:
    """Where pronouns and role nouns (`_PERSONISH`) stand in `lower`: (starts, ends)."""
    matches = (
        list(_PERSONISH.finditer(lower)) if doc is None else list(scan(doc, _PERSONISH_INDEXED))
    )
    return [m.start() for m in matches], [m.end() for m in matches]


def _has_personish(lower: str, start: int, end: int, personish: _Spans | None) -> bool:
    """Whether a pronoun or role noun stands in lower[start:end], a stretch that ends where no
    word goes on (a sentence, as `_SENTENCE` cuts them); with `personish`, without a search."""
    if personish is None:
        return _PERSONISH.search(lower, start, end) is not None
    starts, ends = personish
    index = bisect_left(starts, start)
    return index < len(starts) and ends[index] <= end


def _people_in(
    text: str,
    lower: str,
    start: int,
    people: PeopleIndex,
    *,
    grouped: bool = False,
    personish: _Spans | None = None,
) -> list[int] | None:
    """Where known names, handles, initials, "he" or "she" stand in `text`; None without people.

    Most sentences mention nobody, so this is asked before anything else about them. The
    pronoun and role scan comes last, for sentences with no name, handle or initials: "he"
    or "she" is one of those words, so where it stands matters only when the scan finds one.
    `personish` holds the document's pronouns and role nouns when at hand (`_personish_spans`).
    """
    found: list[int] = []
    if "@" in text or "." in text:
        found += [m.start() for m in _HANDLE_OR_INITIALS.finditer(text)]
    person = False
    cursor = 0
    is_name, name_shaped = people.is_name, people.name_shaped
    for raw in _CAPITALISED.findall(text):
        at = text.find(raw, cursor)
        cursor = at + len(raw)
        word = raw[:-2] if raw.endswith(("'s", "’s")) else raw
        if is_name(word):
            found.append(at)
        elif (
            not person
            and name_shaped(word)
            and (word is not raw or _AGENT_AFTER.match(text, cursor))
        ):
            person = True  # a name no list knows, in an agent position: "Tobiah ignored"
        elif (
            not person
            and not text[:at].strip()  # opening the sentence: "Greer insisted on ..."
            and _HUMAN_AFTER.match(text, cursor)
            and people.looks_like_name(word)
        ):
            person = True  # "Greer insisted", whatever the name's ending
    end = start + len(text)
    if not found and not person and not _has_personish(lower, start, end, personish):
        # A named group ("the payments team pushed an untested build") is looked for where
        # clauses start, as any agent is; no positions of its own are needed.
        return [] if grouped else None
    return _he_she(lower, start, end, personish) + found


def _he_she(lower: str, start: int, end: int, personish: _Spans | None) -> list[int]:
    """Offsets (from `start`) of "he" and "she" before a space in lower[start:end]."""
    if personish is None:
        return [m.start() - start for m in _HE_SHE.finditer(lower, start, end)]
    starts, ends = personish
    found: list[int] = []
    for index in range(bisect_left(starts, start), len(starts)):
        at, after = starts[index], ends[index]
        if after >= end:
            break
        if lower[at:after] in ("he", "she") and lower[after].isspace():
            found.append(at - start)
    return found


def _sentence_fault(
    text: str, lower: str, subjects: list[int], people: PeopleIndex, *, grouped: bool = True
) -> tuple[str, int, int, int] | None:
    """(who, where, evidence start, evidence end) for the first faulty action in a sentence.

    `grouped` says whether the sentence holds a group word ("team", "ops"): without one,
    no clause is looked at for a named group as its agent.
    """
    lead = _LEAD.match(text)
    offset = lead.end() if lead is not None else 0
    root = _ROOT_LEAD.match(text, offset)
    starts: list[tuple[int, str | None]] = [(root.end(), "root") if root else (offset, None)]
    starts += [(m.end(), m.lastgroup) for m in _CLAUSE_START.finditer(lower)]
    seen = {offset for offset, _kind in starts}
    starts += [(at, "inner") for at in sorted(set(subjects)) if at and at not in seen]
    for offset, kind in starts:
        if kind == "who":
            found = _antecedent(text, offset, people)
        else:
            found = _agent(text, offset, people, gerund=kind in ("root", "of"), grouped=grouped)
        if found is None:
            continue
        who, who_start, verb, verb_start = found
        if grouped and _GROUP_ATTENTION.match(text, verb_start) and GROUP_AGENT.fullmatch(who):
            continue  # what a group missed is hindsight about attention (BL103)
        clause = text
        if kind in ("cause", "of"):
            comma = text.find(",", verb_start)
            clause = text if comma < 0 else text[:comma]  # "After Dave joined, the pipeline ..."
        fault = _evidence(clause, verb, verb_start, opening=kind in (None, "root"))
        if fault is None and kind == "root" and verb not in _RESPONSES:
            fault = verb_start, verb_start + len(verb)
        if fault is None and kind in ("cause", "of"):
            fault = _caused_harm(text, verb, verb_start)
        if fault is not None:
            return who, who_start, fault[0], fault[1]
    finders = []
    if " by " in lower:
        finders.append(_passive_fault)
    if "'s" in text or "’s" in text:
        finders.append(_owned_fault)
    if _may_be_ironic(text, lower):
        finders.append(_ironic_fault)
    if _may_be_counterfactual(text):
        finders.append(_named_counterfactual)
    if _may_name_a_cause(text):
        finders.append(_person_as_cause)
    for finder in finders:
        other = finder(text, people)
        if other is not None:
            return other
    return None


_FOLDING_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
"""The letters beyond ASCII that a case-free pattern takes for an ASCII letter ("İ" and "ı" for
"i", "ſ" for "s", the Kelvin sign for "k"); lower-casing ASCII letters leaves them as they are."""


def _plain_case(text: str) -> bool:
    """Whether a case-free pattern matches `text` where it matches its ASCII lower-casing, so a
    word looked for in the lower-cased text stands for the pattern's word in any case."""
    return text.isascii() or not any(letter in text for letter in _FOLDING_TO_ASCII)


_IRONY_WORDS = ("thank", "great", "nice", "well", "good", "bravo", "kudos", "had")
"""A word every `_SARCASM` match holds (lower-cased)."""
_CAUSE_WORDS = ("reason", "cause", "culprit", "problem", "courtesy", "compliments", "took", "time")
"""A word every `_PERSON_CAUSE` match holds but "... was on Ana" (`_ON_NAME`)."""
_ON_NAME = re.compile(r"on\s+[A-Z]")
"""What "the outage was on Ana" holds: "on" and a capital, found by the literal "on"."""


def _may_be_ironic(text: str, lower: str) -> bool:
    """False when `_SARCASM` cannot match `text` (`lower` is its ASCII lower-casing).

    The irony, counterfactual and cause finders each search every sentence that gets to them,
    and a sentence rarely holds any of their words: the word checks (a fast substring search
    each) turn most sentences away before the regex search tries every place in them.
    """
    return not _plain_case(text) or any(word in lower for word in _IRONY_WORDS)


def _may_be_counterfactual(text: str) -> bool:
    """False when `_IF_NAMED` (case-sensitive) cannot match `text`."""
    return "if" in text or "If" in text or "Had" in text


def _may_name_a_cause(text: str) -> bool:
    """False when `_PERSON_CAUSE` (case-sensitive) cannot match `text`."""
    return any(word in text for word in _CAUSE_WORDS) or _ON_NAME.search(text) is not None


_GROUP_OPEN = re.compile(
    r"[\s*_>#+-]*(?:\d+[.)]\s+)?(?:(?i:root\s+cause|apparently|honestly|frankly|once\s+again|"
    r"again|then|so|but|and|also|sadly|predictably|unsurprisingly|naturally|meanwhile|later|"
    r"yesterday|today|overnight|after|when|because|since|once)[:,]?\s+)*(?:"
    + GROUP_AGENT.pattern
    + r")"
)
"""A named group opening a sentence, perhaps after an adverb or a cause word ("Apparently
the BI contractors", "After the marketing ops team"); anchored, so it costs one failed match
in most sentences. A group deeper in a sentence is not looked for (a search of every
sentence for one cost more than the rest of the fault pass)."""
_GROUP_NOUNS = wordset(
    """
    team squad crew group department folks guys devs dbas sres admins administrators managers
    contractors consultants testers ops people engineers developers operators reviewers staff
    desk helpdesk leadership management agency vendor vendors office shift qa networking
    security support infra infrastructure engineering operations legal marketing finance
    devops dev
    """
)
"""The last word of a `GROUP_AGENT`, in lower case: looked for among a sentence's first
words (a set lookup each) before the costlier `_GROUP_OPEN` is tried."""
_GROUP_ATTENTION = re.compile(
    r"(?:missed|overlooked|(?:failed|neglected)\s+to\s+(?:notice|see|spot|catch|detect|"
    r"reali[sz]e|recogni[sz]e|pay\s+attention|foresee|anticipate|consider|appreciate|think))\b"
)
"""What a group missed or did not think of: hindsight about attention, left to BL103."""
_AGENT_AFTER = re.compile(
    r"['’]s\b|\s*,|\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]{2,}ing|"
    + "|".join(sorted((re.escape(w) for w in _IRREGULAR_PAST), key=len, reverse=True))
    + r")\b"
)
"""What follows a name in an agent position: a past-tense verb, "'s", an apposition, or a
gerund after a cause lead ("started with Marguerite deleting")."""
_HE_SHE = re.compile(r"\b(?:he|she)\s")
_HUMAN_AFTER = re.compile(
    r"\s+(?:decided|insisted|refused|thought|assumed|chose|promised|agreed|admitted|claimed|"
    r"guessed|panicked|forgot|ignored|typed|pasted|clicked|approved|volunteered|argued|"
    r"demanded|neglected|rushed|hurried|overrode|misread|mistyped|fat-fingered|bragged|"
    r"shrugged)\b"
)
"""After a capitalised word: a verb only people do (`_HUMAN_VERBS`), so the word is a name."""

_HANDLE_OR_INITIALS = re.compile(
    r"[@A-Z](?<![\w.][@A-Z])(?:(?<=@)[^\W_][\w.-]*\w|(?<=[A-Z])\.(?:[A-Z]\.)+)"
)
"""A chat handle ("@jdoe") or initials ("J.D."), with no word character or full stop before.
It opens with its first character (`@` or a capital), so the regex engine skips ahead to those
instead of trying every place: in that form, the search of the sentences holding "." or "@"
costs a fraction of the 0.4% of the linter's instructions it was."""


_NOT_CAUSED = re.compile(
    r"\b(?:still|already|arrived|was\s+(?:found|spotted|noticed|detected|discovered|caught|"
    r"reproduced|confirmed|reported)|(?:errors?|failures?|timeouts?|crashes|alerts?|outage|"
    r"problem|issue|leak)\s+(?:\w+\s+)?(?:stopped|ended|ceased|cleared|subsided)\b(?!\s+"
    r"(?:flowing|working|processing))|(?:the|a|his|her|their)\s+(?:\w+\s+)?"
    r"(?:fix|hotfix|patch|workaround|mitigation)|dropped\s+(?:to|back|off)|fell|decreased|"
    r"declined)\b",
    re.IGNORECASE,
)
"""Harm that was there before the act ("still", "already", "when X arrived") or that the act
answered ("deployed the fix", "errors dropped to zero"): no cause in an after/when clause."""


def _caused_harm(text: str, verb: str, verb_start: int) -> tuple[int, int] | None:
    """A person's action given as the cause of harm: "The firmware bricked because X released"."""
    if verb in _RESPONSES or _CREDIT.search(text) or _REASON.search(text, verb_start):
        return None
    if _NOT_CAUSED.search(text):
        return None
    if _HARM_WORDS.search(text) is None:
        return None
    return verb_start, verb_start + len(verb)


def _antecedent(text: str, offset: int, people: PeopleIndex) -> tuple[str, int, str, int] | None:
    """The person a ", who" clause is about, with the verb that follows "who"."""
    comma = text.rfind(",", 0, offset)
    words = [(m.group(), m.start()) for m in _TOKEN.finditer(text, max(0, comma - 40), comma)]
    if not words:
        return None
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, offset, offset + 40)]
    if not tokens:
        return None
    verb, verb_start = tokens[0]
    lowered = verb.casefold()
    if not verb.islower() or not (lowered.endswith("ed") or lowered in _IRREGULAR_PAST):
        return None
    word, start = words[-1]
    if people.is_name(word) or _INITIALS.fullmatch(word) or _name_shaped(word, people):
        return word, start, lowered, verb_start
    for size in (4, 3, 2):
        if len(words) >= size:
            phrase = " ".join(w for w, _ in words[-size:])
            if ROLE_PHRASE.match(phrase) and not _plural(words[-1][0]):
                return phrase, words[-size][1], lowered, verb_start
    return None


def _passive_fault(text: str, people: PeopleIndex) -> tuple[str, int, int, int] | None:
    """ "The migration was run by Sakura against the primary instead of the replica"."""
    for match in _PASSIVE.finditer(text):
        who = _person_at(text, match.end(), people)
        if who is None:
            continue
        rest = text[match.end() + len(who) :]
        if match.group("judged") or match.group("verb") in _HARMFUL_PASSIVE:
            return who, match.end(), match.start(), match.end() + len(who)
        marker = _STRONG.search(rest) or _WEAK.search(rest) or _HARM.search(rest)
        if marker is None and not _REASON.search(rest):
            marker = _STATE.search(rest)
        if marker is not None and not (_REASON.search(rest) and not _STRONG.search(rest)):
            base = match.end() + len(who)
            return who, match.end(), base + marker.start(), base + marker.end()
    return None


def _owned_fault(text: str, people: PeopleIndex) -> tuple[str, int, int, int] | None:
    """ "Anjali's change to the retry config turned a blip into a storm", "root cause was X's"."""
    owned = _FAULT_IS.search(text)
    if owned is not None and _name_shaped(owned.group("owner"), people):
        return owned.group("owner"), owned.start("owner"), owned.start(), owned.end()
    for act in _OWNED_ACT.finditer(text):
        owner = act.group("owner")
        thing = text[act.end("owner") : act.end()].split()[1:2]
        if thing and thing[0].casefold() in _OWN_THINGS:
            continue  # "Sam's laptop crashed" is no fault of Sam's
        if people.is_name(owner.split()[0]) or people.is_name(owner):
            return owner, act.start(), act.start(), act.end()
    for match in _OWNED.finditer(text):
        owner, start = match.group("owner"), match.start()
        first, _space, rest = owner.partition(" ")
        if rest and first.casefold() in _OPENING_WORDS:
            owner, start = rest, start + len(first) + 1  # "After Ivo's change": Ivo's
        last = owner.split()[-1]
        named = people.is_name(owner.split()[0]) or _name_shaped(last, people)
        if not named and not (owner.startswith("@") and people.is_name(owner)):
            continue
        before = text[max(0, start - 40) : start]
        after = text[match.end() : match.end() + 120]
        if _CREDIT.search(after):
            continue
        harm = _OWNED_HARM.match(after)
        framed = _CAUSAL_FRAME.search(before) is not None or (
            _THANKS_TO.search(before) is not None and _HARM_WORDS.search(after) is not None
        )
        if harm is not None:
            return owner, start, start, match.end() + harm.end()
        if (
            _AFTER_FRAME.search(before)
            and _HARM_WORDS.search(text)  # before or after: "After Ivo's change, X was dead"
            and not _CREDIT.search(text)
            and not _NOT_CAUSED.search(text)
        ):
            return owner, start, start, match.end()
        if framed:
            return owner, start, start, match.end()
    return None


def _ironic_fault(text: str, people: PeopleIndex) -> tuple[str, int, int, int] | None:
    """ "Great job, Sanjay, shipping the config with the keys commented out"."""
    irony = _SARCASM.search(text)
    if irony is None:
        return None
    name = next(
        (
            m
            for m in _TOKEN.finditer(text)
            if m.group()[:1].isupper() and (people.is_name(m.group()) or _INITIALS.match(m.group()))
        ),
        None,
    )
    if name is None:
        return None
    fault = (
        irony.group("alone")
        or _STRONG.search(text)
        or _WEAK.search(text)
        or _HARM_WORDS.search(text, irony.end())
    )
    if not fault:
        return None
    return name.group(), name.start(), irony.start(), irony.end()


_PERSON_CAUSE = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]*[a-z])\s+(?:is|was)\s+(?:the|our)\s+(?:(?:whole|only|real|main|"
    r"sole|root|actual)\s+)?(?:reason|cause|culprit|problem)\b|"
    r"\b(?:outage|incident|failure|mess|breakage|this|that|it|one|blame|fault)\s+(?:is|was)\s+"
    r"(?:all\s+|entirely\s+|squarely\s+|totally\s+|completely\s+|100%\s+)?on\s+"
    r"(?P<owner>[A-Z][\w-]*[a-z])\s*(?:[.!;,]|$)|"
    r"\b(?:courtesy\s+of|compliments\s+of)\s+(?P<courtesy>[A-Z][\w-]*[a-z])\b(?!['’])|"
    r"\btook\s+(?P<slow>[A-Z][\w-]*[a-z])\s+(?:over\s+|nearly\s+|almost\s+)?(?:an?|\w+)\s+"
    r"(?:hours?|minutes?|days?|weeks?)\s+(?:to\s+(?:even|finally)|before\s+(?:he|she)\s+even)\b|"
    r"\bthe\s+(?:second|third|fourth|fifth|nth)\s+time\s+(?:that\s+)?(?P<again>[A-Z][\w-]*[a-z])\s+"
    r"(?:has\s+|had\s+)?(?:taken|took|broken|broke|brought|knocked|crashed|wiped|deleted|"
    r"caused|corrupted)\b"
)
"""A person as the cause itself: "Teodor is the reason checkout was down", "this was on Ana"."""
_CAUSE_CREDIT = re.compile(
    r"\b(?:we|it|the\s+\w+)\s+(?:caught|recovered|noticed|found|survived)|\b(?:short|quickly|"
    r"fast|early|contained|small|at\s+all|only|instead)\b",
    re.IGNORECASE,
)
"""After "X is the reason": an outcome that is credit ("the reason we caught it early")."""


def _person_as_cause(text: str, people: PeopleIndex) -> tuple[str, int, int, int] | None:
    """ "Teodor is the reason checkout was down", "The outage was entirely on Teodor"."""
    for match in _PERSON_CAUSE.finditer(text):
        group = next(g for g in ("name", "owner", "courtesy", "slow", "again") if match.group(g))
        name = match.group(group)
        if not (people.is_name(name) or _name_shaped(name, people)):
            continue
        if group == "name" and (
            _CAUSE_CREDIT.search(text, match.end()) or _CREDIT.search(text, match.end())
        ):
            continue
        return name, match.start(group), match.start(), match.end()
    return None


def _named_counterfactual(text: str, people: PeopleIndex) -> tuple[str, int, int, int] | None:
    """ "This was avoidable if Tom had read the migration before approving it"."""
    match = _IF_NAMED.search(text)
    if match is None:
        return None
    name = match.group("name")
    if not (people.is_name(name) or _name_shaped(name, people)):
        return None
    return name, match.start("name"), match.start(), match.end()


def _person_at(text: str, offset: int, people: PeopleIndex) -> str | None:
    """The name, handle or singular role starting at `offset`, if one does."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, offset, offset + 60)]
    if not tokens:
        return None
    first = tokens[0][0]
    if first.startswith("@"):
        return first if people.is_name(first) else None
    if _INITIALS.fullmatch(first):
        return first
    index = _role_end([*tokens, ("x", len(text))])
    if index is not None:
        return text[offset : tokens[index - 1][1] + len(tokens[index - 1][0])]
    if people.is_name(first) or _name_shaped(first, people):
        return first
    return None


def _agent(
    text: str, offset: int, people: PeopleIndex, *, gerund: bool = False, grouped: bool = True
) -> tuple[str, int, str, int] | None:
    """(who, where, verb, where the verb starts) for a person opening the clause at `offset`.

    With `gerund`, after "the result of" or a root-cause lead, an -ing verb counts too.
    """
    tokens = [(m.group(), m.start()) for m in islice(_TOKEN.finditer(text, offset), 14)]
    if len(tokens) < 3:
        return None
    first, start = tokens[0]
    index: int | None = None
    shape_only = group = False
    if first.startswith("@"):
        index = 1 if people.is_name(first) else None
    elif _INITIALS.fullmatch(first) or first.casefold() in ("he", "she", "whoever"):
        index = 1
    elif first.casefold() in _TITLES and tokens[1][0] == "." and tokens[2][0][:1].isupper():
        index = 3
    else:
        index = _group_end(text, start, tokens) if grouped else None
        group = index is not None
        if index is None:
            index = _role_end(tokens)
        if index is None:
            index, shape_only = _name_end(tokens, people, text)
    if index is None:
        return None
    who = text[start : tokens[index - 1][1] + len(tokens[index - 1][0])]
    if (
        index + 1 < len(tokens)
        and tokens[index][0] in ("—", "–", ")", ",")
        and text[:start].rstrip().endswith("(" if tokens[index][0] == ")" else tokens[index][0])
    ):
        index += 1  # the name is the apposition: "somebody on the team — Ewa — bumped"
    elif index + 1 < len(tokens) and tokens[index][0] in _APPOSITION_OPEN:
        # "Our junior SRE, Lucía, wiped the cache", "— Ewa, as it turns out — bumped":
        # skip the words in apposition up to the comma, dash or bracket that closes them.
        closers = _APPOSITION_OPEN[tokens[index][0]]
        closing = next((i for i in range(index + 1, len(tokens)) if tokens[i][0] in closers), None)
        if closing is None or closing - index > 5:
            return None
        index = closing + 1
    if index < len(tokens) and tokens[index][0] in _POST_MODIFIERS and not shape_only:
        # "The night shift at the NOC sat on", "the developer who joined last week ran"
        after = _after_post_modifier(tokens, index)
        if after is None:
            return None
        index = after
    while index < len(tokens) and (
        tokens[index][0].casefold() in _ADVERBS
        or (tokens[index][0].islower() and tokens[index][0].endswith("ly"))
    ):
        index += 1
    if index >= len(tokens):
        return None
    verb, verb_start = tokens[index]
    lowered = verb.casefold()
    if not verb.islower() and lowered not in ("didn't", "didn’t") and not _ACRONYM_VERB.match(verb):
        return None
    following = tokens[index + 1][0].casefold() if index + 1 < len(tokens) else ""
    if lowered in ("hasn't", "hasn’t", "hadn't", "hadn’t") or (
        lowered in ("did", "had") and following == "not"
    ):
        if lowered.startswith("had") and text[:start].rstrip().casefold().endswith(
            ("if", "unless")
        ):
            return None  # "If Rasmus had not noticed the spike, ...": credit, not a fault
        lowered = "never"  # "Xiaoming hasn't followed the checklist once this year"
    if "-" in lowered and lowered.rsplit("-", 1)[1] in _RESPONSES:
        lowered = lowered.rsplit("-", 1)[1]  # "pair-debugged" is debugging
    if lowered == "took" and following == "over":
        return None  # "took over as incident commander"
    past = lowered.endswith("ed") or lowered in _IRREGULAR_PAST
    past = past or (gerund and lowered.endswith("ing") and len(lowered) > 5)
    habitual = lowered in _HABITUAL or (
        lowered.endswith("s") and not lowered.endswith("ss") and len(lowered) > 3
    )
    if group and lowered not in _HABITUAL:
        habitual = False  # "security policies", "support tickets": nouns, not a habit
    past = past or (habitual and not shape_only)  # "Kaveh never reads the release notes"
    if not past or (shape_only and lowered.endswith("ed") and len(lowered) < 5):
        return None
    if lowered == "rolled" and following != "back":
        lowered = "rolled out"  # a change, where "rolled back" is a response
    return who, start, lowered, verb_start


_POST_MODIFIERS = frozenset(("at", "from", "on", "in", "who", "that"))
"""Words after an agent that open a phrase about it ("at the NOC", "who joined last week")."""


def _after_post_modifier(tokens: list[tuple[str, int]], index: int) -> int | None:
    """Index of the clause's verb after a phrase about its agent: the first past-tense verb
    after a preposition, the second after "who" or "that" (the first is the phrase's own)."""
    relative = tokens[index][0] in ("who", "that")
    for at in range(index + 1, min(len(tokens), index + 9)):
        word = tokens[at][0]
        if word in (",", ";", ":", "(", "—", "–"):
            return None
        if word.islower() and (word.endswith("ed") or word in _IRREGULAR_PAST):
            if relative:
                relative = False
                continue
            return at
    return None


def _group_end(text: str, start: int, tokens: list[tuple[str, int]]) -> int | None:
    """Index after a named group opening the clause ("the payments team", "Networking"),
    when a lower-case word (its verb, perhaps) follows it."""
    group = GROUP_AGENT.match(text, start)
    if group is None:
        return None
    index = next((i for i, (_word, at) in enumerate(tokens) if at >= group.end()), None)
    if index is None or not tokens[index][0].islower() or tokens[index][0] in _PERSON_WORDS:
        return None  # "Security patches", "the vendor engineer": no group acting
    return index


def _role_end(tokens: list[tuple[str, int]]) -> int | None:
    """Index after a singular role phrase opening the clause ("the new hire"), if any."""
    first = tokens[0][0].casefold()
    if first not in _ROLE_DETERMINERS or first in _GENERIC:
        return None
    for size in (5, 4, 3, 2):
        if len(tokens) <= size:
            continue
        last = tokens[size - 1][0]
        if _plural(last) or not may_end_role(last):
            continue  # no singular role ends here: no need to try the phrase
        words = [word for word, _ in tokens[:size]]
        if not all(w[:1].isalpha() for w in words):
            continue
        if ROLE_PHRASE.match(" ".join(words)):
            return size
    return None


_APPOSITION_OPEN = {
    ",": frozenset((",", "—", "–")),
    "—": frozenset(("—",)),
    "–": frozenset(("–",)),
    "(": frozenset((")",)),
}
"""What opens words in apposition after a subject, and what may close them: a name between
commas, dashes or brackets ("Ewa, as it turns out —" closes at the dash its sentence opened)."""


_HABITUAL = frozenset(
    ("has", "keeps", "always", "constantly", "doesn't", "doesn’t", "does", "won't", "won’t")
)
"""Verbs of a habit or refusal: "Kaveh never reads", "Teodor doesn't read the runbooks"."""

_ROLE_DETERMINERS = frozenset(("the", "our", "their", "that", "this", "a", "an", "one", "some"))
_GENERIC = frozenset(("a", "an", "one", "some", "another"))
"""Determiners of a role nobody in particular holds ("an engineer made a typo")."""


def _plural(word: str) -> bool:
    folded = word.casefold()
    return folded.endswith("s") and not folded.endswith(("ss", "ops"))


def _name_end(
    tokens: list[tuple[str, int]], people: PeopleIndex, text: str = ""
) -> tuple[int | None, bool]:
    """(Index after a one- to three-word name opening the clause, whether only its shape does).

    A capitalised word whose ending reads like an English word's ("Greer", "Moses") is a
    name too when the clause says it is a person: a verb only people do follows it
    ("Greer insisted"), or "he", "she", "his" or "her" comes later ("Greer pushed his").
    """
    words: list[str] = []
    for word, _ in tokens[:3]:
        if not word[:1].isupper() or not word[:1].isalpha() or _ACRONYM_VERB.match(word):
            break
        words.append(word)
    if not words:
        return None, False
    known = people.is_name(words[0])
    shaped = _name_shaped(words[0], people) and all(people.looks_like_name(w) for w in words)
    if not known and not shaped and len(words) == 1 and people.looks_like_name(words[0]):
        after = tokens[1][0] if len(tokens) > 1 else ""
        if after in _HUMAN_VERBS or (
            after.islower()
            and _OWN_PRONOUN.search(text, tokens[1][1] if len(tokens) > 1 else 0) is not None
        ):
            return 1, True  # "Castellanos copied the export to his laptop"
    if not known and not shaped:
        return None, False
    if not known and (len(words) == 3 or (_plural(words[-1]) and len(words) == 1)):
        return None, False
    return len(words), not known


_HUMAN_VERBS = wordset(
    """
    decided insisted refused thought assumed chose promised agreed admitted claimed guessed
    panicked forgot ignored typed pasted clicked approved volunteered argued demanded
    neglected rushed hurried overrode misread mistyped fat-fingered bragged shrugged
    """
)
"""Verbs only people do: before one, a capitalised word is a name whatever its ending."""
_OWN_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b")
"""A pronoun later in the clause: the capitalised word opening it is a person."""


def _evidence(
    text: str, verb: str, verb_start: int, *, opening: bool = False
) -> tuple[int, int] | None:
    """The span of the marker or consequence that makes the action a fault, if any.

    With `opening` (the person opens the sentence, so the whole sentence is about them),
    manner and judgement markers before the person count too ("Despite the freeze, Kaveh").
    """
    found = _evidence_after(text, verb, verb_start)
    if found is not None or not opening or verb in _RESPONSES:
        return found
    before = text[:verb_start]
    if _REASON.search(text, verb_start + len(verb)):
        return None
    marker = _CARELESS.search(before) or _WEAK.search(before)
    return (marker.start(), marker.end()) if marker is not None else None


_LEFT_EXPOSED = re.compile(
    r"\s+(?:[\w'’-]+\s+){1,4}?(?:public|world-readable|publicly\s+readable|unencrypted|"
    r"unauthenticated|open\s+to\s+the\s+(?:internet|world))\b",
    re.IGNORECASE,
)
"""After "left": a resource exposed ("left the bucket public")."""


_BROKEN_THING = re.compile(
    r"\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+)?(?:build|site|checkout|logins?|deploys?|pipeline|api|"
    r"app|website|branch|homepage|search|payments|cluster|database|server|service|tests|"
    r"integration|release|staging|config|feed|sync|replication|backups?|auth)\b",
    re.IGNORECASE,
)
"""After "broke" or "crashed": a system or a build ("broke the build", "crashed the cluster")."""


_STOPPERS = wordset(
    "killed stopped cancelled canceled aborted terminated reverted paused disabled removed "
    "deleted blocked throttled isolated quarantined"
)
"""Verbs that stop a thing: a harmful thing after them is what they stopped."""


def _evidence_after(text: str, verb: str, verb_start: int) -> tuple[int, int] | None:
    """The span of a marker or consequence after the verb that makes the action a fault."""
    rest = text[verb_start:]
    if verb in _REPORTING and _CONTENT_CLAUSE.match(rest, len(verb)):
        return None  # "reported that the viewer loaded the wrong record": what they saw
    # "thought it was a good idea" holds its own verb: inaction is looked for from the verb.
    strong = _STRONG.search(rest, len(verb)) or _INACTION.search(rest)
    if strong is None and any(literal in rest for literal in _MISTAKEN_LITERALS):
        strong = _MISTAKEN_OR_NEGLECTED.search(rest, len(verb))
    if strong is not None:
        return verb_start + strong.start(), verb_start + strong.end()
    if verb in _RESPONSES:
        return None
    careless = _CARELESS.search(rest)  # from the verb: "SSHed into prod", "eyeballed"
    if careless is not None:
        return verb_start + careless.start(), verb_start + careless.end()
    reason = _REASON.search(rest, len(verb))  # "signed off on the build" is no reason
    if reason is not None and _INSTRUCTED.search(rest, 0, reason.start()):
        reason = None  # "was told twice to stop the job": an instruction, not a purpose
    if reason is not None and _MOTIVE.match(rest, reason.start()):
        motive = _MOTIVE.match(rest, reason.start())
        if verb not in _RESPONSES and motive is not None:
            return verb_start + motive.start(), verb_start + motive.end()
    if (verb in _FAULT_VERBS or verb.startswith("mis")) and (
        reason is None or verb in ("never", "forgot", "neglected", "overlooked")
    ):
        return verb_start, verb_start + len(verb)
    if reason is not None or _RECOVERY.search(rest):
        return None
    if (verb in _HARM_VERBS and verb not in _REMOVERS) or verb in ("took", "knocked", "brought"):
        if verb in ("took", "brought"):
            harmed = _TAKEN_DOWN.match(rest, len(verb))
        else:
            harmed = _HARM_OBJECT.match(rest, len(verb))
        if harmed is not None:
            return verb_start, verb_start + harmed.end()
    if verb == "left":
        exposed = _LEFT_EXPOSED.match(rest, len(verb))
        if exposed is not None and not _REASON.search(rest, exposed.end()):
            return verb_start, verb_start + exposed.end()
    if verb in ("broke", "crashed"):
        broken = _BROKEN_THING.match(rest, len(verb))
        if broken is not None:
            return verb_start, verb_start + broken.end()
    if verb not in _REMOVERS:
        state = _STATE.search(rest, len(verb))
        if state is not None and not _REPAIR_OF.search(rest, 0, state.start()):
            return verb_start + state.start(), verb_start + state.end()
    # From the verb itself: "let the handover slip", "commented the check out".
    found = _WEAK.search(rest) or _HARM.search(rest, len(verb))
    if found is None:
        return None
    if verb in _STOPPERS and found.re is _HARM and found.group()[:1].isalpha():
        return None  # "killed the query that locked the table": the harm is what they stopped
    return verb_start + found.start(), verb_start + found.end()
