"""Small constructors shared by every reader: inputs, blobs, text caps, timestamps.

Kept in one place so every reader hashes, truncates and dates things the same
way: a document's ``raw_sha256`` must always be the SHA-256 of exactly the bytes
stored as its evidence blob, whatever format it came from.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from threadline.model import Blob, Problem


def open_input(path: Path, source: str) -> BinaryIO | Problem:
    """The input file opened for reading, or the Problem that names it when it can't be."""
    try:
        return path.open("rb")
    except OSError as exc:
        return Problem(source, "file", f"cannot open: {exc}")


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
