"""Engines from URLs, with the SQLite settings an embedded multi-user database needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from blamefree.domain.errors import InvalidInput

READ_ONLY_OPTION = "blamefree_read_only"
"""Execution option marking a read-only transaction (SQLite then takes no write lock)."""


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (psycopg 3).

    `postgresql://` and `postgres://` URLs are taken to mean psycopg 3, the driver we ship.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise InvalidInput(
            f"database URL {url!r} is not valid; expected sqlite:///path.db or "
            "postgresql+psycopg://user:pass@host/db"
        ) from err
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise InvalidInput(
        f"database {parsed.get_backend_name()!r} is not supported; use SQLite or PostgreSQL"
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin_immediate) instead of pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection: Any) -> None:
    """Take the write lock at BEGIN so two writers queue instead of failing mid-transaction.

    With a deferred BEGIN, a reader that later writes can hit SQLITE_BUSY with no retry;
    BEGIN IMMEDIATE makes the second writer wait (busy_timeout) and then see the first
    writer's committed version, which is what optimistic concurrency needs.
    """
    if connection.get_execution_options().get(READ_ONLY_OPTION):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
