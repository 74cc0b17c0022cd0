"""Round trip, error messages and hostile input for the Markdown exchange format."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings

from blamefree.document import parse_postmortem, render_postmortem
from blamefree.domain import (
    SECTION_TITLES,
    ActionItem,
    ActionStatus,
    ActionType,
    CommunicationState,
    ContributingFactor,
    DocumentError,
    EventKind,
    ExternalCommunication,
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
from tests.builders import (
    make_action_item,
    make_event,
    make_factor,
    make_incident,
    make_postmortem,
)
from tests.document.strategies import postmortems

ROUND_TRIP = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@ROUND_TRIP
@given(postmortems())
def test_render_parse_round_trip_is_lossless_and_stable(pm: Postmortem) -> None:
    text = render_postmortem(pm)
    parsed = parse_postmortem(text)
    assert parsed == pm
    assert render_postmortem(parsed) == text


PROMPTS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
STRUCTURED = ("Timeline", "Contributing factors", "Action items", "External communication")


@PROMPTS
@given(postmortems())
def test_prompt_comments_in_structured_sections_are_dropped(pm: Postmortem) -> None:
    text = render_postmortem(pm)
    for title in STRUCTURED:
        text = text.replace(
            f"\n## {title}\n", f"\n## {title}\n<!-- What goes in {title}? -->\n  <!-- -->\n"
        )
    head, factors = text.split("\n## Contributing factors\n")
    factors, tail = factors.split("\n## What went well\n")
    for factor in pm.factors[1:]:
        heading = f"\n\n### {factor.title}"
        factors = factors.replace(heading, f"\n<!-- next factor -->{heading}", 1)
    text = f"{head}\n## Contributing factors\n{factors}\n## What went well\n{tail}"
    assert parse_postmortem(text) == pm


# ---------------------------------------------------------------------------------------
# Example-based tests: one behaviour each, exact values and exact line numbers.
# ---------------------------------------------------------------------------------------

HEAD = """\
---
id: INC-1042
title: Checkout errors
severity: SEV2
times:
  started: 2026-03-04T14:02:00Z
  resolved: 2026-03-04T15:10:00Z
---

# Checkout errors
"""
BODY = 11
"""Line number of the first body line in `doc(...)`."""


def doc(body: str) -> str:
    """A document with HEAD's front matter and title; `body` starts at line BODY."""
    return HEAD + textwrap.dedent(body).lstrip("\n")


def front(meta: str) -> str:
    """A document whose front matter starts at line 2 with `meta`."""
    return "---\n" + textwrap.dedent(meta).strip("\n") + "\n---\n\n## Summary\n\nText.\n"


def parse_error(text: str, source: str | None = None) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        parse_postmortem(text, source=source)
    return info.value


