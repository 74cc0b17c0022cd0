"""BL0xx: people named as the cause, with the hard negatives that must stay silent."""

from __future__ import annotations

import pytest

from blamefree.lint import LintConfig
from tests.lint._helpers import FRONT, codes, only, spans

REWRITE = (
    "Describe the conditions that made the action possible, e.g. 'the deploy script allowed "
    "an unguarded migration' instead of 'Dave ran the wrong migration'."
)


def test_person_as_cause_span_message_and_rewrite() -> None:
    finding = only("Later, Dave ran the wrong migration.", "BL001")
    assert (finding.line, finding.column, finding.length) == (1, 8, 18)
    assert finding.message == (
        "'Dave' is named as the cause ('ran the wrong'); the analysis stops at a person "
        "instead of the conditions around them."
    )
    assert finding.suggestion == REWRITE


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("The on-call engineer forgot to check the dashboard.", "The on-call engineer forgot"),
        ("She accidentally deleted the production bucket.", "She accidentally"),
        ("Sam failed to renew the certificate.", "Sam failed to"),
        ("Priya Raman skipped the canary.", "Priya Raman skipped"),
        ("The junior engineer fat-fingered the replica count.", "The junior engineer fat-fingered"),
        ("Kwame was careless with the flag.", "Kwame was careless"),
        ("Hugo overrode the safety check.", "Hugo overrode"),
        ("Fiona never tested the rollback.", "Fiona never tested"),
    ],
)
def test_person_as_cause_fires(text: str, covered: str) -> None:
    assert spans(text, "BL001") == [(1, 1, covered)]


@pytest.mark.parametrize(
    "text",
    [
        "The on-call engineer acknowledged the alert at 14:37.",
        "The incident commander decided to roll back at 14:50.",
        "The SRE on call paged the database team at 14:40.",
        "The deploy failed to complete because the health check timed out.",
        "Jenkins broke the build after the plugin update.",
        "Max connections failed to drain before the restart.",
        "Chrome failed to load the page from the CDN.",
        "Atlas broke the checkout flow when its cache expired.",
        "Dave rolled back the release and error rates recovered.",
        "The runbook did not say which flag to check.",
        'In the bridge call Paul said "I forgot the flag" and we added a check.',
        "Tom wrote \u201cDave forgot the flag\u201d in the incident channel.",
        "Paul said 'I forgot the flag' on the bridge.",
        "> Dave forgot the flag.",
        "Run `dave forgot --flag` to reproduce.",
        "```\nDave forgot the flag.\n```",
    ],
)
def test_hard_negatives_stay_silent(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


def test_service_names_from_front_matter_are_not_people() -> None:
    text = FRONT + "\n## Summary\n\nAtlas forgot to refresh the token.\n"
    assert "BL001" not in codes(text)
    assert codes("Atlas forgot to refresh the token.") == ["BL001"]
    assert codes("Atlas forgot it.", LintConfig(not_people=("Atlas",))) == []


def test_participants_from_front_matter_are_people() -> None:
    front = FRONT.replace("  - Tom Ng\n", "  - Tom Ng\n  - Zephyr Quill\n")
    text = front + "\n## Summary\n\nZephyr failed to renew the certificate.\n"
    assert "BL001" in codes(text)
    assert "BL001" not in codes(FRONT + "\n## Summary\n\nZephyr failed to renew it.\n")


def test_caused_by_person() -> None:
    finding = only("The outage was caused by Priya.", "BL002")
    assert (finding.column, finding.length) == (16, 15)
    assert finding.message == "The cause is attributed to 'Priya'; say which conditions allowed it."
    assert spans("It was Tom's mistake.", "BL002") == [(1, 8, "Tom's mistake")]
    assert spans("Due to her error the job ran twice.", "BL002") == [(1, 1, "Due to her")]
    assert codes("The failover was triggered by an engineer on the platform team.") == ["BL002"]


@pytest.mark.parametrize(
    "text",
    [
        "The outage was caused by a retry storm after the timeout change.",
        "Priya's analysis of the logs showed the retry storm.",
        "The delay was due to the vendor's maintenance window.",
        "The error was caused by Redis evicting keys under memory pressure.",
    ],
)
def test_caused_by_hard_negatives(text: str) -> None:
    assert codes(text) == []


def test_who_was_responsible() -> None:
    assert spans("Responsible: Dave", "BL003") == [(1, 1, "Responsible:")]
    assert spans("We need to find out who was responsible.", "BL003") == [
        (1, 21, "who was responsible")
    ]
    assert codes("The culprit was a junior engineer.") == ["BL003"]
    assert codes("No single person is at fault; the runbook was wrong.") == []
    assert codes("The payments team is responsible for the checkout service.") == []


def test_inline_suppression() -> None:
    text = "<!-- blamefree-disable BL001 -->\nDave forgot the flag.\n"
    assert codes(text) == []
    assert codes("Dave forgot the flag. <!-- blamefree-disable BL002 -->") == ["BL001"]


def test_possessive_before_a_later_attribution_is_still_reported() -> None:
    text = "It was Tom's mistake. Later the retry was caused by Dave."
    assert spans(text, "BL002") == [(1, 8, "Tom's mistake"), (1, 43, "caused by Dave")]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Because of Farah, the release had no rollback plan.", "Because of Farah"),
        ("It was Omar who misconfigured the load balancer.", "It was Omar who"),
        ("Ivan was the one who pushed the config.", "was the one who"),
        ("The outage traces back to Ben, who disabled the alert.", "traces back to Ben"),
        ("Nadia's decision to skip the test led to the outage.", "Nadia's decision"),
        ("If you ask me, this one is on Greg.", "this one is on Greg"),
    ],
)
def test_attribution_forms(text: str, covered: str) -> None:
    assert [c for _line, _col, c in spans(text, "BL002")] == [covered]


