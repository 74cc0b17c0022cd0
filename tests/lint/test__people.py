"""Person detection: the built-in name lists, product words and the name shape."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.lint import LintConfig, _people
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


# The clause reading's shortcuts, each compared with the slower reading it replaced.

_CLAUSE_PIECES = [
    *["the", "The", "payments", "team", "Team", "TEAM", "DBA", "DBAs", "SREs", "folks", "ops"],
    *["Networking", "Security", "help", "desk", "Infra", "DevOps", "whole", "our", "Customer"],
    *["support", "engineers", "Dave", "Smith", "who", "that", "responsible", "reſponsible"],
    *["in", "charge", "of", "engineer", "on-call", "person", "ran", "\u212aelvin", "thıs"],
    *["team.", "team's", "-", "–", "—", " - ", " — ", "(", ")", ":", ";", ".", "a.m.", "\n", "|"],
    *["x", "also", "then", "and", "dave", "because", "@jdoe", "’s", '"', "“", "3.5", " "],
]
_CLAUSES = st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=40).map(" ".join)


def _clause_tail_by_every_boundary(
    prose: str, offset: int, limit: int = 80
) -> tuple[str, list[str]]:
    """The clause as first read: after the last of a list of every `_BOUNDARY` match."""
    window = prose[max(0, offset - limit) : offset]
    cut = deque(_people._BOUNDARY.finditer(window), maxlen=1)
    if cut:
        window = window[cut[0].end() :]
    words = _people._WORD.findall(window)
    while words and words[-1].casefold() in _people._SKIP:
        words.pop()
    return window, words


@settings(max_examples=400, deadline=None)
@given(_CLAUSES, st.integers(0, 200), st.sampled_from([80, 120]))
def test_clause_tail_reads_the_words_after_the_last_boundary(
    prose: str, offset: int, limit: int
) -> None:
    offset = min(offset, len(prose))
    window, words = _people._clause_tail(prose, offset, limit)
    first_window, first_words = _clause_tail_by_every_boundary(prose, offset, limit)
    assert words == first_words
    # In a run of spaced dashes the window starts up to two characters later; never in a word.
    assert first_window.endswith(window)
    skipped = first_window[: len(first_window) - len(window)]
    assert len(skipped) <= 2
    assert skipped.strip(" -–—\t") == ""


_TOKEN_PIECES = [
    *["(Dave,", "it.", "re-ran", "3rd", "don't", "don’t", "“Dave”", '"Ana"', "@jdoe", "@x", "Zoë"],
    *["x_y", "a/b", "[Priya]", "!?", "node.js", "e.g.,", "(3)", "Ⅻ", "٣x", "a—b", "ſ", " ", "\t"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES + _TOKEN_PIECES), max_size=30).map(" ".join))
def test_words_from_a_split_are_the_word_pattern_matches(text: str) -> None:
    assert _people._words(text) == _people._WORD.findall(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES + _TOKEN_PIECES), max_size=30).map("".join))
def test_last_boundary_end_is_the_last_boundary_match(window: str) -> None:
    cut = deque(_people._BOUNDARY.finditer(window), maxlen=1)
    first = cut[0].end() if cut else 0
    end = _people._last_boundary_end(window)
    assert first <= end <= first + 2
    assert window[first:end].strip(" -–—\t") == ""


@pytest.mark.parametrize(
    ("window", "end"),
    [
        ("a -b", 0),
        ("a- b", 0),
        ("a - b", 4),
        ("a — b", 4),
        ("x; y", 2),
        ("node.js", 0),
        ("end. x", 4),
        ("end.", 4),
        ("(Dave", 1),
        ("“Dave” said", 6),
        ("a | b", 3),
    ],
)
def test_last_boundary_ends(window: str, end: int) -> None:
    assert _people._last_boundary_end(window) == end


def test_words_keep_inner_marks_and_drop_the_edges() -> None:
    text = "it. (Dave, re-ran “the” 3rd don't [x] e.g., @jdoe!"
    assert _people._words(text) == [
        "it.",
        "Dave",
        "re-ran",
        "the",
        "rd",
        "don't",
        "x",
        "e.g.",
        "@jdoe",
    ]


def test_clause_tail_after_spaced_dashes_and_a_full_stop() -> None:
    assert _people._clause_tail("so - - Dave ran", 15) == ("Dave ran", ["Dave", "ran"])
    assert _people._clause_tail("It broke. Then Dave ran", 23) == (
        " Then Dave ran",
        ["Then", "Dave", "ran"],
    )


@settings(max_examples=400, deadline=None)
@given(_CLAUSES)
def test_team_before_answers_as_the_search_of_every_clause(prose: str) -> None:
    people = index()
    offset = len(prose)
    _window, words = _people._clause_tail(prose, offset)
    found = _people._TEAM_SUBJECT.search(" ".join(words))
    expected = found.group("team") if found is not None else None
    assert people.team_before(prose, offset) == expected


def test_team_before_finds_teams_by_their_last_word() -> None:
    people = index()
    for prose, team in [
        ("Then the payments team", "the payments team"),
        ("Yesterday Customer support", "Customer support"),
        ("So the DBAs", "the DBAs"),
        ("And the help desk", "the help desk"),
        ("Later the team", None),
    ]:
        assert people.team_before(prose, len(prose)) == team


@settings(max_examples=400, deadline=None)
@given(_CLAUSES)
def test_role_modifier_gate_never_hides_a_match(phrase: str) -> None:
    if not _people._may_modify_role(phrase):
        assert _people._ROLE_WITH_MODIFIER.search(phrase) is None


def test_role_modifier_gate() -> None:
    assert _people._may_modify_role("the engineer responsible for the migration") is True
    assert _people._may_modify_role("the engineer reſponsible for the migration") is True
    assert _people._may_modify_role("the engineer on call ran") is False
    people = index()
    for prose, role in [
        ("the engineer in charge of the migration", "the engineer"),
        ("the person who ran the script", "the person"),
        ("Our engineer that owns the cron", "Our engineer"),
        ("the Engineer RESPONSIBLE FOR the cron", "the Engineer"),
    ]:
        assert people.subject_before(prose, len(prose)) == (Subject.ROLE, role)


_ROLE_PIECES = [
    *["the", "our", "a", "new", "on-call", "oncall", "senior", "database", "engineer", "Engineer"],
    *["ENGINEERS", "team", "member", "staff", "co-worker", "on-caller", "guy", "girl", "lead"],
    *["on", "in", "call", "shift", "duty", "DBA", "SREs", "vp", "oncallengineer", "hires"],
    *["ſre", "\u212aelvin", "engıneer", "cache", "service", "x", "person", "captain"],
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ROLE_PIECES), min_size=1, max_size=6))
def test_a_word_that_ends_no_role_ends_no_role_phrase(words: list[str]) -> None:
    if not _people.may_end_role(words[-1]):
        assert _people.ROLE_PHRASE.match(" ".join(words)) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("engineer", True),
        ("Engineers", True),
        ("oncallengineer", True),
        ("co-worker", True),
        ("on-caller", True),
        ("duty", True),
        ("shift", True),
        ("lead", True),
        ("Guys", True),
        ("CALL", True),
        ("engıneer", True),  # not ASCII: the case-free pattern may still match it
        ("cache", False),
        ("team", False),
        ("the", False),
    ],
)
def test_may_end_role(word: str, expected: bool) -> None:
    assert _people.may_end_role(word) is expected


@pytest.mark.parametrize(
    "phrase",
    [f"the new {noun}" for noun in sorted(_people._ROLE_LAST_WORDS - {"member", "caller"})]
    + ["our team members", "the on-caller", "an engineer on call", "the dba in shift"],
)
def test_every_role_noun_ends_a_role_phrase(phrase: str) -> None:
    assert _people.ROLE_PHRASE.match(phrase) is not None
    assert _people.may_end_role(phrase.split()[-1]) is True


def test_roles_are_still_found_before_a_verb_and_opening_a_clause() -> None:
    people = index()
    prose = "Later the on-call engineer"
    assert people.subject_before(prose, len(prose)) == (Subject.ROLE, "the on-call engineer")
    prose = "Then one engineer on call"
    assert people.subject_before(prose, len(prose)) == (Subject.ROLE, "one engineer on call")
    prose = "So the staff member restarted it and"
    assert people.clause_subject(prose, len(prose)) == (Subject.ROLE, "the staff member")
