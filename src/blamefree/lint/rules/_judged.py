"""Which sentences the learned tone check reads, and what the model says about them.

The machinery behind BL004 and BL105 (`rules/tone.py`), kept apart from the rules so that it
can run compiled (see `blamefree.speedups`): a compiled function loses its docstring, and a
rule's docstring is its documentation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from blamefree.lint._document import Document
from blamefree.lint._names import wordset
from blamefree.lint._people import PeopleIndex
from blamefree.lint._tone import Tone, _Weights, shipped_model
from blamefree.lint.rule import LintContext
from blamefree.lint.rules._text import fast, scan

_SENTENCE = re.compile(r"[^.!?\n]+(?:\.(?=[\w\d])[^.!?\n]*)*[.!?]*")
"""A sentence on one line; a dot inside a word ("v1.2", "example.com") does not end it."""
_MIN_TOKENS = 4
"""Shorter pieces (headings, labels, table cells) carry too little for the model."""
_AGENT_WORDS = (
    r"\b(?:he|she|him|her|his|hers|someone|somebody|nobody|anyone|anybody|whoever|everyone|"
    r"everybody|team|teams|squad|squads|crew|ops|engineers?|interns?|developers?|devs?|admins?|"
    r"administrators?|dbas?|contractors?|consultants?|vendors?|agency|technicians?|analysts?|"
    r"supervisors?|officers?|directors?|managers?|chief|cto|ciso|ceo|cio|specialists?|"
    r"architects?|operators?|employees?|colleagues?|coworkers?|maintainers?|contributors?|"
    r"founders?|co-founders?|reviewers?|lead|leads|hire|juniors?|hindsight|retrospect|"
    r"looking\s+back|"
    r"obvious|obviously|clearly|evident|evidently|plainly|predictable|avoidable|naturally)\b"
)
_CUES = fast(_AGENT_WORDS)
_COUNTERFACTUAL = fast(
    r"\b(?:(?:should|could|would|might|must)(?:n['’]t|\s+not)?\s+(?:have|'ve|’ve)|"
    r"had\s+(?:we|you|i))\b"
)
_WE_BEFORE = re.compile(r"\b(?:we|you|i)\s+(?:[a-z]+\s+)?$")
"""Before "should have": "we" or "you" (perhaps with an adverb) make it about people."""
"""Lower-case words for someone who acts (a pronoun, a role or a team) or for a judgement
after the fact ("obviously", "in hindsight"). "We" and "you" count only in a counterfactual
(`_COUNTERFACTUAL`: "we should have", "had we"). Words that are everywhere in postmortems
and rarely carry blame on their own ("they", "their", "on-call", "person") are left out:
they tripled the sentences read for a handful more found.