def utc(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


CANONICAL = """\
---
id: INC-1042
title: Checkout errors after deploy
severity: SEV2
status: draft
visibility: internal
times:
  started: 2026-03-04T14:02:00Z
  detected: 2026-03-04T14:09:00Z
  acknowledged: 2026-03-04T14:12:00Z
  mitigated: 2026-03-04T14:51:00Z
  resolved: 2026-03-04T15:10:00Z
services:
  - checkout
roles:
  owner: Ana Lima <ana@example.com>
participants:
  - Ravi Menon
---

# Checkout errors after deploy

## Summary

Checkout returned errors for 68 minutes after a deploy.

## Impact

## Timeline

- 14:02Z - Error rate on checkout rises <!-- kind=deploy source=deploys -->

## Contributing factors

### Migration locks a hot table

Category: change-management

1. Why did checkout time out?
   The orders table was locked.
2. Why was it locked?
   The migration rewrote the table.

## What went well

## Where we got lucky

## Action items

| Action item | Type | Owner | Deadline | Status | Ticket |
| --- | --- | --- | --- | --- | --- |
| Run schema migrations outside the deploy | Prevent | Ana Lima | 2026-04-01 | open | |

## Lessons learned

## External communication
"""


def test_canonical_render_of_a_postmortem() -> None:
    pm = make_postmortem()
    assert render_postmortem(pm) == CANONICAL
    assert parse_postmortem(CANONICAL) == pm


# Front matter ----------------------------------------------------------------------------


def test_front_matter_keys() -> None:
    pm = parse_postmortem(
        front(
            """
            id: INC-7
            title: 'Search: empty results'
            severity: P1
            status: in-review
            visibility: restricted
            near_miss: true
            repeat_of: [INC-3]
            meeting: 2026-03-06T10:00:00+01:00
            published: 2026-03-09T12:00:00Z
            services: search
            tags: [db, 7]
            roles:
              owner: Tomás Silva <tomas@example.com>
              facilitator: 李雷
            participants:
              - Tomás Silva
              - Omar Haddad
            """
        )
    )
    incident = pm.incident
    assert (incident.id, incident.title, incident.severity) == (
        "INC-7",
        "Search: empty results",
        Severity.SEV1,
    )
    assert (pm.status, pm.visibility) == (PostmortemStatus.IN_REVIEW, Visibility.RESTRICTED)
    assert (incident.near_miss, incident.repeat_of) == (True, ("INC-3",))
    assert (incident.services, incident.tags) == (("search",), ("db", "7"))
    assert pm.meeting_at == utc(6, 9, 0)
    assert pm.published_at == utc(9, 12, 0)
    assert pm.participants == (
        Participant(
            name="Tomás Silva", email="tomas@example.com", roles=(Role.OWNER, Role.RESPONDER)
        ),
        Participant(name="李雷", roles=(Role.FACILITATOR,)),
        Participant(name="Omar Haddad", roles=(Role.RESPONDER,)),
    )
    text = render_postmortem(pm)
    assert "severity: SEV1\nstatus: in review\nvisibility: restricted\nnear_miss: true\n" in text
    assert '\ntitle: "Search: empty results"\n' in text
    assert "\nroles:\n  owner: Tomás Silva <tomas@example.com>\n  facilitator: 李雷\n" in text
    assert "\nparticipants:\n  - Tomás Silva <tomas@example.com>\n  - Omar Haddad\n---\n" in text


@pytest.mark.parametrize(
    ("meta", "line", "reason"),
    [
        (
            "id: INC-1\ntitle: T\nseverity: urgent",
            4,
            "severity 'urgent' is not one of SEV0-SEV3, P0-P3, critical, major, minor or low",
        ),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\ntimes:\n  started: 2026-03-04T14:02:00",
            6,
            "times.started: 2026-03-04T14:02:00 has no timezone; add 'Z' for UTC or an offset "
            "such as +02:00",
        ),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\nmeeting: soon",
            5,
            "meeting: 'soon' is not an RFC 3339 time such as 2024-05-01T14:02:00Z",
        ),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\nowner: Ana",
            5,
            "unknown front matter key 'owner'; expected one of id, title, severity, status, "
            "visibility, near_miss, repeat_of, times, meeting, published, services, tags, "
            "roles, participants",
        ),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\ntimes:\n  begun: 2026-03-04T14:02:00Z",
            6,
            "unknown time 'begun'; expected started, detected, acknowledged, mitigated, resolved",
        ),
        ("title: T\nseverity: SEV2", 2, "front matter needs 'id:'"),
        ("id: INC-1\ntitle: T", 2, "front matter needs 'severity:'"),
        ("id: INC-1\nseverity: SEV2", 2, "front matter needs 'title:' (or a '# Title' heading)"),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\nstatus: final",
            5,
            "status 'final' is not one of draft, in review, published",
        ),
        (
            "id: INC-1\ntitle: T\nseverity: SEV2\nroles:\n  scribe: Ana",
            6,
            "unknown role 'scribe'; roles are owner, facilitator, notetaker, incident_commander, "
            "customer_liaison (list responders under 'participants:')",
        ),
        ("id: INC-1\ntitle: T\nseverity: SEV2\ntags: {a: 1}", 5, "'tags:' must be a list of names"),
        ("id: INC-1\ntitle: [unclosed", 3, "front matter is not valid YAML"),
        ("id: bad id\ntitle: T\nseverity: SEV2", 2, "id: String should match pattern"),
    ],
)
def test_front_matter_errors_name_the_line(meta: str, line: int, reason: str) -> None:
    error = parse_error(front(meta))
    assert error.line == line
    assert error.reason.startswith(reason)


