"""Builders for ingest tests: WARCs and images made in tmp_path, never downloaded."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from threadline.model import Blob, Document, Problem, Skipped

SAMPLES = Path(__file__).parent / "samples"

AD_PAGE = (
    "<!doctype html><html><head><title>Ana - Citas Madrid</title>"
    "<script>var tracking = 1;</script><style>.x{color:red}</style></head><body>"
    '<h1>Ana</h1><p>Hola, soy <span class="ad-name">Ana</span>, '
    '<span class="ad-age">24</span> años.</p><p>Precio <span class="ad-price">100 €</span> en '
    '<span class="ad-city">Madrid</span></p>'
    '<a class="ad-phone" href="tel:+34612345678">612 345 678</a>'
    '<a href="mailto:ana@citas-demo.example">mail</a>'
    '<span class="ad-poster" data-poster-id="p77"></span>'
    '<img src="/fotos/ana1.jpg"><img srcset="/fotos/ana2.jpg 1x, /fotos/ana2@2x.jpg 2x">'
    '<meta property="og:image" content="https://cdn.citas-madrid.example/og.jpg">'
    "<noscript>enable js</noscript></body></html>"
)


def png_bytes(size: tuple[int, int] = (4, 4), color: tuple[int, int, int] = (255, 0, 0)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR declares huge dimensions: decoding it would be a bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


Record = tuple[str, str, bytes, str | None]  # (type, uri, payload, content-type or None)


def write_warc(path: Path, records: Iterable[Record], gz: bool = True) -> Path:
    """Write response/request/revisit/resource records with warcio's own writer."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for rec_type, uri, payload, content_type in records:
            if rec_type == "response":
                headers = [("Content-Type", content_type)] if content_type else []
                http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(payload), http_headers=http
                )
            elif rec_type == "revisit":
                record = writer.create_revisit_record(uri, "sha1:AAAA", uri, "2024-01-01T00:00:00Z")
            else:
                record = writer.create_warc_record(
                    uri,
                    rec_type,
                    payload=io.BytesIO(payload),
                    warc_content_type=content_type or "application/octet-stream",
                )
            writer.write_record(record)
    return path


def split(
    items: Iterable[object],
) -> tuple[list[Blob], list[Document], list[Problem], list[Skipped]]:
    items = list(items)
    return (
        [i for i in items if isinstance(i, Blob)],
        [i for i in items if isinstance(i, Document)],
        [i for i in items if isinstance(i, Problem)],
        [i for i in items if isinstance(i, Skipped)],
    )


def assert_blob_before_document(items: list[object]) -> None:
    """Every Document's raw_sha256 names a Blob already yielded."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Blob):
            seen.add(item.sha256)
        elif isinstance(item, Document):
            assert item.raw_sha256 in seen, item.ref
