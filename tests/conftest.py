"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL_VAR = "BLAMEFREE_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_VAR = "BLAMEFREE_REQUIRE_POSTGRES"


def _postgres_schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    """A fresh, empty database per test: a SQLite file, or a PostgreSQL schema of its own.

    PostgreSQL runs when BLAMEFREE_TEST_POSTGRES_URL is set (CI starts a server with
    .ci/postgres.sh); otherwise those tests are skipped with the reason shown by `-ra`,
    unless BLAMEFREE_REQUIRE_POSTGRES=1 (set by .ci/run), where a missing server fails.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/test.db"
        return
    base = os.environ.get(POSTGRES_URL_VAR)
    if not base:
        if os.environ.get(REQUIRE_POSTGRES_VAR) == "1":
            pytest.fail(f"{REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set")
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_URL_VAR} (see .ci/postgres.sh)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
