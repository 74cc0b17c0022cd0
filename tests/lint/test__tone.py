"""The learned tone model: tokens, features, scoring paths that must agree, the model file."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.lint._tone import (
    _TOKEN,
    MODEL_PATH,
    NUMBER,
    PERSON,
    PRONOUN,
    Tone,
    ToneModel,
    features,
    shipped_model,
    split_tokens,
    tokens,
)


def _names(word: str) -> bool:
    return word in {"Ivo", "Dana"}


def test_tokens_replace_names_pronouns_and_numbers_and_keep_possessives() -> None:
    words = tokens("After Ivo's change, she paged Dana at 14:02.", _names)
    assert words == [
        "after", PERSON + "'s", "change", ",", PRONOUN, "paged", PERSON, "at",
        NUMBER, ":", NUMBER, ".",
    ]  # fmt: skip


def test_tokens_fold_curly_apostrophes_and_keep_unknown_capitalised_words() -> None:
    assert tokens("Kubernetes didn’t restart", _names) == ["kubernetes", "didn't", "restart"]


def test_features_count_the_three_tokens_after_each_agent() -> None:
    bag = sorted(features(["team", "pushed", "it", "anyway", "."]))
    assert bag == sorted(
        ["w:team", "w:pushed", "a:pushed", "w:it", "a:it", "w:anyway", "a:anyway", "w:."]
    )


def test_features_count_a_token_once_per_agent_before_it() -> None:
    bag = list(features([PERSON, PRONOUN, "broke"]))
    assert bag.count("a:broke") == 2


_MODEL = ToneModel(
    weights={
        "w:<p>": (0.7, -0.2),
        "w:broke": (1.5, 0.1),
        "a:broke": (0.9, 0.0),
        "w:should": (0.1, 1.2),
        "a:should": (0.0, 0.4),
        "w:team": (0.3, 0.0),
        "w:.": (-0.1, -0.1),
    },
    bias=(-1.0, -1.5),
    threshold=0.6,
    trained_on={"test": "0"},
)


_RAW = st.lists(
    st.sampled_from(
        ["Ivo", "Ivo's", "Dana", "she", "They", "team", "teams", "broke", "should", "12", ".", "x"]
    )
).map(" ".join)


@given(_RAW)
def test_one_pass_text_score_equals_tokens_then_the_feature_bag(sentence: str) -> None:
    memo: dict[str, tuple[float, float, float, float, bool]] = {}
    tone, count = _MODEL.score_text(sentence, _names, memo)
    words = tokens(sentence, _names)
    assert count == len(words)
    slow = _MODEL.score(words)
    assert math.isclose(tone.blame, slow.blame, abs_tol=1e-12)
    assert math.isclose(tone.hindsight, slow.hindsight, abs_tol=1e-12)


def test_probabilities_are_a_softmax_with_ok_at_zero() -> None:
    tone = _MODEL.score([])
    ok = 1 / (1 + math.exp(-1.0) + math.exp(-1.5))
    assert math.isclose(tone.blame, math.exp(-1.0) * ok)
    assert math.isclose(tone.hindsight, math.exp(-1.5) * ok)
    assert math.isclose(tone.judgement, tone.blame + tone.hindsight)


def test_huge_logits_do_not_overflow() -> None:
    model = ToneModel({"w:x": (5000.0, 0.0)}, (0.0, 0.0), 0.5, {})
    assert model.score(["x"]) == Tone(1.0, 0.0)


def test_model_file_round_trips() -> None:
    assert ToneModel.from_json(_MODEL.as_json()) == _MODEL


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "tone model: not valid JSON"),
        (b'{"version": 99}', "tone model: expected a version 1 model; retrain it"),
        (b'{"version": 1, "weights": {}}', "tone model: a field is missing or malformed"),
    ],
)
def test_a_broken_model_file_is_named_with_what_to_do(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ToneModel.from_json(data)


def test_the_shipped_model_loads_and_has_a_sensible_threshold() -> None:
    model = shipped_model()
    assert MODEL_PATH.name == "tone_model.json"
    assert 0.5 <= model.threshold <= 0.95
    assert len(model.weights) > 1000
    assert model.score(tokens("Dave broke production again.", lambda w: w == "Dave")).blame > 0.5


_TRICKY = "aZq09_'’- .,:(\n\t\x1c\xa0é٣²½ΣИ\u0301\u2009\ud800😀"
"""Characters where `_TOKEN`'s alternatives part: ASCII letters, digits, underscore,
apostrophes, hyphens, marks and spaces; Unicode spaces, decimal digits, digits that are
not decimal, letters of other scripts, a combining accent, a lone surrogate, an emoji."""


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "After Ivo's change, she paged 2 people.",
            ["After", "Ivo's", "change", ",", "she", "paged", "2", "people", "."],
        ),
        ("__init__ v1_2 12abc x-y-", ["_", "_", "init__", "v1_2", "12", "abc", "x-y-"]),
        ("Łukasz’s ²nd café\xa0at ٣٣:00", ["Łukasz’s", "²nd", "café", "at", "٣٣", ":", "00"]),
        ("", []),
    ],
)
def test_split_tokens_reads_words_numbers_and_marks(sentence: str, expected: list[str]) -> None:
    assert split_tokens(sentence) == expected
    assert _TOKEN.findall(sentence) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=40))
def test_split_tokens_is_the_regex(sentence: str) -> None:
    assert split_tokens(sentence) == _TOKEN.findall(sentence)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_split_tokens_is_the_regex_on_any_text(sentence: str) -> None:
    assert split_tokens(sentence) == _TOKEN.findall(sentence)
