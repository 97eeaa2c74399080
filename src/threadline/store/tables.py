"""The database schema.

Two families of tables: what the analyst ingested (batches, blobs, captures,
documents, images) is written once and never rewritten; what ``analyze``
derives (selectors, attributes, assessments, edges, networks, persons, actors,
hubs) is replaced wholesale on each run, so a re-run after more ingests gives
the same answer as a fresh one. ``audit_log`` is append-only (enforced by
triggers in the migration).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict: JSON, list: JSON, datetime: DateTime(timezone=True)}


# --- what was ingested -------------------------------------------------------


class Batch(Base):
    """One `threadline ingest` call: who, when, which inputs, what came of it."""

    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    user: Mapped[str] = mapped_column(String(200))
    inputs: Mapped[list] = mapped_column(JSON)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class BlobRow(Base):
    """Bytes kept in the evidence store under their SHA-256."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(200))
    first_seen_at: Mapped[datetime]


class Capture(Base):
    """Chain of custody: each time bytes were found in an input."""

    __tablename__ = "captures"
    __table_args__ = (UniqueConstraint("sha256", "source", "position", name="uq_capture"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    source: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text, index=True)
    captured_at: Mapped[datetime | None]
    ingested_at: Mapped[datetime]
    ingested_by: Mapped[str] = mapped_column(String(200))


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(Text, unique=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    posted_at: Mapped[datetime | None]
    captured_at: Mapped[datetime | None]
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    account: Mapped[str | None] = mapped_column(String(300))
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    hints: Mapped[list] = mapped_column(JSON, default=list)
    raw_sha256: Mapped[str | None] = mapped_column(String(64))
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    #: version of the extractors that produced this document's selectors (0 = not yet)
    extracted_version: Mapped[int] = mapped_column(Integer, default=0)


class DocumentImage(Base):
    """An image a document shows; ``sha256`` is filled once its bytes are captured."""

    __tablename__ = "document_images"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)


# --- what analyze derives ----------------------------------------------------


class SelectorRow(Base):
    __tablename__ = "selectors"
    __table_args__ = (Index("ix_selectors_kind_value", "kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))
    platform: Mapped[str | None] = mapped_column(String(50))
    start: Mapped[int | None]
    end: Mapped[int | None]
    raw: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)


class AttributeRow(Base):
    __tablename__ = "attributes"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(500))
    start: Mapped[int | None]
    end: Mapped[int | None]
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class AssessmentRow(Base):
    """A document's analysis result: class, risk with its reasons, and where it
    sits in the network picture."""

    __tablename__ = "assessments"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    risk: Mapped[float] = mapped_column(Float)
    flagged: Mapped[bool] = mapped_column(Boolean)
    minor_risk: Mapped[bool] = mapped_column(Boolean)
    signals: Mapped[list] = mapped_column(JSON, default=list)
    minor_cues: Mapped[list] = mapped_column(JSON, default=list)
    network_id: Mapped[str | None] = mapped_column(String(40), index=True)


class EdgeRow(Base):
    __tablename__ = "edges"
    id: Mapped[int] = mapped_column(primary_key=True)
    a: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    b: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))
    weight: Mapped[float] = mapped_column(Float)


class HubRow(Base):
    """A selector ignored for linking because it is everywhere (a site's own
    contact number, a logo): reported so the analyst knows it was set aside."""

    __tablename__ = "hubs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))
    documents: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)


class NetworkRow(Base):
    __tablename__ = "networks"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    suspicious: Mapped[bool] = mapped_column(Boolean)
    risk: Mapped[float] = mapped_column(Float)
    size: Mapped[int]
    signals: Mapped[list] = mapped_column(JSON, default=list)
    explanation: Mapped[dict] = mapped_column(JSON, default=dict)


class PersonRow(Base):
    __tablename__ = "persons"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    network_id: Mapped[str | None] = mapped_column(String(40))
    minor: Mapped[bool] = mapped_column(Boolean)
    names: Mapped[list] = mapped_column(JSON, default=list)
    documents: Mapped[list] = mapped_column(JSON, default=list)  # document ids


class ActorRow(Base):
    __tablename__ = "actors"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    network_id: Mapped[str | None] = mapped_column(String(40))
    selectors: Mapped[list] = mapped_column(JSON, default=list)  # [[kind, value], …]
    documents: Mapped[list] = mapped_column(JSON, default=list)  # document ids
    persons: Mapped[int] = mapped_column(Integer, default=0)


class AnalysisRun(Base):
    __tablename__ = "analysis_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    user: Mapped[str] = mapped_column(String(200))
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class AuditEntry(Base):
    """Append-only: who did what sensitive thing, when, and why."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


#: Tables ``analyze`` replaces on every run, children first.
#: (Selectors and attributes are per document and redone only when the
#: extractors' version changes.)
DERIVED_TABLES = (
    AssessmentRow.__table__,
    EdgeRow.__table__,
    HubRow.__table__,
    NetworkRow.__table__,
    PersonRow.__table__,
    ActorRow.__table__,
)


class ImageHashRow(Base):
    """Perceptual hashes of a captured image, computed once per content hash."""

    __tablename__ = "image_hashes"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    hashes: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)


# --- faces and the watchlist ----------------------------------------------------


class FaceImageRow(Base):
    """An image the face stage has processed (with which backend), so no image
    is ever processed twice; ``error`` says why an image gave no faces."""

    __tablename__ = "face_images"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    backend: Mapped[str] = mapped_column(String(100))
    faces: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class FaceRow(Base):
    __tablename__ = "faces"
    id: Mapped[int] = mapped_column(primary_key=True)
    image_sha256: Mapped[str] = mapped_column(String(64), index=True)
    backend: Mapped[str] = mapped_column(String(100))
    box: Mapped[list] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    quality: Mapped[float] = mapped_column(Float)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 little-endian
    age: Mapped[float | None] = mapped_column(Float)


class NoticeRow(Base):
    """A notice: a request for information on a person's identity or
    whereabouts (blue), a missing person (yellow), a wanted person (red)…"""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    notice_type: Mapped[str] = mapped_column(String(50), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    restrictions: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(200))


class NoticePhotoRow(Base):
    __tablename__ = "notice_photos"
    __table_args__ = (UniqueConstraint("notice_id", "sha256", name="uq_notice_photo"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    image: Mapped[str] = mapped_column(Text)
    backend: Mapped[str] = mapped_column(String(100))
    box: Mapped[list] = mapped_column(JSON)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)


class MatchCandidateRow(Base):
    """A face in an ingested image close to a notice photo: a lead that a
    human confirms or rejects. Decisions survive re-analysis."""

    __tablename__ = "match_candidates"
    __table_args__ = (UniqueConstraint("notice_photo_id", "face_id", name="uq_candidate"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), index=True)
    notice_photo_id: Mapped[int] = mapped_column(ForeignKey("notice_photos.id"))
    face_id: Mapped[int] = mapped_column(ForeignKey("faces.id"))
    image_sha256: Mapped[str] = mapped_column(String(64))
    distance: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
