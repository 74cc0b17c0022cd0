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


def scan(doc: Document, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Every match of `pattern` in the document's prose."""
    return pattern.finditer(doc.prose)


def words(pattern: str) -> str:
    """Turn 'a b|c d' into a regex alternation where spaces match any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, part.split())) for part in pattern.split("|"))
