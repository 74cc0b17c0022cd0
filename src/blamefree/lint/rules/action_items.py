"""BL3xx and PM1xx: action items that will actually get done.

An action item changes something only when it is concrete, owned by one person, dated and
typed (Prevent, Detect, Mitigate). Wishes such as "be more careful" change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime

from blamefree.domain.meeting import ReviewRequirements
from blamefree.lint._document import ActionRow, Cell, Document, Section
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._text import Folded, hit_at, hit_line, words

_ALWAYS_VAGUE = (
    r"be\s+(?:more\s+|extra\s+)?(?:careful|vigilant|diligent|cautious|attentive|thorough)|"
    r"take\s+(?:more\s+)?care|pay\s+(?:more\s+|closer\s+)?attention|try\s+harder|"
    r"(?:more|better|additional|extra)\s+training|(?:re-?)?train\s+(?:the\s+)?(?:team|engineers|"
    r"people|staff|everyone|developers)|better\s+communication|communicate\s+better|"
    r"improve\s+(?:our\s+|the\s+)?communication|raise\s+awareness|remind\s+(?:the\s+team|"
    r"everyone|engineers|people|developers)|double[\s-]check|be\s+more\s+aware|"
    r"make\s+sure\s+(?:this|it)\s+(?:does\s+not|doesn['’]t|never|won['’]t)\s+happen(?:s)?\s+again|"
    r"(?:prevent|avoid)\s+(?:this|it)\s+(?:from\s+)?happening\s+again|follow\s+(?:the\s+)?"
    r"(?:process|procedures?|runbook)\s+(?:more\s+)?(?:closely|carefully)|"
    r"(?:look|looking)\s+into\s+(?:it|this|the\s+issue)"
)
_GENERIC = (
    r"(?:improve|improving|enhance|better|more|increase|strengthen|review)\s+(?:our\s+|the\s+)?"
    r"(?:[\w-]+\s+)?"
    r"(?:monitoring|alerting|testing|tests|documentation|docs|processes|process|observability|"
    r"visibility|reliability|quality|tooling|coverage|communication|resilience|procedures|"
    r"runbooks|stability|code\s+reviews?)"
)
_VAGUE = Folded(re.compile(rf"\b(?:{_ALWAYS_VAGUE})\b", re.IGNORECASE))
_GENERIC_RE = Folded(re.compile(rf"\b{_GENERIC}\b", re.IGNORECASE))
_FILLER_WORDS = """
    we i you our the a an to need needs should must will would let's lets and or also overall
    in general generally further continue continuing more better some all of for on across
    around with at by within into about team teams engineers everyone this that it
