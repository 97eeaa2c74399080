"""Image checks, path containment and the small shared constructors."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from tests.ingest.builders import png_bytes, png_header_claiming
from threadline.errors import IngestError, LimitExceeded, UnsafePathError
from threadline.ingest.evidence import cap_text, make_blob, parse_timestamp
from threadline.ingest.images import check_image, sniff_image_type
from threadline.ingest.localfiles import read_inside, resolve_inside
from threadline.settings import Limits


def _encoded(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_accepted_images(fmt: str, media_type: str) -> None:
    data = _encoded(fmt)
    assert sniff_image_type(data) == media_type
    assert check_image(data, "s", "p", Limits()) == media_type


@pytest.mark.parametrize(
    ("data", "limits", "error"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", Limits(), IngestError),
        (_encoded("BMP"), Limits(), IngestError),
        (b"\x89PNG\r\n\x1a\nbroken", Limits(), IngestError),
        (png_header_claiming(100_000, 100_000), Limits(), LimitExceeded),
        (png_header_claiming(5_000, 5_000), Limits(max_image_pixels=1_000_000), LimitExceeded),
        (png_bytes(), Limits(max_image_bytes=10), LimitExceeded),
    ],
)
def test_refused_images(data: bytes, limits: Limits, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_image(data, "s", "p", limits)


def test_image_bomb_refused_quickly() -> None:
    """Declared 100000×100000: refused from the header in well under a second."""
    start = datetime.now()
    with pytest.raises(LimitExceeded):
        check_image(png_header_claiming(100_000, 100_000), "s", "p", Limits())
    assert (datetime.now() - start).total_seconds() < 1


@pytest.mark.parametrize(
    "reference",
    ["../x.png", "a/../../x.png", "/etc/passwd", "C:\\Windows\\win.ini", "", "a\x00b"],
)
def test_resolve_inside_refuses(tmp_path: Path, reference: str) -> None:
    with pytest.raises(UnsafePathError):
        resolve_inside(tmp_path / "root", reference, "s", "p")


def test_resolve_and_read_inside(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (root / "a" / "f.bin").write_bytes(b"12345")
    assert resolve_inside(root, "a/../a/f.bin", "s", "p") == (root / "a" / "f.bin").resolve()
    assert read_inside(root, "a/f.bin", "s", "p", 10) == b"12345"
    with pytest.raises(LimitExceeded):
        read_inside(root, "a/f.bin", "s", "p", 4)
    with pytest.raises(IngestError, match="missing"):
        read_inside(root, "a/none.bin", "s", "p", 10)
    with pytest.raises(IngestError, match="regular"):
        read_inside(root, "a", "s", "p", 10)
    os.mkfifo(root / "fifo")  # would block forever if opened
    with pytest.raises(IngestError, match="regular"):
        read_inside(root, "fifo", "s", "p", 10)


def test_make_blob_hashes_its_bytes() -> None:
    blob = make_blob(b"evidence", "text/plain", "src", "line 1")
    assert blob.sha256 == hashlib.sha256(b"evidence").hexdigest()


def test_cap_text() -> None:
    fields: dict[str, str] = {}
    assert cap_text("abc", 5, fields) == "abc" and fields == {}
    assert cap_text("abcdef", 3, fields) == "abc" and fields == {"truncated": "true"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01T12:00:00+02:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01 10:00:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        (1709287200, datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("1709287200", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("ayer", None),
        ("", None),
        (None, None),
        (True, None),
        (10**20, None),
        ({"x": 1}, None),
    ],
)
def test_parse_timestamp(value: object, expected: datetime | None) -> None:
    assert parse_timestamp(value) == expected
