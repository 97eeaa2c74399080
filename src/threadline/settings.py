"""Named limits and locations.

Limits protect the analyst's machine from hostile input (ads are written by
adversaries): each is a named setting so an operator can raise it knowingly,
and so tests can lower it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "threadline-data"


@dataclass(frozen=True, slots=True)
class Limits:
    #: Largest single input file read into memory (JSON, CSV, HTML page).
    max_file_bytes: int = 512 * 1024 * 1024
    #: Largest single record (JSONL line, CSV row, WARC record payload, HTML page).
    max_record_bytes: int = 32 * 1024 * 1024
    #: Largest decompressed size of a gzip member stream (WARC.GZ), against bombs.
    max_decompressed_bytes: int = 8 * 1024 * 1024 * 1024
    #: Largest image file accepted as evidence.
    max_image_bytes: int = 40 * 1024 * 1024
    #: Largest image in pixels (width × height) decoded; above this it's a bomb.
    max_image_pixels: int = 64_000_000
    #: Longest document text kept for extraction (the raw bytes are kept whole).
    max_text_chars: int = 200_000


LIMITS = Limits()


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The project folder: ``--data`` beats ``THREADLINE_DATA`` beats the default."""
    value = explicit or os.environ.get("THREADLINE_DATA") or DEFAULT_DATA_DIR
    return Path(value)


def database_url(data: Path, explicit: str | None = None) -> str:
    """``--db`` beats ``THREADLINE_DATABASE_URL`` beats an SQLite file in the data folder."""
    url = explicit or os.environ.get("THREADLINE_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{(data / 'threadline.sqlite').resolve()}"


def current_user() -> str:
    """Who is ingesting/reviewing, for the chain of custody and the audit log."""
    return os.environ.get("THREADLINE_USER") or os.environ.get("USER") or "unknown"
