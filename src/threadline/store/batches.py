"""Writing one ingest batch: documents, evidence and chain of custody, in one
transaction.

Refs are the identity of documents: a ref seen before is a duplicate and adds
nothing, so re-ingesting the same input is a no-op. Bytes are always kept as
evidence (a later capture of a known page is recorded as a capture of its own),
so nothing the analyst ingested is silently dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from threadline.model import Blob, Document, Problem, Skipped
from threadline.store.db import Store
from threadline.store.tables import Batch, BlobRow, Capture, DocumentImage, DocumentRow

CHUNK = 2000


@dataclass
class IngestSummary:
    batch_id: int = 0
    documents_added: int = 0
    duplicates: int = 0
    images: int = 0
    blobs_added: int = 0
    images_resolved: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "batch": self.batch_id,
            "documents_added": self.documents_added,
            "duplicates": self.duplicates,
            "images": self.images,
            "blobs_added": self.blobs_added,
            "images_resolved": self.images_resolved,
            "skipped": dict(self.skipped),
            "problems": [
                {"source": p.source, "position": p.position, "reason": p.reason}
                for p in self.problems
            ],
        }


class _BatchWriter:
    def __init__(self, store: Store, session: Session, batch_id: int, user: str) -> None:
        self.store = store
        self.session = session
        self.batch_id = batch_id
        self.user = user
        self.now = datetime.now(UTC)
        self.summary = IngestSummary(batch_id=batch_id)
        self.docs: list[Document] = []
        self.blobs: dict[str, Blob] = {}
        self.captures: list[Blob] = []
        self.refs_in_batch: set[str] = set()

    def add(self, item: object) -> None:
        if isinstance(item, Document):
            self.docs.append(item)
        elif isinstance(item, Blob):
            self.blobs.setdefault(item.sha256, item)
            self.captures.append(item)
            if item.media_type.startswith("image/"):
                self.summary.images += 1
        elif isinstance(item, Problem):
            self.summary.problems.append(item)
        elif isinstance(item, Skipped):
            self.summary.skipped[item.reason] += 1
        if len(self.docs) >= CHUNK or len(self.captures) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        self._flush_blobs()
        self._flush_documents()

    def _flush_blobs(self) -> None:
        if not self.blobs:
            self.captures.clear()
            return
        known = set(
            self.session.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(list(self.blobs))))
        )
        new_rows = []
        for sha, blob in self.blobs.items():
            self.store.evidence.put(blob.data, sha)
            if sha not in known:
                new_rows.append(
                    {"sha256": sha, "size": len(blob.data), "media_type": blob.media_type,
                     "first_seen_at": self.now}
                )
        if new_rows:
            self.session.execute(BlobRow.__table__.insert(), new_rows)
            self.summary.blobs_added += len(new_rows)
        existing = set(
            self.session.execute(
                select(Capture.sha256, Capture.source, Capture.position).where(
                    Capture.sha256.in_(list(self.blobs))
                )
            ).all()
        )
        rows, seen = [], set()
        for b in self.captures:
            key = (b.sha256, b.source, b.position)
            if key in existing or key in seen:
                continue
            seen.add(key)
            rows.append(
                {"sha256": b.sha256, "batch_id": self.batch_id, "source": b.source,
                 "position": b.position, "url": b.url, "captured_at": b.captured_at,
                 "ingested_at": self.now, "ingested_by": self.user}
            )
        if rows:
            self.session.execute(Capture.__table__.insert(), rows)
        self.blobs.clear()
        self.captures.clear()

    def _flush_documents(self) -> None:
        if not self.docs:
            return
        refs = [d.ref for d in self.docs]
        existing = set(self.session.scalars(select(DocumentRow.ref).where(DocumentRow.ref.in_(refs))))
        fresh: list[Document] = []
        for d in self.docs:
            if d.ref in existing or d.ref in self.refs_in_batch:
                self.summary.duplicates += 1
                continue
            self.refs_in_batch.add(d.ref)
            fresh.append(d)
        self.docs.clear()
        if not fresh:
            return
        rows = [
            {
                "ref": d.ref, "source_kind": d.source_kind, "source": d.source,
                "position": d.position, "url": d.url, "site": d.site, "title": d.title,
                "text": d.text, "posted_at": d.posted_at, "captured_at": d.captured_at,
                "city": d.city, "country": d.country, "account": d.account,
                "fields": dict(d.fields),
                "hints": [[h.kind, h.value, h.start, h.end] for h in d.hints],
                "raw_sha256": d.raw_sha256, "batch_id": self.batch_id, "extracted_version": 0,
            }
            for d in fresh
        ]
        self.session.execute(DocumentRow.__table__.insert(), rows)
        ids = dict(
            self.session.execute(
                select(DocumentRow.ref, DocumentRow.id).where(
                    DocumentRow.ref.in_([d.ref for d in fresh])
                )
            ).all()
        )
        images = [
            {"document_id": ids[d.ref], "url": im.url, "sha256": im.sha256}
            for d in fresh
            for im in d.images
        ]
        if images:
            self.session.execute(DocumentImage.__table__.insert(), images)
        self.summary.documents_added += len(fresh)

    def resolve_image_urls(self) -> None:
        """Attach captured bytes to image references by URL, across batches:
        an ``<img src>`` seen in one collection is matched to the image response
        captured in another."""
        pending = self.session.execute(
            select(DocumentImage.id, DocumentImage.url).where(
                DocumentImage.sha256.is_(None), DocumentImage.url.is_not(None)
            )
        ).all()
        if not pending:
            return
        urls = list({u for _, u in pending})
        by_url: dict[str, str] = {}
        for i in range(0, len(urls), 500):
            for sha, url in self.session.execute(
                select(Capture.sha256, Capture.url).where(Capture.url.in_(urls[i : i + 500]))
            ):
                by_url.setdefault(url, sha)
        updates = [{"id": i, "sha256": by_url[u]} for i, u in pending if u in by_url]
        if updates:
            self.session.execute(update(DocumentImage), updates)
        self.summary.images_resolved += len(updates)


def ingest_items(
    store: Store,
    items: Iterable[object],
    inputs: list[str],
    user: str,
    on_item: Callable[[object], None] | None = None,
) -> IngestSummary:
    """Write everything ``items`` yields as one batch, in one transaction."""
    with store.session() as session:
        batch = Batch(started_at=datetime.now(UTC), user=user, inputs=inputs, summary={})
        session.add(batch)
        session.flush()
        writer = _BatchWriter(store, session, batch.id, user)
        for item in items:
            writer.add(item)
            if on_item is not None:
                on_item(item)
        writer.flush()
        writer.resolve_image_urls()
        batch.finished_at = datetime.now(UTC)
        batch.summary = writer.summary.as_dict()
        return writer.summary
