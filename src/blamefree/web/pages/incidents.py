"""Incident list and the postmortem report page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from blamefree.document import render_postmortem
from blamefree.domain import (
    NotFound,
    Postmortem,
    Role,
    Visibility,
    response_metrics,
    utc_now,
)
from blamefree.services.postmortems import get_postmortem, list_postmortems
from blamefree.store import Store, Versioned
from blamefree.web.deps import AppStore
from blamefree.web.templating import templates

router = APIRouter(tags=["pages"])


def visible_postmortem(store: Store, incident_id: str) -> Versioned[Postmortem]:
    """A postmortem the anonymous reader may see.

    Until sign-in exists, restricted postmortems (security incidents) answer exactly like
    missing ones, so not even their existence leaks.
    """
    found = get_postmortem(store, incident_id)
    if found.value.visibility is Visibility.RESTRICTED:
        raise NotFound(f"no postmortem for incident {incident_id!r}")
    return found


@router.get("/", response_class=HTMLResponse)
def incident_list(request: Request, store: AppStore) -> HTMLResponse:
    """Every visible postmortem, newest first."""
    rows = [r for r in list_postmortems(store) if r.visibility != Visibility.RESTRICTED.value]
    return templates.TemplateResponse(request, "incidents/list.html", {"rows": rows})


@router.get("/incidents/{incident_id}.md", response_class=PlainTextResponse)
def incident_markdown(incident_id: str, store: AppStore) -> PlainTextResponse:
    """The postmortem as Markdown, ready to commit to git."""
    pm = visible_postmortem(store, incident_id).value
    return PlainTextResponse(
        render_postmortem(pm),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{pm.id}.md"'},
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, store: AppStore) -> HTMLResponse:
    """The postmortem as a clean report."""
    found = visible_postmortem(store, incident_id)
    pm = found.value
    roles = [
        (role.value.replace("_", " ").capitalize(), holder.name)
        for role in (
            Role.OWNER,
            Role.INCIDENT_COMMANDER,
            Role.FACILITATOR,
            Role.NOTETAKER,
            Role.CUSTOMER_LIAISON,
        )
        if (holder := pm.holder(role)) is not None
    ]
    context = {
        "pm": pm,
        "incident": pm.incident,
        "version": found.version,
        "metrics": response_metrics(pm.incident.times),
        "roles": roles,
        "responders": [p.name for p in pm.people_with(Role.RESPONDER)],
        "today": utc_now().date(),
    }
    return templates.TemplateResponse(request, "incidents/report.html", context)
