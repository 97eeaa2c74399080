from __future__ import annotations

import gzip
from datetime import UTC
from pathlib import Path

import pytest

from tests.ingest.builders import (
    AD_PAGE,
    assert_blob_before_document,
    png_bytes,
    png_header_claiming,
    split,
)
from threadline.ingest import read_paths
from threadline.ingest.warc import REVISIT_REASON, read_warc
from threadline.model import Blob, Document, Problem
from threadline.settings import LIMITS, Limits

AD_URL = "https://www.citas-madrid.example/anuncio/ana-24"


def _crawl() -> list:
    return [
        ("warcinfo", "", b"software: test", "application/warc-fields"),
        ("request", AD_URL, b"GET /anuncio/ana-24 HTTP/1.1\r\n\r\n", "application/http"),
        ("response", AD_URL, AD_PAGE.encode(), "text/html; charset=utf-8"),
        ("response", "https://www.citas-madrid.example/fotos/ana1.jpg", png_bytes(), "image/png"),
        ("revisit", AD_URL, b"", None),
        (
            "response",
            "https://www.citas-madrid.example/app.js",
            b"var a;",
            "application/javascript",
        ),
        ("response", "https://unknown-site.example/x", b"<html><title>T</title><p>hi</p>", None),
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_well_formed_warc(warc_builder, gz: bool) -> None:
    path = warc_builder(_crawl(), name="crawl.warc.gz" if gz else "crawl.warc", gz=gz)
    items = list(read_paths([path]))
    blobs, docs, problems, skipped = split(items)
    assert problems == []
    assert_blob_before_document(items)
    assert [d.ref for d in docs] == [AD_URL, "https://unknown-site.example/x"]
    ad = docs[0]
    assert ad.source_kind == "warc" and ad.source == str(path)
    assert ad.site == "www.citas-madrid.example"
    assert ad.title == "Ana - Citas Madrid"
    assert "tracking" not in ad.text and "color:red" not in ad.text and "enable js" not in ad.text
    assert ad.text.splitlines()[:2] == ["Ana", "Hola, soy Ana, 24 años."]
    assert ad.fields == {
        "name": "Ana",
        "age": "24",
        "price": "100 €",
        "city": "Madrid",
        "phone": "612 345 678",
        "poster_id": "p77",
        "site_category": "escort",  # sites.yaml: a prior for the document kind
    }
    assert (ad.city, ad.country, ad.account) == ("Madrid", "ES", "citas-madrid.example:p77")
    assert [(h.kind, h.value) for h in ad.hints] == [
        ("tel", "tel:+34612345678"),
        ("mailto", "mailto:ana@citas-demo.example"),
    ]
    assert [i.url for i in ad.images] == [
        "https://www.citas-madrid.example/fotos/ana1.jpg",
        "https://www.citas-madrid.example/fotos/ana2.jpg",
        "https://cdn.citas-madrid.example/og.jpg",
    ]
    assert ad.captured_at is not None and ad.captured_at.tzinfo == UTC
    assert ad.position.startswith("offset ")
    image = next(b for b in blobs if b.media_type == "image/png")
    assert image.url == "https://www.citas-madrid.example/fotos/ana1.jpg"
    unknown = docs[1]
    assert unknown.title == "T" and unknown.fields == {} and unknown.country is None
    assert sorted(s.reason for s in skipped) == sorted(
        [REVISIT_REASON, "unsupported media type application/javascript"]
    )


def test_positions_are_record_offsets(warc_builder) -> None:
    path = warc_builder(_crawl())
    offsets = [
        int(b.position.split()[1])
        for b in read_warc(path, str(path), LIMITS)
        if isinstance(b, Blob)
    ]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets) == 3
    data = path.read_bytes()
    for offset in offsets:  # each offset starts a gzip member
        assert data[offset : offset + 2] == b"\x1f\x8b"


def test_truncated_gzip_keeps_earlier_records(warc_builder, tmp_path: Path) -> None:
    full = warc_builder(_crawl())
    data = full.read_bytes()
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(data[: len(data) - 40])
    items = list(read_paths([truncated]))
    _, docs, problems, _ = split(items)
    assert [d.ref for d in docs] == [AD_URL]
    assert len(problems) == 1 and problems[0].position.startswith("offset ")
    assert problems[0].source == str(truncated)


