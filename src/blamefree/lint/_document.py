"""A tolerant view of a Markdown postmortem, built for linting drafts.

Drafts are incomplete and often not valid for the strict parser in `blamefree.document`, so
the linter reads only what it needs and never raises: front matter (YAML, if it parses),
`##` sections with line numbers, action-item table rows, `###` contributing factors with
their numbered Why steps, and a "prose" copy of the text in which front matter, code, HTML
comments and link targets are blanked out (same length, same line breaks), so a regex match
in the prose maps straight back to a line and column of the original.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import ClassVar, Final, final

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The C-accelerated safe loader when libyaml is present; both build only plain data."""
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_BARE_URL = re.compile(r"https?://\S+")
_QUOTED = re.compile(
    r'"[^"\n]*"|“[^“”\n]*”|‘[^‘\n]*’(?!\w)|\'(?<!\w\')(?=[^\s\'])[^\'\n]*?(?<=[^\s\'])\'(?!\w)'
)
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>.*$", re.MULTILINE)
"""Quoted words (a chat message, a customer's reply) and blockquotes: evidence, not the
author's own wording, so the language rules do not read them."""


def is_word_char(char: str) -> bool:
    """Whether `char` is a regex word character (`\\w` in a str pattern): a letter, a digit
    or the underscore. Shared by the code that checks word boundaries without a regex."""
    return char.isalnum() or char == "_"


