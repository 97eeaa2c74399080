"""WARC / WARC.GZ captures → evidence blobs and page Documents.

Streams record by record with warcio (a crawl can be many gigabytes), and
checks each record's declared length *before* anything reads it, so a
decompression bomb is refused without being inflated. A truncated or corrupt
file stops at the bad record with a Problem; what was already yielded stays
valid evidence.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from threadline.errors import IngestError, LimitExceeded
from threadline.ingest.evidence import make_blob, open_input, parse_timestamp
from threadline.ingest.html import decode_html, page_document, parse_page
from threadline.ingest.images import check_image, sniff_image_type
from threadline.model import IngestItem, Problem, Skipped
from threadline.settings import Limits

_IGNORED = frozenset({"warcinfo", "request", "metadata", "conversion", "continuation"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_READ_CHUNK = 1 << 16
REVISIT_REASON = "revisit (same payload as an earlier capture)"


def read_warc(path: Path, source: str, limits: Limits) -> Iterator[IngestItem]:
    """Yield Blob/Document/Skipped/Problem items for one WARC file."""
    offset = 0
    handle = open_input(path, source)
    if isinstance(handle, Problem):
        yield handle
        return
    with handle:
        records = ArchiveIterator(handle, no_record_parse=True)
        declared_total = 0
        try:
            for record in records:
                offset = records.offset
                position = f"offset {offset}"
                length = _declared_length(record, source, position)
                declared_total += length
                if declared_total > limits.max_decompressed_bytes:
                    raise LimitExceeded(
                        source,
                        position,
                        f"archive inflates past {limits.max_decompressed_bytes} bytes (bomb?)",
                    )
                if length > limits.max_record_bytes:
                    raise LimitExceeded(
                        source,
                        position,
                        f"record declares {length} bytes, over the "
                        f"{limits.max_record_bytes} limit (bomb?)",
                    )
                rec_type = record.rec_type
                if rec_type in _IGNORED:
                    continue
                if rec_type == "revisit":
                    yield Skipped(source, REVISIT_REASON)
                    continue
                if rec_type not in ("response", "resource"):
                    yield Skipped(source, f"unsupported WARC record type {rec_type}")
                    continue
                yield from _content_record(record, source, position, limits)
        except IngestError as exc:
            yield Problem(source, exc.position, exc.reason)
        except (
            ArchiveLoadFailed,
            StatusAndHeadersParserException,
            EOFError,
            zlib.error,
            OSError,
            ValueError,
        ) as exc:
            yield Problem(source, f"offset {offset}", f"malformed or truncated WARC: {exc}")


def _declared_length(record: ArcWarcRecord, source: str, position: str) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length"))
    except (TypeError, ValueError):
        raise IngestError(source, position, "record without a valid Content-Length") from None


def _content_record(
    record: ArcWarcRecord, source: str, position: str, limits: Limits
) -> Iterator[IngestItem]:
    """One response/resource record: read its payload (bounded), then build items."""
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    captured_at = parse_timestamp(record.rec_headers.get_header("WARC-Date"))
    if record.rec_type == "response" and uri.lower().startswith(("http:", "https:")):
        try:
            record.http_headers = StatusAndHeadersParser(
                ["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"], verify=False
            ).parse(record.raw_stream)
        except (StatusAndHeadersParserException, EOFError) as exc:
            _drain(record, source, position)
            yield Problem(source, position, f"malformed HTTP headers: {exc}")
            return
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            _drain(record, source, position)
            yield Skipped(source, f"HTTP status {status or 'missing'}")
            return
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    try:
        payload = _read_payload(record, source, position, limits)
    except LimitExceeded as exc:  # the declared length was fine: skip just this record
        _drain(record, source, position)
        yield Problem(source, position, exc.reason)
        return
    _drain(record, source, position)
    media_type = (content_type or "").split(";")[0].strip().lower()
    if not media_type:
        media_type = _sniff_media_type(payload)
    if media_type in _HTML_TYPES:
        blob = make_blob(payload, "text/html", source, position, captured_at, uri or None)
        yield blob
        page = parse_page(decode_html(payload, content_type), uri or None)
        yield page_document(
            page,
            ref=uri or f"{Path(source).name}#{position}",
            url=uri or None,
            source_kind="warc",
            source=source,
            position=position,
            raw_sha256=blob.sha256,
            max_text_chars=limits.max_text_chars,
            captured_at=captured_at,
        )
    elif media_type.startswith("image/"):
        try:
            real_type = check_image(payload, source, position, limits)
        except IngestError as exc:
            yield Problem(source, position, f"{uri}: {exc.reason}")
            return
        yield make_blob(payload, real_type, source, position, captured_at, uri or None)
    else:
        yield Skipped(source, f"unsupported media type {media_type}")


def _read_payload(record: ArcWarcRecord, source: str, position: str, limits: Limits) -> bytes:
    """The decoded payload (chunked/gzip undone), never more than the record limit:
    a small gzip-encoded body can still inflate enormously."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_READ_CHUNK):
        size += len(chunk)
        if size > limits.max_record_bytes:
            raise LimitExceeded(
                source,
                position,
                f"payload inflates past {limits.max_record_bytes} bytes (bomb?)",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _drain(record: ArcWarcRecord, source: str, position: str) -> None:
    """Consume what is left of the record and check it was all there: warcio
    reports a truncated gzip member only as a short read."""
    while record.raw_stream.read(_READ_CHUNK):
        pass
    remaining = getattr(record.raw_stream, "limit", 0)
    if remaining:
        raise IngestError(source, position, f"record truncated ({remaining} bytes missing)")


def _sniff_media_type(payload: bytes) -> str:
    head = payload[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return sniff_image_type(payload) or "application/octet-stream"
