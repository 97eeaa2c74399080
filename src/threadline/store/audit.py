"""The audit log: who ran a sensitive search or made a review decision, when,
for which case or purpose, and what was compared. Post-remote biometric
identification is a high-risk use (EU AI Act): it must be logged and overseen.

Entries are only ever added; the database refuses to change or delete them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from threadline.store.tables import AuditEntry


@dataclass(frozen=True, slots=True)
class AuditEvent:
    action: str  # e.g. "faces.search", "review.confirm", "watchlist.add"
    user: str
    purpose: str
    detail: dict[str, object] = field(default_factory=dict)


def record(session: Session, event: AuditEvent) -> AuditEntry:
    entry = AuditEntry(at=datetime.now(UTC), user=event.user, action=event.action,
                       purpose=event.purpose, detail=dict(event.detail))
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, action_prefix: str = "") -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action_prefix:
        query = query.where(AuditEntry.action.startswith(action_prefix))
    return list(session.scalars(query))
