"""The face step of ``analyze``: detect and embed faces in every captured
image not yet processed, link documents whose photos show the same face,
raise apparent-age cues, and compare every face with the watchlist.

Results are leads: a face link is an edge the analyst can inspect, a
watchlist hit is a *candidate* until a human confirms it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from threadline.faces import minor_cue, thresholds
from threadline.faces.pool import BACKEND_NAME, analyse_many
from threadline.model import Edge, Signal
from threadline.store.db import Store
from threadline.store.faces import (
    documents_by_image,
    face_vectors,
    match_watchlist,
    same_face_pairs,
    save_faces,
    unprocessed_images,
)
from threadline.store.tables import FaceRow

#: Apparent age under which an image cue also sets ``minor_risk``; between
#: this and the review threshold (faces/thresholds.yaml) the cue is listed
#: for review without raising the flag by itself.
MINOR_FLAG_AGE = 18.0


def run_faces(store: Store, session: Session, progress: Callable[[str, int | None], Callable[[int], None]]) -> int:
    todo = unprocessed_images(session, BACKEND_NAME)
    advance = progress("Faces in images", len(todo))
    for sha, faces, error in analyse_many((sha, store.evidence.path(sha)) for sha in todo):
        save_faces(session, sha, BACKEND_NAME, faces, error)
        advance(1)
    return len(todo)


def face_edges(session: Session) -> list[Edge]:
    """Documents whose images show the same face (within the match distance)."""
    limit = thresholds(BACKEND_NAME).match
    ids, shas, vectors = face_vectors(session, BACKEND_NAME)
    sha_of = dict(zip(ids, shas, strict=True))
    pairs = [(a, b, d) for a, b, d in same_face_pairs(ids, vectors, limit) if sha_of[a] != sha_of[b]]
    docs = documents_by_image(session, [sha_of[a] for a, _, _ in pairs] + [sha_of[b] for _, b, _ in pairs])
    edges = []
    for a, b, distance in pairs:
        for da in docs.get(sha_of[a], ()):
            for db in docs.get(sha_of[b], ()):
                if da != db:
                    edges.append(Edge(min(da, db), max(da, db), "face", f"F{a}~F{b}",
                                      round(0.95 - distance, 3)))
    return edges


def image_minor_cues(session: Session) -> dict[int, list[tuple[Signal, bool]]]:
    """Per document: (cue, sets minor_risk) for faces of apparently young people."""
    young = session.execute(
        select(FaceRow.image_sha256, FaceRow.age).where(FaceRow.age.is_not(None))
    ).all()
    cues_by_sha: dict[str, list[tuple[Signal, bool]]] = defaultdict(list)
    for sha, age in young:
        cue = minor_cue(age)
        if cue is not None:
            cue.detail["image"] = sha
            cues_by_sha[sha].append((cue, age < MINOR_FLAG_AGE))
    out: dict[int, list[tuple[Signal, bool]]] = defaultdict(list)
    for sha, docs in documents_by_image(session, cues_by_sha).items():
        for d in docs:
            out[d] += cues_by_sha[sha]
    return out


def scan_watchlist(session: Session) -> int:
    return match_watchlist(session, BACKEND_NAME, thresholds(BACKEND_NAME).candidate)
