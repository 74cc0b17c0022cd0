"""The web app: `create_app(settings)` builds it; nothing happens at import time."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from blamefree import __version__
from blamefree.config import Settings
from blamefree.services import open_configured_store
from blamefree.store import Store
from blamefree.web import errors
from blamefree.web.api import incidents as incidents_api
from blamefree.web.pages import incidents as incidents_pages

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The FastAPI application, bound to one store (opened and migrated if not given)."""
    settings = settings or Settings()
    app = FastAPI(
        title="Blamefree",
        version=__version__,
        description="Blameless postmortems: timelines, reviews, action items that get done.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store or open_configured_store(settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(incidents_pages.router)
    app.include_router(incidents_api.router)
    errors.install(app)

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
