"""BL1xx: hindsight, counterfactuals and minimizers."""

from __future__ import annotations

import pytest

from tests.lint._helpers import codes, only, spans


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Ana should have known the flag was still on.", "BL101", [(1, 5, "should have known")]),
        (
            "We could have easily caught this in staging.",
            "BL101",
            [(1, 4, "could have easily caught")],
        ),
        ("If only someone had looked at the dashboard.", "BL101", [(1, 1, "If only")]),
        ("We should've paged the database team.", "BL101", [(1, 4, "should've")]),
        ("The error rate was obviously climbing.", "BL102", [(1, 20, "obviously")]),
        (
            "Any competent engineer would have rolled back.",
            "BL102",
            [(1, 1, "Any competent engineer")],
        ),
        ("Of course the cache was cold.", "BL102", [(1, 1, "Of course")]),
        ("The team failed to notice the disk filling up.", "BL103", [(1, 10, "failed to notice")]),
        (
            "We missed the obvious warning signs.",
            "BL103",
            [(1, 4, "missed the obvious warning signs")],
        ),
        ("The engineer could just restart the pod.", "BL104", [(1, 14, "could just")]),
        ("This was easily avoided with a dry run.", "BL104", [(1, 10, "easily avoided")]),
        ("All they had to do was read the runbook.", "BL104", [(1, 1, "All they had to do")]),
    ],
)
def test_hindsight_spans(text: str, code: str, expected: list[tuple[int, int, str]]) -> None:
    assert spans(text, code) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The cache should have expired after 60 seconds but kept entries for a day.",
        "It could have been much worse: the replica was only minutes behind.",
        "A second replica could have helped here.",
        "The failure mode was not obvious from the alert text.",
        "The health check failed to detect the crash loop because it only probed the port.",
        "The alert fired just before 14:00.",
        "We just restarted the pod and the errors stopped.",
        "The disk-usage alert fired into a channel nobody watched overnight.",
        'Ana noted "we should have known" in the retro.',
        "The on-call engineer acknowledged the alert at 14:37.",
        "```\nWe should have known.\n```",
    ],
)
def test_hindsight_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL1")] == []


def test_counterfactual_message_and_advice() -> None:
    finding = only("Ana should have known.", "BL101")
    assert (
        finding.message
        == "A counterfactual ('should have', 'if only') judges people with hindsight."
    )
    assert finding.suggestion == (
        "Describe what people saw at the time and why their actions made sense then."
    )


def test_obviously_offers_deletion_as_the_replacement() -> None:
    finding = only("The error rate was obviously climbing.", "BL102")
    assert finding.replacement == ""
    assert (
        finding.suggestion == "Drop 'obviously' and say what signal existed and how visible it was."
    )


def test_person_who_failed_to_notice_is_reported_once_as_blame() -> None:
    assert codes("Dave failed to notice the alert.") == ["BL001"]


def test_minimizer_is_info() -> None:
    assert only("It simply timed out.", "BL104").severity.value == "info"


def test_suppressed_hindsight() -> None:
    assert codes("<!-- blamefree-disable BL101 -->\nWe should have known.") == []
    assert codes("We should have known. <!-- blamefree-disable BL1 -->") == []


