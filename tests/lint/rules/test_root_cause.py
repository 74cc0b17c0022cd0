"""BL2xx: human error as a cause, single root causes and Why chains."""

from __future__ import annotations

import pytest

from tests.lint._helpers import codes, only, postmortem, spans


def _factor(*answers: str, title: str = "Migration ran on the primary") -> str:
    steps = "".join(
        f"{number}. Why did step {number} happen?\n   {answer}\n"
        for number, answer in enumerate(answers, start=1)
    )
    second = (
        "\n### Slow detection\n1. Why was paging slow?\n   The alert waits 15 minutes.\n"
        "2. Why does it wait?\n   The threshold was tuned for a retired service.\n"
    )
    return f"### {title}\n{steps}{second}"


def test_human_error_cause() -> None:
    assert spans("The outage was due to operator error during the failover.", "BL201") == [
        (1, 23, "operator error")
    ]
    finding = only("The root cause was human error.", "BL201")
    assert (finding.column, finding.length) == (20, 11)
    assert finding.suggestion == (
        "Ask what made the error likely or its effect large: tooling, defaults, load."
    )


@pytest.mark.parametrize(
    "text",
    [
        "We do not stop at human error; the console accepted a destructive command silently.",
        "Human error is never the end of an analysis.",
        "The console showed a user error page for 5% of requests.",
        'The ticket said "human error" and was reopened.',
    ],
)
def test_human_error_hard_negatives(text: str) -> None:
    assert "BL201" not in codes(text)


def test_single_root_cause() -> None:
    assert spans("The root cause was a missing index.", "BL202") == [(1, 1, "The root cause")]
    assert spans("## Root cause", "BL202") == [(1, 1, "## Root cause")]
    text = "# Review\n## Root cause\nText.\n\n### Root cause:\n#Root cause\n  ## Root cause"
    assert spans(text, "BL202") == [(2, 1, "## Root cause"), (5, 1, "### Root cause:")]
    assert "BL202" not in codes("There was no single root cause.")
    assert "BL202" not in codes("The root cause analysis is below.")
    assert "BL202" not in codes("One contributing factor was a missing index.")


def test_why_chain_ending_at_a_person() -> None:
    text = postmortem(
        contributing_factors=_factor(
            "It ran on the primary during peak traffic.",
            "The engineer forgot to pass the replica flag.",
        )
    )
    finding = only(text, "BL203")
    line = text.split("\n")[finding.line - 1]
    assert line == "   The engineer forgot to pass the replica flag."
    assert (finding.column, finding.length) == (4, 45)
    for answer, fires in (
        ("It was human error.", True),
        ("Tom Ng ran the script.", True),
        ("The script ran, said Priya.", True),
        ("Nobody paid attention.", False),
        ("The tom-cat job and the priya queue ran late.", False),
    ):
        ended = postmortem(contributing_factors=_factor("It ran on the primary.", answer))
        assert ("BL203" in codes(ended)) is fires, answer


def test_why_chain_ending_at_a_condition_is_fine() -> None:
    text = postmortem(
        contributing_factors=_factor(
            "It ran on the primary during peak traffic.",
            "The migration tool defaults to the primary when no target is given.",
        )
    )
    assert codes(text) == []


def test_why_chain_ending_at_a_symptom() -> None:
    text = postmortem(
        contributing_factors=_factor("The API returned 503 errors.", "The API crashed.")
    )
    finding = only(text, "BL204")
    assert text.split("\n")[finding.line - 1] == "   The API crashed."
    fixed = postmortem(
        contributing_factors=_factor(
            "The API returned 503 errors.",
            "Its connection pool had no limit, so a slow database exhausted the workers.",
        )
    )
    assert "BL204" not in codes(fixed)


@pytest.mark.parametrize(("steps", "fires"), [(1, True), (2, False), (5, False), (6, True)])
def test_why_chain_length(steps: int, fires: bool) -> None:
    answers = [f"The default timeout of tier {n} is 30 s." for n in range(steps)]
    text = postmortem(contributing_factors=_factor(*answers, title="Timeouts"))
    found = [f for f in codes(text) if f == "BL205"]
    assert found == (["BL205"] if fires else [])
    if fires:
        finding = only(text, "BL205")
        assert finding.message == (
            f"The Why chain of 'Timeouts' has {steps} step{'' if steps == 1 else 's'}; "
            "2 to 5 reach a condition without drifting."
        )
        assert text.split("\n")[finding.line - 1] == "### Timeouts"


def test_single_contributing_factor_only_for_full_reviews() -> None:
    one = "### Retry storm\n1. Why?\n   No backoff.\n2. Why?\n   The client default has none.\n"
    assert "BL206" in codes(postmortem(contributing_factors=one))
    light = postmortem(contributing_factors=one).replace("severity: SEV1", "severity: SEV3")
    assert "BL206" not in codes(light)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("A mistake by an engineer caused the rollback to fail.", "A mistake by an engineer"),
        (
            "The outage was caused by a mistake by one of our engineers.",
            "a mistake by one of our engineers",
        ),
        (
            "It came down to an error on the part of a database administrator.",
            "an error on the part of a database administrator",
        ),
    ],
)
def test_a_mistake_by_an_unnamed_person_is_human_error(text: str, covered: str) -> None:
    assert spans(text, "BL201") == [(1, 1 + text.index(covered), covered)]
    assert spans(text, "BL001") == []


def test_an_error_by_a_service_is_not_human_error() -> None:
    assert spans("An error by the billing service caused duplicate charges.", "BL201") == []
