"""Storage: SQLAlchemy 2 tables and repositories, Alembic migrations.

The only package that imports SQLAlchemy. Repositories take and return domain objects.
Use it through a unit of work:

    store = open_store("sqlite:///./blamefree.db")
    with store.transaction(actor="ana") as uow:
        found = uow.postmortems.get_or_raise("INC-42")
        uow.postmortems.update(changed, expected_version=found.version)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from blamefree.domain.clock import Clock, SystemClock
from blamefree.domain.errors import InvalidInput
from blamefree.store.engine import READ_ONLY_OPTION, make_engine
from blamefree.store.migrate import is_current, upgrade
from blamefree.store.repositories import (
    KeyMomentRepository,
    PostmortemRepository,
    PostmortemSummary,
    Versioned,
)

__all__ = [
    "PostmortemSummary",
    "Store",
    "UnitOfWork",
    "Versioned",
    "open_store",
]


@dataclass(frozen=True)
class UnitOfWork:
    """The repositories of one transaction."""

    session: Session
    postmortems: PostmortemRepository
    key_moments: KeyMomentRepository


class Store:
    """A database and the transactions run against it."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest revision."""
        try:
            upgrade(self.engine)
        except OperationalError as err:
            raise InvalidInput(
                f"cannot reach the database at {self.engine.url!r}: {err.orig}"
            ) from err

    def is_migrated(self) -> bool:
        """True when the schema is at the newest revision."""
        return is_current(self.engine)

    @contextmanager
    def transaction(
        self, *, actor: str = "system", read_only: bool = False
    ) -> Iterator[UnitOfWork]:
        """One transaction: commits when the block ends, rolls back if it raises."""
        bind = self.engine.execution_options(**{READ_ONLY_OPTION: read_only})
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield UnitOfWork(
                session=session,
                postmortems=PostmortemRepository(session, clock=self.clock, actor=actor),
                key_moments=KeyMomentRepository(session),
            )

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_store(url: str, *, clock: Clock | None = None) -> Store:
    """A store on the database at `url` (SQLite or PostgreSQL); call `migrate()` once."""
    return Store(make_engine(url), clock=clock)
