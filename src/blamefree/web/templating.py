"""Jinja2 environment and the filters the templates use."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from blamefree import __version__
from blamefree.document import markdown_to_html
from blamefree.services.postmortems import strip_comments

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _markdown(text: str | None) -> Markup:
    """Sanitized HTML (nh3) from user Markdown; template prompts are dropped."""
    return Markup(markdown_to_html(strip_comments(text or "")))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def _when(value: datetime | date | None, fmt: str = "%Y-%m-%d %H:%M UTC") -> str:
    if value is None:
        return "—"
    return value.strftime(fmt)


templates.env.filters["markdown"] = _markdown
templates.env.filters["duration"] = _duration
templates.env.filters["when"] = _when
templates.env.globals["app_version"] = __version__
