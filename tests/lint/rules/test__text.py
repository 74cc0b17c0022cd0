"""The scanning helpers: literal prefixes and word-start lookup give finditer's matches."""

from __future__ import annotations

import re

import pytest

from blamefree.lint._document import parse_document
from blamefree.lint.rules._text import FastPattern, fast, scan

TEXTS = [
    "Dave ran the wrong migration; it was Tom's mistake, and it is on Greg.",
    "the user-error page showed 'a simple fix' (a\u00a0simple fix) | responsible |",
    "Wasn't it obvious? A simple check, as anyone would have noticed.\nhas been spoken to",
    "",
]


def _reference(pattern: FastPattern, text: str) -> list[tuple[int, int]]:
    doc = parse_document(text)
    lower = doc.lower
    return [
        m.span()
        for m in pattern.pattern.finditer(lower)
        if not (m.start() and lower[m.start()].isalnum() and lower[m.start() - 1].isalnum())
    ]


def test_prefixes_come_from_each_alternative() -> None:
    pattern = fast(r"\b(?:ran|run)\s+the|\bmade\s+(?:a|an)\s+mistake|['’]s\s+fault")
    assert pattern.prefixes == ("'s", "’s", "ran", "run", "made")
    assert pattern.keys == ("mad", "ran", "run")
    assert pattern.searched == ("'s", "’s")
    assert pattern.stems == ()


def test_short_open_prefixes_become_stems() -> None:
    pattern = fast(r"\bit\w+|\bis\s+was")
    assert pattern.keys == ("is",)
    assert pattern.stems == ("it",)


def test_short_or_anchored_alternatives_fall_back_to_finditer() -> None:
    assert fast(r"^#+\s+root", re.MULTILINE).prefixes == ()
    assert fast(r"\b[\w-]+'s").prefixes == ()


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    "source",
    [
        r"\b(?:ran|run)\s+the\s+wrong|\bit\s+(?:is|was)\s+on\s+",
        r"(?P<o>['’]s)\s+(?:mistake|fault)\b|\bhas\s+been\s+spoken\s+to\b",
        r"\ba\s+simple\s+(?:fix|check)\b|\bobvious\b|\bwould\s+have\b",
        r"\|[ \t]*responsible[ \t]*\||\buser[\s-]+error\b",
        r"\bit\w+|\bwa\w*\s+obvious",
    ],
)
def test_scan_matches_finditer(text: str, source: str) -> None:
    pattern = fast(source)
    found = [m.span() for m in scan(parse_document(text), pattern)]
    assert found == _reference(pattern, text)