def test_out_of_order_times_name_both_fields_and_the_later_line() -> None:
    error = parse_error(
        front(
            """
            id: INC-1
            title: T
            severity: SEV2
            times:
              started: 2026-03-04T14:02:00Z
              detected: 2026-03-04T14:09:00Z
              resolved: 2026-03-04T14:05:00Z
            """
        )
    )
    assert error.line == 8
    assert error.reason == (
        "times are out of order: resolved (2026-03-04T14:05:00+00:00) is before detected "
        "(2026-03-04T14:09:00+00:00); phases run started -> detected -> acknowledged -> "
        "mitigated -> resolved"
    )


def test_offsets_are_converted_to_utc() -> None:
    pm = parse_postmortem(
        front("id: INC-1\ntitle: T\nseverity: SEV2\ntimes:\n  started: 2026-03-04T16:02:00+02:00")
    )
    assert pm.incident.times.started == utc(4, 14, 2)
    assert "  started: 2026-03-04T14:02:00Z\n" in render_postmortem(pm)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("id: INC-1\n", 1, "expected front matter starting with '---'"),
        ("---\nid: INC-1\n", 1, "front matter opened with '---' is never closed by '---'"),
        ("---\n- a\n---\n", 2, "front matter must be a mapping of keys to values"),
    ],
)
def test_front_matter_shape_errors(text: str, line: int, reason: str) -> None:
    error = parse_error(text)
    assert (error.line, error.reason.startswith(reason)) == (line, True)


def test_errors_name_the_file() -> None:
    error = parse_error(front("id: INC-1\ntitle: T\nseverity: SEV9"), source="pm/inc-1.md")
    assert str(error).startswith("pm/inc-1.md, line 4: severity 'SEV9' is not one of")
    assert error.source == "pm/inc-1.md"


def test_heading_must_match_the_front_matter_title() -> None:
    error = parse_error(HEAD.replace("# Checkout errors", "# Checkout outage"))
    assert error.line == 10
    assert error.reason == (
        "heading '# Checkout outage' differs from the front matter title 'Checkout errors'; "
        "keep them the same"
    )


# Sections --------------------------------------------------------------------------------


def test_missing_sections_are_empty_and_rendered_back() -> None:
    pm = parse_postmortem(doc("## Impact\n\nSlow search.\n"))
    assert (pm.summary, pm.impact, pm.timeline, pm.action_items) == ("", "Slow search.", (), ())
    text = render_postmortem(pm)
    assert [line for line in text.split("\n") if line.startswith("## ")] == [
        f"## {title}" for title in SECTION_TITLES
    ]


def test_section_titles_are_case_insensitive() -> None:
    pm = parse_postmortem(doc("## summary\n\nA.\n\n## WHAT WENT WELL\n\nB.\n"))
    assert (pm.summary, pm.what_went_well) == ("A.", "B.")


def test_duplicate_section_names_both_lines() -> None:
    error = parse_error(doc("## Summary\n\nA.\n\n## Summary\n\nB.\n"))
    assert error.line == BODY + 4
    assert error.reason == f"section '## Summary' appears twice (first at line {BODY})"


def test_unknown_section() -> None:
    error = parse_error(doc("## Summary\n\nA.\n\n## Timelines\n"))
    assert error.line == BODY + 4
    assert error.reason.startswith("unknown section '## Timelines'; sections are: Summary, Impact")


def test_text_before_the_first_section() -> None:
    error = parse_error(doc("Stray text\n\n## Summary\n"))
    assert error.line == BODY
    assert error.reason == "text before the first '## ' section; start with '## Summary'"


