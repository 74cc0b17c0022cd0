from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from blamefree.store import open_store
from blamefree.store.tables import Base


def test_migrations_match_the_tables_exactly(db_url: str) -> None:
    """An upgraded empty database has exactly the schema the ORM declares."""
    store = open_store(db_url)
    store.migrate()
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    store.dispose()
    assert diff == []
