"""The tone check's reading of a document: shortcuts that must agree with the plain regex."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.lint.rules._judged import _CAPITALISED, capitalised_words

_TRICKY = "aAbDZzeÀàÖ×ØÞßÿĀāŁłŸſƁ '’-_1.,\n\t(ΣИé\u0301\ud800😀"
"""Characters at the edges of `_CAPITALISED`: ASCII and Latin-1 capitals, the Latin
Extended-A range of both cases, what the look-behind and look-ahead read (apostrophes,
hyphens, digits, underscores), letters outside the class, a combining accent, a lone
surrogate and a character beyond the BMP."""


def _by_regex(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CAPITALISED.finditer(text) if m.group()[0].isupper()]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Dave ran it.", [(0, "Dave")]),
        ("after Łukasz's change", [(6, "Łukasz")]),
        ("Ramón, Zoë and Ana’s team", [(0, "Ramón"), (7, "Zoë"), (15, "Ana")]),
        ("the API and McDonald", []),
        ("x-Dave o'Neil Dave_x Dave2 Dave-x", []),
        ("(Dave) **Eve**\nBob", [(1, "Dave"), (9, "Eve"), (15, "Bob")]),
        ("Dave'sX and Dave's", [(12, "Dave")]),
        ("ĀĀa āb Ža", [(0, "ĀĀa"), (7, "Ža")]),
        ("A I Eve", [(4, "Eve")]),
    ],
)
def test_capitalised_words_reads_names_in_their_usual_shapes(
    text: str, words: list[tuple[int, str]]
) -> None:
    assert capitalised_words(text) == words
    assert _by_regex(text) == words


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=40))
def test_capitalised_words_are_the_regex_matches(text: str) -> None:
    assert capitalised_words(text) == _by_regex(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Dave", "Zoë", "the", "Łukasz's", "API", " ", "\n", "’s"])))
def test_capitalised_words_agree_on_word_sequences(parts: list[str]) -> None:
    text = "".join(parts)
    assert capitalised_words(text) == _by_regex(text)