def test_a_second_title_before_the_sections_is_an_error() -> None:
    error = parse_error(doc("# Another title\n\n## Summary\n"))
    assert error.line == BODY
    assert error.reason == "a second '# ' title; use '##' for sections and '###' inside them"


def test_a_hash_heading_inside_a_section_is_text() -> None:
    # Once reported as "a second '# ' title": free text may hold a level-one heading.
    pm = parse_postmortem(doc("## Summary\n\n# What happened\n\nCheckout failed.\n"))
    assert pm.summary == "# What happened\n\nCheckout failed."
    assert "## Summary\n\n# What happened\n\nCheckout failed.\n" in render_postmortem(pm)


def test_headings_in_code_fences_are_not_sections() -> None:
    body = "## Summary\n\n```\n## Timeline\n# not a title\n```\n\n~~~\n## Impact\n~~~\n"
    pm = parse_postmortem(doc(body))
    assert pm.summary == "```\n## Timeline\n# not a title\n```\n\n~~~\n## Impact\n~~~"
    assert pm.timeline == ()
    assert render_postmortem(parse_postmortem(render_postmortem(pm))) == render_postmortem(pm)


@pytest.mark.parametrize(
    ("summary", "written"),
    [
        ("## Timeline", "\\## Timeline"),
        ("\\## Timeline", "\\\\## Timeline"),
        ("# Big heading", "# Big heading"),
        ("### Small heading", "### Small heading"),
        ("```\nnever closed", "\\```\nnever closed"),
        ("Text\n  ~~~\nnever closed", "Text\n  \\~~~\nnever closed"),
        ("\\```", "\\\\```"),
        ("```\n## inside\n```", "```\n## inside\n```"),
        ("<!-- kept in prose -->", "<!-- kept in prose -->"),
        ("1. a list", "1. a list"),
        ("---\n| a |\n- 12:00Z - not an event", "---\n| a |\n- 12:00Z - not an event"),
    ],
)
def test_prose_lines_that_look_like_structure(summary: str, written: str) -> None:
    pm = make_postmortem(summary=summary)
    text = render_postmortem(pm)
    assert f"## Summary\n\n{written}\n\n## Impact\n" in text
    assert parse_postmortem(text) == pm


# Timeline --------------------------------------------------------------------------------


def test_timeline_entry_forms() -> None:
    pm = parse_postmortem(
        doc(
            """
            ## Timeline

            - 13:58Z - Before the start, same day
            - ~14:05Z - Approximate
            - 14:06:30Z - With seconds
            - **14:07 UTC** - Bold with UTC
            * 14:08 – En dash and star bullet
            - 2026-03-04T16:10:00+02:00 - Full RFC 3339 with an offset
            - 2026-03-04 14:11:00Z - Space instead of T
            """
        )
    )
    assert [(e.at, e.text, e.approximate) for e in pm.timeline] == [
        (utc(4, 13, 58), "Before the start, same day", False),
        (utc(4, 14, 5), "Approximate", True),
        (utc(4, 14, 6, 30), "With seconds", False),
        (utc(4, 14, 7), "Bold with UTC", False),
        (utc(4, 14, 8), "En dash and star bullet", False),
        (utc(4, 14, 10), "Full RFC 3339 with an offset", False),
        (utc(4, 14, 11), "Space instead of T", False),
    ]
    assert render_postmortem(pm).split("## Timeline\n\n")[1].split("\n\n")[0] == (
        "- 13:58Z - Before the start, same day\n"
        "- ~14:05Z - Approximate\n"
        "- 14:06:30Z - With seconds\n"
        "- 14:07Z - Bold with UTC\n"
        "- 14:08Z - En dash and star bullet\n"
        "- 14:10Z - Full RFC 3339 with an offset\n"
        "- 14:11Z - Space instead of T"
    )


