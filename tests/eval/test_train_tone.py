"""The tone model trainer: it learns from a toy set, and the shipped model is not stale."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
import pytest

EVAL = Path(__file__).resolve().parents[2] / "eval"
sys.path.insert(0, str(EVAL))

import train_tone  # noqa: E402

from blamefree.lint._tone import MODEL_PATH, features, shipped_model  # noqa: E402


def _bag(sentence: str) -> list[str]:
    return list(features(sentence.lower().split()))


def test_fit_learns_which_words_mark_each_class() -> None:
    rows = [
        ("team broke the build", 1),
        ("team broke prod again", 1),
        ("we should have known", 2),
        ("they should have checked", 2),
        ("the build passed", 0),
        ("prod recovered at noon", 0),
    ] * 3
    vocabulary, weights, bias = train_tone.fit([_bag(s) for s, _ in rows], [c for _, c in rows])
    model = train_tone.as_model(vocabulary, weights, bias, 0.5, {})
    assert model.score_features(_bag("team broke it")).blame > 0.5
    assert model.score_features(_bag("should have known")).hindsight > 0.5
    assert model.score_features(_bag("the build passed")).judgement < 0.5


def test_held_out_material_is_never_selected_for_training() -> None:
    selections = dict(train_tone.LABELLED)
    assert "lint_blind2.jsonl" not in selections
    assert "lint_blind3.jsonl" not in selections
    assert selections["lint_blind.jsonl"] == "even"
    assert train_tone._selected("train-400", "001-400")
    assert not train_tone._selected("train-401", "001-400")
    assert not train_tone._selected("blind-003", "even")


def test_the_shipped_model_was_trained_on_the_current_labelled_sets() -> None:
    """Edit a labelled set, retrain (`eval/train_tone.py`): this test says when you forgot."""
    recorded = shipped_model().trained_on
    for name, selection in train_tone.LABELLED:
        key = name if selection is None else f"{name} [{selection}]"
        if not (EVAL / name).exists():
            pytest.fail(f"{name} is listed for training but missing")
        try:
            rows = train_tone.load(EVAL / name)
        except FileNotFoundError:  # public sentences are read from ../shared/data
            continue
        chosen = [r for r in rows if train_tone._selected(r[0], selection)]
        digest = train_tone.hashlib.sha256(orjson.dumps([r[2:] for r in chosen])).hexdigest()
        assert recorded.get(key) == digest, f"{MODEL_PATH.name} is stale for {key}: retrain it"
