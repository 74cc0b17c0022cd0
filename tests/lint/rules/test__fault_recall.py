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
from tests.lint._helpers import LEARNED


def faults(text: str) -> list[tuple[str, str]]:
    people = PeopleIndex.build(parse_document(text), LintConfig())
    return [(f.who, f.evidence) for f in find_faults(text, people)]


def codes(text: str) -> list[str]:
    """Codes the rules report (the learned tone check is tested in test_tone.py)."""
    return sorted({f.code for f in lint_text(text, config=LintConfig(disable=LEARNED))})


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
            "After the search folks resized the shards without warning us, orders stalled.",
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


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The night crew at the data centre unplugged the wrong rack.", "The night crew"),
        ("The intern who started on Monday dropped the wrong schema.", "The intern"),
        ("The vendors from the hosting company rebooted the switch without notice.", "The vendors"),
        ("Whoever changed the cron schedule has some explaining to do.", "Whoever"),
        ("Whoever merged that branch owes the whole rota an apology.", "Whoever"),
        ("Lorcan thought it was fine to rotate the keys during the launch.", "Lorcan"),
    ],
)
def test_agents_with_a_phrase_about_them_and_free_relatives(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "The night crew at the data centre replaced the failed rack.",
        "The intern who started on Monday shadowed the incident call.",
        "Whoever is on call next week gets the new runbook.",
        "Lorcan thought it was the load balancer at first.",
    ],
)
def test_agents_with_a_phrase_about_them_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # What someone found or reported is no act of theirs.
        "Ingrid reported that the billing page showed the wrong currency for an hour.",
        "Tomasz and Wei Lin pair-debugged the handshake and found an expired certificate.",
        "Oyelaran paged the vendor, who confirmed a faulty line card in Lyon.",
        "Soraya noticed that the wrong replica was serving reads.",
    ],
)
def test_what_someone_found_or_reported_is_no_fault(text: str) -> None:
    assert faults(text) == []
    assert not [c for c in codes(text) if c.startswith(("BL0", "BL1"))]


