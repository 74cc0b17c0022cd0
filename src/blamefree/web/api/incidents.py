"""JSON API for postmortems. Writes take the version they are based on (If-Match)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel

from blamefree.domain import InvalidInput, Postmortem, Visibility
from blamefree.services.postmortems import (
    create_from_markdown,
    list_postmortems,
    save_markdown,
)
from blamefree.web.deps import AppStore
from blamefree.web.pages.incidents import visible_postmortem

router = APIRouter(prefix="/api/incidents", tags=["incidents"])

MAX_BODY_BYTES = 10 * 1024 * 1024
_MARKDOWN_REQUEST = {
    "requestBody": {
        "required": True,
        "description": "A postmortem in Markdown (see docs/format.md).",
        "content": {"text/markdown": {"schema": {"type": "string"}}},
    }
}


async def markdown_body(request: Request) -> str:
    """The raw request body as UTF-8 Markdown, with clear limits."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise InvalidInput(f"the document is {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidInput(f"request body, byte {err.start}: not UTF-8 text") from err


MarkdownBody = Annotated[str, Depends(markdown_body)]


class IncidentSummaryRead(BaseModel):
    """One line of the incident list."""

    id: str
    title: str
    severity: str
    status: str
    started: str | None
    resolved: str | None
    services: list[str]
    action_items: int
    open_action_items: int
    version: int


class PostmortemRead(BaseModel):
    """A postmortem and the version to send back when saving."""

    version: int
    postmortem: Postmortem


@router.get("", response_model=list[IncidentSummaryRead])
def list_incidents(store: AppStore) -> list[IncidentSummaryRead]:
    """Every visible postmortem, newest incident first."""
    return [
        IncidentSummaryRead(
            id=r.id,
            title=r.title,
            severity=r.severity.value,
            status=r.status,
            started=r.started.isoformat() if r.started else None,
            resolved=r.resolved.isoformat() if r.resolved else None,
            services=list(r.services),
            action_items=r.action_items,
            open_action_items=r.open_action_items,
            version=r.version,
        )
        for r in list_postmortems(store)
        if r.visibility != Visibility.RESTRICTED.value
    ]


@router.get("/{incident_id}", response_model=PostmortemRead)
def get_incident(incident_id: str, store: AppStore) -> PostmortemRead:
    """One postmortem with its version."""
    found = visible_postmortem(store, incident_id)
    return PostmortemRead(version=found.version, postmortem=found.value)


@router.post("", response_model=PostmortemRead, status_code=201, openapi_extra=_MARKDOWN_REQUEST)
def create_incident(store: AppStore, markdown: MarkdownBody) -> PostmortemRead:
    """Create a postmortem from Markdown."""
    created = create_from_markdown(store, markdown, actor="api")
    return PostmortemRead(version=created.version, postmortem=created.value)


@router.put("/{incident_id}", response_model=PostmortemRead, openapi_extra=_MARKDOWN_REQUEST)
def replace_incident(
    incident_id: str,
    store: AppStore,
    markdown: MarkdownBody,
    if_match: Annotated[str | None, Header(description="The version you edited.")] = None,
) -> PostmortemRead:
    """Replace a postmortem; 409 with the current version if someone saved in between."""
    if if_match is None or not if_match.strip().strip('"').isdigit():
        raise InvalidInput("send the version you edited in the If-Match header, e.g. If-Match: 3")
    visible_postmortem(store, incident_id)
    saved = save_markdown(
        store,
        incident_id,
        markdown,
        expected_version=int(if_match.strip().strip('"')),
        actor="api",
    )
    return PostmortemRead(version=saved.version, postmortem=saved.value)
