"""Precision, recall and F1 of the linter per family on the labelled sentence set.

Usage: .venv/bin/python eval/evaluate.py [--errors] [--file eval/lint_holdout.jsonl]
       .venv/bin/python eval/evaluate.py --file eval/lint_blind.jsonl --split even [--errors]
       .venv/bin/python eval/evaluate.py --public-scan

lint_eval.jsonl is the development set (the rules were tuned while looking at its errors);
lint_holdout.jsonl was written afterwards and not used for tuning. Its 30 public sentences
are a seeded sample (random.Random(2026).sample of public sentences of 6-60 words that the
development set does not use), labelled by reading them before the linter ran on them.

Each record of eval/lint_eval.jsonl is either a sentence written for this set
(`origin: written`, text inline) or a public sentence (`origin: public`) referenced by
document id and sentence index into ../shared/data/real_postmortems_dev.jsonl, with a hash
to notice data changes. Each sentence is linted on its own, as a fragment, the way the web
editor lints one field; a family is predicted when any of its rules fires.

`--public-scan` lints every sentence of the public postmortems and every public incident
summary (none of them blames a person or judges with hindsight) and lists those where a
blame or hindsight rule fires: each one is a false alarm.

lint_blind.jsonl (400 sentences) was written by someone who never saw the rules. Its records
with an even-numbered id (blind-002, blind-004, ...) are development material (`--split
even`); those with an odd-numbered id are held out (`--split odd`), and only their aggregate
table is ever printed: `--errors` is refused for them.

lint_blind_train.jsonl (600) and lint_blind2.jsonl (400) were written later by two more
annotators who never saw the rules: the first is training material, the second a held-out
test set that is only ever scored, never read while rules change (docs/benchmarks.md).
lint_blind3.jsonl (400) is a third held-out test set, and lint_blind_train2-8.jsonl more
training material, all written the same way.

The learned tone check (BL004, BL105; eval/train_tone.py) is trained on part of these
sets: the development and old held-out sets, the even half of lint_blind.jsonl, ids 001-400
of lint_blind_train.jsonl and lint_blind_train2.jsonl, all of lint_blind_train3-8.jsonl,
and half of the public texts. Its figures on those are training figures. Unseen by it: the
odd half of lint_blind.jsonl, ids 401-600 of the first two training sets, lint_blind2.jsonl,
lint_blind3.jsonl, and the other half of the public texts, which `--public-scan` counts on
its own line.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentences import all_sentences, data_dir, documents, fingerprint, split

from blamefree.lint import lint_text

EVAL_FILE = Path(__file__).resolve().parent / "lint_eval.jsonl"
FAMILIES = {
    "blame": lambda code: code.startswith("BL0"),
    "hindsight": lambda code: code.startswith("BL1"),
    "human_error": lambda code: code == "BL201",
    "vague_action": lambda code: code == "BL301",
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path = EVAL_FILE) -> list[tuple[str, str, str, str]]:
    """(key, origin, sentence, label) for every record; public text is read at run time."""
    split_docs = {doc_id: split(text) for doc_id, text in documents().items()}
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = orjson.loads(line)
        if record["origin"] == "public":
            sentence = split_docs[record["doc"]][record["index"]]
            if fingerprint(sentence) != record["sha"]:
                raise SystemExit(
                    f"{record['doc']} sentence {record['index']} changed (hash mismatch); "
                    "relabel it or check the data version"
                )
            key = f"{record['doc']}#{record['index']}"
        else:
            sentence = record["sentence"]
            key = record["id"]
        rows.append((key, record["origin"], sentence, record["label"]))
    return rows


def in_split(key: str, split_name: str) -> bool:
    """True when the record `key` ("blind-042") belongs to the even or odd half."""
    digits = key.rsplit("-", 1)[-1]
    if not digits.isdigit():
        raise SystemExit(f"record id {key!r} has no number; --split needs ids like 'blind-042'")
    return int(digits) % 2 == (0 if split_name == "even" else 1)


def evaluate(rows: list[tuple[str, str, str, str]], *, show_errors: bool) -> dict[str, Score]:
    scores = {name: Score() for name in (*FAMILIES, "blame+hindsight")}
    for key, origin, sentence, label in rows:
        codes = {f.code for f in lint_text(sentence)}
        predicted = {name for name, test in FAMILIES.items() if any(map(test, codes))}
        if predicted & {"blame", "hindsight"}:
            predicted.add("blame+hindsight")
        truth = {label} | ({"blame+hindsight"} if label in ("blame", "hindsight") else set())
        for name, score in scores.items():
            if name in predicted and name in truth:
                score.tp += 1
            elif name in predicted:
                score.fp += 1
                if show_errors and name != "blame+hindsight":
                    print(f"FP {name:13} [{origin}] {key}: {sentence[:110]} {sorted(codes)}")
            elif name in truth:
                score.fn += 1
                if show_errors and name != "blame+hindsight":
                    print(f"FN {name:13} [{origin}] {key}: {sentence[:110]}")
    return scores


def public_scan() -> int:
    """Print public texts where a blame or hindsight rule fires; return how many did."""
    texts = [(f"{doc}#{index}", sentence) for doc, index, sentence in all_sentences()]
    summaries = data_dir() / "postmortem_summaries_dev.jsonl"
    for line in summaries.read_text(encoding="utf-8").splitlines():
        record = orjson.loads(line)
        if record.get("summary"):
            texts.append((f"summary {record['id']}", str(record["summary"])))
    flagged = 0
    unseen = unseen_flagged = 0
    for key, text in texts:
        codes = sorted({f.code for f in lint_text(text)})
        held_out = zlib.crc32(key.split()[-1].split("#")[0].encode()) % 2 == 1
        unseen += held_out
        if any(FAMILIES["blame"](c) or FAMILIES["hindsight"](c) for c in codes):
            flagged += 1
            unseen_flagged += held_out
            print(f"{key}: {text[:110]} {codes}")
    print(f"{flagged} of {len(texts)} public texts flagged by a blame or hindsight rule")
    print(f"{unseen_flagged} of {unseen} in the half the tone model never saw")
    return flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every FP and FN")
    parser.add_argument("--file", type=Path, default=EVAL_FILE, help="a labelled JSONL file")
    parser.add_argument(
        "--public-scan", action="store_true", help="count false alarms on all public texts"
    )
    parser.add_argument(
        "--split",
        choices=("even", "odd"),
        help="score only records with an even (development) or odd (held-out) numbered id",
    )
    args = parser.parse_args()
    if args.split == "odd" and args.errors:
        parser.error("the odd half is held out: only its aggregate table may be printed")
    if args.public_scan:
        public_scan()
        return
    rows = load(args.file)
    if args.split is not None:
        rows = [row for row in rows if in_split(row[0], args.split)]
    labels = [label for *_rest, label in rows]
    ok = labels.count("ok")
    print(
        f"{len(rows)} sentences, {ok} ok ({ok / len(rows):.0%}), "
        f"{sum(1 for r in rows if r[1] == 'public')} from public postmortems"
    )
    for subset in ("all", "public", "written"):
        chosen = rows if subset == "all" else [r for r in rows if r[1] == subset]
        if not chosen:
            continue
        scores = evaluate(chosen, show_errors=args.errors and subset == "all")
        print(f"\n{subset} ({len(chosen)} sentences)")
        print("| family | support | precision | recall | F1 |")
        print("| --- | --- | --- | --- | --- |")
        for name, score in scores.items():
            support = score.tp + score.fn
            print(
                f"| {name} | {support} | {score.precision:.2f} | {score.recall:.2f} | "
                f"{score.f1:.2f} |"
            )


if __name__ == "__main__":
    main()
