"""BL301 and PM1xx: action items that are concrete, owned, dated, typed and counted."""

from __future__ import annotations

import pytest

from tests.lint._helpers import codes, only, postmortem

HEAD = (
    "| Action item | Type | Owner | Deadline | Status | Ticket |\n"
    "| --- | --- | --- | --- | --- | --- |\n"
)
GOOD_ROWS = (
    "| Add backoff to the shared HTTP client | Prevent | Priya Raman | 2026-02-01 | open | |\n"
    "| Page on checkout errors after 2 minutes | Detect | Tom Ng | 2026-02-01 | open | |\n"
)


def _items(row: str, *, rows: str = GOOD_ROWS) -> str:
    return postmortem(action_items=HEAD + rows + row)


def _cell(text: str, code: str) -> str:
    finding = only(text, code)
    line = text.split("\n")[finding.line - 1]
    return line[finding.column - 1 : finding.column - 1 + finding.length]


@pytest.mark.parametrize(
    ("action", "covered"),
    [
        ("Improve monitoring", "Improve monitoring"),
        ("Engineers should be more careful when running migrations", "be more careful"),
        ("More training on the deploy process", "More training"),
        ("Better communication between teams", "Better communication"),
    ],
)
def test_vague_action_in_the_table(action: str, covered: str) -> None:
    text = _items(f"| {action} | Prevent | Ana Silva | 2026-02-15 | open | |")
    assert _cell(text, "BL301") == covered


@pytest.mark.parametrize(
    "action",
    [
        "Add a replication-lag alert that pages at 30 seconds for the orders database",
        "Make the migration tool refuse to run on the primary without --force",
        "Improve monitoring of replication lag by paging at 30 s on orders-db",
    ],
)
def test_concrete_actions_are_fine(action: str) -> None:
    assert "BL301" not in codes(_items(f"| {action} | Prevent | Ana Silva | 2026-02-15 | open | |"))


def test_vague_wording_outside_action_items_is_fine_in_a_document() -> None:
    text = postmortem(lessons_learned="We want to improve monitoring over the year.")
    assert "BL301" not in codes(text)
    assert codes("Improve monitoring.") == ["BL301"]


def test_vague_action_suggestion() -> None:
    finding = only("Be more careful.", "BL301")
    assert finding.suggestion == (
        "Name a concrete change with a done-condition, e.g. 'Page on replication lag above 30 s "
        "for the orders database'."
    )


def test_owner_is_team() -> None:
    text = _items("| Add a lag alert | Detect | SRE team | 2026-02-15 | open | |")
    assert _cell(text, "PM101") == "SRE team"
    assert only(text, "PM101").message == "The owner 'SRE team' is a team; name one person."
    assert "PM101" in codes(
        _items("| Add a lag alert | Detect | @acme/sre | 2026-02-15 | open | |")
    )


@pytest.mark.parametrize("owner", ["", "TBD", "-", "n/a"])
def test_owner_missing(owner: str) -> None:
    text = _items(f"| Add a lag alert | Detect | {owner} | 2026-02-15 | open | |")
    assert "PM102" in codes(text)


def test_owner_with_email_is_a_person() -> None:
    text = _items(
        "| Add a lag alert | Mitigate | Ana Silva <ana@example.com> | 2026-02-15 | open | |"
    )
    assert codes(text) == []


def test_deadline_missing_or_unreadable() -> None:
    text = _items("| Add a lag alert | Detect | Ana Silva | soon | open | |")
    assert _cell(text, "PM103") == "soon"
    assert (
        only(text, "PM103").message == "The deadline 'soon' is not a date; write it as YYYY-MM-DD."
    )
    assert "PM103" in codes(_items("| Add a lag alert | Detect | Ana Silva | TBD | open | |"))


def test_type_missing_or_unknown() -> None:
    assert "PM104" in codes(_items("| Add a lag alert | | Ana Silva | 2026-02-15 | open | |"))
    text = _items("| Add a lag alert | Fix | Ana Silva | 2026-02-15 | open | |")
    assert only(text, "PM104").message == "'fix' is not a type; use Prevent, Detect or Mitigate."