def test_midnight_rollover_is_anchored_on_the_start() -> None:
    text = doc(
        """
        ## Timeline

        - 23:50Z - Late
        - 00:10Z - After midnight
        - 2026-03-07T09:00:00Z - Days later
        - 09:30Z - Same later day
        """
    ).replace("2026-03-04T14:02:00Z", "2026-03-04T23:45:00Z")
    text = text.replace("2026-03-04T15:10:00Z", "2026-03-05T01:00:00Z")
    pm = parse_postmortem(text)
    assert [e.at for e in pm.timeline] == [
        utc(4, 23, 50),
        utc(5, 0, 10),
        utc(7, 9, 0),
        utc(7, 9, 30),
    ]
    rendered = render_postmortem(pm)
    assert "- 23:50Z - Late\n- 00:10Z - After midnight\n" in rendered
    assert "- 2026-03-07T09:00:00Z - Days later\n- 09:30Z - Same later day\n" in rendered


def test_clock_times_need_a_start_date() -> None:
    text = doc("## Timeline\n\n- 14:02Z - Alert\n").replace("  started: 2026-03-04T14:02:00Z\n", "")
    error = parse_error(text)
    assert error.line == BODY + 1
    assert error.reason.startswith("'14:02' has no date: set 'times: started:'")


def test_without_a_start_the_first_time_is_written_in_full() -> None:
    pm = make_postmortem(
        incident=make_incident(times=IncidentTimes()),
        timeline=(make_event(at=utc(4, 14, 2)), make_event(at=utc(4, 14, 3), text="Next")),
    )
    text = render_postmortem(pm)
    assert ("- 2026-03-04T14:02:00Z - Error rate on checkout rises\n- 14:03Z - Next\n") in text
    assert parse_postmortem(text) == pm


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (
            "14:02Z Alert fired",
            "expected a timeline entry '- HH:MM[:SS]Z - what happened' or "
            "'- 2024-05-01T14:02:00Z - what happened'",
        ),
        ("- 25:00Z - Alert", "'25:00' is not a valid time of day"),
        ("- 2026-03-04T14:02:00 - Alert", "2026-03-04T14:02:00 has no timezone"),
        ("- 2026-02-30T14:02:00Z - Alert", "'2026-02-30T14:02:00Z' is not a valid time"),
        (
            "- 14:02Z - Alert <!-- severity=high -->",
            "unknown timeline detail 'severity'; use kind, source, actor, ref, count, until",
        ),
        ("- 14:02Z - Alert <!-- kind=alarm -->", "timeline entry: kind: Input should be"),
        ("- 14:02Z - Alert <!-- count=0 -->", "timeline entry: count: Input should be greater"),
        (
            "- 14:02Z - Alert <!-- until=2026-03-04T14:00:00Z -->",
            "timeline entry: event ends (2026-03-04T14:00:00+00:00) before it starts",
        ),
        ("- 14:02Z - Alert <!-- until=later -->", "until: 'later' is not an RFC 3339 time"),
    ],
)
def test_timeline_errors_name_the_line(entry: str, reason: str) -> None:
    error = parse_error(doc(f"## Timeline\n\n- 14:00Z - First\n{entry}\n"))
    assert error.line == BODY + 3
    assert error.reason.startswith(reason)


def test_timeline_details_comment() -> None:
    line = (
        '- 14:09Z - Alert "CheckoutErrors" fired <!-- kind=alert-firing source=alertmanager '
        'actor="Ana \\"AL\\" Lima" ref=am.json:4 ref=pd:Q1 count=3 '
        "until=2026-03-04T14:20:00Z -->"
    )
    pm = parse_postmortem(doc(f"## Timeline\n\n{line}\n"))
    assert pm.timeline == (
        TimelineEvent(
            at=utc(4, 14, 9),
            text='Alert "CheckoutErrors" fired',
            kind=EventKind.ALERT_FIRING,
            source="alertmanager",
            actor='Ana "AL" Lima',
            evidence=("am.json:4", "pd:Q1"),
            count=3,
            ended_at=utc(4, 14, 20),
        ),
    )
    assert f"\n{line}\n" in render_postmortem(pm)


