"""Small helpers shared by the rule modules: regex scanning, spans and negation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from blamefree.lint._document import Document
from blamefree.lint.rule import Hit

_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|isn['’]t|wasn['’]t|aren['’]t|weren['’]t|don['’]t|doesn['’]t|"
    r"didn['’]t|rather\s+than|instead\s+of|beyond|avoid\w*|without|neither|nor|blaming)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;\n]")


def clause_before(prose: str, offset: int, limit: int = 60) -> str:
    """The text of the current clause before `offset` (at most `limit` characters)."""
    window = prose[max(0, offset - limit) : offset]
    cuts = [match.end() for match in _CLAUSE_END.finditer(window)]
    return window[cuts[-1] :] if cuts else window


def negated(prose: str, offset: int, limit: int = 60) -> bool:
    """True when a negation ('not', 'never', 'rather than'...) precedes in the same clause."""
    return _NEGATION.search(clause_before(prose, offset, limit)) is not None


def hit_at(
    doc: Document,
    start: int,
    end: int,
    *,
    message: str | None = None,
    suggestion: str | None = None,
    replacement: str | None = None,
) -> Hit:
    """A hit covering prose offsets [start, end) (clipped to the first line)."""
    line, column, length = doc.span(start, end)
    return Hit(line, column, length, message, suggestion, replacement)


def hit_line(doc: Document, line: int, *, message: str | None = None) -> Hit:
    """A hit covering a whole line (for document-level findings)."""
    text = doc.lines[line - 1] if 1 <= line <= len(doc.lines) else ""
    column = len(text) - len(text.lstrip()) + 1
    return Hit(line, column, max(1, len(text.strip())), message)


def fast(source: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a lower-case pattern for `scan`, without its leading word boundaries.

    Python's regex engine skips ahead quickly only when a pattern starts with literal text,
    and case-insensitive matching is slower still. `scan` therefore runs patterns over the
    lower-cased prose and checks the leading word boundary itself.
    """
    stripped = source.removeprefix(r"\b").replace(r"|\b", "|")
    return re.compile(stripped, flags)


def scan(doc: Document, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of a `fast` pattern in the lower-cased prose that start at a word boundary."""
    text = doc.lower
    for match in pattern.finditer(text):
        start = match.start()
        if start and _is_word(text[start]) and _is_word(text[start - 1]):
            continue
        yield match


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def words(pattern: str) -> str:
    """Turn 'a b|c d' into a regex alternation where spaces match any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, part.split())) for part in pattern.split("|"))
