"""Postmortem documents: the Markdown exchange format and the sanitized HTML report."""

from blamefree.document.html import markdown_to_html
from blamefree.document.markdown import ACTION_COLUMNS, parse_postmortem, render_postmortem

__all__ = ["ACTION_COLUMNS", "markdown_to_html", "parse_postmortem", "render_postmortem"]