@pytest.mark.parametrize(
    ("actor", "written"),
    [
        ("reindex-job", "actor=reindex-job"),
        ("Lea Novak", 'actor="Lea Novak"'),
        ("a--b", 'actor="a-\\-b"'),
        ("back\\slash", 'actor="back\\\\slash"'),
        ("x -->", 'actor="x -\\->"'),
    ],
)
def test_details_values_are_quoted_and_escaped(actor: str, written: str) -> None:
    pm = make_postmortem(timeline=(make_event(actor=actor),))
    text = render_postmortem(pm)
    assert f"- 14:02Z - Error rate on checkout rises <!-- {written} -->\n" in text
    assert parse_postmortem(text).timeline[0].actor == actor


def test_event_text_that_ends_like_a_details_comment_stays_text() -> None:
    pm = make_postmortem(timeline=(make_event(text="Set <!-- kind=deploy -->"),))
    text = render_postmortem(pm)
    assert "- 14:02Z - Set <!-- kind=deploy --> <!-- -->\n" in text
    assert parse_postmortem(text) == pm


def test_timeline_drops_prompt_comments() -> None:
    pm = parse_postmortem(
        doc(
            """
            ## Timeline

            <!-- One line per event: - HH:MMZ - what happened -->
            - 14:02Z - Alert fired
              <!-- add the deploy here -->
            - 14:09Z - Rolled back
            """
        )
    )
    assert [(e.at, e.text) for e in pm.timeline] == [
        (utc(4, 14, 2), "Alert fired"),
        (utc(4, 14, 9), "Rolled back"),
    ]


# Contributing factors --------------------------------------------------------------------


def test_factors_with_category_description_and_why_chain() -> None:
    pm = parse_postmortem(
        doc(
            """
            ## Contributing factors

            <!-- One '###' per factor -->
            ### Migration locks a hot table

            **Category:** Change Management

            The migration ran inside the deploy.

            ```sql
            ### not a factor
            1. not a why
            ```

            1) Why did checkout time out?
               The orders table
               was locked.
               <!-- keep asking why -->
            3. Why was it locked?

            ### Alert threshold too high ###

            1. Why was detection slow?
               The threshold was 10%.
            """
        )
    )
    assert pm.factors == (
        ContributingFactor(
            title="Migration locks a hot table",
            category="change-management",
            description="The migration ran inside the deploy.\n\n"
            "```sql\n### not a factor\n1. not a why\n```",
            whys=(
                WhyStep(
                    question="Why did checkout time out?", answer="The orders table was locked."
                ),
                WhyStep(question="Why was it locked?", answer=""),
            ),
        ),
        ContributingFactor(
            title="Alert threshold too high",
            whys=(WhyStep(question="Why was detection slow?", answer="The threshold was 10%."),),
        ),
    )
    assert "1. Why did checkout time out?\n   The orders table was locked.\n2. Why was it" in (
        render_postmortem(pm)
    )


def test_factor_errors_name_the_line() -> None:
    error = parse_error(doc("## Contributing factors\n\nLoose text\n"))
    assert (error.line, error.reason) == (
        BODY + 2,
        "expected a '### ' heading naming a contributing factor",
    )
    error = parse_error(doc("## Contributing factors\n\n### F\n\n1. Why?\nafterwards\n"))
    assert error.line == BODY + 5
    assert error.reason.startswith("text after the Why chain of 'F'; put the description above")
    error = parse_error(doc("## Contributing factors\n\n### F\n\nCategory: Not/Valid\n"))
    assert error.line == BODY + 2
    assert error.reason.startswith("factor 'F': category: String should match pattern")