@pytest.mark.parametrize(
    "text",
    [
        "Ingrid deployed the wrong currency table to production.",
        "Tomasz shipped an expired certificate to the edge nodes.",
    ],
)
def test_what_someone_found_or_reported_positives_stay(text: str) -> None:
    assert "BL001" in codes(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks to Radu for tracing every affected order within the hour.", []),
        ("Thanks to Radu, checkout was down for the whole afternoon.", ["BL002"]),
        ("Hollis should have been paged as the secondary.", []),
        ("Hollis should have checked the secondary before paging.", ["BL101"]),
        ("It turned out the DNS resolver was the culprit.", []),
        ("We still do not know whether the scheduler was the culprit.", []),
        ("The culprit was the connection pool.", []),
        ("The culprit was the new guy on the platform team.", ["BL003"]),
    ],
)
def test_credit_duty_and_component_culprits(text: str, expected: list[str]) -> None:
    assert [c for c in codes(text) if c.startswith(("BL0", "BL1"))] == expected


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Ottilie's 'cleanup' of the DNS zone removed the mail records.", "Ottilie"),
        ("Ops 'fixed' the paging storm by muting the whole service.", "Ops"),
        ("Our 'senior' contractor reversed the replication direction.", "contractor"),
    ],
)
def test_scare_quotes_in_single_marks(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Ottilie's cleanup script doesn't run on weekends.",  # apostrophes, no quotation
        "Ottilie set the ticket status to 'fixed' at 14:10.",  # a status, quoted as written
        "Ottilie called the job 'cleanup' in the scheduler.",
    ],
)
def test_scare_quotes_in_single_marks_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Despite the open incident, Radomir went ahead and resized the volume.", "Radomir"),
        ("Wenonah hasn't rotated the keys once since she joined.", "Wenonah"),
        ("Zygmunt replayed the payments queue, doubling every refund.", "Zygmunt"),
        ("Perpetua restarted the broker, and the whole cluster fell over.", "Perpetua"),
        ("Isidore approved a migration he never ran.", "Isidore"),
        ("Leontyne renamed the topic and didn't tell the consumers.", "Leontyne"),
        ("The agency left the upload bucket readable with no auth.", "The agency"),
    ],
)
def test_more_ways_an_act_carries_its_fault(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Radomir went ahead with the resize after the incident closed, as planned.",
        "Zygmunt replayed the payments queue, and every refund went through once.",
        "Perpetua restarted the broker, and the cluster recovered.",
        "Isidore approved a migration he had run twice on staging.",
        "Leontyne renamed the topic and told every consumer in advance.",
    ],
)
def test_more_ways_an_act_carries_its_fault_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Greer insisted on skipping the canary.", "Greer"),
        ("Baxter pushed his branch straight to production.", "Baxter"),
        ("After Zdenka's edit to the router table, the shop was dead for an hour.", "Zdenka"),
    ],
)
def test_names_that_read_like_words_and_harm_after_a_persons_work(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Scheduler pushed the batch straight to production.",  # no person cue
        "Greer reviewed the replica lag with the database team.",
        "After Zdenka's edit to the router table, the shop came back within a minute.",
    ],
)
def test_names_that_read_like_words_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Had we rehearsed the failover even once, this would have been a non-event.", "BL101"),
        ("Did anyone on the data team even glance at the row counts?", "BL101"),
        ("Any operator worth their salt would have drained the node first.", "BL102"),
        ("Even a summer intern would know to take a snapshot first.", "BL102"),
        ("A second's thought would obviously have flagged the missing index.", "BL104"),
        ("It would have taken Odile about ten seconds to spot the typo.", "BL104"),
        ("Nobody on the storage team bothered to check the quota.", "BL103"),
    ],
)
def test_hindsight_constructions(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Had we not rehearsed the failover last month, recovery would have taken hours.",
        "Did anyone see the 14:02 alert? The pager log says it was delivered.",
        "Any operator can drain a node from the console.",
        "A summer intern wrote the first version of the exporter.",
        "The restore would have taken about ten minutes with the new snapshots.",
        "Nobody on the storage team was paged, because the alert routed to a retired rota.",
    ],
)
def test_hindsight_constructions_hard_negatives(text: str) -> None:
    assert not [c for c in codes(text) if c.startswith(("BL0", "BL1"))]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The billing folks ran a reindex at lunch that starved the checkout database.", None),
        ("Ludmila dropped the staging schema thinking it was her sandbox.", "Ludmila"),
        ("Aurelio tagged the release with three failing tests.", "Aurelio"),
        ("Seraphina capped the pool at one, so most logins were rejected.", "Seraphina"),
        ("Torvald archived the incident before the customer had confirmed the fix.", "Torvald"),
        ("Whoever signed off on this plan never read it.", "Whoever"),
        ("The rollout coordinator skipped the canary, and search went down.", None),
        ("Athanasios forwarded the export to his personal address.", "Athanasios"),
    ],
)
def test_round_six_structures(text: str, who: str | None) -> None:
    assert "BL001" in codes(text)
    if who is not None:
        assert [name for name, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "The billing folks ran a reindex at lunch that finished in four minutes.",
        "Ludmila dropped the staging schema after confirming it was unused.",
        "Aurelio tagged the release after the failing tests were fixed.",
        "Seraphina capped the pool at fifty, so the database stayed healthy.",
        "Torvald archived the incident after the customer had confirmed the fix.",
        "Whoever signs off on a plan reads it first; that is the rule.",
        "Thanks to Greta's quick rollback, only a few users saw the broken page.",
        "Athanasios emailed the summary to the customer at 16:00.",
    ],
)
def test_round_six_structures_hard_negatives(text: str) -> None:
    assert faults(text) == []
