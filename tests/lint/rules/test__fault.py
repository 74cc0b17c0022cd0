"""The fault pass: a person opening a clause whose action carries a fault or does harm."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.lint import LintConfig
from blamefree.lint._document import parse_document
from blamefree.lint._people import PeopleIndex
from blamefree.lint.rules._fault import (
    Fault,
    _people_in,
    _personish_spans,
    _sentences_with_evidence,
    find_faults,
)


def faults(text: str, config: LintConfig | None = None) -> list[tuple[str, str]]:
    people = PeopleIndex.build(parse_document(text), config or LintConfig())
    return [(f.who, f.evidence) for f in find_faults(text, people)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name no list knows, with a verb a system could also do: the marker decides.
        ("Tobiah ignored the failing checks.", [("Tobiah", "ignored")]),
        ("Sorcha unplugged the wrong server in the rack.", [("Sorcha", "the wrong")]),
        # The fault told only through the consequence.
        (
            "Keanu pointed the DNS record at the old load balancer, taking the site down.",
            [("Keanu", "at the old load")],
        ),
        (
            "Fenella set the timeout to 0, which made every request hang.",
            [("Fenella", ", which made every request hang")],
        ),
        (
            "Akinyi bumped the pool to 5,000, exhausting the database's memory.",
            [("Akinyi", ", exhausting")],
        ),
        # Manner and moment.
        (
            "Gwendolyn approved the pull request without reading the diff.",
            [("Gwendolyn", "without reading")],
        ),
        ("Torvald merged the PR at 2 a.m. with no review.", [("Torvald", "with no review")]),
        ("Oyelowo rebooted the primary during peak traffic.", [("Oyelowo", "during peak")]),
        # Pronouns, singular roles with a name in apposition, leading adverbials.
        ("He pasted the wrong connection string into the vault.", [("He", "the wrong")]),
        (
            "On Friday evening, the new hire ran the cleanup script instead of the dry run.",
            [("the new hire", "instead of")],
        ),
        (
            "Our junior SRE, Lucía, wiped the cache in the middle of business hours.",
            [("Our junior SRE", "in the middle of business")],
        ),
        (
            "Then @kwame_ops pushed straight to production.",
            [("@kwame_ops", "straight to production")],
        ),
    ],
)
def test_faults_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert faults(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Responses, good outcomes and reasons.
        "Tobiah acknowledged the page at 02:14 and started the incident channel.",
        "Keanu pointed the DNS record back at the new load balancer, restoring service.",
        "Eamon restarted the brokers one at a time, as the runbook describes.",
        "Akinyi raised the connection pool to 200 after load testing showed headroom.",
        "Fenella set the timeout to 30 seconds to match the upstream limit.",
        "Ottoline paused the rollout when the error rate rose, which limited the impact.",
        "Leopold deleted the stale replicas from the pool.",
        "The intern pushed the fix for the broken build.",
        "Our DBA silenced the flapping alert after opening a ticket.",
        # Products, services and ordinary nouns opening the sentence.
        "Heroku restarted the dynos, taking the site down for two minutes.",
        "Cassandra dropped the hinted handoffs, leading to inconsistent reads.",
        "Kafka Connect ignored the failing tasks.",
        "Replication skipped the wrong shard.",
        "Customers hit the old endpoint, which broke their sessions.",
        # Nobody in particular, a sequence rather than a cause, a group.
        "An engineer made a typo in the router config, causing packet loss.",
        "The on-call engineer restarted the pods and then the cache broke.",
        "The engineers pushed a stale config, which broke authentication.",
    ],
)
def test_no_fault(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # The person opens a clause inside the sentence.
        ("The firmware bricked the routers because Pawel released an unflashed build.", "Pawel"),
        ("The build broke for a day thanks to Folake, who upgraded Node without asking.", "Folake"),
        ("At 09:10 Priya deleted the wrong bucket.", "Priya"),
        ("The root cause of the leak is that Hassan made the bucket public.", "Hassan"),
        ("Nobody had the password, and he changed it without telling anyone.", "he"),
        # Attributed with "by", owned work that does harm, irony, a named counterfactual.
        ("The migration was run by Sakura against the primary instead of the replica.", "Sakura"),
        ("A careless commit by @dev_anton removed the index.", "@dev_anton"),
        (
            "Zainab's decision to disable the breaker turned a partial outage into a full one.",
            "Zainab",
        ),
        ("The mistake was Arjun's: he approved the rollout.", "Arjun"),
        ("Ignacio had one job this week and the domain expired.", "Ignacio"),
        ("This was avoidable if Tom had read the migration first.", "Tom"),
        # Initials, titles, hyphenated names, a role with a name in apposition.
        ("J.P. misconfigured the health check, which marked every backend unhealthy.", "J.P."),
        ("The vendor engineer, Mr. Kato, swapped the wrong disk.", "The vendor engineer"),
        ("Soo-jin skipped the canary stage.", "Soo-jin"),
        # Inaction after a response, a motive given as the reason, a careless manner.
        ("The SRE on call, Tomás, acknowledged the alert and then did nothing.", "The SRE on call"),
        ("Sven skipped the canary because he wanted to get home early.", "Sven"),
        ("Bartholomew changed the firewall rules unilaterally.", "Bartholomew"),
    ],
)
def test_faults_in_other_positions(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Because Dave restarted the consumer, the backlog cleared within minutes.",
        "Omari's migration added the audit log index in under a minute.",
        "Sam's laptop crashed during the call.",
        "The change was approved by Ana without comments and merged at 11:02.",
        "Ravi's laptop failed to connect to the VPN, so he joined the bridge from his phone.",
        "Aiko revoked the leaked credentials within ten minutes.",
        "Sun famously didn't include ECC in its server parts.",
        "Great job, Amara, catching that early.",
    ],
)
def test_no_fault_in_other_positions(text: str) -> None:
    assert faults(text) == []


def test_not_people_setting_wins_over_the_name_shape() -> None:
    text = "Zorblat ignored the failing checks."
    assert faults(text) == [("Zorblat", "ignored")]
    assert faults(text, LintConfig(not_people=("Zorblat",))) == []


def test_fault_offsets_cover_the_person_to_the_marker() -> None:
    text = "Later, Sorcha unplugged the wrong server."
    people = PeopleIndex.build(parse_document(text), LintConfig())
    [fault] = find_faults(text, people)
    assert fault == Fault("Sorcha", 7, 33, "the wrong")
    assert text[fault.start : fault.end] == "Sorcha unplugged the wrong"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Despite the change freeze, Kaveh deployed the hotfix.", "Kaveh"),
        ("As usual, Tobiah deployed on a Friday.", "Tobiah"),
        ("Karolina took the whole cluster down by draining every node.", "Karolina"),
        ("Orla pasted the API key into a public Slack channel.", "Orla"),
        ("Ximena SSHed into a prod box and edited the config.", "Ximena"),
    ],
)
def test_markers_anywhere_for_the_opening_person(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Despite the freeze, the pipeline deployed the hotfix.",
        "Karolina took over as incident commander.",
        "Kaveh brought the cluster back after the storm.",
        "Ximena deleted the stale replicas from production.",
    ],
)
def test_markers_anywhere_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Chidi was told twice to stop the job and kept it running anyway.", "Chidi"),
        ("The on-call engineer, Rohan, was slow to respond.", "The on-call engineer"),
        (
            "The night operator, K.S., restored yesterday's snapshot over today's data.",
            "The night operator",
        ),
        ("Dagny rebooted the primary in the middle of the Monday sales push.", "Dagny"),
        ("Grete uploaded the staging certificate to the production load balancer.", "Grete"),
        ("Henrike rolled out the pricing rules to all regions at once.", "Henrike"),
        ("Ayumi deleted the old backups before confirming the new ones were readable.", "Ayumi"),
        (
            "Tomasz applied the old template to the subnet, cutting off the payment processor.",
            "Tomasz",
        ),
    ],
)
def test_more_fault_categories(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Chidi was asked to drain the node to free capacity, and did so at 10:02.",
        "Dagny restored the snapshot to a scratch instance to compare the rows.",
        "Grete uploaded the renewed certificate to the production load balancer.",
        "Henrike paged all three teams at once.",
        "Ayumi verified the new backups before deleting the old ones.",
    ],
)
def test_more_fault_categories_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # A name in apposition between dashes or brackets, after a vague subject.
        (
            "The billing export stopped after someone on the data team — Ilse, it turned "
            "out — renamed the bucket without telling anyone.",
            "Ilse",
        ),
        ("A contractor — Jonas — pushed the hotfix straight to production.", "Jonas"),
        ("Somebody on the data team (Ilse) renamed the bucket without telling anyone.", "Ilse"),
        # Harm told by a plain word in the main clause, the person's act after "after"/"when".
        (
            "Search returned garbage for a week after Ilse switched the analyser to the "
            "legacy tokenizer.",
            "Ilse",
        ),
        (
            "Checkout was unavailable for twenty minutes after Bartosz edited the load "
            "balancer rules.",
            "Bartosz",
        ),
        ("Invoices failed to send when Ilse renamed the queue.", "Ilse"),
        # Not acting after a response, and a judgement that holds its own verb.
        ("Mireille acknowledged the page and went back to sleep.", "Mireille"),
        ("Silas thought it would be a good idea to resize the volume during the sale.", "Silas"),
        # Given names that end like English words ("-er", "-s", "-ly", "-ic").
        ("Jasper force-pushed over the release branch.", "Jasper"),
        ("Jules ran the migration against the wrong database.", "Jules"),
        ("Bradley pushed the hotfix straight to production.", "Bradley"),
        ("Frederic skipped the canary.", "Frederic"),
    ],
)
def test_round5_fault_categories(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "The release stalled while one reviewer — Ilse — approved the change after load testing.",
        "The storage team — Ilse, mostly — rotated the keys as planned.",
        "Jonas (the on-call engineer) restored the snapshot to a scratch instance.",
        "Checkout recovered after Ilse rolled back the pricing rules.",
        "After Bartosz paged the DBA, the failed jobs were retried.",
        "The timeouts went away after Ilse raised the pool size.",
        "The cluster was already degraded when Bartosz joined the call.",
        "Errors were still high when Ilse deployed the patch.",
        "After Ilse switched traffic to the standby, the errors dropped to zero.",
        "Failed payments were replayed after Ilse deployed the fix.",
        "The queue was down when Ilse arrived, so she started the runbook.",
        "The outage was declared after Ilse confirmed the failures in two regions.",
        "The service stayed unavailable until Ilse restarted the broker.",
        "Mireille acknowledged the page and went back to the dashboard to check the graphs.",
        "Silas thought the graphs looked normal and kept watching.",
        "Nicholas reviewed the change and approved it after load testing.",
    ],
)
def test_round5_fault_categories_hard_negatives(text: str) -> None:
    assert faults(text) == []


_PIECES = [
    "ad",
    "hoc",
    "ad-hoc",
    "Dave",
    "ran",
    "the",
    "wrong",
    "migration",
    "at",
    "old",
    "is",
    "why",
    "he",
    "she",
    "x",
    "load",
    "read",
    "head",
    "re-run",
    "mis-typed",
    "misconfigured",
    "half-done",
    "well",
    "done",
    "corrupted",
    "leaky",
    "double-check",
    "made",
    "left",
    "Made",
    "Left",
    "Ad",
    "AD",
    "_ad",
    "3ad",
    "ad_",
    "ad's",
    "ad’s",
    "at",
    "the",
    "old",
    "to",
    "prod.",
    "so",
    "the",
    "3.5",
    ".",
    ";",
    "!",
    "?",
    ",",
    "a.m.",
    "Mr.",
    "’s",
    "'s",
    "-",
    "’",
    "'",
    "(",
    ")",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([" ", "", "\n"]))
def test_gate_through_the_word_index_picks_the_same_sentences(
    pieces: list[str], joiner: str
) -> None:
    text = joiner.join(pieces)
    doc = parse_document(text)
    expected = list(_sentences_with_evidence(doc.prose, doc.lower))
    assert list(_sentences_with_evidence(doc.prose, doc.lower, doc)) == expected


def test_gate_through_the_word_index_finds_the_faults() -> None:
    text = "Dave ran the wrong migration. The cache was warm. Ana took an ad hoc shortcut."
    doc = parse_document(text)
    people = PeopleIndex.build(doc, LintConfig())
    found = [(f.who, f.evidence) for f in find_faults(doc.prose, people, doc.lower, doc)]
    assert found == [("Dave", "the wrong"), ("Ana", "ad hoc")]
    spans = _sentences_with_evidence(doc.prose, doc.lower, doc)
    assert [doc.prose[start:end] for start, end in spans] == [
        "Dave ran the wrong migration",
        " Ana took an ad hoc shortcut",
    ]


def _sentences_by_stop_list(prose: str, lower: str) -> list[tuple[int, int]]:
    """The sentence lookup as first written (a list of every stop, then a binary search)."""
    from bisect import bisect_left

    from blamefree.lint.rules._fault import _GATE, _SENTENCE, _STOP, _ends_sentence

    evidence = [match.start() for match in _GATE.finditer(lower)]
    stops = [match.start() for match in _STOP.finditer(prose)]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(evidence):
        position = evidence[index]
        before = bisect_left(stops, position) - 1
        while before >= 0 and not _ends_sentence(prose, stops[before]):
            before -= 1
        sentence = _SENTENCE.match(prose, stops[before] + 1 if before >= 0 else 0)
        if sentence is None or sentence.end() <= position:
            index += 1
            continue
        index = bisect_left(evidence, sentence.end(), index + 1)
        spans.append(sentence.span())
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([" ", "", "\n"]))
def test_sentence_lookup_matches_the_stop_list(pieces: list[str], joiner: str) -> None:
    doc = parse_document(joiner.join(pieces))
    found = list(_sentences_with_evidence(doc.prose, doc.lower, doc))
    assert found == _sentences_by_stop_list(doc.prose, doc.lower)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZAb'’-_ .3é", max_size=30))
def test_capitalised_words_as_with_a_lookbehind_first(text: str) -> None:
    import re

    from blamefree.lint.rules._fault import _CAPITALISED

    assert _CAPITALISED.findall(text) == re.findall(r"(?<![\w'’-])[A-Z][\w'’-]*", text)


_HANDLE_OR_INITIALS_AS_FIRST_WRITTEN = r"(?<![\w.])(?:@[^\W_][\w.-]*\w|(?:[A-Z]\.){2,})"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["@", "A", "B", ".", "a", "_", "x", " ", "-", "3", "é", "J.D.", "@j"]),
        max_size=20,
    ).map("".join)
)
def test_handles_and_initials_as_first_written(text: str) -> None:
    import re

    from blamefree.lint.rules._fault import _HANDLE_OR_INITIALS

    expected = [m.span() for m in re.finditer(_HANDLE_OR_INITIALS_AS_FIRST_WRITTEN, text)]
    assert [m.span() for m in _HANDLE_OR_INITIALS.finditer(text)] == expected


def test_handles_and_initials() -> None:
    from blamefree.lint.rules._fault import _HANDLE_OR_INITIALS

    text = "@jdoe and J.D. (@ana_b.) x@y a.B.C. U.S.A. @ J. @x_"
    found = [m.group() for m in _HANDLE_OR_INITIALS.finditer(text)]
    assert found == ["@jdoe", "J.D.", "@ana_b", "U.S.A.", "@x_"]


def _people_as_first_written(text: str, lower: str, start: int, people: PeopleIndex) -> object:
    """`_people_in` as first written (the pronoun and role scan first), as sorted positions."""
    from blamefree.lint.rules import _fault as fault

    found: list[int] = []
    end = start + len(text)
    person = fault._PERSONISH.search(lower, start, end) is not None
    if person:
        found += [m.start() - start for m in fault._HE_SHE.finditer(lower, start, end)]
    if "@" in text or "." in text:
        found += [m.start() for m in re.finditer(_HANDLE_OR_INITIALS_AS_FIRST_WRITTEN, text)]
    cursor = 0
    for raw in fault._CAPITALISED.findall(text):
        at = text.find(raw, cursor)
        cursor = at + len(raw)
        word = raw[:-2] if raw.endswith(("'s", "’s")) else raw
        if people.is_name(word):
            found.append(at)
        elif (
            not person
            and people.name_shaped(word)
            and (word is not raw or fault._AGENT_AFTER.match(text, cursor))
        ):
            person = True
    return sorted(found) if found or person else None


_PEOPLE_PIECES = [
    *_PIECES,
    *["He", "he", "she", "She's", "his", "the", "engineer", "Tobiah", "ignored", "Ana's"],
    *["@jdoe", "@sre-team", "J.R.", "Heroku", "Priya", "co-worker", "sre", "vp", "ashes"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PEOPLE_PIECES), max_size=30), st.integers(0, 3))
def test_people_in_a_sentence_as_first_written(pieces: list[str], lead: int) -> None:
    from blamefree.lint.rules._fault import _people_in

    prose = "x." * lead + " ".join(pieces)
    lower = prose.lower()
    people = PeopleIndex.build(parse_document(prose), LintConfig())
    start = 2 * lead
    text = prose[start:]
    found = _people_in(text, lower, start, people)
    expected = _people_as_first_written(text, lower, start, people)
    assert (sorted(found) if found is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "who", "evidence"),
    [
        (
            'Ilse "fixed" the cache settings and we spent the weekend restoring them.',
            "Ilse",
            '"fixed"',
        ),
        ('Well, thanks Bartosz for "cleaning up" the old DNS zones.', "Bartosz", '"cleaning up"'),
        ('Ilse "tested" the migration on her laptop.', "Ilse", '"tested"'),
        ("Bartosz's “quick fix” took checkout down for an hour.", "Bartosz", "“quick fix”"),
    ],
)
def test_praise_in_scare_quotes_is_irony(text: str, who: str, evidence: str) -> None:
    assert (who, evidence) in faults(text)


@pytest.mark.parametrize(
    "text",
    [
        'Ilse marked the incident "resolved" at 14:02.',
        'Bartosz said the change was a "small fix" and asked for a review.',
        'Ilse referred to the patch as a "quick fix" in the ticket.',
        'The vendor\'s "fix" did not help and Ilse rolled it back.',
        'Our "harmless" cron job deleted the temp tables.',
        'Ilse wrote "fixed in 4.2" on the ticket after the release.',
        'The commit message was "quick fix" and Bartosz merged it after review.',
    ],
)
def test_scare_quotes_hard_negatives(text: str) -> None:
    assert faults(text) == []


def test_scare_quotes_in_a_document_are_read_from_the_raw_text() -> None:
    text = 'Ilse "fixed" the cache settings and we spent the weekend restoring them.\n'
    doc = parse_document(text)
    people = PeopleIndex.build(doc, LintConfig())
    found = list(find_faults(doc.prose, people, doc.lower, doc))
    assert [(f.who, f.evidence, f.start, f.end) for f in found] == [("Ilse", '"fixed"', 0, 12)]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # Harm in a coordinated clause after the act.
        (
            "Marguerite decided to run the reindex on a Monday morning, and search was down "
            "for two hours.",
            "Marguerite",
        ),
        # A habit or refusal, and being too busy to act.
        ("Honestly, Teodor just doesn't read the runbooks.", "Teodor"),
        ("Teodor was too busy to look at the alert.", "Teodor"),
        ("Teodor sat on the ticket for a week.", "Teodor"),
        # A resource left exposed.
        ("Teodor left the S3 bucket public for three weeks.", "Teodor"),
        # A gerund after "started with".
        ("The whole thing started with Marguerite deleting the wrong index.", "Marguerite"),
        (
            "Payments double-charged customers for an hour after Marguerite replayed the "
            "queue twice.",
            "Marguerite",
        ),
    ],
)
def test_coordinated_harm_habits_and_exposure(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Marguerite restarted the broker at 09:10, and the queue was down for two more "
        "minutes while it drained.",
        "Teodor doesn't read Slack on weekends, so we page him instead.",
        "Teodor was too tired to continue, so Marguerite took over.",
        "Teodor does the deploys on Tuesdays.",
        "Marguerite sat on the review board for the change.",
        "Teodor left the office at six and handed over to Marguerite.",
        "Teodor left the status page public during the maintenance as planned.",
        "Teodor won't be on call next week.",
        "The day started with Marguerite reviewing the alerts.",
    ],
)
def test_coordinated_harm_habits_and_exposure_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # A counterfactual about one named person's step.
        ("Nobody would have been paged if Rasmus had waited for the canary.", "Rasmus"),
        # A person as the cause itself.
        ("The outage was entirely on Teodor.", "Teodor"),
        ("Teodor is the reason checkout was down for an hour.", "Teodor"),
        # Breaking a build or a system.
        ("Marguerite broke the build again.", "Marguerite"),
        # Harm before "after" someone's piece of work.
        ("Checkout broke right after Teodor's deploy.", "Teodor"),
    ],
)
def test_counterfactuals_causes_and_broken_things(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "If Rasmus had been paged earlier, he could have helped.",
        "If Rasmus had not noticed the spike, the outage would have lasted hours.",
        "Teodor is the reason we caught it early.",
        "The outage was on Teodor's shift.",
        "The incident was on Tuesday.",
        "Marguerite broke the deadlock by restarting the worker.",
        "Marguerite broke the migration into three smaller steps.",
        "Checkout recovered right after Teodor's rollback.",
        "Errors were still high after Teodor's deploy.",
        "The alerts fired after Teodor's fix went out, as expected.",
    ],
)
def test_counterfactuals_causes_and_broken_things_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Priya pushed a schema change that locked the orders table for forty minutes.", "Priya"),
        ("Yet another outage courtesy of Bartholomew and his team.", "Bartholomew"),
        ("The new guy restarted every node at the same time.", "The new guy"),
        ("This is the third time Tomasz has taken down staging this quarter.", "Tomasz"),
        (
            "Nobody told Hjalmar to stop, and he kept deleting snapshots until the disk was empty.",
            "he",
        ),
        ("It took Priya three hours to even look at the alert.", "Priya"),
        ("Gwilym really dropped the ball on the certificate renewal.", "Gwilym"),
        ("Piotr's team lead, Ondrej, signed off on a migration nobody had reviewed.", "Ondrej"),
    ],
)
def test_relative_harm_idioms_slowness_and_repeats(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Lindqvist reverted the schema change that locked the orders table.",
        "Priya killed the query that locked the orders table.",
        "It took Priya three hours to find the root cause.",
        "Photos courtesy of Bartholomew.",
        "Priya paged both teams at the same time.",
        "Hjalmar kept the replica running until the disk was replaced.",
        "The new guy joined the call at 02:10.",
        "After the deploy, Priya, Tomasz, and Ana restarted the nodes one at a time.",
        "Our lead, Ondrej, reviewed the migration and approved it after load testing.",
        "This is the second time Tomasz has led the review.",
    ],
)
def test_relative_harm_idioms_slowness_and_repeats_hard_negatives(text: str) -> None:
    assert faults(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Checkout was down for an hour after Priya edited the rules.", True),
        ("Priya restarted the node, and search was down for an hour.", True),
        ("Checkout was down for an hour.", False),
    ],
)
def test_plain_harm_words_are_evidence_only_near_a_cause_cue(text: str, kept: bool) -> None:
    doc = parse_document(text)
    lower = doc.lower
    assert bool(list(_sentences_with_evidence(doc.prose, lower, doc))) is kept
    assert bool(list(_sentences_with_evidence(doc.prose, lower))) is kept


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Priya disabled the alert so she could sleep.", "Priya"),
        ("Tomasz muted the channel so he could leave early.", "Tomasz"),
        ("Ana let the handover slip.", "Ana"),
    ],
)
def test_selfish_motives_and_markers_that_hold_their_verb(text: str, who: str) -> None:
    assert [found for found, _evidence in faults(text)] == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Priya drained the node so she could patch it.",
        "Tomasz restarted the job so he could get the logs.",
        "Ana let the team know at 14:02.",
        "Ana let the job finish before restarting the node.",
    ],
)
def test_selfish_motives_and_markers_that_hold_their_verb_hard_negatives(text: str) -> None:
    assert faults(text) == []


_SENTENCE_PARTS = st.lists(
    st.sampled_from(
        [
            "he",
            "she",
            "her",
            "his",
            "the",
            "engineer",
            "on-caller",
            "co-worker",
            "Dana",
            "he's",
            "she-wolf",
            "hero",
            "shed",
            "ran",
            "a",
            "migration",
            ".",
            ",",
            "’",
            "-",
            "'",
            "\n",
            "  ",
            "@dana",
            "J.D.",
            "(",
            ")",
            "—",
        ]
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_PARTS, st.integers(0, 40), st.integers(0, 40))
def test_people_found_through_the_word_index_match_the_plain_search(
    text: str, cut_start: int, cut_length: int
) -> None:
    # The fault pass looks pronouns and role nouns up once per document (`_personish_spans`,
    # through the word index); a sentence's answer must equal searching it directly. A
    # sentence ends where no word goes on (its stop, a space or the end of the text).
    doc = parse_document(text)
    people = PeopleIndex.build(doc, LintConfig())
    start = min(cut_start, len(doc.lower))
    end = min(len(doc.lower), start + cut_length)
    while end < len(doc.lower) and not (doc.lower[end].isspace() or doc.lower[end] in ".,;()"):
        end += 1
    sentence = doc.prose[start:end]
    spans = _personish_spans(doc.lower, doc)

    indexed = _people_in(sentence, doc.lower, start, people, personish=spans)

    assert indexed == _people_in(sentence, doc.lower, start, people)


# Word gates before the irony, counterfactual and cause finders: a gate that says no must
# mean the finder's pattern cannot match.

_GATE_PIECES = [
    *["Thanks", "a", "lot", "THANK", "great", "Job", "nice", "work", "Well", "done", "good"],
    *["bravo", "Kudos", "to", "had", "one", "job", "HAD", "Had", "If", "if", "Tom", "read"],
    *["checked", "is", "was", "the", "reason", "cause", "culprit", "problem", "courtesy"],
    *["compliments", "of", "took", "Dave", "an", "hour", "to", "even", "third", "time"],
    *["has", "broken", "outage", "on", "On", "Ana", "entirely", "this", "\u212audos", "thanKs"],
    *["ſ", "ı", "İf", "wıll", "weLL", "Thanks.", "it", "Teodor", ",", ".", "\n", "’s", "x"],
]
_GATE_TEXTS = st.lists(st.sampled_from(_GATE_PIECES), max_size=30).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_GATE_TEXTS)
def test_finder_gates_never_hide_a_match(text: str) -> None:
    from blamefree.lint.rules import _fault as fault

    lower = text.translate(fault._ASCII_LOWER)
    if not fault._may_be_ironic(text, lower):
        assert fault._SARCASM.search(text) is None
    if not fault._may_be_counterfactual(text):
        assert fault._IF_NAMED.search(text) is None
    if not fault._may_name_a_cause(text):
        assert fault._PERSON_CAUSE.search(text) is None


@pytest.mark.parametrize(
    ("text", "ironic", "counterfactual", "cause"),
    [
        ("Great job, Sanjay, shipping it", True, False, False),
        ("KUDOS TO Sanjay", True, False, False),
        ("\u212aUDOS TO Sanjay", True, False, False),  # the Kelvin sign reads as a k
        ("thanKs a lot Jake", True, False, False),
        ("The cache was cold", False, False, False),
        ("This was avoidable if Tom had read it", True, True, False),
        ("Had Tom read it", True, True, False),
        ("The outage was entirely on Teodor", False, False, True),
        ("Teodor is the reason checkout was down", False, False, True),
        ("It took Dave an hour to even look", False, False, True),
    ],
)
def test_finder_gates(text: str, ironic: bool, counterfactual: bool, cause: bool) -> None:
    from blamefree.lint.rules import _fault as fault

    lower = text.translate(fault._ASCII_LOWER)
    assert fault._may_be_ironic(text, lower) is ironic
    assert fault._may_be_counterfactual(text) is counterfactual
    assert fault._may_name_a_cause(text) is cause


_STOP_PIECES = [
    *["Mr.", "Ms.", "Mrs.", "Dr.", "MMr.", "aMrs.", "U.S.", "aU.S.", "A.", "a.", "ab.", "3.", "٣."],
    *["12.", "x.y", "node.js", "2 a.m.", "_.", "é.", ". ", ".", "..", "!", "?", ";", "\n"],
    *[" ", "\t", "Then", "then", "A", "É", "word", "_", "3", "\u00a0", "Ⅻ.", "…"],
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PIECES), max_size=30), st.sampled_from([" ", ""]))
def test_sentence_end_is_where_the_sentence_pattern_ends(pieces: list[str], joiner: str) -> None:
    # `_sentence_end` reads the sentence with string searches; `_SENTENCE` is the reference.
    from blamefree.lint.rules._fault import _SENTENCE, _sentence_end

    prose = joiner.join(pieces)
    for start in range(len(prose) + 1):
        match = _SENTENCE.match(prose, start)
        assert _sentence_end(prose, start) == (match.end() if match is not None else -1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PIECES), max_size=30), st.sampled_from([" ", ""]))
def test_previous_stop_is_the_last_stop_before(pieces: list[str], joiner: str) -> None:
    from blamefree.lint.rules._fault import _STOP, _previous_stop

    prose = joiner.join(pieces)
    stops = [match.start() for match in _STOP.finditer(prose)]
    for position in range(len(prose) + 1):
        before = [at for at in stops if at < position]
        assert _previous_stop(prose, position) == (before[-1] if before else -1)


@pytest.mark.parametrize(
    ("prose", "end"),
    [
        ("Dave ran it at 2 a.m. with no review. Then", 36),
        ("Mr. Smith ran it. Then", 16),
        ("in region A. Then", 11),
        ("the U.S. team ran it; then", 20),
        ("version 3.5 shipped!", 19),
        ("at 10. then more", 16),
        ("at 10. Then more", 5),
    ],
)
def test_sentence_ends(prose: str, end: int) -> None:
    from blamefree.lint.rules._fault import _sentence_end

    assert _sentence_end(prose, 0) == end


def _role_end_as_first_written(tokens: list[tuple[str, int]]) -> int | None:
    """`_role_end` trying every phrase (no check of its last word first)."""
    from blamefree.lint._people import ROLE_PHRASE
    from blamefree.lint.rules._fault import _GENERIC, _ROLE_DETERMINERS, _plural

    if tokens[0][0].casefold() not in _ROLE_DETERMINERS:
        return None
    for size in (5, 4, 3, 2):
        if len(tokens) <= size:
            continue
        words = [word for word, _ in tokens[:size]]
        if not all(w[:1].isalpha() for w in words):
            continue
        if (
            ROLE_PHRASE.match(" ".join(words))
            and words[0].casefold() not in _GENERIC
            and not _plural(words[-1])
        ):
            return size
    return None


_ROLE_TOKENS = [
    *["the", "The", "a", "an", "one", "some", "our", "this", "new", "on-call", "senior", "x"],
    *["engineer", "engineers", "hire", "guy", "team", "member", "lead", "ops", "on", "call"],
    *["shift", "ran", "ſre", "engıneer", "DBA", ",", "3"],
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ROLE_TOKENS), min_size=1, max_size=8))
def test_role_end_as_first_written(words: list[str]) -> None:
    from blamefree.lint.rules._fault import _role_end

    tokens = [(word, 0) for word in words]
    assert _role_end(tokens) == _role_end_as_first_written(tokens)


_OWNER_AS_FIRST_WRITTEN = r"(?P<owner>(?:[A-Z][\w-]*\s+)?[A-Z][\w-]*|@[\w.-]*\w)['’]s\s+"
_OWNER_PIECES = [
    *["Ana", "Ana's", "Ana’s", "Ivo", "Smith's", "@dev_anton's", "@j.doe's", "@'s", "After"],
    *["change", "little", "tweak", "broke", "took", "prod", "down", "config", "'s", "’s", "x-Y's"],
    *["a", "B", "é", "Élodie's", "\t", "\n", ",", "wiped", "mistake", "laptop", "crashed"],
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_OWNER_PIECES), max_size=20), st.sampled_from([" ", "  ", ""]))
def test_owned_work_patterns_as_first_written(pieces: list[str], joiner: str) -> None:
    # The owner now opens with its first character; every match and group must be the same.
    from blamefree.lint.rules import _fault as fault

    text = joiner.join(pieces)
    new_owner = fault._OWNED.pattern[: fault._OWNED.pattern.index("s\\s+") + 4]
    for pattern in (fault._OWNED, fault._OWNED_ACT):
        first = re.compile(pattern.pattern.replace(new_owner, _OWNER_AS_FIRST_WRITTEN, 1))
        assert first.pattern != pattern.pattern
        expected = [(m.span(), m.groupdict()) for m in first.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == expected


def test_owned_work_patterns_find_owners() -> None:
    from blamefree.lint.rules import _fault as fault

    text = "After Ivo's change, Ana Smith's little tweak broke prod and @dev.x's typo wiped it"
    assert [m.group("owner") for m in fault._OWNED.finditer(text)] == [
        "After Ivo",
        "Ana Smith",
        "@dev.x",
    ]
    assert [m.group("owner") for m in fault._OWNED_ACT.finditer(text)] == ["Ana Smith", "@dev.x"]
