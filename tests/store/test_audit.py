import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from threadline.store.audit import AuditEvent, entries, record
from threadline.store.tables import AuditEntry


def _append_only(store):
    with store.session() as s:
        record(s, AuditEvent("faces.search", "analyst1", "case 42", {"photo": "ab" * 32}))
    with store.session() as s:
        assert [e.action for e in entries(s, "faces.")] == ["faces.search"]
    for stmt in (update(AuditEntry).values(user="someone else"), delete(AuditEntry)):
        with pytest.raises(DBAPIError, match="append-only"), store.session() as s:
            s.execute(stmt)
    with store.session() as s:
        assert [e.user for e in entries(s)] == ["analyst1"]


def test_audit_log_is_append_only_on_sqlite(fresh_store):
    _append_only(fresh_store)


@pytest.mark.postgres
def test_audit_log_is_append_only_on_postgres(pg_store):
    _append_only(pg_store)
