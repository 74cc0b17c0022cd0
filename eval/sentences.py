"""Deterministic sentence splitting of the public postmortems in ../shared/data.

The evaluation set refers to public sentences by (document id, sentence index) plus a short
hash, so the texts themselves never enter this repository.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import orjson

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL = "real_postmortems_dev.jsonl"
_FENCE = re.compile(r"```.*?```", re.DOTALL)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#|\|))")


def data_dir() -> Path:
    """Where the public data lives (../shared/data next to the repository)."""
    return DATA


def documents(path: Path | None = None) -> dict[str, str]:
    """Document id -> full text of each public postmortem."""
    source = path or DATA / REAL
    result: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = orjson.loads(line)
            result[str(record["id"])] = str(record["text"])
    return result


def split(text: str) -> list[str]:
    """Sentences of a document: code blocks dropped, Markdown markers trimmed."""
    text = _FENCE.sub("\n\n", text)
    sentences: list[str] = []
    for part in _SPLIT.split(text):
        sentence = " ".join(part.split())
        sentence = re.sub(r"^(?:[-*+]\s+|\d+\.\s+|#+\s+)", "", sentence).strip()
        if len(sentence.split()) >= 4 and not sentence.startswith("|"):
            sentences.append(sentence)
    return sentences


def fingerprint(sentence: str) -> str:
    """8 hex digits identifying a sentence, to notice when the data changes."""
    return hashlib.sha256(sentence.encode()).hexdigest()[:8]


def all_sentences() -> Iterator[tuple[str, int, str]]:
    """(document id, index, sentence) for every public sentence."""
    for doc_id, text in documents().items():
        for index, sentence in enumerate(split(text)):
            yield doc_id, index, sentence
