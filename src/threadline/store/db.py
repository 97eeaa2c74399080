"""Opening a project: the database (SQLite file or PostgreSQL) plus the
evidence store, with the schema brought up to date by Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from threadline.settings import data_dir, database_url
from threadline.store.evidence import EvidenceStore

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass
class Store:
    """One project's storage. ``session()`` is the unit of work: one ingest
    batch or one analysis run is one transaction."""

    url: str
    engine: Engine
    evidence: EvidenceStore
    data: Path

    @contextmanager
    def session(self) -> Iterator[Session]:
        factory = sessionmaker(self.engine, expire_on_commit=False)
        with factory() as session, session.begin():
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def open_store(data: str | Path | None = None, url: str | None = None, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the project at ``data``.

    The database defaults to an SQLite file inside the data folder; ``url`` (or
    ``THREADLINE_DATABASE_URL``) selects PostgreSQL for teams. The evidence store
    always lives in the data folder.
    """
    folder = data_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    db_url = database_url(folder, url)
    engine = create_engine(db_url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        with engine.begin() as conn:
            cfg = alembic_config(db_url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return Store(url=db_url, engine=engine, evidence=EvidenceStore(folder / "evidence"), data=folder)