_WORD_START = re.compile(r"\b\w{1,3}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s+(.*\S)\s*$")
_LIST_ITEM = re.compile(r"^\s*[-*+]\s+(.*\S)\s*$")
_CATEGORY = re.compile(r"^\s*category\s*:\s*(.*?)\s*$", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_CELL_BAR = re.compile(r"(?<!\\)\|")
_ANSWER_LEAD = re.compile(r"^(?:[-*+]\s+|answer:\s*)", re.IGNORECASE)
_NAME_WORD = re.compile(r"[\w'’-]+")
_NAME_EMAIL = re.compile(r"^\s*([^<>]*?)\s*(?:<[^<>]*>)?\s*$")
_KEY_LENGTH = 3
"""`word_starts` keys are a word's first three characters (or the whole word)."""


class _Record:
    """Base of the small read-only records below: equality, hash and repr by field values.

    Why not frozen dataclasses: compiled, a frozen dataclass is built by the `__init__` the
    dataclasses module writes (interpreted Python setting each field through
    `object.__setattr__`), about 4,000 instructions per object; parsing builds one per
    table cell, Why step and section, which was 2% of all lint instructions. A compiled
    class with its own `__init__` costs about 400, and its `Final` attributes are
    read-only there too (mypy enforces them everywhere).
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"


@final
class Section(_Record):
    """One `##` section: its title, heading line and the lines of its body (1-based)."""

    __slots__ = ("end", "line", "title")
    _fields = ("title", "line", "end")

    def __init__(self, title: str, line: int, end: int) -> None:
        self.title: Final = title
        self.line: Final = line
        self.end: Final = end
        """Last line of the body (inclusive); equals `line` when the body is empty."""

    @property
    def key(self) -> str:
        """The title, lower-cased with single spaces, for matching policy section names."""
        return " ".join(self.title.lower().split())

    @property
    def body_lines(self) -> range:
        """Line numbers of the body."""
        return range(self.line + 1, self.end + 1)


@final
class Cell(_Record):
    """One table cell: stripped text and the 1-based column where that text starts."""

    __slots__ = ("column", "text")
    _fields = ("text", "column")

    def __init__(self, text: str, column: int) -> None:
        self.text: Final = text
        self.column: Final = column


@final
class ActionRow(_Record):
    """One action item: a table row (cells by header name) or, without a table, a list item."""

    __slots__ = ("cells", "line")
    _fields = ("line", "cells")

    def __init__(self, line: int, cells: dict[str, Cell]) -> None:
        self.line: Final = line
        self.cells: Final = cells

    def get(self, column: str) -> Cell | None:
        """The cell under a header ('action item', 'owner', ...), if the table has it."""
        return self.cells.get(column)

    @property
    def description(self) -> Cell | None:
        """The action item text."""
        return self.cells.get("action item")


@final
class WhyView(_Record):
    """One step of a Why chain: the question line and the answer under it."""

    __slots__ = ("answer", "answer_line", "line", "question")
    _fields = ("question", "line", "answer", "answer_line")

    def __init__(self, question: str, line: int, answer: str, answer_line: int | None) -> None:
        self.question: Final = question
        self.line: Final = line
        self.answer: Final = answer
        self.answer_line: Final = answer_line


@final
class FactorView(_Record):
    """A `###` contributing factor with its Why chain."""

    __slots__ = ("category", "line", "title", "whys")
    _fields = ("title", "line", "category", "whys")

    def __init__(
        self, title: str, line: int, category: str | None, whys: tuple[WhyView, ...]
    ) -> None:
        self.title: Final = title
        self.line: Final = line
        self.category: Final = category
        self.whys: Final = whys


@dataclass(slots=True)
class Document:
    """Everything the rules read, derived once from the text."""

    text: str
    lines: list[str]
    prose: str
    """`text` with non-prose (code, comments, links, quotations) blanked out; same length and
    line breaks. The language rules read this."""
    line_starts: list[int]
    content: str = ""
    """Like `prose` but keeping quotations: what a section says, for completeness rules."""
    lower: str = ""
    """`prose` with ASCII letters lower-cased (same length), for fast case-free scanning."""
    front_matter: dict[str, object] = field(default_factory=dict)
    front_matter_end: int = 0
    """Last line of the front matter (0 when there is none)."""
    front_matter_error: tuple[int, str] | None = None
    sections: list[Section] = field(default_factory=list)
    action_rows: list[ActionRow] = field(default_factory=list)
    factors: list[FactorView] = field(default_factory=list)
    people: frozenset[str] = frozenset()
    """Names from roles and participants, whole and by word, case-folded."""
    not_people: frozenset[str] = frozenset()
    """Service names from the front matter, whole and by word, case-folded."""
    _section_of_line: list[str | None] = field(default_factory=list)
    _fenced: bool = False
    """Whether some line may open or close a fenced code block (see `_has_fence`)."""
    _word_starts: dict[str, list[int]] | None = None
    _word_pattern: re.Pattern[str] | None = None
    _words: tuple[dict[str, list[int]], dict[str, list[str]]] | None = None
    _by_key: dict[str, Section] | None = None

    def word_starts(self, pattern: re.Pattern[str] = _WORD_START) -> dict[str, list[int]]:
        """Where words start in `lower`, keyed by their first three characters (or the word).

        Built once per document (and pattern) on first use; rules look up candidate
        positions here instead of trying their patterns at every character. `pattern`
        matches the key at each word start to index (or, when it has a group, holds the key
        in group 1 of a match that may start one character before the word): every word by
        default, or only the words some rule looks for (a narrower pattern gives the same
        positions for its keys and spends no time on the rest). A pattern with a group
        matches one character before the word and then only the group.
        """
        if self._word_starts is None or self._word_pattern is not pattern:
            index: dict[str, list[int]] = {}
            if pattern.groups:
                index = _index_by_split(pattern, self.lower)
            else:
                for match in pattern.finditer(self.lower):
                    index.setdefault(match.group(), []).append(match.start())
            self._word_starts = index
            self._word_pattern = pattern
        return self._word_starts

    def words(self, pattern: re.Pattern[str]) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
        """`word_starts` of a pattern whose group 1 holds the whole word, and the words under
        each key (their first three characters, or the word): (word -> starts, key -> words).

        A rule then decides once per distinct word, not at each of its places, whether a
        match can start there.
        """
        index = self.word_starts(pattern)
        if self._words is None or self._words[0] is not index:
            by_key: dict[str, list[str]] = {}
            for word in index:
                by_key.setdefault(word[:_KEY_LENGTH], []).append(word)
            self._words = (index, by_key)
        return self._words

    @property
    def is_fragment(self) -> bool:
        """True for text without `##` sections (a sentence, a paste, an editor field)."""
        return not self.sections

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int]:
        """(line, column, length) of an offset range, clipped to the end of its first line."""
        line, column = self.position(start)
        line_end = self.line_starts[line - 1] + len(self.lines[line - 1])
        return line, column, max(1, min(end, line_end) - start)

    def section_at(self, line: int) -> str | None:
        """Lower-cased title of the `##` section holding `line`, if any."""
        if 1 <= line <= len(self._section_of_line):
            return self._section_of_line[line - 1]
        return None

    def section(self, title: str) -> Section | None:
        """The first section with this title (case-insensitive)."""
        if self._by_key is None:
            self._by_key = {}
            for section in self.sections:
                self._by_key.setdefault(section.key, section)
        key = _TITLE_KEYS.get(title)
        if key is None:
            key = " ".join(title.lower().split())
            if len(_TITLE_KEYS) < _MAX_TITLE_KEYS:
                _TITLE_KEYS[title] = key
        return self._by_key.get(key)

    def section_text(self, section: Section) -> str:
        """The body of a section with comments and code blanked (quotations kept), stripped."""
        start = self.line_starts[section.line] if section.line < len(self.lines) else len(self.text)
        end_line = section.end
        end = self.line_starts[end_line - 1] + len(self.lines[end_line - 1])
        return self.content[start:end].strip() if end > start else ""

    def prose_lines(self, section: Section) -> Iterator[tuple[int, str]]:
        """(line number, prose text) for each body line of a section."""
        for number in section.body_lines:
            start = self.line_starts[number - 1]
            yield number, self.prose[start : start + len(self.lines[number - 1])]

    def front_str(self, key: str) -> str | None:
        """A front matter value as text, or None when missing or empty."""
        value = self.front_matter.get(key)
        if value is None or value == "":
            return None
        return str(value)

    def front_line(self, key: str) -> int:
        """The line of a top-level front matter key, or 1 when it is not there."""
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        for number in range(1, self.front_matter_end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return 1


_TITLE_KEYS: dict[str, str] = {}
"""Section title -> its key, for the few titles rules ask for over and over."""
_MAX_TITLE_KEYS = 1024


def parse_document(text: str) -> Document:
    """Build the tolerant view. Never raises: what cannot be read is simply absent."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    line_starts = _line_starts(lines)
    doc = Document(text=text, lines=lines, prose="", line_starts=line_starts)
    doc._fenced = _has_fence(text)
    _read_front_matter(doc)
    doc.content = _blank_code_and_comments(doc)
    prose = _blank_quotations(doc.content)
    doc.prose = _BLOCKQUOTE.sub(_spaces, prose) if ">" in prose else prose
    doc.lower = _lower(doc.prose)
    _read_sections(doc)
    _read_action_rows(doc)
    _read_factors(doc)
    return doc


def _lower(prose: str) -> str:
    """`prose.lower()` when that keeps the length, else `prose` with ASCII letters lowered.

    Why not simply `prose.lower()`: most postmortems hold a curly quote or a dash, and
    `str.lower` then reads every character through the full Unicode case tables (about 50
    instructions each, 2% of all lint instructions). When no non-ASCII character changes
    under `lower` (the usual case: those are punctuation), lowering only the ASCII letters
    gives the same text; `bytes.lower` does that on the UTF-8 bytes (other characters'
    bytes are all 0x80 or above) in a few instructions per byte. Whether any non-ASCII
    character changes is read from those characters alone, deleted out of the bytes: a
    character that changes (a capital sigma always does, whatever its context, and one
    lowered to two characters changes the length) makes their lower-case differ.
    """
    if prose.isascii():
        return prose.lower()
    encoded = prose.encode("utf-8", "surrogatepass")
    others = encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if others.lower() == others:
        return encoded.lower().decode("utf-8", "surrogatepass")
    lower = prose.lower()
    return lower if len(lower) == len(prose) else prose.translate(_ASCII_LOWER)


_ASCII_BYTES = bytes(range(128))


def _line_starts(lines: list[str]) -> list[int]:
    """The offset where each line starts in the text the lines were split from.

    A compiled loop: `accumulate` over `map`s calls `int.__add__` through Python for every
    line (about 700 instructions a line).
    """
    starts = [0] * len(lines)
    at = 0
    for index, line in enumerate(lines):
        starts[index] = at
        at += len(line) + 1
    return starts


_QUOTE_MARKS = ('"', "'", "“", "‘")
"""The characters a `_QUOTED` match starts with."""


def _blank_quotations(text: str) -> str:
    """`_QUOTED.sub(_spaces, text)`, with the pattern tried only where a quotation mark
    stands (found with `str.find`) rather than at every character."""
    starts: list[int] = []
    for mark in _QUOTE_MARKS:
        found = text.find(mark)
        while found != -1:
            starts.append(found)
            found = text.find(mark, found + 1)
    if not starts:
        return text
    starts.sort()
    pieces: list[str] = []
    last = 0
    match = _QUOTED.match
    for start in starts:
        if start < last:
            continue  # inside the quotation just blanked
        quoted = match(text, start)
        if quoted is not None:
            pieces += (text[last:start], _spaces(quoted))
            last = quoted.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _read_front_matter(doc: Document) -> None:
    if not doc.lines or doc.lines[0].strip() != "---":
        return
    closing = next(
        (i for i in range(1, len(doc.lines)) if doc.lines[i].strip() in ("---", "...")), None
    )
    if closing is None:
        doc.front_matter_error = (1, "front matter starts with '---' but is never closed")
        return
    doc.front_matter_end = closing + 1
    data: object
    try:
        data = _simple_yaml(doc.lines[1:closing])
        if data is None:
            raw = "\n".join(doc.lines[1:closing])
            data = yaml.load(raw, Loader=_SAFE_LOADER) if raw.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or "not valid YAML"
        doc.front_matter_error = (line, f"front matter is not valid YAML ({problem})")
        return
    if not isinstance(data, dict):
        doc.front_matter_error = (1, "front matter is not a mapping of keys to values")
        return
    doc.front_matter = {str(key): value for key, value in data.items()}
    doc.people = frozenset(_names_and_words(_front_people(doc.front_matter)))
    services = doc.front_matter.get("services")
    if isinstance(services, list):
        doc.not_people = frozenset(_names_and_words([str(s) for s in services if s]))


_SIMPLE_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,100}):(?: (.*))?")
_SIMPLE_ENTRY = re.compile(r"( +)(?:([A-Za-z_][A-Za-z0-9_-]{0,100}): (.+)|- (.+))")
_NOT_PLAIN = re.compile(r"[#,\[\]{}\t]|: |:$")
_YAML_RESOLVER = yaml.resolver.Resolver()
_YAML_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_SCALARS: dict[str, object] = {}
_MAX_SCALARS = 4096


