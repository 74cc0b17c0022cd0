"""Person detection: the built-in name lists, product words and the name shape."""

from __future__ import annotations

import pytest

from blamefree.lint import LintConfig
from blamefree.lint._document import parse_document
from blamefree.lint._people import PeopleIndex, Subject


def index(config: LintConfig | None = None) -> PeopleIndex:
    return PeopleIndex.build(parse_document("x"), config or LintConfig())


@pytest.mark.parametrize(
    "word", ["Oyelowo", "Ingeborg", "Jaswinder", "Ruairi", "Gwendolyn", "Siddhartha", "Keanu"]
)
def test_names_across_languages_are_known(word: str) -> None:
    assert index().is_name(word) is True


@pytest.mark.parametrize("word", ["Heroku", "Cassandra", "Jenkins", "Nginx", "Traffic", "An"])
def test_products_and_ordinary_words_are_not_names(word: str) -> None:
    assert index().is_name(word) is False
    assert index().looks_like_name(word) is False


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Zorblat", True),
        ("Replication", False),
        ("Caching", False),
        ("Storage", False),
        ("Florence", True),
        ("CDN", False),
        ("PgBouncer", False),
    ],
)
def test_name_shape(word: str, expected: bool) -> None:
    assert index().looks_like_name(word) is expected


def test_wordlike_names_count_only_when_capitalised() -> None:
    people = index()
    assert people.is_name("Clay") is True
    assert people.lower_name("clay") is False


def test_clause_answers_are_not_mixed_up_between_texts() -> None:
    # The same offset in two texts, asked in turns (the last clause tail is remembered).
    people = index()
    team = "So then the DBA team broke it"
    person = "Yesterday Dave Smith broke it"
    at = team.index("broke")
    assert person.index("broke") == at
    for _ in range(2):
        assert people.subject_before(person, at) == (Subject.PERSON, "Dave Smith")
        assert people.team_before(person, at) is None
        assert people.subject_before(team, at)[0] is Subject.OTHER
        assert people.team_before(team, at) == "the DBA team"
        assert people.team_before(team, at) == "the DBA team"
        assert people.subject_before(team, at - 6) == (Subject.ROLE, "the DBA")


def test_answers_shared_between_documents_keep_each_documents_own_names() -> None:
    plain = index()
    named = index(LintConfig(people=("Zorblat Quix",)))
    service = index(LintConfig(not_people=("Priya", "Tobiah")))
    for _ in range(2):  # the second round reads the shared answers
        assert (plain.is_name("Zorblat"), named.is_name("Zorblat")) == (False, True)
        assert (plain.is_name("Priya"), service.is_name("Priya")) == (True, False)
        assert (plain.name_shaped("Tobiah"), service.name_shaped("Tobiah")) == (True, False)
        assert (plain.is_name("@jdoe"), plain.is_name("@sre-team")) == (True, False)


@pytest.mark.parametrize(
    "word", ["Jasper", "Jules", "Nicholas", "Bradley", "Frederic", "Silas", "Gregory", "Casper"]
)
def test_names_that_end_like_english_words_are_known(word: str) -> None:
    assert index().is_name(word) is True


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("the new guy", Subject.ROLE),
        ("the new girl", Subject.ROLE),
        ("the guy", Subject.OTHER),
    ],
)
def test_a_newcomer_is_a_singled_out_role(phrase: str, kind: Subject) -> None:
    assert index().classify(phrase) is kind