"""
_FILLER = frozenset(_FILLER_WORDS.split())
_CONTENT_WORD = re.compile(r"[\w/-]+")
_EMAIL_TAIL = re.compile(r"\s*<[^>]*>\s*$")
_FRAGMENT_SENTENCE = re.compile(r"[^.!?\n]+")


_LEAD = Folded(
    re.compile(
        r"\s*(?:[-*]\s+)?(?:(?:action\s+item|ai|todo|follow[\s-]?up)(?:\s*#?\d+)?\s*[:.)-]\s*)?"
        r"(?:(?:going\s+forward|in\s+future|in\s+the\s+future|from\s+now\s+on),?\s+)?"
        r"(?:(?:we|the\s+(?:[\w-]+\s+)?team|teams|engineers|everyone|i|you)\s+(?:will|should|must|"
        r"shall|need\s+to|needs\s+to|are\s+going\s+to|is\s+going\s+to|plan\s+to|want\s+to|"
        r"would\s+like\s+to|aim\s+to|intend\s+to|commit\s+to|to)\s+|let['’]s\s+|to\s+)?",
        re.IGNORECASE,
    )
)
"""What may precede the verb of an action item: "Action item 3:", "We will", "Let's"."""
_WISH_VERB = Folded(
    re.compile(
        r"(?:improve|enhance|increase|strengthen|tighten(?:\s+up)?|revisit|review|re-?evaluate|"
        r"reassess|rethink|re-?examine|re-?consider|investigate|explore|look\s+into|consider|"
        r"work\s+on|do\s+better|be\s+(?:more|better)|keep\s+(?:a\s+(?:closer|close|better)|an)\s+eye|"
        r"ensure|make\s+sure|raise\s+awareness|educate|train|communicate|align|streamline|"
        r"optimi[sz]e|harden|bolster|boost|reduce|minimi[sz]e|prioriti[sz]e|focus|invest|continue|"
        r"monitor|pay\s+(?:more\s+|closer\s+)?attention|follow\s+best\s+practices?|clarify|refine|"
        r"formali[sz]e|assess|evaluate|audit|discuss|think\s+about|figure\s+out|find\s+ways?|"
        r"level\s+up|step\s+up|get\s+better|stay\s+on\s+top)\b"
        r"(?!\s+(?:of|in|was|were|is|are|has|had|showed|shows|found|took)\b)",
        re.IGNORECASE,
    )
)
_ALWAYS_WISH = Folded(
    re.compile(
        r"(?:do\s+better|be\s+(?:more|better)|keep\s+(?:a\s+(?:closer|close|better)|an)\s+eye|"
        r"raise\s+awareness|pay\s+(?:more\s+|closer\s+)?attention|follow\s+best\s+practices?|"
        r"educate|level\s+up|step\s+up|get\s+better|stay\s+on\s+top)\b",
        re.IGNORECASE,
    )
)
"""Wishes about people's conduct: vague whatever they are about."""
_ABSTRACT = Folded(
    re.compile(
        r"\b(?:monitoring|alerting|observability|visibility|process(?:es)?|procedures?|"
        r"documentation|docs|communications?|coordination|collaboration|testing|coverage|"
        r"reliability|resilience|stability|quality|robustness|tooling|awareness|practices?|"
        r"hygiene|culture|planning|response|readiness|ownership|handoffs?|hand-offs?|reviews?|"
        r"oversight|governance|approach|strategy|ways?|options|chances?|risks?|likelihood|"
        r"recurrence|safeguards|guardrails|controls|security|performance|efficiency|"
        r"error\s+handling|logging|alerts|dashboards|tests|checks|runbooks|training|knowledge|"
        r"understanding|vigilan(?:t|ce)|careful|proactive|diligen(?:t|ce)|attentive|thorough|"
        r"cautious|aware|rigou?r(?:ous)?|discipline|similar\s+(?:outages|incidents|issues|problems)|"
        r"things|situation|setup|workflow|workflows|system|systems|infrastructure|capacity)\b",
        re.IGNORECASE,
    )
)
"""Qualities and broad areas: an action about them alone names no change."""
"""Verbs that state a direction, not a change: done only once something concrete is named."""
_ANCHOR = re.compile(
    r"\d|`|@|\bowner\b|\bticket\b|\w[/_.]\w|(?-i:\b[a-z]+[A-Z]\w*)|"
    r"\b(?:by|on|until|before|due)\s+(?:the\s+)?(?:next\s+|this\s+)?(?:monday|tuesday|wednesday|"
    r"thursday|friday|end\s+of|q[1-4]|january|february|march|april|june|july|august|september|"
    r"october|november|december)\b(?!\s+(?:releases?|deploys?|deployments?|changes|nights?|"
    r"evenings?|mornings?|afternoons?))|\b(?:next|this)\s+(?:week|sprint|month|quarter)\b|"
    r"\btomorrow\b|"
    r"\b(?:and|then|by|so\s+that|to)\s+(?:add|adding|create|creating|write|writing|build|"
    r"building|implement|implementing|automate|automating|enforce|enforcing|require|requiring|"
    r"block|blocking|page|paging|alert|alerting\s+on|set|setting|configure|configuring|migrate|"
    r"migrating|replace|replacing|remove|removing|disable|disabling|enable|enabling|deploy|"
    r"deploying|schedule|scheduling|reject|rejecting|fail|limit|limiting|cap|capping|delete|"
    r"deleting|move|moving|split|splitting|pin|pinning|publish|publishing|document|documenting)\b|"
    r"\b(?:alerts?|dashboards?|tests?|checks?|hooks?|linters?|flags?|canary|canaries|runbook\s+"
    r"(?:sections?|steps?|entries|entry)|circuit\s+breakers?|rate\s+limits?|timeouts?|"
    r"thresholds?|quotas?|ttl|retention|intervals?|backoff|retries|replicas|pool\s+size|"
    r"batch\s+size)\s+(?:on|for|that|when|which|to|in|at|of|so|and\s+(?:page|alert))\b",
    re.IGNORECASE,
)
"""A number, date, owner or concrete deliverable: what makes an action item checkable."""