def _simple_yaml(lines: list[str]) -> dict[object, object] | None:
    """The front matter most postmortems have, read without the YAML machinery.

    Understands top-level `key: value`, `key: [a, b]`, and `key:` followed by an indented
    block of `name: value` or `- item` lines, all with plain values (no quotes, comments,
    anchors or multi-line text). Returns None for anything else, which then goes to the
    YAML loader; values are resolved by PyYAML's own resolver and safe constructor, so
    whatever this returns equals what the loader returns.
    """
    result: dict[object, object] = {}
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        index += 1
        if not line.strip():
            continue
        top = _SIMPLE_KEY.fullmatch(line)
        if top is None:
            return None
        key, value = _simple_scalar(top.group(1), key=True), top.group(2)
        if value is not None:
            parsed = _simple_value(value)
            if parsed is _NOT_SIMPLE or (index < count and lines[index][:1] == " "):
                return None  # a continuation line would fold into the value
            result[key] = parsed
            continue
        block_items: list[object] = []
        block_map: dict[object, object] = {}
        indent = ""
        while index < count and (lines[index][:1] == " " or not lines[index].strip()):
            entry = _SIMPLE_ENTRY.fullmatch(lines[index])
            index += 1
            if entry is None:
                if lines[index - 1].strip():
                    return None
                continue
            if indent and entry.group(1) != indent:
                return None
            indent = entry.group(1)
            if entry.group(4) is not None:
                item = _simple_scalar(entry.group(4))
                if item is _NOT_SIMPLE or block_map:
                    return None
                block_items.append(item)
            else:
                nested = _simple_value(entry.group(3))
                if nested is _NOT_SIMPLE or block_items:
                    return None
                block_map[_simple_scalar(entry.group(2), key=True)] = nested
        if block_items:
            result[key] = block_items
        elif block_map:
            result[key] = block_map
        else:
            result[key] = None
    return result


