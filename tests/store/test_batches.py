import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from threadline.model import Blob, Document, ImageRef, Problem, Skipped
from threadline.store.batches import ingest_items
from threadline.store.tables import Capture, DocumentImage, DocumentRow


def _blob(data: bytes, source="in.jsonl", position="line 1", url=None, media="text/html"):
    return Blob(hashlib.sha256(data).hexdigest(), data, media, source, position,
                datetime(2024, 11, 19, tzinfo=UTC), url)


def _items():
    page = _blob(b"<html>ad</html>")
    img = _blob(b"\x89PNG fake", position="record 2", url="https://a.example/p.png", media="image/png")
    return [
        page,
        Document(ref="https://a.example/ad1", source_kind="warc", source="in.warc", position="0",
                 text="ad text", raw_sha256=page.sha256,
                 images=[ImageRef(url="https://a.example/p.png")]),
        img,
        Problem("in.warc", "offset 99", "truncated record"),
        Skipped("in.warc", "revisit"),
    ]


def _count(store, table):
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_batch_writes_documents_evidence_and_custody(fresh_store):
    summary = ingest_items(fresh_store, _items(), ["in.warc"], "analyst1")
    assert summary.documents_added == 1
    assert summary.images == 1 and summary.images_resolved == 1
    assert summary.skipped == {"revisit": 1}
    assert [p.position for p in summary.problems] == ["offset 99"]
    with fresh_store.session() as s:
        cap = s.scalars(select(Capture).where(Capture.url == "https://a.example/p.png")).one()
        assert cap.ingested_by == "analyst1" and cap.captured_at.year == 2024
        img = s.scalars(select(DocumentImage)).one()
        assert img.sha256 == cap.sha256
    assert fresh_store.evidence.get(cap.sha256) == b"\x89PNG fake"


def test_reingest_adds_nothing(fresh_store):
    ingest_items(fresh_store, _items(), ["in.warc"], "a")
    again = ingest_items(fresh_store, _items(), ["in.warc"], "a")
    assert again.documents_added == 0 and again.duplicates == 1 and again.blobs_added == 0
    assert _count(fresh_store, DocumentRow) == 1
    assert _count(fresh_store, Capture) == 2


def test_failed_batch_leaves_nothing(fresh_store):
    def boom():
        yield from _items()[:2]
        raise RuntimeError("collector crashed")

    with pytest.raises(RuntimeError):
        ingest_items(fresh_store, boom(), ["in.warc"], "a")
    assert _count(fresh_store, DocumentRow) == 0
    assert _count(fresh_store, Capture) == 0