def _unanchored_wish(text: str) -> tuple[int, int] | None:
    """The span of an action whose verb states a direction and that names nothing concrete."""
    lead = _LEAD.match(text)
    start = lead.end() if lead is not None else 0
    verb = _WISH_VERB.match(text, start)
    if verb is None or _ANCHOR.search(text, start) is not None:
        return None
    if not _ALWAYS_WISH.match(verb.group()) and not _ABSTRACT.search(text, verb.end()):
        return None  # "Investigate the memory usage of the agent" names what to look at
    end = len(text.rstrip(" \t.!;:"))
    return (start, end) if end > verb.end() else None


def _vague_spans(text: str, extra: re.Pattern[str] | None) -> Iterator[tuple[int, int]]:
    found = False
    for match in _VAGUE.finditer(text):
        found = True
        yield match.start(), match.end()
    if extra is not None:
        for match in extra.finditer(text):
            found = True
            yield match.start(), match.end()
    for match in _GENERIC_RE.finditer(text):
        rest = text[: match.start()] + " " + text[match.end() :]
        content = [w for w in _CONTENT_WORD.findall(rest.casefold()) if w not in _FILLER]
        if len(content) <= 1:
            found = True
            yield match.start(), match.end()
    if not found:
        wish = _unanchored_wish(text)
        if wish is not None:
            yield wish


