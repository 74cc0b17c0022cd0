"""Sanitized HTML from postmortem Markdown: hostile input is inert, formatting survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from blamefree.document import markdown_to_html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "<script>alert(1)</script> hi",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; hi</p>\n",
        ),
        (
            '<img src=x onerror="alert(1)">',
            '<p>&lt;img src=x onerror="alert(1)"&gt;</p>\n',
        ),
        (
            '<iframe src="https://evil.example"></iframe>',
            '<p>&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;</p>\n',
        ),
        ("<style>p{display:none}</style>", "<p>&lt;style&gt;p{display:none}&lt;/style&gt;</p>\n"),
        (
            '<a href="https://e.example" onclick="steal()">y</a>',
            '<p>&lt;a href="https://e.example" onclick="steal()"&gt;y&lt;/a&gt;</p>\n',
        ),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n",
        ),
        ("![tracker](https://e.example/pixel.png)", "<p></p>\n"),
    ],
)
def test_hostile_html_is_escaped_or_dropped(text: str, html: str) -> None:
    assert markdown_to_html(text) == html


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "<style>*{}</style>",
        "[x](javascript:alert(1))",
        "<javascript:alert(1)>",
        '[x](https://e.example "t" onmouseover="x")',
        "[x](<javascript:alert(1)>)",
        "[x](java\nscript:alert(1))",
    ],
)
def test_no_live_markup_survives(text: str) -> None:
    for tag, attrs in _tags(markdown_to_html(text)):
        assert tag in {"p", "a"}
        for name, value in attrs:
            assert not name.startswith("on")
            assert not (value or "").lower().startswith(("javascript:", "data:"))


def test_links_get_rel_noopener_noreferrer() -> None:
    assert markdown_to_html('[runbook](https://e.example/rb "Runbook")') == (
        '<p><a href="https://e.example/rb" title="Runbook" rel="noopener noreferrer">'
        "runbook</a></p>\n"
    )
    assert markdown_to_html("[mail](mailto:oncall@e.example)") == (
        '<p><a href="mailto:oncall@e.example" rel="noopener noreferrer">mail</a></p>\n'
    )


def test_tables_survive_with_alignment() -> None:
    assert markdown_to_html("| a | b |\n|:-:|---|\n| 1 | 2 \\| 3 |") == (
        '<table>\n<thead>\n<tr>\n<th style="text-align:center">a</th>\n<th>b</th>\n</tr>\n'
        '</thead>\n<tbody>\n<tr>\n<td style="text-align:center">1</td>\n<td>2 | 3</td>\n'
        "</tr>\n</tbody>\n</table>\n"
    )


def test_code_blocks_survive_and_escape_their_content() -> None:
    assert markdown_to_html("```sql\n<b>SELECT</b> 1;\n## not a heading\n```") == (
        "<pre><code>&lt;b&gt;SELECT&lt;/b&gt; 1;\n## not a heading\n</code></pre>\n"
    )
    assert markdown_to_html("Run `kubectl get pods`.") == (
        "<p>Run <code>kubectl get pods</code>.</p>\n"
    )


def test_inline_formatting_lists_and_quotes() -> None:
    assert markdown_to_html("~~old~~ **b** *i*") == (
        "<p><s>old</s> <strong>b</strong> <em>i</em></p>\n"
    )
    assert markdown_to_html("3. a\n4. b") == '<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>\n'
    assert markdown_to_html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    assert markdown_to_html("> quote") == "<blockquote>\n<p>quote</p>\n</blockquote>\n"


def test_page_level_headings_are_reduced_to_text() -> None:
    # The report page owns h1 and h2; headings inside a section start at h3.
    assert markdown_to_html("# Title\n\n## Sub\n\n### Detail") == "Title\nSub\n<h3>Detail</h3>\n"


def test_escaped_structure_lines_render_as_text() -> None:
    # The canonical renderer writes free-text lines like '## Timeline' as '\\## Timeline'.
    assert markdown_to_html("\\## Timeline") == "<p>## Timeline</p>\n"
    assert markdown_to_html("1\\. not a list") == "<p>1. not a list</p>\n"
    assert markdown_to_html("\\<!-- shown -->") == "<p>&lt;!-- shown --&gt;</p>\n"
