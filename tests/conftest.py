"""Shared fixtures: fresh projects on SQLite and (when reachable) PostgreSQL,
and small generated demo corpora."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from threadline.store.db import Store, open_store

PG_URL = os.environ.get("THREADLINE_TEST_PG_URL", "postgresql+psycopg://127.0.0.1:5432/test")


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "project"


@pytest.fixture
def fresh_store(data_path: Path) -> Store:
    store = open_store(data_path)
    yield store
    store.close()


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if not _pg_available():
        if os.environ.get("THREADLINE_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL required but not reachable at {PG_URL}")
        pytest.skip("PostgreSQL not reachable")
    import psycopg

    schema = f"tl_test_{uuid.uuid4().hex[:10]}"
    plain = PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_store(tmp_path: Path, pg_url: str) -> Store:
    store = open_store(tmp_path / "pg-project", pg_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory: pytest.TempPathFactory):
    """A small train-variant demo corpus, generated once per test session."""
    from threadline.demo import generate

    out = tmp_path_factory.mktemp("demo")
    return generate(out, size=300, seed=7, variant="train")
