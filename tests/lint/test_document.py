"""The tolerant document view: prose blanking, sections, action rows and Why chains."""

from __future__ import annotations

from blamefree.lint._document import Cell, parse_document
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