_NOT_SIMPLE = object()


def _simple_value(text: str) -> object:
    """A plain scalar or a flow list of plain scalars; `_NOT_SIMPLE` for anything else."""
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        if not inner.strip():
            return [] if inner == "" else _NOT_SIMPLE
        if ":" in inner:
            return _NOT_SIMPLE  # a colon means a mapping inside a flow list
        items = [_simple_scalar(part.strip()) for part in inner.split(",")]
        return _NOT_SIMPLE if any(item is _NOT_SIMPLE for item in items) else items
    return _simple_scalar(text)


def _simple_scalar(text: str, *, key: bool = False) -> object:
    """A plain scalar resolved as PyYAML does; `_NOT_SIMPLE` unless it is plainly plain."""
    known = _SCALARS.get(text, _NOT_SIMPLE)
    if known is not _NOT_SIMPLE:
        return known
    if not key and (
        not text
        or not text[0].isalnum()
        or text != text.strip()
        or not text.isprintable()
        or _NOT_PLAIN.search(text)
    ):
        return _NOT_SIMPLE
    # Resolver.resolve has no annotations in the PyYAML stubs.
    tag = _YAML_RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    value: object = text
    if tag != _STR_TAG:  # the safe constructor returns a plain string as it is
        value = _YAML_CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, text))
        _YAML_CONSTRUCTOR.constructed_objects.clear()
    if len(_SCALARS) >= _MAX_SCALARS:
        _SCALARS.clear()
    _SCALARS[text] = value
    return value