@rule(
    "BL301",
    "vague-action",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="A vague wish as an action item: nobody can tell when it is done.",
    suggestion="Name a concrete change with a done-condition, e.g. 'Page on replication lag "
    "above 30 s for the orders database'.",
)
def vague_action(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Action items that are wishes: "improve monitoring", "be more careful", "more training".

    Checked in the Action items section, and everywhere in a text without `##` sections
    (an editor field or a pasted paragraph). Teams add phrases with `vague_phrases`. An item
    that opens (after "We will", "Action item 3:") with a verb that only states a direction
    (improve, review, revisit, look into, tighten up, keep an eye on) about a broad area
    (process, monitoring, coordination) is vague unless it names something checkable: a
    number, a date, an owner, an identifier, or a concrete change ("and remove ...", "so that
    ...", "an alert on ...").

    Bad: Improve monitoring.
    Bad: Engineers should be more careful when running migrations.
    Bad: More training on the deploy process.
    Bad: We will revisit our incident response process.
    Bad: Look into better observability for the search service.
    Good: Add a replication-lag alert that pages at 30 seconds for the orders database.
    Good: Make the migration tool refuse to run on the primary without --force.
    Good: Review the IAM roles of the deploy pipeline and remove unused admin grants.
    """
    extra = None
    if ctx.config.vague_phrases:
        extra = re.compile(rf"\b(?:{words('|'.join(ctx.config.vague_phrases))})\b", re.I)
    if doc.is_fragment:
        seen: set[int] = set()
        for sentence in _FRAGMENT_SENTENCE.finditer(doc.prose):
            for start, end in _vague_spans(sentence.group(), extra):
                if sentence.start() + start not in seen:
                    seen.add(sentence.start() + start)
                    yield hit_at(doc, sentence.start() + start, sentence.start() + end)
        return
    for row in doc.action_rows:
        cell = row.description
        if cell is None:
            continue
        done: set[int] = set()
        for start, end in _vague_spans(cell.text, extra):
            if start not in done:
                done.add(start)
                yield Hit(row.line, cell.column + start, end - start)


_PLACEHOLDER = frozenset({"", "-", "--", "?", "tbd", "tba", "n/a", "na", "none", "todo"})


def _table_rows(doc: Document) -> Iterator[ActionRow]:
    for row in doc.action_rows:
        if len(row.cells) > 1:
            yield row


def _cell_text(row: ActionRow, column: str) -> str:
    cell = row.get(column)
    return cell.text.strip().strip("*_").strip() if cell else ""


def _cell_hit(row: ActionRow, column: str, message: str | None = None) -> Hit:
    cell = row.get(column) or row.description or Cell("", 1)
    return Hit(row.line, cell.column, max(1, len(cell.text)), message)


def _owner(row: ActionRow) -> str:
    """The owner cell without an e-mail address: "Priya Raman <priya@example.com>"."""
    text = _cell_text(row, "owner")
    return _EMAIL_TAIL.sub("", text).strip() if "<" in text else text.strip()


def _required_cell_hit(
    row: ActionRow, column: str, problem: Callable[[str], str | None]
) -> Hit | None:
    """A hit when the cell is empty or a placeholder, or when `problem` finds fault with it."""
    text = _cell_text(row, column)
    if text.casefold() in _PLACEHOLDER:
        return _cell_hit(row, column)
    message = problem(text)
    return _cell_hit(row, column, message) if message is not None else None


def _policy_section(doc: Document, ctx: LintContext) -> tuple[ReviewRequirements, Section] | None:
    """The review requirements and the Action items section, when both are there."""
    section = doc.section("Action items")
    if ctx.requirements is None or section is None:
        return None
    return ctx.requirements, section


@rule(
    "PM101",
    "owner-is-team",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The owner is a team; an item owned by everyone is owned by no one.",
    suggestion="Name one person who will drive it; the team can still do the work.",
)
def owner_is_team(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An action item whose owner is a team, a group or a rotation rather than one person.

    Bad:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | SRE team | 2026-01-15 | open | |
    Good:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    """
    for row in _table_rows(doc):
        owner = _owner(row)
        if owner.casefold() not in _PLACEHOLDER and ctx.people.is_team(owner):
            yield _cell_hit(row, "owner", f"The owner '{owner}' is a team; name one person.")


@rule(
    "PM102",
    "owner-missing",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The action item has no owner, so nobody is expected to drive it.",
    suggestion="Put one person's name in the Owner column.",
)
def owner_missing(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An action-item row with an empty or placeholder owner ("TBD", "-").

    Bad:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | TBD | 2026-01-15 | open | |
    Good:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    """
    for row in _table_rows(doc):
        if _owner(row).casefold() in _PLACEHOLDER:
            yield _cell_hit(row, "owner")


def _parse_date(text: str) -> date | None:
    text = text.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None


@rule(
    "PM103",
    "deadline-missing",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The action item has no deadline (YYYY-MM-DD), so it can slip forever.",
    suggestion="Agree on a date in the meeting and write it as YYYY-MM-DD.",
)
def deadline_missing(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An action-item row without a readable deadline date.

    Bad:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | soon | open | |
    Good:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    """
    for row in _table_rows(doc):
        hit = _required_cell_hit(row, "deadline", _not_a_date)
        if hit is not None:
            yield hit


def _not_a_date(text: str) -> str | None:
    if _parse_date(text) is None:
        return f"The deadline '{text}' is not a date; write it as YYYY-MM-DD."
    return None


_TYPES = ("prevent", "detect", "mitigate")


@rule(
    "PM104",
    "type-missing",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The action item has no type; Prevent, Detect or Mitigate says what it protects.",
    suggestion="Set Type to Prevent, Detect or Mitigate.",
)
def type_missing(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An action-item row whose Type is empty or not one of Prevent, Detect, Mitigate.

    Bad:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | | Priya Raman | 2026-01-15 | open | |
    Good:
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    """
    for row in _table_rows(doc):
        hit = _required_cell_hit(row, "type", _not_a_type)
        if hit is not None:
            yield hit


def _not_a_type(text: str) -> str | None:
    if text.casefold() not in _TYPES:
        return f"'{text.casefold()}' is not a type; use Prevent, Detect or Mitigate."
    return None


_CLOSED = frozenset(
    {
        "done",
        "closed",
        "complete",
        "completed",
        "fixed",
        "won't do",
        "wont do",
        "wontfix",
        "won't fix",
        "wont fix",
    }
)


@rule(
    "PM105",
    "deadline-past-at-publish",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The deadline is already past at publish time, so the item starts out overdue.",
    suggestion="Agree on a realistic new date, or close the item with its outcome.",
)
def deadline_past_at_publish(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """An open item whose deadline is before the publish date (or before today for a draft).

    Bad:
        ---
        published: 2026-02-01T10:00:00Z
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    Good:
        ---
        published: 2026-02-01T10:00:00Z
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-03-15 | open | |
    """
    published = _parse_date(doc.front_str("published") or "")
    reference = published or ctx.today
    if reference is None:
        return
    when = "the publish date" if published else "today"
    for row in _table_rows(doc):
        if _cell_text(row, "status").casefold() in _CLOSED:
            continue
        deadline = _parse_date(_cell_text(row, "deadline"))
        if deadline is not None and deadline < reference:
            yield _cell_hit(
                row,
                "deadline",
                f"The deadline {deadline.isoformat()} is before {when} "
                f"({reference.isoformat()}); the item starts out overdue.",
            )


@rule(
    "PM106",
    "action-item-count",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="The number of action items is outside what the severity policy asks for.",
    suggestion="Too few leaves factors unaddressed; too many dilutes follow-through.",
)
def action_item_count(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """Fewer action items than the policy minimum (3 for a full review) or more than 5.

    Bad:
        ---
        severity: SEV1
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    Good:
        ---
        severity: SEV1
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
        | Guard migrations on the primary | Prevent | Tom Ng | 2026-01-20 | open | |
        | Document the failover drill | Mitigate | Ana Silva | 2026-01-30 | open | |
    """
    found = _policy_section(doc, ctx)
    if found is None:
        return
    requirements, section = found
    count = len(doc.action_rows)
    low, high = requirements.min_action_items, requirements.max_action_items
    if count < low or count > high:
        yield hit_line(
            doc,
            section.line,
            message=f"{count} action item{'' if count == 1 else 's'}; a {requirements.review} "
            f"review asks for {low} to {high}.",
        )


@rule(
    "PM107",
    "no-prevent-item",
    Family.ACTION_ITEMS,
    Severity.WARNING,
    message="No action item is of type Prevent, so nothing stops this incident from recurring.",
    suggestion="Add at least one Prevent item that removes a contributing factor.",
)
def no_prevent_item(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A review that the policy says needs a Prevent item, with none in the table.

    Bad:
        ---
        severity: SEV0
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Add a lag alert | Detect | Priya Raman | 2026-01-15 | open | |
    Good:
        ---
        severity: SEV0
        ---
        ## Action items
        | Action item | Type | Owner | Deadline | Status | Ticket |
        | --- | --- | --- | --- | --- | --- |
        | Guard migrations on the primary | Prevent | Tom Ng | 2026-01-20 | open | |
    """
    found = _policy_section(doc, ctx)
    if found is None or not found[0].requires_prevent_item:
        return
    section = found[1]
    if not any(_cell_text(row, "type").casefold() == "prevent" for row in doc.action_rows):
        yield hit_line(doc, section.line)
