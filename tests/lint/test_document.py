"""The tolerant document view: prose blanking, sections, action rows and Why chains."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import accumulate

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import blamefree.lint._document as _document
from blamefree.lint._document import (
    _ASCII_LOWER,
    _HEADING,
    _NAME_EMAIL,
    _QUOTED,
    ActionRow,
    Cell,
    FactorView,
    Section,
    WhyView,
    _blank_quotations,
    _front_people,
    _heading,
    _line_starts,
    _lower,
    _simple_yaml,
    _spaces,
    _split_cells,
    parse_document,
)
from tests.lint._helpers import postmortem


def test_prose_keeps_length_and_line_breaks() -> None:
    text = 'Intro `code` <!-- c -->\n```\nDave forgot\n```\nSee [x](http://a.b) "quoted"\n'
    doc = parse_document(text)
    assert len(doc.prose) == len(text)
    assert doc.prose.count("\n") == text.count("\n")
    assert doc.prose.split("\n") == [
        "Intro                  ",
        "   ",
        "           ",
        "   ",
        "See [x                      ",
        "",
    ]


def test_quotations_are_blanked_for_language_but_kept_as_content() -> None:
    text = "Sam wrote \u201cI forgot\u201d and 'we missed it'.\n> Dave forgot the flag.\n"
    doc = parse_document(text)
    assert doc.prose.split("\n")[0].split() == ["Sam", "wrote", "and", "."]
    assert doc.prose.split("\n")[1].strip() == ""
    assert doc.content == text


def test_apostrophes_are_not_quotes() -> None:
    doc = parse_document("Dave's change and the users' data were fine.")
    assert doc.prose == "Dave's change and the users' data were fine."


def test_front_matter_is_read_and_blanked() -> None:
    doc = parse_document(postmortem())
    assert doc.front_matter["severity"] == "SEV1"
    assert doc.front_matter_end == 16
    assert doc.prose.split("\n")[1].strip() == ""
    assert {"priya raman", "priya", "raman", "tom ng", "tom", "ana silva"} <= doc.people
    assert doc.not_people == frozenset({"checkout", "atlas"})


def test_front_matter_errors_name_the_line() -> None:
    error = parse_document("---\nseverity: [SEV1\n---\n").front_matter_error
    assert error is not None
    assert error[0] == 3
    assert error[1].startswith("front matter is not valid YAML (")
    assert parse_document("---\nseverity: SEV1\n").front_matter_error == (
        1,
        "front matter starts with '---' but is never closed",
    )
    assert parse_document("---\n- a\n---\n").front_matter_error == (
        1,
        "front matter is not a mapping of keys to values",
    )


def test_sections_have_lines_and_ends() -> None:
    doc = parse_document("# Title\n## Summary\nText.\n\n## Impact\n\n## Timeline\n- x\n")
    assert [(s.title, s.line, s.end) for s in doc.sections] == [
        ("Summary", 2, 3),
        ("Impact", 5, 5),
        ("Timeline", 7, 8),
    ]
    assert doc.section_at(3) == "summary"
    assert doc.section_at(1) is None
    assert not doc.is_fragment
    assert parse_document("Just a sentence.").is_fragment


def test_sections_after_front_matter_and_around_fences_and_a_top_heading() -> None:
    text = "---\nid: A\n---\n## One\ntext\n  ```\n## not a heading\n```\n# Top\nx\n## Two\ny"
    doc = parse_document(text)
    assert [(s.title, s.line, s.end) for s in doc.sections] == [("One", 4, 8), ("Two", 11, 12)]
    assert [doc.section_at(n) for n in range(1, 13)] == [
        *[None] * 3,
        *["one"] * 5,
        None,
        None,
        "two",
        "two",
    ]
    assert doc.prose.split("\n")[:3] == ["   ", "     ", "   "]
    assert doc.prose.split("\n")[5:8] == [" " * 5, " " * 16, "   "]


def test_headings_inside_code_fences_are_not_sections() -> None:
    doc = parse_document("## Summary\n```\n## Impact\n```\n")
    assert [s.title for s in doc.sections] == ["Summary"]


def test_action_rows_by_header_with_columns() -> None:
    text = postmortem()
    doc = parse_document(text)
    first = doc.action_rows[0]
    assert len(doc.action_rows) == 3
    assert first.line == text.split("\n").index("| --- | --- | --- | --- | --- | --- |") + 2
    assert first.description == Cell("Add backoff to the shared HTTP client", 3)
    assert first.get("owner") == Cell("Priya Raman", 53)
    assert first.get("missing") is None


def test_action_items_as_a_list() -> None:
    doc = parse_document("## Action items\n- Add an alert\n* Guard the migration\n")
    assert [(r.line, r.description) for r in doc.action_rows] == [
        (2, Cell("Add an alert", 3)),
        (3, Cell("Guard the migration", 3)),
    ]


def test_factors_with_why_chains_and_categories() -> None:
    text = (
        "## Contributing factors\n### Retry storm\ncategory: design\n"
        "1. Why did it saturate?\n   Clients retried.\n   Without backoff.\n2) Why?\n"
    )
    [factor] = parse_document(text).factors
    assert (factor.title, factor.line, factor.category) == ("Retry storm", 2, "design")
    assert [(w.question, w.line, w.answer, w.answer_line) for w in factor.whys] == [
        ("Why did it saturate?", 4, "Clients retried. Without backoff.", 5),
        ("Why?", 7, "", None),
    ]


def test_crlf_is_normalised_and_positions_map_back() -> None:
    doc = parse_document("a\r\nbc\r\nd")
    assert doc.lines == ["a", "bc", "d"]
    assert doc.position(2) == (2, 1)
    assert doc.span(2, 99) == (2, 1, 2)


SIMPLE_FRONT = [
    "id: INC-7",
    "severity: SEV1",
    "near_miss: yes",
    "count: 3",
    "times:",
    "  started: 2026-01-05T09:00:00Z",
    "services: [checkout, search]",
    "",
    "roles:",
    "  owner: Ana Example <ana@example.com>",
    "participants:",
    "  - Wei Example",
    "  - O'Brien",
    "repeat_of:",
]


def _typed(value: object) -> object:
    """A value with the type of every part spelled out (1, 1.0 and True compare equal)."""
    if isinstance(value, dict):
        return [(_typed(k), _typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, repr(value))


def test_simple_front_matter_is_read_without_the_yaml_loader() -> None:
    assert _simple_yaml(SIMPLE_FRONT) == {
        "id": "INC-7",
        "severity": "SEV1",
        "near_miss": True,
        "count": 3,
        "times": {"started": datetime(2026, 1, 5, 9, 0, tzinfo=UTC)},
        "services": ["checkout", "search"],
        "roles": {"owner": "Ana Example <ana@example.com>"},
        "participants": ["Wei Example", "O'Brien"],
        "repeat_of": None,
    }
    assert _typed(_simple_yaml(SIMPLE_FRONT)) == _typed(yaml.safe_load("\n".join(SIMPLE_FRONT)))


@pytest.mark.parametrize(
    "lines",
    [
        ["title: 'quoted'"],
        ["title: a # comment"],
        ["title: a: b"],
        ["title: first line", "  second line"],
        ["roles:", "  owner:", "    name: Ana"],
        ["roles:", "  owner: Ana", "   lead: Wei"],
        ["participants:", "- Ana"],
        ["participants:", "  - name: Ana"],
        ["services: [a, [b]]"],
        ["services: [a:b]"],
        ["key:  two spaces"],
        ["key: trailing "],
        ["anchor: &a x"],
        ["\tkey: tab"],
        ["just text"],
        ["title: a\u00a0b"],
    ],
)
def test_anything_else_goes_to_the_yaml_loader(lines: list[str]) -> None:
    assert _simple_yaml(lines) is None


_KEYS = st.sampled_from(["id", "yes", "on", "null", "x-y", "_z", "k"])
_VALUES = st.sampled_from(
    [
        "SEV1", "yes", "Off", "~", "null", "1", "-1", "0x1f", "1_000", "1:20", "190:20:30",
        "1.5", "1e3", ".inf", "2026-01-05", "2026-01-05 10:00", "2026-01-05T09:00:00+02:00",
        "a b", "a  b", "O'Brien", "x #c", "x:y", "[a, b]", "[a,b]", "[]", "[1, yes, ~]",
        "'q'", "Ana <a@b.c>", "True", "=", "<<", "a,b", "a]", "- x", "x?", "012", "+1", "é",
    ]
)  # fmt: skip
_LINES = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", _KEYS, _VALUES),
    st.builds(lambda k, v: f"  {k}: {v}", _KEYS, _VALUES),
    st.builds(lambda v: f"  - {v}", _VALUES),
    st.builds(lambda k: f"{k}:", _KEYS),
    st.sampled_from(["", "  ", "    deeper: 1", "- top"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=8))
def test_simple_front_matter_equals_what_the_yaml_loader_reads(lines: list[str]) -> None:
    simple = _simple_yaml(lines)
    if simple is not None:
        assert _typed(simple) == _typed(yaml.safe_load("\n".join(lines)) or {})


def test_cells_split_on_unescaped_bars_with_their_columns() -> None:
    assert _split_cells("| Add \\| pipe |  x  |") == [Cell("Add \\| pipe", 3), Cell("x", 18)]
    assert _split_cells("  | a |\u00a0b\u00a0|   ") == [Cell("a", 5), Cell("b", 9)]
    assert _split_cells("a | b") == [Cell("b", 5)]
    assert _split_cells("|") == [Cell("", 2)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## Summary", (2, "Summary")),
        ("### Factor 1 ##  ", (3, "Factor 1")),
        ("#\u00a0Top", (1, "Top")),
        ("##   ", (2, "")),
        ("## C#", (2, "C")),
        ("####### seven", None),
        ("#nospace", None),
        ("#", None),
    ],
)
def test_heading_lines(line: str, expected: tuple[int, str] | None) -> None:
    assert _heading(line) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="#  \t\u00a0\x1fab", max_size=14))
def test_heading_reads_a_line_as_the_heading_pattern_does(line: str) -> None:
    match = _HEADING.match(line)
    expected = None if match is None else (len(match.group(1)), match.group(2).strip())
    assert _heading(line) == expected


_QUOTE_PARTS = st.sampled_from(
    ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "it's", "O'Brien", "Tom", " ", "\n",
     "a", "'90s", "ok'", "(", "-", "don't", "\"fixed\""]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_QUOTE_PARTS, max_size=25))
def test_quotations_are_blanked_as_the_quotation_pattern_blanks_them(parts: list[str]) -> None:
    text = "".join(parts)
    assert _blank_quotations(text) == _QUOTED.sub(_spaces, text)


def test_quotations_are_blanked_only_where_a_quotation_mark_starts_one() -> None:
    text = "He said \"roll back\" and it's \u2018done\u2019 now; O'Brien's 'quick fix' held."
    assert _blank_quotations(text) == (
        "He said             and it's        now; O'Brien's             held."
    )
    assert _blank_quotations("no marks here") == "no marks here"


def test_records_compare_hash_and_show_by_their_field_values() -> None:
    why = WhyView("Why?", 4, "Because.", 5)
    records = [
        Cell("Add an alert", 3),
        Section("Summary", 2, 4),
        why,
        FactorView("Retries", 3, "process", (why,)),
    ]
    for record in records:
        twin = type(record)(*record._values())
        assert twin == record
        assert hash(twin) == hash(record)
        assert (twin != record) is False
    assert Cell("a", 1) != Cell("a", 2)
    assert Cell("a", 1) != ("a", 1)
    assert Section("a", 1, 1) != Cell("a", 1)
    assert repr(Cell("a", 1)) == "Cell(text='a', column=1)"
    assert repr(why) == "WhyView(question='Why?', line=4, answer='Because.', answer_line=5)"
    row = ActionRow(7, {"owner": Cell("Ana", 9)})
    assert row == ActionRow(7, {"owner": Cell("Ana", 9)})
    assert repr(row) == "ActionRow(line=7, cells={'owner': Cell(text='Ana', column=9)})"
    assert (row.line, row.get("owner"), row.description) == (7, Cell("Ana", 9), None)
    assert (Section("Impact", 3, 6).key, Section("Impact", 3, 6).body_lines) == (
        "impact",
        range(4, 7),
    )


def _str_lower(prose: str) -> str:
    """`prose.lower()` as `blamefree.lint._document` runs it. Compiled, mypyc lowers each
    character on its own: a capital sigma is always 'σ', never the final 'ς' Python picks
    at the end of a word."""
    if _document.__file__ is not None and _document.__file__.endswith(".py"):
        return prose.lower()
    return "".join([char.lower() for char in prose])


def _lower_by_str(prose: str) -> str:
    """What `Document.lower` is: `str.lower` when it keeps the length, else ASCII lowering."""
    lower = _str_lower(prose)
    return lower if len(lower) == len(prose) else prose.translate(_ASCII_LOWER)


_CASES = "aZq ’—\nÀàÉΣσςİIıßẞДдǅΩ\u0345\ud800😀"
"""ASCII, punctuation that does not change, capitals that do (a sigma, whose lower-case
depends on its neighbours, and İ, lowered to two characters), letters with no lower-case
change, a lone surrogate and an emoji."""


@pytest.mark.parametrize(
    ("prose", "lower"),
    [
        ("Dave’s deploy — at 14:00", "dave’s deploy — at 14:00"),
        ("Ana’s ÉTÉ", "ana’s été"),
        ("ΣΟΦΙΑ ’Σ ok", "σοφια ’σ ok"),
        ("İstanbul’s DC", "İstanbul’s dc"),
        ("BUG \ud800 Fix", "bug \ud800 fix"),
    ],
)
def test_lower_lowers_every_letter_unless_the_length_would_change(prose: str, lower: str) -> None:
    assert _lower(prose) == lower
    assert _lower_by_str(prose) == lower


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_CASES, max_size=30))
def test_lower_is_str_lower_with_offsets_kept(prose: str) -> None:
    assert _lower(prose) == _lower_by_str(prose)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_lower_is_str_lower_with_offsets_kept_on_any_text(prose: str) -> None:
    assert _lower(prose) == _lower_by_str(prose)
    assert parse_document(prose).lower == _lower_by_str(parse_document(prose).prose)


@given(st.lists(st.text(alphabet="ab’ ", max_size=5), min_size=1, max_size=8))
def test_line_starts_are_where_each_line_begins(lines: list[str]) -> None:
    text = "\n".join(lines)
    starts = _line_starts(lines)
    assert starts == [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    assert [text[start : start + len(line)] for start, line in zip(starts, lines, strict=True)] == (
        lines
    )


def _people_by_regex(names: list[str]) -> list[str]:
    matches = [_NAME_EMAIL.match(name) for name in names]
    return [match.group(1) for match in matches if match and match.group(1)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="Ana Lí<>@x.\t\n\xa0", max_size=12), max_size=4))
def test_front_people_read_names_as_the_name_pattern_does(names: list[str]) -> None:
    front: dict[str, object] = {"participants": names}
    assert _front_people(front) == _people_by_regex(names)


def test_front_people_strip_names_and_addresses() -> None:
    front: dict[str, object] = {
        "roles": {"incident_commander": " Priya Raman ", "scribe": ""},
        "participants": ["Tom Ng <tom@example.com>", {"name": "Ana\u00a0Silva\n"}, "x > y", " "],
    }
    assert _front_people(front) == ["Priya Raman", "Tom Ng", "Ana\u00a0Silva"]