def _front_people(front: dict[str, object]) -> list[str]:
    names: list[str] = []
    roles = front.get("roles")
    if isinstance(roles, dict):
        names.extend(str(v) for v in roles.values() if isinstance(v, str) and v)
    participants = front.get("participants")
    if isinstance(participants, list):
        names.extend(
            str(entry.get("name", "")) if isinstance(entry, dict) else str(entry)
            for entry in participants
        )
    result = []
    for name in names:
        if "<" not in name and ">" not in name:
            # What `_NAME_EMAIL` reads from a name without an address (the usual case, and
            # its lazy group made it some 5,000 instructions per name): the name stripped.
            plain = name.strip()
            if plain:
                result.append(plain)
            continue
        match = _NAME_EMAIL.match(name)
        if match and match.group(1):
            result.append(match.group(1))
    return result


def _names_and_words(names: Iterator[str] | list[str]) -> Iterator[str]:
    for name in names:
        clean = " ".join(name.split())
        if not clean:
            continue
        yield clean.casefold()
        for word in _NAME_WORD.findall(clean):
            if len(word) > 1:
                yield word.casefold()


def _blank_code_and_comments(doc: Document) -> str:
    """The text with front matter, fenced code, comments, inline code and links blanked."""
    if doc._fenced:
        lines = list(doc.lines)
        for number in range(doc.front_matter_end):
            lines[number] = " " * len(lines[number])
        in_fence = False
        for number in range(doc.front_matter_end, len(lines)):
            line = lines[number]
            fence = _is_fence(line)
            if fence:
                in_fence = not in_fence
            if fence or in_fence:
                lines[number] = " " * len(line)
        body = "\n".join(lines)
    elif doc.front_matter_end:
        end = doc.front_matter_end
        blank = "\n".join([" " * len(line) for line in doc.lines[:end]])
        body = blank + doc.text[len(blank) :]
    else:
        body = doc.text
    for marker, pattern in (
        ("<!--", _COMMENT),
        ("`", _INLINE_CODE),
        ("](", _LINK_TARGET),
        ("http", _BARE_URL),
    ):
        if marker in body:
            body = pattern.sub(_spaces, body)
    return body


def _has_fence(text: str) -> bool:
    """False when no line of `text` can open or close a fenced code block."""
    return "```" in text or "~~~" in text


def _is_fence(line: str) -> bool:
    """`_FENCE.match`, tried only on lines holding a fence marker (few lines do)."""
    return ("```" in line or "~~~" in line) and _FENCE.match(line) is not None


