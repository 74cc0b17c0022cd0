"""The fault pass, round 6: structures of blame beyond one named person.

A named group as the agent, a diligence step the agent skipped on the object, harm told in a
coordinated clause, a secret put where anyone can read it. Each category has hard negatives
that use the same words without a fault.
"""

from __future__ import annotations

import pytest

from blamefree.lint import LintConfig, lint_text
from blamefree.lint._document import parse_document
from blamefree.lint._people import GROUP_AGENT, PeopleIndex
from blamefree.lint.rules._fault import find_faults


def faults(text: str) -> list[tuple[str, str]]:
    people = PeopleIndex.build(parse_document(text), LintConfig())
    return [(f.who, f.evidence) for f in find_faults(text, people)]


def codes(text: str) -> list[str]:
    return sorted({f.code for f in lint_text(text)})


@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("the storage team pushed", "the storage team"),
        ("Our mobile devs shipped", "Our mobile devs"),
        ("The DBAs ran", "The DBAs"),
        ("Release engineering tagged", "Release engineering"),
        ("Networking moved", "Networking"),
        ("Billing squad merged", "Billing squad"),
        ("the night-shift operators restarted", "the night-shift operators"),
    ],
)
def test_group_agent_names_one_group(phrase: str, group: str) -> None:
    found = GROUP_AGENT.match(phrase)
    assert found is not None
    assert found.group() == group


@pytest.mark.parametrize(
    "phrase",
    [
        "the team pushed",  # no modifier: the whole team, as "we"
        "The whole platform team",
        "the engineers ran",
        "security patches",  # a lower-case department is a modifier, not an agent
        "The support lead",
        "customer support tickets",
    ],
)
def test_group_agent_hard_negatives(phrase: str) -> None:
    assert GROUP_AGENT.match(phrase) is None


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The storage team shipped a firmware image nobody had tested.", "The storage team"),
        ("Networking moved the VLANs without telling the on-call rota.", "Networking"),
        ("The DBAs rebuilt the index on the primary in the middle of the trading day.", "The DBAs"),
        ("Release engineering tagged the build straight to production.", "Release engineering"),
        (
            "Orders stalled because the search folks resized the shards without warning us.",
            "the search folks",
        ),
        ("Customer support reset every password at once.", "Customer support"),
    ],
)
def test_a_named_group_can_be_the_agent_of_a_fault(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]
    assert "BL001" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The storage team rolled back the firmware image within ten minutes.",
        "Networking moved the VLANs during the announced maintenance window.",
        "The DBAs rebuilt the index on a replica to keep load off the primary.",
        "The team shipped the image without the debug symbols.",  # "the team": the writers
        "Security patches broke the login page for an hour.",  # the patches, no people
        "The support lead answered customers within minutes.",
        "Customer support tickets doubled after the outage started.",
        "The engineers deployed the fix at 14:20 and errors stopped.",
    ],
)
def test_a_named_group_hard_negatives(text: str) -> None:
    assert faults(text) == []
    assert "BL001" not in codes(text)


def test_what_a_group_missed_is_left_to_the_hindsight_rules() -> None:
    text = "Ops failed to notice the queue growing, even though the graph was on the wall."
    assert faults(text) == []
    assert "BL001" not in codes(text)
    assert "BL103" in codes(text)
