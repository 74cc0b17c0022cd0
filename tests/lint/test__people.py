"""Person detection: the built-in name lists, product words and the name shape."""

from __future__ import annotations

import pytest

from blamefree.lint import LintConfig
from blamefree.lint._document import parse_document
from blamefree.lint._people import PeopleIndex


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