@pytest.mark.parametrize(
    ("text", "code", "covered"),
    [
        (
            "Anyone watching the graphs would clearly have seen the spike.",
            "BL101",
            "would clearly have seen",
        ),
        ("They'd have noticed the spike within minutes.", "BL101", "They'd have noticed"),
        ("Had anyone bothered to look, the lock was there.", "BL101", "Had anyone bothered"),
        (
            "In retrospect, promoting the replica was the wrong choice.",
            "BL102",
            "In retrospect, promoting the replica was the wrong",
        ),
        ("The failure was plainly visible on the dashboard.", "BL102", "plainly"),
        ("The dashboard made it obvious.", "BL102", "made it obvious"),
        (
            "The responders failed to notice the second region was paging.",
            "BL103",
            "failed to notice",
        ),
        ("Nobody spotted the obvious clue in the first log line.", "BL103", "spotted the obvious"),
        (
            "A quick look at the diff would have shown the typo.",
            "BL104",
            "A quick look at the diff would have",
        ),
        (
            "A moment's thought would have revealed the loop.",
            "BL104",
            "A moment's thought would have",
        ),
        ("All it would have taken was one grep.", "BL104", "All it would have taken"),
        ("It was just a matter of reading the stack trace.", "BL104", "just a matter of"),
        ("The team just didn't look at the alert.", "BL104", "just didn't look"),
        ("It was simple to spot the leak.", "BL104", "simple to spot"),
        ("This was an easy catch for any reviewer.", "BL104", "an easy catch"),
    ],
)
def test_hindsight_frames(text: str, code: str, covered: str) -> None:
    assert spans(text, code) == [(1, 1 + text.index(covered), covered)]


@pytest.mark.parametrize(
    "text",
    [
        "The responders noticed the obvious symptom first.",
        "It was not easy to spot the leak because the graphs were averaged.",
        "A single canary would have caught this before it reached all regions.",
        "The dashboard made it obvious to customers that checkout was down.",
        "Looking back, the migration took longer than planned because of lock contention.",
        "We'd have rolled back sooner with a flag.",
    ],
)
def test_hindsight_frames_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL1")] == []


def test_should_not_have_acted_is_reported_once_as_blame() -> None:
    assert codes("Maximilian should not have restarted the primary.") == ["BL001"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Counterfactual conditionals about people, and the rhetorical question.
        ("Had the DBAs just added an index, the query would never have timed out.", "BL101"),
        ("If we had only set up alerting on the queue depth, we would have known.", "BL101"),
        ("If the engineers had been paying attention, it would have lasted minutes.", "BL101"),
        ("Had anyone on the bridge thought to check the config history, we'd know.", "BL101"),
        ("Why didn't anyone look at the disk graph before the weekend?", "BL101"),
        ("It should have been caught in code review.", "BL101"),
        ("The people running the migration should have kept an eye on the lag.", "BL101"),
        # Judgement of what was visible.
        ("It's hard to believe the lag was at six hours.", "BL102"),
        ("The warning signs were clearly there for weeks.", "BL102"),
        ("It was plain that the certificate was about to expire.", "BL102"),
        ("Missing the expired certificate is inexcusable.", "BL102"),
        ("Looking back, the errors were avoidable.", "BL102"),
        # Attention judged, and effort minimized.
        ("Nobody thought to check whether the backups actually restored.", "BL103"),
        ("The team overlooked the most basic check after the deploy.", "BL103"),
        ("A competent review process would have blocked this change.", "BL104"),
        ("Just reading the error message would have told them what was wrong.", "BL104"),
    ],
)
def test_hindsight_categories(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The firewall simply drops packets that match no allow rule.",
        "The integration tests mock the gateway, so they could not have caught the change.",
        "If the cache had expired, the page would have reloaded.",
        "Why did the alert not fire? The threshold used the wrong unit.",
        "The review process blocked the change until the tests passed.",
        "Reading the error message took the responders to the right service.",
        # "Looking back" at evidence, with words that judge nothing ("error rate", "could see").
        "Looking back at the graphs, the error rate began to climb at 14:02.",
        "Looking back at the logs, we could see the first timeout at 14:01.",
    ],
)
def test_hindsight_categories_hard_negatives(text: str) -> None:
    assert [c for c in codes(text) if c.startswith("BL1")] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Looking at it now, the root cause could not have been more obvious.", "BL102"),
        ("Clearly, the testing was inadequate.", "BL102"),
        ("Why did nobody question the zero-traffic canary?", "BL101"),
    ],
)
def test_judgement_forms(text: str, code: str) -> None:
    assert code in codes(text)


def test_named_counterfactual_is_blame_not_also_hindsight() -> None:
    text = "If Jonas had bothered to look at the graphs, he would have seen memory climbing."
    assert [c for c in codes(text) if c.startswith(("BL0", "BL1"))] == ["BL001"]
