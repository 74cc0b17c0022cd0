"""Backslash escapes for free-text lines that look like document structure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.document import _escape
from blamefree.document._escape import (
    ANSWER,
    COMMUNICATION,
    DESCRIPTION,
    PROSE,
    Rule,
    drop_comment_lines,
    escape_text,
    unescape_lines,
)
from tests.document.strategies import adversarial_line

RULE_SETS = [PROSE, COMMUNICATION, DESCRIPTION, ANSWER, (_escape.CATEGORY,)]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("## Impact", "\\## Impact"),
        ("##\tImpact", "\\##\tImpact"),
        ("\\## Impact", "\\\\## Impact"),
        ("##Impact", "##Impact"),
        ("### Factor", "### Factor"),
        ("# Title", "# Title"),
        ("```\ncode\n```", "```\ncode\n```"),
        ("```\nnever closed", "\\```\nnever closed"),
        ("```\n~~~\n## inside", "\\```\n\\~~~\n\\## inside"),
        ("~~~\n```\n~~~\n```", "~~~\n```\n~~~\n\\```"),
        ("<!-- prompt -->", "<!-- prompt -->"),
        ("1. step", "1. step"),
    ],
)
def test_prose_escapes(text: str, escaped: str) -> None:
    assert escape_text(text, PROSE) == escaped
    assert unescape_lines(escaped.split("\n"), PROSE) == text.split("\n")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("### Factor", "\\### Factor"),
        ("1. step", "1\\. step"),
        ("  12) step", "  12\\) step"),
        ("1) ", "1\\) "),
        ("1.5 seconds", "1.5 seconds"),
        ("  <!-- prompt -->  ", "  \\<!-- prompt -->  "),
        ("<!-- a --> b", "<!-- a --> b"),
    ],
)
def test_description_escapes(text: str, escaped: str) -> None:
    assert escape_text(text, DESCRIPTION) == escaped
    assert unescape_lines(escaped.split("\n"), DESCRIPTION) == text.split("\n")


def test_rule_inserts_the_backslash_after_the_head() -> None:
    rule = Rule(r"\d+", r"[.)]\s")
    assert rule.escape("3. x") == "3\\. x"
    assert rule.escape("3\\. x") == "3\\\\. x"
    assert rule.escape("x3. x") is None
    assert rule.unescape("3\\\\. x") == "3\\. x"
    assert rule.unescape("3. x") is None


def test_drop_comment_lines_keeps_comments_inside_code() -> None:
    lines = ["<!-- drop -->", "text", "```", "<!-- keep -->", "```", " <!-- drop --> ", "x"]
    assert drop_comment_lines(lines) == [1, 2, 3, 4, 6]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(st.one_of(adversarial_line(), st.text(max_size=12)), max_size=8).map("\n".join),
    st.sampled_from(RULE_SETS),
)
def test_unescape_inverts_escape(text: str, rules: tuple[Rule, ...]) -> None:
    assert unescape_lines(escape_text(text, rules).split("\n"), rules) == text.split("\n")