def test_garbage_named_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc.gz"
    path.write_bytes(bytes(range(256)) * 40)
    items = list(read_paths([path]))
    assert len(items) == 1 and isinstance(items[0], Problem)
    # and the reader itself, forced on it, reports rather than raises
    forced = list(read_warc(path, str(path), LIMITS))
    assert len(forced) == 1 and isinstance(forced[0], Problem)


def test_gzip_bomb_is_refused_without_inflating(tmp_path: Path) -> None:
    """200 MB of zeros as one WARC record, ~200 KB on disk; refused from its header."""
    size = 200 * 1024 * 1024
    path = tmp_path / "bomb.warc.gz"
    header = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://bomb.example/\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: text/html\r\n"
        f"Content-Length: {size}\r\n\r\n"
    ).encode()
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(header)
        zeros = b"\x00" * (4 * 1024 * 1024)
        for _ in range(size // len(zeros)):
            out.write(zeros)
        out.write(b"\r\n\r\n")
    assert path.stat().st_size < 2 * 1024 * 1024
    limits = Limits(max_record_bytes=1024 * 1024, max_decompressed_bytes=8 * 1024 * 1024)
    items = list(read_paths([path], limits=limits))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "bomb" in items[0].reason and items[0].position == "offset 0"


def test_total_decompressed_limit(warc_builder) -> None:
    page = AD_PAGE.encode() + b" " * 10_000
    path = warc_builder(
        [
            ("response", AD_URL, page, "text/html"),
            ("response", "https://a.example/2", page, "text/html"),
        ]
    )
    items = list(read_paths([path], limits=Limits(max_decompressed_bytes=15_000)))
    _, docs, problems, _ = split(items)
    assert [d.ref for d in docs] == [AD_URL]
    assert len(problems) == 1 and "inflates" in problems[0].reason


def _raw_response(uri: str, http: bytes) -> bytes:
    return (
        (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            "WARC-Date: 2024-02-03T04:05:06Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        + http
        + b"\r\n\r\n"
    )


def test_content_encoding_bomb_skips_only_that_record(tmp_path: Path) -> None:
    inflating = gzip.compress(b"<html>" + b" " * 3_000_000)
    bomb = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + inflating
    )
    good = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + AD_PAGE.encode()
    path = tmp_path / "encoded.warc"
    path.write_bytes(_raw_response("https://a.example/1", bomb) + _raw_response(AD_URL, good))
    items = list(read_paths([path], limits=Limits(max_record_bytes=1_000_000)))
    _, docs, problems, _ = split(items)
    assert [d.ref for d in docs] == [AD_URL]
    assert len(problems) == 1 and problems[0].position == "offset 0"
    assert "inflates" in problems[0].reason


def test_chunked_and_gzip_encoded_payload(tmp_path: Path) -> None:
    body = gzip.compress(AD_PAGE.encode())
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunked
    )
    path = tmp_path / "chunked.warc"
    path.write_bytes(_raw_response(AD_URL, http))
    items = list(read_paths([path]))
    blobs, docs, problems, _ = split(items)
    assert problems == []
    assert blobs[0].data == AD_PAGE.encode()  # the decoded payload is the evidence
    assert docs[0].fields["name"] == "Ana"
    assert docs[0].captured_at.isoformat() == "2024-02-03T04:05:06+00:00"


def test_image_bomb_in_warc_is_refused(warc_builder) -> None:
    path = warc_builder(
        [
            (
                "response",
                "https://x.example/huge.png",
                png_header_claiming(100_000, 100_000),
                "image/png",
            ),
            ("response", "https://x.example/fake.png", b"<svg></svg>", "image/png"),
        ]
    )
    items = list(read_paths([path]))
    assert all(isinstance(i, Problem) for i in items) and len(items) == 2
    assert "huge.png" in items[0].reason and "fake.png" in items[1].reason


def test_non_2xx_responses_are_skipped(tmp_path: Path) -> None:
    http = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>"
    path = tmp_path / "404.warc"
    path.write_bytes(_raw_response("https://a.example/x", http))
    items = list(read_paths([path]))
    assert [getattr(i, "reason", None) for i in items] == ["HTTP status 404"]
    assert not any(isinstance(i, Document) for i in items)
