"""JSONL and CSV scraper exports → Documents, one per line/row.

Scrapers write whatever columns they like, so the analyst maps them
(``column_map={"text": "body"}`` means our ``text`` is the file's ``body``).
A bad line is reported with its line number and the rest of the file goes
on: one broken row must not cost the other ten thousand ads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from threadline.ingest.evidence import cap_text, make_blob, open_records, parse_timestamp
from threadline.ingest.localfiles import load_local_image
from threadline.ingest.sites import site_for
from threadline.model import Blob, Document, ImageRef, IngestItem, Problem
from threadline.settings import Limits

#: Our field names; every other column of a row goes into ``Document.fields``.
COLUMNS: tuple[str, ...] = (
    "id",
    "url",
    "site",
    "title",
    "text",
    "posted_at",
    "city",
    "country",
    "images",
    "account",
)
_IMAGE_SPLIT = re.compile(r"[;|]")
_SNIFF_BYTES = 64 * 1024


def read_jsonl(
    path: Path, source: str, column_map: Mapping[str, str] | None, limits: Limits
) -> Iterator[IngestItem]:
    """Stream a JSON Lines file (plain or gzip); each non-blank line must be one JSON object."""
    handle = open_records(path, source, limits.max_decompressed_bytes)
    if isinstance(handle, Problem):
        yield handle
        return
    with handle:
        line_no = 0
        while True:
            line = handle.readline(limits.max_record_bytes + 1)
            if not line:
                break
            line_no += 1
            position = f"line {line_no}"
            if len(line) > limits.max_record_bytes and not line.endswith(b"\n"):
                while (rest := handle.readline(_SNIFF_BYTES)) and not rest.endswith(b"\n"):
                    pass
                yield Problem(source, position, f"line over {limits.max_record_bytes} bytes")
                continue
            raw = line.rstrip(b"\r\n")
            if line_no == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Problem(source, position, f"invalid UTF-8: {exc.reason} at byte {exc.start}")
                continue
            except (ValueError, RecursionError) as exc:
                yield Problem(source, position, f"bad JSON: {exc}")
                continue
            if not isinstance(row, dict):
                yield Problem(source, position, "line is not a JSON object")
                continue
            yield from _row_items(
                row, raw, "jsonl", path, source, position, line_no, column_map, limits
            )


def read_csv(
    path: Path, source: str, column_map: Mapping[str, str] | None, limits: Limits
) -> Iterator[IngestItem]:
    """Read a CSV (plain or gzip) with a header row; ';' or ',' (or tab/pipe) found by
    csv.Sniffer."""
    handle = open_records(path, source, limits.max_decompressed_bytes)
    if isinstance(handle, Problem):
        yield handle
        return
    previous_limit = csv.field_size_limit(limits.max_record_bytes)
    try:
        with handle:
            dialect = _sniff_dialect(handle.read(_SNIFF_BYTES))
            handle.seek(0)
            text = io.TextIOWrapper(
                handle, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            yield from _csv_rows(csv.reader(text, dialect), path, source, column_map, limits)
    finally:
        csv.field_size_limit(previous_limit)


def _sniff_dialect(sample: bytes) -> type[csv.Dialect] | csv.Dialect:
    text = sample.decode("utf-8", errors="replace").replace("\x00", "")
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and len(sample) == _SNIFF_BYTES:
        text = "".join(lines[:-1])  # drop a line cut off mid-way by the sample
    try:
        return csv.Sniffer().sniff(text, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_rows(
    reader: Any, path: Path, source: str, column_map: Mapping[str, str] | None, limits: Limits
) -> Iterator[IngestItem]:
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        position = f"line {start}"
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(source, position, f"malformed CSV: {exc}")
            if reader.line_num < start:  # no progress: stop rather than loop
                break
            continue
        if header is None:
            header = [c.strip() for c in cells]
            if _has_bad_text(cells):
                yield Problem(source, position, "header has a NUL byte or invalid UTF-8")
                return
            continue
        if not any(c.strip() for c in cells):
            continue
        if "\x00" in "".join(cells):
            yield Problem(source, position, "NUL byte in row")
            continue
        if _has_bad_text(cells):
            yield Problem(source, position, "invalid UTF-8 in row")
            continue
        row = dict(zip(header, cells, strict=False))
        raw = json.dumps(row, ensure_ascii=False).encode("utf-8")
        if len(raw) > limits.max_record_bytes:
            yield Problem(source, position, f"row over {limits.max_record_bytes} bytes")
            continue
        yield from _row_items(row, raw, "csv", path, source, position, start, column_map, limits)


def _has_bad_text(cells: list[str]) -> bool:
    try:
        "".join(cells).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return "\x00" in "".join(cells)


def _row_items(
    row: dict[str, Any],
    raw: bytes,
    kind: str,
    path: Path,
    source: str,
    position: str,
    line_no: int,
    column_map: Mapping[str, str] | None,
    limits: Limits,
) -> Iterator[IngestItem]:
    """Blob, image blobs, then the Document for one mapped row."""
    values, extras = _map_row(row, column_map or {})
    text, title = values.get("text") or "", values.get("title") or ""
    if not text.strip() and not title.strip():
        yield Problem(source, position, "row has neither text nor title")
        return
    url = values.get("url") or None
    posted_at = parse_timestamp(_raw_value(row, "posted_at", column_map or {}))
    blob = make_blob(raw, "application/json", source, position, url=url)
    yield blob
    images: list[ImageRef] = []
    for entry in _image_entries(_raw_value(row, "images", column_map or {})):
        if re.match(r"^https?://", entry, re.I):
            images.append(ImageRef(url=entry))
            continue
        image = load_local_image(path.parent, entry, source, position, limits)
        yield image
        if isinstance(image, Blob):
            images.append(ImageRef(sha256=image.sha256))
    row_id = values.get("id")
    ref = url or (f"{path.name}#{row_id}" if row_id else f"{path.name}#line-{line_no}")
    country = values.get("country") or None
    if country and not (len(country) == 2 and country.isalpha()):
        extras["country"] = country
        country = None
    fields = extras
    site = values.get("site") or (urlsplit(url).hostname if url else None)
    known = site_for(site)
    if known is not None and known.category and "site_category" not in fields:
        fields["site_category"] = known.category  # same prior as a captured page of the site
    yield Document(
        ref=ref,
        source_kind=kind,
        source=source,
        position=position,
        text=cap_text(text, limits.max_text_chars, fields),
        title=title,
        url=url,
        site=site,
        posted_at=posted_at,
        city=values.get("city") or None,
        country=country.upper() if country else None,
        account=_account(values.get("account"), site),
        fields=fields,
        images=images,
        raw_sha256=blob.sha256,
    )


def _account(poster: str | None, site: str | None) -> str | None:
    """A poster id is only unique on its site: ``u123`` on two sites are two
    people, so a bare id is namespaced as ``site:u123``."""
    if not poster:
        return None
    return poster if ":" in poster or not site else f"{site}:{poster}"


def _map_row(
    row: dict[str, Any], column_map: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Our fields as strings, plus every unmapped scalar column as an extra field."""
    values: dict[str, str] = {}
    used: set[str] = set()
    for name in COLUMNS:
        column = _find_column(row, column_map.get(name, name))
        if column is None:
            continue
        used.add(column)
        value = row[column]
        if value is not None and not isinstance(value, dict | list):
            values[name] = str(value).strip()
    extras = {
        str(k): str(v).strip()
        for k, v in row.items()
        if k not in used
        and isinstance(v, str | int | float)
        and not isinstance(v, bool)
        and str(v).strip()
    }
    return values, extras


def _find_column(row: dict[str, Any], wanted: str) -> str | None:
    """Exact column name first, then case-insensitive (exports vary in case)."""
    if wanted in row:
        return wanted
    lowered = wanted.lower()
    return next((k for k in row if isinstance(k, str) and k.lower() == lowered), None)


def _raw_value(row: dict[str, Any], name: str, column_map: Mapping[str, str]) -> Any:
    column = _find_column(row, column_map.get(name, name))
    return row[column] if column is not None else None


def _image_entries(value: Any) -> list[str]:
    """A JSON list, or one string separated by ';' or '|'."""
    if isinstance(value, list):
        entries = [str(v) for v in value if isinstance(v, str)]
    elif isinstance(value, str):
        entries = _IMAGE_SPLIT.split(value)
    else:
        return []
    return [e.strip() for e in entries if e.strip()]
