"""Small constructors shared by every reader: inputs, blobs, text caps, timestamps.

Kept in one place so every reader hashes, truncates and dates things the same
way: a document's ``raw_sha256`` must always be the SHA-256 of exactly the bytes
stored as its evidence blob, whatever format it came from.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from threadline.errors import IngestError, LimitExceeded
from threadline.model import Blob, Problem

GZIP_MAGIC = b"\x1f\x8b"


def open_input(path: Path, source: str) -> BinaryIO | Problem:
    """The input file opened for reading, or the Problem that names it when it can't be."""
    try:
        return path.open("rb")
    except OSError as exc:
        return Problem(source, "file", f"cannot open: {exc}")


def open_records(path: Path, source: str, limit: int) -> BinaryIO | Problem:
    """Like :func:`open_input`, but a gzip-compressed export (``ads.jsonl.gz``) is read
    through its decompression, which stops with a :class:`LimitExceeded` naming the file
    once it inflates past ``limit`` bytes (``max_decompressed_bytes``): a bomb."""
    handle = open_input(path, source)
    if isinstance(handle, Problem):
        return handle
    magic = handle.read(2)
    handle.seek(0)
    if magic != GZIP_MAGIC:
        return handle
    return CappedGzip(handle, source, limit)


class CappedGzip(gzip.GzipFile):
    """A gzip stream that refuses to inflate past ``limit`` bytes, counted as read, so a
    bomb is stopped at the limit instead of filling memory or disk first."""

    _CHUNK = 1 << 20

    def __init__(self, fileobj: BinaryIO, source: str, limit: int) -> None:
        super().__init__(fileobj=fileobj, mode="rb")
        self._file = fileobj
        self._source = source
        self._limit = limit
        self._inflated = 0

    def _count(self, data: bytes) -> bytes:
        self._inflated += len(data)
        if self._inflated > self._limit:
            raise LimitExceeded(self._source, "file",
                                f"decompresses past {self._limit} bytes (a gzip bomb?)")
        return data

    def _inflate(self, step: Callable[[], bytes]) -> bytes:
        try:
            return self._count(step())
        except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
            raise IngestError(self._source, "file", f"corrupt gzip data: {exc}") from exc

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:  # never inflate everything at once
            return b"".join(iter(lambda: self.read(self._CHUNK), b""))
        return self._inflate(lambda: super(CappedGzip, self).read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._inflate(lambda: super(CappedGzip, self).read1(size if size >= 0 else self._CHUNK))

    def readline(self, size: int | None = -1) -> bytes:
        return self._inflate(lambda: super(CappedGzip, self).readline(-1 if size is None else size))

    def seek(self, offset: int, whence: int = 0) -> int:
        position = super().seek(offset, whence)
        if position == 0:
            self._inflated = 0
        return position

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._file.close()


def make_blob(
    data: bytes,
    media_type: str,
    source: str,
    position: str,
    captured_at: datetime | None = None,
    url: str | None = None,
) -> Blob:
    """A blob whose ``sha256`` is computed here, never passed in, so it can't lie."""
    return Blob(
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        media_type=media_type,
        source=source,
        position=position,
        captured_at=captured_at,
        url=url,
    )


def cap_text(text: str, max_chars: int, fields: dict[str, str]) -> str:
    """Cut text to ``max_chars`` for extraction, noting it in ``fields`` so an
    analyst knows the evidence blob holds more than the document shows."""
    if len(text) <= max_chars:
        return text
    fields["truncated"] = "true"
    return text[:max_chars]


def parse_timestamp(value: object) -> datetime | None:
    """ISO 8601 text or unix seconds → timezone-aware UTC; anything else → None.

    Naive timestamps are taken as UTC: collectors and exports write UTC far
    more often than local time, and a wrong-but-stated zone beats none.
    Unparsable dates are not an error — ads carry junk dates all the time.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_unix(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.lstrip("-").replace(".", "", 1).isdigit():
        return _from_unix(float(text))
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _from_unix(seconds: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