def test_deadline_past_at_publish() -> None:
    text = _items("| Add a lag alert | Detect | Ana Silva | 2026-01-07 | open | |")
    finding = only(text, "PM105")
    assert finding.message == (
        "The deadline 2026-01-07 is before the publish date (2026-01-08); "
        "the item starts out overdue."
    )
    done = _items("| Add a lag alert | Detect | Ana Silva | 2026-01-07 | done | |")
    assert "PM105" not in codes(done)


def test_draft_deadlines_are_compared_with_today() -> None:
    draft = _items("| Add a lag alert | Detect | Ana Silva | 2026-01-09 | open | |").replace(
        "published: 2026-01-08T10:00:00Z\n", ""
    )
    assert only(draft, "PM105").message == (
        "The deadline 2026-01-09 is before today (2026-01-10); the item starts out overdue."
    )


@pytest.mark.parametrize(("count", "fires"), [(2, True), (3, False), (5, False), (6, True)])
def test_action_item_count_for_a_full_review(count: int, fires: bool) -> None:
    row = "| Guard migration {n} in CI | Prevent | Ana Silva | 2026-02-15 | open | |\n"
    text = postmortem(action_items=HEAD + "".join(row.format(n=n) for n in range(count)))
    if fires:
        assert only(text, "PM106").message == (
            f"{count} action items; a full review asks for 3 to 5."
        )
    else:
        assert "PM106" not in codes(text)


def test_no_prevent_item() -> None:
    rows = GOOD_ROWS.replace("| Prevent |", "| Mitigate |")
    text = _items("| Add a lag alert | Detect | Ana Silva | 2026-02-15 | open | |", rows=rows)
    assert "PM107" in codes(text)
    light = text.replace("severity: SEV1", "severity: SEV3")
    assert "PM107" not in codes(light)


def test_suppression_in_the_action_table() -> None:
    text = _items(
        "| Improve monitoring | Detect | Ana Silva | 2026-02-15 | open | | "
        "<!-- blamefree-disable BL301 -->"
    )
    assert "BL301" not in codes(text)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Review processes around schema changes.", "Review processes around schema changes"),
        ("Action item 2: tighten up the review flow.", "tighten up the review flow"),
        ("We will improve our alerting going forward.", "improve our alerting going forward"),
        ("The team will work on being more vigilant.", "work on being more vigilant"),
        ("Keep a closer eye on quota usage.", "Keep a closer eye on quota usage"),
        (
            "Do better at testing before Friday releases.",
            "Do better at testing before Friday releases",
        ),
        (
            "Look into better observability for the search service.",
            "Look into better observability for the search service",
        ),
        (
            "Investigate ways to lower the chance of similar incidents.",
            "Investigate ways to lower the chance of similar incidents",
        ),
    ],
)
def test_a_direction_without_anything_concrete_is_vague(text: str, covered: str) -> None:
    finding = only(text, "BL301")
    assert (finding.line, finding.column) == (1, 1 + text.index(covered))
    assert text[finding.column - 1 : finding.column - 1 + finding.length] == covered


@pytest.mark.parametrize(
    "text",
    [
        "Review the IAM roles of the deploy pipeline and remove unused admin grants.",
        "Ensure the backup job alerts on failure.",
        "Investigate the memory usage of the ingestion workers.",
        "Improve coverage of readiness/liveness probes.",
        "Review the deployment process with the payments team by Friday.",
        "Enhance the retry logic so that it backs off exponentially.",
        "Harden the SSH bastion by disabling password logins.",
        "Improve alerting on the orders queue to page above 5,000 messages.",
        "Review of the logs showed the retries started at 10:02.",
        "Increase in latency was visible from 10:05.",
        "Monitor output showed the queue draining.",
    ],
)
def test_an_anchored_action_or_a_narrative_sentence_is_not_vague(text: str) -> None:
    assert "BL301" not in codes(text)


def test_a_deadline_cell_does_not_make_a_direction_concrete() -> None:
    text = _items("| Revisit the incident process | Prevent | Ana Silva | 2026-02-15 | open | |")
    assert _cell(text, "BL301") == "Revisit the incident process"