def _spaces(match: re.Match[str]) -> str:
    text = match.group()
    return " " * len(text) if "\n" not in text else _NOT_NEWLINE.sub(" ", text)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _read_sections(doc: Document) -> None:
    count = len(doc.lines)
    section_of_line: list[str | None] = [None] * count
    current: str | None = None
    since = doc.front_matter_end
    """Index of the first line whose section is `current`."""
    heading_line = 0
    open_title: str | None = None
    in_fence = False
    fenced = doc._fenced
    for index in _heading_or_fence_lines(doc, since, fenced):
        line = doc.lines[index]
        if fenced and _is_fence(line):
            in_fence = not in_fence
        heading = None if in_fence or not line.startswith("#") else _heading(line)
        if heading and heading[0] <= 2:
            if open_title is not None:
                doc.sections.append(Section(open_title, heading_line, _last_content(doc, index)))
            section_of_line[since:index] = [current] * (index - since)
            since = index
            if heading[0] == 2:
                open_title = heading[1]
                heading_line = index + 1
                current = " ".join(open_title.lower().split())
            else:
                open_title = None
                current = None
    section_of_line[since:count] = [current] * (count - since)
    if open_title is not None:
        doc.sections.append(Section(open_title, heading_line, _last_content(doc, count)))
    doc._section_of_line = section_of_line


def _heading(line: str) -> tuple[int, str] | None:
    """(level, stripped title) of an ATX heading line, as `_HEADING` reads it, or None.

    The same answer as `_HEADING.match` (level = group 1's length, title = group 2
    stripped), by string methods: the title is what follows the hashes and the spaces, less
    trailing spaces, closing hashes and the spaces before them.
    """
    level = len(line) - len(line.lstrip("#"))
    rest = line[level:]
    title = rest.lstrip()
    if not 1 <= level <= _MAX_HEADING or len(title) == len(rest):
        return None
    return level, title.rstrip().rstrip("#").rstrip()


_MAX_HEADING = 6


def _heading_or_fence_lines(doc: Document, first: int, fenced: bool) -> list[int]:
    """Indices (from `first` on) of the lines that start with '#' or hold a fence marker:
    the only lines that can open a section or a code block (found with `str.find`)."""
    text = doc.text
    starts = doc.line_starts
    found = {0} if text.startswith("#") else set()
    for marker in ("\n#", "```", "~~~") if fenced else ("\n#",):
        position = text.find(marker)
        while position != -1:
            found.add(bisect.bisect_right(starts, position + (marker == "\n#")) - 1)
            position = text.find(marker, position + 1)
    return sorted(index for index in found if index >= first)


def _last_content(doc: Document, stop: int) -> int:
    """1-based number of the line before index `stop` (exclusive), trailing blanks dropped."""
    end = stop
    while end > 0 and not doc.lines[end - 1].strip():
        end -= 1
    return end


def _split_cells(line: str) -> list[Cell]:
    cells: list[Cell] = []
    stripped = line.rstrip()
    start = stripped.find("|") + 1
    end = len(stripped) - 1 if stripped.endswith("|") else len(stripped)
    position = start
    inner = stripped[start:end]
    for raw in _CELL_BAR.split(inner) if "\\" in inner else inner.split("|"):
        text = raw.lstrip()
        cells.append(Cell(text.rstrip(), position + len(raw) - len(text) + 1))
        position += len(raw) + 1
    return cells


def _read_action_rows(doc: Document) -> None:
    section = doc.section("Action items")
    if section is None:
        return
    header: list[str] | None = None
    list_rows: list[ActionRow] = []
    for number, prose_line in doc.prose_lines(section):
        line = doc.lines[number - 1]
        if line.lstrip().startswith("|") and prose_line.strip():
            cells = _split_cells(line)
            if header is None:
                header = [" ".join(c.text.lower().split()) for c in cells]
            elif all(_SEPARATOR_CELL.match(c.text) for c in cells if c.text):
                continue
            else:
                by_name = dict(zip(header, cells, strict=False))
                doc.action_rows.append(ActionRow(number, by_name))
        else:
            match = _LIST_ITEM.match(prose_line)
            if match:
                column = prose_line.index(match.group(1)) + 1
                list_rows.append(ActionRow(number, {"action item": Cell(match.group(1), column)}))
    if header is None:
        doc.action_rows.extend(list_rows)


