"""Use cases on postmortems shared by the CLI and the web: import, export, list, scaffold."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from blamefree.document import parse_postmortem, render_postmortem
from blamefree.domain import (
    Incident,
    IncidentTimes,
    InvalidInput,
    Postmortem,
    Severity,
)
from blamefree.store import PostmortemSummary, Store, Versioned

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Postmortems are text; anything larger is almost certainly the wrong file."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did to one postmortem."""

    incident_id: str
    path: str
    version: int
    action: str  # "created", "updated" or "unchanged"


def read_document(path: Path) -> Postmortem:
    """Read and parse one Markdown postmortem, with errors that name the file and line."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InvalidInput(f"{path}: cannot be read ({err.strerror})") from err
    if size > MAX_DOCUMENT_BYTES:
        raise InvalidInput(
            f"{path}: {size / 1e6:.1f} MB is too large for a postmortem "
            f"(limit {MAX_DOCUMENT_BYTES // 1_000_000} MB); is this the right file?"
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InvalidInput(
            f"{path}, line {line}: byte {err.start} is not UTF-8; save the file as UTF-8 Markdown"
        ) from err
    return parse_postmortem(text, source=str(path))


def import_documents(
    store: Store, paths: Sequence[Path], *, replace: bool = False, actor: str = "cli"
) -> list[ImportResult]:
    """Import Markdown postmortems: all files are parsed first, then written in one transaction.

    Either every file lands or none does. With `replace`, an existing postmortem is
    overwritten (a new version); without it, an existing id is an error unless the stored
    document is identical, which makes re-running an import harmless.
    """
    parsed = [(path, read_document(path)) for path in paths]
    seen: dict[str, Path] = {}
    for path, pm in parsed:
        if pm.id in seen:
            raise InvalidInput(f"{path}: incident id {pm.id} is also used by {seen[pm.id]}")
        seen[pm.id] = path
    results = []
    with store.transaction(actor=actor) as uow:
        for path, pm in parsed:
            current = uow.postmortems.get(pm.id)
            if current is None:
                version, action = uow.postmortems.add(pm), "created"
            elif current.value == pm:
                version, action = current.version, "unchanged"
            elif replace:
                version = uow.postmortems.update(pm, expected_version=current.version)
                action = "updated"
            else:
                raise InvalidInput(
                    f"{path}: incident {pm.id} already exists with different content; "
                    "use --replace to store this file as a new version"
                )
            results.append(ImportResult(pm.id, str(path), version, action))
    return results


def export_document(store: Store, incident_id: str) -> str:
    """The postmortem as canonical Markdown."""
    return render_postmortem(get_postmortem(store, incident_id).value)


def get_postmortem(store: Store, incident_id: str) -> Versioned[Postmortem]:
    """One postmortem with its version."""
    with store.transaction(read_only=True) as uow:
        return uow.postmortems.get_or_raise(incident_id)


def list_postmortems(store: Store) -> list[PostmortemSummary]:
    """Every postmortem as a list line, newest first."""
    with store.transaction(read_only=True) as uow:
        return uow.postmortems.list_summaries()


def next_incident_id(now: datetime, taken: set[str]) -> str:
    """INC-YYYYMMDD-N, the first free N of the day."""
    number = 1
    while f"INC-{now:%Y%m%d}-{number}" in taken:
        number += 1
    return f"INC-{now:%Y%m%d}-{number}"


def scaffold_document(
    *, title: str, severity: str, incident_id: str, started: datetime | None = None
) -> str:
    """A new postmortem from the template, with prompts for each section.

    The prompts are HTML comments: they guide the writer in the Markdown file and never
    show in the rendered report.
    """
    try:
        pm = Postmortem(
            incident=Incident(
                id=incident_id,
                title=title,
                severity=Severity.parse(severity),
                times=IncidentTimes(started=started),
            )
        )
    except ValueError as err:
        raise InvalidInput(str(err).splitlines()[-1].strip()) from err
    text = render_postmortem(pm)
    for section, prompt in _PROMPTS.items():
        text = text.replace(f"## {section}\n", f"## {section}\n\n{prompt}\n", 1)
    return text


_TABLE = (
    "| Action item | Type | Owner | Deadline | Status | Ticket |\n"
    "| --- | --- | --- | --- | --- | --- |"
)
_PROMPTS = {
    "Summary": "<!-- Two or three sentences: what happened, how long, who was affected. -->",
    "Impact": "<!-- Numbers: duration, users or requests affected, revenue, error budget. -->",
    "Timeline": (
        "<!-- One line per event, oldest first: - 14:05Z - what happened."
        " `blamefree timeline build` fills this from alerts, chat and deploys. -->"
    ),
    "Contributing factors": (
        "<!-- Several factors, not one root cause: a '### ' heading each, a 'Category:' line,"
        " then numbered Why questions with the answer indented below. -->"
    ),
    "What went well": "<!-- What helped: tools, practices, people's expertise. -->",
    "Where we got lucky": "<!-- What kept this from being worse that we cannot count on. -->",
    "Action items": _TABLE,
    "Lessons learned": "<!-- What we now know about our systems that we did not know. -->",
    "External communication": (
        "<!-- What customers are told. Write 'Status: approved' above the text once it is"
        " approved to go out. -->"
    ),
}
"""Guidance placed in free-text sections as HTML comments (hidden in the report).

The parser drops comment-only lines in structured sections, so the scaffold imports as is.
"""


def strip_comments(markdown: str) -> str:
    """Markdown without HTML comments (template prompts), for rendering."""
    return re.sub(r"<!--.*?-->", "", markdown, flags=re.DOTALL)


def create_from_markdown(store: Store, text: str, *, actor: str) -> Versioned[Postmortem]:
    """Store a new postmortem sent as Markdown."""
    pm = parse_postmortem(text, source="request body")
    with store.transaction(actor=actor) as uow:
        version = uow.postmortems.add(pm)
    return Versioned(pm, version)


def save_markdown(
    store: Store, incident_id: str, text: str, *, expected_version: int, actor: str
) -> Versioned[Postmortem]:
    """Replace a postmortem with an edited Markdown text, if nobody saved in between."""
    pm = parse_postmortem(text, source="request body")
    if pm.id != incident_id:
        raise InvalidInput(
            f"the document's id is {pm.id} but it was sent to {incident_id}; they must match"
        )
    with store.transaction(actor=actor) as uow:
        version = uow.postmortems.update(pm, expected_version=expected_version)
    return Versioned(pm, version)
