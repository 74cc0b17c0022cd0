"""Train the learned tone model (src/blamefree/lint/tone_model.json) from labelled sentences.

Usage: .venv/bin/python eval/train_tone.py [--check] [--folds 5]
       .venv/bin/python eval/train_tone.py --leave-out lint_blind_train5.jsonl --output m.json

What it learns from (and what it must never see):
- labelled sentences: the development set (lint_eval.jsonl, public references resolved),
  the old held-out set, the even half of lint_blind.jsonl, ids 001-400 of the first two
  blind training sets and all of lint_blind_train3-8.jsonl. Labels blame and hindsight
  are the two classes it learns; every other label (ok, human error, vague action) counts
  as "ok" here, because those families have their own rules.
- public postmortem sentences as ok prose: documents and summaries whose id hashes to an
  even CRC-32, so the other half stays an honest false-alarm check (`evaluate.py
  --public-scan` counts it on its own line).
- never: the odd half of lint_blind.jsonl, ids 401-600 of the first two training sets, and
  the blind test sets lint_blind2.jsonl and lint_blind3.jsonl. They stay unseen test
  material.

The threshold is chosen by k-fold cross-validation on the training material: the lowest
`judgement` at which the model alone is right at least `PRECISION_FLOOR` of the times it
speaks. Training is deterministic (full-batch gradient descent from zeros), so the same
inputs give the same file; `--check` retrains and fails when the shipped file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import zlib
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import in_split, load
from sentences import all_sentences, data_dir

from blamefree.lint._document import parse_document
from blamefree.lint._people import PeopleIndex
from blamefree.lint._tone import MODEL_PATH, ToneModel, features, tokens
from blamefree.lint.config import LintConfig

EVAL = Path(__file__).resolve().parent
CLASSES = {"blame": 1, "hindsight": 2}
"""Class index per label; anything else is ok (0)."""
LABELLED = (
    ("lint_eval.jsonl", None),
    ("lint_holdout.jsonl", None),
    ("lint_blind.jsonl", "even"),
    ("lint_blind_train.jsonl", "001-400"),
    ("lint_blind_train2.jsonl", "001-400"),
    ("lint_blind_train3.jsonl", None),
    ("lint_blind_train4.jsonl", None),
    ("lint_blind_train5.jsonl", None),
    ("lint_blind_train6.jsonl", None),
    ("lint_blind_train7.jsonl", None),
    ("lint_blind_train8.jsonl", None),
)
EPOCHS = 1000
LEARNING_RATE = 1.0
L2 = 1.0
MIN_ROWS = 2
"""A feature must occur in this many training sentences to get a weight."""
PRECISION_FLOOR = 0.93
PRUNE = 0.005
"""Weights smaller than this (for both classes) are dropped from the file."""
_PUBLIC_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _selected(key: str, selection: str | None) -> bool:
    if selection is None:
        return True
    if selection in ("even", "odd"):
        return in_split(key, selection)
    low, high = (int(part) for part in selection.split("-"))
    return low <= int(key.rsplit("-", 1)[-1]) <= high


def public_half(key: str) -> int:
    """0 (training) or 1 (false-alarm check) for a public document or summary id."""
    return zlib.crc32(key.encode()) % 2


def public_texts() -> list[tuple[str, str]]:
    """(id, text) of every public sentence and summary, as the public scan reads them."""
    texts = [(doc, sentence) for doc, _index, sentence in all_sentences()]
    summaries = data_dir() / "postmortem_summaries_dev.jsonl"
    for line in summaries.read_text(encoding="utf-8").splitlines():
        record = orjson.loads(line)
        if record.get("summary"):
            texts.append((f"summary {record['id']}", str(record["summary"])))
    return texts


def training_rows(leave_out: str | None = None) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """(sentence, class) pairs and, per input, the SHA-256 of what was used from it.

    `leave_out` names one labelled file to skip, to see how the model does on a writer it
    never read (`--leave-out`).
    """
    rows: list[tuple[str, int]] = []
    used: dict[str, str] = {}
    for name, selection in LABELLED:
        if name == leave_out:
            continue
        chosen = [row for row in load(EVAL / name) if _selected(row[0], selection)]
        rows += [(sentence, CLASSES.get(label, 0)) for _key, _origin, sentence, label in chosen]
        digest = hashlib.sha256(orjson.dumps([row[2:] for row in chosen])).hexdigest()
        used[name if selection is None else f"{name} [{selection}]"] = digest
    public = [text for key, text in public_texts() if public_half(key.split()[-1]) == 0]
    for text in public:
        rows += [(part, 0) for part in _PUBLIC_SPLIT.split(text) if part.strip()]
    used["public postmortems [even CRC-32 half]"] = hashlib.sha256(orjson.dumps(public)).hexdigest()
    return rows, used


class _Sparse:
    """A count matrix (sentences x features) kept as coordinate lists: about 50 entries per
    row, so products are two `bincount`s per class instead of a dense multiply."""

    def __init__(self, bags: list[list[str]], vocabulary: dict[str, int]) -> None:
        rows: list[int] = []
        columns: list[int] = []
        for row, bag in enumerate(bags):
            for feature in bag:
                column = vocabulary.get(feature)
                if column is not None:
                    rows.append(row)
                    columns.append(column)
        self.rows = np.array(rows, dtype=np.int64)
        self.columns = np.array(columns, dtype=np.int64)
        self.shape = (len(bags), len(vocabulary))

    def times(self, weights: np.ndarray) -> np.ndarray:
        """self @ weights."""
        picked = weights[self.columns]
        return np.stack(
            [np.bincount(self.rows, picked[:, k], self.shape[0]) for k in range(weights.shape[1])],
            axis=1,
        )

    def transposed_times(self, values: np.ndarray) -> np.ndarray:
        """self.T @ values."""
        picked = values[self.rows]
        return np.stack(
            [
                np.bincount(self.columns, picked[:, k], self.shape[1])
                for k in range(values.shape[1])
            ],
            axis=1,
        )


def fit(bags: list[list[str]], classes: list[int]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Vocabulary, weights (features x 3) and biases (3) of a softmax regression."""
    seen: dict[str, int] = {}
    for bag in bags:
        for feature in set(bag):
            seen[feature] = seen.get(feature, 0) + 1
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= MIN_ROWS))}
    matrix = _Sparse(bags, vocabulary)
    count = len(bags)
    target = np.zeros((count, 3))
    target[np.arange(count), classes] = 1.0
    weights = np.zeros((len(vocabulary), 3))
    bias = np.zeros(3)
    for _ in range(EPOCHS):
        logits = matrix.times(weights) + bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = probabilities - target
        weights -= LEARNING_RATE * (matrix.transposed_times(error) / count + L2 * weights / count)
        bias -= LEARNING_RATE * error.mean(axis=0)
    return vocabulary, weights, bias


