"""Watchlist import, ad-hoc face search and the review of match candidates.

A face match is a lead, not an identification: candidates stay ``pending``
until an analyst confirms or rejects each with a note, and only confirmed
matches are counted. Every import, search and decision is written to the
append-only audit log with who, when, why and what was compared — remote
biometric identification after the fact is a high-risk use under the EU AI
Act and must be logged and overseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from threadline.faces import (
    DlibBackend,
    WatchlistEntry,
    analyse_image,
    import_watchlist,
    thresholds,
)
from threadline.faces.pool import BACKEND_NAME
from threadline.model import Problem
from threadline.store.audit import AuditEvent, record
from threadline.store.db import Store
from threadline.store.faces import match_candidates, notice_index, to_bytes
from threadline.store.tables import (
    FaceRow,
    MatchCandidateRow,
    NoticePhotoRow,
    NoticeRow,
)

STATUSES = ("pending", "confirmed", "rejected")


class ReviewError(ValueError):
    """A decision that can't be taken (unknown candidate, bad status)."""


@dataclass
class WatchlistImport:
    notices_added: list[str] = field(default_factory=list)
    photos_added: int = 0
    photos_known: int = 0
    refused: list[Problem] = field(default_factory=list)


def add_watchlist(store: Store, path: Path, user: str, purpose: str) -> WatchlistImport:
    """Import notices and their photos; then compare stored faces with them."""
    result = WatchlistImport()
    backend = DlibBackend()
    with store.session() as session:
        for item in import_watchlist(path, backend):
            if isinstance(item, Problem):
                result.refused.append(item)
                continue
            _add_entry(store, session, item, user, result)
        session.flush()
        from threadline.faces_step import scan_watchlist

        new = scan_watchlist(session)
        record(session, AuditEvent("watchlist.add", user, purpose, {
            "source": str(path), "notices": result.notices_added, "photos": result.photos_added,
            "refused": len(result.refused), "new_candidates": new,
        }))
    return result


def _add_entry(store: Store, session, entry: WatchlistEntry, user: str, result: WatchlistImport) -> None:  # type: ignore[no-untyped-def]
    notice = session.get(NoticeRow, entry.notice_id)
    if notice is None:
        session.add(NoticeRow(id=entry.notice_id, notice_type=entry.notice_type, name=entry.name,
                              country=entry.country, restrictions=entry.restrictions,
                              added_at=datetime.now(UTC), added_by=user))
        session.flush()
        result.notices_added.append(entry.notice_id)
    sha = store.evidence.put(entry.data)
    exists = session.scalar(select(NoticePhotoRow.id).where(
        NoticePhotoRow.notice_id == entry.notice_id, NoticePhotoRow.sha256 == sha))
    if exists:
        result.photos_known += 1
        return
    session.add(NoticePhotoRow(notice_id=entry.notice_id, sha256=sha, image=entry.image,
                               backend=BACKEND_NAME, box=list(entry.face.box),
                               embedding=to_bytes(entry.face.embedding)))
    result.photos_added += 1


def search_photo(store: Store, photo: Path, user: str, purpose: str, top: int = 5) -> list[dict[str, object]]:
    """Faces in ``photo`` against the watchlist: candidates within the
    candidate distance, best first. Logged whatever the outcome."""
    data = photo.read_bytes()
    faces = analyse_image(data, DlibBackend(), source=str(photo))
    limits = thresholds(BACKEND_NAME)
    out: list[dict[str, object]] = []
    with store.session() as session:
        index, notice_of = notice_index(session, BACKEND_NAME)
        notices = {n.id: n for n in session.scalars(select(NoticeRow))}
        for face in faces:
            if face.embedding is None or index is None:
                continue
            for photo_id, distance in index.search(face.embedding, k=max(top * 3, top))[0]:
                if distance > limits.candidate:
                    continue
                n = notices[notice_of[photo_id]]
                out.append({"notice_id": n.id, "notice_type": n.notice_type,
                            "similarity": round(max(0.0, 1.0 - distance), 4),
                            "distance": round(distance, 4), "verdict": limits.verdict(distance),
                            "face_box": list(face.box)})
        out = _best_per_notice(out)[:top] if out else out
        record(session, AuditEvent("faces.search", user, purpose, {
            "photo": str(photo), "faces": len(faces), "candidates": [c["notice_id"] for c in out],
        }))
    return out


def _best_per_notice(found: list[dict[str, object]]) -> list[dict[str, object]]:
    best: dict[tuple[object, object], dict[str, object]] = {}
    for c in sorted(found, key=lambda c: float(c["distance"])):  # type: ignore[arg-type]
        best.setdefault((c["notice_id"], tuple(c["face_box"])), c)  # type: ignore[arg-type]
    return sorted(best.values(), key=lambda c: float(c["distance"]))  # type: ignore[arg-type]


def list_candidates(store: Store, status: str | None = None) -> list[dict[str, object]]:
    with store.session() as session:
        return match_candidates(session, status)


def decide(store: Store, candidate_id: int, status: str, user: str, purpose: str, note: str) -> None:
    """Confirm or reject a candidate; the decision and its reason are logged."""
    if status not in ("confirmed", "rejected"):
        raise ReviewError(f"a decision is 'confirmed' or 'rejected', not {status!r}")
    with store.session() as session:
        row = session.get(MatchCandidateRow, candidate_id)
        if row is None:
            raise ReviewError(f"no match candidate {candidate_id}")
        face = session.get(FaceRow, row.face_id)
        previous = row.status
        row.status, row.decided_by, row.decided_at, row.note = status, user, datetime.now(UTC), note
        action = {"confirmed": "review.confirm", "rejected": "review.reject"}[status]
        record(session, AuditEvent(action, user, purpose, {
            "candidate": candidate_id, "notice_id": row.notice_id, "image": row.image_sha256,
            "face_box": face.box if face else None, "distance": row.distance,
            "previous_status": previous, "note": note,
        }))