Blame and hindsight are both about people: a sentence with no one in it (no such word and
no name) judges nobody, however its words sound ("had the job run a day later, the
certificate would have expired"). Skipping those sentences avoids such false alarms and
keeps the check cheap."""
_COMMON_CAPITALISED = wordset(
    """
    The This That These Those There Then They We Our It Its In On At As By For From To Of
    After Before During While When Where What Why Who How Which If Once All Each Every Some
    No Not And But Or So An Is Are Was Were Be Been Has Have Had Do Does Did Add Use Make
    Example Action Actions Factor Factors Summary Timeline Impact Status Owner Type Deadline
    Ticket Lessons Improve Prevent Detect Mitigate Root Cause Contributing January February
    March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday
    """
)
_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-ſ]"
_CAPITALISED = re.compile(_CAPITAL + r"(?<![\w'’-].)[^\W\d_A-ZÀ-ÖØ-Þ]+(?=['’]s\b|[^\w'’-]|$)")
"""A capitalised word that may be a name ("Ramón", "Łukasz" too; the Latin Extended-A range
holds both cases, so the first letter is checked again). The capital comes first so the
regex engine can skip to capitals; common words that start sentences and headings skip the
name test."""


@dataclass(frozen=True, slots=True)
class Judged:
    start: int
    end: int
    tone: Tone


_last: tuple[Document, int, list[Judged]] | None = None
"""The last document judged (both rules read it; the engine runs them one after the other)."""


def judged_sentences(doc: Document, ctx: LintContext) -> list[Judged]:
    """Sentences of `doc` whose judgement reaches the model's threshold, in order.

    Only lines holding a cue or a name are split into sentences, and only sentences
    holding one are scored: most of a postmortem has neither.
    """
    global _last
    if _last is not None and _last[0] is doc and _last[1] == id(ctx.people):
        return _last[2]
    model = shipped_model()
    is_name = _name_test(ctx.people)
    found: list[Judged] = []
    prose = doc.prose
    marks = _marks(doc, is_name)
    memo: dict[str, _Weights] = {}
    line_starts = doc.line_starts
    at = 0
    while at < len(marks):
        line_start = line_starts[bisect_right(line_starts, marks[at]) - 1]
        line_end = prose.find("\n", marks[at])
        if line_end == -1:
            line_end = len(prose)
        first = at
        while at < len(marks) and marks[at] < line_end:
            at += 1
        pending = first
        for sentence in _SENTENCE.finditer(prose, line_start, line_end):
            while pending < at and marks[pending] < sentence.start():
                pending += 1
            if pending == at:
                break
            if marks[pending] >= sentence.end():
                continue
            text = sentence.group()
            tone, count = model.score_text(text, is_name, memo)
            if count >= _MIN_TOKENS and tone.judgement >= model.threshold:
                start = sentence.start() + len(text) - len(text.lstrip())
                found.append(Judged(start, sentence.end(), tone))
    _last = (doc, id(ctx.people), found)
    return found


_NAME_ANSWERS: dict[str, bool] = {}
"""`PeopleIndex.is_name` answers for ASCII words that no document or config lists: those
depend only on the built-in name lists, so they are the same for every document."""
_MAX_NAME_ANSWERS = 50_000


def _name_test(people: PeopleIndex) -> Callable[[str], bool]:
    """`people.is_name`, remembering across documents what does not depend on them."""
    known, never, is_name = people.known, people.never, people.is_name
    answers = _NAME_ANSWERS

    def test(word: str) -> bool:
        answer = answers.get(word)
        if answer is not None:
            folded = word.lower()
            if folded not in known and folded not in never:
                return answer
            return is_name(word)
        answer = is_name(word)
        if word.isascii() and len(answers) < _MAX_NAME_ANSWERS:
            folded = word.lower()
            if folded not in known and folded not in never:
                answers[word] = answer
        return answer

    return test


def _marks(doc: Document, is_name: Callable[[str], bool]) -> list[int]:
    """Sorted prose offsets of cue words and of capitalised words that name a person."""
    marks = [match.start() for match in scan(doc, _CUES)]
    lower = doc.lower
    for match in scan(doc, _COUNTERFACTUAL):
        at = match.start()
        if lower.startswith("had", at) or _WE_BEFORE.search(lower, max(0, at - 24), at):
            marks.append(at)
    owners = _owner_cells(doc)
    for at, word in capitalised_words(doc.prose):
        if (
            word not in _COMMON_CAPITALISED
            and is_name(word)
            and (not owners or not any(start <= at < end for start, end in owners))
        ):
            marks.append(at)
    marks.sort()
    return marks


_CAPITALS = bytes(
    [1 if re.fullmatch(_CAPITAL, chr(code)) and chr(code).isupper() else 0 for code in range(0x180)]
)
"""By code point below U+0180: 1 for the upper-case letters of `_CAPITAL`, a word's first
letter in a kept `_CAPITALISED` match (the class ends at U+017F)."""
_WORDISH = bytes([1 if re.fullmatch(r"[\w'’-]", chr(code)) else 0 for code in range(0x80)])
"""By ASCII code: 1 for the characters `_CAPITALISED`'s look-behind refuses before a capital."""
_MAYBE_CAPITAL = bytes(
    [ord("C") if code == ord("?") or _CAPITALS[code] else ord(".") for code in range(0x100)]
)
"""`bytes.translate` table for Latin-1 text: 'C' where a capital of `_CAPITAL` may stand
(the letter itself, or '?', which stands for any character beyond Latin-1), '.' elsewhere."""
_LOWER_A: Final = 0x61
_LOWER_Z: Final = 0x7A
_ASCII_END: Final = 0x80
_APOSTROPHE: Final = 0x27
_RIGHT_QUOTE: Final = 0x2019


def capitalised_words(prose: str) -> list[tuple[int, str]]:
    """(start, word) of the `_CAPITALISED` matches in `prose` whose first letter is
    upper-case, in order: the words that may be names.

    The same as filtering `_CAPITALISED.finditer(prose)`, which was 6% of all lint
    instructions: the regex engine tests a character class at every character (about 60
    instructions each) and then spends some 3,000 on each match. Here C finds the places
    where a capital may stand: the text encoded as Latin-1 keeps one byte per character
    (any other character becomes '?'), `bytes.translate` turns each byte that may be a
    capital (a capital of `_CAPITAL`, or '?' for the Latin Extended-A ones) into 'C', and
    a split on 'C' gives their offsets from the pieces' lengths. At each place, compiled
    code checks the character and the one before it (the look-behind) as integers, and
    reads the usual word itself: a capital, lower-case ASCII letters, then an ASCII
    character that ends it. Any other shape (an accent or an apostrophe inside or after
    the word) goes to the regex at that place. A match cannot start inside another (its
    letters are word characters, which the look-behind refuses), so matching at each
    capital finds what `finditer` finds: `test_capitalised_words_are_the_regex_matches`.
    """
    found: list[tuple[int, str]] = []
    capitals, wordish, size = _CAPITALS, _WORDISH, len(prose)
    start = -1
    marked = prose.encode("latin-1", "replace").translate(_MAYBE_CAPITAL)
    for piece in marked.split(b"C"):
        start += len(piece) + 1
        if start >= size:
            break  # the last piece runs to the end of the text
        code = ord(prose[start])
        if code >= len(capitals) or not capitals[code]:
            continue
        if start:
            before = ord(prose[start - 1])
            if before < _ASCII_END:
                if wordish[before]:
                    continue
            elif before == _RIGHT_QUOTE or prose[start - 1].isalnum():
                continue
        index = start + 1
        while index < size and _LOWER_A <= ord(prose[index]) <= _LOWER_Z:
            index += 1
        after = ord(prose[index]) if index < size else 0
        if after >= _ASCII_END or after == _APOSTROPHE:
            match = _CAPITALISED.match(prose, start)
            if match is not None:
                found.append((start, match.group()))
        elif index > start + 1 and not (index < size and wordish[after]):
            found.append((start, prose[start:index]))
    return found


def _owner_cells(doc: Document) -> list[tuple[int, int]]:
    """Prose offsets of the action items' owner cells.

    Every action item names its owner, so a name there says nothing about the row's tone;
    the row is read when its other cells have someone in them ("make Dave stop...").
    """
    spans: list[tuple[int, int]] = []
    for row in doc.action_rows:
        owner = row.get("owner")
        if owner is not None and owner.text:
            start = doc.line_starts[row.line - 1] + owner.column - 1
            spans.append((start, start + len(owner.text)))
    return spans