def as_model(
    vocabulary: dict[str, int],
    weights: np.ndarray,
    bias: np.ndarray,
    threshold: float,
    trained_on: dict[str, str],
) -> ToneModel:
    """Weights relative to the ok class, rounded and pruned, as the linter reads them."""
    relative = weights[:, 1:] - weights[:, :1]
    kept = {
        feature: (round(float(relative[i, 0]), 4), round(float(relative[i, 1]), 4))
        for feature, i in vocabulary.items()
        if max(abs(relative[i, 0]), abs(relative[i, 1])) >= PRUNE
    }
    offsets = bias[1:] - bias[0]
    return ToneModel(
        kept, (round(float(offsets[0]), 4), round(float(offsets[1]), 4)), threshold, trained_on
    )


def choose_threshold(bags: list[list[str]], classes: list[int], folds: int) -> float:
    """The lowest judgement at which the model alone reaches PRECISION_FLOOR, k-fold."""
    scored: list[tuple[float, bool]] = []
    for fold in range(folds):
        train = [i for i in range(len(bags)) if i % folds != fold]
        test = [i for i in range(len(bags)) if i % folds == fold]
        vocabulary, weights, bias = fit([bags[i] for i in train], [classes[i] for i in train])
        model = as_model(vocabulary, weights, bias, 0.5, {})
        scored += [(model.score_features(bags[i]).judgement, classes[i] > 0) for i in test]
    for threshold in [step / 100 for step in range(30, 96)]:
        spoken = [truth for score, truth in scored if score >= threshold]
        if spoken and sum(spoken) / len(spoken) >= PRECISION_FLOOR:
            return threshold
    return 0.95


def train(folds: int, leave_out: str | None = None) -> ToneModel:
    """Read the training material, choose the threshold, fit the final model."""
    rows, trained_on = training_rows(leave_out)
    is_name = PeopleIndex.build(parse_document(""), LintConfig()).is_name
    bags = [list(features(tokens(sentence, is_name))) for sentence, _cls in rows]
    classes = [cls for _sentence, cls in rows]
    threshold = choose_threshold(bags, classes, folds)
    vocabulary, weights, bias = fit(bags, classes)
    trained_on["rows"] = str(len(rows))
    return as_model(vocabulary, weights, bias, threshold, trained_on)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument(
        "--leave-out",
        metavar="FILE",
        help="train without this labelled file and write the model to --output instead",
    )
    parser.add_argument("--output", type=Path, help="where to write a --leave-out model")
    args = parser.parse_args()
    model = train(args.folds, args.leave_out)
    data = model.as_json()
    if args.leave_out:
        if args.output is None:
            parser.error("--leave-out needs --output (the shipped model is never replaced)")
        args.output.write_bytes(data)
        print(f"wrote {args.output} (threshold {model.threshold}, without {args.leave_out})")
        return
    if args.check:
        if MODEL_PATH.read_bytes() != data:
            raise SystemExit(f"{MODEL_PATH} is stale: run eval/train_tone.py and commit it")
        print(f"{MODEL_PATH.name} is up to date")
        return
    MODEL_PATH.write_bytes(data)
    print(
        f"wrote {MODEL_PATH} ({len(model.weights)} weights, threshold {model.threshold}, "
        f"{model.trained_on['rows']} training sentences)"
    )


if __name__ == "__main__":
    main()
