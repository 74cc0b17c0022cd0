"""The scanning helpers: literal prefixes and word-start lookup give finditer's matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.lint._document import parse_document
from blamefree.lint.rules import _text, action_items, blame, root_cause
from blamefree.lint.rules._text import (
    Anchored,
    FastPattern,
    Folded,
    _needles,
    _word_starts_before,
    _WordIndex,
    fast,
    scan,
)

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


LEAD_TEXTS = [
    "The root cause was a single root cause; the single root-cause analysis found one.",
    "a  root\tcause, a\u00a0single root cause, the\nroot cause, theroot cause, athe root cause",
    "Root cause: then the rooted tree, the rootcause and a rootless cause of course.",
    "of course it was obviously a simple fix; of  course not. wasn't it clear?",
]
LEAD_SOURCES = [
    r"\b(?:the|a|one|single)\s+(?:single\s+)?root[\s-]+cause\b(?!\s+analysis)",
    r"\bof\s+course\b|\bit\s+(?:was|is)\s+(?:so\s+)?(?:obvious|clear)\b|\ba\s+simple\s+fix",
    r"\bwas(?:n['’]t)?\s+it\b|\broot\b",
    r"\bit\w*|\bis\s+(?:so\s+)?clear|\bthe\s+root",  # a stem beside words with leads
]


def test_leads_go_on_through_whitespace() -> None:
    pattern = fast(r"\b(?:the|a)\s+(?:single\s+)?root\s+cause")
    behind = frozenset(
        {
            (r"\s+", "r", "o", "o", "t", r"\s+", "c", "a", "u", "s", "e"),
            (r"\s+", "s", "i", "n", "g", "l"),
        }
    )
    assert pattern.leads == {"a": behind, "the": behind}


def test_leads_keep_words_longer_than_the_key() -> None:
    pattern = fast(r"\bforgot\b|\bforce[\s-]?pushed|\bwas\s+to\s+blame")
    assert pattern.leads == {
        "for": frozenset({("g", "o", "t"), ("c", "e"), ("c", "e", "p", "u", "s", "h", "e", "d")}),
        "was": frozenset({(r"\s+", "t", "o", r"\s+", "b", "l", "a", "m", "e")}),
    }


def test_an_open_short_word_is_a_stem_and_the_other_words_keep_their_leads() -> None:
    # "it\w+" may start at any word beginning "it" (the index holds all of them); "is" still
    # needs "was" after it, so the index holds "is" only there.
    pattern = fast(r"\bit\w+|\bis\s+was")
    assert pattern.stems == ("it",)
    assert pattern.leads == {"is": frozenset({(r"\s+", "w", "a", "s")})}
    assert fast(r"\bon\s*top").leads is None  # an open word alone: no key to lead from
    assert fast(r"\bdone", re.IGNORECASE).leads is None


def test_the_word_index_holds_a_lead_key_only_where_its_lead_follows() -> None:
    index = _WordIndex()
    pattern = fast(r"\b(?:the|a)\s+root\s+cause|\bof\s+course")
    assert pattern.leads is not None
    index.add(pattern.keys, pattern.stems, pattern.leads)
    doc = parse_document("the root cause, then the cat, a dog, a root, a root cause, of course")
    assert doc.word_starts(index.pattern()) == {"the": [0], "a": [45], "of": [59]}


def test_a_key_some_pattern_needs_everywhere_is_indexed_everywhere() -> None:
    index = _WordIndex()
    for source in (r"\bthe\s+root", r"\bthe\w*\s+cat"):
        pattern = fast(source)
        index.add(pattern.keys, pattern.stems, pattern.leads)
    doc = parse_document("The root, the cat, then x")
    assert doc.word_starts(index.pattern()) == {"the": [0, 10, 19]}


@pytest.mark.parametrize("text", LEAD_TEXTS)
@pytest.mark.parametrize("source", LEAD_SOURCES)
def test_scan_with_leads_matches_finditer(text: str, source: str) -> None:
    pattern = fast(source)
    assert pattern.leads is not None
    found = [m.span() for m in scan(parse_document(text), pattern)]
    assert found == _reference(pattern, text)


_WORDS = st.sampled_from(
    [
        "the",
        "a",
        "root",
        "cause",
        "single",
        "of",
        "course",
        "it",
        "was",
        "wasn't",
        "rooted",
        "then",
        "athe",
        "clear",
        "obvious",
        "so",
        "is",
        "simple",
        "fix",
        "analysis",
        "-",
    ]
)
_GAPS = st.sampled_from(
    [" ", "  ", "\n", "\t", "\u00a0", ", ", ". ", "-", "`x`", "'", "\u2019", " \u2014", "\u00e9"]
)


def _assert_scan_matches_finditer(parts: list[tuple[str, str]], source: str) -> None:
    """`scan` of the text joined from (word, gap) parts finds what `finditer` finds."""
    text = "".join(word + gap for word, gap in parts)
    pattern = fast(source)
    found = [m.span() for m in scan(parse_document(text), pattern)]
    assert found == _reference(pattern, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=30), st.sampled_from(LEAD_SOURCES))
def test_scan_with_leads_matches_finditer_on_any_text(
    parts: list[tuple[str, str]], source: str
) -> None:
    _assert_scan_matches_finditer(parts, source)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["", " ", "\n\t", "---\nid: INC-1\ntitle: the root cause\n---\n"]),
    st.lists(st.tuples(_WORDS, _GAPS), max_size=30),
    st.sampled_from(LEAD_SOURCES),
)
def test_the_word_index_holds_every_match_of_its_pattern(
    opening: str, parts: list[tuple[str, str]], source: str
) -> None:
    # `word_starts` reads matches from a split of the text (no match object per word), after
    # the blank run that opens it (front matter is blanked); it must hold exactly what
    # walking the matches gives.
    index = _WordIndex()
    pattern = fast(source)
    index.add(pattern.keys, pattern.stems, pattern.leads)
    doc = parse_document(opening + "".join(word + gap for word, gap in parts))
    for indexing in (index.pattern(), index.word_pattern()):
        walked: dict[str, list[int]] = {}
        for match in indexing.finditer(" " + doc.lower):
            walked.setdefault(match.group(1), []).append(match.start(1) - 1)

        assert doc.word_starts(indexing) == walked


def test_word_heads_split_whole_words_from_word_beginnings() -> None:
    pattern = fast(r"\bforgot|\bforget|\bto\s+blame|\bit['’]s\s+on|['’]s\s+fault")
    assert {"it's", "it’s", "to ", "to\n", "forgot", "forget"} <= set(pattern.prefixes)
    words = ["forgot", "forgotten", "forge", "for", "to", "tom", "it", "its", "t"]
    assert [w for w in words if pattern.may_start(w)] == ["forgot", "forgotten", "to", "it"]


def test_document_words_group_whole_words_under_their_keys() -> None:
    index = _WordIndex()
    pattern = fast(r"\bforgot|\bthe\s+root|\bto\s+blame")
    index.add(pattern.keys, pattern.stems, pattern.leads)
    doc = parse_document("Forgotten: the root, forgot to blame, the cat, forge, to go")
    starts, by_key = doc.words(index.word_pattern())
    assert starts == {"forgotten": [0], "the": [11], "forgot": [21], "to": [28]}
    assert by_key == {"for": ["forgotten", "forgot"], "the": ["the"], "to": ["to"]}
    assert doc.word_starts(index.pattern()) == {"for": [0, 21], "the": [11], "to": [28]}


_OPEN_SOURCES = [
    r"\bforgot\b|\bforget(?:s|ting)?\s+to\b|\bmis-?(?:read|typed)\b",
    r"\b(?:was|were)\s+(?:to\s+blame|careless)|\bcaused\s+by\b|\bcaus\w+\s+it",
    r"\bthe\s+root\s+cause|\bit\s+was\s+on\b|\bit\w*\s+fault",
]
_OPEN_WORDS = st.sampled_from(
    [
        "forgot",
        "forgotten",
        "forget",
        "forgets",
        "forge",
        "for",
        "to",
        "mis",
        "misread",
        "mistyped",
        "was",
        "wash",
        "were",
        "blame",
        "careless",
        "caused",
        "cause",
        "causing",
        "by",
        "it",
        "its",
        "item",
        "fault",
        "on",
        "the",
        "root",
        "é",
        "Forgot",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_OPEN_WORDS, _GAPS), max_size=30), st.sampled_from(_OPEN_SOURCES))
def test_scan_by_whole_words_matches_finditer_on_any_text(
    parts: list[tuple[str, str]], source: str
) -> None:
    _assert_scan_matches_finditer(parts, source)


_FOLDED = [
    value
    for module in (_text, action_items, blame, root_cause)
    for value in vars(module).values()
    if isinstance(value, Folded)
]
_CASE_WORDS = st.sampled_from(
    [
        "Human",
        "ERROR",
        "error",
        "Improve",
        "monitoring",
        "be",
        "MORE",
        "Careful",
        "we",
        "Will",
        "timed out",
        "crashed",
        "because",
        "forgot",
        "Kelvin \u212a",
        "\u017fimply",
        "\u0131mprove",
        "caf\u00e9",
        "\u00c9RROR",
        "Let\u2019s",
        "review",
        "PROCESS",
        "no",
        "BY hand",
        "Manually",
        "without Asking",
        "HerSelf",
        "Because",
        "AS AGREED",
        "NOT",
        "Rather than",
        "without Review",
        "Human error",
        "failed to CHECK",
        "timed out",
        "503",
        "Out of memory",
        "went down",
        "not careful",
        "lack of care",
        "No tests",
        "didn't",
    ]
)


def _found(pattern: Folded | re.Pattern[str], text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), m.lastindex or 0) for m in pattern.finditer(text)]


def test_folded_patterns_are_in_use() -> None:
    assert len(_FOLDED) == 13


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CASE_WORDS, _GAPS), max_size=12), st.sampled_from(_FOLDED))
def test_folded_pattern_finds_what_the_case_free_pattern_finds(
    parts: list[tuple[str, str]], pattern: Folded
) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert _found(pattern, text) == _found(pattern.pattern, text)
    for position in (0, len(text) // 2):
        expected = pattern.pattern.search(text, position)
        found = pattern.search(text, position)
        assert (found and found.span()) == (expected and expected.span())
        expected = pattern.pattern.match(text, position)
        found = pattern.match(text, position)
        assert (found and found.span()) == (expected and expected.span())


def test_folded_runs_ascii_text_lower_cased_and_other_text_as_it_is() -> None:
    pattern = Folded(re.compile(r"\bhuman\s+error\b", re.IGNORECASE))
    ascii_match = pattern.search("It was HUMAN Error.")
    assert ascii_match is not None
    assert (ascii_match.span(), ascii_match.group()) == ((7, 18), "human error")
    other = pattern.search("It was HUMAN Error\u2026")
    assert other is not None
    assert other.group() == "HUMAN Error"


@pytest.mark.parametrize(
    "source, flags",
    [
        (r"human\s+error", 0),
        (r"Human\s+error", re.IGNORECASE),
        (r"(?-i:[a-z]+[A-Z])|error", re.IGNORECASE),
        (r"(?i:error)", re.IGNORECASE),
    ],
)
def test_folded_refuses_what_lower_casing_would_change(source: str, flags: int) -> None:
    with pytest.raises(ValueError, match="lower-case letters"):
        Folded(re.compile(source, flags))


def test_folded_accepts_escapes_and_named_groups() -> None:
    pattern = Folded(re.compile(r"(?P<who>\w+)\s+\W?(?P=who)\b\S*", re.IGNORECASE))
    found = pattern.search("Tom TOM.")
    assert found is not None
    assert found.span() == (0, 8)


def test_an_optional_letter_gives_prefixes_with_and_without_it() -> None:
    pattern = fast(r"\b(?:any|an?|every)\s+fool|\bclue(?:less)?\b")
    assert {"a ", "an ", "a\n", "an\t", "any ", "every ", "clue"} <= set(pattern.prefixes)
    assert pattern.keys == ("a", "an", "any", "clu", "eve")
    doc = parse_document("An  idiot? a fool, any fool, anyfool, every\nfool and a clueless one")
    found = [m.span() for m in scan(doc, pattern)]
    assert found == [(11, 17), (19, 27), (38, 48), (55, 63)]
    assert found == _reference(pattern, doc.text)


def test_every_rule_pattern_starts_with_known_literals() -> None:
    """A `fast` pattern without literal starts falls back to a search at every character of
    every document (one such pattern once cost 42% of all lint time): keep them all keyed."""
    from blamefree.lint.rules import (
        _fault,
        action_items,
        blame,
        completeness,
        hindsight,
        root_cause,
        tone,
    )
    from blamefree.lint.rules._text import FastPattern

    modules = (_fault, action_items, blame, completeness, hindsight, root_cause, tone)
    patterns = {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, FastPattern)
    }
    assert len(patterns) > 10
    assert [name for name, pattern in patterns.items() if not pattern.prefixes] == []


_ANCHORED_WORDS = st.sampled_from(
    [
        "was",
        "were",
        "had",
        "been",
        "explicitly",
        "told",
        "warned",
        "not",
        "to",
        "ran",
        "the",
        "migration",
        "x.y",
        "(ran",
        "without",
        "asking",
        "reading",
        "by",
        "accident",
        "turned",
        "off",
        "shipped",
        "deployed",
        "careless",
        "forgot",
        "é",
    ]
)
_ANCHORED_GAPS = st.sampled_from([" ", "  ", "\n", "\u00a0", ", ", ". ", "-", "/"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ANCHORED_WORDS, _ANCHORED_GAPS), max_size=30))
def test_scan_finds_anchored_alternatives_as_finditer_does(parts: list[tuple[str, str]]) -> None:
    # "was ... told not to" and "ran ... without asking" are found from their last words,
    # not from every "was" and "ran": the matches must be the same.
    text = "".join(word + gap for word, gap in parts)
    pattern = blame._BLAME_VERB
    assert pattern.anchors
    assert [m.span() for m in scan(parse_document(text), pattern)] == _reference(pattern, text)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Ana was explicitly told again not to restart it.", [(4, 36)]),
        ("Ana had been explicitly told again not to restart it.", [(4, 41)]),
        ("Ana was told not to.", [(4, 19)]),
        ("Ana (ran the old migration twice without asking).", [(5, 47)]),
        ("Ana turned off the x.y flag by accident.", [(4, 39)]),
        ("Ana shipped it without reading the diff.", [(4, 30)]),
        ("Ana was here. Not to worry.", []),
        ("Ana washed it without asking.", []),
    ],
)
def test_anchored_alternatives_are_found_from_their_last_words(
    text: str, found: list[tuple[int, int]]
) -> None:
    pattern = blame._BLAME_VERB
    assert [m.span() for m in scan(parse_document(text), pattern)] == found
    assert found == _reference(pattern, text)


def test_anchored_alternatives_leave_their_opening_words_out_of_the_index() -> None:
    # Every "was" and "ran" in a document used to be tried (by every pattern that may start
    # there): the shared word index now holds them only where a closed lead follows.
    leads = blame._BLAME_VERB.leads
    assert leads is not None
    assert (r"\s+",) not in leads["was"]
    assert (r"\s+",) not in leads["ran"]
    assert "shi" not in leads  # "shipped" opens an anchored alternative only


def test_anchored_alternative_must_be_written_in_the_pattern() -> None:
    with pytest.raises(ValueError, match="is not one alternative of the pattern"):
        fast(r"\bwas\s+told|\bran", anchored=(Anchored((r"\bwas\s+warned",), "warned", 2),))


def test_word_starts_before_walks_back_whitespace_separated_tokens() -> None:
    text = "a (ran x.y  the-job\nwithout"
    at = text.index("without")
    assert _word_starts_before(text, at, 1) == [12, 16]
    assert _word_starts_before(text, at, 2) == [12, 16, 7, 9]
    assert _word_starts_before(text, at, 9) == [12, 16, 7, 9, 3, 0]


def test_needles_are_the_first_words_every_match_starts_with() -> None:
    pattern = re.compile(r"\b(?:timed?\s*out|5\d\d|human\s+error|humans|lack(?:ed|s)?)\b")
    assert _needles(pattern) == ("5", "human", "lack", "time")
    assert _needles(re.compile(r"\b(?:\w+ly\s+)?forgot")) == ()  # no literal start
    assert _needles(re.compile(r"(?<=a)b|c")) == ()


def test_folded_skips_the_regex_when_no_needle_is_there() -> None:
    pattern = Folded(re.compile(r"\bhuman\s+error\b", re.IGNORECASE))
    assert pattern.needles == ("human",)
    assert pattern.search("Human error, again", 1) is None  # "human" only before 1
    found = pattern.search("x HUMAN\tError")
    assert found is not None and found.span() == (2, 13)
    assert pattern.match("HUMAN error", 0) is not None
    assert pattern.match("the human error", 0) is None
    assert list(pattern.finditer("no such words")) == []