def _read_factors(doc: Document) -> None:
    section = doc.section("Contributing factors")
    if section is None:
        return
    title: str | None = None
    title_line = 0
    category: str | None = None
    whys: list[WhyView] = []

    def close() -> None:
        if title is not None:
            doc.factors.append(FactorView(title, title_line, category, tuple(whys)))

    for number, prose_line in doc.prose_lines(section):
        line = doc.lines[number - 1]
        heading = _heading(line) if line.startswith("#") else None
        if heading and heading[0] == 3:
            close()
            title, title_line, category, whys = heading[1], number, None, []
            continue
        if title is None or not prose_line.strip():
            continue
        numbered = _NUMBERED.match(prose_line)
        if numbered:
            whys.append(WhyView(numbered.group(1), number, "", None))
            continue
        category_match = None if whys else _CATEGORY.match(prose_line)
        if category_match:
            category = category_match.group(1) or None
            continue
        if whys and line[:1].isspace():
            last = whys[-1]
            answer = " ".join(f"{last.answer} {prose_line.strip()}".split())
            answer = _ANSWER_LEAD.sub("", answer)
            whys[-1] = WhyView(last.question, last.line, answer, last.answer_line or number)
    close()


def _index_by_split(pattern: re.Pattern[str], lower: str) -> dict[str, list[int]]:
    """`Document.word_starts` of a pattern whose group 1 holds the key, in a match that
    starts one character before the word (`rules._text._WordIndex`)."""
    # The front matter is blanked to spaces in `lower`: every one of them would be tried as
    # the character before a word (a third of a postmortem's spaces), so the text is read
    # from the end of its opening blank run, which holds no word; offsets shift back by it.
    body = lower.lstrip()
    skipped = len(lower) - len(body)
    index: dict[str, list[int]] = {}
    split = _ascii_split(pattern)
    if split is None:
        _add_split(index, pattern, body, skipped)
        return index
    # `\W` costs the regex engine a Unicode lookup at every character; the same pattern led
    # by the ASCII characters `\W` matches checks a bitmap instead. Other characters that
    # `\W` matches (curly quotes, dashes) are found by a second pattern, only in text that
    # holds any: together the two find what the one finds.
    ascii_led, other_led = split
    _add_split(index, ascii_led, body, skipped)
    if not body.isascii():
        before = {key: len(found) for key, found in index.items()}
        _add_split(index, other_led, body, skipped)
        for key, found in index.items():
            if len(found) != before.get(key, 0):
                found.sort()
    return index


def _add_split(
    index: dict[str, list[int]], pattern: re.Pattern[str], body: str, skipped: int
) -> None:
    """Add to `index` the keys `pattern` finds in `body`, at their offsets plus `skipped`."""
    # The added space lets a word at offset 0 be found too. Splitting yields [text before,
    # key, text between, key, ...] without a match object per word; a key starts after
    # every part before it and one character per match so far (its own included), less
    # the added space.
    parts = pattern.split(" " + body)
    ends = list(accumulate(map(len, parts)))
    keys = parts[1::2]
    for number, key in enumerate(keys):
        start = ends[2 * number] + number + skipped
        found = index.get(key)
        if found is None:
            index[key] = [start]
        else:
            found.append(start)


_NOT_WORD = "\\W"
_ASCII_NOT_WORD = r"[\x00-/:-@\[-^`{-\x7f]"
"""The ASCII characters `\\W` matches: all but digits, letters and the underscore."""
_OTHER_NOT_WORD = r"[^\x00-\x7f](?<=\W)"
"""The other characters `\\W` matches."""
_SPLITS: dict[int, tuple[re.Pattern[str], tuple[re.Pattern[str], re.Pattern[str]] | None]] = {}
"""By the pattern's id (a compiled pattern hashes its whole program: the word index's is long);
the pattern itself is kept too, so its id is never reused while cached."""


def _ascii_split(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """`pattern` led by the ASCII characters its opening `\\W` matches, and by the others;
    None unless it opens with `\\W`. Compiled once per pattern."""
    known = _SPLITS.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    source = pattern.pattern
    split = (
        (
            re.compile(_ASCII_NOT_WORD + source[2:], pattern.flags),
            re.compile(_OTHER_NOT_WORD + source[2:], pattern.flags),
        )
        if source.startswith(_NOT_WORD)
        else None
    )
    if len(_SPLITS) >= _MAX_SPLITS:
        _SPLITS.clear()
    _SPLITS[id(pattern)] = (pattern, split)
    return split


_MAX_SPLITS = 64
"""Index patterns change only when rules are added: a handful per process."""
