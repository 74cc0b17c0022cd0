"""Free text inside the structured Markdown: which lines get a backslash, and back.

A line of free text that the parser would read as structure (a '## ' section heading, a
'### ' factor heading, a numbered Why step, a writer's prompt comment, a code fence that is
never closed) is written with one backslash in front of its marker, the CommonMark way of
saying "this is text". A line that already has backslashes there gets one more, so reading
removes exactly one and every text comes back as it was written. Lines inside a closed code
fence are left alone: the parser does not look inside them either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

FENCE_MARKERS = ("```", "~~~")


@dataclass(frozen=True)
class Rule:
    """Lines that start with `head` then `tail` are structure; the backslash goes between."""

    head: str
    tail: str

    def escape(self, line: str) -> str | None:
        match = re.match(rf"^({self.head})(?=\\*(?:{self.tail}))", line)
        if match is None:
            return None
        return line[: match.end()] + "\\" + line[match.end() :]

    def unescape(self, line: str) -> str | None:
        match = re.match(rf"^({self.head})\\(?=\\*(?:{self.tail}))", line)
        if match is None:
            return None
        return line[: match.end(1)] + line[match.end() :]


SECTION_HEADING = Rule("", r"##[ \t]")
FACTOR_HEADING = Rule("", r"###[ \t]")
WHY_STEP = Rule(r"\s*\d+", r"[.)]\s")
FENCE = Rule(r"\s*", r"```|~~~")
COMMENT = Rule(r"\s*", r"<!--.*-->\s*$")
CATEGORY = Rule(r"\s*", r"(?i:\*{0,2}category\s*(?::|\*{1,2}:))")

PROSE: tuple[Rule, ...] = (SECTION_HEADING, FENCE)
"""Summary, Impact and the other prose sections."""
COMMUNICATION: tuple[Rule, ...] = (SECTION_HEADING, FENCE, COMMENT)
"""External communication text, where prompt comments are dropped."""
DESCRIPTION: tuple[Rule, ...] = (SECTION_HEADING, FACTOR_HEADING, WHY_STEP, FENCE, COMMENT)
"""A contributing factor's description, which sits above its Why chain."""
ANSWER: tuple[Rule, ...] = (FENCE, COMMENT)
"""One Why answer, a single indented line."""


def fence_marker(line: str) -> str | None:
    """The fence a line opens or closes, read the way the section splitter reads it."""
    marker = line.strip()[:3]
    return marker if marker in FENCE_MARKERS else None


def is_comment_line(line: str) -> bool:
    """A line holding only an HTML comment, such as a template's writer prompt."""
    return re.fullmatch(r"\s*<!--.*-->\s*", line) is not None


def escape_line(line: str, rules: Sequence[Rule]) -> str:
    """One line with a backslash added where a rule sees structure."""
    for rule in rules:
        escaped = rule.escape(line)
        if escaped is not None:
            return escaped
    return line


def unescape_line(line: str, rules: Sequence[Rule]) -> str:
    """The inverse of `escape_line`."""
    for rule in rules:
        plain = rule.unescape(line)
        if plain is not None:
            return plain
    return line


def escape_text(text: str, rules: Sequence[Rule]) -> str:
    """Free text made safe to place in a section; closed code fences are kept as they are."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = fence_marker(line)
        if marker is not None:
            close = next(
                (j for j in range(index + 1, len(lines)) if fence_marker(lines[j]) == marker),
                None,
            )
            if close is not None:
                out += lines[index : close + 1]
                index = close + 1
                continue
        out.append(escape_line(line, rules))
        index += 1
    return "\n".join(out)


def unescape_lines(lines: Sequence[str], rules: Sequence[Rule]) -> list[str]:
    """The inverse of `escape_text`, line by line, skipping the inside of code fences."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        marker = fence_marker(line)
        if fence is not None:
            if marker == fence:
                fence = None
            out.append(line)
        elif marker is not None:
            fence = marker
            out.append(line)
        else:
            out.append(unescape_line(line, rules))
    return out


def drop_comment_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines to keep: prompt comments outside code fences are dropped."""
    keep: list[int] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        marker = fence_marker(line)
        if fence is not None:
            if marker == fence:
                fence = None
        elif marker is not None:
            fence = marker
        elif is_comment_line(line):
            continue
        keep.append(index)
    return keep
