"""BL004 and BL105: the learned tone check, a second opinion the rules' findings take over."""

from __future__ import annotations

import re

import pytest

from blamefree.domain.meeting import DEFAULT_POLICY
from blamefree.lint import LintConfig, lint_text
from blamefree.lint._document import Document, parse_document
from blamefree.lint._people import PeopleIndex
from blamefree.lint.rule import LintContext, Severity
from blamefree.lint.rules._judged import judged_sentences

LEARNED = ("BL004", "BL105")


def _found(text: str, config: LintConfig | None = None) -> list[tuple[str, int, int]]:
    return [(f.code, f.column, f.length) for f in lint_text(text, config=config)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The night supervisor turned off the safety interlock to speed up loading, and the "
            "line stopped.",
            "BL004",
        ),
        (
            "Responsibility for the missed alert rests with the overnight analyst, who silenced "
            "the pager.",
            "BL004",
        ),
        (
            "A more careful reviewer would never have approved a migration without an index.",
            "BL105",
        ),
        (
            "Everyone knew the cron host was a single point of failure, yet nothing was done.",
            "BL105",
        ),
    ],
)
def test_sentences_no_rule_reads_are_reported_whole_with_the_models_confidence(
    text: str, code: str
) -> None:
    findings = lint_text(text)
    assert [(f.code, f.column, f.length) for f in findings] == [(code, 1, len(text))]
    assert findings[0].severity is Severity.INFO
    assert re.search(r"\(learned check, \d{2,3}% sure\)", findings[0].message)


@pytest.mark.parametrize(
    "text",
    [
        "The night supervisor paused the line at 02:10 so that maintenance could inspect it.",
        "The overnight analyst silenced the pager after confirming the alert was a known "
        "false positive.",
        "The reviewer approved the migration after the index was added.",
        "The team discussed the design review notes during the retrospective.",
        "QA signed off the build at 10:15 after the smoke tests passed.",
    ],
)
def test_people_doing_their_jobs_stay_silent(text: str) -> None:
    assert _found(text) == []


def test_sentences_without_anyone_in_them_are_not_read() -> None:
    # Worded like hindsight, but about a job: nobody is judged, so the model is not asked.
    text = "Had the job run a day later, the certificate would have expired on Monday evening."
    assert _found(text) == []


def test_a_sentence_a_rule_reported_is_not_reported_again_by_the_model() -> None:
    text = "Dave ran the wrong migration on the primary database and took checkout down."
    codes = [code for code, _column, _length in _found(text)]
    assert codes == ["BL001"]
    alone = LintConfig(enable=("BL004",))
    assert [code for code, _column, _length in _found(text, alone)] == ["BL004"]


def test_only_the_overlapping_sentence_loses_its_learned_finding() -> None:
    text = (
        "Dave ran the wrong migration on the primary database. Responsibility for the missed "
        "alert rests with the overnight analyst, who silenced the pager."
    )
    found = _found(text)
    assert [code for code, _column, _length in found] == ["BL001", "BL004"]
    assert found[1][1] == text.index("Responsibility") + 1


def test_each_sentence_of_a_line_is_judged_on_its_own() -> None:
    blame = "The night supervisor turned off the safety interlock, and the line stopped."
    text = "Checkout recovered at 14:40. " + blame + " Orders resumed at 14:45."
    assert _found(text) == [("BL004", len("Checkout recovered at 14:40. ") + 1, len(blame))]


def test_the_learned_codes_can_be_disabled_or_raised() -> None:
    text = "Everyone knew the cron host was a single point of failure, yet nothing was done."
    assert _found(text, LintConfig(disable=LEARNED)) == []
    raised = lint_text(text, config=LintConfig(severity={"BL105": Severity.WARNING}))
    assert [(f.code, f.severity) for f in raised] == [("BL105", Severity.WARNING)]


def test_names_from_the_front_matter_count_as_people() -> None:
    body = "Responsibility for the missed alert rests with Okonkwo, who silenced the pager."
    assert _found(body) == []  # an unknown capitalised word is not taken for a person
    text = "---\nparticipants:\n  - name: Okonkwo\n---\n\n" + body + "\n"
    assert [code for code, _column, _length in _found(text)] == ["BL004"]


def _context(doc: Document) -> LintContext:
    return LintContext(
        config=LintConfig(),
        requirements=None,
        deadlines=DEFAULT_POLICY.deadlines,
        today=None,
        people=PeopleIndex.build(doc, LintConfig()),
    )


def test_both_rules_share_one_reading_of_the_document() -> None:
    text = "Everyone knew the cron host was fragile, yet nothing was done."
    doc = parse_document(text)
    context = _context(doc)

    first = judged_sentences(doc, context)

    assert [judged.tone.hindsight > judged.tone.blame for judged in first] == [True]
    assert judged_sentences(doc, context) is first  # BL105 reuses what BL004 read
    other = parse_document(text)
    assert judged_sentences(other, _context(other)) is not first