@pytest.mark.parametrize(
    "text",
    [
        "The delay was because of Kafka, which rebalanced for ten minutes.",
        "It was Tuesday when the cache expired.",
        "The culprit PR changed the retry default.",
        "The responders failed to notice the queue growing.",
    ],
)
def test_attribution_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


def test_retraining_a_person_is_looking_for_someone_responsible() -> None:
    assert spans("Zoe should be retrained.", "BL003") == [(1, 5, "should be retrained")]


def test_sentence_adverbs_are_not_part_of_a_name() -> None:
    assert spans("However Dave forgot the flag.", "BL001") == [(1, 9, "Dave forgot")]
    assert spans("Later, Dave forgot the flag.", "BL001") == [(1, 8, "Dave forgot")]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Anders misconfigured the firewall.", "Anders misconfigured"),
        ("Kenji didn't run the pre-flight checks.", "Kenji didn't run"),
        ("Hiro overlooked the expiry date.", "Hiro overlooked"),
        ("Tariq should not have run the script.", "Tariq should not have run"),
        ("Femi approved the PR without reading it.", "Femi approved the PR without reading"),
        ("dave pushed the wrong config.", "dave pushed the wrong"),
        ("The DBA team broke replication.", "The DBA team broke"),
        (
            "The engineer responsible for the migration did not test it.",
            "The engineer responsible for the migration did not test",
        ),
        ("The intern pushed to main and broke the build.", "The intern pushed to main and broke"),
        ("Ruben logged in and forgot to re-enable it.", "Ruben logged in and forgot"),
        ("Tobias shouldn't have approved his own PR.", "Tobias shouldn't have approved"),
    ],
)
def test_person_as_cause_broader_forms(text: str, covered: str) -> None:
    assert spans(text, "BL001") == [(1, 1, covered)]


