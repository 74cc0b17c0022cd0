"""Use cases shared by the web app and the CLI; they open and commit the transactions."""

from __future__ import annotations

from blamefree.config import Settings
from blamefree.store import Store, open_store


def open_configured_store(settings: Settings | None = None, *, migrate: bool = True) -> Store:
    """The store at BLAMEFREE_DATABASE_URL (default ./blamefree.db), schema brought up to date.

    Migrating on open keeps the embedded SQLite database working after an upgrade without
    a separate step; it is a no-op when the schema is current.
    """
    store = open_store((settings or Settings()).database_url)
    if migrate:
        store.migrate()
    return store
