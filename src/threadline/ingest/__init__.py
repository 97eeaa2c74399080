"""Ingest: collected files → evidence Blobs and Documents.

One reader per input format (``warc``, ``telegram``, ``tabular`` for JSONL/CSV,
``htmlpages`` for saved pages); :func:`detect_format` picks by *content*, since
analysts' files arrive misnamed; :func:`read_paths` streams items from many
inputs and turns every failure into a :class:`~threadline.model.Problem`, so one
hostile or broken file never stops a batch.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from threadline.errors import IngestError
from threadline.ingest.evidence import GZIP_MAGIC, open_records
from threadline.ingest.htmlpages import html_files, read_html_folder, read_html_page
from threadline.ingest.tabular import read_csv, read_jsonl
from threadline.ingest.telegram import read_telegram
from threadline.ingest.warc import read_warc
from threadline.model import IngestItem, Problem
from threadline.settings import LIMITS, Limits

__all__ = ["FORMATS", "detect_format", "read_paths"]

#: What :func:`detect_format` can answer.
FORMATS: tuple[str, ...] = ("warc", "telegram", "jsonl", "csv", "html", "html-folder")

_PEEK_BYTES = 64 * 1024
_TELEGRAM_KEYS = re.compile(rb'"(messages|chats)"\s*:')
_LEADING_COMMENTS = re.compile(r"^(\s*<!--.*?-->)*\s*", re.S)


def detect_format(path: Path) -> str | None:
    """The input format of ``path`` judged from its content, or None if unknown."""
    try:
        if path.is_dir():
            return _detect_folder(path)
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError:
        return None
    if head.startswith(GZIP_MAGIC):
        inner = _gunzip_head(head)
        if inner.lstrip().startswith(b"WARC/"):
            return "warc"
        # a compressed scraper export; gzipped HTML pages and Telegram exports are not read
        kind = _detect_content(path, inner)
        return kind if kind in ("jsonl", "csv") else None
    return _detect_content(path, head)


def _detect_content(path: Path, head: bytes) -> str | None:
    head = head.removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return _detect_json(path, head)
    if _looks_like_html(head):
        return "html"
    if _looks_like_csv(head):
        return "csv"
    return None


def read_paths(
    paths: Sequence[Path],
    column_map: Mapping[str, str] | None = None,
    limits: Limits = LIMITS,
) -> Iterator[IngestItem]:
    """Stream Blobs, Documents, Skipped and Problems from every input in turn.

    Each Document is preceded by the Blob it was parsed from. Never raises for
    bad input: an unreadable or unrecognised path becomes a Problem naming it.
    """
    for path in paths:
        source = str(path)
        if not path.exists():
            yield Problem(source, "file", "no such file or folder")
            continue
        kind = detect_format(path)
        if kind is None:
            yield Problem(source, "file", _unknown_reason(path))
            continue
        try:
            yield from _reader(kind, path, source, column_map, limits)
        except IngestError as exc:
            yield Problem(source, exc.position, exc.reason)
        except Exception as exc:  # a reader bug must not end the batch; report it loudly
            yield Problem(source, "file", f"unexpected {type(exc).__name__}: {exc}")


def _reader(
    kind: str, path: Path, source: str, column_map: Mapping[str, str] | None, limits: Limits
) -> Iterator[IngestItem]:
    if kind == "warc":
        return read_warc(path, source, limits)
    if kind == "telegram":
        return read_telegram(path, source, limits)
    if kind == "jsonl":
        return read_jsonl(path, source, column_map, limits)
    if kind == "csv":
        return read_csv(path, source, column_map, limits)
    if kind == "html":
        return read_html_page(path, source, limits)
    return read_html_folder(path, source, limits)


def _unknown_reason(path: Path) -> str:
    if path.is_dir():
        return "folder holds no Telegram export (result.json) and no .html pages"
    try:
        if path.stat().st_size == 0:
            return "empty file"
    except OSError as exc:
        return f"cannot read: {exc}"
    return "unrecognised format (not WARC, Telegram export, JSONL, CSV or HTML, plain or gzip)"


def _detect_folder(path: Path) -> str | None:
    if (path / "result.json").is_file():
        return "telegram"
    if html_files(path):
        return "html-folder"
    return None


def _gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes only: a gzip bomb must not be inflated to peek."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _PEEK_BYTES)
    except zlib.error:
        return b""


def _detect_json(path: Path, head: bytes) -> str | None:
    """JSONL if one of the first few non-blank lines is a JSON object (a broken
    first line must not hide ten thousand good ones); a Telegram result.json
    if the file is one object holding "messages" or "chats"."""
    lines = _first_lines(path)
    parsed = [_json_object(line) for line in lines]
    if parsed and isinstance(parsed[0], dict) and len(lines) == 1:
        return "telegram" if {"messages", "chats"} & parsed[0].keys() else "jsonl"
    if any(isinstance(p, dict) for p in parsed):
        return "jsonl"
    if _TELEGRAM_KEYS.search(head) or path.name == "result.json":
        return "telegram"
    return None


def _first_lines(path: Path, wanted: int = 5) -> list[bytes]:
    """Up to ``wanted`` non-blank lines (only two if the first is a whole object)."""
    lines: list[bytes] = []
    handle = open_records(path, str(path), _PEEK_BYTES * 16)
    if isinstance(handle, Problem):
        return lines
    with handle:
        for _ in range(1000):
            try:
                line = handle.readline(LIMITS.max_record_bytes)
            except IngestError:  # a corrupt or huge compressed head: judge what was read
                break
            if not line:
                break
            if line.strip():
                lines.append(line.removeprefix(b"\xef\xbb\xbf"))
            if len(lines) >= wanted:
                break
    return lines


def _json_object(line: bytes) -> object:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _looks_like_html(head: bytes) -> bool:
    text = head[:8192].decode("utf-8", errors="replace")
    text = _LEADING_COMMENTS.sub("", text, count=1).lower()
    return text.startswith(("<!doctype html", "<html", "<head", "<body"))


def _looks_like_csv(head: bytes) -> bool:
    """Sniffable delimiter and a plausible header: ≥2 distinct non-numeric names."""
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\x00", "")
    lines = text.splitlines()
    if len(lines) < 2 or any(ch in text[:4096] for ch in "\x01\x02\x03\x04\x05\x06\x07\x08"):
        return False
    sample = "\n".join(lines[:50] if len(head) < _PEEK_BYTES else lines[:-1][:50])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return False
    header = next(csv.reader([lines[0]], dialect), [])
    names = [h.strip() for h in header]
    return (
        len(names) >= 2
        and all(names)
        and len(set(names)) == len(names)
        and not any(n.replace(".", "").isdigit() for n in names)
    )