def test_a_pronoun_or_lower_case_name_later_in_the_text_is_the_subject() -> None:
    text = "Kofi restarted the primary. He had not checked the replica."
    assert spans(text, "BL001") == [(1, 29, "He had not checked")]
    assert spans("Because priya forgot the flag, the job ran twice.", "BL001") == [
        (1, 9, "priya forgot")
    ]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("The change was pushed by Dave without review.", "pushed by Dave"),
        ("The database was deleted by Ola by mistake.", "deleted by Ola"),
        ("The hotfix was merged by Kateryna without anyone reviewing it.", "merged by Kateryna"),
        ("The outage happened because Kwabena disabled the limiter.", "because Kwabena"),
        ("It all started when Callum deleted the zone by hand.", "started when Callum"),
        ("Maria's deploy took down the API.", "Maria's deploy"),
        ("Sven's careless edit took the site offline.", "Sven's careless edit"),
        ("The outage happened on Steve's watch.", "Steve's watch"),
        ("Everyone agrees the mistake was made by Imogen.", "mistake was made by Imogen"),
        ("Greta's slip sent all traffic to one zone.", "Greta's slip"),
    ],
)
def test_attribution_broader_forms(text: str, covered: str) -> None:
    assert [c for _line, _col, c in spans(text, "BL002")] == [covered]


def test_passive_attribution_message_names_the_person() -> None:
    finding = only("The change was pushed by Dave without review.", "BL002")
    assert finding.message == "The action is attributed to 'Dave'; say which conditions allowed it."


def test_telling_a_person_to_be_more_careful_looks_for_someone_responsible() -> None:
    text = "The person who ran the script has been told to be more careful."
    assert spans(text, "BL003") == [(1, 31, "has been told to be more careful")]


@pytest.mark.parametrize(
    "text",
    [
        "The change was pushed by the release pipeline at 10:05.",
        "The change was reviewed by Dave and merged by Ana.",
        "The hotfix was merged by Kateryna after two approvals.",
        "The change was deployed by Spinnaker without approval because the gate was off.",
        "The job was killed by the OOM killer without warning.",
        "Because Ana restarted the consumer, the backlog cleared.",
        "Because Tariq spotted the spike early, we rolled back before customers noticed.",
        "Because Grafana restarted, the dashboards were blank for two minutes.",
        "The root cause was that the cleanup job matched every tenant.",
        "Maria's deploy notes listed the new feature flag.",
        "On Steve's advice we drained the node before rebooting.",
        "We noticed that Dave's watch alarm went off.",
        "dave restarted the consumer at 09:14.",
        "Mark the incident as resolved once the backlog drains.",
        "The DBA team restored the replica from the snapshot.",
        "The platform team disabled the noisy alert after agreeing on a replacement.",
        "The data team's pipeline broke when the schema changed.",
        "The on-call engineer restarted the pods and then the cache broke.",
        "Dave opened the dashboard and noticed the spike.",
        "The engineer responsible for the migration walked us through the plan.",
        "Spark skipped the corrupted partition and kept going.",
        "Terraform mistakenly reported no changes because the state file was stale.",
    ],
)
def test_broader_forms_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


def test_a_team_that_missed_something_is_hindsight_not_blame() -> None:
    assert codes("The DBA team failed to notice the lag.") == ["BL103"]
    assert "BL001" not in codes("The platform team should not have disabled the alert.")


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Svetlana mis-set the retention to one day.", "Svetlana mis-set"),
        ("Marek misrouted the payment traffic.", "Marek misrouted"),
        ("Rhys made the wrong call to fail over both regions.", "Rhys made the wrong"),
        ("Oksana made a hasty decision to purge the queue.", "Oksana made a hasty decision"),
        (
            "Tendai left the feature flag enabled after the test.",
            "Tendai left the feature flag enabled",
        ),
        (
            "The trainee left the firewall port open, and scanners found it.",
            "The trainee left the firewall port open",
        ),
        (
            "The release engineer went home while the migration was still running.",
            "The release engineer went home",
        ),
        ("She had no business editing the production zone file.", "She had no business editing"),
        ("Teodor was warned twice not to restart the primary.", "Teodor was warned twice not to"),
        ("Our VP pressured the team into shipping early.", "Our VP pressured"),
        ("The QA lead waved the build through on Friday.", "The QA lead waved the build through"),
        ("The release was rushed by Callum, who skipped the smoke tests.", "Callum, who skipped"),
        ("Lucía forgot to renew the domain.", "Lucía forgot"),
        ("Rose failed to verify the snapshot.", "Rose failed to"),
    ],
)
def test_person_as_cause_lexicon_names_and_roles(text: str, covered: str) -> None:
    assert spans(text, "BL001") == [(1, 1 + text.index(covered), covered)]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        (
            "Mthunzi changed the firewall rules without telling the network team.",
            "Mthunzi changed the firewall rules without telling",
        ),
        (
            "@lwazi ran the cleanup on the live bucket instead of the staging copy.",
            "@lwazi ran the cleanup on the live bucket instead of the",
        ),
        (
            "@jo.k merged the branch with an unresolved review comment.",
            "@jo.k merged the branch with an unresolved",
        ),
        (
            "The new hire committed an access token to a public repository.",
            "The new hire committed an access token to a public",
        ),
        (
            "Our senior DBA, Zuzana, rebuilt the index in the middle of business hours.",
            "Our senior DBA, Zuzana, rebuilt the index in the middle of business",
        ),
        (
            "Kieran deployed the hotfix despite the failing integration tests.",
            "Kieran deployed the hotfix despite the failing",
        ),
        (
            "The contractor rebooted the switch outside the maintenance window.",
            "The contractor rebooted the switch outside the maintenance window",
        ),
    ],
)
def test_fault_marker_blames_the_person_opening_the_clause(text: str, covered: str) -> None:
    assert spans(text, "BL001") == [(1, 1, covered)]