@pytest.mark.parametrize(
    ("description", "written"),
    [
        ("### Looks like a factor", "\\### Looks like a factor"),
        ("1. Looks like a why", "1\\. Looks like a why"),
        ("12) Looks like a why", "12\\) Looks like a why"),
        ("1\\. Already escaped", "1\\\\. Already escaped"),
        ("<!-- a comment the parser would drop -->", "\\<!-- a comment the parser would drop -->"),
        ("Category: looks like a category", "\\Category: looks like a category"),
        ("## Impact", "\\## Impact"),
    ],
)
def test_description_lines_that_look_like_structure(description: str, written: str) -> None:
    pm = make_postmortem(factors=(make_factor(category=None, description=description),))
    text = render_postmortem(pm)
    assert f"### Migration locks a hot table\n\n{written}\n\n1. Why did" in text
    assert parse_postmortem(text) == pm


def test_category_like_description_under_a_category_is_not_escaped() -> None:
    pm = make_postmortem(factors=(make_factor(description="Category: second line"),))
    text = render_postmortem(pm)
    assert "Category: change-management\n\nCategory: second line\n\n1. Why" in text
    assert parse_postmortem(text) == pm


@pytest.mark.parametrize(
    ("title", "written"),
    [("C#", "### C#"), ("Retries #", "### Retries # ###"), ("#", "### # ###")],
)
def test_factor_titles_ending_in_hashes(title: str, written: str) -> None:
    pm = make_postmortem(factors=(make_factor(title=title),))
    text = render_postmortem(pm)
    assert f"\n{written}\n" in text
    assert parse_postmortem(text) == pm


@pytest.mark.parametrize(
    ("answer", "written"),
    [("```", "   \\```"), ("<!-- not a prompt -->", "   \\<!-- not a prompt -->")],
)
def test_answers_that_look_like_structure(answer: str, written: str) -> None:
    whys = (WhyStep(question="Why?", answer=answer), WhyStep(question="Why again?"))
    pm = make_postmortem(factors=(make_factor(whys=whys),))
    text = render_postmortem(pm)
    assert f"1. Why?\n{written}\n2. Why again?\n" in text
    assert parse_postmortem(text) == pm


# Action items ----------------------------------------------------------------------------


def test_action_table_columns_in_any_order_with_aliases() -> None:
    pm = parse_postmortem(
        doc(
            """
            ## Action items

            <!-- Prevent, Detect or Mitigate; one owner each -->
            | Status | Due | Action | Owner | Type |
            |:------:|-----|--------|-------|------|
            | in-progress | 2026-04-01 | Add a lock timeout | Ana Lima | detect |
            | won't do: the table is retired in May | | Shard the table | | Prevent |
            <!-- add more rows above -->
            """
        )
    )
    assert pm.action_items == (
        ActionItem(
            description="Add a lock timeout",
            type=ActionType.DETECT,
            owner="Ana Lima",
            deadline=date(2026, 4, 1),
            status=ActionStatus.IN_PROGRESS,
        ),
        ActionItem(
            description="Shard the table",
            type=ActionType.PREVENT,
            status=ActionStatus.WONT_DO,
            rationale="the table is retired in May",
        ),
    )
    text = render_postmortem(pm)
    assert (
        "| Action item | Type | Owner | Deadline | Status | Ticket |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Add a lock timeout | Detect | Ana Lima | 2026-04-01 | in progress | |\n"
        "| Shard the table | Prevent | | | won't do: the table is retired in May | |\n"
    ) in text


def test_escaped_pipes_and_backslashes_in_cells() -> None:
    item = make_action_item(description="Use a | b", ticket_url="https://t.example/a\\b")
    pm = make_postmortem(action_items=(item,))
    text = render_postmortem(pm)
    assert (
        "| Use a \\| b | Prevent | Ana Lima | 2026-04-01 | open | https://t.example/a\\\\b |"
        in (text)
    )
    assert parse_postmortem(text) == pm


