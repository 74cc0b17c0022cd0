"""Safe HTML from the Markdown people write.

Postmortem text is written by many hands and pasted from chat and logs, so it is treated as
hostile: Markdown is rendered with raw HTML passed through as text, then sanitized with nh3
(an allow-list of tags and attributes; links get rel="noopener noreferrer").
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")
_markdown.enable("strikethrough")

_ALLOWED_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}


def markdown_to_html(text: str) -> str:
    """Render Markdown to sanitized HTML safe to embed in a page."""
    rendered = _markdown.render(text)
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