@pytest.mark.parametrize(
    "text",
    [
        "The cleanup job rebuilt the index in the middle of business hours.",
        "Nikhil posted the update to the public status page at 10:05.",
        "The responders restarted the pods without waiting for the drain.",
        "After Dave joined, the pipeline deployed without review.",
        "@sre-team merged the branch with an unresolved review comment.",
        "Will the new alert fire without a dry run?",
        "Hope from support relayed that merchants saw timeouts.",
        "Grant funding was approved a month later.",
        "Kenji left the bridge at 10:40 once traffic recovered.",
        "A mistake by an engineer caused the rollback to fail.",
    ],
)
def test_fault_marker_and_name_hard_negatives(text: str) -> None:
    assert spans(text, "BL001") == []


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("It was reckless of Bastian to disable the rate limiter.", "reckless of Bastian"),
        ("Thanks to Ifeoma, the queue overflowed again.", "Thanks to Ifeoma"),
        ("Saoirse's untested script corrupted the ledger.", "Saoirse's untested script"),
        ("Yannick's change locked the accounts table for nine minutes.", "Yannick's change"),
    ],
)
def test_attribution_judgements_and_consequences(text: str, covered: str) -> None:
    assert spans(text, "BL002") == [(1, 1 + text.index(covered), covered)]


def test_thanks_to_a_person_for_catching_something_is_credit() -> None:
    text = "Thanks to Ifeoma catching the alert early, we failed over in time."
    assert codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kenji rolled back instead of the usual fail-forward because the fix was not ready.",
        "Amara paged the secondary instead of the primary, as the runbook says.",
        "Priya restarted the pods during peak hours because the leak was about to crash them.",
        "Sofia left the debug flag on in staging to collect more traces, as agreed.",
        "Dave deployed the fix despite the freeze, with approval from the incident commander.",
        "Elena merged the hotfix with a failing flaky test after the release manager signed off.",
        "Tom left the incident channel open for follow-up questions.",
        "Farah stepped away from the bridge while Omar took over as incident commander.",
        "Our SRE, Nadia, posted the key rotation plan to the public channel.",
    ],
)
def test_a_stated_reason_makes_a_risky_action_a_decision(text: str) -> None:
    assert spans(text, "BL001") == []


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        (
            "Babajide deleted the read replica by mistake while cleaning up.",
            "Babajide deleted the read replica by mistake",
        ),
        (
            "Esteban carelessly pasted the root password into the ticket.",
            "Esteban carelessly",
        ),
        (
            "Mateus ran the cleanup script on the wrong account.",
            "Mateus ran the cleanup script on the wrong",
        ),
        (
            "Ruta truncated the table thinking it was the test copy.",
            "Ruta truncated the table thinking it was",
        ),
        (
            "Sunita was asked to wait for the freeze but shipped anyway.",
            "Sunita was asked to wait for the freeze but shipped anyway",
        ),
        (
            "Dariusz changed the TTL to a week on a whim.",
            "Dariusz changed the TTL to a week on a whim",
        ),
        (
            "Dawit rolled out the change to all regions at once, against the runbook.",
            "Dawit rolled out the change to all regions at once, against the runbook",
        ),
        (
            "The junior developer deleted the database while trying to reset staging.",
            "The junior developer deleted the database while trying to",
        ),
        ("Yusuf approved his own change at 2 a.m.", "Yusuf approved his own"),
        ("Stefan chose to skip the canary.", "Stefan chose to skip"),
        ("Joaquim force-pushed over the release branch.", "Joaquim force-pushed"),
        (
            "Our contractor hard-coded the API key in the app.",
            "Our contractor hard-coded the API key",
        ),
        ("Tomasz never ran the migration in staging first.", "Tomasz never ran"),
        (
            "Hieu was supposed to renew the certificate and didn't.",
            "Hieu was supposed to renew the certificate and didn't",
        ),
    ],
)
def test_person_as_cause_manner_target_and_conduct(text: str, covered: str) -> None:
    assert spans(text, "BL001") == [(1, 1, covered)]