TABLE = "## Action items\n\n| Action item | Type | Deadline | Status |\n| --- | --- | --- | --- |\n"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("| Fix it | Fix | | |", "type 'Fix' is not Prevent, Detect or Mitigate"),
        ("| Fix it | | 2026-13-01 | |", "action item: month must be in 1..12"),
        ("| Fix it | | next week | |", "action item: Invalid isoformat string: 'next week'"),
        ("| Fix it | | | blocked |", "action item: status 'blocked' is not one of open"),
        (
            "| Fix it | | | won't do |",
            "action item 'Fix it' is marked won't do without a rationale",
        ),
        ("| Fix it | | | done: because |", "action item 'Fix it' has a rationale but is not"),
        ("| Fix | it | Prevent | | |", "this row has 5 cells but the header has 4"),
        ("| | Prevent | | |", "action item: description: String should have at least 1"),
        ("Fix it", "expected the action item table: | Action item | Type | Owner"),
    ],
)
def test_action_item_errors_name_the_row(row: str, reason: str) -> None:
    error = parse_error(doc(TABLE + "| Fine | Prevent | 2026-04-01 | open |\n" + row + "\n"))
    assert error.line == BODY + 5
    assert error.reason.startswith(reason)


def test_action_table_header_errors() -> None:
    error = parse_error(doc("## Action items\n\n| Action item | Priority |\n| --- | --- |\n"))
    assert (error.line, error.reason) == (
        BODY + 2,
        "unknown action item column 'priority'; columns are Action item, Type, Owner, "
        "Deadline, Status, Ticket",
    )
    error = parse_error(doc("## Action items\n\n| Owner |\n| --- |\n"))
    assert (error.line, error.reason) == (
        BODY + 2,
        "the action item table needs an 'Action item' column",
    )
    error = parse_error(doc("## Action items\n\n| Action item |\n| Fix it |\n"))
    assert (error.line, error.reason) == (
        BODY + 3,
        "expected the table's separator row '| --- | --- | ... |'",
    )


# External communication ------------------------------------------------------------------


def test_external_communication_status_and_text() -> None:
    pm = parse_postmortem(
        doc(
            """
            ## External communication

            <!-- What did customers see? -->
            **Status:** Approved

            <!-- Keep it short -->
            Checkout was unavailable for some customers.

            ```
            <!-- kept inside code -->
            ```
            """
        )
    )
    assert pm.external_communication == ExternalCommunication(
        state=CommunicationState.APPROVED,
        text="Checkout was unavailable for some customers.\n\n```\n<!-- kept inside code -->\n```",
    )
    text = render_postmortem(pm)
    assert text.endswith(
        "## External communication\n\nStatus: approved\n\n"
        "Checkout was unavailable for some customers.\n\n```\n<!-- kept inside code -->\n```\n"
    )


def test_external_communication_defaults_and_errors() -> None:
    pm = parse_postmortem(doc("## External communication\n\nWe are sorry.\n"))
    assert pm.external_communication == ExternalCommunication(text="We are sorry.")
    assert render_postmortem(pm).endswith("Status: draft\n\nWe are sorry.\n")
    assert render_postmortem(make_postmortem()).endswith("## External communication\n")
    error = parse_error(doc("## External communication\n\nStatus: sent\n"))
    assert (error.line, error.reason) == (
        BODY + 2,
        "external communication status 'sent' is not draft or approved",
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("<!-- a real comment in the text -->", "\\<!-- a real comment in the text -->"),
        ("Status: approved", "Status: approved"),
        ("## Impact", "\\## Impact"),
    ],
)
def test_communication_text_that_looks_like_structure(text: str, written: str) -> None:
    comm = ExternalCommunication(state=CommunicationState.DRAFT, text=text)
    pm = make_postmortem(external_communication=comm)
    rendered = render_postmortem(pm)
    assert rendered.endswith(f"## External communication\n\nStatus: draft\n\n{written}\n")
    assert parse_postmortem(rendered) == pm


def test_parse_normalises_line_endings_and_refuses_nul() -> None:
    assert parse_postmortem(CANONICAL.replace("\n", "\r\n")) == make_postmortem()
    error = parse_error(CANONICAL + "\x00")
    assert (error.line, error.reason) == (
        1,
        "the file contains NUL bytes; it is not a Markdown text file",
    )
