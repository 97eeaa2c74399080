"""Faces, notices and match candidates in the database.

Embeddings are stored as float32 bytes under the name of the model that made
them: vectors of different models are never compared. Match candidates keep
their review status across re-analysis; the pairs already known are never
re-created, so a rejected lead stays rejected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from threadline.faces.backend import Face
from threadline.faces.index import FaceIndex
from threadline.store.tables import (
    DocumentImage,
    DocumentRow,
    FaceImageRow,
    FaceRow,
    MatchCandidateRow,
    NoticePhotoRow,
    NoticeRow,
)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f4")


def unprocessed_images(session: Session, backend: str) -> list[str]:
    wanted = set(session.scalars(select(DocumentImage.sha256).where(DocumentImage.sha256.is_not(None))))
    done = set(session.scalars(select(FaceImageRow.sha256).where(FaceImageRow.backend == backend)))
    return sorted(wanted - done)


def save_faces(session: Session, sha: str, backend: str, faces: list[Face] | None, error: str | None) -> None:
    session.add(FaceImageRow(sha256=sha, backend=backend, faces=len(faces or []), error=error))
    rows = [
        {"image_sha256": sha, "backend": backend, "box": list(f.box), "score": f.score,
         "quality": f.quality, "embedding": to_bytes(f.embedding) if f.embedding is not None else None,
         "age": f.age}
        for f in faces or []
    ]
    if rows:
        session.execute(insert(FaceRow), rows)


def face_vectors(session: Session, backend: str) -> tuple[list[int], list[str], np.ndarray]:
    """(face ids, image sha256s, vectors) of every embedded face of a backend."""
    ids, shas, vecs = [], [], []
    for fid, sha, emb in session.execute(
        select(FaceRow.id, FaceRow.image_sha256, FaceRow.embedding).where(
            FaceRow.backend == backend, FaceRow.embedding.is_not(None)
        )
    ):
        ids.append(fid)
        shas.append(sha)
        vecs.append(from_bytes(emb))
    matrix = np.vstack(vecs).astype("float32") if vecs else np.zeros((0, 128), dtype="float32")
    return ids, shas, matrix


def notice_index(session: Session, backend: str) -> tuple[FaceIndex | None, dict[int, str]]:
    """An index over every notice photo's face, ids = notice photo ids."""
    rows = session.execute(
        select(NoticePhotoRow.id, NoticePhotoRow.notice_id, NoticePhotoRow.embedding).where(
            NoticePhotoRow.backend == backend
        )
    ).all()
    if not rows:
        return None, {}
    vectors = np.vstack([from_bytes(r.embedding) for r in rows]).astype("float32")
    index = FaceIndex(dim=vectors.shape[1])
    index.add([r.id for r in rows], vectors)
    return index, {r.id: r.notice_id for r in rows}


def match_watchlist(session: Session, backend: str, candidate_distance: float, k: int = 5) -> int:
    """Compare every stored face with the watchlist; add new candidates."""
    index, notice_of = notice_index(session, backend)
    face_ids, shas, vectors = face_vectors(session, backend)
    if index is None or not face_ids:
        return 0
    known = set(session.execute(select(MatchCandidateRow.notice_photo_id, MatchCandidateRow.face_id)).all())
    now = datetime.now(UTC)
    rows = []
    for fid, sha, hits in zip(face_ids, shas, index.search(vectors, k=min(k, len(notice_of))), strict=True):
        for photo_id, distance in hits:
            if distance <= candidate_distance and (photo_id, fid) not in known:
                rows.append({"notice_id": notice_of[photo_id], "notice_photo_id": photo_id,
                             "face_id": fid, "image_sha256": sha, "distance": round(float(distance), 4),
                             "status": "pending", "created_at": now})
    if rows:
        session.execute(insert(MatchCandidateRow), rows)
    return len(rows)


def same_face_pairs(
    face_ids: list[int], vectors: np.ndarray, max_distance: float, k: int = 10
) -> list[tuple[int, int, float]]:
    """Pairs of faces within ``max_distance`` (k nearest neighbours through the
    index: no all-pairs matrix, so it scales to many faces)."""
    if len(face_ids) < 2:
        return []
    index = FaceIndex(dim=vectors.shape[1])
    index.add(list(range(len(face_ids))), vectors)
    pairs = []
    for i, hits in enumerate(index.search(vectors, k=min(k, len(face_ids)))):
        for j, distance in hits:
            if j > i and distance <= max_distance:
                pairs.append((face_ids[i], face_ids[j], float(distance)))
    return pairs


def documents_by_image(session: Session, shas: Iterable[str]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    wanted = list(set(shas))
    for i in range(0, len(wanted), 500):
        for doc_id, sha in session.execute(
            select(DocumentImage.document_id, DocumentImage.sha256).where(
                DocumentImage.sha256.in_(wanted[i : i + 500])
            )
        ):
            out[sha].add(doc_id)
    return out


def match_candidates(session: Session, status: str | None = None) -> list[dict[str, object]]:
    """Candidates with their notice and the documents showing the image, closest first."""
    query = select(MatchCandidateRow).order_by(MatchCandidateRow.distance, MatchCandidateRow.id)
    if status:
        query = query.where(MatchCandidateRow.status == status)
    rows = list(session.scalars(query))
    refs = _documents_of(session, {r.image_sha256 for r in rows})
    notices = {n.id: n for n in session.scalars(select(NoticeRow))}
    return [
        {"id": r.id, "notice_id": r.notice_id, "notice_type": notices[r.notice_id].notice_type,
         "image": r.image_sha256, "documents": refs.get(r.image_sha256, []),
         "document": (refs.get(r.image_sha256) or [None])[0], "distance": r.distance,
         "status": r.status, "decided_by": r.decided_by, "note": r.note}
        for r in rows
    ]


def _documents_of(session: Session, shas: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not shas:
        return out
    for sha, ref in session.execute(
        select(DocumentImage.sha256, DocumentRow.ref)
        .join(DocumentRow, DocumentRow.id == DocumentImage.document_id)
        .where(DocumentImage.sha256.in_(list(shas)))
        .order_by(DocumentRow.ref)
    ):
        out.setdefault(sha, []).append(ref)
    return out