@pytest.mark.parametrize(
    "text",
    [
        "The script ran against the wrong account because the default profile pointed there.",
        "The deploy went ahead anyway because the check was advisory.",
        "The autoscaler accidentally removed the last healthy node.",
        "The job was supposed to run nightly but did not start after the upgrade.",
        "Kenji restarted the pod while trying to capture a heap dump, as the vendor asked.",
        "Mateus ran the cleanup script on the staging account as part of the drill.",
        "Mercury, our billing service, failed to send invoices on the first of the month.",
    ],
)
def test_manner_and_target_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


def test_a_fat_finger_is_a_fault_noun() -> None:
    text = "Tarik's fat finger on the console deleted the whole VPC."
    assert spans(text, "BL002") == [(1, 1, "Tarik's fat finger")]


@pytest.mark.parametrize(
    "text",
    [
        "If Rasmus had not noticed the spike, the outage would have lasted hours.",
        "If Rasmus hadn't checked the graphs, nobody would have known.",
    ],
)
def test_a_step_not_skipped_in_a_condition_is_credit(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


def test_a_step_not_taken_outside_a_condition_is_still_blame() -> None:
    assert "BL001" in codes("The launch failed because Rasmus had not tested the rollback.")


@pytest.mark.parametrize(
    "text",
    [
        "Priya broke the work into three tickets.",
        "Priya broke the migration into three smaller steps.",
        "Priya broke the deadlock by restarting the worker.",
        "The regression was found when Priya ran the integration suite.",
        "After Ana upgraded the driver, the failures stopped.",
        "Priya is the reason the outage lasted only ten minutes.",
        "Ana restarted the pods, and the service was unavailable for thirty seconds as expected.",
        "Orders stopped flowing at 14:02, and Ana paged the vendor.",
        "The alerts stopped firing after Ana changed the threshold.",
        "Checkout went down at 14:02, and Priya declared the incident at 14:05.",
        "When Priya joined, checkout was already down.",
        "It took Tomasz two hours to restore the backups.",
        "Priya sat on the incident review panel.",
    ],
)
def test_neutral_sentences_with_round5_cues_stay_silent(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL0")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Priya broke the build again.",
        "Orders stopped flowing after Ana changed the queue name.",
        "The regression was introduced when Priya merged the refactor.",
    ],
)
def test_round5_blame_through_the_whole_linter(text: str) -> None:
    assert "BL001" in codes(text)


def test_role_openers_are_the_words_a_role_phrase_opens_with() -> None:
    # `_object_kind` skips ROLE_PHRASE when an ASCII first word is none of these: the set
    # must follow the pattern.
    from blamefree.lint._people import ROLE_PHRASE
    from blamefree.lint.rules.blame import _ROLE_OPENERS

    assert ROLE_PHRASE.pattern.startswith(r"^(?:the|an?|one|our|that|this|another|some)\s+")
    assert {"the", "a", "an", "one", "our", "that", "this", "another", "some"} == _ROLE_OPENERS
    assert ROLE_PHRASE.match("The on-call engineer")
    assert ROLE_PHRASE.match("th\u0131s engineer")  # dotless i folds to i: not ASCII, asked
