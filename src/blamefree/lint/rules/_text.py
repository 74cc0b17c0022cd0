"""Small helpers shared by the rule modules: regex scanning, spans and negation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import import_module
from itertools import chain
from typing import NamedTuple

from blamefree.lint._document import Document
from blamefree.lint._document import is_word_char as _is_word
from blamefree.lint.rule import Hit

_CLAUSE_END = re.compile(r"[.!?;\n]")
_parser = import_module("re._parser")
"""The standard library's regex parser (private but stable since 3.11); used read-only."""
_constants = import_module("re._constants")


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


class Folded:
    """A case-free (IGNORECASE) pattern that runs case-sensitively on lower-cased ASCII text.

    Python's regex engine compares every character of a case-free pattern through case
    tables and cannot skip alternatives by their first letter, which makes long case-free
    alternations several times slower than case-sensitive ones. For ASCII text (most text),
    lower-casing keeps every offset and makes the case-free match the case-sensitive match
    of the same pattern; other text gets the case-free pattern itself. Matches made on the
    lower-cased text hold lower-cased text: read positions and which groups matched from
    them, and any text from the original.
    """

    __slots__ = ("needles", "pattern", "twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE or not _foldable(pattern.pattern):
            raise ValueError(
                f"pattern {pattern.pattern[:60]!r} must be case-free with lower-case letters "
                "and no inline flags to run on lower-cased text"
            )
        self.pattern = pattern
        self.twin = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        """The same pattern, case-sensitive: for lower-cased ASCII text."""
        self.needles = _needles(self.twin)
        """Texts one of which every match starts with (its first words), or () when some
        alternative has none: see `_absent`."""

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`pattern.search(text, pos)` (see the class note on the match's text)."""
        if text.isascii():
            lower = text.lower()
            return None if self._absent(lower, pos) else self.twin.search(lower, pos)
        return self.pattern.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`pattern.match(text, pos)` (see the class note on the match's text)."""
        if text.isascii():
            lower = text.lower()
            if self.needles and not lower.startswith(self.needles, pos):
                return None
            return self.twin.match(lower, pos)
        return self.pattern.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)` (see the class note on the matches' text)."""
        if text.isascii():
            lower = text.lower()
            return iter(()) if self._absent(lower, 0) else self.twin.finditer(lower)
        return self.pattern.finditer(text)

    def _absent(self, lower: str, pos: int) -> bool:
        """True when no match can start at or after `pos`, since none of the needles occurs
        there: a few `str.find` calls (fast, in C) instead of a regex search that enters
        its matcher at every word (a pattern that opens with `\\b` gives the regex engine
        nothing to skip ahead to). Most texts asked about hold none of the words."""
        needles = self.needles
        if not needles or len(needles) > _MAX_NEEDLES:
            return False
        return all(lower.find(needle, pos) == -1 for needle in needles)


_MAX_NEEDLES = 16
"""More needles than this cost about what the regex search they would spare costs."""


def _needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The first words of the literal texts every match of `pattern` starts with (shorter
    ones kept when they begin longer ones); () when some alternative starts otherwise."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - the pattern compiled already
        return ()
    prefixes, _complete = _sequence_prefixes(list(parsed))
    firsts = {prefix.split()[0] if prefix[:1].strip() else "" for prefix in prefixes}
    if not firsts or "" in firsts:
        return ()
    kept: list[str] = []
    for first in sorted(firsts, key=len):
        if not any(first.startswith(shorter) for shorter in kept):
            kept.append(first)
    return tuple(sorted(kept))


_ESCAPE = re.compile(r"\\.")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
_NAMED_GROUP = re.compile(r"\(\?P(?=[<=])")


def _foldable(source: str) -> bool:
    """True when a pattern source has no upper-case letter outside escapes (such as `\\W`)
    and no inline flags, so that matching it case-sensitively on lower-cased ASCII text is
    matching it case-free."""
    bare = _NAMED_GROUP.sub("(?", _ESCAPE.sub("", source))
    return not any("A" <= char <= "Z" for char in bare) and not _INLINE_FLAGS.search(bare)


class FastPattern:
    """A lower-case pattern plus the literal texts every match starts with.

    Python's regex engine tries a large alternation of words at every position of the text.
    When each alternative starts with known literal text, `scan` finds those literals with
    `str.find` (fast, in C) and tries the pattern only there; otherwise it falls back to
    `finditer`. Either way the matches are the same.
    """

    __slots__ = (
        "_may_start",
        "_word_answers",
        "anchors",
        "key_set",
        "keys",
        "leads",
        "pattern",
        "prefixes",
        "searched",
        "stems",
    )

    def __init__(
        self,
        pattern: re.Pattern[str],
        indexed: re.Pattern[str] | None = None,
        anchors: tuple[tuple[FastPattern, int], ...] = (),
    ) -> None:
        self.pattern = pattern
        self.anchors = anchors
        """(anchor pattern, tokens) for the alternatives left out of `indexed`: see `Anchored`."""
        if indexed is None:
            indexed = pattern
        self.prefixes = _literal_prefixes(indexed)
        """The literals, shortest first with longer ones they cover removed; () = fall back."""
        keys = {_index_key(prefix) for prefix in self.prefixes}
        self.keys = tuple(sorted(key for key in keys if key is not None))
        """`Document.word_starts` keys of the words a match may start with."""
        self.key_set = frozenset(self.keys)
        self.stems = tuple(p for p in self.prefixes if _is_word(p[0]) and _index_key(p) is None)
        """Word prefixes shorter than a key: every key starting with them is looked up."""
        self.searched = tuple(p for p in self.prefixes if not _is_word(p[0]))
        """Prefixes that do not start with a word character, found with `str.find`."""
        self.leads = _keyed_leads(indexed, self.keys, self.stems)
        """Key -> what must follow it in every match ("the" -> `\\s+root`, `\\s+single`), as
        token tuples for the word index; None when some alternative cannot say."""
        exact, opens = _word_heads(self.prefixes)
        self._may_start = _word_test(exact, opens)
        """Whether a match may start at a whole word: the word is one a prefix ends with
        ("was" for "was\\s+"), or starts with a prefix made of word characters ("forgot"
        for "forgotten")."""
        self._word_answers: dict[str, bool] = {}
        """`_may_start` answers by word, kept across documents (words recur)."""
        _INDEX.add(self.keys, self.stems, self.leads)

    def may_start(self, word: str) -> bool:
        """True unless no match of the pattern can start at the whole (lower-case) word
        `word`; the pattern itself decides the words this lets through."""
        known = self._word_answers.get(word)
        if known is None:
            if len(self._word_answers) >= _MAX_WORD_ANSWERS:
                self._word_answers.clear()
            known = self._word_answers[word] = self._may_start(word)
        return known


_MAX_WORD_ANSWERS = 20_000


def _word_heads(prefixes: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word beginnings) that the prefixes starting with a word begin with.

    A prefix with a non-word character after its word ("was " or "mis-") can start only at
    that whole word; a prefix of word characters alone ("forgot") at any word starting so.
    """
    exact: set[str] = set()
    opens: set[str] = set()
    for prefix in prefixes:
        if not _is_word(prefix[0]):
            continue
        end = 1
        while end < len(prefix) and _is_word(prefix[end]):
            end += 1
        (exact if end < len(prefix) else opens).add(prefix[:end])
    return frozenset(exact), tuple(sorted(opens))


def _word_test(exact: frozenset[str], opens: tuple[str, ...]) -> Callable[[str], bool]:
    if not opens:
        return exact.__contains__

    def test(word: str) -> bool:
        return word in exact or word.startswith(opens)

    return test


class _WordIndex:
    """The words any `FastPattern` may start with, as one pattern for `Document.word_starts`.

    Indexing only these words (a fraction of the text) gives every pattern the same
    candidate positions as indexing all words, for much less work per document.
    """

    __slots__ = ("_pattern", "_word_pattern", "keys", "stems", "tails")

    def __init__(self) -> None:
        self.keys: set[str] = set()
        """Keys indexed at every word with that key."""
        self.stems: set[str] = set()
        self.tails: dict[str, set[tuple[str, ...]]] = {}
        """Keys indexed only where one of these token tails follows (and not in `keys`)."""
        self._pattern: re.Pattern[str] | None = None
        self._word_pattern: re.Pattern[str] | None = None

    def add(
        self,
        keys: tuple[str, ...],
        stems: tuple[str, ...],
        leads: dict[str, frozenset[tuple[str, ...]]] | None = None,
    ) -> None:
        """Index these keys and stems too (from now on); with `leads`, a key only where one
        of its tails follows, unless another pattern needs the key everywhere."""
        plain = keys if leads is None else tuple(key for key in keys if key not in leads)
        changed = not (self.keys.issuperset(plain) and self.stems.issuperset(stems))
        self.keys.update(plain)
        self.stems.update(stems)
        for key, tails in (leads or {}).items():
            known = self.tails.setdefault(key, set())
            changed = changed or not known.issuperset(tails)
            known.update(tails)
        if changed:
            self._pattern = None
            self._word_pattern = None

    def pattern(self) -> re.Pattern[str]:
        """Matches the key in group 1 (as `_document._WORD_START` does) at each indexed word
        start; `Document.word_starts` puts a space in front of the text for a word at 0."""
        if self._pattern is None:
            self._pattern = re.compile(rf"{self._start()}(\w{{1,{_KEY_LENGTH}}})")
        return self._pattern

    def word_pattern(self) -> re.Pattern[str]:
        """`pattern` with the whole word in group 1 (same positions), for `Document.words`."""
        if self._word_pattern is None:
            self._word_pattern = re.compile(rf"{self._start()}(\w+)")
        return self._word_pattern

    def _start(self) -> str:
        """The pattern source up to the word: the character before it and a lookahead."""
        # A trie of alternatives, so that each word start costs a few character tests;
        # a lookahead picks the words, then the key is read like any word's. A key
        # shorter than three characters is the whole word (nothing word-like follows);
        # a stem starts words of any length.
        ends: dict[tuple[str, ...], str] = {}
        for key, tails in self.tails.items():
            if key not in self.keys:
                ends.update(dict.fromkeys([tuple(key) + tail for tail in tails], ""))
        for key in self.keys:
            ends[tuple(key)] = "" if len(key) >= _KEY_LENGTH else r"(?!\w)"
        ends.update(dict.fromkeys(map(tuple, self.stems), ""))
        # The pattern starts at the non-word character before the word, so the regex
        # engine skips from one such character to the next without trying the letters
        # in between. One character class of the words' first letters turns away most
        # of those places (spaces before digits, punctuation, blanked runs) in one test,
        # before the trie's alternatives are tried one by one.
        if not ends:
            return r"\W(?!)"
        firsts = "".join(re.escape(first) for first in sorted({word[0] for word in ends}))
        return rf"\W(?=[{firsts}])(?={_trie(ends)})"


def _trie(ends: dict[tuple[str, ...], str]) -> str:
    """A regex matching each token sequence of `ends` followed by its end condition, as a
    trie. A token is one literal character or a whitespace fragment such as `\\s+`."""
    parts = [ends[()]] if () in ends else []
    for head in sorted({word[0] for word in ends if word}):
        rest = {word[1:]: end for word, end in ends.items() if word[:1] == (head,)}
        parts.append((re.escape(head) if len(head) == 1 else head) + _trie(rest))
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" if parts else ""


_INDEX = _WordIndex()


class Anchored(NamedTuple):
    """Alternatives of a `fast` pattern that open with a common word but always hold a rarer
    one (the anchor) later: "was ... told not to" opens with "was", ends with "not to".

    Indexed by their opening word, such alternatives would have every "was" of a document
    tried (and, through the shared word index, tried by other patterns too). Instead `scan`
    finds the anchor and tries the pattern at each word start up to `tokens` whitespace-
    separated tokens before it: the furthest an alternative's opening word may stand.
    """

    alternatives: tuple[str, ...]
    """Each exactly as written in the pattern source, where it stands between `|`s."""
    anchor: str
    """A `fast` pattern source for the rarer words: every match of an alternative holds a
    match of it, at a word start."""
    tokens: int


def fast(source: str, flags: int = 0, *, anchored: tuple[Anchored, ...] = ()) -> FastPattern:
    """Compile a lower-case pattern for `scan`, without its leading word boundaries.

    `scan` runs patterns over the lower-cased prose and checks the leading word boundary
    itself, so that the literal start of each alternative can be searched for directly.
    The `anchored` alternatives stay in the pattern but are found through their anchors.
    """
    stripped = _without_boundaries(source)
    indexed = stripped
    for part in anchored:
        for alternative in map(_without_boundaries, part.alternatives):
            if indexed.count("|" + alternative) != 1:
                raise ValueError(f"{alternative[:40]!r}... is not one alternative of the pattern")
            indexed = indexed.replace("|" + alternative, "", 1)
    if not anchored:
        return FastPattern(re.compile(stripped, flags))
    anchors = tuple((fast(part.anchor), part.tokens) for part in anchored)
    return FastPattern(re.compile(stripped, flags), re.compile(indexed, flags), anchors)


def _without_boundaries(source: str) -> str:
    return source.removeprefix(r"\b").replace(r"|\b", "|")


def _word_starts_before(text: str, at: int, tokens: int) -> list[int]:
    """Every word start in the `tokens` whitespace-separated tokens that end before `at`."""
    found: list[int] = []
    end = at
    for _ in range(tokens):
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if start == end:
            break
        for position in range(start, end):
            if _is_word(text[position]) and (position == 0 or not _is_word(text[position - 1])):
                found.append(position)
        end = start
    return found


def scan(doc: Document, fast_pattern: FastPattern) -> Iterator[re.Match[str]]:
    """Matches of a `fast` pattern in the lower-cased prose that start at a word boundary."""
    text = doc.lower
    pattern = fast_pattern.pattern
    if not fast_pattern.prefixes:
        yield from [m for m in pattern.finditer(text) if _at_boundary(text, m.start())]
        return
    starts: list[int] = []
    index, by_key = doc.words(_INDEX.word_pattern())
    keys = fast_pattern.keys
    if len(by_key) < len(keys):  # the index holds few words: look at those
        wanted = fast_pattern.key_set
        found_keys = [key for key in by_key if key in wanted]
    else:
        found_keys = [key for key in keys if key in by_key]
    may_start = fast_pattern.may_start
    answers = fast_pattern._word_answers
    for key in found_keys:
        for word in by_key[key]:
            known = answers.get(word)
            if known if known is not None else may_start(word):
                starts.extend(index[word])
    for stem in fast_pattern.stems:
        for key, words in by_key.items():
            if key.startswith(stem):
                starts.extend(chain.from_iterable([index[w] for w in words if may_start(w)]))
    for prefix in fast_pattern.searched:
        found = text.find(prefix)
        while found != -1:
            if _at_boundary(text, found):
                starts.append(found)
            found = text.find(prefix, found + 1)
    if fast_pattern.anchors:
        before = [
            _word_starts_before(text, anchor.start(), tokens)
            for anchor_pattern, tokens in fast_pattern.anchors
            for anchor in scan(doc, anchor_pattern)
        ]
        if before:
            starts = list(set(starts).union(*before))
    if not starts:
        return
    starts.sort()
    last_end = -1
    match = pattern.match
    for start in starts:
        if start < last_end:
            continue
        found_match = match(text, start)
        if found_match is not None:
            last_end = max(found_match.end(), start + 1)
            yield found_match


def _index_key(prefix: str) -> str | None:
    """The `word_starts` key of words starting with `prefix`; None unless it starts a word.

    Keys are a word's first three characters, or the whole word when shorter. "the" and
    "it " (the word "it") have exact keys; a bare "it" (its, item...) has none and is
    looked up as a stem.
    """
    if not _is_word(prefix[0]):
        return None
    word = prefix[:_KEY_LENGTH]
    for position, char in enumerate(word):
        if not _is_word(char):
            return word[:position]
    return word if len(word) == _KEY_LENGTH else None


def _at_boundary(text: str, start: int) -> bool:
    return not (start and _is_word(text[start]) and _is_word(text[start - 1]))


_MAX_PREFIXES = 400
_MIN_PREFIX = 2
_KEY_LENGTH = 3


def _settled(prefix: str) -> bool:
    """True when a prefix is specific enough to stop extending it."""
    return len(prefix) >= _KEY_LENGTH or (
        len(prefix) >= _MIN_PREFIX and not (_is_word(prefix[0]) and _is_word(prefix[-1]))
    )


def _literal_prefixes(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The literal starts of every alternative of `pattern`, or () when some has none."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - the pattern compiled already
        return ()
    prefixes, _complete = _sequence_prefixes(list(parsed))
    if not prefixes or min(len(p) for p in prefixes) < _MIN_PREFIX:
        return ()
    kept: list[str] = []
    for prefix in sorted(prefixes, key=lambda text: (len(text), text)):
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return tuple(kept)


def _sequence_prefixes(ops: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """(prefixes, complete): complete when the whole sequence is literal text."""
    result = {""}
    for op, argument in ops:
        if op is not _constants.LITERAL and all(map(_settled, result)):
            return result, False  # long enough: stop before whitespace and groups fan out
        extension, complete = _op_prefixes(op, argument)
        if extension is None:
            return result, False
        combined = {head + tail for head in result for tail in extension}
        if len(combined) > _MAX_PREFIXES:
            return result, False
        result = combined
        if not complete:
            return result, False
    return result, True


def _op_prefixes(op: object, argument: object) -> tuple[set[str] | None, bool]:
    """What one regex node contributes to the literal prefix; None stops the prefix."""
    if op is _constants.LITERAL and isinstance(argument, int):
        return {chr(argument)}, True
    if op is _constants.AT and argument is _constants.AT_BOUNDARY:
        return {""}, True
    if op is _constants.SUBPATTERN and isinstance(argument, tuple):
        return _sequence_prefixes(list(argument[-1]))
    if op is _constants.BRANCH and isinstance(argument, tuple):
        union: set[str] = set()
        every = True
        for branch in argument[1]:
            prefixes, complete = _sequence_prefixes(list(branch))
            union |= prefixes
            every = every and complete
        return union, every
    if op is _constants.IN and isinstance(argument, list):
        if argument == [(_constants.CATEGORY, _constants.CATEGORY_SPACE)]:
            return set(_SPACES), True
        if len(argument) <= 3 and all(kind is _constants.LITERAL for kind, _value in argument):
            return {chr(value) for _kind, value in argument}, True
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and isinstance(argument, tuple):
        low, high, item = argument
        if low == 0 and high == 1:  # an optional part ("an?"): with it and without it
            prefixes, complete = _sequence_prefixes(list(item))
            return prefixes | {""}, complete
        if low >= 1 and len(item) == 1:
            prefixes, _complete = _sequence_prefixes(list(item))
            if "" not in prefixes:
                return prefixes, False
    return None, False


_Lead = tuple[str, ...]
"""Tokens a match starts with: single literal characters and whitespace fragments."""
_SPACE_RUN = {1: r"\s+", 0: r"\s*"}
_LEAD_AFTER_SPACE = 5
"""A lead stops growing once it holds this many literal characters after a whitespace run."""
_LEAD_WORD = 14
"""...or this many literal characters without one.

Longer leads make a deeper trie in the word index (compiled once per process: about 40 ms)
but fewer places where a pattern is tried: "caused" is indexed only before "by" for
`caused\\s+by`, not at every "caused" another pattern needs. Measured over 300 postmortems
(cachegrind): 6 and 3 gave 3,302 M instructions, 9 and 3 3,163 M, 14 and 5 3,139 M; longer
leads (14 and 8) cost more again (3,216 M: the trie grows faster than the tries fall)."""
_MAX_LEADS = 2000
"""A sequence whose leads would fan out to more than this stops growing them."""


def _keyed_leads(
    pattern: re.Pattern[str], keys: tuple[str, ...], stems: tuple[str, ...] = ()
) -> dict[str, frozenset[_Lead]] | None:
    """Key -> the token tails that follow it in the leads of `pattern` (see `_leads`).

    None when some lead cannot be told apart by its key (an open word shorter than a key,
    unless it starts with one of `stems`, which the index holds at every word they begin),
    when the leads do not give exactly `keys`, or when the pattern ignores case.
    """
    if pattern.flags & re.IGNORECASE or not keys:
        return None
    leads = _leads(pattern)
    if leads is None:
        return None
    result: dict[str, set[_Lead]] = {}
    for lead in leads:
        if not lead or len(lead[0]) != 1 or not _is_word(lead[0]):
            continue  # found with str.find (`searched`), not through the index
        if stems and "".join(lead[:_KEY_LENGTH]).startswith(stems):
            continue  # "he", "her" in "he|she|her": a stem, found at every word it begins
        key = _lead_key(lead)
        if key is None:
            return None
        result.setdefault(key, set()).add(lead[len(key) :])
    if set(result) != set(keys):
        return None
    return {key: frozenset(tails) for key, tails in result.items()}


def _lead_key(lead: _Lead) -> str | None:
    """The `word_starts` key of the word a lead starts with, or None if it is not sure."""
    word = ""
    for token in lead:
        if len(token) != 1:
            return word if token in (r"\s", r"\s+") or len(word) >= _KEY_LENGTH else None
        if not _is_word(token):
            return word
        word += token
        if len(word) == _KEY_LENGTH:
            return word
    return None


def _leads(pattern: re.Pattern[str]) -> frozenset[_Lead] | None:
    """Token sequences one of which starts every match (None if the pattern does not parse).

    Unlike `_literal_prefixes` these go on through whitespace runs (`\\s+` is one token), so
    that "the" in `the\\s+root\\s+cause` is looked for only where "root" follows.
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - the pattern compiled already
        return None
    return frozenset(lead for lead, _open in _sequence_leads(list(parsed), {()}))


def _lead_settled(lead: _Lead) -> bool:
    literal = 0
    for token in reversed(lead):
        if len(token) != 1:
            return literal >= _LEAD_AFTER_SPACE
        literal += 1
    return literal >= _LEAD_WORD


def _sequence_leads(
    ops: list[tuple[object, object]], starts: set[_Lead]
) -> set[tuple[_Lead, bool]]:
    """Extend `starts` by a sequence of regex nodes: (lead, still open) pairs."""
    current = {(lead, True) for lead in starts}
    for op, argument in ops:
        growing = {lead for lead, is_open in current if is_open and not _lead_settled(lead)}
        if not growing:
            break
        done = {(lead, False) for lead, is_open in current if not is_open or lead not in growing}
        extended = _op_leads(op, argument, growing)
        if extended is None or len(extended) > _MAX_LEADS:
            return done | {(lead, False) for lead in growing}
        current = done | extended
    return current


def _op_leads(op: object, argument: object, leads: set[_Lead]) -> set[tuple[_Lead, bool]] | None:
    """`leads` extended by one regex node; None when the node cannot extend them."""
    if op is _constants.LITERAL and isinstance(argument, int):
        return {((*lead, chr(argument)), True) for lead in leads}
    if op is _constants.AT and argument is _constants.AT_BOUNDARY:
        return {(lead, True) for lead in leads}
    if op is _constants.SUBPATTERN and isinstance(argument, tuple):
        return _sequence_leads(list(argument[-1]), leads)
    if op is _constants.BRANCH and isinstance(argument, tuple):
        union: set[tuple[_Lead, bool]] = set()
        for branch in argument[1]:
            union |= _sequence_leads(list(branch), leads)
        return union
    if op is _constants.IN and isinstance(argument, list):
        if argument == [(_constants.CATEGORY, _constants.CATEGORY_SPACE)]:
            return {((*lead, r"\s"), True) for lead in leads}
        if len(argument) <= 3 and all(kind is _constants.LITERAL for kind, _value in argument):
            return {((*lead, chr(value)), True) for lead in leads for _kind, value in argument}
        return None
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and isinstance(argument, tuple):
        low, high, item = argument
        if list(item) == [(_constants.IN, [(_constants.CATEGORY, _constants.CATEGORY_SPACE)])]:
            if high == _constants.MAXREPEAT and low in _SPACE_RUN:
                return {((*lead, _SPACE_RUN[low]), True) for lead in leads}
            return None
        if low == 0 and high == 1:
            return {(lead, True) for lead in leads} | _sequence_leads(list(item), leads)
        if low >= 1:
            return {(lead, False) for lead, _open in _sequence_leads(list(item), leads)}
    return None


_SPACES = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
"""Every character `\\s` matches in a str pattern (Unicode whitespace)."""


def words(pattern: str) -> str:
    """Turn 'a b|c d' into a regex alternation where spaces match any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, part.split())) for part in pattern.split("|"))


_NEGATION = Folded(
    re.compile(
        r"\b(?:not|never|no|nobody|isn['’]t|wasn['’]t|aren['’]t|weren['’]t|don['’]t|"
        r"doesn['’]t|didn['’]t|rather\s+than|instead\s+of|beyond|avoid\w*|without|neither|nor|"
        r"blaming)\b",
        re.IGNORECASE,
    )
)
"""Words that negate what follows them in a clause (`negated`)."""
