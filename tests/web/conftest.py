from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from blamefree.config import Settings
from blamefree.services.postmortems import import_documents
from blamefree.store import Store, open_store
from blamefree.web.app import create_app

FIXTURE = Path(__file__).parents[1] / "fixtures" / "hostile.md"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path}/web.db")
    store.migrate()
    import_documents(store, [FIXTURE])
    yield store
    store.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=str(store.engine.url)), store=store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
