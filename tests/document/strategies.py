"""Hypothesis strategies for postmortems, constrained only where the format says so.

Each constraint below matches a limit written down in docs/format.md ("What the format
cannot carry"); everything else is generated freely.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from blamefree.domain import (
    SINGLE_HOLDER_ROLES,
    ActionItem,
    ActionStatus,
    ActionType,
    CommunicationState,
    ContributingFactor,
    EventKind,
    ExternalCommunication,
    Incident,
    IncidentTimes,
    Participant,
    Postmortem,
    PostmortemStatus,
    Role,
    Severity,
    TimelineEvent,
    Visibility,
    WhyStep,
)

# Limit: valid Unicode text without NUL and without carriage returns (CRLF is normalised).
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r")
_TRICKY = st.sampled_from(
    ["|", "\\", '"', "'", "#", "--", "-->", "<!--", ":", "*", "~", "`", "<b>", "&amp;", "é", "€",
    "Tomás Silva", "李雷", "yes", "no", "null", "~", ": ", "&anchor", "!tag", "*alias", "%"]
)  # fmt: skip
# Words YAML reads as something other than the string written (booleans, null, anchors, tags,
# comments, flow collections, quotes) and names outside ASCII.
_YAML_SPECIAL = st.sampled_from(
    ["yes", "No", "null", "~", "true", "1.5", "0x10", "2024-05-01", "a: b", "# c", "a #b", "*x",
    "&x", "!x", "'q'", '"q"', "[a]", "{a: 1}", "- a", "? a", "@a", "`a`", "%a", "a:",
    "Tomás Silva", "李雷", "Zoë O'Brien", "Ωmega"]
)  # fmt: skip


def _words(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """One line of text mixing arbitrary characters with format-significant tokens."""
    piece = st.one_of(st.text(_CHARS, min_size=1, max_size=8), _TRICKY)
    return (
        st.lists(piece, min_size=min_size, max_size=max(min_size, max_size // 4))
        .map(" ".join)
        .map(lambda s: " ".join(s.split()))
        .filter(lambda s: len(s) >= min_size)
    )


def one_line(max_size: int = 40) -> st.SearchStrategy[str]:
    """A non-empty single line, as stored by the domain (whitespace runs collapsed)."""
    return st.one_of(_words(1, max_size), _YAML_SPECIAL)


# Line starts the parser reads as structure somewhere in a document: headings of every
# level, front matter and table rules, numbered Why steps, timeline entries, prompt
# comments, code fences (also escaped and indented ones), 'Category:' and 'Status:' lines.
_LINE_STARTS = st.sampled_from(
    ["# ", "## ", "## Summary", "## Timeline", "### ", "#", "##\t", "---", "...", "| ", "|",
    "1. ", "12) ", "  1. ", "- 12:00Z - ", "- ~2024-05-01T12:00:00Z - ", "<!-- ", "-->",
    "```", "~~~", "```python", "  ```", "\u3000~~~", "\\## ", "\\\\## ", "\\```",
    "\\<!-- x -->", "Category: ", "**Category:** ", "\\Category: ", "Status: approved",
    "1\\. ", "\\### "]
)  # fmt: skip


def adversarial_line() -> st.SearchStrategy[str]:
    """One line that starts like structure, or a prompt comment on a line of its own."""
    return st.one_of(
        st.tuples(_LINE_STARTS, st.just("") | one_line(20)).map("".join),
        one_line(20).map(lambda s: f"<!-- {s} -->"),
        one_line(20).map(lambda s: f"  <!-- {s} -->  "),
    )


_CODE_BLOCKS = st.sampled_from(
    [
        "```\n## not a section\n# not a title\n```",
        "~~~text\n### not a factor\n1. not a why\n<!-- kept -->\n```\n~~~",
        "```\n\\## kept as written\n```",
    ]
)


def markdown_text() -> st.SearchStrategy[str]:
    """Free Markdown for the prose sections: lines, blank lines, lists, tables, code."""
    line = st.one_of(
        st.text(_CHARS, max_size=30),
        one_line().map(lambda s: f"- {s}"),
        one_line().map(lambda s: f"  {s}  "),
        adversarial_line(),
        adversarial_line(),
        st.just("| a | b |\n| --- | --- |\n| 1 | 2 \\| 3 |"),
        st.just("### A sub-heading"),
        st.just("Two trailing spaces make a hard break  \nhere"),
        st.just(""),
        _CODE_BLOCKS,
    )
    # The domain strips each section; generate what it keeps.
    return st.lists(line, max_size=6).map("\n".join).map(str.strip)


def _utc(start: datetime, max_days: int = 4) -> st.SearchStrategy[datetime]:
    return st.integers(-3600 * 30, 86400 * max_days).flatmap(
        lambda secs: st.sampled_from([0, 0, 0, 250000]).map(
            lambda micro: start + timedelta(seconds=secs, microseconds=micro)
        )
    )


# Limit: years 1000-9999 (RFC 3339); the generator stays in this century.
_STARTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 28), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))


@st.composite
def incident_times(draw: st.DrawFn, start: datetime) -> IncidentTimes:
    steps = sorted(draw(st.lists(st.integers(0, 86400 * 2), min_size=4, max_size=4)))
    values = [start, *(start + timedelta(seconds=s) for s in steps)]
    names = ("started", "detected", "acknowledged", "mitigated", "resolved")
    keep = draw(st.lists(st.booleans(), min_size=5, max_size=5))
    return IncidentTimes(**{n: v for n, v, k in zip(names, values, keep, strict=True) if k})


_IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z")
_SOURCE = st.from_regex(r"\A[a-z0-9][a-z0-9_.-]{0,12}\Z")
_REF = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=12
).filter(lambda s: not any(c.isspace() for c in s))


def _title() -> st.SearchStrategy[str]:
    return st.one_of(one_line(60), st.sampled_from(["#", "C#", "a #", "a ##", "## b", "x \\#"]))


@st.composite
def participants(draw: st.DrawFn) -> tuple[Participant, ...]:
    names = draw(
        st.lists(
            one_line(20).filter(lambda s: not any(c in s for c in "<>")),
            max_size=7,
            unique_by=str.casefold,
        )
    )
    free_roles = list(SINGLE_HOLDER_ROLES)
    people: list[Participant] = []
    for name in names:
        roles: list[Role] = []
        for role in list(free_roles):
            if draw(st.booleans()) and draw(st.booleans()):
                roles.append(role)
                free_roles.remove(role)
        # Limit: a person with no role has no place in the document.
        if draw(st.booleans()) or not roles:
            roles.append(Role.RESPONDER)
        email = draw(st.none() | st.from_regex(r"\A[a-z0-9._+-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,3}\Z"))
        people.append(Participant(name=name, email=email, roles=tuple(roles)))
    return canonical_people(tuple(people))


def canonical_people(people: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """The order the document keeps: role holders by role, then the other responders."""
    order: list[Participant] = []
    for role in SINGLE_HOLDER_ROLES:
        order += [p for p in people if p.has(role) and p not in order]
    order += [p for p in people if p not in order]
    return tuple(order)


@st.composite
def events(draw: st.DrawFn, start: datetime) -> tuple[TimelineEvent, ...]:
    result = []
    for _ in range(draw(st.integers(0, 8))):
        at = draw(_utc(start))
        ended = draw(
            st.none() | st.integers(0, 7200).map(lambda s, at=at: at + timedelta(seconds=s))
        )
        result.append(
            TimelineEvent(
                at=at,
                text=draw(one_line(60)),
                source=draw(st.just("manual") | _SOURCE),
                kind=draw(st.sampled_from(list(EventKind))),
                actor=draw(st.none() | one_line(20)),
                evidence=tuple(draw(st.lists(_REF, max_size=3, unique=True))),
                approximate=draw(st.booleans()),
                count=draw(st.integers(1, 50)),
                ended_at=ended,
            )
        )
    return tuple(result)


def _answer() -> st.SearchStrategy[str]:
    return st.just("") | one_line() | adversarial_line().map(lambda s: " ".join(s.split()))


@st.composite
def factors(draw: st.DrawFn) -> tuple[ContributingFactor, ...]:
    return tuple(
        ContributingFactor(
            title=draw(_title()),
            category=draw(st.none() | st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,15}\Z")),
            description=draw(markdown_text()),
            whys=tuple(
                WhyStep(question=draw(one_line()), answer=draw(_answer()))
                for _ in range(draw(st.integers(0, 5)))
            ),
        )
        for _ in range(draw(st.integers(0, 3)))
    )


@st.composite
def action_items(draw: st.DrawFn) -> tuple[ActionItem, ...]:
    items = []
    for _ in range(draw(st.integers(0, 5))):
        status = draw(st.sampled_from(list(ActionStatus)))
        items.append(
            ActionItem(
                description=draw(one_line()),
                type=draw(st.none() | st.sampled_from(list(ActionType))),
                owner=draw(st.none() | one_line(20)),
                deadline=draw(st.none() | st.dates(date(2000, 1, 1), date(2099, 12, 31))),
                status=status,
                rationale=draw(one_line()) if status is ActionStatus.WONT_DO else None,
                ticket_url=draw(st.none() | one_line(20)),
            )
        )
    return tuple(items)


@st.composite
def postmortems(draw: st.DrawFn) -> Postmortem:
    start = draw(_STARTS)
    times = draw(incident_times(start))
    incident = Incident(
        id=draw(_IDS),
        title=draw(_title()),
        severity=draw(st.sampled_from(list(Severity))),
        times=times,
        services=tuple(draw(st.lists(one_line(15), max_size=3))),
        tags=tuple(draw(st.lists(one_line(15), max_size=3))),
        repeat_of=tuple(draw(st.lists(_IDS, max_size=2))),
        near_miss=draw(st.booleans()),
    )
    comm_text = draw(markdown_text())
    return Postmortem(
        incident=incident,
        status=draw(st.sampled_from(list(PostmortemStatus))),
        visibility=draw(st.sampled_from(list(Visibility))),
        participants=draw(participants()),
        summary=draw(markdown_text()),
        impact=draw(markdown_text()),
        # Without 'started' there is no date anchor and the renderer writes the first event
        # time in full; both cases are generated.
        timeline=draw(events(start)),
        factors=draw(factors()),
        what_went_well=draw(markdown_text()),
        where_we_got_lucky=draw(markdown_text()),
        action_items=draw(action_items()),
        lessons_learned=draw(markdown_text()),
        external_communication=ExternalCommunication(
            state=draw(st.sampled_from(list(CommunicationState))), text=comm_text
        ),
        meeting_at=draw(st.none() | _utc(start, 20)),
        published_at=draw(st.none() | _utc(start, 30)),
    )
